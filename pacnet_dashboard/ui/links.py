"""The shared link: the levers' URL codec and notices, and one checker for the pages' own link settings.

Streamlit drops invalid values of URL-bound widgets without a word, so on a session's first run the raw query
string is read *before* any widget binds to it and checked with the Scenario codec; every problem becomes a
visible notice that names the field and what is allowed, and the field falls back to its default.

A page with settings of its own in the link (History's filters, Explore's map axes) declares each one with
`link_setting` when its view module is imported, and checks them with `check_page_settings`; the lever check
leaves every declared key alone, so no list of keys to ignore is kept by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st
from streamlit.runtime.state.query_params import (CLIENT_STATE_QUERY_STRING_MAX_FIELDS,
                                                  CLIENT_STATE_QUERY_STRING_MAX_LENGTH)

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.io.errors import BeyondHorizonError, ScenarioError
from pacnet_dashboard.io.text import inert
from pacnet_dashboard.scenario import ASSUMPTION_PREFIX, Scenario, encode_value, field_names, from_strings, to_strings
from pacnet_dashboard.ui.cache import specs
from pacnet_dashboard.ui.notices import add_notice, pending_texts, show_warning

VERSION_PARAM = "v"
STREAMLIT_PARAMS = ("embed", "embed_options")
"""Keys that Streamlit itself reads from the link."""
DROPPED_PARAM = "_link_dropped"
"""Put in place of a query string that Streamlit ignored whole for being too long (see `note_dropped_links`)."""
UNKNOWN_SHOWN = 3
MAX_URL_VALUE_CHARS = 400
_URL_CHECKED = "_url_checked"
_URL_BAD = "_url_bad"
_URL_KEPT = "_url_kept"


@dataclass(frozen=True)
class LinkSetting:
    """A page's own setting in the link: the values it may hold, what is used instead, and old spellings."""

    key: str
    label: str
    choices: Callable[[], Sequence[str]]
    fallback: str
    repeatable: bool = False
    aliases: Callable[[], Mapping[str, str]] | None = None


_PAGE_SETTINGS: dict[str, LinkSetting] = {}


def link_setting(key: str, label: str, choices: Callable[[], Sequence[str]], fallback: str, *,
                 repeatable: bool = False, aliases: Callable[[], Mapping[str, str]] | None = None) -> LinkSetting:
    """Declare a page's link setting; its key must not be a lever's, nor another page's."""
    setting = LinkSetting(key, label, choices, fallback, repeatable, aliases)
    if key in Scenario.model_fields or key in (VERSION_PARAM, *STREAMLIT_PARAMS):
        raise ValueError(f"link setting {key!r} would shadow a lever or a key of the link itself")
    known = _PAGE_SETTINGS.get(key)
    if known is not None and (known.label, known.fallback) != (label, fallback):
        raise ValueError(f"link setting {key!r} is declared twice")
    _PAGE_SETTINGS[key] = setting
    return setting


def page_setting_keys() -> frozenset[str]:
    return frozenset(_PAGE_SETTINGS)


def setting_problems(setting: LinkSetting, values: Sequence[str]) -> tuple[list[str], str | None]:
    """What is wrong with a setting's link values (notices), and the choice an old spelling stands for."""
    choices = tuple(setting.choices())
    name = f"{setting.label} ({setting.key})"
    default = f"Using the default ({setting.fallback}) instead."
    if not setting.repeatable and len(values) > 1:
        return [f"{name} appears {len(values)} times in the link; a link holds one value. {default}"], None
    aliases = setting.aliases() if setting.aliases else {}
    if not setting.repeatable and values and values[0] in aliases and aliases[values[0]] in choices:
        new = aliases[values[0]]
        return [f"{name}: the link names '{inert(values[0], 40)}' by its old label; links now hold '{new}'. "
                f"Using {new}."], new
    bad = [v for v in values if v and v not in choices]
    if not bad:
        return [], None
    kept = [v for v in dict.fromkeys(values) if v in choices]
    shown = ", ".join(f"'{inert(v, 40)}'" for v in bad[:3]) + (f" and {len(bad) - 3} more" if len(bad) > 3 else "")
    then = f"Keeping {', '.join(kept)}." if kept else default
    verb = "is" if len(bad) == 1 else "are"
    return [f"{name}: {shown} {verb} not allowed in the link; allowed: {', '.join(choices)}. {then}"], None


def check_page_settings(settings: Sequence[LinkSetting]) -> None:
    """Check a page's link settings on every run: a new problem shows here at once and joins the page-top
    notices for the next runs, until dismissed; an old spelling is rewritten to the value it stands for."""
    known = pending_texts()
    for setting in settings:
        problems, rewrite = setting_problems(setting, st.query_params.get_all(setting.key))
        if rewrite is not None:
            st.query_params[setting.key] = rewrite
        for text in problems:
            if text not in known:
                show_warning(text)
            add_notice("warning", text)


def _write_link(key: str, default: str) -> None:
    value = st.session_state.get(key)
    if value is None or value == default:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = value


def linked_selectbox(where: Any, setting: LinkSetting, label: str, default: str,
                     format_func: Callable[[str], str], help: str) -> str:
    """A selectbox that shows labels but keeps the value itself in the link (a bound widget would write the
    label): read once from the link (already checked by `check_page_settings`), written back on each change."""
    options = list(setting.choices())
    if setting.key not in st.session_state:
        linked = st.query_params.get(setting.key)
        st.session_state[setting.key] = linked if linked in options else default
        if linked is not None and linked not in options:
            st.query_params.pop(setting.key, None)
    return where.selectbox(label, options, key=setting.key, format_func=format_func, help=help,
                           on_change=_write_link, args=(setting.key, default))


def refuse_lever(field: str, text: str) -> None:
    """A notice for a lever's refused link value; the lever falls back to its default on this run, and the value
    leaves the link before any widget binds to it (Streamlit's own binding would fail on some, such as huge numbers)."""
    st.session_state.setdefault(_URL_BAD, set()).add(field)
    _drop_from_link(field)
    add_notice("warning", text)


def _drop_from_link(key: str) -> None:
    """Remove a refused value from the link, and from the first-load copy that Streamlit seeds bound widgets from:
    its number widgets raise an OverflowError it does not catch on values such as 1e999 (Streamlit 1.67)."""
    from streamlit.runtime.state.session_state_proxy import get_session_state

    st.query_params.pop(key, None)
    with get_session_state().query_params() as params:
        getattr(params, "_initial_query_params", {}).pop(key, None)


def take_url_fallbacks() -> set[str]:
    """The levers whose link value was refused on this session's first run (once)."""
    return st.session_state.pop(_URL_BAD, set())


def take_url_kept() -> dict[str, str]:
    """The list levers whose link value lost some bad items on this session's first run: the items kept (once)."""
    return st.session_state.pop(_URL_KEPT, {})


def problem_text(exc: ScenarioError, default: str) -> str:
    """A notice for a refused value: the lever's label and field, what is allowed, and the fallback used."""
    spec = specs().get(exc.field)
    name = f"{spec.label} ({exc.field})" if spec else exc.field
    return f"{name}: {exc.detail}. Using the default ({default or 'none'}) instead."


def check_url_once() -> dict[str, str]:
    """On a session's first run, validate the raw query string and record a notice for every problem; return the
    levers it sets well (nothing on later runs)."""
    if st.session_state.get(_URL_CHECKED):
        return {}
    st.session_state[_URL_CHECKED] = True
    levers = specs()
    default = Scenario()
    version = st.query_params.get_all(VERSION_PARAM)
    if version and version[-1] != MODEL_VERSION:
        add_notice("info", f"This link was made with model version {inert(version[-1], 20)}; this is version "
                           f"{MODEL_VERSION}. The levers are the same, but the numbers may differ from when it was "
                           "shared.")
    _dropped_link_notice()
    ignored = {VERSION_PARAM, DROPPED_PARAM, *STREAMLIT_PARAMS, *page_setting_keys()}
    good: dict[str, str] = {}
    unknown: list[str] = []
    for key in list(st.query_params):
        values = st.query_params.get_all(key)
        if key in ignored:
            continue
        if key.startswith(ASSUMPTION_PREFIX) and key not in levers:
            _refuse_assumption(key, values[-1])
            continue
        if key not in levers:
            unknown.append(key)
            continue
        fallback = encode_value(default, key)
        if len(values) > 1:
            refuse_lever(key, f"{levers[key].label} ({key}) appears {len(values)} times in the link; a link holds "
                              f"one value. Using the default ({fallback or 'none'}) instead.")
            continue
        text = values[0]
        if text.strip() == "" and levers[key].kind in ("float", "int"):
            refuse_lever(key, f"{levers[key].label} ({key}) is empty in the link; allowed: "
                              f"{levers[key].allowed()}. Using the default ({fallback}) instead.")
            continue
        if len(text) > MAX_URL_VALUE_CHARS:
            refuse_lever(key, f"{levers[key].label} ({key}) is {len(text):,} characters long in the link; at most "
                              f"{MAX_URL_VALUE_CHARS} are allowed. Using the default ({fallback or 'none'}) instead.")
            continue
        try:
            from_strings({key: text})
        except BeyondHorizonError:
            pass  # checked below against the link's own horizon: a gesture moves to its last day, a step is dropped
        except ScenarioError as exc:
            kept = _keep_good_items(key, text) if levers[key].kind in LIST_KINDS else None
            if kept is None:
                refuse_lever(key, problem_text(exc, fallback))
                continue
            text = kept
        good[key] = text
    _say_what_the_link_sets(good)
    if unknown:
        add_notice("warning", unknown_settings_text(unknown, field_names()))
    horizon = {"horizon_days": good["horizon_days"]} if "horizon_days" in good else {}
    for key in (k for k in good if k == "gestures" or levers[k].kind == "schedule"):
        try:
            from_strings({**horizon, key: good[key]})
        except BeyondHorizonError as exc:
            then = "it is moved to the horizon's last day" if key == "gestures" else "the steps beyond it are dropped"
            add_notice("info", f"{levers[key].label} ({key}): {exc.problem}; {then}.")
    return good


LIST_KINDS = ("gestures", "ids")


def _refuse_assumption(key: str, text: str) -> None:
    """`assumptions.NAME` for a NAME that is no judgement parameter (the calibrated skin strength, say): a notice
    that says why, rather than the one for unknown settings."""
    try:
        from_strings({key: text})
    except ScenarioError as exc:
        add_notice("warning", f"{inert(exc.field, 60)}: {exc.detail}. The link's value is ignored.")


def _keep_good_items(key: str, text: str) -> str | None:
    """A list lever with some bad items: drop only those, each with its notice, and keep the rest in the link.
    None when no item is good or the good ones are still refused together (a repeated id, say)."""
    items = [i.strip() for i in text.split(",") if i.strip()]
    kept, dropped, label = [], [], specs()[key].label
    for item in items:
        try:
            from_strings({key: item})
        except BeyondHorizonError:
            kept.append(item)
        except ScenarioError as exc:
            dropped.append((item, exc.detail))
        else:
            kept.append(item)
    joined = ",".join(kept)
    try:
        from_strings({key: joined})
    except BeyondHorizonError:
        pass
    except ScenarioError:
        return None
    if not kept:
        return None  # the caller's one notice for the whole field says it; no notice per item as well
    for item, detail in dropped:
        add_notice("warning", f"{label} ({key}): the item '{item[:40]}' was dropped: {detail}. "
                              "The other items are kept.")
    st.session_state.setdefault(_URL_KEPT, {})[key] = joined  # the sidebar uses it; its widget is then corrected
    return joined


def _say_what_the_link_sets(good: dict[str, str]) -> None:
    """On arrival by a link with levers, one line naming what it sets (so the room knows what it is seeing)."""
    levers = specs()
    shown = [f"{levers[k].label} {v}" for k, v in good.items() if k in levers]
    if shown:
        add_notice("info", "This link sets " + "; ".join(shown) + ". Everything else is at its default.")


def unknown_settings_text(keys: Sequence[str], levers: Sequence[str]) -> str:
    """One notice for every key of the link that nothing reads: how many, the first few (inert), and the levers."""
    shown = ", ".join(f"'{inert(k, 40)}'" for k in keys[:UNKNOWN_SHOWN])
    more = f" and {len(keys) - UNKNOWN_SHOWN:,} more" if len(keys) > UNKNOWN_SHOWN else ""
    noun = "setting" if len(keys) == 1 else "settings"
    return f"{len(keys):,} unknown link {noun} ignored: {shown}{more}. Levers: {', '.join(levers)}."


def _dropped_link_notice() -> None:
    values = st.query_params.get_all(DROPPED_PARAM)
    if not values:
        return
    fields, _, chars = values[-1].partition(":")
    add_notice("warning", f"This link was too long to read: it holds {inert(fields, 12)} settings in "
                          f"{inert(chars, 12)} characters, and a link may hold at most "
                          f"{CLIENT_STATE_QUERY_STRING_MAX_FIELDS:,} settings in "
                          f"{CLIENT_STATE_QUERY_STRING_MAX_LENGTH:,} characters. Nothing in it was used: every lever "
                          "starts at its default.")
    st.query_params.pop(DROPPED_PARAM, None)


def note_dropped_links() -> None:
    """Make a query string that Streamlit ignores whole (past 1,000 parameters or 512 Ki characters) visible.

    Streamlit's server replaces such a query string with an empty one before the script runs, so the app could
    not tell a dropped link from no link. Its sanitizer is wrapped (once per process) to hand the app a marker
    with the sizes instead, which `check_url_once` turns into a notice. The wrapper is installed when this module
    is first imported: `ui/serve.py` (what `make run` starts) imports it before the server starts; under a plain
    `streamlit run` only the very first session after a restart can miss the notice.
    """
    from streamlit.runtime import app_session

    original = app_session.sanitize_query_string
    if getattr(original, "marks_dropped_links", False):
        return

    def sanitize(query_string: str) -> str:
        kept = original(query_string)
        if query_string and not kept:
            return urlencode({DROPPED_PARAM: f"{query_string.count('&') + 1}:{len(query_string)}"})
        return kept

    sanitize.marks_dropped_links = True  # type: ignore[attr-defined]
    app_session.sanitize_query_string = sanitize


note_dropped_links()


def share_link(scenario: Scenario) -> str:
    """A link that carries every changed lever, the seed and the model version explicitly."""
    pairs = to_strings(scenario)
    pairs["seed"] = str(scenario.seed)
    pairs[VERSION_PARAM] = MODEL_VERSION
    return f"{app_root()}?{urlencode(pairs, safe=',@')}"


def app_root() -> str:
    """The app's own address without a page: a shared link opens on the Briefing, the default page."""
    url = urlsplit(st.context.url or "")
    base_path = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{url.scheme}://{url.netloc}/{base_path + '/' if base_path else ''}" if url.netloc else ""


def stamp_version() -> None:
    """Write the model version into the link, so a shared link says which model made its numbers."""
    if st.query_params.get(VERSION_PARAM) != MODEL_VERSION:
        st.query_params[VERSION_PARAM] = MODEL_VERSION
