"""Intermediaries: who carries messages between Washington and Pyongyang, and what closing a channel costs."""

import streamlit as st

from pacnet_dashboard.ui import state, widgets

scenario = state.current_scenario()
result = state.simulate_cached(scenario)
open_network = scenario.model_copy(update={"closed_channels": (), "muted_actors": ()})
full = state.simulate_cached(open_network)

c1, c2 = st.columns(2)
c1.metric("Conductance between Washington and Pyongyang", f"{result.conductance:.2f}",
          delta=f"{result.conductance - full.conductance:+.2f} vs every channel open"
          if round(result.conductance - full.conductance, 2) else None, border=True)
c2.metric(f"Pop chance by day {scenario.horizon_days}", f"{result.burst_probability:.0%}",
          delta=f"{100 * (result.burst_probability - full.burst_probability):+.0f} points vs every channel open"
          if round(100 * (result.burst_probability - full.burst_probability)) else None,
          delta_color="inverse", border=True)

st.subheader("Open or close channels, bring actors in or out", divider="gray")
widgets.network_toggles(scenario, columns=3)
