"""Model 2.0's mechanisms: each can be switched off and carries part of the gift's effect; the critics' region;
misperception, praise and repeated gestures. Statistical checks are paired: both arms share the seed (common
random numbers) and the tolerance is the standard error of the per-run differences."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacnet_dashboard.analysis.explain import explain, paired_standard_error
from pacnet_dashboard.cli import main
from pacnet_dashboard.io.data import load_channels
from pacnet_dashboard.model.mechanisms import FACE_SAVING, MECHANISMS
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.model.simulate import drive_for, simulate
from pacnet_dashboard.model.kernel import run_kernel
from pacnet_dashboard.scenario import Scenario, ScenarioError, bundled, from_strings
from tests.strategies import scenarios

RUNS = "20000"
CRITICS_CELL = {"dprk_rhetoric": "9.5", "china_mediation": "0", "russia_mediation": "0", "rok_support": "0",
                "japan_support": "0"}
GIFT = "us_book_gift@14"


def _pair(base: Scenario, **changes: str):
    control = from_strings({"runs": RUNS, **changes}, base)
    treated = from_strings({"gestures": GIFT}, control)
    a, b = simulate(control), simulate(treated)
    return b.burst_probability - a.burst_probability, paired_standard_error(a, b)


def test_the_critics_are_right_at_high_dprk_rhetoric_without_mediation_or_praise() -> None:
    """DPRK rhetoric 9.5, no mediation, no praise: the book on day 14 raises the pop chance by > 1 point."""
    change, se = _pair(bundled("baseline").scenario, **CRITICS_CELL)
    assert change - 2 * se > 0.01, (change, se)


def test_at_the_default_levers_the_gift_lowers_the_pop_chance_by_more_than_3_points() -> None:
    change, se = _pair(bundled("baseline").scenario)
    assert change + 2 * se < -0.03, (change, se)


@pytest.fixture(scope="module")
def gift_decomposition():
    return explain(from_strings({"runs": RUNS}, bundled("gift_exchange").scenario))


def test_saving_face_carries_a_third_of_the_gift_and_no_mechanism_is_inert(gift_decomposition) -> None:
    d = gift_decomposition
    assert d.effect < -0.03 and d.standard_error < 0.01
    assert [m.id for m in d.mechanisms] == list(MECHANISMS)
    assert d.face_saving.id == "+".join(FACE_SAVING) and d.face_saving.share >= 1 / 3
    for m in d.mechanisms:
        assert abs(m.share) >= 0.05, m
        assert m.share == pytest.approx(1 - m.effect_without / d.effect)


def test_without_rejection_costs_the_gift_only_helps_more(gift_decomposition) -> None:
    """Rejections cost something: switched off, the gift's benefit grows (a negative share)."""
    rejection = next(m for m in gift_decomposition.mechanisms if m.id == "rejection")
    assert rejection.effect_without < gift_decomposition.effect


def test_explain_cli_prints_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--scenario", "gift_exchange", "--runs", "500", "--seed", "3"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {"effect", "standard_error", "mechanisms"} <= set(doc)
    assert [m["id"] for m in doc["mechanisms"]] == list(MECHANISMS)
    for m in doc["mechanisms"]:
        assert set(m) == {"id", "label", "effect_without", "share"}
        if doc["effect"]:
            assert m["share"] == pytest.approx(1 - m["effect_without"] / doc["effect"], abs=1e-5)


def test_explain_cli_refuses_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--runs", "ten"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: runs:") and err.count("\n") == 1


def test_unknown_mechanism_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown mechanism"):
        simulate(Scenario(runs=100, horizon_days=30), off=frozenset({"luck"}))


def test_misperception_across_its_range_moves_the_baseline_by_3_points() -> None:
    base = from_strings({"runs": "5000"}, bundled("baseline").scenario)
    p = default_parameters()
    clear, foggy = simulate(base, p.with_values(sigma0=0.0)), simulate(base, p.with_values(sigma0=5.0))
    assert foggy.burst_probability - clear.burst_probability - 2 * paired_standard_error(clear, foggy) > 0.03


def test_fan_charts_widen_when_channels_to_pyongyang_close() -> None:
    base = bundled("baseline").scenario
    shut = from_strings({"closed_channels": "track2_dprk,unofficial_dprk,ny_channel,envoy_dprk,un_dprk"}, base)
    width = {name: (r.bands["pressure"].p90 - r.bands["pressure"].p10)[-90:].mean()
             for name, r in (("open", simulate(base)), ("shut", simulate(shut)))}
    assert width["shut"] > 1.3 * width["open"]


def test_the_balloon_moves_between_scenarios() -> None:
    """Median pressures at the horizon lie further apart than the baseline's own p10-p90 band."""
    finals = {n: simulate(bundled(n).scenario).bands["pressure"] for n in ("baseline", "full_package", "escalation")}
    band = finals["baseline"].p90[-1] - finals["baseline"].p10[-1]
    assert finals["escalation"].p50[-1] - finals["baseline"].p50[-1] > band
    assert finals["baseline"].p50[-1] - finals["full_package"].p50[-1] > band


def test_allied_praise_matters_with_a_gesture_and_much_less_without() -> None:
    def cut(name: str) -> tuple[float, float]:
        quiet = from_strings({"runs": "5000", "rok_support": "0", "japan_support": "0"}, bundled(name).scenario)
        loud = from_strings({"rok_support": "1", "japan_support": "1"}, quiet)
        a, b = simulate(quiet), simulate(loud)
        return a.burst_probability - b.burst_probability, paired_standard_error(a, b)

    with_gift, se_gift = cut("gift_exchange")
    without, se_without = cut("baseline")
    assert with_gift - 2 * se_gift > 0.02
    assert with_gift - without > 2 * math.hypot(se_gift, se_without)


def test_a_gesture_can_repeat_as_a_grit_series() -> None:
    one = from_strings({"runs": "1000", "gestures": "us_book_gift@14"})
    two = from_strings({"gestures": "us_book_gift@14,us_book_gift@90"}, one)
    a, b = simulate(one), simulate(two)
    assert [(g.id, g.day) for g in b.gestures] == [("us_book_gift", 14), ("us_book_gift", 90)]
    # each offer has its own random substream: the later repeat leaves the first offer and every earlier day alone
    assert b.gestures[0] == a.gestures[0]
    assert np.array_equal(a.burst_by_day[:90], b.burst_by_day[:90])
    assert b.gestures[1].acceptance_probability > 0


def test_a_gesture_cannot_be_made_twice_on_one_day() -> None:
    with pytest.raises(ScenarioError, match="twice on day 14"):
        from_strings({"gestures": "us_book_gift@14,us_book_gift@14"})


def test_mediation_does_not_sound_out_washington() -> None:
    """A DPRK gesture to the US is accepted as often with or without China's and Russia's mediation."""
    gift = {"runs": "2000", "gestures": "dprk_leader_letter@5"}
    idle = simulate(from_strings({**gift, "china_mediation": "0", "russia_mediation": "0"}))
    busy = simulate(from_strings({**gift, "china_mediation": "1", "russia_mediation": "1"}))
    assert idle.gestures[0].acceptance_probability == pytest.approx(busy.gestures[0].acceptance_probability, abs=0.03)


def test_switching_a_mechanism_off_changes_only_what_it_touches() -> None:
    """Without gestures, the gesture-only mechanisms (release, face, trust, mediation, praise, rejection) change
    nothing, byte for byte; misperception and the rhetoric response act every day."""
    drive = drive_for(from_strings({"runs": "300", "horizon_days": "120"}))
    p = default_parameters()
    reference = run_kernel(drive, p).burst_by_day
    for mid in MECHANISMS:
        other = run_kernel(replace(drive, off=frozenset({mid})), p).burst_by_day
        assert np.array_equal(reference, other) == (mid not in ("misperception", "rhetoric")), mid


@given(scenarios(max_runs=400, max_horizon=120), st.sampled_from([c.id for c in load_channels()]))
@settings(max_examples=15, deadline=None)
def test_closing_a_channel_never_lowers_the_pop_chance(s: Scenario, channel: str) -> None:
    closed = s.model_copy(update={"closed_channels": tuple(sorted({*s.closed_channels, channel}))})
    a, b = simulate(s), simulate(closed)
    assert b.burst_probability >= a.burst_probability - 3 * max(paired_standard_error(a, b), 1 / s.runs)
