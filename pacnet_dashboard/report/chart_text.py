"""Text alternatives for the charts: a one-sentence summary and the data behind it as a table.

Screen-reader users (and anyone who wants the numbers) get the same content as the picture; the pages show
the sentence beside each chart and the table on request.
"""

from __future__ import annotations

import pandas as pd

from pacnet_dashboard.analysis.sensitivity import TornadoRow
from pacnet_dashboard.figures.marks import gesture_marks
from pacnet_dashboard.model.network import NetworkMetrics
from pacnet_dashboard.model.series import SERIES
from pacnet_dashboard.model.simulate import Result

TABLE_STEP_DAYS = 30
"""Rows of a chart's table: every 30 days and the last day (the chart itself has finer detail)."""


def _table_days(horizon: int) -> list[int]:
    return sorted({*range(TABLE_STEP_DAYS - 1, horizon, TABLE_STEP_DAYS), horizon - 1})


def fan_summary(result: Result, baseline: Result, series: str) -> str:
    """One sentence for a fan chart: the scenario's median and 10-90% range at the horizon against the baseline's."""
    info, h = SERIES[series], result.scenario.horizon_days
    b, a = result.bands[series], baseline.bands[series]
    return (f"{info.title} on day {h}: median {b.p50[-1]:.2f} {info.unit} in the scenario (80% of futures between "
            f"{b.p10[-1]:.2f} and {b.p90[-1]:.2f}) against {a.p50[-1]:.2f} in the baseline.")


def fan_table(result: Result, baseline: Result, series: str) -> pd.DataFrame:
    """The bands behind a fan chart, every 30 days."""
    days = _table_days(result.scenario.horizon_days)
    rows = {"Day": [d + 1 for d in days]}
    for label, r in (("Baseline", baseline), ("Scenario", result)):
        band = r.bands[series]
        for q in ("p10", "p50", "p90"):
            rows[f"{label} {q}"] = [round(float(getattr(band, q)[d]), 3) for d in days]
    return pd.DataFrame(rows)


def burst_summary(result: Result, baseline: Result) -> str:
    """One sentence for the burst curve: the chance of a pop by the horizon, and by mid-horizon, in both."""
    h = result.scenario.horizon_days
    mid = h // 2 - 1
    return (f"The chance that the balloon has popped rises to {result.burst_probability:.0%} by day {h} in the "
            f"scenario ({result.burst_by_day[mid]:.0%} by day {mid + 1}) against {baseline.burst_probability:.0%} "
            f"in the baseline ({baseline.burst_by_day[mid]:.0%}).")


def burst_table(result: Result, baseline: Result) -> pd.DataFrame:
    days = _table_days(result.scenario.horizon_days)
    return pd.DataFrame({"Day": [d + 1 for d in days],
                         "Baseline: popped (%)": [round(100 * float(baseline.burst_by_day[d]), 1) for d in days],
                         "Scenario: popped (%)": [round(100 * float(result.burst_by_day[d]), 1) for d in days]})


def tornado_summary(rows: list[TornadoRow], base: float) -> str:
    """One sentence for the tornado chart: which lever swings the pop chance most, and by how much."""
    top = max(rows, key=lambda r: r.swing)
    return (f"From a pop chance of {base:.0%}, {top.label} moves it most: {top.low:.0%} at {top.low_value:g} and "
            f"{top.high:.0%} at {top.high_value:g}.")


def tornado_table(rows: list[TornadoRow], base: float) -> pd.DataFrame:
    ordered = sorted(rows, key=lambda r: -r.swing)
    return pd.DataFrame({"Lever": [r.label for r in ordered], "At its minimum": [r.low_value for r in ordered],
                         "Pop chance (%)": [round(100 * r.low, 1) for r in ordered],
                         "At its maximum": [r.high_value for r in ordered],
                         "Pop chance at maximum (%)": [round(100 * r.high, 1) for r in ordered]})


def icon_array_summary(reference: Result, subject: Result, labels: tuple[str, str]) -> str:
    """One sentence: how many of the 100 futures burst by the horizon in each scenario, and the gesture days."""
    h = subject.scenario.horizon_days
    a, b = (r.futures.burst_by(h - 1) for r in (reference, subject))
    marks = "; ".join(m.text for m in gesture_marks(subject))
    return (f"Of 100 simulated futures each, {a} burst by day {h} in the {labels[0]} and {b} in "
            f"{labels[1][:1].lower() + labels[1][1:]}" + (f" (gestures: {marks})." if marks else "."))


def icon_array_table(reference: Result, subject: Result, labels: tuple[str, str]) -> pd.DataFrame:
    """Burst futures (of 100) by day for both scenarios, on the days the picture can show."""
    days = _table_days(subject.scenario.horizon_days)
    return pd.DataFrame({"Day": [d + 1 for d in days],
                         f"{labels[0]}: burst of 100": [reference.futures.burst_by(d) for d in days],
                         f"{labels[1]}: burst of 100": [subject.futures.burst_by(d) for d in days]})


def network_summary(metrics: NetworkMetrics) -> str:
    """One sentence for the network figure: dialogue, independent paths and the channel that matters most.
    (Its data is the actor and channel tables below it.)"""
    labels = {n.id: n.label for n in metrics.nodes}
    top = max(metrics.channels, key=lambda c: c.leverage)
    closed = sum(not c.open for c in metrics.channels)
    return (f"Washington and Pyongyang are linked with a conductance of {metrics.conductance:.2f} through "
            f"{metrics.disjoint_paths} independent paths; {closed} of {len(metrics.channels)} channels are closed, and "
            f"losing {labels[top.source]} – {labels[top.target]} would cut dialogue most (by {top.leverage:.2f}).")
