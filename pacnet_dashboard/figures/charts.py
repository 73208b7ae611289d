"""Fan charts, the burst curve, the tornado chart and the decomposition: pure functions from Results to plotly Figures.

Every trace is downsampled to at most MAX_POINTS points (the last day is always kept), so a chart stays light
in the browser whatever the horizon.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from pacnet_dashboard.figures.theme import (BASELINE_COLOUR, OKABE_ITO, SCENARIO_COLOUR, SIDE_COLOURS, apply_layout,
                                            layout_dict, template_dict)
from pacnet_dashboard.model.series import SERIES
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.analysis.explain import Decomposition
from pacnet_dashboard.analysis.sensitivity import TornadoRow

MAX_POINTS = 200


def sample_days(horizon: int, max_points: int = MAX_POINTS) -> np.ndarray:
    """Indices of the days drawn: evenly strided from day 0, always including the last day."""
    step = max(1, math.ceil(horizon / max_points))
    days = np.arange(0, horizon, step)
    if days[-1] != horizon - 1:
        days = np.append(days[:-1] if len(days) >= max_points else days, horizon - 1)
    return days


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _band_traces(result: Result, series: str, label: str, colour: str, days: np.ndarray, dash: str | None,
                 fill_alpha: float) -> list[dict]:
    band = result.bands[series]
    x = days.tolist()
    return [
        dict(type="scatter", x=x, y=np.round(band.p90[days], 4).tolist(), mode="lines",
             line=dict(width=0, color=colour), name=f"{label} p90", showlegend=False, hoverinfo="skip",
             legendgroup=label),
        dict(type="scatter", x=x, y=np.round(band.p10[days], 4).tolist(), mode="lines",
             line=dict(width=0, color=colour), fill="tonexty", fillcolor=_rgba(colour, fill_alpha),
             name=f"{label} p10–p90", hoverinfo="skip", legendgroup=label),
        dict(type="scatter", x=x, y=np.round(band.p50[days], 4).tolist(), mode="lines",
             line=dict(width=3, color=colour, dash=dash), name=f"{label} median", legendgroup=label,
             hovertemplate=f"{label}<br>day %{{x}}: median %{{y:.2f}}<extra></extra>"),
    ]


def _figure(traces: list[dict], *, title: str | None, height: int, x_title: str, y_title: str,
            y_range: tuple[float, float] | None = None, **layout: object) -> go.Figure:
    """A themed figure from trace and layout data built here, without plotly's per-property validation.

    Validation dominated the cost of a chart (tens of ms each, paid on every slider move); the data are plain
    numbers and the shared theme, and tests/test_figures.py checks the traces, names and axis titles.
    """
    base = layout_dict(title=title, height=height)
    # The legend goes under the plot, so that it never runs into the title on a narrow column.
    base.update(legend=dict(orientation="h", yanchor="top", y=-0.3, xanchor="left", x=0, font=dict(size=13)),
                margin=dict(l=60, r=20, t=50, b=40))
    base.update(template=template_dict(), xaxis=dict(title=dict(text=x_title)),
                yaxis=dict(title=dict(text=y_title), **({"range": list(y_range)} if y_range else {})), **layout)
    return go.Figure(data=traces, layout=base, _validate=False)


def fan_chart(scenario: Result, baseline: Result | None, series: str, *, height: int = 440) -> go.Figure:
    """The p10-p90 band and median of one series for the scenario, with the baseline's band behind it."""
    info = SERIES[series]
    days = sample_days(scenario.scenario.horizon_days)
    traces = []
    if baseline is not None:
        traces += _band_traces(baseline, series, "Baseline", BASELINE_COLOUR, days, "dash", 0.25)
    traces += _band_traces(scenario, series, "Scenario", SCENARIO_COLOUR, days, None, 0.25)
    return _figure(traces, title=info.title, height=height, x_title="day", y_title=info.y_title, y_range=info.y_range)


def sides_chart(result: Result, quantity: str, *, height: int = 400) -> go.Figure:
    """Both sides' medians and bands of one quantity ('hostility' or 'face') for one result."""
    days = sample_days(result.scenario.horizon_days)
    traces = []
    for side, name in (("us", "US"), ("dprk", "DPRK")):
        traces += _band_traces(result, f"{quantity}_{side}", name, SIDE_COLOURS[side], days, None, 0.2)
    info = SERIES[f"{quantity}_us"]
    return _figure(traces, title=f"{quantity.capitalize()} of each side", height=height, x_title="day",
                   y_title=info.y_title, y_range=info.y_range)


def burst_chart(scenario: Result, baseline: Result | None, *, height: int = 420) -> go.Figure:
    """Cumulative chance that the balloon has popped, by day."""
    days = sample_days(scenario.scenario.horizon_days)
    pairs = ([(baseline, "Baseline", BASELINE_COLOUR, "dash")] if baseline is not None else []) + \
        [(scenario, "Scenario", SCENARIO_COLOUR, None)]
    fig = _figure([dict(type="scatter", x=days.tolist(), y=np.round(100 * result.burst_by_day[days], 3).tolist(),
                        mode="lines", name=label, line=dict(width=3, color=colour, dash=dash),
                        hovertemplate=f"{label}<br>by day %{{x}}: %{{y:.1f}}%<extra></extra>")
                   for result, label, colour, dash in pairs],
                  title="Chance the balloon has popped", height=height, x_title="day",
                  y_title="cumulative pop chance (%)")
    fig.layout.yaxis.rangemode = "tozero"
    return fig


def tornado_chart(rows: list[TornadoRow], base: float, *, height: int | None = None) -> go.Figure:
    """Horizontal bars of the change in pop chance (points) as each lever moves across its range."""
    ordered = sorted(rows, key=lambda r: r.swing)
    labels = [r.label for r in ordered]
    fig = go.Figure()
    for attr, value_attr, name, colour in (("low", "low_value", "lever at its minimum", OKABE_ITO["sky"]),
                                           ("high", "high_value", "lever at its maximum", OKABE_ITO["vermillion"])):
        deltas = [round(100 * (getattr(r, attr) - base), 3) for r in ordered]
        texts = [f"{getattr(r, value_attr):g}" for r in ordered]
        fig.add_trace(go.Bar(
            y=labels, x=deltas, orientation="h", name=name, marker_color=colour, text=texts,
            textposition="outside", cliponaxis=False,
            hovertemplate="%{y} = %{text}<br>change in pop chance: %{x:+.1f} points<extra></extra>"))
    apply_layout(fig, title=f"What moves the pop chance (now {base:.0%})", height=height or 120 + 42 * len(rows))
    fig.update_layout(barmode="overlay", margin=dict(l=170))
    fig.update_xaxes(title_text="change in pop chance by the horizon (percentage points)", zeroline=True,
                     zerolinewidth=2, zerolinecolor=OKABE_ITO["black"])
    return fig


def decomposition_chart(d: Decomposition, *, height: int | None = None) -> go.Figure:
    """Why a scenario works, or fails: what each mechanism adds to its effect against the baseline (points).

    A bar is effect - effect_without: how much of the change in pop chance needs that mechanism. Bars below zero
    lower the pop chance (they make the scenario work), bars above zero raise it (they make it fail)."""
    rows = [*d.mechanisms, d.face_saving]
    contributions = [round(100 * (d.effect - m.effect_without), 3) for m in rows]
    colours = [OKABE_ITO["sky"] if c < 0 else OKABE_ITO["vermillion"] for c in contributions]
    labels = [m.label for m in rows]
    verdict = "works" if d.effect < 0 else "fails"
    fig = go.Figure(go.Bar(
        y=labels, x=contributions, orientation="h", marker_color=colours, name="part of the effect",
        customdata=[[round(100 * m.share), round(100 * m.effect_without, 2)] for m in rows],
        hovertemplate="%{y}<br>%{x:+.1f} points of the effect (share %{customdata[0]}%)<br>"
                      "effect without it: %{customdata[1]:+.2f} points<extra></extra>"))
    apply_layout(fig, title=f"Why this scenario {verdict}: {100 * d.effect:+.1f} points against the baseline "
                            f"(± {100 * d.standard_error:.1f})", height=height or 140 + 40 * len(rows))
    fig.update_layout(margin=dict(l=10), showlegend=False)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title_text="points of the effect that need it (below 0: lowers the pop chance)",
                     zeroline=True, zerolinewidth=2, zerolinecolor=OKABE_ITO["black"])
    return fig
