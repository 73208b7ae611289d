"""The early start: a rerun begins simulating the scenario its widgets hold before the sidebar is drawn again."""

from __future__ import annotations

import threading

import pytest

from pacnet_dashboard.scenario import Scenario, baseline_for
from pacnet_dashboard.ui import cache
from tests.test_ui_apptest import run_app

pytestmark = pytest.mark.apptest


def _join_early_threads() -> None:
    for thread in threading.enumerate():
        if thread.name == "pacnet-early-simulation":
            thread.join(timeout=60)


def test_a_started_simulation_is_the_one_the_page_then_takes() -> None:
    scenario = Scenario(seed=90_210)
    results = cache._simulate_key.cache
    cache.start_simulation(scenario)
    _join_early_threads()
    misses, hits = results.misses, results.hits
    result = cache.simulate_cached(scenario)
    assert results.misses == misses and results.hits == hits + 1
    assert result.scenario == scenario
    cache.start_simulation(scenario)  # already kept: nothing is started again
    assert not any(t.name == "pacnet-early-simulation" for t in threading.enumerate())


def test_a_heavy_simulation_is_left_to_the_page_and_its_queue() -> None:
    heavy = Scenario(seed=90_211, runs=20_000)
    assert heavy.runs * heavy.horizon_days > cache.HEAVY_RUN_DAYS
    cache.start_simulation(heavy)
    _join_early_threads()
    assert not cache._simulate_key.cache.has((heavy.model_dump_json(),))


def test_a_lever_move_starts_the_scenario_the_page_then_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app()
    started: list[Scenario] = []
    monkeypatch.setattr(cache, "start_simulation", started.append)
    at.slider(key="_level_dprk_rhetoric").set_value(6.5).run()
    assert not at.exception
    shown = at.session_state["_scenario"]
    assert shown.dprk_rhetoric.first == 6.5
    assert started == [shown, baseline_for(shown)]
