"""The intermediary network: actors as nodes, channels as edges, and what the structure is worth to dialogue.

Conductance is what dialogue buys in the model: it shrinks misperception and lets pressure leak away. Edge
`strength` is a conductance (higher = easier contact); shortest-path measures use `distance` = 1 / strength.

Metrics (all pure functions of a graph, so they can be checked on small hand-built graphs):
- conductance: the effective conductance US<->DPRK, 1 / resistance distance; 0 when they are disconnected.
- betweenness: weighted betweenness centrality over all pairs, with distance = 1 / strength, normalised.
- disjoint paths: how many US-DPRK paths share no intermediate node (a direct channel counts as one).
- leverage: how much the conductance drops when a node (or a channel) is taken out. Removing anything can
  only lower conductance (Rayleigh's monotonicity law), so leverage is >= 0. The principals have no
  leverage (None): without one of them there is no US-DPRK conductance to speak of. A muted actor, already
  out of the graph, has leverage 0.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx

from pacnet_dashboard.io.data import SIDES, Channel, load_actors, load_channels, mutable_actors
from pacnet_dashboard.scenario import Scenario

MEDIATORS = {"china": "china_mediation", "russia": "russia_mediation"}
SUPPORTERS = {"rok": "rok_support", "japan": "japan_support"}


def mediation_scale(level: float) -> float:
    """Multiplier on a mediator's channels: 0.25 with no effort, 1 at half effort, 1.75 at full effort."""
    return 0.25 + 1.5 * level


def channel_strength(ch: Channel, scenario: Scenario) -> float:
    """A channel's strength under the scenario's sliders, whether or not the channel is open.

    Mediation scales every channel of China and Russia; allied support scales the alliance channels only.
    """
    strength = ch.base_strength
    for node in (ch.source, ch.target):
        if node in MEDIATORS:
            strength *= mediation_scale(getattr(scenario, MEDIATORS[node]))
        if node in SUPPORTERS and ch.type == "alliance":
            strength *= mediation_scale(getattr(scenario, SUPPORTERS[node]))
    return strength


def channel_is_open(ch: Channel, scenario: Scenario) -> bool:
    """Open by default, not closed by the scenario, and neither end muted."""
    return (ch.open and ch.id not in scenario.closed_channels
            and ch.source not in scenario.muted_actors and ch.target not in scenario.muted_actors)


def build_network(scenario: Scenario) -> nx.Graph:
    """The graph of open channels for a scenario; edges carry `id`, `type`, `strength` and `distance`."""
    g = nx.Graph()
    for actor in load_actors():
        if actor.id not in scenario.muted_actors:
            g.add_node(actor.id, label=actor.label, role=actor.role)
    for ch in load_channels():
        if channel_is_open(ch, scenario):
            strength = channel_strength(ch, scenario)
            g.add_edge(ch.source, ch.target, id=ch.id, type=ch.type, strength=strength, distance=1.0 / strength)
    return g


def conductance(g: nx.Graph, a: str = SIDES[0], b: str = SIDES[1]) -> float:
    """Effective conductance between two nodes (1 / resistance distance); 0 when they are not connected."""
    if a not in g or b not in g or not nx.has_path(g, a, b):
        return 0.0
    component = g.subgraph(nx.node_connected_component(g, a))
    return 1.0 / nx.resistance_distance(component, a, b, weight="strength", invert_weight=False)


def weighted_betweenness(g: nx.Graph) -> dict[str, float]:
    """Normalised betweenness centrality with distance = 1 / strength (strong channels are short)."""
    return nx.betweenness_centrality(g, weight="distance", normalized=True)


def disjoint_paths(g: nx.Graph, a: str = SIDES[0], b: str = SIDES[1]) -> int:
    """Number of a-b paths with no intermediate node in common; 0 when disconnected."""
    if a not in g or b not in g or not nx.has_path(g, a, b):
        return 0
    return nx.node_connectivity(g, a, b)


def node_leverage(g: nx.Graph, a: str = SIDES[0], b: str = SIDES[1]) -> dict[str, float | None]:
    """Drop in a-b conductance when each node is removed; None for the two endpoints themselves."""
    base = conductance(g, a, b)
    out: dict[str, float | None] = {}
    for node in g.nodes:
        if node in (a, b):
            out[node] = None
            continue
        rest = g.copy()
        rest.remove_node(node)
        out[node] = max(0.0, base - conductance(rest, a, b))
    return out


def edge_leverage(g: nx.Graph, a: str = SIDES[0], b: str = SIDES[1]) -> dict[tuple[str, str], float]:
    """Drop in a-b conductance when each edge is removed, keyed by the edge's (u, v) as the graph lists it."""
    base = conductance(g, a, b)
    out = {}
    for u, v in g.edges:
        rest = g.copy()
        rest.remove_edge(u, v)
        out[(u, v)] = max(0.0, base - conductance(rest, a, b))
    return out


def effective_mediation(scenario: Scenario, g: nx.Graph) -> float:
    """Combined mediation 1 - prod(1 - m_i), counting only mediators that still have a channel to the DPRK."""
    idle = 1.0
    for node, field in MEDIATORS.items():
        if g.has_edge(node, "dprk"):
            idle *= 1.0 - getattr(scenario, field)
    return 1.0 - idle


def effective_support(scenario: Scenario, g: nx.Graph) -> float:
    """Mean allied praise, counting only supporters still linked to the US."""
    levels = [getattr(scenario, field) if g.has_edge(node, "us") else 0.0 for node, field in SUPPORTERS.items()]
    return sum(levels) / len(levels)


@dataclass(frozen=True)
class NodeMetrics:
    """One actor: `active` is False when the scenario mutes it (it is then out of the graph)."""

    id: str
    label: str
    role: str
    active: bool
    betweenness: float
    leverage: float | None


@dataclass(frozen=True)
class ChannelMetrics:
    """One channel. `strength` is what it carries under the sliders when open; `leverage` is 0 when closed."""

    id: str
    source: str
    target: str
    type: str
    base_strength: float
    strength: float
    open: bool
    leverage: float


@dataclass(frozen=True)
class NetworkMetrics:
    """Everything the CLI, the network figure and the Intermediaries page show about one scenario's graph."""

    conductance: float
    disjoint_paths: int
    nodes: tuple[NodeMetrics, ...]
    channels: tuple[ChannelMetrics, ...]

    def node(self, node_id: str) -> NodeMetrics:
        return next(n for n in self.nodes if n.id == node_id)

    def channel(self, channel_id: str) -> ChannelMetrics:
        return next(c for c in self.channels if c.id == channel_id)

    def to_dict(self, digits: int = 6) -> dict:
        """Plain JSON-ready data, rounded; the key order is the CLI's."""

        def rounded(row: object) -> dict:
            return {k: round(v, digits) if isinstance(v, float) else v for k, v in asdict(row).items()}

        return {"conductance": round(self.conductance, digits), "disjoint_paths": self.disjoint_paths,
                "nodes": [rounded(n) for n in self.nodes], "channels": [rounded(c) for c in self.channels]}


def network_metrics(scenario: Scenario) -> NetworkMetrics:
    """Conductance, disjoint paths, and per-node and per-channel metrics for a scenario, in data-file order."""
    g = build_network(scenario)
    betweenness = weighted_betweenness(g)
    leverage = node_leverage(g)
    by_id = {g.edges[edge]["id"]: value for edge, value in edge_leverage(g).items()}
    nodes = tuple(
        NodeMetrics(id=a.id, label=a.label, role=a.role, active=a.id in g,
                    betweenness=betweenness.get(a.id, 0.0), leverage=leverage.get(a.id, 0.0))
        for a in load_actors())
    channels = tuple(
        ChannelMetrics(id=ch.id, source=ch.source, target=ch.target, type=ch.type, base_strength=ch.base_strength,
                       strength=channel_strength(ch, scenario), open=ch.id in by_id, leverage=by_id.get(ch.id, 0.0))
        for ch in load_channels())
    return NetworkMetrics(conductance=conductance(g), disjoint_paths=disjoint_paths(g), nodes=nodes, channels=channels)


def removal_variants(scenario: Scenario) -> dict[tuple[str, str], Scenario]:
    """The scenario with one thing taken out, for every actor that can be muted and every open channel.

    Keys are ("actor", id) or ("channel", id). Principals, muted actors and closed channels are skipped.
    """
    variants: dict[tuple[str, str], Scenario] = {}
    for actor in mutable_actors():
        if actor not in scenario.muted_actors:
            muted = tuple(sorted({*scenario.muted_actors, actor}))
            variants[("actor", actor)] = scenario.model_copy(update={"muted_actors": muted})
    for ch in load_channels():
        if channel_is_open(ch, scenario):
            closed = tuple(sorted({*scenario.closed_channels, ch.id}))
            variants[("channel", ch.id)] = scenario.model_copy(update={"closed_channels": closed})
    return variants
