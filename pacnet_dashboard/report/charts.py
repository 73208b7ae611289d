"""The named charts the pages show, built from a scenario alone: what `figure NAME` and the exports draw.

Each builder simulates what its page simulates (the scenario against its like-for-like baseline, the network,
the discovery map, the global sensitivity or the history replay), so a chart saved from the command line is the
chart the page shows for the same scenario and seed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import plotly.graph_objects as go

from pacnet_dashboard.analysis.discovery import DEFAULT_X, DEFAULT_Y, discovery_map
from pacnet_dashboard.analysis.sensitivity import neutral_base, sensitivity
from pacnet_dashboard.figures.balloon import balloon_figure
from pacnet_dashboard.figures.charts import burst_chart, fan_chart, sides_chart
from pacnet_dashboard.figures.explore import discovery_map_figure, sensitivity_figure
from pacnet_dashboard.figures.history import history_figure
from pacnet_dashboard.figures.network import network_figure
from pacnet_dashboard.history.replay import evaluate, fitted_parameters
from pacnet_dashboard.io.data import load_events
from pacnet_dashboard.model.network import network_metrics
from pacnet_dashboard.model.parameters import parameters_for
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.io.errors import InputError
from pacnet_dashboard.scenario import Scenario, baseline_for, level_of


@dataclass(frozen=True)
class Chart:
    """One chart of the pages: its name on the command line, where it appears and how it is built."""

    name: str
    title: str
    page: str
    build: Callable[[Scenario], go.Figure]


@lru_cache(maxsize=8)
def results_for(scenario: Scenario) -> tuple[Result, Result]:
    """The scenario's Result and its baseline's (same seed, runs and horizon): shared by the charts of one export."""
    return simulate(scenario), simulate(baseline_for(scenario))


def balloon_picture(result: Result, baseline: Result) -> go.Figure:
    """The Briefing's picture of the balloons, baseline against the scenario (also on the slides and in the PDF)."""
    return balloon_figure(baseline, result, p_ref=parameters_for(result.scenario).p_ref)


def _balloon(scenario: Scenario) -> go.Figure:
    result, baseline = results_for(scenario)
    return balloon_picture(result, baseline)


def _burst(scenario: Scenario) -> go.Figure:
    result, baseline = results_for(scenario)
    return burst_chart(result, baseline)


def _fan(series: str) -> Callable[[Scenario], go.Figure]:
    def build(scenario: Scenario) -> go.Figure:
        result, baseline = results_for(scenario)
        return fan_chart(result, baseline, series)
    return build


def _sides(quantity: str) -> Callable[[Scenario], go.Figure]:
    def build(scenario: Scenario) -> go.Figure:
        return sides_chart(results_for(scenario)[0], quantity)
    return build


def _network(scenario: Scenario) -> go.Figure:
    return network_figure(scenario, network_metrics(scenario))


def _map(scenario: Scenario) -> go.Figure:
    m = discovery_map(scenario, x=DEFAULT_X, y=DEFAULT_Y)
    return discovery_map_figure(m, base_x=level_of(scenario, DEFAULT_X), base_y=level_of(scenario, DEFAULT_Y))


def _sensitivity(scenario: Scenario) -> go.Figure:
    return sensitivity_figure(sensitivity(neutral_base(scenario), include_parameters=False))


def _history(scenario: Scenario) -> go.Figure:
    events = load_events()
    return history_figure(events, evaluate(events, fitted_parameters()))


CHARTS: dict[str, Chart] = {c.name: c for c in (
    Chart("balloon", "The balloon: baseline against the scenario", "Briefing", _balloon),
    Chart("burst", "Chance of a pop by each day", "Lab", _burst),
    Chart("pressure", "Pressure: 10th to 90th percentile bands", "Lab", _fan("pressure")),
    Chart("hostility", "Hostility of each side", "Lab", _sides("hostility")),
    Chart("face", "Face of each leader", "Lab", _sides("face")),
    Chart("network", "The intermediary network", "Intermediaries", _network),
    Chart("map", "Where the gift exchange helps or backfires", "Explore", _map),
    Chart("sensitivity", "What moves the pop chance most (levers)", "Explore", _sensitivity),
    Chart("history", "The 2017-2019 record and the replay", "History", _history),
)}
"""Every chart by name, in the order the pages show them; `figure --help` lists these names."""


def chart_figure(name: str, scenario: Scenario) -> go.Figure:
    """The figure of a named chart for a scenario; an unknown name says which names exist."""
    if name not in CHARTS:
        raise InputError("figure", f"{name[:40]!r} is not a chart; allowed: {', '.join(CHARTS)}")
    return CHARTS[name].build(scenario)
