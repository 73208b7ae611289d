"""The intermediary network as a plotly figure: fixed positions, nodes by role, edges by type and strength.

Positions come from a table keyed by actor id, so the picture (and every screenshot and test) is the same
on each draw: the US on the left, the DPRK on the right, the allies near the US, China above and Russia
below the middle, the channels between the two principals and KCNA beside the DPRK. An actor missing from
the table goes on a row below the graph, in data order.
"""

from __future__ import annotations

import plotly.graph_objects as go

from pacnet_dashboard.figures.theme import OKABE_ITO, apply_layout
from pacnet_dashboard.model.network import MEDIATORS, SUPPORTERS, ChannelMetrics, NetworkMetrics, mediation_scale
from pacnet_dashboard.scenario import Scenario

POSITIONS: dict[str, tuple[float, float]] = {
    "us": (0.0, 0.5), "dprk": (1.0, 0.5),
    "rok": (0.16, 0.95), "japan": (0.16, 0.05),
    "china": (0.6, 0.95), "russia": (0.6, 0.05),
    "un": (0.5, 0.73), "envoy": (0.5, 0.61),
    "track2": (0.5, 0.39), "unofficial": (0.5, 0.27),
    "kcna": (0.88, 0.2),
}
BENDS: dict[str, float] = {"rok_dprk": 0.08, "japan_dprk": -0.08, "kcna_us": 0.25}
"""Channels drawn as curves so they pass clear of other nodes: sideways offset of the middle, per unit length."""
ASPECT = 1.6
"""Roughly how many pixels one x unit spans per pixel of one y unit at the default size; keeps bends round."""
CURVE_POINTS = 15
ROLE_STYLE = {  # role: (legend name, colour)
    "principal": ("Principal", OKABE_ITO["black"]),
    "intermediary": ("Intermediary", OKABE_ITO["orange"]),
    "supporter": ("Supporter", OKABE_ITO["sky"]),
    "messenger": ("Messenger (state media)", OKABE_ITO["vermillion"]),
    "channel": ("Channel", OKABE_ITO["green"]),
    "forum": ("Forum", OKABE_ITO["purple"]),
}
TYPE_STYLE = {  # channel type: (legend name, colour, dash); colours echo the role each type belongs to
    "official": ("Official", OKABE_ITO["blue"], "solid"),
    "intermediary": ("Intermediary", OKABE_ITO["orange"], "solid"),
    "alliance": ("Alliance", OKABE_ITO["sky"], "solid"),
    "media": ("State media", OKABE_ITO["vermillion"], "dashdot"),
    "track2": ("Track II", OKABE_ITO["green"], "dot"),
    "unofficial": ("Unofficial", OKABE_ITO["green"], "longdashdot"),
}
CLOSED_COLOUR = OKABE_ITO["grey"]
MUTED_COLOUR = "#D9D9D9"


def position(node_id: str, order: list[str]) -> tuple[float, float]:
    """Fixed position of a node; ids without one sit on a row below the graph."""
    if node_id in POSITIONS:
        return POSITIONS[node_id]
    spare = [n for n in order if n not in POSITIONS]
    return (spare.index(node_id) + 1) / (len(spare) + 1), -0.15


def channel_path(a: tuple[float, float], b: tuple[float, float], bend: float) -> tuple[list[float], list[float]]:
    """Points of a channel from a to b: the straight segment, or a quadratic curve bowed sideways by `bend`."""
    if bend == 0.0:
        return [a[0], b[0]], [a[1], b[1]]
    dx, dy = (b[0] - a[0]) * ASPECT, b[1] - a[1]
    cx = (a[0] + b[0]) / 2 - dy * bend / ASPECT
    cy = (a[1] + b[1]) / 2 + dx * bend
    ts = [i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS)]
    xs = [(1 - t) ** 2 * a[0] + 2 * (1 - t) * t * cx + t * t * b[0] for t in ts]
    ys = [(1 - t) ** 2 * a[1] + 2 * (1 - t) * t * cy + t * t * b[1] for t in ts]
    return xs, ys


def edge_width(strength: float) -> float:
    """Line width in pixels: 1.5 for the thinnest channel, about 9 at strength 1.4 (full mediation on US-China)."""
    return 1.5 + 5.5 * min(strength, 1.5)


def _middle(values: list[float]) -> float:
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def _scale_note(node_id: str, scenario: Scenario) -> str:
    if node_id in MEDIATORS:
        level = getattr(scenario, MEDIATORS[node_id])
        return f"<br>mediation {level:.2f}: channels ×{mediation_scale(level):.2f}"
    if node_id in SUPPORTERS:
        level = getattr(scenario, SUPPORTERS[node_id])
        return f"<br>support {level:.2f}: alliance channel ×{mediation_scale(level):.2f}"
    return ""


def _channel_hover(ch: ChannelMetrics, labels: dict[str, str]) -> str:
    state = "open" if ch.open else "closed"
    return (f"<b>{ch.id}</b> ({TYPE_STYLE[ch.type][0].lower()}, {state})<br>{labels[ch.source]} – {labels[ch.target]}"
            f"<br>strength {ch.strength:.2f} (base {ch.base_strength:.2f})<br>leverage {ch.leverage:.3f}")


def network_figure(scenario: Scenario, metrics: NetworkMetrics, *, height: int = 560) -> go.Figure:
    """The network of one scenario: hover a node for its role, betweenness and leverage, a channel's middle for it."""
    order = [n.id for n in metrics.nodes]
    labels = {n.id: n.label for n in metrics.nodes}
    xy = {n: position(n, order) for n in order}
    fig = go.Figure()

    # One trace per channel (a line can have only one width); legend entries once per type.
    shown: set[str] = set()
    paths = {ch.id: channel_path(xy[ch.source], xy[ch.target], BENDS.get(ch.id, 0.0)) for ch in metrics.channels}
    for ch in sorted(metrics.channels, key=lambda c: c.open):  # closed ones first, underneath
        xs, ys = paths[ch.id]
        name, colour, dash = TYPE_STYLE[ch.type]
        group = ch.type if ch.open else "closed"
        if not ch.open:
            name, colour, dash = "Closed channel", CLOSED_COLOUR, "dash"
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", name=name, meta=ch.id, legendgroup=group, showlegend=group not in shown,
            legendrank=200, opacity=1.0 if ch.open else 0.6, hoverinfo="skip",
            line=dict(color=colour, dash=dash, width=edge_width(ch.strength) if ch.open else 1.5)))
        shown.add(group)

    # Hover targets at the middle of each channel.
    fig.add_trace(go.Scatter(
        x=[_middle(paths[c.id][0]) for c in metrics.channels],
        y=[_middle(paths[c.id][1]) for c in metrics.channels],
        mode="markers", name="channels", showlegend=False, marker=dict(size=14, opacity=0),
        customdata=[c.id for c in metrics.channels], hovertemplate="%{text}<extra></extra>",
        text=[_channel_hover(c, labels) for c in metrics.channels]))

    # Nodes: one trace per role for the legend, and one for the muted actors.
    groups = [(role, [n for n in metrics.nodes if n.role == role and n.active]) for role in ROLE_STYLE]
    groups.append(("muted", [n for n in metrics.nodes if not n.active]))
    for role, nodes in groups:
        if not nodes:
            continue
        name, colour = ROLE_STYLE[role] if role != "muted" else ("Muted actor", MUTED_COLOUR)
        fig.add_trace(go.Scatter(
            x=[xy[n.id][0] for n in nodes], y=[xy[n.id][1] for n in nodes], mode="markers+text", name=name,
            legendgroup=f"role-{role}", legendrank=100, customdata=[n.id for n in nodes],
            text=[n.label for n in nodes], textfont=dict(color="#777777" if role == "muted" else "#222222"),
            textposition=["bottom center" if xy[n.id][1] < 0.5 else "top center" for n in nodes],
            marker=dict(size=[30 if n.role == "principal" else 20 for n in nodes], color=colour, opacity=1.0,
                        line=dict(width=1.5, color="white" if role != "muted" else CLOSED_COLOUR)),
            hovertext=[
                f"<b>{n.label}</b> ({n.role}{', muted' if not n.active else ''})"
                f"<br>betweenness {n.betweenness:.3f}"
                f"<br>leverage {'n/a (principal)' if n.leverage is None else f'{n.leverage:.3f}'}"
                + _scale_note(n.id, scenario) for n in nodes],
            hoverinfo="text"))

    fig.add_annotation(text="Line width: channel strength. Hover a node, or the middle of a channel, for its metrics.",
                       xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", showarrow=False,
                       font=dict(size=13, color="#555555"))
    apply_layout(fig, title=f"US–DPRK conductance {metrics.conductance:.2f} · "
                            f"{metrics.disjoint_paths} node-disjoint paths", height=height)
    fig.update_layout(
        legend=dict(orientation="v", yanchor="top", y=1.0, xanchor="left", x=1.01, title_text="Roles and channels"),
        margin=dict(l=20, r=20, t=60, b=20), hovermode="closest", dragmode=False,
        xaxis=dict(visible=False, range=[-0.1, 1.1], fixedrange=True),
        yaxis=dict(visible=False, range=[min(y for _, y in xy.values()) - 0.12, 1.1], fixedrange=True))
    return fig
