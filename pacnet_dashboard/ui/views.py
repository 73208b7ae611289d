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
from pacnet_dashboard.report.story import risk_change
from pacnet_dashboard.scenario import Scenario
from pacnet_dashboard.ui.notices import escape_markdown
from pacnet_dashboard.ui import cache
from pacnet_dashboard.ui.explore_view import treatment_words


def headline_metrics(result: Result, baseline: Result) -> None:
    """The lab's headline: both pop chances, the change the way the Briefing shows it (a fall in the good colour
    with a down arrow, "no change" with none), and the network's conductance."""
    h = result.scenario.horizon_days
    change = risk_change(baseline.burst_probability, result.burst_probability)
    c1, c2, c3 = st.columns(3)
    c1.metric(f"Baseline: pop chance by day {h}", f"{baseline.burst_probability:.0%}", border=True)
    c2.metric(f"Scenario: pop chance by day {h}", f"{result.burst_probability:.0%}", delta=change.text,
              delta_arrow=change.arrow, delta_color="inverse" if change.arrow != "off" else "off", border=True)
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


EFFECT_HELP = {
    "Pop chance change (points)": "Change in the pop chance by the horizon when this one is taken out, in "
                                  "percentage points; positive: taking it out raises the risk.",
    "Leverage": "Drop in the conductance between Washington and Pyongyang when this one is taken out.",
    "Betweenness": "Share of shortest paths between other actors that run through this actor.",
    "Strength": "The channel's conductance as the scenario sets it (mediation and praise scale it).",
}
"""The effect columns' short headers and what each means (shown on hovering the header)."""


def _effects_table(frame: pd.DataFrame) -> None:
    """One table at full width, the name and the effect columns first, so that they show without scrolling."""
    st.dataframe(frame, hide_index=True, width="stretch", height="content",
                 column_config={name: st.column_config.NumberColumn(help=text) for name, text in EFFECT_HELP.items()
                                if name in frame.columns})


def network_tables(scenario: Scenario, metrics: NetworkMetrics, removals: RemovalEffects | None) -> None:
    """Actor and channel tables, one above the other: the change in pop chance when each is removed (if given),
    leverage (drop in conductance), then role and betweenness or type and strength."""
    labels = {n.id: n.label for n in metrics.nodes}
    effect = {(e.kind, e.id): round(100 * e.change, 1) for e in removals.effects} if removals else {}
    change = ["Pop chance change (points)"] if removals is not None else []

    actors = pd.DataFrame([{"Actor": n.label, "Pop chance change (points)": effect.get(("actor", n.id)),
                            "Leverage": None if n.leverage is None else round(n.leverage, 3),
                            "Betweenness": round(n.betweenness, 3), "Role": n.role, "Taking part": n.active}
                           for n in metrics.nodes])
    channels = pd.DataFrame([{"Channel": f"{labels[c.source]} – {labels[c.target]}",
                              "Pop chance change (points)": effect.get(("channel", c.id)),
                              "Leverage": round(c.leverage, 3), "Strength": round(c.strength, 3), "Type": c.type,
                              "Open": c.open} for c in metrics.channels])
    st.markdown("**Actors** (if removed)")
    _effects_table(actors[["Actor", *change, "Leverage", "Betweenness", "Role", "Taking part"]])
    st.markdown("**Channels** (if closed)")
    _effects_table(channels[["Channel", *change, "Leverage", "Strength", "Type", "Open"]])
    if removals is not None:
        st.caption(f"Removal effects at {removals.runs:,} runs and seed {removals.seed} (the same incidents for "
                   f"every variant); scenario pop chance at these runs: {removals.burst_probability:.0%}. "
                   "Positive: taking it out raises the risk.")


BALLOON_ALT = ("Two icon arrays of 100 simulated futures each, burst ones marked, over a day axis of burst counts "
               "(summary and data table below)")
"""The balloon picture's accessible name (Streamlit's `alt`); its text alternative follows it on the page."""


def play_days(key: str) -> bool:
    """The switch that adds the day slider and Play to a balloon picture. Off, a page sends the picture at the
    horizon only: its frames are most of its bytes and drawing time, and a lever move should not wait for them."""
    return st.toggle("Play the days", key=key, help="Adds a day slider and ▶ Play under the balloons, to watch the "
                     "futures pop day by day. Off, the picture shows the horizon, which the numbers describe.")


def chart_text(summary: str, table: Callable[[], pd.DataFrame], *, key: str | None = None) -> None:
    """A chart's text alternative: its one-sentence summary, and its data as a table on request (built and sent
    only while its expander is open: a closed one should cost a slider move nothing)."""
    opened = key or "_chart_table"
    with st.container(key=f"chart_text_{key or 'main'}"):
        st.markdown(escape_markdown(summary, limit=800))
        with st.expander("The chart's data as a table", icon=":material/table:", key=opened, on_change="rerun"):
            if not st.session_state.get(opened):
                return
            frame = table()
            floats = frame.select_dtypes("float").columns
            st.table(frame.style.format(dict.fromkeys(floats, "{:g}"), na_rep=""), hide_index=True)


def why_it_works(scenario: Scenario) -> None:
    """The lab's decomposition, on demand: 18 simulations are too many for every slider move."""
    if st.toggle("Show why this scenario works, or fails (switches each mechanism off in turn; takes a few seconds)",
                 key="_lab_explain"):
        with st.spinner("Switching each mechanism off…"):
            decomposition = cache.explain_cached(scenario)
        st.plotly_chart(decomposition_chart(decomposition), key="explain", width="stretch", theme=None,
                        alt="Bar chart: the share of the effect each mechanism carries (described in the text below)")
        st.caption(f"Each bar: how many points of the change against the baseline need that mechanism (the "
                   f"effect minus the effect with it switched off), at {scenario.runs:,} runs and the same seed. "
                   "Mechanisms interact, so the bars need not add up to the effect.")
