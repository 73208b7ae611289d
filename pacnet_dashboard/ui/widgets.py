"""The levers' widgets, built from the Scenario schema: one URL-bound widget per field, key = field name.

Numbers are sliders or number inputs. The list fields (gestures, closed channels, muted actors) and the
rhetoric schedules are bound as text in the codec's own form (`id@day,id@day`, `id,id`, `7,3@60`), so a link
reads exactly like the CLI's `--set`; a friendly editor (pickers, a day slider per gesture, toggles, a level
slider with an optional "then ... from day ..." step) writes that text through callbacks.
"""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from pacnet_dashboard.io.data import load_actors, load_channels, load_gestures, mutable_actors
from pacnet_dashboard.io.errors import ScenarioError
from pacnet_dashboard.io.text import inert
from pacnet_dashboard.scenario import (ASSUMPTION_PREFIX, SCENARIO_FILE_MAX_BYTES, LeverSpec, Scenario, ScenarioFile,
                                       Schedule, encode_value, scenario_file_from_text, text_field_value)
from pacnet_dashboard.ui.cache import specs
from pacnet_dashboard.ui.links import MAX_URL_VALUE_CHARS

TEXT_KINDS = ("gestures", "ids", "schedule")
"""Kinds of lever whose URL-bound widget holds the codec's text and is written by a friendlier editor."""
NUMBER_INPUT_FIELDS = ("runs", "seed")
DEFAULT_GESTURE_DAY = 14
DEFAULT_STEP = (3.0, 60)
"""Where a newly switched-on "then ... from day ..." step starts: the issue's example, 3 from day 60."""


def widget_value(scenario: Scenario, name: str) -> Any:
    """The value a field's widget holds for a scenario: a number, or the codec text of a list."""
    spec = specs()[name]
    value = text_field_value(scenario, name)
    if spec.kind == "float":
        return float(value)
    if spec.kind == "int":
        return int(value)
    return encode_value(scenario, name)


def apply_scenario(scenario: Scenario) -> None:
    """Set every lever to a scenario's values (call from a callback, before the widgets are drawn)."""
    for name in specs():
        st.session_state[name] = widget_value(scenario, name)


def read_upload(name: str, raw: bytes) -> ScenarioFile:
    """The upload door: bytes of at most 64 KiB, UTF-8 (one BOM allowed), a valid scenario file; anything else is
    a ScenarioError naming the file, never an exception of another kind."""
    shown = f"the file {inert(name, 60)}"
    if len(raw) > SCENARIO_FILE_MAX_BYTES:
        raise ScenarioError(shown, f"is {len(raw):,} bytes; a scenario file is at most "
                                   f"{SCENARIO_FILE_MAX_BYTES // 1024} KiB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(shown, "is not UTF-8 text") from None
    return scenario_file_from_text(text, shown)


def _compose_gestures(repeats: tuple[tuple[str, int], ...] = ()) -> None:
    """Write the gestures text from the picks and their days; later repeats of a picked id (a GRIT series,
    edited as link text) are kept."""
    horizon = int(st.session_state.get("horizon_days", Scenario().horizon_days))
    items = []
    for gid in st.session_state.get("_gesture_pick", []):
        day = min(int(st.session_state.get(f"_gesture_day_{gid}", min(DEFAULT_GESTURE_DAY, horizon - 1))), horizon - 1)
        items.append(f"{gid}@{day}")
        items += [f"{rid}@{rday}" for rid, rday in repeats if rid == gid and rday != day and rday < horizon]
    st.session_state["gestures"] = ",".join(items)


def _compose_schedule(name: str, later: tuple[tuple[float, int], ...]) -> None:
    """Write a schedule's text from its level slider, its optional next step and any steps after that (kept)."""
    steps = [(float(st.session_state[f"_level_{name}"]), 0)]
    if st.session_state.get(f"_then_{name}"):
        day = int(st.session_state.get(f"_then_day_{name}", DEFAULT_STEP[1]))
        steps.append((float(st.session_state.get(f"_then_level_{name}", DEFAULT_STEP[0])), day))
        steps += [step for step in later if step[1] > day]
    st.session_state[name] = Schedule(tuple(steps)).encode()


def _compose_ids(name: str) -> None:
    st.session_state[name] = ",".join(sorted(st.session_state.get(f"_pick_{name}", [])))


def _toggle_id(name: str, item: str, key: str, on_means_listed: bool) -> None:
    listed = {i for i in str(st.session_state.get(name, "")).split(",") if i}
    if bool(st.session_state.get(key)) == on_means_listed:
        listed.add(item)
    else:
        listed.discard(item)
    st.session_state[name] = ",".join(sorted(listed))


def _help(spec: LeverSpec) -> str:
    return f"{spec.help}\n\nUnit: {spec.unit}. Source: {spec.provenance}"


def assumption_input(spec: LeverSpec) -> None:
    """An assumption's number input with its table value and source. Its value lives in the session state (see
    sidebar.keep_assumptions) and the sidebar writes it into the link, because the input is drawn only while the
    Assumptions panel is open."""
    decimals = max(0, 1 - math.floor(math.log10(float(spec.step))))
    st.number_input(f"{spec.label}, {spec.unit}", float(spec.min), float(spec.max), step=float(spec.step),
                    format=f"%.{decimals}f", key=spec.name, help=_help(spec))
    st.caption(f"Table: {spec.default:g} (from {spec.min:g} to {spec.max:g}). {spec.provenance}")


def bound_widget(spec: LeverSpec) -> None:
    """The lever's URL-bound widget: a slider, a number input, or the codec text of a list field (an assumption's
    input is not bound: the sidebar writes it into the link)."""
    common = dict(key=spec.name, help=_help(spec), bind="query-params")
    if spec.name.startswith(ASSUMPTION_PREFIX):
        assumption_input(spec)
    elif spec.kind == "float":
        decimals = max(0, -math.floor(math.log10(float(spec.step))))
        st.slider(spec.label, float(spec.min), float(spec.max), float(spec.default), float(spec.step),
                  format=f"%.{decimals}f", **common)
    elif spec.kind == "int" and spec.name in NUMBER_INPUT_FIELDS:
        st.number_input(f"{spec.label} ({spec.unit})", int(spec.min), int(spec.max), int(spec.default),
                        int(spec.step or 1), **common)
    elif spec.kind == "int":
        st.slider(f"{spec.label} ({spec.unit})", int(spec.min), int(spec.max), int(spec.default),
                  int(spec.step or 1), **common)
    else:
        st.text_input(f"{spec.label} as text ({spec.unit})", encode_value(Scenario(), spec.name),
                      max_chars=MAX_URL_VALUE_CHARS, **common)


def gesture_editor(scenario: Scenario) -> None:
    """Pick gestures from the catalogue and a day for each; writes the bound `gestures` text.

    The picker's chips use the short timeline names (a full label is cut in a sidebar chip), and the day
    sliders keep the catalogue's order: in day order, a slider dragged past another would jump under the
    pointer."""
    catalogue = load_gestures()
    order = {g.id: i for i, g in enumerate(catalogue.gestures)}
    chips = {g.id: f"{(g.mark or g.label).capitalize()} ({g.sender.upper()})" for g in catalogue.gestures}
    labels = {g.id: f"{g.label} ({g.sender.upper()})" for g in catalogue.gestures}
    first = {g.id: g for g in reversed(scenario.gestures)}  # the earliest offer of each id
    repeats = tuple((g.id, g.day) for g in scenario.gestures if first[g.id] is not g)
    shown = sorted(first, key=order.__getitem__)
    st.session_state["_gesture_pick"] = shown
    st.multiselect("Gestures to make", list(labels), format_func=chips.__getitem__, key="_gesture_pick",
                   on_change=_compose_gestures, args=(repeats,), placeholder="Choose gestures from the catalogue",
                   help="Gestures from the catalogue; an accepted gesture may be answered by its reciprocal gift. "
                        "To repeat one on later days (a GRIT series), write id@day,id@day in the gestures text. "
                        + " ".join(f"{chips[i]}: {labels[i]}." for i in labels))
    for gid in shown:
        g = first[gid]
        key = f"_gesture_day_{gid}"
        st.session_state[key] = g.day
        st.slider(f"Day of {labels[gid]}", 0, scenario.horizon_days - 1, key=key, on_change=_compose_gestures,
                  args=(repeats,))
    for gid in dict.fromkeys(rid for rid, _ in repeats):
        days = ", ".join(str(day) for rid, day in repeats if rid == gid)
        st.caption(f"{labels[gid]} again on day {days} (a series; edit these days in the gestures text)")


def schedule_editor(name: str, scenario: Scenario) -> None:
    """The level's slider and an optional "then ... from day ..." step; they write the bound schedule text."""
    spec = specs()[name]
    schedule: Schedule = getattr(scenario, name)
    horizon = scenario.horizon_days
    then_level, then_day = schedule.steps[1] if len(schedule.steps) > 1 else \
        (DEFAULT_STEP[0], min(DEFAULT_STEP[1], horizon - 1))
    later = schedule.steps[2:]
    st.session_state[f"_level_{name}"] = schedule.first
    st.session_state[f"_then_{name}"] = len(schedule.steps) > 1
    st.session_state[f"_then_level_{name}"] = then_level
    st.session_state[f"_then_day_{name}"] = then_day
    decimals = max(0, -math.floor(math.log10(float(spec.step))))
    common = dict(on_change=_compose_schedule, args=(name, later))
    st.slider(spec.label, float(spec.min), float(spec.max), step=float(spec.step), format=f"%.{decimals}f",
              key=f"_level_{name}", help=_help(spec), **common)
    if not st.toggle(f"Then change {spec.label} from a later day", key=f"_then_{name}", **common,
                     help="A schedule: the level above holds from day 0; this step replaces it from the day you pick "
                          f"(written {schedule.first:g},{then_level:g}@{then_day} in links and --set)."):
        return
    left, right = st.columns(2)
    left.slider(f"then {spec.label}", float(spec.min), float(spec.max), step=float(spec.step),
                format=f"%.{decimals}f", key=f"_then_level_{name}", **common)
    right.slider("from day", 1, horizon - 1, key=f"_then_day_{name}", **common)
    if later:
        st.caption(f"and then {', '.join(f'{level:g} from day {day}' for level, day in later)} "
                   "(edit these steps as link text)")


def editor(name: str, scenario: Scenario) -> None:
    """The friendly editor of a text-bound lever, by its kind."""
    kind = specs()[name].kind
    if kind == "gestures":
        gesture_editor(scenario)
    else:
        (schedule_editor if kind == "schedule" else ids_editor)(name, scenario)


def ids_editor(name: str, scenario: Scenario) -> None:
    """Pick channels or actors by label; writes the bound id list."""
    options = channel_labels() if name == "closed_channels" else actor_labels()
    key = f"_pick_{name}"
    st.session_state[key] = list(getattr(scenario, name))
    st.multiselect(specs()[name].label, list(options), format_func=options.__getitem__, key=key,
                   on_change=_compose_ids, args=(name,), help=specs()[name].help)


def channel_labels() -> dict[str, str]:
    names = {a.id: a.label for a in load_actors()}
    return {c.id: f"{names[c.source]} – {names[c.target]} ({c.type})" for c in load_channels()}


def actor_labels() -> dict[str, str]:
    return {a.id: a.label for a in load_actors() if a.id in mutable_actors()}


def network_toggles(scenario: Scenario, columns: int = 2) -> None:
    """Toggles that open or close each channel and bring in or mute each actor; they write the bound levers."""
    _id_toggles("**Channels** (on = open)", channel_labels(), "closed_channels", scenario.closed_channels, "_open_",
                columns)
    _id_toggles("**Actors** (on = taking part)", actor_labels(), "muted_actors", scenario.muted_actors, "_active_",
                columns)


def _id_toggles(heading: str, labels: dict[str, str], field: str, off: tuple[str, ...], prefix: str,
                columns: int) -> None:
    st.markdown(heading)
    cols = st.columns(columns)
    for i, (item, label) in enumerate(labels.items()):
        key = f"{prefix}{item}"
        st.session_state[key] = item not in off
        cols[i % columns].toggle(label, key=key, on_change=_toggle_id, args=(field, item, key, False))
