"""Explore: where on a grid of two levers the gift exchange helps or backfires, and what moves the pop chance."""

import streamlit as st

from pacnet_dashboard.analysis.discovery import (DEFAULT_X, DEFAULT_Y, MAP_GRID, MAP_GRID_CHOICES, MAP_RUNS,
                                                 SURVEY_RUNS, Z_SIGNIFICANT)
from pacnet_dashboard.analysis.sensitivity import CONF_LEVEL, MORRIS_TRAJECTORIES, PARAMETER_SPREAD, SENSITIVITY_RUNS
from pacnet_dashboard.figures.explore import discovery_map_figure, sensitivity_figure
from pacnet_dashboard.report.chart_text import map_summary, map_table, sensitivity_summary, sensitivity_table
from pacnet_dashboard.scenario import level_of
from pacnet_dashboard.ui import cache, downloads, explore_view, links, notices, session, views

scenario = session.current_scenario()
treatment = explore_view.map_treatment(scenario)
links.check_page_settings(explore_view.LINK_SETTINGS)


@notices.fragment
def discovery_map() -> None:
    st.subheader(explore_view.map_heading(treatment), divider="gray")
    c1, c2, c3 = st.columns([2, 2, 1])
    x = links.linked_selectbox(c1, explore_view.MAP_X, "Across", DEFAULT_X, explore_view.axis_label,
                               help="The lever along the horizontal axis, over its whole range.")
    y = links.linked_selectbox(c2, explore_view.MAP_Y, "Up", DEFAULT_Y, explore_view.axis_label,
                               help="The lever along the vertical axis, over its whole range.")
    n = c3.select_slider("Cells per axis", MAP_GRID_CHOICES, value=MAP_GRID, key="map_n", bind="query-params",
                         help="A finer grid takes longer: each cell costs two simulations.")
    explore_view.critics_button(scenario)
    if x == y:
        st.warning("Choose two different levers for the map's axes.", icon=":material/warning:")
        return
    m = cache.discovery_map_cached(scenario, x, y, n, treatment)
    base_x, base_y = level_of(scenario, x), level_of(scenario, y)
    st.plotly_chart(discovery_map_figure(m, base_x=base_x, base_y=base_y),
                    key="explore_map", width="stretch", config=downloads.chart_config(scenario, "map"),
                    alt="Discovery map: change in pop chance from the gesture over two levers, help and backfire "
                        "cells marked (summary and table below)")
    views.chart_text(map_summary(m, base_x, base_y), lambda: map_table(m), key="_explore_map_table")
    st.caption(f"Each cell: the pop chance by day {scenario.horizon_days} with "
               f"{explore_view.treatment_words(treatment)} (and any answer it may draw) minus without it; "
               f"{explore_view.treatment_source(scenario)} Every other lever and the seed as in your scenario (the "
               f"star), {SURVEY_RUNS:,} runs a cell and {MAP_RUNS:,} where that leaves the change unclear. Both "
               "share the seed (common random numbers), so each run with the gesture is paired with the same run "
               f"without it. A cross marks a rise of more than {Z_SIGNIFICANT} standard errors of that paired "
               "difference: a backfire beyond sampling error. A dot: no clear effect.")


@notices.fragment
def global_sensitivity() -> None:
    st.subheader("What moves the pop chance most", divider="gray")
    view = st.segmented_control("Global sensitivity (Morris elementary effects, SALib)", explore_view.SENSITIVITY_VIEWS,
                                default="Levers", required=True, key="sensitivity", bind="query-params",
                                help="All factors adds the model's uncertain parameters; it takes about four times "
                                     "as long as the levers alone.")
    if view == "Off":
        return
    with st.spinner("Moving every factor across its range…"):
        result = cache.global_sensitivity_cached(scenario, view == "All factors")
    st.plotly_chart(sensitivity_figure(result), key="explore_sensitivity", width="stretch",
                    config=downloads.chart_config(scenario, "sensitivity"),
                    alt="Sensitivity chart: importance of each factor with its interval (summary and table below)")
    views.chart_text(sensitivity_summary(result), lambda: sensitivity_table(result), key="_explore_sensitivity_table")
    st.caption(f"{MORRIS_TRAJECTORIES} Morris trajectories at {SENSITIVITY_RUNS} runs, all at your scenario's seed "
               f"and gestures; whiskers are {CONF_LEVEL:.0%} bootstrap intervals. Levers span their whole range, model "
               f"parameters ±{PARAMETER_SPREAD:.0%} of their value within their table range (the calibrated skin "
               "strength is held). The model never reads the dummy: a factor level with it has no effect the method "
               "can detect.")


discovery_map()
global_sensitivity()
