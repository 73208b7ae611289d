"""The generated words and the offline HTML brief, and the `report` subcommand."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.cli import main
from pacnet_dashboard.figures.charts import burst_chart
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.report.brief import (cli_command, face_ledger, horizon_phrase, html_brief, ledger_entries,
                                           summary, summary_sentences)
from pacnet_dashboard.scenario import Scenario, baseline_for, bundled, from_strings

RUNS = 400


def _pair(name: str, **update: object) -> tuple[Result, Result]:
    scenario = bundled(name).scenario.model_copy(update={"runs": RUNS, **update})
    return simulate(scenario), simulate(baseline_for(scenario))


def test_baseline_for_keeps_seed_runs_and_horizon() -> None:
    s = Scenario(seed=5, runs=300, horizon_days=90, us_rhetoric=2.0)
    b = baseline_for(s)
    assert (b.seed, b.runs, b.horizon_days) == (5, 300, 90)
    assert b.us_rhetoric == bundled("baseline").scenario.us_rhetoric


def test_summary_names_the_gift_and_both_pop_chances() -> None:
    result, baseline = _pair("gift_exchange")
    text = summary(result, baseline)
    accepted = round(100 * result.gestures[0].acceptance_probability)
    assert f"accepted in ~{accepted}% of runs" in text
    assert f"falls from {baseline.burst_probability:.0%} to {result.burst_probability:.0%}" in text
    assert "within a year" in text


def test_summary_of_the_baseline_and_of_escalation() -> None:
    result, baseline = _pair("baseline")
    assert summary_sentences(result, baseline)[0].startswith("If the war of words goes on")
    result, baseline = _pair("escalation")
    text = summary(result, baseline)
    assert "rises from" in text and "US rhetoric at 9.5 instead of 7" in text and "2 channels closed" in text


def test_horizon_phrases() -> None:
    assert horizon_phrase(365) == "within a year"
    assert horizon_phrase(730) == "within two years"
    assert horizon_phrase(45) == "within 45 days"


def test_face_ledger_gives_each_side_its_framing() -> None:
    result, _ = _pair("gift_exchange")
    line = face_ledger(result)
    assert "\n" not in line
    assert line == ("Face ledger: Washington can call it schooling and reciprocity; "
                    "Pyongyang can call it tribute and education.")
    assert [e.gesture_id for e in ledger_entries(result)] == ["us_book_gift", "dprk_writings_gift"]
    none, _ = _pair("baseline")
    assert "no gesture" in face_ledger(none)


def test_cli_command_reproduces_the_scenario() -> None:
    scenario = from_strings({"us_rhetoric": "4", "gestures": "us_book_gift@10", "seed": "9"})
    command = cli_command(scenario)
    assert "--set us_rhetoric=4" in command and "--set gestures=us_book_gift@10" in command
    assert "--seed 9" in command


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.scripts += [v or "" for k, v in attrs if k == "src"]


def test_html_brief_is_self_contained_and_escapes_text() -> None:
    result, baseline = _pair("gift_exchange")
    page = html_brief(result, baseline, [burst_chart(result, baseline)], title="<script>alert(1)</script>",
                      description="a & b")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "a &amp; b" in page
    parser = _Collector()
    parser.feed(page)
    assert not [s for s in parser.scripts if s.startswith("http")]  # nothing fetched from the network
    assert "plotly" in page.lower() and len(page) > 1_000_000  # plotly.js inlined
    assert MODEL_VERSION in page and "not a forecast" in page
    assert "Daniels" in page


def test_report_subcommand_writes_the_brief(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    code = main(["report", "--scenario", "gift_exchange", "--runs", "200", "--out", str(out)])
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Gift exchange" in text
    assert text.count("Plotly.newPlot") >= 4


def test_report_subcommand_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.html"
    assert main(["report", "--set", "us_rhetoric=12", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "us_rhetoric" in err and err.count("\n") == 1
    assert not out.exists()
