"""Figures of the analyst tools: the discovery map and the ranked sensitivity chart. Pure: data in, Figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from pacnet_dashboard.io.data import load_gestures
from pacnet_dashboard.analysis.discovery import DiscoveryMap
from pacnet_dashboard.figures.theme import DIVERGING, OKABE_ITO, apply_layout
from pacnet_dashboard.scenario import lever_specs
from pacnet_dashboard.analysis.sensitivity import SensitivityResult

KIND_COLOURS = {"lever": OKABE_ITO["blue"], "parameter": OKABE_ITO["orange"], "dummy": OKABE_ITO["black"]}
KIND_NAMES = {"lever": "Lever", "parameter": "Model parameter", "dummy": "Dummy (no effect by design)"}


def axis_title(name: str) -> str:
    spec = lever_specs()[name]
    return f"{spec.label} ({spec.unit})"


def treatment_label(treatment: str) -> str:
    """'us_book_gift@14' -> 'Signed negotiation book (day 14)', using the catalogue's labels."""
    catalogue = load_gestures().by_id()
    parts = []
    for item in treatment.split(","):
        gid, _, day = item.strip().partition("@")
        label = catalogue[gid].label if gid in catalogue else gid
        parts.append(f"{label} (day {day})" if day else label)
    return ", ".join(parts)


def runs_words(m: DiscoveryMap) -> str:
    """'500 runs a cell, 4,000 in the 12 cells that left the change unclear' (or one number without a survey)."""
    refined = int(m.refined_yx.sum()) if m.survey_runs < m.runs else 0
    if not refined:
        return f"{m.survey_runs:,} runs a cell"
    cells = "the cell" if refined == 1 else f"the {refined} cells"
    return f"{m.survey_runs:,} runs a cell, {m.runs:,} in {cells} where that left the change unclear"


def discovery_map_figure(m: DiscoveryMap, *, base_x: float | None = None, base_y: float | None = None) -> go.Figure:
    """Heatmap of the change in pop chance (points), diverging around 0: blue helps, red backfires.

    Cells where the gesture backfires beyond its paired sampling error carry a cross; cells where the change
    cannot be told from zero carry a small open circle. `base_x`/`base_y` mark the scenario the map was drawn around.
    """
    change_yx = m.change_yx * 100
    limit = max(float(np.abs(change_yx).max()), 1.0)
    x_title, y_title = axis_title(m.x), axis_title(m.y)
    custom = np.stack([m.control_yx * 100, m.treated_yx * 100, m.se_yx * 100], axis=-1)
    fig = go.Figure(go.Heatmap(
        x=m.x_values, y=m.y_values, z=change_yx, zmid=0, zmin=-limit, zmax=limit, colorscale=DIVERGING,
        customdata=custom, name="Change in pop chance", xgap=1, ygap=1,
        colorbar=dict(title=dict(text="Change in<br>pop chance<br>(points)", side="top"), ticksuffix=""),
        hovertemplate=(f"{lever_specs()[m.x].label} %{{x:g}}<br>{lever_specs()[m.y].label} %{{y:g}}<br>"
                       "Change %{z:+.1f} ± %{customdata[2]:.1f} points (paired standard error)<br>"
                       "Without %{customdata[0]:.1f}%, with %{customdata[1]:.1f}%<extra></extra>"),
    ))
    x_yx, y_yx = np.meshgrid(m.x_values, m.y_values)
    backfire, unclear = m.backfire_yx, ~(m.backfire_yx | m.helps_yx)
    fig.add_trace(go.Scatter(
        x=x_yx[backfire], y=y_yx[backfire], mode="markers", name="Backfires (beyond sampling error)",
        marker=dict(symbol="x-thin", size=16, line=dict(width=3, color=OKABE_ITO["black"]), color=OKABE_ITO["black"]),
        hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=x_yx[unclear], y=y_yx[unclear], mode="markers", name="No clear effect",
        marker=dict(symbol="circle", size=7, color="white", line=dict(width=1.5, color=OKABE_ITO["black"])),
        hoverinfo="skip"))
    if base_x is not None and base_y is not None:
        fig.add_trace(go.Scatter(
            x=[base_x], y=[base_y], mode="markers", name="Current scenario",
            marker=dict(symbol="star", size=16, color=OKABE_ITO["yellow"],
                        line=dict(width=1.5, color=OKABE_ITO["black"])),
            hovertemplate="Current scenario<extra></extra>"))
    fig.update_xaxes(title_text=x_title, showgrid=False, zeroline=False)
    fig.update_yaxes(title_text=y_title, showgrid=False, zeroline=False)
    n_back, n_help, n_cells = int(backfire.sum()), int(m.helps_yx.sum()), backfire.size
    verdict = (f"helps beyond sampling error in {n_help} and backfires in {n_back} of {n_cells} cells (crosses)"
               if n_back else f"helps beyond sampling error in {n_help} and backfires in none of the {n_cells} cells")
    title = (f"Change in pop chance by day {m.horizon_days} from adding {treatment_label(m.treatment)}"
             f"<br><sup>Blue: it helps; red: it raises the risk. It {verdict}.</sup>"
             f"<br><sup>{runs_words(m)}; seed {m.seed}.</sup>")
    apply_layout(fig, title=title, height=580)
    fig.update_layout(title=dict(font=dict(size=17), y=0.975, yanchor="top"), legend=dict(y=1.01, yanchor="bottom"),
                      margin=dict(t=130))
    return fig


def sensitivity_figure(result: SensitivityResult, *, top: int | None = None) -> go.Figure:
    """Ranked horizontal bars of each factor's importance with its confidence interval, most important on top.

    Morris shows mu* in points of pop chance; Sobol' shows the total-order index (a share of variance).
    """
    indices = result.indices[:top] if top else result.indices
    scale = 100.0 if result.method == "morris" else 1.0
    fig = go.Figure()
    order = [i.factor.label for i in reversed(indices)]
    for kind in ("lever", "parameter", "dummy"):
        rows = [i for i in indices if i.factor.kind == kind]
        if not rows:
            continue
        values = [i.importance * scale for i in rows]
        confs = [i.importance_conf * scale for i in rows]
        fig.add_trace(go.Bar(
            x=values, y=[i.factor.label for i in rows], orientation="h", name=KIND_NAMES[kind],
            marker_color=KIND_COLOURS[kind],
            error_x=dict(type="data", array=confs, arrayminus=[min(c, v) for c, v in zip(confs, values)],
                         color=OKABE_ITO["grey"], thickness=1.5, width=4),
            customdata=[[i.factor.low, i.factor.high, i.factor.unit] for i in rows],
            hovertemplate="%{y}: %{x:.3g} ± %{error_x.array:.2g}<br>range %{customdata[0]:g} to %{customdata[1]:g} "
                          "(%{customdata[2]})<extra></extra>",
        ))
    if result.method == "morris":
        x_title = "μ*: mean |change in pop chance| per whole range of the factor (points)"
        title = f"What moves the pop chance most (Morris, {result.evaluations} simulations, 95% CI)"
    else:
        x_title = "Total-order Sobol' index (share of the variance of the pop chance)"
        title = f"What moves the pop chance most (Sobol', {result.evaluations} simulations, 95% CI)"
    fig.update_yaxes(categoryorder="array", categoryarray=order, title_text=None)
    fig.update_xaxes(title_text=x_title, rangemode="tozero")
    apply_layout(fig, title=title, height=max(320, 130 + 24 * len(indices)))
    fig.update_layout(barmode="overlay", bargap=0.25, title=dict(font=dict(size=17), y=0.99, yanchor="top"),
                      margin=dict(t=100, l=20), legend=dict(y=1.0, yanchor="bottom"))
    fig.update_yaxes(automargin=True)
    return fig
