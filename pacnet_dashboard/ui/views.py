"""Small layout pieces that more than one page shows (metrics and tables)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from pacnet_dashboard.figures.charts import decomposition_chart
from pacnet_dashboard.io.data import load_gestures
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.model.network import NetworkMetrics
from pacnet_dashboard.analysis.removal import RemovalEffects
from pacnet_dashboard.scenario import Scenario
from pacnet_dashboard.ui.notices import escape_markdown
from pacnet_dashboard.ui import cache
from pacnet_dashboard.ui.explore_view import treatment_words


def headline_metrics(result: Result, baseline: Result) -> None:
    h = result.scenario.horizon_days
    delta = 100 * (result.burst_probability - baseline.burst_probability)
    c1, c2, c3 = st.columns(3)
    c1.metric(f"Baseline: pop chance by day {h}", f"{baseline.burst_probability:.0%}", border=True)
    c2.metric(f"Scenario: pop chance by day {h}", f"{result.burst_probability:.0%}",
              delta=f"{delta:+.0f} points" if round(delta) else "no change", delta_color="inverse", border=True)
    c3.metric("Network conductance (dialogue)", f"{result.conductance:.2f}",
              delta=f"{result.conductance - baseline.conductance:+.2f} vs baseline"
              if round(result.conductance - baseline.conductance, 2) else None, border=True,
              help="Effective conductance between Washington and Pyongyang through all open channels.")


def gesture_frame(result: Result) -> pd.DataFrame:
    catalogue = load_gestures().by_id()
    rows = [{"Gesture": f"{catalogue[g.id].label} ({g.sender.upper()}, day {g.day})",
             "Accepted": f"{g.acceptance_probability:.0%}",
             "Answered with": (f"{catalogue[g.answer_id].label} (day {g.answer_day}): "
                               f"{g.reciprocation_probability:.0%}") if g.answer_id else "no answer expected"}
            for g in result.gestures]
    return pd.DataFrame(rows, columns=["Gesture", "Accepted", "Answered with"])


def gesture_table(result: Result) -> None:
    if not result.gestures:
        st.info(f"No gesture is made. Choose gestures in the sidebar (for example {treatment_words()}).",
                icon=":material/redeem:")
        return
    st.table(gesture_frame(result).set_index("Gesture"))


def network_tables(scenario: Scenario, metrics: NetworkMetrics, removals: RemovalEffects | None) -> None:
    """Actor and channel tables: role, betweenness, leverage (drop in conductance) and, if given, the change in
    pop chance when each is removed."""
    labels = {n.id: n.label for n in metrics.nodes}

    def risk(kind: str, item: str) -> float | None:
        if removals is None:
            return None
        found = [e for e in removals.effects if e.kind == kind and e.id == item]
        return round(100 * found[0].change, 1) if found else None

    actors = pd.DataFrame([{"Actor": n.label, "Role": n.role, "Taking part": n.active,
                            "Betweenness": round(n.betweenness, 3),
                            "Leverage (drop in conductance if removed)":
                                None if n.leverage is None else round(n.leverage, 3),
                            "Change in pop chance if removed (points)": risk("actor", n.id)}
                           for n in metrics.nodes])
    channels = pd.DataFrame([{"Channel": f"{labels[c.source]} – {labels[c.target]}", "Type": c.type,
                              "Open": c.open, "Strength": round(c.strength, 3),
                              "Leverage (drop in conductance if closed)": round(c.leverage, 3),
                              "Change in pop chance if closed (points)": risk("channel", c.id)}
                             for c in metrics.channels])
    if removals is None:
        actors = actors.drop(columns=["Change in pop chance if removed (points)"])
        channels = channels.drop(columns=["Change in pop chance if closed (points)"])
    left, right = st.columns([2, 3])
    left.dataframe(actors, hide_index=True, width="stretch")
    right.dataframe(channels, hide_index=True, width="stretch")
    if removals is not None:
        st.caption(f"Removal effects at {removals.runs:,} runs and seed {removals.seed} (the same incidents for "
                   f"every variant); scenario pop chance at these runs: {removals.burst_probability:.0%}. "
                   "Positive: taking it out raises the risk.")


def play_days(key: str) -> bool:
    """The switch that adds the day slider and Play to a balloon picture. Off, a page sends the picture at the
    horizon only: its frames are most of its bytes and drawing time, and a lever move should not wait for them."""
    return st.toggle("Play the days", key=key, help="Adds a day slider and ▶ Play under the balloons, to watch the "
                     "futures pop day by day. Off, the picture shows the horizon, which the numbers describe.")


def chart_text(summary: str, table: Callable[[], pd.DataFrame], *, key: str | None = None) -> None:
    """A chart's text alternative: its one-sentence summary, and its data as a table on request."""
    with st.container(key=f"chart_text_{key or 'main'}"):
        st.markdown(escape_markdown(summary, limit=800))
        with st.expander("The chart's data as a table", icon=":material/table:", key=key):
            st.table(table(), hide_index=True)


def why_it_works(scenario: Scenario) -> None:
    """The lab's decomposition, on demand: 18 simulations are too many for every slider move."""
    if st.toggle("Show why this scenario works, or fails (switches each mechanism off in turn; takes a few seconds)",
                 key="_lab_explain"):
        with st.spinner("Switching each mechanism off…"):
            decomposition = cache.explain_cached(scenario)
        st.plotly_chart(decomposition_chart(decomposition), key="explain", width="stretch", theme=None)
        st.caption(f"Each bar: how many points of the change against the baseline need that mechanism (the "
                   f"effect minus the effect with it switched off), at {scenario.runs:,} runs and the same seed. "
                   "Mechanisms interact, so the bars need not add up to the effect.")
