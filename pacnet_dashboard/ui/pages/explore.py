"""Explore: where on a grid of two levers the gift exchange helps or backfires, and what moves the pop chance."""

import streamlit as st

from pacnet_dashboard.analysis.discovery import (DEFAULT_X, DEFAULT_Y, MAP_GRID, MAP_GRID_CHOICES, MAP_RUNS, SENSITIVITY_VIEWS,
                                      Z_SIGNIFICANT, axis_labels)
from pacnet_dashboard.figures.explore import discovery_map_figure, sensitivity_figure
from pacnet_dashboard.scenario import level_of, lever_specs
from pacnet_dashboard.analysis.sensitivity import MORRIS_TRAJECTORIES, SENSITIVITY_RUNS
from pacnet_dashboard.ui import state

scenario = state.current_scenario()
axes = axis_labels()
labels = list(axes)
state.explore_param_notices_once()


@st.fragment
def discovery_map() -> None:
    st.subheader("Where the gift exchange helps, and where it backfires", divider="gray")
    c1, c2, c3 = st.columns([2, 2, 1])
    x = axes[c1.selectbox("Across", labels, index=labels.index(lever_specs()[DEFAULT_X].label), key="map_x",
                          bind="query-params", help="The lever along the horizontal axis, over its whole range.")]
    y = axes[c2.selectbox("Up", labels, index=labels.index(lever_specs()[DEFAULT_Y].label), key="map_y",
                          bind="query-params", help="The lever along the vertical axis, over its whole range.")]
    n = c3.select_slider("Cells per axis", MAP_GRID_CHOICES, value=MAP_GRID, key="map_n", bind="query-params",
                         help="A finer grid takes longer: each cell costs two simulations.")
    if x == y:
        st.warning("Choose two different levers for the map's axes.", icon=":material/warning:")
        return
    with st.spinner(f"Simulating {2 * n * n} scenarios at {MAP_RUNS} runs each…"):
        m = state.discovery_map_cached(scenario, x, y, n)
    st.plotly_chart(discovery_map_figure(m, base_x=level_of(scenario, x), base_y=level_of(scenario, y)),
                    key="explore_map", width="stretch")
    st.caption(f"Each cell: the pop chance by day {scenario.horizon_days} with the signed book on day 14 (and the "
               "writings it may draw in reply) minus without it; every other lever, gesture and the seed as in your "
               f"scenario (the star), {MAP_RUNS} runs a cell. Both share the seed (common random numbers). A cross "
               f"marks a rise of more than {Z_SIGNIFICANT} standard errors of two independent samples, which "
               "overstates the error of this paired difference, so a cross is a clear backfire. "
               "A dot: no clear effect.")


@st.fragment
def global_sensitivity() -> None:
    st.subheader("What moves the pop chance most", divider="gray")
    view = st.segmented_control("Global sensitivity (Morris elementary effects, SALib)", SENSITIVITY_VIEWS,
                                default="Levers", required=True, key="sensitivity", bind="query-params",
                                help="All factors adds the model's uncertain parameters; it takes about four times "
                                     "as long as the levers alone.")
    if view == "Off":
        return
    with st.spinner("Moving every factor across its range…"):
        result = state.global_sensitivity_cached(scenario, view == "All factors")
    st.plotly_chart(sensitivity_figure(result), key="explore_sensitivity", width="stretch")
    st.caption(f"{MORRIS_TRAJECTORIES} Morris trajectories at {SENSITIVITY_RUNS} runs, all at your scenario's seed "
               "and gestures; whiskers are 95% bootstrap intervals. Levers span their whole range, model parameters "
               "±50% of their value within their table range (the calibrated skin strength is held). The model never "
               "reads the dummy: a factor level with it has no effect the method can detect.")


discovery_map()
global_sensitivity()
