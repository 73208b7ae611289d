"""The intermediary network: actors as nodes, channels as edges, and the US-DPRK conductance it gives.

Conductance is what dialogue buys in the model: it shrinks misperception and lets pressure leak away.
"""

from __future__ import annotations

import networkx as nx

from pacnet_dashboard.data import load_actors, load_channels
from pacnet_dashboard.scenario import Scenario

MEDIATORS = {"china": "china_mediation", "russia": "russia_mediation"}
SUPPORTERS = {"rok": "rok_support", "japan": "japan_support"}


def mediation_scale(level: float) -> float:
    """Multiplier on a mediator's channels: 0.25 with no effort, 1 at half effort, 1.75 at full effort."""
    return 0.25 + 1.5 * level


def build_network(scenario: Scenario) -> nx.Graph:
    """The graph of open channels for a scenario, with edge attribute `strength` as a conductance."""
    g = nx.Graph()
    for actor in load_actors():
        if actor.id not in scenario.muted_actors:
            g.add_node(actor.id, label=actor.label, role=actor.role)
    for ch in load_channels():
        if not ch.open or ch.id in scenario.closed_channels:
            continue
        if ch.source not in g or ch.target not in g:
            continue
        strength = ch.base_strength
        for node in (ch.source, ch.target):
            if node in MEDIATORS:
                strength *= mediation_scale(getattr(scenario, MEDIATORS[node]))
            if node in SUPPORTERS and ch.type == "alliance":
                strength *= mediation_scale(getattr(scenario, SUPPORTERS[node]))
        g.add_edge(ch.source, ch.target, id=ch.id, type=ch.type, strength=strength)
    return g


def conductance(g: nx.Graph, a: str = "us", b: str = "dprk") -> float:
    """Effective conductance between two nodes (1 / resistance distance); 0 when they are not connected."""
    if a not in g or b not in g or not nx.has_path(g, a, b):
        return 0.0
    component = g.subgraph(nx.node_connected_component(g, a))
    return 1.0 / nx.resistance_distance(component, a, b, weight="strength", invert_weight=False)


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
