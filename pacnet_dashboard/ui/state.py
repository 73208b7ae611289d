"""Session state the pages share: URL notices, the reconciled Scenario and bounded caches of the pure calls.

Streamlit drops invalid values of URL-bound widgets without a word, so on a session's first run the raw query
string is read *before* any widget binds to it and checked with the Scenario codec; every problem becomes a
visible notice that names the field and what is allowed, and the field falls back to its default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.analysis.discovery import PAGE_PARAMS, DiscoveryMap, discovery_map, map_base, page_param_problems
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.model.network import NetworkMetrics, network_metrics
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.analysis.removal import RemovalEffects, simulate_removals
from pacnet_dashboard.report.brief import baseline_for
from pacnet_dashboard.scenario import (LeverSpec, Scenario, ScenarioError, ScenarioFile, bundled, bundled_names,
                                       encode_value, from_strings, lever_specs)
from pacnet_dashboard.analysis.sensitivity import SensitivityResult, TornadoRow, neutral_base, tornado
from pacnet_dashboard.analysis.sensitivity import sensitivity as global_sensitivity

VERSION_PARAM = "v"
MAX_URL_VALUE_CHARS = 400
# The History page's event filters live in the link too; ui/history_view.py checks their values on that page,
# and the Explore page checks its own settings against what its widgets show.
HISTORY_FILTER_PARAMS = ("hist_direction", "hist_actor")
IGNORED_PARAMS = frozenset({"embed", "embed_options", VERSION_PARAM, *HISTORY_FILTER_PARAMS, *PAGE_PARAMS})
NOTICES_KEY = "_notices"
_URL_CHECKED = "_url_checked"
_SCENARIO = "_scenario"
_URL_BAD = "_url_bad"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


@st.cache_resource(show_spinner=False)
def specs() -> dict[str, LeverSpec]:
    """The schema's lever specs, built once per process (read-only)."""
    return lever_specs()


@st.cache_resource(max_entries=16, show_spinner=False)
def bundled_doc(name: str) -> ScenarioFile:
    """A bundled scenario file, read and validated once per process."""
    return bundled(name)


@dataclass(frozen=True)
class Notice:
    kind: str  # "warning" or "info"
    text: str


def escape_markdown(text: str, limit: int = 240) -> str:
    """Make untrusted text inert in Streamlit markdown (no links, HTML, LaTeX or emphasis) and bound its length."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MD_SPECIAL.sub(r"\\\1", text)


def add_notice(kind: str, text: str, field: str | None = None) -> None:
    """Record a notice; with `field`, that lever also falls back to its default on this run."""
    if field is not None:
        st.session_state.setdefault(_URL_BAD, set()).add(field)
    notices: list[Notice] = st.session_state.setdefault(NOTICES_KEY, [])
    if all(n.text != text for n in notices):
        notices.append(Notice(kind, text))


def take_url_fallbacks() -> set[str]:
    """The levers whose link value was refused on this session's first run (once)."""
    return st.session_state.pop(_URL_BAD, set())


def clear_notices() -> None:
    st.session_state[NOTICES_KEY] = []


def problem_text(exc: ScenarioError, default: str) -> str:
    """A notice for a refused value: the lever's label and field, what is allowed, and the fallback used."""
    spec = specs().get(exc.field)
    name = f"{spec.label} ({exc.field})" if spec else exc.field
    detail = str(exc).removeprefix(f"{exc.field}: ")
    return f"{name}: {detail}. Using the default ({default or 'none'}) instead."


def check_url_once() -> None:
    """On a session's first run, validate the raw query string and record a notice for every problem."""
    if st.session_state.get(_URL_CHECKED):
        return
    st.session_state[_URL_CHECKED] = True
    levers = specs()
    default = Scenario()
    version = st.query_params.get_all(VERSION_PARAM)
    if version and version[-1] != MODEL_VERSION:
        add_notice("info", f"This link was made with model version {version[-1][:20]}; this is version "
                           f"{MODEL_VERSION}. The levers are the same, but the numbers may differ from when it was shared.")
    good: dict[str, str] = {}
    for key in list(st.query_params):
        values = st.query_params.get_all(key)
        if key in IGNORED_PARAMS:
            continue
        if key not in levers:
            add_notice("warning", f"The link setting '{key[:40]}' is not a lever and was ignored. "
                                  f"Levers: {', '.join(levers)}.")
            continue
        fallback = _default_text(default, key)
        if len(values) > 1:
            add_notice("warning", f"{levers[key].label} ({key}) appears {len(values)} times in the link; a link holds "
                                  f"one value. Using the default ({fallback or 'none'}) instead.", key)
            continue
        text = values[0]
        if text.strip() == "" and levers[key].kind in ("float", "int"):
            add_notice("warning", f"{levers[key].label} ({key}) is empty in the link; allowed: "
                                  f"{levers[key].allowed()}. Using the default ({fallback}) instead.", key)
            continue
        if len(text) > MAX_URL_VALUE_CHARS:
            add_notice("warning", f"{levers[key].label} ({key}) is {len(text):,} characters long in the link; at most "
                                  f"{MAX_URL_VALUE_CHARS} are allowed. Using the default ({fallback or 'none'}) instead.", key)
            continue
        try:
            from_strings({key: text})
        except ScenarioError as exc:
            if not (key == "gestures" and "beyond the horizon" in str(exc)):
                add_notice("warning", problem_text(exc, fallback), key)
                continue
        good[key] = text
    if "gestures" in good:
        both = {k: good[k] for k in ("horizon_days", "gestures") if k in good}
        try:
            from_strings(both)
        except ScenarioError as exc:
            detail = str(exc).removeprefix("gestures: ")
            add_notice("info", f"Gestures (gestures): {detail}; it is moved to the horizon's last day.")
    for key in (k for k in good if levers[k].kind == "schedule" and "horizon_days" in good):
        try:
            from_strings({"horizon_days": good["horizon_days"], key: good[key]})
        except ScenarioError as exc:
            detail = str(exc).removeprefix(f"{key}: ").partition("; allowed")[0]
            add_notice("info", f"{levers[key].label} ({key}): {detail}; the steps beyond it are dropped.")


def _default_text(default: Scenario, name: str) -> str:
    return encode_value(default, name)


def show_notices() -> None:
    """Every pending notice, escaped, with a button to dismiss them."""
    notices: list[Notice] = st.session_state.get(NOTICES_KEY, [])
    if not notices:
        return
    for n in notices:
        (st.warning if n.kind == "warning" else st.info)(escape_markdown(n.text, limit=600),
                                                         icon=":material/warning:" if n.kind == "warning" else ":material/info:")
    st.button("Dismiss these notices", on_click=clear_notices, key="_dismiss_notices", type="tertiary")


def set_scenario(scenario: Scenario) -> None:
    st.session_state[_SCENARIO] = scenario


def current_scenario() -> Scenario:
    """The Scenario the sidebar built on this run (the defaults if a page runs on its own, as in tests)."""
    return st.session_state.get(_SCENARIO) or Scenario()


def scenario_name(scenario: Scenario) -> tuple[str, str]:
    """The title and description of the bundled scenario this one matches, or a custom title."""
    for name in bundled_names():
        doc = bundled_doc(name)
        if doc.scenario == scenario:
            return doc.title, doc.description
        if doc.scenario.model_copy(update={"seed": scenario.seed, "runs": scenario.runs}) == scenario:
            return f"{doc.title} (seed {scenario.seed}, {scenario.runs:,} runs)", doc.description
    return "Custom scenario", "Levers set by hand in the sidebar or by the link."


@st.cache_resource(max_entries=64, show_spinner=False)
def _simulate_key(key: str) -> Result:
    return simulate(Scenario.model_validate_json(key))


def simulate_cached(scenario: Scenario) -> Result:
    """simulate(), cached on the normalised scenario (its canonical JSON); at most 64 results are kept."""
    return _simulate_key(scenario.model_dump_json())


def baseline_result(scenario: Scenario) -> Result:
    """The bundled baseline at the scenario's seed, runs and horizon (common random numbers)."""
    return simulate_cached(baseline_for(scenario))


@st.cache_resource(max_entries=16, show_spinner=False)
def _tornado_key(key: str) -> tuple[float, list[TornadoRow]]:
    return tornado(Scenario.model_validate_json(key))


def tornado_cached(scenario: Scenario) -> tuple[float, list[TornadoRow]]:
    return _tornado_key(scenario.model_dump_json())


@st.cache_resource(max_entries=32, show_spinner=False)
def _network_key(key: str) -> NetworkMetrics:
    return network_metrics(Scenario.model_validate_json(key))


def network_metrics_cached(scenario: Scenario) -> NetworkMetrics:
    return _network_key(scenario.model_dump_json())


@st.cache_resource(max_entries=16, show_spinner="Simulating each removal…")
def _removals_key(key: str) -> RemovalEffects:
    return simulate_removals(Scenario.model_validate_json(key))


def removals_cached(scenario: Scenario) -> RemovalEffects:
    return _removals_key(scenario.model_dump_json())


def p_ref() -> float:
    return default_parameters().p_ref


# ---- Explore page: its link settings and its cached analyses ------------------------------------------------


def explore_param_notices_once() -> None:
    """On the first run of the Explore page, a notice for each of its link settings that is refused."""
    if st.session_state.get("_explore_checked"):
        return
    st.session_state["_explore_checked"] = True
    query = {key: st.query_params.get_all(key) for key in PAGE_PARAMS}
    for key, problem in page_param_problems(query).items():
        st.warning(escape_markdown(f"The link setting {key}: {problem}. Using the default instead.", limit=400),
                   icon=":material/warning:")


@st.cache_resource(max_entries=16, show_spinner=False)
def _map_key(key: str, x: str, y: str, n: int) -> DiscoveryMap:
    return discovery_map(Scenario.model_validate_json(key), x=x, y=y, nx=n, ny=n)


def discovery_map_cached(scenario: Scenario, x: str, y: str, n: int) -> DiscoveryMap:
    """The map, cached on what it depends on (`map_base`): moving an axis lever or the runs reuses it."""
    return _map_key(map_base(scenario, x, y).model_dump_json(), x, y, n)


@st.cache_resource(max_entries=8, show_spinner=False)
def _global_sensitivity_key(key: str, include_parameters: bool) -> SensitivityResult:
    return global_sensitivity(Scenario.model_validate_json(key), include_parameters=include_parameters)


def global_sensitivity_cached(scenario: Scenario, include_parameters: bool) -> SensitivityResult:
    """Morris indices, cached on `neutral_base`: the levers it varies do not change the answer."""
    return _global_sensitivity_key(neutral_base(scenario).model_dump_json(), include_parameters)
