"""The 100 futures behind the icon array: the count that pops is the model's, and the choice is deterministic."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacnet_dashboard.model.futures import FUTURES, NEVER, burst_count, choose_futures
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.scenario import Scenario, bundled, bundled_names
from tests.strategies import scenarios


def test_burst_count_rounds_halves_up() -> None:
    assert burst_count(0.005) == 1 and burst_count(0.004) == 0
    assert burst_count(0.375) == 38 and burst_count(1.0) == FUTURES


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_scenarios_burst_as_often_as_their_pop_chance(name: str) -> None:
    r = simulate(bundled(name).scenario)
    f = r.futures
    assert f.count == FUTURES
    assert f.burst_by(r.scenario.horizon_days - 1) == burst_count(r.burst_probability)
    assert f.pressure_df.shape == (r.scenario.horizon_days, FUTURES)


@settings(max_examples=25, deadline=None)
@given(scenarios())
def test_chosen_futures_match_the_pop_chance_and_are_ordered(s: Scenario) -> None:
    r = simulate(s)
    f = r.futures
    assert f.burst_by(s.horizon_days - 1) == burst_count(r.burst_probability)
    popped = f.pop_day_f[f.pop_day_f != NEVER]
    assert np.all(np.diff(popped) >= 0)  # earliest pop first
    assert np.all(f.pop_day_f[: popped.size] != NEVER) and np.all(f.pop_day_f[popped.size:] == NEVER)
    assert np.all(f.pressure_df >= 0)
    counts = [f.burst_by(d) for d in range(s.horizon_days)]
    assert counts == sorted(counts)


def test_the_choice_is_reproducible() -> None:
    s = Scenario(runs=500, seed=11)
    a, b = simulate(s).futures, simulate(s).futures
    assert np.array_equal(a.pop_day_f, b.pop_day_f) and np.array_equal(a.pressure_df, b.pressure_df)


def test_the_burst_count_follows_the_burst_curve_day_by_day() -> None:
    r = simulate(bundled("escalation").scenario)
    for day in (30, 90, 180, 270):  # within a few futures of 100 x the curve (the first 1,000 runs vs all)
        assert abs(r.futures.burst_by(day) - 100 * r.burst_by_day[day]) <= 4


@given(st.integers(0, 100), st.integers(1, 8))
def test_too_few_recorded_pops_use_every_popped_run(popped: int, days: int) -> None:
    n = 200
    pop_day = np.full(n, NEVER, np.int32)
    pop_day[:popped] = np.arange(popped) % days
    pressure = np.ones((days, n), np.float32)
    f = choose_futures(pressure, pop_day, 0.9)
    assert f.count == FUTURES
    assert f.burst_by(days - 1) == min(burst_count(0.9), popped)
