"""The balloon model: invariants (Hypothesis), reproducibility, metamorphic relations, ordering, calibration."""

from __future__ import annotations


import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pacnet_dashboard.model.calibration import EXPERT_BAND, baseline_pop_chance, calibrate_theta
from pacnet_dashboard.model.kernel import HAZARD_TABLE_STEPS, P_MAX, hazard_factor, hazard_lookup_table, normal_table
from pacnet_dashboard.model.simulate import radius, simulate, skin
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.scenario import Scenario, bundled, bundled_names, from_strings, with_levels
from tests.crn import paired_difference
from tests.strategies import scenarios

GOLDEN_POPS = (3, 4, 9, 12, 17, 20)
"""Runs (of 500) that have popped by days 9, 19, ..., 59."""
GOLDEN_PRESSURE = [44.50904846191406, 41.5763053894043, 45.801551818847656]
"""Median pressure on days 0, 29 and 59 (float32 values, exact)."""
GOLDEN_ACCEPTANCE = 0.592
"""Model 2.0.0 at 500 runs, 60 days, seed 42, the book on day 10."""


@given(scenarios())
def test_probabilities_and_bands_respect_their_bounds(s: Scenario) -> None:
    r = simulate(s)
    curve = r.burst_by_day
    assert curve.shape == (s.horizon_days,)
    assert np.all((curve >= 0) & (curve <= 1))
    assert np.all(np.diff(curve) >= 0)
    assert r.burst_probability == curve[-1]
    for name, band in r.bands.items():
        assert np.all(band.p10 <= band.p50) and np.all(band.p50 <= band.p90), name
    assert np.all(r.bands["pressure"].p10 >= 0)
    tau = skin(r.bands["pressure"].p90, default_parameters().p_ref)
    assert np.all((tau > 0) & (tau <= 1))
    for side in ("us", "dprk"):
        assert np.all((r.bands[f"hostility_{side}"].p10 >= 0) & (r.bands[f"hostility_{side}"].p90 <= 10))
        assert np.all((r.bands[f"face_{side}"].p10 >= -1) & (r.bands[f"face_{side}"].p90 <= 1))
    for g in r.gestures:
        assert 0 <= g.reciprocation_probability <= g.acceptance_probability <= 1


@given(scenarios(max_runs=200, max_horizon=60))
@settings(max_examples=10)
def test_same_seed_gives_identical_output(s: Scenario) -> None:
    fresh = Scenario.model_validate(s.model_dump())
    assert simulate(s).to_dict() == simulate(fresh).to_dict()


@given(st.integers(0, 2**32 - 1))
@settings(max_examples=10)
def test_different_seeds_give_different_draws(seed: int) -> None:
    s = from_strings({"runs": "300", "horizon_days": "60", "seed": str(seed)})
    other = s.model_copy(update={"seed": seed + 1})
    assert not np.array_equal(simulate(s).bands["hostility_us"].p50, simulate(other).bands["hostility_us"].p50)


@given(scenarios(max_runs=300, max_horizon=90))
@settings(max_examples=15)
@example(Scenario(horizon_days=31, runs=100, seed=1451))
def test_a_gesture_changes_nothing_before_its_day(s: Scenario) -> None:
    """Metamorphic: the model without gestures is the baseline; a late gesture leaves earlier days untouched."""
    bare = s.model_copy(update={"gestures": ()})
    last = s.horizon_days - 1
    late = Scenario.model_validate({**bare.model_dump(), "gestures": [{"id": "us_book_gift", "day": last}]})
    a, b = simulate(bare), simulate(late)
    assert np.array_equal(a.burst_by_day[:last], b.burst_by_day[:last])
    assert np.array_equal(a.bands["pressure"].p50[:last], b.bands["pressure"].p50[:last])
    assert a.gestures == ()


@given(scenarios(max_runs=400, max_horizon=120), st.sampled_from(["us_rhetoric", "dprk_rhetoric"]), st.floats(0.5, 5))
@settings(max_examples=15)
def test_more_rhetoric_never_lowers_the_pop_chance(s: Scenario, field: str, step: float) -> None:
    louder = with_levels(s, {field: min(10.0, getattr(s, field).first + step)})
    change, se = paired_difference(s, louder)
    assert change >= -3 * se - 1e-9, (change, se)


def test_golden_small_scenario() -> None:
    """A pinned tiny run, compared exactly: the run is deterministic, so any change here means the model's numbers
    changed, which needs a new model version (and new golden values)."""
    r = simulate(from_strings({"runs": "500", "horizon_days": "60", "seed": "42", "gestures": "us_book_gift@10"}))
    days = [9, 19, 29, 39, 49, 59]
    assert r.burst_by_day[days].tolist() == [pops / 500 for pops in GOLDEN_POPS]
    assert r.bands["pressure"].p50[[0, 29, 59]].tolist() == GOLDEN_PRESSURE
    assert r.gestures[0].acceptance_probability == GOLDEN_ACCEPTANCE


def test_bundled_scenarios_are_ordered_by_pop_chance() -> None:
    """escalation > baseline > gift_exchange > full_package at the default seed and runs, by > 3 standard errors."""
    order = ["escalation", "baseline", "gift_exchange", "full_package"]
    for a, b in zip(order, order[1:]):
        drop, se = paired_difference(bundled(b).scenario, bundled(a).scenario)
        assert drop > 3 * se, (a, b, drop, se)


def test_baseline_is_calibrated_into_the_expert_band() -> None:
    low, high = EXPERT_BAND
    assert low <= baseline_pop_chance(default_parameters()) <= high


def test_calibration_reproduces_the_committed_theta() -> None:
    assert calibrate_theta() == pytest.approx(default_parameters().theta, abs=0.05)


def test_richardson_condition_holds_by_default_and_beyond_it_hostility_runs_away() -> None:
    p = default_parameters()
    assert p.richardson_stable()
    calm = from_strings({"us_rhetoric": "1", "dprk_rhetoric": "1", "runs": "200", "horizon_days": "200"})
    stable = simulate(calm, p).mean_final["hostility_us"]
    unstable_params = p.with_values(k_us=0.2, k_dprk=0.2, m_us=0.05, m_dprk=0.05)
    assert not unstable_params.richardson_stable()
    runaway = simulate(calm, unstable_params).mean_final["hostility_us"]
    assert stable < 3 and runaway > 9.5


def test_skin_and_radius_keep_the_rubber_volume() -> None:
    p_ref = default_parameters().p_ref
    pressure = np.array([0.0, 10.0, 100.0, 1000.0])
    tau, r = skin(pressure, p_ref), radius(pressure, p_ref)
    assert tau[0] == 1 and np.all(np.diff(tau) < 0) and np.all(tau > 0)
    assert np.allclose(tau * r**2, 1.0)


def test_no_bundled_scenario_comes_near_the_pressure_cap() -> None:
    params = default_parameters()
    for name in bundled_names():
        assert simulate(bundled(name).scenario).bands["pressure"].p90.max() < P_MAX / 2, name
    assert hazard_factor(0.0, params) < hazard_factor(50.0, params) < hazard_factor(300.0, params) < 1


def test_the_skin_tips_once_pressure_passes_its_yield() -> None:
    """The hazard per incident grows at least twice as fast (in log terms) across the yield pressure as over the
    same step below it, and past the yield most incidents pop the balloon."""
    p = default_parameters()
    w = p.yield_width
    below = np.log(hazard_factor(p.p_yield - 2 * w, p) / hazard_factor(p.p_yield - 4 * w, p))
    across = np.log(hazard_factor(p.p_yield + w, p) / hazard_factor(p.p_yield - w, p))
    assert across > 2 * below > 0
    assert hazard_factor(p.p_yield + 4 * w, p) > 0.5


@given(st.floats(0.0, 1.0))
def test_hazard_table_is_within_a_thousandth_of_the_exact_factor(share: float) -> None:
    params = default_parameters()
    pressure = np.float32(share * P_MAX)
    looked_up = hazard_lookup_table(params)[int(pressure * np.float32(HAZARD_TABLE_STEPS / P_MAX))]
    assert looked_up == pytest.approx(hazard_factor(float(pressure), params), rel=1e-3)


def test_normal_table_is_a_standard_normal() -> None:
    table = normal_table().astype(np.float64)
    assert abs(table.mean()) < 1e-6 and table.std() == pytest.approx(1.0, abs=2e-3)
    assert np.all(np.diff(table) > 0) and table.min() < -4


def test_the_paired_error_is_zero_for_one_scenario_and_below_the_independent_one() -> None:
    """The helper behind the common-random-numbers properties: a scenario against itself differs by exactly 0,
    and two scenarios at shared seeds differ with a smaller error than two independent samples would."""
    base = bundled("baseline").scenario.model_copy(update={"runs": 800})
    assert paired_difference(base, base) == (0.0, 0.0)
    gift = bundled("gift_exchange").scenario.model_copy(update={"runs": 800})
    change, se = paired_difference(base, gift)
    p = simulate(base).burst_probability
    assert 0 < se < (2 * p * (1 - p) / base.runs) ** 0.5 and change < 0
