"""The cached pure calls the pages share: each keyed on the canonical JSON of what the answer depends on.

Cached objects are shared between sessions; a Result's arrays are read-only, so no page can change one.
"""

from __future__ import annotations

import streamlit as st

from pacnet_dashboard.analysis.discovery import DiscoveryMap, discovery_map, map_base
from pacnet_dashboard.analysis.removal import RemovalEffects, simulate_removals
from pacnet_dashboard.analysis.sensitivity import SensitivityResult, TornadoRow, neutral_base, tornado
from pacnet_dashboard.analysis.sensitivity import sensitivity as global_sensitivity
from pacnet_dashboard.history.replay import HistoryResult, evaluate, fitted_parameters
from pacnet_dashboard.io.data import load_events
from pacnet_dashboard.model.network import NetworkMetrics, network_metrics
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.scenario import LeverSpec, Scenario, ScenarioFile, baseline_for, bundled, lever_specs


@st.cache_resource(show_spinner=False)
def specs() -> dict[str, LeverSpec]:
    """The schema's lever specs, built once per process (read-only)."""
    return lever_specs()


@st.cache_resource(max_entries=16, show_spinner=False)
def bundled_doc(name: str) -> ScenarioFile:
    """A bundled scenario file, read and validated once per process."""
    return bundled(name)


@st.cache_resource(max_entries=64, show_spinner=False)
def _simulate_key(key: str) -> Result:
    return simulate(Scenario.model_validate_json(key))


def simulate_cached(scenario: Scenario) -> Result:
    """simulate(), cached on the normalised scenario (its canonical JSON); at most 64 results are kept."""
    return _simulate_key(scenario.model_dump_json())


def baseline_result(scenario: Scenario) -> Result:
    """The bundled baseline at the scenario's seed, runs and horizon (common random numbers)."""
    return simulate_cached(baseline_for(scenario))


@st.cache_resource(max_entries=16, show_spinner=False)
def _tornado_key(key: str) -> tuple[float, list[TornadoRow]]:
    return tornado(Scenario.model_validate_json(key))


def tornado_cached(scenario: Scenario) -> tuple[float, list[TornadoRow]]:
    return _tornado_key(scenario.model_dump_json())


@st.cache_resource(max_entries=32, show_spinner=False)
def _network_key(key: str) -> NetworkMetrics:
    return network_metrics(Scenario.model_validate_json(key))


def network_metrics_cached(scenario: Scenario) -> NetworkMetrics:
    return _network_key(scenario.model_dump_json())


@st.cache_resource(max_entries=16, show_spinner="Simulating each removal…")
def _removals_key(key: str) -> RemovalEffects:
    return simulate_removals(Scenario.model_validate_json(key))


def removals_cached(scenario: Scenario) -> RemovalEffects:
    return _removals_key(scenario.model_dump_json())


@st.cache_resource(max_entries=16, show_spinner=False)
def _map_key(key: str, x: str, y: str, n: int) -> DiscoveryMap:
    return discovery_map(Scenario.model_validate_json(key), x=x, y=y, nx=n, ny=n)


def discovery_map_cached(scenario: Scenario, x: str, y: str, n: int) -> DiscoveryMap:
    """The map, cached on what it depends on (`map_base`): moving an axis lever or the runs reuses it."""
    return _map_key(map_base(scenario, x, y).model_dump_json(), x, y, n)


@st.cache_resource(max_entries=8, show_spinner=False)
def _global_sensitivity_key(key: str, include_parameters: bool) -> SensitivityResult:
    return global_sensitivity(Scenario.model_validate_json(key), include_parameters=include_parameters)


def global_sensitivity_cached(scenario: Scenario, include_parameters: bool) -> SensitivityResult:
    """Morris indices, cached on `neutral_base`: the levers it varies do not change the answer."""
    return _global_sensitivity_key(neutral_base(scenario).model_dump_json(), include_parameters)


@st.cache_resource(max_entries=2, show_spinner="Replaying the 2017-2019 record through the model…")
def replay_cached(values: str = "fitted") -> HistoryResult:
    """The replay scored against the observed index: with the fitted values of data/history_fit.csv (what the CLI
    and the figure show) or with the judgement values of data/parameters.csv. Never refits."""
    params = fitted_parameters() if values == "fitted" else default_parameters()
    return evaluate(load_events(), params)
