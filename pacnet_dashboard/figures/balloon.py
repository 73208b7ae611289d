"""The tension balloon as an icon array: 100 simulated futures for each scenario, playable over the days.

Each balloon is one future chosen from the runs (model/futures.py), sized by its own pressure (diameter
proportional to the radius r = (1 + P/P_ref)^(1/3), so the drawn volume is the model's) and coloured from calm
to hot as its skin thins; a future that has popped is drawn burst. At the horizon exactly round(100 x pop
chance) balloons are burst, so the picture and the headline number agree. Below, a day axis counts the burst
futures and marks the gesture days. Plotly frames play it in the browser; each frame carries only the two
marker arrays that change (size, colour and symbol of 200 balloons) and a few labels. A still figure (no frames,
day slider or Play) is what a page sends until its viewer asks to play the days: the frames are most of the
figure's bytes and of the browser's drawing time, and a slider move should not pay for them.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go

from pacnet_dashboard.figures.charts import sample_days
from pacnet_dashboard.figures.marks import gesture_marks
from pacnet_dashboard.figures.theme import (BASELINE_COLOUR, CALM_TO_HOT, FONT_FAMILY, OKABE_ITO, SCENARIO_COLOUR,
                                            layout_dict, template_dict)
from pacnet_dashboard.model.futures import FUTURES
from pacnet_dashboard.model.simulate import Result, radius, skin

GRID = 10
"""Each array is GRID x GRID balloons, read row by row from the top left."""
MAX_FRAMES = 40
TAU_CALM = float(skin(0.5, 1.0))
"""Skin drawn fully calm: a half-inflated balloon (half the reference pressure), which is hard to pop."""
TAU_HOT = float(skin(4.0, 1.0))
"""Skin drawn fully hot: four times the reference pressure, about twice the late-2017 level."""
R_MAX = float(radius(4.0, 1.0))
"""Radius drawn at the full cell size; fuller balloons are capped there."""
INTACT, BURST = 0, 135  # plotly marker symbols: circle, asterisk-open
HEAT_LEVELS = 10
"""Colour steps from calm (0) to hot (HEAT_LEVELS); finer steps would not be seen on a balloon this small."""
BURST_VALUE = -HEAT_LEVELS
"""Colour value of a burst balloon: the colour scale's dark lower half."""
BURST_COLOUR = "#3A3A3A"
_COLOURS = [[0.0, BURST_COLOUR], [0.499, BURST_COLOUR],
            *[[0.5 + 0.5 * stop, colour] for stop, colour in CALM_TO_HOT]]
_GAP = 2
_TOP_PX, _BOTTOM_PX, _STILL_BOTTOM_PX, _LEFT_PX = 64, 122, 36, 44
"""Fixed margins (px) that hold the day axis's labels, the day slider and Play: with plotly's automatic margins a
chart is drawn, measured and drawn again, which doubled the browser's drawing time for each new picture."""
_SLIDER_LABELS = 6


_NICE_STEPS = (1, 2, 5, 10, 15, 20, 30, 50, 100, 200)


def nice_step(span: int, most: int) -> int:
    """The smallest round step that cuts `span` days into at most `most` pieces."""
    return next((s for s in _NICE_STEPS if span / s <= most), _NICE_STEPS[-1])


def frame_days(horizon: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """Day indices shown as animation frames: the ends of day 1, of every round number of days, and of the last
    day (index d is the state after d + 1 days). Even spacing keeps the slider linear in days."""
    step = nice_step(horizon, max_frames - 2)
    return sorted({0, horizon - 1} | set(range(step - 1, horizon, step)))


def heat(tau: float | np.ndarray) -> float | np.ndarray:
    """0 for a half-inflated balloon's skin or thicker, 1 for a skin as thin as at four times P_ref.

    The hazard of a pop grows as exp(-theta*tau/mu), so colour linear in tau is colour linear in log-hazard.
    """
    value = np.clip((TAU_CALM - np.asarray(tau)) / (TAU_CALM - TAU_HOT), 0.0, 1.0)
    return float(value) if value.ndim == 0 else value


def _grid(offset: int) -> tuple[list[int], list[int]]:
    i = np.arange(FUTURES)
    return (offset + i % GRID).tolist(), (GRID - 1 - i // GRID).tolist()


def _typed(values: np.ndarray) -> dict:
    """A plotly.js typed array (base64 of 8-bit integers): 136 characters for 100 balloons instead of ~400 of
    JSON. Encoded here because plotly.py's own conversion of numpy arrays costs ~0.3 ms per array, and the
    frames hold hundreds of them."""
    dtype = {"uint8": "u1", "int8": "i1"}[str(values.dtype)]
    return {"dtype": dtype, "bdata": base64.b64encode(np.ascontiguousarray(values).tobytes()).decode("ascii")}


def _markers(result: Result, day: int, p_ref: float, cell_px: float) -> dict:
    """Size, colour and symbol of each future's balloon at the end of `day`, as small typed arrays."""
    f = result.futures
    pressure = f.pressure_df[day].astype(np.float64)
    burst = (f.pop_day_f >= 0) & (f.pop_day_f <= day)
    diameter = np.minimum(radius(pressure, p_ref) / R_MAX, 1.0) * cell_px
    colour = np.where(burst, BURST_VALUE, np.round(HEAT_LEVELS * heat(skin(pressure, p_ref))))
    return dict(size=_typed(np.where(burst, 0.8 * cell_px, np.round(diameter)).astype(np.uint8)),
                color=_typed(colour.astype(np.int8)), symbol=_typed(np.where(burst, BURST, INTACT).astype(np.uint8)))


def _hover(result: Result, label: str) -> list[str]:
    f, h = result.futures, result.scenario.horizon_days
    return [f"{label}: pops on day {d + 1}" if d >= 0 else f"{label}: no pop by day {h}" for d in f.pop_day_f]


def _headings(results: tuple[Result, Result], labels: tuple[str, str], day: int, horizon: int,
              size: int = 17, day_label: bool = True) -> list[dict]:
    notes = []
    for result, label, centre in zip(results, labels, (0.25, 0.75)):
        n = result.futures.burst_by(day)
        notes.append(dict(x=centre, y=1.0, xref="paper", yref="paper", yshift=_TOP_PX - 4, yanchor="top",
                          xanchor="center",
                          showarrow=False, font=dict(size=size, family=FONT_FAMILY, color=OKABE_ITO["black"]),
                          text=f"<b>{label}</b><br><b>{n}</b> of {result.futures.count} burst by day {day + 1}"))
    if day_label:
        notes.append(dict(x=0.0, y=0.0, xref="paper", yref="paper", yshift=-34, xshift=190, xanchor="left",
                          yanchor="top", showarrow=False,
                          font=dict(size=size, family=FONT_FAMILY, color=OKABE_ITO["black"]),
                          text=f"<b>Day {day + 1}</b> of {horizon}"))
    return notes


def _frame_layout(results: tuple[Result, Result], labels: tuple[str, str], day: int, horizon: int,
                  size: int) -> dict:
    """What changes from frame to frame: the three labels and the day line. (Whole annotations, not relayout
    paths such as 'annotations[0].text': plotly.py's validation, which the image export runs, refuses those.)"""
    return dict(annotations=_headings(results, labels, day, horizon, size), shapes=_today(day + 1))


def _today(day: int) -> list[dict]:
    return [dict(type="line", x0=day, x1=day, y0=0, y1=1, xref="x2", yref="y2 domain",
                 line=dict(color=OKABE_ITO["black"], width=2))]


def _timeline_traces(results: tuple[Result, Result], labels: tuple[str, str]) -> tuple[list[dict], float]:
    """The burst count by day for both scenarios and the gesture marks, on the day axis below the arrays."""
    scenario = results[1]
    days = sample_days(scenario.scenario.horizon_days)
    traces, top = [], 1.0
    for result, label, colour, dash in zip(results, labels, (BASELINE_COLOUR, SCENARIO_COLOUR), ("dash", "solid")):
        counts = [result.futures.burst_by(int(d)) for d in days]
        top = max(top, counts[-1])
        traces.append(dict(type="scatter", x=(days + 1).tolist(), y=counts, mode="lines", name=f"{label}: burst",
                           line=dict(color=colour, width=3, dash=dash), xaxis="x2", yaxis="y2",
                           hovertemplate=f"{label}: %{{y}} of 100 burst by day %{{x}}<extra></extra>"))
    top = 1.25 * top + 2
    marks = gesture_marks(scenario)
    if marks:
        xs, ys = [], []
        for m in marks:
            xs += [m.day, m.day, None]
            ys += [0, top, None]
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", name="gesture days", hoverinfo="skip",
                           line=dict(color=OKABE_ITO["black"], width=1, dash="dot"), xaxis="x2", yaxis="y2"))
        traces.append(dict(type="scatter", x=[m.day for m in marks],
                           y=[top * (0.93 - 0.24 * (i % 3)) for i in range(len(marks))], mode="text",
                           text=[m.text for m in marks], textposition="middle right", name="gesture labels",
                           textfont=dict(size=14, color=OKABE_ITO["black"]), hoverinfo="skip",
                           xaxis="x2", yaxis="y2"))
    return traces, top


def balloon_figure(baseline: Result, scenario: Result, *, p_ref: float,
                   labels: tuple[str, str] = ("Baseline", "Your scenario"), height: int = 520,
                   large: bool = False, playable: bool = True) -> go.Figure:
    """Two icon arrays (baseline left, scenario right) over a day axis, with a labelled day slider and Play
    (`playable`), or still at the horizon.

    The figure opens on the last day, the horizon, which is what the headline numbers describe. `large` sets
    the headings in type for a room's screen (the presentation view).
    """
    size = 22 if large else 17
    horizon = scenario.scenario.horizon_days
    results = (baseline, scenario)
    days = frame_days(horizon) if playable else [horizon - 1]
    bottom_px = _BOTTOM_PX if playable else _STILL_BOTTOM_PX
    plot_px = height - _TOP_PX - bottom_px
    cell_px = min(30.0, 0.62 * plot_px / GRID)
    icons = []
    for result, label, offset in zip(results, labels, (0, GRID + _GAP)):
        x, y = _grid(offset)
        icons.append(dict(type="scatter", x=x, y=y, mode="markers", name=label, hovertext=_hover(result, label),
                          hoverinfo="text", showlegend=False,
                          marker=dict(**_markers(result, days[-1], p_ref, cell_px), colorscale=_COLOURS,
                                      cmin=BURST_VALUE, cmax=HEAT_LEVELS,
                                      line=dict(width=1.5, color=OKABE_ITO["black"]))))
    timeline, top = _timeline_traces(results, labels)
    layout = layout_dict(height=height)
    layout.update(
        template=template_dict(),
        annotations=_headings(results, labels, days[-1], horizon, size, day_label=playable),
        shapes=_today(days[-1] + 1),
        showlegend=False,
        margin=dict(l=_LEFT_PX, r=10, t=_TOP_PX, b=bottom_px, autoexpand=False),
        xaxis=dict(range=[-0.7, 2 * GRID + _GAP - 0.3], visible=False, fixedrange=True),
        yaxis=dict(range=[-0.6, GRID - 0.4], visible=False, fixedrange=True, domain=[0.36, 1.0]),
        xaxis2=dict(range=[0, horizon], anchor="y2", fixedrange=True, title=None, ticksuffix="",
                    tickfont=dict(size=14)),
        yaxis2=dict(range=[0, top], domain=[0.0, 0.27], fixedrange=True, tickfont=dict(size=13),
                    title=dict(text="burst", font=dict(size=14))),
    )
    frames = []
    if playable:
        frames = [dict(name=str(d), traces=[0, 1],
                       data=[dict(marker=_markers(r, d, p_ref, cell_px)) for r in results],
                       layout=_frame_layout(results, labels, d, horizon, size))
                  for d in days]
        layout.update(_play_controls(days, horizon))
    fig = go.Figure(data=[*icons, *timeline], layout=layout, _validate=False)
    # Frames repeat the validated traces' structure with other numbers; validating each would cost more than
    # the rest of the rerun (plotly 7.1). tests/test_figures.py checks that they survive `to_dict`.
    fig._frame_objs = tuple(go.Frame(f, _validate=False) for f in frames)
    return fig


def _play_controls(days: list[int], horizon: int) -> dict:
    """The labelled day slider (a step per frame) and the Play and Pause buttons, as layout entries."""
    every = nice_step(horizon, _SLIDER_LABELS)
    labelled = {0} | {d for d in days if (d + 1) % every == 0}  # plotly thins labels to every k-th step
    steps = [dict(method="animate", label=str(d + 1) if d in labelled else "",
                  args=[[str(d)], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                       transition=dict(duration=0))]) for d in days]
    return dict(
        updatemenus=[dict(type="buttons", showactive=False, x=0.0, y=0.0, xanchor="left", yanchor="top",
                          direction="left", pad=dict(t=30, r=0), font=dict(size=15),
                          buttons=[dict(label="▶ Play", method="animate",
                                        args=[None, dict(frame=dict(duration=150, redraw=True), fromcurrent=False,
                                                         transition=dict(duration=0), mode="immediate")]),
                                   dict(label="❚❚ Pause", method="animate",
                                        args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")])])],
        sliders=[dict(active=len(days) - 1, steps=steps, x=0.0, len=1.0, y=0.0, yanchor="top",
                      currentvalue=dict(visible=False), pad=dict(t=68, b=0, l=0, r=0), font=dict(size=13),
                      ticklen=4)])
