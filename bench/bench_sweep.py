"""Sweep throughput on Dask: scenarios per second at the default runs with 1 and 2 workers, and the speed-up."""

from __future__ import annotations

import os
import statistics
import time

from pacnet_dashboard import sweep
from pacnet_dashboard.scenario import Scenario

VARY = ("dprk_rhetoric=0:10:6", "china_mediation=0:1:6")
REPEATS = 3


def _warm(client) -> None:
    """Import the model and load the data on every worker, so the timing is of the sweep, not of imports."""
    client.run(sweep.run_sweep_serial, Scenario(runs=100, horizon_days=30), [{"dprk_rhetoric": 1.0}])


def _measure(base: Scenario, points: list[dict], workers: int) -> tuple[float, float, object]:
    """Median seconds of REPEATS sweeps on one warmed cluster, the cluster's start-up time, and the results."""
    from dask.distributed import Client

    start = time.perf_counter()
    with sweep.local_cluster(workers) as cluster, Client(cluster) as client:
        startup = time.perf_counter() - start
        _warm(client)
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            frame = sweep.run_on_client(client, base, points)
            times.append(time.perf_counter() - start)
    return statistics.median(times), startup, frame


def run() -> list[str]:
    base = Scenario()
    points = sweep.design_points([sweep.parse_vary(v) for v in VARY])
    n = len(points)
    lines = [f"{n} scenarios x {base.runs:,} runs x {base.horizon_days} days (the default runs), "
             f"{os.cpu_count()} cores; median of {REPEATS} sweeps on a warmed cluster (start-up shown apart)"]
    start = time.perf_counter()
    serial = sweep.run_sweep_serial(base, points)
    serial_rate = n / (time.perf_counter() - start)
    lines.append(f"one process, no Dask: {serial_rate:6.2f} scenarios/s")
    rates, frames = {}, {}
    for workers in (1, 2):
        elapsed, startup, frames[workers] = _measure(base, points, workers)
        rates[workers] = n / elapsed
        lines.append(f"Dask, {workers} worker{'s' if workers > 1 else ' '}:     {rates[workers]:6.2f} scenarios/s "
                     f"({elapsed:4.1f} s a sweep; cluster start-up {startup:4.1f} s)")
    same = frames[1].equals(frames[2]) and frames[1].equals(serial)
    lines.append(f"speed-up, 2 workers over 1: {rates[2] / rates[1]:4.2f}x; identical results all three ways: {same}")
    return lines
