"""The History figure: the 2017-2019 event timeline above the observed index and the model's replay.

Pure plotly, no streamlit: the page only lays out what `history_figure` returns.
"""

from __future__ import annotations

import html
import textwrap
from datetime import date

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pacnet_dashboard.io.data import Event
from pacnet_dashboard.figures.theme import OKABE_ITO, apply_layout
from pacnet_dashboard.history.moments import KeyMoment
from pacnet_dashboard.history.replay import FIT_MONTHS, TEST_MONTHS, HistoryResult

DIRECTION_COLOURS = {"escalation": OKABE_ITO["vermillion"], "de-escalation": OKABE_ITO["blue"],
                     "neutral": OKABE_ITO["grey"]}
OBSERVED_COLOUR, MODEL_COLOUR = OKABE_ITO["black"], OKABE_ITO["orange"]
MOMENT_GAP_DAYS = 200
"""Two key moments' labels closer than this share no row: at 1280 px a two-line label spans about 120 days."""
MOMENT_ROW_PX = 46


def _month_mid(month: str) -> str:
    return f"{month}-15"


def _window_edges(bounds: tuple[str, str]) -> tuple[str, str]:
    y, m = (int(v) for v in bounds[1].split("-"))
    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return f"{bounds[0]}-01", date(y, m, 1).isoformat()


def stats_text(result: HistoryResult) -> str:
    """The fit in one plain line, for the title and the page."""
    i, o = result.in_sample, result.out_of_sample
    return (f"Fit {FIT_MONTHS[0]} to {FIT_MONTHS[1]}: r = {i.r:.2f}, RMSE = {i.rmse:.1f}. "
            f"Out of sample {TEST_MONTHS[0]} to {TEST_MONTHS[1]}: r = {o.r:.2f}, RMSE = {o.rmse:.1f}.")


def _wrapped(text: str, width: int = 70) -> str:
    """Text made inert for plotly's hover markup (escaped) and wrapped, so a hover box stays on screen."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width)) or ""


def _hover(e: Event) -> str:
    when = e.date.isoformat() + (" (date uncertain)" if e.date_uncertain else "")
    return (f"<b>{when}</b> {e.actor} \u2192 {e.target} ({e.category.replace('_', ' ')})<br>{_wrapped(e.description)}"
            f"<br>CAMEO {e.cameo_root:02d}, Goldstein {e.goldstein:+.1f}<br><i>{_wrapped(e.source)}</i>")


def moment_rows(moments: tuple[KeyMoment, ...]) -> list[int]:
    """A row (0 = lowest) for each moment's label: the first row whose last label is at least MOMENT_GAP_DAYS
    earlier, so that neighbouring labels never overlap; two rows hold the bundled record's moments."""
    last: list[date] = []
    rows = []
    for m in moments:
        row = next((i for i, d in enumerate(last) if (m.date - d).days >= MOMENT_GAP_DAYS), len(last))
        if row == len(last):
            last.append(m.date)
        else:
            last[row] = m.date
        rows.append(row)
    return rows


def _add_moments(fig: go.Figure, moments: tuple[KeyMoment, ...]) -> int:
    """A dotted line through both panels and a label above the timeline for each key moment; returns the rows."""
    rows = moment_rows(moments)
    for m, row in zip(moments, rows):
        x = m.date.isoformat()
        fig.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="paper", layer="below",
                      line={"color": OKABE_ITO["grey"], "width": 1, "dash": "dot"})
        fig.add_annotation(x=x, xref="x", y=1, yref="y domain", text=f"<b>{m.what}</b><br>{m.when}",
                           showarrow=True, arrowhead=0, arrowcolor=OKABE_ITO["grey"], ax=0,
                           ay=-(12 + row * MOMENT_ROW_PX), yanchor="bottom", font={"size": 13, "color": "#1F2430"},
                           bgcolor="rgba(255,255,255,0.9)", hovertext=_hover(m.event), name=f"moment {x}")
    return max(rows, default=-1) + 1


def history_figure(events: tuple[Event, ...], result: HistoryResult,
                   moments: tuple[KeyMoment, ...] = ()) -> go.Figure:
    """Events as markers coloured by direction (top), observed and model tension by month (bottom), and the
    key moments labelled above the timeline."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.38, 0.62], vertical_spacing=0.06)
    for direction, colour in DIRECTION_COLOURS.items():
        chosen = [e for e in events if e.direction == direction]
        fig.add_trace(go.Scatter(
            x=[e.date.isoformat() for e in chosen], y=[e.goldstein for e in chosen], mode="markers",
            name=f"{direction} event", marker={"color": colour, "size": 8, "opacity": 0.8,
                                              "symbol": ["circle-open" if e.date_uncertain else "circle"
                                                         for e in chosen]},
            hovertext=[_hover(e) for e in chosen], hoverinfo="text", legendgroup="events"), row=1, col=1)
    x = [_month_mid(m) for m in result.observed.months]
    fig.add_trace(go.Scatter(x=x, y=list(result.observed.tension_m), mode="lines+markers", name="observed tension",
                             line={"color": OBSERVED_COLOUR, "width": 2},
                             hovertemplate="%{x|%b %Y}: observed %{y:.1f}<extra></extra>"), row=2, col=1)
    fig.add_trace(go.Scatter(x=x, y=list(result.model_m), mode="lines", name="model tension",
                             line={"color": MODEL_COLOUR, "width": 2, "dash": "dash"},
                             hovertemplate="%{x|%b %Y}: model %{y:.1f}<extra></extra>"), row=2, col=1)
    for bounds, label, shade in ((FIT_MONTHS, "fit window", "rgba(0,114,178,0.08)"),
                                 (TEST_MONTHS, "out of sample", "rgba(230,159,0,0.10)")):
        x0, x1 = _window_edges(bounds)
        fig.add_vrect(x0=x0, x1=x1, fillcolor=shade, line_width=0, layer="below", row=2, col=1,
                      annotation_text=label, annotation_position="top left")
    fig.update_yaxes(title_text="Goldstein score", range=[-10.5, 10.5], row=1, col=1)
    fig.update_yaxes(title_text="tension index (higher = more hostile)", row=2, col=1)
    fig.update_xaxes(title_text="date", row=2, col=1)
    label_rows = _add_moments(fig, moments)
    extra = 12 + label_rows * MOMENT_ROW_PX if label_rows else 0
    apply_layout(fig, title=("The US-DPRK record, 2017-2019, and the model<br>"
                             f"<span style='font-size:14px'>{stats_text(result)}</span>"), height=640 + extra)
    fig.update_layout(hovermode="closest", legend={"y": -0.16, "yanchor": "top", "traceorder": "normal"},
                      margin={"t": 90 + extra}, title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12}})
    return fig
