"""Text alternatives for the charts: a one-sentence summary and the data behind it as a table.

Screen-reader users (and anyone who wants the numbers) get the same content as the picture; the pages show
the sentence beside each chart and the table on request.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pacnet_dashboard.analysis.discovery import DiscoveryMap
from pacnet_dashboard.analysis.sensitivity import SensitivityResult, TornadoRow
from pacnet_dashboard.figures.explore import treatment_label
from pacnet_dashboard.figures.marks import gesture_marks
from pacnet_dashboard.history.moments import KeyMoment
from pacnet_dashboard.history.replay import HistoryResult
from pacnet_dashboard.io.data import Event
from pacnet_dashboard.model.network import NetworkMetrics
from pacnet_dashboard.model.series import SERIES
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.scenario import lever_specs

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


def map_summary(m: DiscoveryMap, base_x: float, base_y: float) -> str:
    """One sentence for the discovery map: its range of changes, how many cells help or backfire beyond sampling
    error, and the change in the cell nearest the scenario (the star)."""
    change = 100 * m.change_yx
    j, i = int(np.abs(m.y_values - base_y).argmin()), int(np.abs(m.x_values - base_x).argmin())
    specs = lever_specs()
    return (f"Adding {treatment_label(m.treatment)} changes the pop chance by day {m.horizon_days} by "
            f"{change.min():+.1f} to {change.max():+.1f} points across the {change.size} cells: it helps beyond "
            f"sampling error in {int(m.helps_yx.sum())}, backfires beyond it in {int(m.backfire_yx.sum())}, and in the "
            f"cell nearest your scenario ({specs[m.x].label} {m.x_values[i]:.3g}, {specs[m.y].label} "
            f"{m.y_values[j]:.3g}) it changes the pop chance by {change[j, i]:+.1f} points.")


def map_table(m: DiscoveryMap) -> pd.DataFrame:
    """Every cell of the map: both lever values, the pop chance without and with the treatment, the change."""
    specs = lever_specs()
    verdict = {(True, False): "backfires", (False, True): "helps", (False, False): "no clear effect"}
    return pd.DataFrame([{specs[m.x].label: round(c[m.x], 3), specs[m.y].label: round(c[m.y], 3),
                          "Without (%)": round(100 * c["control_burst_probability"], 1),
                          "With (%)": round(100 * c["treated_burst_probability"], 1),
                          "Change (points)": round(100 * c["change"], 1),
                          "± (points)": round(100 * c["standard_error"], 1),
                          "Verdict": verdict[(c["backfires"], c["helps"])]} for c in m.cells()])


def _importance_scale(result: SensitivityResult) -> tuple[float, str]:
    return (100.0, "points") if result.method == "morris" else (1.0, "of the variance")


def sensitivity_summary(result: SensitivityResult) -> str:
    """One sentence for the ranked sensitivity chart: the three strongest factors, and where the dummy ranks."""
    scale, unit = _importance_scale(result)
    top = result.indices[:3]
    dummy = [k for k, i in enumerate(result.indices) if i.factor.kind == "dummy"]
    first = f"{top[0].factor.label} moves the pop chance most ({scale * top[0].importance:.3g} {unit})"
    rest = " and ".join(f"{i.factor.label} ({scale * i.importance:.3g})" for i in top[1:])
    where = (f"; the dummy, which the model never reads, ranks {dummy[0] + 1} of {len(result.indices)}"
             if dummy else "")
    return f"Of {len(result.indices)} factors, {first}" + (f", then {rest}" if rest else "") + where + "."


def sensitivity_table(result: SensitivityResult) -> pd.DataFrame:
    """The chart's bars in rank order: factor, kind, importance and its confidence half-width, range."""
    scale, unit = _importance_scale(result)
    return pd.DataFrame([{"Rank": k + 1, "Factor": i.factor.label, "Kind": i.factor.kind,
                          f"Importance ({unit})": round(scale * i.importance, 3),
                          "± (95% CI)": round(scale * i.importance_conf, 3),
                          "Range": f"{i.factor.low:g} to {i.factor.high:g} ({i.factor.unit})"}
                         for k, i in enumerate(result.indices)])


def history_summary(shown: tuple[Event, ...], result: HistoryResult, moments: tuple[KeyMoment, ...]) -> str:
    """One sentence for the History figure: the events shown, the index's peak and low, the replay's score out of
    sample, and the key moments."""
    months, tension = result.observed.months, np.asarray(result.observed.tension_m)
    hi, lo = int(tension.argmax()), int(tension.argmin())
    escalations = sum(e.direction == "escalation" for e in shown)
    marks = "; ".join(m.label for m in moments)
    return (f"{len(shown)} events are shown ({escalations} escalations); the observed tension index peaks at "
            f"{tension[hi]:.1f} in {months[hi]} and is lowest at {tension[lo]:.1f} in {months[lo]}, and the model's "
            f"replay follows it with r = {result.out_of_sample.r:.2f} out of sample"
            + (f" (key moments: {marks})." if marks else "."))


def history_table(shown: tuple[Event, ...], result: HistoryResult) -> pd.DataFrame:
    """The figure by month: the events shown by direction, the observed index and the model's replay. (Each event
    is a row of the event table below the figure.)"""
    rows = []
    for k, month in enumerate(result.observed.months):
        in_month = [e for e in shown if e.date.isoformat()[:7] == month]
        rows.append({"Month": month, "Escalation events": sum(e.direction == "escalation" for e in in_month),
                     "De-escalation events": sum(e.direction == "de-escalation" for e in in_month),
                     "Observed tension": round(float(result.observed.tension_m[k]), 1),
                     "Model tension": round(float(result.model_m[k]), 1)})
    return pd.DataFrame(rows)
