"""Briefing: 100 futures of the 2017 war of words against your scenario (or the commentary's proposal)."""

import streamlit as st

from pacnet_dashboard.figures.balloon import balloon_figure
from pacnet_dashboard.report.brief import face_ledger, horizon_phrase, summary_sentences
from pacnet_dashboard.report.chart_text import icon_array_summary, icon_array_table
from pacnet_dashboard.report.story import briefing_comparison, risk_change
from pacnet_dashboard.ui import cache, downloads, presentation, session, views
from pacnet_dashboard.ui.notices import escape_markdown

scenario = session.current_scenario()
pair = briefing_comparison(scenario)
result = cache.simulate_cached(pair.subject)
baseline = cache.simulate_cached(pair.reference)
labels = (pair.reference_label, pair.subject_label)
horizon = scenario.horizon_days

presenting = presentation.presenting()
if pair.is_proposal:
    st.subheader(f"{pair.reference_label} against {pair.subject_label[:1].lower()}{pair.subject_label[1:]}")
    if not presenting:
        st.markdown("No lever is set, so the screen compares the war of words with the gift exchange that the "
                    "commentary proposes. Move a lever or load a scenario to compare your own.")
else:
    title, description = session.scenario_name(scenario)
    st.subheader(f"{pair.reference_label} against {escape_markdown(title, limit=120)}")
    st.markdown(escape_markdown(description, limit=400))

change = risk_change(baseline.burst_probability, result.burst_probability)
numbers_col, balloon_col = st.columns([1, 3], gap="medium")
with numbers_col:
    st.markdown(f"**Chance of a pop {horizon_phrase(horizon)}** (a clash or crisis spiral by day {horizon})")
    st.metric(pair.short_labels[0], f"{baseline.burst_probability:.0%}", border=True,
              help="The 2017 war of words goes on. Same seed and runs as the scenario beside it.")
    st.metric(pair.short_labels[1], f"{result.burst_probability:.0%}", delta=change.text, delta_arrow=change.arrow,
              delta_color="inverse" if change.arrow != "off" else "off", border=True,
              help="Share of simulated futures in which the balloon pops (a clash or crisis spiral) by the horizon.")
    playable = views.play_days("_briefing_play")
with balloon_col:
    st.plotly_chart(balloon_figure(baseline, result, p_ref=session.p_ref(), labels=pair.short_labels,
                                   height=430 if presenting else 500, large=presenting,
                                   playable=playable),
                    key="balloon", config=downloads.chart_config(pair.subject, "balloon"), width="stretch", theme=None,
                    alt=views.BALLOON_ALT)
    st.info(escape_markdown(face_ledger(result), limit=400), icon=":material/balance:")

sentences = summary_sentences(result, baseline)
st.markdown(f"**{escape_markdown(sentences[0], limit=600)}** "
            + escape_markdown(" ".join(sentences[1:]), limit=1200))
views.chart_text(icon_array_summary(baseline, result, labels), lambda: icon_array_table(baseline, result, labels))
st.markdown("Each balloon is one simulated future, sized by its pressure and coloured from calm (blue) to hot (red); "
            "✳ marks a future that has burst. Switch on Play the days, then press ▶ Play, to watch the days go by. "
            "Illustrative model of one argument, not a forecast: Rorry Daniels, \"Time to save face in US-DPRK "
            "relations\", PacNet, Pacific Forum CSIS (2017).")
