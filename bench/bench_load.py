"""A light viewer alone and beside 10 heavy viewers: lab-page reruns on a real server, driven by websocket clients.

The light viewer reruns the lab page at the default scenario (a cached result: what a viewer who moves a widget
and back waits for). Each heavy viewer opens Explore again and again with a fresh seed, so no cache helps it:
a map and a global sensitivity analysis each time. The budget is the server's default (PACNET_HEAVY_SLOTS etc.
from the environment, see README.md). Goal: the light viewer's median under load at most 2x its median alone.
"""

from __future__ import annotations

import itertools
import os
import statistics
import threading

from harness.browser import free_port, start_dashboard, stop
from harness.viewer import Viewer

HEAVY_VIEWERS = 10
SAMPLES = int(os.environ.get("PACNET_BENCH_SAMPLES", "15"))
GOAL_RATIO = 2.0
WARM_UP_SECONDS = 5.0


def _light_times(port: int, samples: int) -> list[float]:
    with Viewer(port) as viewer:
        viewer.open("lab", "seed=2017")  # the first run computes and fills the cache
        return [viewer.open("lab", "seed=2017").seconds for _ in range(samples)]


def _heavy(port: int, seeds: itertools.count, stop_event: threading.Event, shown: list[str]) -> None:
    while not stop_event.is_set():
        try:
            with Viewer(port) as viewer:
                visit = viewer.open("explore", f"seed={next(seeds)}", timeout=600)
            if any("Busy" in n for n in visit.notices):
                shown.append(visit.seconds)
        except (OSError, TimeoutError):
            return


def run() -> list[str]:
    port = free_port()
    proc = start_dashboard(port)
    try:
        alone = _light_times(port, SAMPLES)
        stop_event, shown = threading.Event(), []
        seeds = itertools.count(5_000_000)
        heavy = [threading.Thread(target=_heavy, args=(port, seeds, stop_event, shown), daemon=True)
                 for _ in range(HEAVY_VIEWERS)]
        for t in heavy:
            t.start()
        stop_event.wait(WARM_UP_SECONDS)  # let every heavy viewer start its first analysis
        loaded = _light_times(port, SAMPLES)
        stop_event.set()
        for t in heavy:
            t.join(60)
    finally:
        stop(proc)
    m_alone, m_loaded = statistics.median(alone), statistics.median(loaded)
    ratio = m_loaded / m_alone
    verdict = "meets" if ratio <= GOAL_RATIO else "misses"
    return [f"light viewer alone: median {1000 * m_alone:6.1f} ms over {len(alone)} lab reruns "
            f"(max {1000 * max(alone):.0f} ms)",
            f"light viewer with {HEAVY_VIEWERS} heavy Explore viewers: median {1000 * m_loaded:6.1f} ms "
            f"(max {1000 * max(loaded):.0f} ms), {ratio:.1f}x alone ({verdict} the {GOAL_RATIO:g}x goal)",
            f"heavy page views told they were queued or busy: {len(shown)} "
            f"({os.cpu_count()} cores; PACNET_HEAVY_SLOTS={os.environ.get('PACNET_HEAVY_SLOTS', 'default')})"]
