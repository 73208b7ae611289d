"""Every page under AppTest: defaults, each bundled scenario by link, and hostile links that must fail softly."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.report.story import BASELINE_LABEL, PROPOSAL_SHORT
from pacnet_dashboard.scenario import bundled, bundled_names, to_strings

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE_DIR = ROOT / "pacnet_dashboard" / "ui" / "pages"
PAGES = sorted(p.name for p in PAGE_DIR.glob("*.py") if p.name != "__init__.py")
TIMEOUT = 120

pytestmark = pytest.mark.apptest


def run_app(query: dict[str, str | list[str]] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pacnet_dashboard/ui/pages/{page}").run()
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


def plain(text: str) -> str:
    """Markdown source without the backslashes that make untrusted text inert."""
    return str(text).replace("\\", "")


def warnings(at: AppTest) -> list[str]:
    return [plain(w.value) for w in at.warning]


def infos(at: AppTest) -> list[str]:
    return [plain(i.value) for i in at.info]


def pop_chance(at: AppTest) -> str:
    """The scenario's pop chance; a scenario equal to the baseline is shown as the baseline's."""
    found = [m.value for m in at.metric if m.label.startswith(("Your scenario", "Scenario:"))]
    return found[0] if found else baseline_chance(at)


def baseline_chance(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label.startswith((BASELINE_LABEL, "Baseline:")))


def shows_the_proposal(at: AppTest) -> bool:
    return any(m.label == PROPOSAL_SHORT for m in at.metric)


def test_pages_exist() -> None:
    assert {"briefing.py", "lab.py", "intermediaries.py", "method.py"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_at_its_defaults(page: str) -> None:
    at = run_app(page=page)
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    charts = at.get("plotly_chart")
    assert all(len(c.proto.alt) > 20 for c in charts), page  # every chart has an accessible name


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_scenarios_open_from_a_link_on_every_page(name: str) -> None:
    scenario = bundled(name).scenario
    at = run_app(to_strings(scenario))
    assert not at.exception
    assert pop_chance(at) == f"{simulate(scenario).burst_probability:.0%}"
    assert not at.warning
    for page in PAGES:
        at.switch_page(f"pacnet_dashboard/ui/pages/{page}").run()
        assert not at.exception, (page, at.exception)


def test_the_picker_loads_a_bundled_scenario() -> None:
    at = run_app()
    at.selectbox(key="_load_scenario").set_value("full_package").run()
    assert not at.exception
    assert at.slider(key="china_mediation").value == pytest.approx(0.8)
    assert at.text_input(key="gestures").value == "us_book_gift@14,envoy_prisoner_release@60"
    assert pop_chance(at) == f"{simulate(bundled('full_package').scenario).burst_probability:.0%}"


def test_reset_restores_the_defaults() -> None:
    at = run_app({"us_rhetoric": "2", "gestures": "us_book_gift@20"})
    assert at.slider(key="_level_us_rhetoric").value == 2.0
    at.button(key="_reset").click().run()
    assert at.slider(key="_level_us_rhetoric").value == 7.0
    assert at.text_input(key="gestures").value == ""


def test_a_slider_change_changes_the_pop_chance() -> None:
    at = run_app(page="lab.py")
    before = pop_chance(at)
    at.slider(key="_level_dprk_rhetoric").set_value(2.0).run()
    assert not at.exception
    assert pop_chance(at) != before


def test_choosing_a_gesture_writes_the_link_text() -> None:
    at = run_app()
    at.multiselect(key="_gesture_pick").select("us_book_gift").run()
    assert at.text_input(key="gestures").value == "us_book_gift@14"
    at.slider(key="_gesture_day_us_book_gift").set_value(30).run()
    assert at.text_input(key="gestures").value == "us_book_gift@30"
    assert not at.exception


def test_network_toggles_write_the_bound_levers() -> None:
    at = run_app(page="intermediaries.py")
    at.toggle(key="_open_ny_channel").set_value(False).run()
    assert at.text_input(key="closed_channels").value == "ny_channel"
    at.toggle(key="_active_china").set_value(False).run()
    assert at.text_input(key="muted_actors").value == "china"
    assert not at.exception


HOSTILE = {
    "not a number": ({"us_rhetoric": "abc"}, "us_rhetoric"),
    "out of range": ({"dprk_rhetoric": "11"}, "dprk_rhetoric"),
    "negative": ({"china_mediation": "-0.5"}, "china_mediation"),
    "huge": ({"runs": "1" + "0" * 30}, "runs"),
    "not finite": ({"us_rhetoric": "nan"}, "us_rhetoric"),
    "infinite": ({"japan_support": "inf"}, "japan_support"),
    "fractional int": ({"horizon_days": "100.5"}, "horizon_days"),
    "unknown gesture": ({"gestures": "nuclear_gift@3"}, "gestures"),
    "malformed gesture": ({"gestures": "us_book_gift"}, "gestures"),
    "repeated gesture on one day": ({"gestures": "us_book_gift@1,us_book_gift@1"}, "gestures"),
    "script tag": ({"gestures": "<script>alert(1)</script>@1"}, "gestures"),
    "script in ids": ({"closed_channels": "<img src=x onerror=alert(1)>"}, "closed_channels"),
    "markdown link": ({"muted_actors": "[click](javascript:alert(1))"}, "muted_actors"),
    "unmutable actor": ({"muted_actors": "us"}, "muted_actors"),
    "repeated key": ({"us_rhetoric": ["3", "9"]}, "us_rhetoric"),
    "empty value": ({"seed": ""}, "seed"),
    "negative seed": ({"seed": "-1"}, "seed"),
    "long value": ({"gestures": "x" * 5000}, "gestures"),
    "unknown key": ({"rhetoric": "5"}, "rhetoric"),
    "superscript day": ({"gestures": "us_book_gift@²"}, "gestures"),
    "other script digits": ({"runs": "٣٠٠"}, "runs"),
    "underscored number": ({"runs": "1_000"}, "runs"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_hostile_links_show_a_notice_and_fall_back(case: str) -> None:
    query, field = HOSTILE[case]
    at = run_app(query)
    assert not at.exception, at.exception
    shown = warnings(at)
    assert any(field in w for w in shown), shown
    assert all("\\<" in w.value or "<" not in plain(w.value) for w in at.warning)
    assert pop_chance(at) == "37%" and shows_the_proposal(at)  # every bad value fell back to the default
    at.switch_page("pacnet_dashboard/ui/pages/lab.py").run()
    assert not at.exception


def test_a_gesture_beyond_the_horizon_moves_to_its_last_day() -> None:
    at = run_app({"horizon_days": "60", "gestures": "us_book_gift@200"})
    assert not at.exception
    assert at.text_input(key="gestures").value == "us_book_gift@59"
    assert any("horizon" in i for i in infos(at))


def test_good_and_bad_values_mix() -> None:
    at = run_app({"us_rhetoric": "abc", "dprk_rhetoric": "2"})
    assert at.slider(key="_level_dprk_rhetoric").value == 2.0
    assert at.slider(key="_level_us_rhetoric").value == 7.0
    assert any("us_rhetoric" in w for w in warnings(at))


def test_a_link_from_an_older_model_version_shows_a_notice() -> None:
    at = run_app({"v": "0.0.1", "us_rhetoric": "5"})
    assert not at.exception
    assert any("0.0.1" in i and MODEL_VERSION in i for i in infos(at))
    assert at.slider(key="_level_us_rhetoric").value == 5.0


def test_notices_can_be_dismissed() -> None:
    at = run_app({"us_rhetoric": "abc"})
    assert at.warning
    at.button(key="_dismiss_notices").click().run()
    assert not at.warning


def test_share_link_carries_seed_and_version() -> None:
    at = run_app({"us_rhetoric": "5"})
    link = next(c.value for c in at.code if "v=" in c.value)
    assert "us_rhetoric=5" in link and "seed=2017" in link and f"v={MODEL_VERSION}" in link


def test_the_tornado_chart_draws_on_request() -> None:
    at = run_app({"runs": "200", "horizon_days": "90"}, page="lab.py")
    assert not at.exception
    at.toggle(key="_lab_tornado").set_value(True).run()
    assert not at.exception
    assert any("Each bar" in c.value for c in at.caption)


def test_a_grit_series_from_a_link_keeps_its_repeats() -> None:
    at = run_app({"runs": "200", "horizon_days": "120", "gestures": "us_book_gift@14,us_book_gift@60"})
    assert not at.exception and not at.warning
    assert any("again on day 60" in c.value for c in at.caption)
    at.slider(key="_gesture_day_us_book_gift").set_value(20).run()
    assert not at.exception
    assert at.session_state["gestures"] == "us_book_gift@20,us_book_gift@60"


def test_the_decomposition_draws_on_request() -> None:
    at = run_app({"runs": "200", "horizon_days": "90", "gestures": "us_book_gift@14"}, page="lab.py")
    assert not at.exception
    at.toggle(key="_lab_explain").set_value(True).run()
    assert not at.exception
    assert any("switched off), at 200 runs" in c.value for c in at.caption)


def test_removal_effects_fill_the_network_tables() -> None:
    at = run_app({"runs": "200", "horizon_days": "60"}, page="intermediaries.py")
    at.toggle(key="_network_effects").set_value(True).run()
    assert not at.exception
    assert any("Removal effects at 200 runs" in c.value for c in at.caption)


def test_a_missing_page_file_stops_the_app_with_an_error_naming_it(tmp_path: Path) -> None:
    """A copy of the app whose pages folder lacks one file: the app says which, instead of dropping the page."""
    pages = tmp_path / "pacnet_dashboard" / "ui" / "pages"
    pages.mkdir(parents=True)
    for name in PAGES:
        if name != "method.py":
            (pages / name).write_text((PAGE_DIR / name).read_text())
    (tmp_path / "app.py").write_text(Path(APP).read_text())
    at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("method.py" in e.value and "missing" in e.value for e in at.error), [e.value for e in at.error]
