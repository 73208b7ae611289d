"""Rhetoric schedules: one codec for the URL, `--set`, JSON and sweeps, and what the model makes of them."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacnet_dashboard.analysis.sweep import parse_vary, sweep_scenario
from pacnet_dashboard.cli import main
from pacnet_dashboard.model.simulate import drive_for, simulate
from pacnet_dashboard.scenario import (MAX_SCHEDULE_STEPS, Scenario, ScenarioError, Schedule, bundled, from_strings,
                                       scenario_file_from_text, to_file_json, to_strings, with_levels)
from tests.strategies import scenarios, schedules

RHETORIC = ("us_rhetoric", "dprk_rhetoric")


def _se(p: float, runs: int) -> float:
    return math.sqrt(max(p * (1 - p), 1.0 / runs) / runs)


def test_a_schedule_is_written_level_then_level_at_day() -> None:
    s = from_strings({"us_rhetoric": "7, 3@60", "dprk_rhetoric": "8,4.5@30,2@200"})
    assert s.us_rhetoric.steps == ((7.0, 0), (3.0, 60))
    assert s.dprk_rhetoric.levels == (8.0, 4.5, 2.0)
    assert to_strings(s) == {"us_rhetoric": "7,3@60", "dprk_rhetoric": "8,4.5@30,2@200"}
    assert s.us_rhetoric.describe() == "7, then 3 from day 60"


def test_a_plain_number_is_a_one_step_schedule_as_in_1x() -> None:
    assert from_strings({"us_rhetoric": "5.0"}) == from_strings({"us_rhetoric": "5"})
    assert from_strings({"us_rhetoric": "5"}).us_rhetoric == Schedule.constant(5.0)
    doc = json.loads(to_file_json(Scenario()))
    assert doc["scenario"]["us_rhetoric"] == 7.0 and doc["scenario"]["dprk_rhetoric"] == 8.0


def test_json_holds_a_number_or_the_schedule_text() -> None:
    base = json.loads(to_file_json(Scenario()))
    for value, steps in ((6, ((6.0, 0),)), (6.5, ((6.5, 0),)), ("7,3@60", ((7.0, 0), (3.0, 60)))):
        doc = {**base, "scenario": {**base["scenario"], "us_rhetoric": value}}
        assert scenario_file_from_text(json.dumps(doc), "upload").scenario.us_rhetoric.steps == steps
    s = from_strings({"us_rhetoric": "7,3@60"})
    assert json.loads(to_file_json(s))["scenario"]["us_rhetoric"] == "7,3@60"


@pytest.mark.parametrize(("text", "expected"), [
    ("7,3", "missing its day"),
    ("7@5", "from day 0"),
    ("7,3@60,2@60", "days must ascend"),
    ("7,3@60,2@40", "days must ascend"),
    ("7,3@365", "beyond the horizon"),
    ("7,11@60", "outside 0 to 10"),
    ("7,-1@60", "outside 0 to 10"),
    ("7,loud@60", "not a number"),
    ("7,nan@60", "not finite"),
    ("7,3@sixty", "missing its day"),
    ("", "is empty"),
    (",".join(["7"] + [f"3@{d}" for d in range(1, MAX_SCHEDULE_STEPS + 1)]), f"at most {MAX_SCHEDULE_STEPS}"),
])
def test_bad_schedules_name_the_field_and_what_is_allowed(text: str, expected: str) -> None:
    for field in RHETORIC:
        with pytest.raises(ScenarioError, match=expected) as err:
            from_strings({field: text})
        assert err.value.field == field
        assert "7,3@60" in str(err.value) and f"at most {MAX_SCHEDULE_STEPS} steps" in str(err.value)


def test_a_schedule_must_fit_a_shorter_horizon() -> None:
    with pytest.raises(ScenarioError, match="beyond the horizon of 60 days") as err:
        from_strings({"us_rhetoric": "7,3@60", "horizon_days": "60"})
    assert err.value.field == "us_rhetoric"
    assert from_strings({"us_rhetoric": "7,3@59", "horizon_days": "60"}).us_rhetoric.steps[-1] == (3.0, 59)


@given(scenarios(max_horizon=200))
def test_the_drive_holds_each_level_from_its_day(s: Scenario) -> None:
    drive = drive_for(s)
    for field, series in (("us_rhetoric", drive.rhetoric_us_d), ("dprk_rhetoric", drive.rhetoric_dprk_d)):
        steps = getattr(s, field).steps
        assert series.shape == (s.horizon_days,) and series.dtype == np.float32
        for (level, day), (_, until) in zip(steps, [*steps[1:], (None, s.horizon_days)]):
            assert np.all(series[day:until] == np.float32(level))


@given(scenarios(max_runs=300, max_horizon=90), st.integers(1, MAX_SCHEDULE_STEPS - 1), st.data())
@settings(max_examples=10, deadline=None)
def test_a_schedule_equal_to_a_constant_gives_the_constant_result_byte_for_byte(
        s: Scenario, extra_steps: int, data: st.DataObject) -> None:
    days = sorted(data.draw(st.lists(st.integers(1, s.horizon_days - 1), min_size=1, max_size=extra_steps,
                                     unique=True)))
    flat = {f: Schedule(tuple((getattr(s, f).first, d) for d in [0, *days])) for f in RHETORIC}
    constant = s.model_copy(update={f: Schedule.constant(getattr(s, f).first) for f in RHETORIC})
    stepped = Scenario.model_validate({**s.model_dump(), **flat})
    a, b = simulate(constant).to_dict(), simulate(stepped).to_dict()
    assert a.pop("scenario") != b.pop("scenario")
    assert json.dumps(a) == json.dumps(b)


@given(scenarios(max_runs=400, max_horizon=120), st.sampled_from(RHETORIC), st.data())
@settings(max_examples=15, deadline=None)
def test_the_pop_chance_never_falls_as_a_schedules_levels_rise(s: Scenario, field: str, data: st.DataObject) -> None:
    """Raise some of a schedule's levels (same days, same seed: common random numbers); the pop chance may only
    rise, within a paired sampling tolerance."""
    schedule = getattr(s, field)
    raised = Schedule(tuple((min(10.0, level + data.draw(st.floats(0.0, 5.0))), day) for level, day in schedule.steps))
    louder = Scenario.model_validate({**s.model_dump(), field: raised})
    p, q = simulate(s).burst_probability, simulate(louder).burst_probability
    assert q >= p - 3 * _se(p, s.runs)


def test_lowering_rhetoric_from_day_60_cuts_the_baseline() -> None:
    """The issue's figure, at the default seed and runs: both sides down to 3 from day 60 cut >= 10 points."""
    base = Scenario()
    lowered = from_strings({"us_rhetoric": "7,3@60", "dprk_rhetoric": "8,3@60"})
    p, q = simulate(base).burst_probability, simulate(lowered).burst_probability
    assert p - q >= 0.10


def test_de_escalation_is_the_gift_exchange_then_rhetoric_at_4_from_day_60() -> None:
    gift, calm = bundled("gift_exchange").scenario, bundled("de_escalation").scenario
    assert calm.us_rhetoric.steps == ((gift.us_rhetoric.first, 0), (4.0, 60))
    assert calm.dprk_rhetoric.steps == ((gift.dprk_rhetoric.first, 0), (4.0, 60))
    assert calm.model_copy(update={f: getattr(gift, f) for f in RHETORIC}) == gift


def test_de_escalation_lies_below_the_gift_exchange() -> None:
    """The bundled order's new member: its pop chance is below gift_exchange's by > 3 standard errors."""
    p = {name: simulate(bundled(name).scenario).burst_probability for name in ("gift_exchange", "de_escalation")}
    runs = Scenario().runs
    assert p["gift_exchange"] - p["de_escalation"] > 3 * math.hypot(_se(p["gift_exchange"], runs),
                                                                    _se(p["de_escalation"], runs)), p


@given(schedules(horizon=365, max_steps=MAX_SCHEDULE_STEPS), st.floats(0.0, 10.0))
def test_moving_the_first_level_keeps_the_later_steps(schedule: Schedule, level: float) -> None:
    base = Scenario.model_validate({**Scenario().model_dump(), "us_rhetoric": schedule})
    s = with_levels(base, {"us_rhetoric": level})
    assert s.us_rhetoric.first == level and s.us_rhetoric.steps[1:] == schedule.steps[1:]


def test_a_sweep_varies_a_schedules_first_level() -> None:
    vary = parse_vary("us_rhetoric=2:6:3")
    base = from_strings({"us_rhetoric": "7,3@60"})
    varied = [sweep_scenario(base, i, {"us_rhetoric": float(v)}) for i, v in enumerate(vary.values())]
    assert [s.us_rhetoric.encode() for s in varied] == ["2,3@60", "4,3@60", "6,3@60"]


def test_the_cli_takes_a_schedule_and_refuses_a_bad_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    small = ["--runs", "200", "--horizon", "90"]
    assert main(["simulate", "--set", "us_rhetoric=7,3@60", *small]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scenario"]["us_rhetoric"] == "7,3@60" and out["scenario"]["dprk_rhetoric"] == 8.0
    path = tmp_path / "s.json"
    path.write_text(to_file_json(from_strings({"us_rhetoric": "7,3@60", "runs": "200", "horizon_days": "90"})))
    assert main(["simulate", "--scenario", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["burst_probability"] == out["burst_probability"]
    assert main(["simulate", "--set", "us_rhetoric=7,3@600", *small]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:") and "us_rhetoric" in err[0] and "beyond the horizon" in err[0]
