"""The compute budget under load, on a real server at 127.0.0.1 driven by small websocket clients: heavy viewers
queue behind the admission limit and are told so, a viewer over the budget gets a notice instead of slowing the
others, a light viewer never waits, and a client's clear_cache message does not flush the results.

Bounded in count (12 sessions at most) and time (each page run at most 300 s). It asserts what the viewers are
shown, never how long they wait (speed lives in bench/bench_load.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from harness.browser import free_port, start_dashboard, stop
from harness.viewer import Viewer, Visit

pytestmark = pytest.mark.apptest

HEAVY_VIEWERS = 10
BUDGET = {"PACNET_HEAVY_SLOTS": "1", "PACNET_HEAVY_QUEUE": "3", "PACNET_HEAVY_PER_SESSION": "2"}
HEAVY = "runs=100000&horizon_days=365"  # 36.5 million run-days: heavy, and long enough for the others to queue
QUEUED, BUSY = "is queued", "try again in a minute"


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    number = free_port()
    proc = start_dashboard(number, env=BUDGET)
    try:
        yield number
    finally:
        stop(proc)


def _visit(port: int, query: str, out: dict[str, Visit | BaseException], name: str) -> None:
    try:
        with Viewer(port) as viewer:
            out[name] = viewer.open("lab", query)
    except BaseException as exc:  # reported by the test with the viewer's name
        out[name] = exc


def _all(port: int, queries: dict[str, str]) -> dict[str, Visit]:
    out: dict[str, Visit | BaseException] = {}
    threads = [threading.Thread(target=_visit, args=(port, q, out, name), daemon=True) for name, q in queries.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    for name, visit in out.items():
        assert isinstance(visit, Visit) and visit.finished, (name, visit)
    return out  # type: ignore[return-value]


def test_heavy_viewers_queue_or_are_told_to_wait_and_a_light_viewer_is_served(port: int) -> None:
    heavy = {f"heavy{i}": f"{HEAVY}&seed={810_000 + i}" for i in range(HEAVY_VIEWERS)}
    visits = _all(port, {**heavy, "light": "seed=818181"})
    light = visits.pop("light")
    assert light.metrics == 3 and not light.says(QUEUED) and not light.says(BUSY)
    served = [v for v in visits.values() if v.metrics == 3]
    refused = [v for v in visits.values() if v.says(BUSY)]
    assert len(served) + len(refused) == HEAVY_VIEWERS  # each heavy viewer got its result or a clear notice
    assert served and any(v.says(QUEUED) for v in served)  # some waited in line, and were told so
    assert refused and all(v.metrics == 0 for v in refused)  # over the budget: nothing computed for them


def test_a_clear_cache_message_from_a_client_does_not_flush_the_results(port: int) -> None:
    warm = f"{HEAVY}&seed=828282"
    first = _all(port, {"a": warm})["a"]
    assert first.metrics == 3
    out: dict[str, Visit | BaseException] = {}
    long_job = threading.Thread(target=_visit, args=(port, "runs=100000&horizon_days=730&seed=838383", out, "b"))
    long_job.start()  # holds the one heavy slot for a while
    with Viewer(port) as attacker:
        attacker.open("lab", "seed=1")
        attacker.clear_cache()
    with Viewer(port) as again:
        second = again.open("lab", warm)
    long_job.join(600)
    # Had the message flushed the results, this viewer would have queued behind the long job for its result.
    assert second.metrics == 3 and not second.says(QUEUED) and not second.says(BUSY)
