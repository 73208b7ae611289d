"""What one browser session shares between the sidebar and the pages: the Scenario in force and its name."""

from __future__ import annotations

import streamlit as st

from pacnet_dashboard.model.parameters import parameters_for
from pacnet_dashboard.scenario import Scenario, ScenarioFile, assumptions_flag
from pacnet_dashboard.ui.cache import bundled_catalogue
from pacnet_dashboard.ui.notices import escape_markdown

_SCENARIO = "_scenario"
_UPLOADED = "_uploaded_file"


def set_scenario(scenario: Scenario) -> None:
    st.session_state[_SCENARIO] = scenario


def current_scenario() -> Scenario:
    """The Scenario the sidebar built on this run (the defaults if a page runs on its own, as in tests)."""
    return st.session_state.get(_SCENARIO) or Scenario()


def remember_upload(doc: ScenarioFile) -> None:
    st.session_state[_UPLOADED] = doc


def uploaded_file(scenario: Scenario) -> ScenarioFile | None:
    """The scenario file last uploaded in this session, if this scenario is still exactly its scenario."""
    doc = st.session_state.get(_UPLOADED)
    return doc if doc is not None and doc.scenario == scenario else None


def scenario_name(scenario: Scenario) -> tuple[str, str]:
    """The title and description of the uploaded file or the bundled scenario this one matches, or a custom
    title."""
    uploaded = uploaded_file(scenario)
    if uploaded is not None:
        return uploaded.title, uploaded.description or "Loaded from a scenario file."
    for doc in bundled_catalogue()[0].values():
        if doc.scenario == scenario:
            return doc.title, doc.description
        if doc.scenario.model_copy(update={"seed": scenario.seed, "runs": scenario.runs}) == scenario:
            return f"{doc.title} (seed {scenario.seed}, {scenario.runs:,} runs)", doc.description
    return "Custom scenario", "Levers set by hand in the sidebar or by the link."


def p_ref() -> float:
    """The balloon's reference pressure for drawing, with the current scenario's assumptions."""
    return parameters_for(current_scenario()).p_ref


def show_assumptions_flag(scenario: Scenario) -> None:
    """On every page: say so when the scenario's assumptions differ from the parameter table."""
    flag = assumptions_flag(scenario)
    if flag:
        st.info(escape_markdown(flag, limit=800) + " Change them back under **Assumptions** in the sidebar.",
                icon=":material/tune:")
