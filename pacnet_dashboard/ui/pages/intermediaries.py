"""Intermediaries: who carries messages between Washington and Pyongyang, and what each channel is worth."""

import streamlit as st

from pacnet_dashboard.figures.network import network_figure
from pacnet_dashboard.report.chart_text import network_summary
from pacnet_dashboard.ui import cache, downloads, session, views, widgets
from pacnet_dashboard.ui.notices import escape_markdown

scenario = session.current_scenario()
result = cache.simulate_cached(scenario)
metrics = cache.network_metrics_cached(scenario)
full = cache.simulate_cached(scenario.model_copy(update={"closed_channels": (), "muted_actors": ()}))

c1, c2, c3 = st.columns(3)
c1.metric("Conductance between Washington and Pyongyang", f"{metrics.conductance:.2f}",
          delta=f"{metrics.conductance - full.conductance:+.2f} vs every channel open"
          if round(metrics.conductance - full.conductance, 2) else None, border=True)
c2.metric("Independent paths (no shared go-between)", metrics.disjoint_paths, border=True)
c3.metric(f"Pop chance by day {scenario.horizon_days}", f"{result.burst_probability:.0%}",
          delta=f"{100 * (result.burst_probability - full.burst_probability):+.0f} points vs every channel open"
          if round(100 * (result.burst_probability - full.burst_probability)) else None,
          delta_color="inverse", border=True)

st.plotly_chart(network_figure(scenario, metrics), key="network", width="stretch", theme=None,
                config=downloads.chart_config(scenario, "network"),
                alt="Network of actors and channels between Washington and Pyongyang (described below, with "
                    "tables)")
st.markdown(escape_markdown(network_summary(metrics), limit=600) + " Mediation and allied praise scale the "
            "go-betweens' channels; grey marks closed channels and muted actors. The tables below hold the data.")

with st.expander("Open or close channels, bring actors in or out (writes the link like every lever)", expanded=True):
    widgets.network_toggles(scenario, columns=3)

st.subheader("What each actor and channel is worth", divider="gray")
show = st.toggle("Add the change in pop chance when each is removed (simulates every removal; a few seconds)",
                 key="_network_effects")
views.network_tables(scenario, metrics, cache.removals_cached(scenario) if show else None)
