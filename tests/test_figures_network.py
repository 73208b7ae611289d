"""The network figure: traces, names, styles and positions (never pixels)."""

from __future__ import annotations

from pacnet_dashboard.figures.network import POSITIONS, ROLE_STYLE, TYPE_STYLE, network_figure, position
from pacnet_dashboard.figures.theme import OKABE_ITO
from pacnet_dashboard.model.network import network_metrics
from pacnet_dashboard.scenario import Scenario


def _figure(**levers):
    s = Scenario(**levers)
    return network_figure(s, network_metrics(s))


def test_default_figure_has_a_legend_entry_per_role_and_channel_type():
    fig = _figure()
    legend = {t.name for t in fig.data if t.showlegend is not False}
    assert {name for name, _ in ROLE_STYLE.values()} <= legend
    assert {name for name, _, _ in TYPE_STYLE.values()} <= legend
    assert "Closed channel" not in legend and "Muted actor" not in legend
    assert "conductance 1.28" in fig.layout.title.text and "10 node-disjoint paths" in fig.layout.title.text


def test_every_actor_and_channel_is_drawn_once_with_hover_metrics():
    fig = _figure()
    node_ids = [i for t in fig.data if t.mode == "markers+text" for i in t.customdata]
    assert sorted(node_ids) == sorted(POSITIONS)
    china = next(t for t in fig.data if t.name == "Intermediary" and t.mode == "markers+text")
    hover = china.hovertext[list(china.customdata).index("china")]
    assert "intermediary" in hover and "betweenness" in hover and "leverage 0.2" in hover and "mediation 0.30" in hover
    us = next(t for t in fig.data if t.name == "Principal")
    assert all("n/a (principal)" in h for h in us.hovertext)
    middles = next(t for t in fig.data if t.name == "channels")
    assert len(middles.customdata) == 20 and all("strength" in h for h in middles.text)
    assert all(len(t.x) <= 300 for t in fig.data)


def test_closed_channels_are_grey_and_dashed_and_muted_actors_grey():
    fig = _figure(closed_channels=("china_dprk",), muted_actors=("un",))
    closed = [t for t in fig.data if t.legendgroup == "closed"]
    assert len(closed) == 3  # china_dprk, and both channels of the muted UN
    assert all(t.line.dash == "dash" and t.line.color == OKABE_ITO["grey"] for t in closed)
    muted = next(t for t in fig.data if t.name == "Muted actor")
    assert list(muted.customdata) == ["un"]


def test_strong_channels_are_drawn_wider():
    fig = _figure(china_mediation=1.0)
    widths = {t.meta: t.line.width for t in fig.data if t.mode == "lines"}
    assert len(widths) == 20
    assert widths["us_china"] > widths["us_rok"] > widths["japan_dprk"]


def test_layout_is_fixed():
    a, b = _figure(), _figure()
    assert a.to_json() == b.to_json()
    assert position("newcomer", ["us", "newcomer"])[1] < 0
