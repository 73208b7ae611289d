"""The tension balloon: baseline and scenario side by side, playable over the days.

Size comes from the median pressure (radius r = (1 + P/P_ref)^(1/3), so the drawn volume is the model's),
the outline's width from the skin thickness tau, and the fill from calm to hot as the skin thins. Plotly
animation frames make it playable in the browser without a server round trip.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from pacnet_dashboard.figures.theme import CALM_TO_HOT, FONT_FAMILY, OKABE_ITO, layout_dict, template_dict
from pacnet_dashboard.model.simulate import Result, radius, skin

OUTLINE_POINTS = 48
MAX_FRAMES = 53
TAU_CALM = float(skin(0.5, 1.0))
"""Skin drawn fully calm: a half-inflated balloon (half the reference pressure), which is hard to pop."""
TAU_HOT = float(skin(4.0, 1.0))
"""Skin drawn fully hot: four times the reference pressure, about twice the late-2017 level."""
_CENTRES = (-1.75, 1.75)
_BASE_Y = 0.0


def frame_days(horizon: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """Days shown as animation frames: evenly spaced from day 0, always ending on the last day."""
    step = max(1, math.ceil((horizon - 1) / (max_frames - 1)))
    days = list(range(0, horizon, step))
    if days[-1] != horizon - 1:
        days.append(horizon - 1)
    return days


def heat(tau: float) -> float:
    """0 for a half-inflated balloon's skin or thicker, 1 for a skin as thin as at four times P_ref.

    The hazard of a pop grows as exp(-theta*tau/mu), so colour linear in tau is colour linear in log-hazard.
    """
    return float(np.clip((TAU_CALM - tau) / (TAU_CALM - TAU_HOT), 0.0, 1.0))


def _outline(r: float, cx: float) -> tuple[np.ndarray, np.ndarray]:
    """A balloon outline of relative radius r whose knot sits at (cx, _BASE_Y): it grows upwards."""
    t = np.linspace(0.0, 2.0 * np.pi, OUTLINE_POINTS)
    narrowing = 0.78 + 0.22 * (1.0 + np.cos(t)) / 2.0
    x = cx + r * np.sin(t) * narrowing
    y = _BASE_Y + 1.18 * r * (1.0 + np.cos(t))
    return np.round(x, 4), np.round(y, 4)


def _string(cx: float) -> tuple[list[float], list[float]]:
    ys = np.linspace(_BASE_Y, _BASE_Y - 1.0, 7)
    xs = cx + 0.08 * np.sin(np.linspace(0, 3 * np.pi, 7))
    return [cx - 0.08, cx + 0.08, cx, *xs.round(3)], [_BASE_Y - 0.08, _BASE_Y - 0.08, _BASE_Y, *ys.round(3)]


def _balloon_traces(label: str, cx: float, pressure: float, p_ref: float, pop: float, day: int) -> list[dict]:
    r = float(radius(pressure, p_ref))
    tau = float(skin(pressure, p_ref))
    colour = sample_colorscale(CALM_TO_HOT, [heat(tau)])[0]
    x, y = _outline(r, cx)
    hover = (f"{label}, by day {day + 1}<br>median pressure {pressure:.0f}<br>skin thickness τ = {tau:.2f}"
             f"<br>pop chance by this day {pop:.0%}<extra></extra>")
    sx, sy = _string(cx)
    return [
        dict(type="scatter", x=x.tolist(), y=y.tolist(), mode="lines", fill="toself", fillcolor=colour, name=label,
             line=dict(color=OKABE_ITO["black"], width=round(1.0 + 9.0 * tau, 2)),
             hovertemplate=hover, showlegend=False),
        dict(type="scatter", x=sx, y=sy, mode="lines", name=f"{label} string",
             line=dict(color=OKABE_ITO["grey"], width=2), hoverinfo="skip", showlegend=False),
    ]


def _frame_content(results: tuple[Result, Result], labels: tuple[str, str], p_ref: float, day: int):
    traces, notes = [], []
    for result, label, cx in zip(results, labels, _CENTRES):
        pressure = float(result.bands["pressure"].p50[day])
        pop = float(result.burst_by_day[day])
        traces += _balloon_traces(label, cx, pressure, p_ref, pop, day)
        tau = float(skin(pressure, p_ref))
        notes.append(dict(x=cx, y=-1.25, xref="x", yref="y", showarrow=False, yanchor="top",
                          text=f"<b>{label}: {pop:.0%}</b><br>popped by day {day + 1}<br>skin τ = {tau:.2f}",
                          font=dict(size=17, family=FONT_FAMILY, color=OKABE_ITO["black"])))
    return traces, notes


def _attach_frames(fig: go.Figure, frames: list[dict]) -> None:
    """Attach animation frames without plotly re-validating every property of every frame.

    The frames repeat the validated traces' structure with other numbers, and validating ~50 of them costs
    over 100 ms per figure (plotly 7.1), which a slider move would pay on every rerun. tests/test_figures.py
    checks that the frames survive `to_dict`, which is what Streamlit and the HTML brief serialise.
    """
    fig._frame_objs = tuple(go.Frame(f, _validate=False) for f in frames)


def balloon_figure(baseline: Result, scenario: Result, *, p_ref: float,
                   labels: tuple[str, str] = ("Baseline", "Your scenario"), height: int = 560) -> go.Figure:
    """Two balloons (baseline left, scenario right) with a day slider and a play button.

    The figure opens on the last day, the horizon, which is what the headline numbers describe.
    """
    horizon = scenario.scenario.horizon_days
    days = frame_days(horizon)
    results = (baseline, scenario)
    top = max(float(radius(max(r.bands["pressure"].p50.max(), 0.0), p_ref)) for r in results)
    content = {d: _frame_content(results, labels, p_ref, d) for d in days}
    traces, notes = content[days[-1]]
    frames = [dict(name=str(d), data=content[d][0], layout=dict(annotations=content[d][1])) for d in days]
    slider_steps = [dict(method="animate", label=str(d + 1),
                         args=[[str(d)], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                              transition=dict(duration=0))]) for d in days]
    span = max(2.2, 1.2 * top + 0.3)
    layout = layout_dict(height=height)
    layout.update(
        template=template_dict(),
        annotations=notes,
        xaxis=dict(range=[-1.75 - span, 1.75 + span], visible=False, fixedrange=True),
        yaxis=dict(range=[-2.35, 2.45 * top + 0.25], visible=False, fixedrange=True, scaleanchor="x", scaleratio=1),
        margin=dict(l=10, r=10, t=10, b=90),
        updatemenus=[dict(type="buttons", showactive=False, x=0.0, y=-0.03, xanchor="left", yanchor="top",
                          direction="left", pad=dict(t=0, r=10),
                          buttons=[dict(label="▶ Play", method="animate",
                                        args=[None, dict(frame=dict(duration=120, redraw=True), fromcurrent=False,
                                                         transition=dict(duration=0), mode="immediate")]),
                                   dict(label="❚❚ Pause", method="animate",
                                        args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")])])],
        sliders=[dict(active=len(days) - 1, steps=slider_steps, x=0.2, len=0.8, y=-0.01, yanchor="top",
                      currentvalue=dict(visible=False), pad=dict(t=0, b=0),
                      font=dict(size=12))],
    )
    fig = go.Figure(data=traces, layout=layout, _validate=False)
    _attach_frames(fig, frames)
    return fig
