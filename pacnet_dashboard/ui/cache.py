"""The cached pure calls the pages share, and the compute budget in front of the heavy ones.

One module-level bounded cache (`cached`) keeps the answers for every session of the process. It is not
Streamlit's cache, so a `clear_cache` message from any websocket client cannot flush it. Calls with the same key
that arrive while the first is still computing wait for that answer instead of computing it again.

Heavy work (simulations above HEAVY_RUN_DAYS run-days, the map, the tornado, global sensitivity, removals)
passes a process-wide admission limit first: at most `Budget.slots` heavy computations run at once, at most
`Budget.queue` more wait, and each session has at most `Budget.per_session` waiting or running. A viewer over
the budget sees "busy, your result is queued" while it waits (or a notice to try again when the queue is full),
and the light pages of other viewers keep their pace. The three numbers come from the environment
(PACNET_HEAVY_SLOTS, PACNET_HEAVY_QUEUE, PACNET_HEAVY_PER_SESSION); README.md's deploying section explains them.

Cached objects are shared between sessions; a Result's arrays are read-only, so no page can change one.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from pacnet_dashboard.analysis.explain import Decomposition, explain
from pacnet_dashboard.analysis.discovery import DiscoveryMap, discovery_map, map_base
from pacnet_dashboard.analysis.removal import RemovalEffects, simulate_removals
from pacnet_dashboard.analysis.sensitivity import SensitivityResult, TornadoRow, neutral_base, tornado
from pacnet_dashboard.analysis.sensitivity import sensitivity as global_sensitivity
from pacnet_dashboard.history.replay import HistoryResult, evaluate, fitted_parameters
from pacnet_dashboard.io.data import load_events
from pacnet_dashboard.io.errors import InputError
from pacnet_dashboard.model.network import NetworkMetrics, network_metrics
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.scenario import (LeverSpec, Scenario, ScenarioFile, baseline_for, bundled, bundled_names,
                                       text_field_specs)

HEAVY_RUN_DAYS = 2_000_000
"""A simulation above this many runs times days counts as heavy (the default scenario is 730,000)."""
QUEUE_POLL_SECONDS = 0.25
NOTICE_REFRESH_SECONDS = 2.0
_R = TypeVar("_R")


def _env_int(name: str, default: int) -> int:
    text = os.environ.get(name, "")
    return int(text) if text.strip().isdigit() and int(text) > 0 else default


@dataclass
class Budget:
    """The process-wide admission limit in front of heavy work, with counts a test or an operator can read."""

    slots: int
    queue: int
    per_session: int
    running: int = 0
    waiting: int = 0
    admitted: int = 0
    queued: int = 0
    refused: int = 0
    most_running: int = 0
    _by_session: dict[str, int] = field(default_factory=dict)
    _lock: threading.Condition = field(default_factory=threading.Condition)

    @classmethod
    def from_environment(cls) -> Budget:
        """The budget set by PACNET_HEAVY_SLOTS (default: the cores less one, at least 1), PACNET_HEAVY_QUEUE
        (default 16) and PACNET_HEAVY_PER_SESSION (default 2)."""
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        return cls(slots=_env_int("PACNET_HEAVY_SLOTS", max(1, cores - 1)),
                   queue=_env_int("PACNET_HEAVY_QUEUE", 16), per_session=_env_int("PACNET_HEAVY_PER_SESSION", 2))

    @contextmanager
    def admit(self, session: str, on_wait: Callable[[int], None]) -> Iterator[None]:
        """Hold one heavy slot for the block; while none is free, call `on_wait(position)` now and then."""
        with self._lock:
            mine = self._by_session.get(session, 0)
            if mine >= self.per_session or (self.running >= self.slots and self.waiting >= self.queue):
                self.refused += 1
                raise BusyError("heavy", "the server is busy with other viewers' analyses; try again in a minute")
            self._by_session[session] = mine + 1
            self.waiting += 1
        try:
            waited = False
            while True:
                with self._lock:
                    if self.running < self.slots:
                        self.waiting -= 1
                        self.running += 1
                        self.admitted += 1
                        self.most_running = max(self.most_running, self.running)
                        break
                    position = self.waiting
                if not waited:
                    with self._lock:
                        self.queued += 1
                    waited = True
                on_wait(position)  # a Streamlit call: a viewer who leaves or reruns stops waiting here
                with self._lock:
                    self._lock.wait(QUEUE_POLL_SECONDS)
        except BaseException:
            with self._lock:
                self.waiting -= 1
                self._release_session(session)
            raise
        try:
            yield
        finally:
            with self._lock:
                self.running -= 1
                self._release_session(session)
                self._lock.notify_all()

    def _release_session(self, session: str) -> None:
        left = self._by_session.get(session, 1) - 1
        if left:
            self._by_session[session] = left
        else:
            self._by_session.pop(session, None)


class BusyError(InputError):
    """The compute budget is spent: the page shows a notice instead of the result and nothing is computed."""


BUDGET = Budget.from_environment()


class BoundedCache:
    """A least-recently-used map of at most `size` answers, shared by every session, with one computation per key."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._pending: dict[Any, threading.Event] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def has(self, key: Any) -> bool:
        """Whether the answer is kept or being computed."""
        with self._lock:
            return key in self._items or key in self._pending

    def clear(self) -> None:
        """Forget every answer (for tests and operators; no client message reaches this)."""
        with self._lock:
            self._items.clear()

    def get_or_compute(self, key: Any, compute: Callable[[], _R]) -> _R:
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    self.hits += 1
                    return self._items[key]
                pending = self._pending.get(key)
                if pending is None:
                    self._pending[key] = threading.Event()
                    self.misses += 1
                    break
            pending.wait()  # another session computes this answer; take it when it is there (or try again)
        try:
            value = compute()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._pending.pop(key).set()


CACHES: dict[str, BoundedCache] = {}


def _session_id() -> str:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else f"thread-{threading.get_ident()}"


def _queued_notice(what: str) -> Callable[[int], None]:
    """A placeholder that says the result is queued, kept up to date while the session waits for a slot."""
    slot = st.empty()
    started = time.monotonic()
    last: list[tuple[int, float]] = []

    def show(position: int) -> None:
        now = time.monotonic()
        if last and last[-1][0] == position and now - last[-1][1] < NOTICE_REFRESH_SECONDS:
            return  # each update is a message to the browser; a queue of viewers should not flood the server
        last.append((position, now))
        slot.info(f"Busy: other viewers' analyses are using the server. Your {what} is queued "
                  f"(number {position} in line, {now - started:.0f} s so far) and starts by itself.",
                  icon=":material/hourglass_top:")
    show.clear = slot.empty  # type: ignore[attr-defined]
    return show


def cached(size: int, *, heavy: bool | Callable[..., bool] = False,
           what: str = "result") -> Callable[[Callable[..., _R]], Callable[..., _R]]:
    """Cache a pure function of hashable arguments in one bounded, process-wide cache; with `heavy`, a miss passes
    the compute budget first (`heavy` may be a predicate of the arguments). Keyword arguments (a progress
    callback) reach the function on a miss but are no part of the key."""

    def decorate(fn: Callable[..., _R]) -> Callable[..., _R]:
        cache = CACHES.setdefault(fn.__qualname__, BoundedCache(size))

        @functools.wraps(fn)
        def wrapper(*args: Any, **hooks: Any) -> _R:
            def compute() -> _R:
                if not (heavy(*args) if callable(heavy) else heavy):
                    return fn(*args, **hooks)
                notice = _queued_notice(what)
                try:
                    with BUDGET.admit(_session_id(), notice):
                        notice.clear()
                        return fn(*args, **hooks)
                finally:
                    notice.clear()

            return cache.get_or_compute(args, compute)

        wrapper.cache = cache  # type: ignore[attr-defined]
        return wrapper

    return decorate


# ---- the cached calls ---------------------------------------------------------------------------------------

@cached(1)
def specs() -> dict[str, LeverSpec]:
    """Every field a widget and the link hold: the schema's levers and one `assumptions.NAME` per judgement
    parameter, built once per process (read-only)."""
    return text_field_specs()


@cached(1)
def bundled_catalogue() -> tuple[dict[str, ScenarioFile], tuple[str, ...]]:
    """Every bundled scenario file that loads, in picker order, and a notice for each that does not (naming its
    file): one bad file in data/scenarios/ is left out alone, and every page and other scenario keeps working."""
    docs: dict[str, ScenarioFile] = {}
    problems = []
    for name in bundled_names():
        try:
            docs[name] = bundled(name)
        except InputError as exc:
            problems.append(f"The bundled scenario file {name}.json cannot be used ({exc.field}: {exc.detail}); "
                            "it is left out of the picker.")
    return docs, tuple(problems)


def _heavy_simulation(key: str) -> bool:
    scenario = Scenario.model_validate_json(key)
    return scenario.runs * scenario.horizon_days > HEAVY_RUN_DAYS


@cached(64, heavy=_heavy_simulation, what="simulation")
def _simulate_key(key: str) -> Result:
    return simulate(Scenario.model_validate_json(key))


def simulate_cached(scenario: Scenario) -> Result:
    """simulate(), cached on the normalised scenario (its canonical JSON); at most 64 results are kept."""
    return _simulate_key(scenario.model_dump_json())


def start_simulation(scenario: Scenario) -> None:
    """Begin a light simulation in a background thread, so that the page's own call joins it instead of starting
    once the sidebar is drawn: the kernel and the sort release the GIL, so it overlaps the widgets' drawing. A
    heavy one is left to the page, which passes the compute budget and shows the queue; a failure is left for
    the page's own call to meet and report."""
    key = scenario.model_dump_json()
    if _heavy_simulation(key) or _simulate_key.cache.has((key,)):
        return

    def run() -> None:
        try:
            _simulate_key(key)
        except Exception:  # noqa: BLE001  (the page's call computes again and shows the error)
            pass

    threading.Thread(target=run, name="pacnet-early-simulation", daemon=True).start()


def baseline_result(scenario: Scenario) -> Result:
    """The bundled baseline at the scenario's seed, runs and horizon (common random numbers)."""
    return simulate_cached(baseline_for(scenario))


@cached(16, heavy=True, what="tornado chart")
def _tornado_key(key: str) -> tuple[float, list[TornadoRow]]:
    return tornado(Scenario.model_validate_json(key))


def tornado_cached(scenario: Scenario) -> tuple[float, list[TornadoRow]]:
    return _tornado_key(scenario.model_dump_json())


@cached(16, heavy=True, what="decomposition")
def _explain_key(key: str) -> Decomposition:
    return explain(Scenario.model_validate_json(key))


def explain_cached(scenario: Scenario) -> Decomposition:
    """The knock-out decomposition against the baseline (18 simulations), cached on the normalised scenario."""
    return _explain_key(scenario.model_dump_json())


@cached(32)
def _network_key(key: str) -> NetworkMetrics:
    return network_metrics(Scenario.model_validate_json(key))


def network_metrics_cached(scenario: Scenario) -> NetworkMetrics:
    return _network_key(scenario.model_dump_json())


@cached(16, heavy=True, what="removal effects")
def _removals_key(key: str) -> RemovalEffects:
    return simulate_removals(Scenario.model_validate_json(key))


def removals_cached(scenario: Scenario) -> RemovalEffects:
    with st.spinner("Simulating each removal…"):
        return _removals_key(scenario.model_dump_json())


@cached(16, heavy=True, what="map")
def _map_key(key: str, x: str, y: str, n: int, treatment: str, *,
             progress: Callable[[float, str], None] | None = None) -> DiscoveryMap:
    return discovery_map(Scenario.model_validate_json(key), x=x, y=y, nx=n, ny=n, treatment=treatment,
                         progress=progress)


def discovery_map_cached(scenario: Scenario, x: str, y: str, n: int, treatment: str) -> DiscoveryMap:
    """The map of adding `treatment` (id@day text), cached on what it depends on (`map_base` and the treatment):
    moving an axis lever or the runs reuses it. While it is computed, a progress bar counts the cells."""
    bar = st.empty()

    def progress(done: float, what: str) -> None:
        bar.progress(done, text=f"Simulating the map, with and without the gesture: {what}…")

    try:
        return _map_key(map_base(scenario, x, y, treatment=treatment).model_dump_json(), x, y, n, treatment,
                        progress=progress)
    finally:
        bar.empty()


@cached(8, heavy=True, what="sensitivity analysis")
def _global_sensitivity_key(key: str, include_parameters: bool) -> SensitivityResult:
    return global_sensitivity(Scenario.model_validate_json(key), include_parameters=include_parameters)


def global_sensitivity_cached(scenario: Scenario, include_parameters: bool) -> SensitivityResult:
    """Morris indices, cached on `neutral_base`: the levers it varies do not change the answer."""
    return _global_sensitivity_key(neutral_base(scenario).model_dump_json(), include_parameters)


@cached(2, heavy=True, what="replay")
def _replay_key(values: str) -> HistoryResult:
    params = fitted_parameters() if values == "fitted" else default_parameters()
    return evaluate(load_events(), params)


def replay_cached(values: str = "fitted") -> HistoryResult:
    """The replay scored against the observed index: with the fitted values of data/history_fit.csv (what the CLI
    and the figure show) or with the judgement values of data/parameters.csv. Never refits."""
    with st.spinner("Replaying the 2017-2019 record through the model…"):
        return _replay_key(values)
