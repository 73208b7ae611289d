"""The Explore page's own link settings: the map's axes (field names, as every other link holds), its cells per
axis and the sensitivity view. Links from before, which held the levers' labels, still open with a notice."""

from __future__ import annotations

import streamlit as st

from pacnet_dashboard.analysis.discovery import (DEFAULT_X, DEFAULT_Y, GIFT_EXCHANGE, MAP_GRID, MAP_GRID_CHOICES,
                                                 critics_setting, map_axes)
from pacnet_dashboard.io.data import load_gestures
from pacnet_dashboard.scenario import Scenario, encode_value, from_strings
from pacnet_dashboard.ui import links, widgets
from pacnet_dashboard.ui.cache import specs

SENSITIVITY_VIEWS = ("Off", "Levers", "All factors")


def _old_labels() -> dict[str, str]:
    """Map axes by the label that older links held: {'DPRK rhetoric': 'dprk_rhetoric'}."""
    return {specs()[name].label: name for name in map_axes()}


MAP_X = links.link_setting("map_x", "Map across", map_axes, DEFAULT_X, aliases=_old_labels)
MAP_Y = links.link_setting("map_y", "Map up", map_axes, DEFAULT_Y, aliases=_old_labels)
MAP_N = links.link_setting("map_n", "Cells per axis", lambda: tuple(str(n) for n in MAP_GRID_CHOICES), str(MAP_GRID))
VIEW = links.link_setting("sensitivity", "Global sensitivity", lambda: SENSITIVITY_VIEWS, "Levers")
LINK_SETTINGS = (MAP_X, MAP_Y, MAP_N, VIEW)


def axis_label(name: str) -> str:
    """How a picker shows a map axis: the lever's label."""
    return specs()[name].label


def map_treatment(scenario: Scenario) -> str:
    """What the map adds, as id@day text: the scenario's own gestures on their own days, or the commentary's
    gift exchange when the scenario makes none."""
    return encode_value(scenario, "gestures") or GIFT_EXCHANGE


def treatment_source(scenario: Scenario) -> str:
    """Where the map's treatment comes from, in words, for its caption."""
    if scenario.gestures:
        return "these are your scenario's own gestures on their own days."
    return "your scenario makes no gesture, so the map tests the commentary's gift exchange."


def map_heading(treatment: str) -> str:
    """The map's heading, naming what it tests: the gift exchange, or the scenario's own gesture(s)."""
    if treatment == GIFT_EXCHANGE:
        return "Where the gift exchange helps, and where it backfires"
    if "," in treatment:
        return "Where your scenario's gestures help, and where they backfire"
    return "Where your scenario's gesture helps, and where it backfires"


def treatment_words(treatment: str = GIFT_EXCHANGE) -> str:
    """A treatment in words, from its id@day text: 'the gesture Signed ... book on day 14'."""
    catalogue = load_gestures().by_id()
    return " and ".join(f"the gesture {catalogue[g.id].label} on day {g.day}"
                        for g in from_strings({"gestures": treatment}).gestures)


def show_critics_setting(scenario: Scenario) -> None:
    """Set the levers to the critics' setting and the map to its default axes, where their corner lies (call
    from a callback, before the sidebar is drawn)."""
    widgets.apply_scenario(critics_setting(scenario))
    for setting, default in ((MAP_X, DEFAULT_X), (MAP_Y, DEFAULT_Y)):
        st.session_state[setting.key] = default
        st.query_params.pop(setting.key, None)


def critics_button(scenario: Scenario) -> None:
    """One click to the setting where the critics are right; the whole app reruns, so the sidebar follows."""
    if st.button("Show where the critics are right", icon=":material/report:", key="_explore_critics",
                 help="The gift exchange with Pyongyang's rhetoric at 9.5, no mediation by China or Russia and no "
                      "praise from South Korea or Japan. The map's bottom-right corner (high rhetoric, no "
                      "mediation) then backfires.",
                 on_click=show_critics_setting, args=(scenario,)):
        st.rerun()
