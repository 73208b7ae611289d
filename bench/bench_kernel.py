"""Simulation kernel throughput in run-days per second (one process), median of several runs, with peak memory."""

from __future__ import annotations

import statistics
import time
import tracemalloc

from pacnet_dashboard.model.simulate import drive_for, run_kernel
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.scenario import bundled

TARGET = 25e6


def _measure(runs: int, repeats: int) -> tuple[float, float]:
    scenario = bundled("full_package").scenario.model_copy(update={"runs": runs, "horizon_days": 365})
    drive, params = drive_for(scenario), default_parameters()
    run_kernel(drive, params)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run_kernel(drive, params)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    run_kernel(drive, params)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak


def run() -> list[str]:
    lines = []
    for runs, repeats in ((1_000, 15), (10_000, 7), (100_000, 5)):
        median, peak = _measure(runs, repeats)
        rate = runs * 365 / median
        verdict = "meets" if rate >= TARGET else "below"
        lines.append(f"{runs:>7,} runs x 365 days: median {median * 1000:8.1f} ms, {rate / 1e6:6.1f} M run-days/s "
                     f"({verdict} the 25 M target), peak memory {peak / 2**20:6.1f} MiB")
    return lines
