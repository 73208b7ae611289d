"""The intermediary network: textbook conductances, metrics on hand-checked graphs, monotonicity, CLI, bad data."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacnet_dashboard import cli
from pacnet_dashboard.io import data
from pacnet_dashboard.model import network
from pacnet_dashboard.io.data import DataError, load_actors, load_channels
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.model.network import (
    build_network, conductance, disjoint_paths, edge_leverage, network_metrics, node_leverage, removal_variants,
    weighted_betweenness,
)
from pacnet_dashboard.scenario import Scenario
from tests.crn import paired_difference
from tests.strategies import CHANNEL_IDS, scenarios

CHINA_RUSSIA = tuple(c.id for c in load_channels() if {"china", "russia"} & {c.source, c.target})
ROLES = {"principal", "intermediary", "supporter", "messenger", "channel", "forum"}
FAST = {"runs": 400, "horizon_days": 120}


def _graph(*edges: tuple[str, str, float], multi: bool = False) -> nx.Graph:
    g = nx.MultiGraph() if multi else nx.Graph()
    for u, v, s in edges:
        g.add_edge(u, v, strength=s, distance=1.0 / s)
    return g


# --- textbook conductance -------------------------------------------------------------------------------

def test_two_unit_edges_in_series_give_one_half():
    assert conductance(_graph(("us", "m", 1.0), ("m", "dprk", 1.0))) == pytest.approx(0.5)


def test_two_unit_edges_in_parallel_give_two():
    assert conductance(_graph(("us", "dprk", 1.0), ("us", "dprk", 1.0), multi=True)) == pytest.approx(2.0)


def test_series_and_parallel_paths_add_as_conductances():
    # direct 1, plus 2 in series with 2 (= 1): total 2; two 3s in series (= 1.5) in parallel: 3.5
    g = _graph(("us", "dprk", 1.0), ("us", "a", 2.0), ("a", "dprk", 2.0), ("us", "b", 3.0), ("b", "dprk", 3.0))
    assert conductance(g) == pytest.approx(3.5)


def test_balanced_bridge_carries_no_current_through_its_middle():
    square = [("us", "a", 1.0), ("a", "dprk", 1.0), ("us", "b", 1.0), ("b", "dprk", 1.0)]
    assert conductance(_graph(*square)) == pytest.approx(1.0)
    assert conductance(_graph(*square, ("a", "b", 5.0))) == pytest.approx(1.0)


def test_disconnected_or_missing_principals_give_zero():
    g = _graph(("us", "a", 1.0), ("b", "dprk", 1.0))
    assert conductance(g) == 0.0
    assert disjoint_paths(g) == 0
    assert conductance(_graph(("us", "a", 1.0))) == 0.0


# --- metrics on a hand-checked graph ----------------------------------------------------------------------

def test_leverage_disjoint_paths_and_betweenness_by_hand():
    # A direct channel of 1 and a strong detour via m (4 and 4 in series = 2): C = 3.
    g = _graph(("us", "dprk", 1.0), ("us", "m", 4.0), ("m", "dprk", 4.0), ("m", "leaf", 1.0))
    assert conductance(g) == pytest.approx(3.0)
    lev = node_leverage(g)
    assert lev["us"] is None and lev["dprk"] is None
    assert lev["m"] == pytest.approx(2.0)
    assert lev["leaf"] == pytest.approx(0.0)
    assert disjoint_paths(g) == 2
    # distances: direct 1, via m 0.25 + 0.25; m lies on every shortest path between the others
    bc = weighted_betweenness(g)
    assert bc["m"] == pytest.approx(1.0)
    assert bc["leaf"] == 0.0
    edges = {frozenset(e): v for e, v in edge_leverage(g).items()}
    assert edges[frozenset(("us", "dprk"))] == pytest.approx(1.0)
    assert edges[frozenset(("us", "m"))] == pytest.approx(2.0)


@st.composite
def small_graphs(draw) -> nx.Graph:
    """Graphs on the two principals and up to four others, with strengths in [0.05, 2]."""
    nodes = ["us", "dprk", *[f"n{i}" for i in range(draw(st.integers(0, 4)))]]
    pairs = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, unique=True))
    strength = st.floats(0.05, 2.0, allow_nan=False)
    g = _graph(*[(a, b, draw(strength)) for a, b in chosen])
    g.add_nodes_from(nodes)
    return g


@settings(max_examples=60)
@given(g=small_graphs(), data_=st.data())
def test_removing_an_edge_never_raises_conductance(g, data_):
    u, v = data_.draw(st.sampled_from(sorted(g.edges)))
    before = conductance(g)
    g.remove_edge(u, v)
    assert conductance(g) <= before + 1e-9


@settings(max_examples=40)
@given(g=small_graphs())
def test_leverage_lies_between_zero_and_the_conductance(g):
    c = conductance(g)
    for node, lev in node_leverage(g).items():
        assert (lev is None) == (node in ("us", "dprk"))
        assert lev is None or 0.0 <= lev <= c + 1e-9
    assert all(0.0 <= lev <= c + 1e-9 for lev in edge_leverage(g).values())


@settings(max_examples=30)
@given(closed=st.sets(st.sampled_from(CHANNEL_IDS)), more=st.sets(st.sampled_from(CHANNEL_IDS)))
def test_closing_more_channels_of_the_real_network_never_raises_conductance(closed, more):
    fewer = conductance(build_network(Scenario(closed_channels=tuple(closed))))
    most = conductance(build_network(Scenario(closed_channels=tuple(closed | more))))
    assert most <= fewer + 1e-9


# --- the real network ------------------------------------------------------------------------------------

def test_default_metrics_cover_every_actor_and_channel():
    m = network_metrics(Scenario())
    assert [n.id for n in m.nodes] == [a.id for a in load_actors()]
    assert [c.id for c in m.channels] == list(CHANNEL_IDS)
    assert {n.role for n in m.nodes} == ROLES
    assert m.node("china").leverage > 0
    assert m.node("us").leverage is None and m.node("dprk").leverage is None
    assert m.disjoint_paths == sum(1 for n in m.nodes if n.role != "principal") + 1  # every actor, plus New York
    assert all(c.open for c in m.channels)
    assert m.conductance == pytest.approx(conductance(build_network(Scenario())))


def test_muted_actor_and_closed_channel_are_marked_and_carry_nothing():
    m = network_metrics(Scenario(muted_actors=("un",), closed_channels=("ny_channel",)))
    assert not m.node("un").active and m.node("un").leverage == 0.0 and m.node("un").betweenness == 0.0
    assert not m.channel("un_us").open and not m.channel("un_dprk").open and not m.channel("ny_channel").open
    assert m.channel("ny_channel").leverage == 0.0
    assert m.channel("ny_channel").strength == pytest.approx(0.15)  # what it would carry if opened


def test_mediation_scales_the_mediators_channels_only():
    low = network_metrics(Scenario(china_mediation=0.0))
    high = network_metrics(Scenario(china_mediation=1.0))
    assert high.channel("china_dprk").strength == pytest.approx(7 * low.channel("china_dprk").strength)
    assert high.channel("envoy_dprk").strength == low.channel("envoy_dprk").strength
    assert high.conductance > low.conductance


def test_removal_variants_skip_principals_muted_actors_and_closed_channels():
    s = Scenario(muted_actors=("un",), closed_channels=("ny_channel",))
    keys = set(removal_variants(s))
    assert ("actor", "us") not in keys and ("actor", "un") not in keys
    assert ("channel", "ny_channel") not in keys and ("channel", "un_us") not in keys
    assert ("actor", "china") in keys and ("channel", "china_dprk") in keys
    v = removal_variants(s)[("actor", "china")]
    assert v.muted_actors == ("china", "un") and v == Scenario.model_validate(v.model_dump())


def test_closing_every_china_and_russia_channel_lowers_conductance_and_raises_the_pop_chance():
    base = Scenario()
    closed = base.model_copy(update={"closed_channels": CHINA_RUSSIA})
    assert set(CHINA_RUSSIA) == {"us_china", "china_dprk", "us_russia", "russia_dprk", "rok_china"}
    a, b = simulate(base), simulate(closed)
    assert b.conductance < a.conductance
    assert b.burst_probability > a.burst_probability


# --- common random numbers: the network moves the pop chance the right way ---------------------------------

def _fast(scenario: Scenario) -> Scenario:
    return scenario.model_copy(update=FAST)


@settings(max_examples=12)
@given(drawn=scenarios(), extra=st.sets(st.sampled_from(CHANNEL_IDS), min_size=1))
def test_closing_channels_never_lowers_the_pop_chance(drawn, extra):
    base = _fast(drawn)
    closed = base.model_copy(update={"closed_channels": tuple(sorted({*base.closed_channels, *extra}))})
    assert simulate(closed).conductance <= simulate(base).conductance + 1e-9
    change, se = paired_difference(base, closed)
    assert change >= -3 * se - 1e-9, (change, se)


@settings(max_examples=12)
@given(drawn=scenarios(), raise_by=st.floats(0.05, 1.0), who=st.sampled_from(["china_mediation", "russia_mediation"]))
def test_raising_mediation_never_raises_the_pop_chance(drawn, raise_by, who):
    base = _fast(drawn)
    higher = base.model_copy(update={who: min(1.0, getattr(base, who) + raise_by)})
    change, se = paired_difference(base, higher)
    assert change <= 3 * se + 1e-9, (change, se)


# --- command line --------------------------------------------------------------------------------------

def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_network_default(capsys):
    code, out, err = _run(capsys, "network")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["conductance"] > 0 and doc["disjoint_paths"] == 10
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert nodes["china"]["leverage"] > 0 and nodes["us"]["leverage"] is None
    assert {n["role"] for n in doc["nodes"]} == ROLES
    assert all({"id", "label", "role", "betweenness", "leverage"} <= n.keys() for n in doc["nodes"])
    assert [c["id"] for c in doc["channels"]] == list(CHANNEL_IDS)
    assert all({"id", "type", "strength", "open"} <= c.keys() for c in doc["channels"])


def test_cli_network_with_closed_channels_and_a_bundled_scenario(capsys):
    _, out, _ = _run(capsys, "network")
    default = json.loads(out)
    code, out, _ = _run(capsys, "network", "--set", f"closed_channels={','.join(CHINA_RUSSIA)}")
    doc = json.loads(out)
    assert code == 0 and doc["conductance"] < default["conductance"]
    assert {c["id"] for c in doc["channels"] if not c["open"]} == set(CHINA_RUSSIA)
    code, out, _ = _run(capsys, "network", "--scenario", "escalation")
    assert code == 0 and not {c["id"]: c for c in json.loads(out)["channels"]}["track2_dprk"]["open"]


def test_cli_network_writes_a_file(capsys, tmp_path):
    target = tmp_path / "net.json"
    code, out, _ = _run(capsys, "network", "--out", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["disjoint_paths"] == 10


@pytest.mark.parametrize("argv, field", [
    (["--set", "closed_channels=no_such_channel"], "closed_channels"),
    (["--set", "muted_actors=us"], "muted_actors"),
    (["--set", "muted_actors=atlantis"], "muted_actors"),
    (["--set", "china_mediation=2"], "china_mediation"),
    (["--scenario", "no_such_scenario"], "--scenario"),
])
def test_cli_network_bad_input_exits_2_with_one_error_line(capsys, tmp_path, argv, field):
    target = tmp_path / "out.json"
    code, out, err = _run(capsys, "network", *argv, "--out", str(target))
    assert code == 2 and out == ""
    assert err.startswith(f"error: {field}") and err.count("\n") == 1
    assert "allowed" in err or "neither" in err
    assert not target.exists()


# --- bad data files ------------------------------------------------------------------------------------

ACTORS = "id,label,role,description,source\n" + "".join(
    f"{i},{i.upper()},{r},d,s\n" for i, r in [("us", "principal"), ("dprk", "principal"), ("china", "intermediary")])
HEADER = "id,source,target,type,base_strength,open,description,provenance\n"


def _files(tmp_path, channels: str, actors: str = ACTORS):
    a, c = tmp_path / "actors.csv", tmp_path / "channels.csv"
    a.write_text(actors, encoding="utf-8")
    c.write_text(HEADER + channels, encoding="utf-8")
    return a, c


@pytest.mark.parametrize("rows, message", [
    ("x,us,mars,official,0.5,true,d,p\n", "channels.csv, line 2: endpoint 'mars' is not an actor"),
    ("x,us,us,official,0.5,true,d,p\n", "line 2: a channel must join two different actors"),
    ("x,us,china,official,0,true,d,p\n", "line 2: base_strength"),
    ("x,us,china,official,1.5,true,d,p\n", "line 2: base_strength"),
    ("x,us,china,telepathy,0.5,true,d,p\n", "line 2: type"),
    ("x,us,china,official,0.5,maybe,d,p\n", "line 2: open"),
    ("x,us,china,official,0.5,true,,p\n", "line 2: description"),
    ("x,us,china,official,0.5,true,d,p\ny,china,us,media,0.2,true,d,p\n",
     "line 3: 'china' and 'us' are already joined"),
    ("x,us,china,official,0.5,true,d,p\nx,china,dprk,official,0.5,true,d,p\n", "id 'x' appears twice"),
])
def test_bad_channel_files_name_the_file_and_row(tmp_path, rows, message):
    a, c = _files(tmp_path, rows)
    with pytest.raises(DataError, match=message.replace("(", r"\(")):
        load_channels(c, a)


def test_bad_actor_files_name_the_file_and_row(tmp_path):
    a, c = _files(tmp_path, "", actors=ACTORS.replace("intermediary", "kingmaker"))
    with pytest.raises(DataError, match="actors.csv, line 4: role"):
        load_actors(a)
    a.write_text(ACTORS.replace("dprk,DPRK", "pyongyang,P"), encoding="utf-8")
    with pytest.raises(DataError, match=r"actors.csv: the principals \['dprk'\] are missing"):
        load_actors(a)


def test_cli_reports_a_bad_channel_file_without_a_traceback(capsys, tmp_path, monkeypatch):
    a, c = _files(tmp_path, "ok,us,dprk,official,0.5,true,d,p\nbad,us,china,official,-1,true,d,p\n")
    monkeypatch.setattr(network, "load_channels", lambda: data.load_channels(c, a))
    code, out, err = _run(capsys, "network")
    assert code == 2 and out == ""
    assert err.startswith("error: channels.csv, line 3: base_strength") and err.count("\n") == 1

