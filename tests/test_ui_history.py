"""The History page under AppTest: fit numbers as the CLI gives them, link-bound filters, hostile filter links."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pacnet_dashboard.figures.history import MOMENT_GAP_DAYS, moment_rows
from pacnet_dashboard.io.data import load_events
from pacnet_dashboard.history.moments import KEY_CATEGORIES, key_moments
from pacnet_dashboard.history.replay import evaluate, fitted_parameters
from pacnet_dashboard.report.chart_text import history_summary
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.ui import history_view

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "pacnet_dashboard/ui/pages/history.py"
TIMEOUT = 120

pytestmark = pytest.mark.apptest


def open_history(query: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    return at


def plain(text: object) -> str:
    return str(text).replace("\\", "")


def page_text(at: AppTest) -> str:
    return "\n".join(plain(m.value) for m in at.markdown)


def warnings(at: AppTest) -> list[str]:
    return [plain(w.value) for w in at.warning]


def table_rows(at: AppTest) -> int:
    return max(len(d.value) for d in at.dataframe if "Description" in d.value.columns)


def timeline_table(at: AppTest) -> pd.DataFrame:
    """The timeline's data table, which the page builds only while its expander is open (closed again after)."""
    assert not any("Observed tension" in t.value.columns for t in at.table)
    at.session_state["_history_table"] = True
    at.run()
    table = next(t.value for t in at.table if "Observed tension" in t.value.columns)
    at.session_state["_history_table"] = False
    at.run()
    return table


@pytest.fixture(scope="module")
def default_page() -> AppTest:
    return open_history()


def test_history_page_runs_at_its_defaults(default_page: AppTest) -> None:
    assert not default_page.exception, default_page.exception
    assert not default_page.warning, warnings(default_page)
    assert table_rows(default_page) == len(load_events())


def test_the_headline_metrics_score_the_values_in_use(default_page: AppTest) -> None:
    result = evaluate(load_events(), default_parameters())
    metrics = {m.label: m.value for m in default_page.metric}
    assert metrics["In-sample r"] == f"{result.in_sample.r:.2f}"
    assert metrics["In-sample RMSE"] == f"{result.in_sample.rmse:.1f}"
    assert metrics["Out-of-sample r"] == f"{result.out_of_sample.r:.2f}"
    assert metrics["Out-of-sample RMSE"] == f"{result.out_of_sample.rmse:.1f}"
    fitted = evaluate(load_events(), fitted_parameters())
    text = page_text(default_page)
    for number in (f"r = {fitted.in_sample.r:.2f}", f"RMSE = {fitted.in_sample.rmse:.1f}",
                   f"r = {fitted.out_of_sample.r:.2f}", f"RMSE = {fitted.out_of_sample.rmse:.1f}"):
        assert number in text, number
    assert "not adopted" in text


def test_the_page_says_which_wins_against_the_references(default_page: AppTest) -> None:
    judgement = evaluate(load_events(), default_parameters())
    best = judgement.best_by_window()["out_of_sample"]
    text = page_text(default_page)
    assert f"Out of sample **{history_view.IN_WORDS[best]} wins**" in text
    cells = [str(v).replace("\\", "") for t in default_page.table for v in t.value.to_numpy().ravel()]
    for name, scores in judgement.reference_scores().items():
        assert f"{scores['out_of_sample'].rmse:.1f}" in cells and f"{scores['in_sample'].r:.2f}" in cells, name


def test_the_page_says_in_words_whether_the_fit_carries_over(default_page: AppTest) -> None:
    """The page prints the verdict of `fit_words` for the replays it shows (the rule is tested below on its own)."""
    fitted, judgement = evaluate(load_events(), fitted_parameters()), evaluate(load_events(), default_parameters())
    text = page_text(default_page)
    verdict = history_view.fit_words(fitted, judgement)[2]
    assert verdict in text
    assert ("The fit carries over out of sample." in text) != ("The fit does not carry over out of sample." in text)


def test_the_figure_shows_markers_index_and_model(default_page: AppTest) -> None:
    spec = default_page.get("plotly_chart")[0].proto.spec
    for name in ("escalation event", "de-escalation event", "observed tension", "model tension"):
        assert name in spec


def test_filters_narrow_the_table_and_markers() -> None:
    at = open_history({"hist_direction": "de-escalation", "hist_actor": "dprk"})
    assert not at.exception and not at.warning, warnings(at)
    expected = [e for e in load_events() if e.direction == "de-escalation" and e.actor == "dprk"]
    assert table_rows(at) == len(expected) > 0
    assert any(f"{len(expected)} of {len(load_events())} events" in plain(c.value) for c in at.caption)


def test_several_directions_from_one_link() -> None:
    at = open_history({"hist_direction": ["escalation", "neutral"]})
    assert not at.exception and not at.warning
    assert table_rows(at) == sum(e.direction != "de-escalation" for e in load_events())


HOSTILE = {
    "unknown direction": ({"hist_direction": "war"}, "hist_direction", "every direction"),
    "wrong case": ({"hist_direction": "Escalation"}, "hist_direction", "every direction"),
    "unknown actor": ({"hist_actor": "narnia"}, "hist_actor", "every actor"),
    "label instead of id": ({"hist_actor": "United States"}, "hist_actor", "every actor"),
    "script tag": ({"hist_actor": "<script>alert(1)</script>"}, "hist_actor", "every actor"),
    "markdown link": ({"hist_direction": "[x](javascript:alert(1))"}, "hist_direction", "every direction"),
    "long value": ({"hist_actor": "x" * 5000}, "hist_actor", "every actor"),
    "mixed good and bad": ({"hist_actor": ["us", "bogus"]}, "hist_actor", "Keeping us"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_filter_links_show_a_notice_and_fall_back(case: str) -> None:
    query, key, fallback = HOSTILE[case]
    at = open_history(query)
    assert not at.exception, at.exception
    shown = warnings(at)
    assert any(key in w and fallback in w for w in shown), shown
    assert all("<" not in plain(w.value) or "\\<" in w.value for w in at.warning)
    assert all(len(w) < 800 for w in shown)
    kept = [e for e in load_events() if e.actor == "us"] if case == "mixed good and bad" else load_events()
    assert table_rows(at) == len(kept)
    at.run()
    assert not at.exception
    assert sum(key in w for w in warnings(at)) == 1  # shown once, now with the page-top notices


def test_filter_keys_are_not_reported_as_unknown_levers() -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["hist_actor"] = "us"
    at.run()
    assert not at.exception and not at.warning, warnings(at)


def _scores(r_in: float, rmse_in: float, r_out: float, rmse_out: float) -> SimpleNamespace:
    return SimpleNamespace(in_sample=SimpleNamespace(r=r_in, rmse=rmse_in),
                           out_of_sample=SimpleNamespace(r=r_out, rmse=rmse_out))


@pytest.mark.parametrize(("fitted", "judgement", "carries_over"), [
    (_scores(0.9, 5.0, 0.8, 6.0), _scores(0.5, 10.0, 0.4, 12.0), True),    # small out-of-sample error, below judgement
    (_scores(0.9, 5.0, 0.8, 20.0), _scores(0.5, 10.0, 0.4, 12.0), False),  # error four times the in-sample one
    (_scores(0.9, 5.0, 0.8, 7.0), _scores(0.5, 6.0, 0.4, 6.5), False),     # small, but worse than the judgement values
])
def test_fit_words_give_the_verdict_and_the_numbers(fitted, judgement, carries_over: bool) -> None:
    words = history_view.fit_words(fitted, judgement)
    assert words[2].startswith("The fit carries over") == carries_over
    assert ("does not carry over" in words[2]) != carries_over
    assert f"RMSE = {fitted.out_of_sample.rmse:.1f}" in words[1] and f"{judgement.out_of_sample.rmse:.1f}" in words[1]


def test_event_frame_flags_uncertain_dates_and_keeps_only_web_links() -> None:
    events = load_events()
    frame = history_view.events_frame(events)
    assert list(frame.columns[:8]) == ["Date", "Date uncertain", "Actor", "Target", "Category", "Direction",
                                       "Goldstein", "Description"]
    assert frame["Date uncertain"].sum() == sum(e.date_uncertain for e in events) > 0
    assert all(str(link).startswith(("http://", "https://")) for link in frame["Link"] if link)


def test_the_values_in_use_are_scored_beside_the_fitted_ones(default_page: AppTest) -> None:
    judgement = evaluate(load_events(), default_parameters())
    cells = [str(v).replace("\\", "") for t in default_page.table for v in t.value.to_numpy().ravel()]
    assert f"{judgement.out_of_sample.rmse:.1f}" in cells and f"{judgement.in_sample.r:.2f}" in cells


def test_the_key_moments_follow_the_rule_on_the_data() -> None:
    """Every event between the two principals that is a summit or a nuclear test is a moment, one per day, and
    nothing else is; the bundled record gives a handful, each labelled with its own date."""
    events = load_events()
    moments = key_moments(events)
    expected = {e.date for e in events if e.category in KEY_CATEGORIES and {e.actor, e.target} == {"us", "dprk"}}
    assert [m.date for m in moments] == sorted(expected) and 3 <= len(moments) <= 8
    for m in moments:
        assert m.event.date == m.date and m.label.startswith(KEY_CATEGORIES[m.event.category])
        assert f"{m.date.day} {m.date:%b %Y}" in m.label


def test_neighbouring_moment_labels_never_share_a_row() -> None:
    moments = key_moments(load_events())
    rows = moment_rows(moments)
    for k, (m, row) in enumerate(zip(moments, rows)):
        same_row = [o for o, r in zip(moments[:k], rows[:k]) if r == row]
        assert all((m.date - o.date).days >= MOMENT_GAP_DAYS for o in same_row)
    assert max(rows) >= 1  # the bundled record has two summits four months apart: they are staggered


def test_the_timeline_labels_the_key_moments_and_has_a_text_alternative(default_page: AppTest) -> None:
    spec = json.loads(default_page.get("plotly_chart")[0].proto.spec)
    labels = [a["text"] for a in spec["layout"]["annotations"] if a.get("name", "").startswith("moment")]
    moments = key_moments(load_events())
    assert labels == [f"<b>{m.what}</b><br>{m.when}" for m in moments]
    judgement = evaluate(load_events(), default_parameters())
    summary = history_summary(load_events(), judgement, moments)
    assert summary in page_text(default_page) and all(m.label in summary for m in moments)
    table = timeline_table(default_page)
    assert len(table) == len(judgement.observed.months)
    assert table["Escalation events"].sum() == sum(e.direction == "escalation" for e in load_events())
    assert list(table["Observed tension"]) == [round(float(v), 1) for v in judgement.observed.tension_m]


def test_the_text_alternative_follows_the_filters() -> None:
    at = open_history({"hist_direction": "de-escalation"})
    table = timeline_table(at)
    assert table["Escalation events"].sum() == 0
    assert table["De-escalation events"].sum() == sum(e.direction == "de-escalation" for e in load_events())
