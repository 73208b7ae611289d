"""The first screen and the Story page under AppTest: every step, ?step=N, out-of-range steps, the sandbox."""

from __future__ import annotations

import json

import pytest

from pacnet_dashboard.analysis.discovery import DEFAULT_X
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.report.story import (BASELINE_LABEL, PROPOSAL_SHORT, STEPS, proposal_for, risk_change,
                                           story_scenario)
from pacnet_dashboard.scenario import Scenario, bundled
from tests.test_ui_apptest import plain, run_app, warnings

STORY = "story.py"


def test_a_bare_link_compares_the_war_of_words_with_the_commentarys_proposal() -> None:
    at = run_app()
    assert not at.exception
    metrics = {m.label: m for m in at.metric}
    baseline = simulate(bundled("baseline").scenario)
    proposal = simulate(proposal_for(Scenario()))
    assert metrics[BASELINE_LABEL].value == f"{baseline.burst_probability:.0%}"
    assert metrics[PROPOSAL_SHORT].value == f"{proposal.burst_probability:.0%}"
    change = risk_change(baseline.burst_probability, proposal.burst_probability)
    assert metrics[PROPOSAL_SHORT].delta == change.text and change.arrow == "down"
    assert any("commentary proposes" in plain(m.value) for m in at.markdown)


def test_a_link_with_levers_shows_them_against_the_baseline() -> None:
    at = run_app({"us_rhetoric": "4"})
    labels = [m.label for m in at.metric]
    assert BASELINE_LABEL in labels and "Your scenario" in labels and PROPOSAL_SHORT not in labels


def test_no_change_has_no_arrow_and_a_rise_points_up() -> None:
    assert risk_change(0.371, 0.368).text == "no change" and risk_change(0.371, 0.368).arrow == "off"
    assert risk_change(0.30, 0.41).arrow == "up" and risk_change(0.30, 0.41).text == "+11 points"


@pytest.mark.parametrize("number", range(1, len(STEPS) + 1))
def test_every_step_opens_from_the_link_with_computed_words(number: int) -> None:
    at = run_app({"step": str(number)}, page=STORY)
    assert not at.exception, at.exception
    assert not at.warning, warnings(at)
    step = STEPS[number - 1]
    value = step.control.default if step.control else 0.0
    stage = step.stage(value)
    reference, subject = simulate(stage.reference), simulate(stage.subject)
    shown = "\n".join(plain(m.value) for m in at.markdown)
    assert f"Step {number} of {len(STEPS)}" in shown and step.title in shown
    assert step.message(reference, subject, value) in shown
    assert step.predict(reference, value) in shown
    assert step.answer(reference, subject, value) not in shown  # predict first
    at.toggle(key=f"_story_answer_{step.key}").set_value(True).run()
    assert step.answer(reference, subject, value) in "\n".join(plain(m.value) for m in at.markdown)
    at.toggle(key="_story_notes").set_value(True).run()
    assert step.notes in "\n".join(plain(m.value) for m in at.markdown)
    assert at.query_params["step"] == str(number)


@pytest.mark.parametrize("bad", ["0", "9", "-1", "two", "3.5", "<b>1</b>", "９"])
def test_an_out_of_range_step_gives_a_notice_and_step_1(bad: str) -> None:
    at = run_app({"step": bad}, page=STORY)
    assert not at.exception
    assert any("story has steps 1 to 8" in w for w in warnings(at)), warnings(at)
    assert any(f"Step 1 of {len(STEPS)}" in plain(m.value) for m in at.markdown)


def test_next_and_back_move_one_step_and_stop_at_the_ends() -> None:
    at = run_app(page=STORY)
    assert at.query_params["step"] == "1" and at.button(key="_story_back").disabled
    at.button(key="_story_next").click().run()
    assert at.query_params["step"] == "2"
    at.button(key="_story_next_PageDown").click().run()
    at.button(key="_story_back_PageUp").click().run()
    assert at.query_params["step"] == "2"
    assert any(f"Step 2 of {len(STEPS)}" in plain(m.value) for m in at.markdown)
    last = run_app({"step": str(len(STEPS))}, page=STORY)
    assert last.button(key="_story_next").disabled and not last.button(key="_story_back").disabled


def test_moving_a_steps_control_recomputes_its_message() -> None:
    at = run_app({"step": "1"}, page=STORY)
    step = STEPS[0]
    at.slider(key=f"_story_control_{step.key}").set_value(9.0).run()
    stage = step.stage(9.0)
    expected = step.message(simulate(stage.reference), simulate(stage.subject), 9.0)
    assert expected in "\n".join(plain(m.value) for m in at.markdown)


def test_the_sandbox_opens_the_lab_with_the_storys_scenario() -> None:
    at = run_app({"step": str(len(STEPS))}, page=STORY)
    at.button(key="_story_sandbox").click().run()
    assert not at.exception
    expected = story_scenario()
    assert at.text_input(key="gestures").value == "us_book_gift@14"
    assert at.slider(key="china_mediation").value == pytest.approx(expected.china_mediation)
    assert any(m.label == "Scenario: pop chance by day 365" for m in at.metric)


def test_the_backfire_step_opens_the_map_at_the_critics_setting() -> None:
    number = next(i for i, s in enumerate(STEPS, start=1) if s.key == "backfire")
    at = run_app({"step": str(number)}, page=STORY)
    assert [b.label for b in at.button if b.key == "_story_map"] == ["See it on the map"]
    at.button(key="_story_map").click().run()
    assert not at.exception
    assert at.selectbox(key="map_x").value == DEFAULT_X and at.slider(key="russia_mediation").value == 0.0
    assert at.slider(key="rok_support").value == 0.0 and at.text_input(key="dprk_rhetoric").value == "9.5"
    assert any("cells (crosses)" in json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart"))


@pytest.mark.parametrize("page, key", [(None, "_briefing_play"), (STORY, "_story_play")])
def test_the_balloons_come_still_until_the_viewer_plays_the_days(page: str | None, key: str) -> None:
    """A lever move sends the picture at the horizon only; the switch brings the frames, the day slider and Play."""
    import json

    at = run_app(page=page)
    still = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert not still.get("frames") and "sliders" not in still["layout"] and "updatemenus" not in still["layout"]
    at.toggle(key=key).set_value(True).run()
    assert not at.exception
    playing = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(playing["frames"]) > 10 and playing["layout"]["updatemenus"][0]["buttons"][0]["label"].endswith("Play")
    same = [[t["marker"][k] for k in ("color", "symbol")] for t in playing["data"][:2]]
    assert same == [[t["marker"][k] for k in ("color", "symbol")] for t in still["data"][:2]]  # the same horizon


def test_the_lab_shows_the_change_as_the_briefing_does() -> None:
    at = run_app(page="lab.py")
    scenario = next(m for m in at.metric if m.label.startswith("Scenario:"))
    assert scenario.delta == "no change" and scenario.proto.direction == scenario.proto.NONE
    at = run_app({"china_mediation": "0.9", "rok_support": "0.9", "japan_support": "0.9",
                  "gestures": "us_book_gift@14"}, page="lab.py")
    scenario = next(m for m in at.metric if m.label.startswith("Scenario:"))
    assert scenario.delta.startswith("-") and scenario.proto.direction == scenario.proto.DOWN
    assert scenario.proto.color == scenario.proto.GREEN
