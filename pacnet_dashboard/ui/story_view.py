"""The Story page's machinery: which step is shown (and its place in the link), the keys, the step's control.

Keys use Streamlit's own button shortcuts (no custom JavaScript): Right and Left on the visible Next and Back
buttons, and PageDown, Space and PageUp (what presentation clickers send) on three more buttons that the
presentation style hides. Streamlit ignores a shortcut while the focus is in a text field or a slider.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from pacnet_dashboard.report.story import STEPS, Step, parse_step
from pacnet_dashboard.scenario import Scenario
from pacnet_dashboard.ui import explore_view, links, widgets
from pacnet_dashboard.ui.notices import escape_markdown

STEP_PARAM = links.link_setting("step", "Story step", lambda: [str(n) for n in range(1, len(STEPS) + 1)], "1").key
"""The step in the link (`?step=3`); this page checks it itself (parse_step), with its own notice."""
_STEP = "_story_step"
_NOTICE = "_story_notice"
_GO_TO = "_story_go_to"
LAB_PAGE = "pacnet_dashboard/ui/pages/lab.py"
EXPLORE_PAGE = "pacnet_dashboard/ui/pages/explore.py"
FORWARD_KEYS = ("Right", "PageDown", "Space")
BACK_KEYS = ("Left", "PageUp")


def current_step() -> int:
    """The 1-based step on screen: from the link on the page's first run, then from the buttons and keys."""
    if _STEP not in st.session_state:
        number, problem = parse_step(st.query_params.get(STEP_PARAM))
        st.session_state[_STEP] = number
        st.session_state[_NOTICE] = problem
    number = int(st.session_state[_STEP])
    if st.query_params.get(STEP_PARAM) != str(number):
        st.query_params[STEP_PARAM] = str(number)
    return number


def _move(by: int) -> None:
    st.session_state[_STEP] = min(max(1, int(st.session_state.get(_STEP, 1)) + by), len(STEPS))
    st.session_state[_NOTICE] = None


def navigation(number: int) -> None:
    """Back and Next with their keys, the step count, and the hidden clicker keys."""
    back, where, forward = st.columns([1.3, 3, 1.3], vertical_alignment="center")
    back.button("Back", icon=":material/arrow_back:", key="_story_back", on_click=_move, args=(-1,),
                disabled=number == 1, shortcut=BACK_KEYS[0], width="stretch")
    where.markdown(f"**Step {number} of {len(STEPS)}**: {STEPS[number - 1].title}")
    forward.button("Next", icon=":material/arrow_forward:", key="_story_next", on_click=_move, args=(1,),
                   disabled=number == len(STEPS), shortcut=FORWARD_KEYS[0], width="stretch", type="primary")
    with st.container(key="story_clicker_keys"):  # hidden by the page style; only their shortcuts matter
        for key in FORWARD_KEYS[1:]:
            st.button(f"Next ({key})", key=f"_story_next_{key}", on_click=_move, args=(1,), shortcut=key,
                      disabled=number == len(STEPS))
        for key in BACK_KEYS[1:]:
            st.button(f"Back ({key})", key=f"_story_back_{key}", on_click=_move, args=(-1,), shortcut=key,
                      disabled=number == 1)
    if st.session_state.get(_NOTICE):
        st.warning(escape_markdown(st.session_state[_NOTICE], limit=300), icon=":material/warning:")


def control_value(step: Step) -> float:
    """The step's one control (a slider or a switch), remembered per step; its default without a control."""
    c = step.control
    if c is None:
        return 0.0
    key = f"_story_control_{step.key}"
    if c.switch:
        return 1.0 if st.toggle(c.label, value=bool(c.default), key=key, help=c.help) else 0.0
    if c.step >= 1:  # whole numbers (days) on an integer slider
        return float(st.slider(c.label, int(c.min), int(c.max), int(c.default), int(c.step), key=key, help=c.help))
    return float(st.slider(c.label, c.min, c.max, c.default, c.step, key=key, help=c.help,
                           format="%.1f"))


def _go(page: str, set_levers: Callable[[Scenario], None], scenario: Scenario) -> None:
    set_levers(scenario)
    st.session_state[_GO_TO] = page


def _page_button(label: str, page: str, set_levers: Callable[[Scenario], None], scenario: Scenario,
                 **button: Any) -> None:
    """A button that sets the levers (before the sidebar is drawn) and opens another page with them."""
    st.button(label, on_click=_go, args=(page, set_levers, scenario), **button)
    if st.session_state.get(_GO_TO) == page:
        del st.session_state[_GO_TO]
        st.switch_page(page, query_params={})  # the levers write themselves back into the link


def sandbox_button(scenario: Scenario) -> None:
    """Open the lab with the story's scenario in the levers."""
    _page_button("Open it in the lab", LAB_PAGE, widgets.apply_scenario, scenario, icon=":material/science:",
                 key="_story_sandbox", type="primary", help="The lab opens with the story's scenario in every lever.")


def map_button(scenario: Scenario) -> None:
    """Open the Explore page's discovery map at the critics' setting, where their corner is marked a backfire."""
    _page_button("See it on the map", EXPLORE_PAGE, explore_view.show_critics_setting, scenario,
                 icon=":material/explore:", key="_story_map",
                 help="The Explore page's map of DPRK rhetoric by China mediation, with no Russian mediation and no "
                      "allied praise: the critics' corner is marked where the gift raises the risk.")
