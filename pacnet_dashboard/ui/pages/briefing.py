"""Briefing: the balloon as it is against your scenario, the two pop chances, the story in words."""

import streamlit as st

from pacnet_dashboard.figures.balloon import balloon_figure
from pacnet_dashboard.report.brief import face_ledger, horizon_phrase, summary_sentences
from pacnet_dashboard.ui import cache, downloads, session
from pacnet_dashboard.ui.notices import escape_markdown

scenario = session.current_scenario()
title, description = session.scenario_name(scenario)
result = cache.simulate_cached(scenario)
baseline = cache.baseline_result(scenario)
horizon = scenario.horizon_days
delta = 100 * (result.burst_probability - baseline.burst_probability)

st.subheader(escape_markdown(title, limit=120))
st.caption(escape_markdown(description, limit=400))

st.markdown(f"**Chance that the balloon pops {horizon_phrase(horizon)}** (a clash or crisis spiral by day {horizon})")
m1, m2, m3 = st.columns(3)
m1.metric("Baseline", f"{baseline.burst_probability:.0%}", border=True,
          help="The 2017 war of words goes on. Same seed and runs as your scenario.")
m2.metric("Your scenario", f"{result.burst_probability:.0%}",
          delta=f"{delta:+.0f} points" if round(delta) else "no change", delta_color="inverse", border=True,
          help="Share of simulated futures in which the balloon pops (a clash or crisis spiral) by the horizon.")
accepted = max((g.acceptance_probability for g in result.gestures), default=None)
m3.metric("Most accepted gesture", "none made" if accepted is None else f"{accepted:.0%} of runs", border=True,
          help="Share of runs in which the most readily accepted of the scenario's gestures is accepted.")

balloon_col, words_col = st.columns([3, 2], gap="large")
with balloon_col:
    st.plotly_chart(balloon_figure(baseline, result, p_ref=session.p_ref(), height=480), key="balloon",
                    config=downloads.chart_config(scenario, "balloon"), width="stretch", theme=None)
    st.caption("Size: median pressure (the balloon's volume grows with it). Outline: skin thickness τ, thinner as "
               "pressure rises. Colour: calm (blue) to hot (red). Press ▶ Play to watch the days go by.")
with words_col:
    sentences = summary_sentences(result, baseline)
    st.markdown(f"**{escape_markdown(sentences[0], limit=600)}**")
    if len(sentences) > 1:
        st.markdown(escape_markdown(" ".join(sentences[1:]), limit=1200))
    st.info(escape_markdown(face_ledger(result), limit=400), icon=":material/balance:")
    st.caption("Illustrative model of one argument, not a forecast. Source: Rorry Daniels, \"Time to save face in "
               "US-DPRK relations\", PacNet, Pacific Forum CSIS (2017). See the Method page.")
