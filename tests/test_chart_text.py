"""Text alternatives of the charts, and the Method page's reproduce commands."""

from __future__ import annotations

import shlex

import pytest

from pacnet_dashboard.analysis.sensitivity import TornadoRow
from pacnet_dashboard.model.network import network_metrics
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.report.brief import CHECKOUT_PYTHON, cli_command, compare_command
from pacnet_dashboard.report.chart_text import (burst_summary, burst_table, fan_summary, fan_table,
                                                icon_array_summary, icon_array_table, network_summary,
                                                tornado_summary, tornado_table)
from pacnet_dashboard.scenario import baseline_for, bundled


@pytest.fixture(scope="module")
def pair():
    s = bundled("gift_exchange").scenario.model_copy(update={"runs": 300})
    return simulate(s), simulate(baseline_for(s))


def test_every_sentence_carries_the_charts_numbers(pair) -> None:
    result, baseline = pair
    h = result.scenario.horizon_days
    assert f"{result.burst_probability:.0%} by day {h}" in burst_summary(result, baseline)
    assert f"median {result.bands['pressure'].p50[-1]:.2f}" in fan_summary(result, baseline, "pressure")
    icons = icon_array_summary(baseline, result, ("A", "B"))
    assert f"{baseline.futures.burst_by(h - 1)} burst by day {h}" in icons and "book sent, day 14" in icons


def test_every_table_ends_on_the_horizon_with_the_charts_values(pair) -> None:
    result, baseline = pair
    h = result.scenario.horizon_days
    for table in (fan_table(result, baseline, "pressure"), burst_table(result, baseline),
                  icon_array_table(baseline, result, ("A", "B"))):
        assert table["Day"].iloc[-1] == h and table["Day"].is_monotonic_increasing
    assert burst_table(result, baseline)["Scenario: popped (%)"].iloc[-1] == round(100 * result.burst_probability, 1)
    assert icon_array_table(baseline, result, ("A", "B"))["B: burst of 100"].iloc[-1] == result.futures.burst_by(h - 1)


def test_the_tornado_and_network_sentences_name_the_strongest() -> None:
    rows = [TornadoRow("a", "Lever A", 0, 1, 0.25, 0.35), TornadoRow("b", "Lever B", 0, 10, 0.1, 0.6)]
    assert tornado_summary(rows, 0.3).startswith("From a pop chance of 30%, Lever B moves it most")
    assert list(tornado_table(rows, 0.3)["Lever"]) == ["Lever B", "Lever A"]
    metrics = network_metrics(bundled("baseline").scenario)
    assert f"{metrics.conductance:.2f}" in network_summary(metrics)


def test_the_method_commands_run_in_the_checkout_and_compare_follows_the_scenario() -> None:
    s = bundled("full_package").scenario
    line = cli_command(s, python=CHECKOUT_PYTHON)
    assert shlex.split(line)[:3] == [CHECKOUT_PYTHON, "-m", "pacnet_dashboard"]
    assert shlex.split(compare_command(s, "full_package", "x.json"))[3:6] == ["compare", "baseline", "full_package"]
    custom = compare_command(s, None, "custom_seed7.json")
    assert "custom_seed7.json" in shlex.split(custom)


def test_the_method_commands_run_as_pasted(tmp_path) -> None:
    from pacnet_dashboard.cli import main

    s = bundled("gift_exchange").scenario.model_copy(update={"runs": 200})
    for line in (cli_command(s, python=CHECKOUT_PYTHON), cli_command(s, "network", python=CHECKOUT_PYTHON),
                 compare_command(s, "gift_exchange", "unused.json")):
        args = shlex.split(line)[3:]  # what follows `.venv/bin/python -m pacnet_dashboard`
        assert main([*args, "--out", str(tmp_path / "out.txt")]) == 0, line
