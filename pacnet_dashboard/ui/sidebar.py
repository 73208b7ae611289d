"""The shared sidebar: the scenario picker, reset, every lever by group, the share link; it returns the Scenario.

The Assumptions panel draws its inputs only while it is open; their values stay in the session state and the
sidebar writes them into the link itself.

A bad value (from the link or a widget) becomes a notice and falls back to its default; if a widget then shows
something other than the scenario in use, one immediate rerun corrects it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from pacnet_dashboard.io.errors import ScenarioError
from pacnet_dashboard.scenario import (ASSUMPTION_PREFIX, LeverSpec, Scenario, baseline_for, encode_value,
                                       from_strings, lenient_from_strings, parse_int, to_strings)
from pacnet_dashboard.ui import cache, links, session
from pacnet_dashboard.ui.cache import bundled_catalogue, specs
from pacnet_dashboard.ui.notices import add_notice, clear_notices, escape_markdown
from pacnet_dashboard.ui.widgets import TEXT_KINDS, apply_scenario, bound_widget, editor, widget_value

GROUP_ORDER = ("Rhetoric", "Gestures", "Intermediaries", "Supporters", "Network", "Simulation", "Assumptions")
COLLAPSED_GROUPS = {"Simulation", "Assumptions"}
ASSUMPTIONS_OPEN = "_assumptions_open"
"""The Assumptions panel's state: its 37 inputs are drawn only while it is open, since drawing them on every
rerun was a sixth of a slider move's time in the browser and on the server."""
_FIX = "_pending_fix"
_FIX_TRIED = "_fix_tried"


def _text(name: str, value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def _clamp_gesture_days(text: str, horizon: int) -> str:
    items = []
    for item in text.split(","):
        gid, sep, day_text = item.strip().partition("@")
        day = parse_int(day_text) if sep else None
        if day is not None and day >= horizon:
            item = f"{gid.strip()}@{horizon - 1}"
        items.append(item.strip())
    return ",".join(i for i in items if i)


def _clamp_schedule_days(text: str, horizon: int) -> str:
    """Drop the steps of a schedule text that lie past the horizon (a shorter horizon never ends in an error)."""
    items = [item.strip() for item in text.split(",")]
    days = [parse_int(item.partition("@")[2]) for item in items[1:]]
    kept = [item for item, day in zip(items[1:], days) if day is None or day < horizon]
    return ",".join(items[:1] + kept)


def scenario_from_state() -> Scenario:
    """The Scenario the widgets describe; a bad value becomes a notice and falls back to its default."""
    default = Scenario()
    scenario, problems = _scenario_from_texts(links.take_url_fallbacks(), links.take_url_kept())
    for exc in problems:
        add_notice("warning", links.problem_text(exc, encode_value(default, exc.field) if exc.field in specs() else ""))
    return scenario


def assumption_names() -> list[str]:
    """The `assumptions.NAME` fields, in the parameter table's order."""
    return [name for name in specs() if name.startswith(ASSUMPTION_PREFIX)]


def keep_assumptions(linked: dict[str, str]) -> None:
    """Hold every assumption's value in the session state, drawn or not: Streamlit forgets the value of a widget
    that a run does not draw, so each run sets it again (the table's value until one is changed, or the link's on
    arrival, which also opens the panel so that the changed values show)."""
    for name in assumption_names():
        if name in linked:
            st.session_state[name] = widget_value(from_strings({name: linked[name]}), name)
            st.session_state[ASSUMPTIONS_OPEN] = True
        st.session_state[name] = st.session_state.get(name, widget_value(Scenario(), name))


def _write_assumptions_to_link(scenario: Scenario) -> None:
    """Keep the link's `assumptions.NAME` entries equal to the scenario's overrides (the inputs are not bound to
    the link, since they are not always drawn)."""
    wanted = {k: v for k, v in to_strings(scenario).items() if k.startswith(ASSUMPTION_PREFIX)}
    for name in assumption_names():
        if st.query_params.get(name) == wanted.get(name):
            continue
        if name in wanted:
            st.query_params[name] = wanted[name]
        else:
            st.query_params.pop(name, None)


def _start_early_simulation() -> None:
    """On a rerun, start simulating the scenario the widgets already hold (and its baseline) before they are drawn
    again: the drawing and the simulation then overlap. A session's first run reads the link first, so it waits."""
    if all(name in st.session_state for name in specs()):
        scenario, _ = _scenario_from_texts(set(), {})
        for each in (scenario, baseline_for(scenario)):
            cache.start_simulation(each)


def _scenario_from_texts(refused: set[str], kept: dict[str, str]) -> tuple[Scenario, list[ScenarioError]]:
    """The Scenario of the widgets' texts (the link's refused levers at their defaults, and the kept part of a
    list whose bad items were dropped), and the problems found."""
    levers = specs()
    default = Scenario()
    texts = {name: _text(name, widget_value(default, name) if name in refused else
                         kept[name] if name in kept else
                         st.session_state.get(name, widget_value(default, name))) for name in levers}
    # Apply the horizon before the gestures it bounds, and move gestures past it to its last day.
    order = ["horizon_days"] + [n for n in levers if n != "horizon_days"]
    horizon_probe, _ = lenient_from_strings({"horizon_days": texts["horizon_days"]})
    texts["gestures"] = _clamp_gesture_days(texts["gestures"], horizon_probe.horizon_days)
    for name in (n for n, spec in levers.items() if spec.kind == "schedule"):
        texts[name] = _clamp_schedule_days(texts[name], horizon_probe.horizon_days)
    # An assumption at the table's value is no override: leave it out (only overrides are stored).
    order = [n for n in order if not (n.startswith(ASSUMPTION_PREFIX) and texts[n] == _text(n, levers[n].default))]
    return lenient_from_strings({n: texts[n] for n in order})


def _reconcile(scenario: Scenario) -> None:
    """If a widget shows something other than the scenario in use, correct it with one immediate rerun."""
    fix = {name: widget_value(scenario, name) for name in specs()
           if st.session_state.get(name) != widget_value(scenario, name)}
    if fix and not st.session_state.get(_FIX_TRIED):
        st.session_state[_FIX] = fix
        st.session_state[_FIX_TRIED] = True
        st.rerun()
    st.session_state[_FIX_TRIED] = False


def _apply_pending_fix() -> None:
    for name, value in st.session_state.pop(_FIX, {}).items():
        st.session_state[name] = value


def _load_bundled() -> None:
    name = st.session_state.get("_load_scenario")
    if name:
        apply_scenario(bundled_catalogue()[0][name].scenario)
        clear_notices()
    st.session_state["_load_scenario"] = None


def reset_levers() -> None:
    apply_scenario(Scenario())
    clear_notices()


def _groups() -> dict[str, list[LeverSpec]]:
    groups: dict[str, list[LeverSpec]] = {g: [] for g in GROUP_ORDER}
    for spec in specs().values():
        groups.setdefault(spec.group, []).append(spec)
    return {g: members for g, members in groups.items() if members}


def sidebar() -> Scenario:
    """Draw the scenario picker, reset and every lever in the sidebar; return the Scenario in force."""
    _apply_pending_fix()
    keep_assumptions(links.check_url_once())
    _start_early_simulation()
    sb = st.sidebar
    share_slot = sb.container()
    docs, problems = bundled_catalogue()
    for text in problems:
        add_notice("warning", text)
    sb.selectbox("Load a bundled scenario", list(docs), index=None, key="_load_scenario",
                 format_func=lambda n: docs[n].title, on_change=_load_bundled,
                 placeholder="Choose: baseline, gift exchange, …")
    title_slot = sb.empty()
    sb.button("Reset all levers", on_click=reset_levers, icon=":material/restart_alt:", key="_reset")
    editors: dict[str, Any] = {}
    for group, members in _groups().items():
        if group == "Assumptions":
            box = sb.expander(group, key=ASSUMPTIONS_OPEN, on_change="rerun")
            box.caption("The judgement parameters of the parameter table (data/parameters.csv), each with its "
                        "source. Change one for this scenario only; the link and saved files keep the change. "
                        "The calibrated skin strength is not among them.")
            if not st.session_state.get(ASSUMPTIONS_OPEN):
                continue
        elif group in COLLAPSED_GROUPS:
            box = sb.expander(group)
        else:
            box = sb.container()
            box.subheader(group, divider="gray")
        with box:
            for spec in members:
                if spec.kind in TEXT_KINDS:
                    editors[spec.name] = st.container()
                    with st.expander(f"{spec.label}: edit as link text"):
                        bound_widget(spec)
                else:
                    bound_widget(spec)
    scenario = scenario_from_state()
    for name, slot in editors.items():
        with slot:
            editor(name, scenario)
    _reconcile(scenario)
    _write_assumptions_to_link(scenario)
    title_slot.caption(f"Now showing: **{escape_markdown(session.scenario_name(scenario)[0])}**")
    with share_slot.popover("Share this scenario", icon=":material/link:", width="stretch"):
        st.markdown("This link opens the Briefing on exactly this scenario, with its seed and the model version. "
                    "Copy it with the button at the right of the box:")
        st.code(links.share_link(scenario), language=None, wrap_lines=True)
    links.stamp_version()
    session.set_scenario(scenario)
    return scenario
