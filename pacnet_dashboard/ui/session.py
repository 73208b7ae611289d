"""What one browser session shares between the sidebar and the pages: the Scenario in force and its name."""

from __future__ import annotations

import streamlit as st

from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.scenario import Scenario
from pacnet_dashboard.ui.cache import bundled_catalogue

_SCENARIO = "_scenario"


def set_scenario(scenario: Scenario) -> None:
    st.session_state[_SCENARIO] = scenario


def current_scenario() -> Scenario:
    """The Scenario the sidebar built on this run (the defaults if a page runs on its own, as in tests)."""
    return st.session_state.get(_SCENARIO) or Scenario()


def scenario_name(scenario: Scenario) -> tuple[str, str]:
    """The title and description of the bundled scenario this one matches, or a custom title."""
    for doc in bundled_catalogue()[0].values():
        if doc.scenario == scenario:
            return doc.title, doc.description
        if doc.scenario.model_copy(update={"seed": scenario.seed, "runs": scenario.runs}) == scenario:
            return f"{doc.title} (seed {scenario.seed}, {scenario.runs:,} runs)", doc.description
    return "Custom scenario", "Levers set by hand in the sidebar or by the link."


def p_ref() -> float:
    return default_parameters().p_ref
