"""Scenario lab: uncertainty bands against the baseline, the burst curve, gestures, sensitivity, files."""

import streamlit as st

from pacnet_dashboard.figures.charts import burst_chart, fan_chart, tornado_chart
from pacnet_dashboard.analysis.sensitivity import TORNADO_RUNS
from pacnet_dashboard.model.series import QUANTILES, SERIES
from pacnet_dashboard.report.brief import face_ledger
from pacnet_dashboard.report.chart_text import (burst_summary, burst_table, fan_summary, fan_table, tornado_summary,
                                                tornado_table)
from pacnet_dashboard.ui import cache, downloads, notices, session, uploads, views
from pacnet_dashboard.ui.notices import escape_markdown

scenario = session.current_scenario()
result = cache.simulate_cached(scenario)
baseline = cache.baseline_result(scenario)
views.headline_metrics(result, baseline)

left, right = st.columns(2, gap="medium")
with left:
    st.plotly_chart(fan_chart(result, baseline, "pressure"), key="fan_pressure", width="stretch", theme=None,
                    config=downloads.chart_config(scenario, "pressure"),
                    alt="Fan chart of balloon pressure by day, scenario against baseline (summary and table below)")
    views.chart_text(fan_summary(result, baseline, "pressure"), lambda: fan_table(result, baseline, "pressure"),
                     key="_lab_fan_pressure_table")


@notices.fragment
def other_fan() -> None:
    options = [s for s in SERIES if s != "pressure"]
    series = st.segmented_control("Band of", options, default="hostility_dprk", required=True, key="_lab_series",
                                  format_func=lambda s: SERIES[s].title)
    st.plotly_chart(fan_chart(result, baseline, series, height=380), key="fan_other", width="stretch", theme=None,
                    config=downloads.chart_config(scenario, series),
                    alt="Fan chart of the chosen series by day, scenario against baseline (summary and table below)")
    views.chart_text(fan_summary(result, baseline, series), lambda: fan_table(result, baseline, series),
                     key="_lab_fan_other_table")


with right:
    other_fan()
st.caption(f"Bands: {100 * QUANTILES['p10']:.0f}th to {100 * QUANTILES['p90']:.0f}th percentile of the runs; "
           "lines: medians. Baseline in grey (dashed), your scenario in blue. Both share the seed, so they see the "
           "same random incidents (common random numbers).")

left, right = st.columns(2, gap="medium")
with left:
    st.plotly_chart(burst_chart(result, baseline), key="burst", width="stretch", theme=None,
                    config=downloads.chart_config(scenario, "burst"),
                    alt="Line chart: chance the balloon has popped by each day (summary and table below)")
    views.chart_text(burst_summary(result, baseline), lambda: burst_table(result, baseline), key="_lab_burst_table")
with right:
    st.markdown("**Gestures: how often they are accepted and answered**")
    views.gesture_table(result)
    st.markdown(escape_markdown(face_ledger(result), limit=400))


@notices.fragment
def sensitivity() -> None:
    if st.toggle("Show the tornado chart (runs every lever to both ends; takes a few seconds)", key="_lab_tornado"):
        with st.spinner("Moving each lever across its range…"):
            base, rows = cache.tornado_cached(scenario)
        st.plotly_chart(tornado_chart(rows, base), key="tornado", width="stretch", theme=None,
                        config=downloads.chart_config(scenario, "tornado"),
                        alt="Tornado chart: the pop chance with each lever at its minimum and maximum (summary "
                            "and table below)")
        views.chart_text(tornado_summary(rows, base), lambda: tornado_table(rows, base), key="_lab_tornado_table")
        st.caption(f"Each bar: the pop chance by day {scenario.horizon_days} with one lever at its minimum (blue) or "
                   f"maximum (red), the others held, at {min(TORNADO_RUNS, scenario.runs):,} runs and the same seed.")


st.subheader("Why it works, or fails", divider="gray")
notices.fragment(views.why_it_works)(scenario)
st.subheader("Sensitivity", divider="gray")
sensitivity()

st.subheader("Files", divider="gray")
downloads.files_section(result, baseline)
uploads.uploader()
