"""History: the 2017-2019 record, the observed tension index it gives, and the model replayed against it."""

import streamlit as st

from pacnet_dashboard.io.data import load_events
from pacnet_dashboard.figures.history import history_figure
from pacnet_dashboard.history.moments import key_moments
from pacnet_dashboard.history.replay import FIT_MONTHS, TEST_MONTHS
from pacnet_dashboard.report.chart_text import history_summary, history_table
from pacnet_dashboard.ui import cache, downloads, session, views
from pacnet_dashboard.ui import history_view as hv

events = load_events()
moments = key_moments(events)
fitted, judgement = cache.replay_cached("fitted"), cache.replay_cached("judgement")
i, o = judgement.in_sample, judgement.out_of_sample
fit_span, test_span = hv.month_span(FIT_MONTHS), hv.month_span(TEST_MONTHS)

st.subheader("Has the model met the record?", divider="gray")
m1, m2, m3, m4 = st.columns(4)
m1.metric("In-sample r", f"{i.r:.2f}", border=True,
          help=f"Correlation of the replay with the observed index, {fit_span}: the months fitted.")
m2.metric("In-sample RMSE", f"{i.rmse:.1f}", border=True,
          help=f"Root-mean-square error in index points, {fit_span}.")
m3.metric("Out-of-sample r", f"{o.r:.2f}", delta=f"{o.r - i.r:+.2f} vs fit window", border=True,
          help=f"Correlation, {test_span}: months the fit never saw.")
m4.metric("Out-of-sample RMSE", f"{o.rmse:.1f}", delta=f"{o.rmse - i.rmse:+.1f} vs fit window",
          delta_color="inverse", border=True, help=f"Root-mean-square error in index points, {test_span}.")
st.caption("These four figures score the values in use: the parameter table that every other page runs. The table "
           "below the text scores the fitted values and three naive forecasts too.")
st.markdown("\n\n".join([*hv.fit_words(fitted, judgement), hv.reference_words(judgement)]))
hv.small_table(hv.scores_frame(fitted, judgement))
st.caption("Persistence forecasts each month as the month before (scored from 2017-02 in the fit window); "
           "climatology forecasts the fit window's mean every month (r is 0 for a flat line); the rhetoric input is "
           "both sides' monthly replay rhetoric, linked to the index on the fit window like the model's pressure.")

st.subheader("The record and the replay", divider="gray")
shown = hv.event_filters(events)
st.plotly_chart(history_figure(shown, judgement, moments), key="history", width="stretch",
                config=downloads.chart_config(session.current_scenario(), "history"),
                alt="Timeline of the 2017-2019 record: observed tension index, model replay and events (summary and "
                    "data table below)")
views.chart_text(history_summary(shown, judgement, moments), lambda: history_table(shown, judgement),
                 key="_history_table")
st.caption(f"Top: {len(shown)} of {len(events)} events by date and Goldstein score (−10 conflict to +10 "
           "cooperation); hollow markers have an uncertain date. Hover a marker for what happened and the source. "
           "Bottom: the observed tension index by month (higher = more hostile) and the model's replay with the values "
           "in use, linked to the index on the fit window (shaded blue) and scored out of sample (shaded orange). The "
           "filters pick markers and table rows; the index and the replay always use every event.")

st.markdown(f"**Events** ({len(shown)} shown, {sum(e.date_uncertain for e in shown)} with an uncertain date). "
            "Sort by any column; search with the table's own tools.")
hv.event_table(shown)

st.subheader("How the index and the replay are built", divider="gray")
st.markdown(
    "- **Scores.** Each event gets the Goldstein score of its CAMEO root: −10 (conflict) to +10 (cooperation).\n"
    "- **Sides.** The United States and its envoys form the US side; the DPRK and KCNA the DPRK side. Third "
    "parties (China, Russia, South Korea, Japan, the UN, Track II) weigh nothing by default.\n"
    "- **Decay.** Each side's daily scores are summed and carried forward with exponential decay, then negated "
    "so that higher means more hostile. The index is the US side plus the DPRK side; each month is the mean of "
    "its days.\n"
    "- **Replay.** Each side's events set its rhetoric, and its de-escalation steps become gestures offered in "
    "the model. The model's median pressure is mapped to the index by a straight line fitted on the fit window.")
hv.small_table(hv.index_frame(judgement))
st.markdown("**Fitted dynamics beside the values in use**")
hv.small_table(hv.parameter_frame())
st.caption(f"An event list we selected ourselves, {len(fitted.observed.months)} monthly points and one seed: these "
           "numbers describe this replay, not the model's skill in general. Reproduce them with "
           "`python -m pacnet_dashboard history --format json`.")
