"""Sweep throughput on Dask: scenarios per second at the default runs with 1 and 2 workers, and the speed-up."""

from __future__ import annotations

import os
import statistics
import time

from pacnet_dashboard.analysis import sweep
from pacnet_dashboard.scenario import Scenario

VARY = ("dprk_rhetoric=0:10:6", "china_mediation=0:1:6")
REPEATS = 3


def _warm(client) -> None:
    """Import the model and load the data on every worker, so the timing is of the sweep, not of imports."""
    client.run(sweep.run_sweep_serial, Scenario(runs=100, horizon_days=30), [{"dprk_rhetoric": 1.0}])


def _measure(base: Scenario, points: list[dict], workers: int) -> tuple[list[float], list[float], float, object]:
    """Sweep times on one warmed cluster, each next to a one-process run of the same points (so both see the same
    load on a shared machine), the cluster's start-up time, and the cluster's results."""
    from dask.distributed import Client

    start = time.perf_counter()
    with sweep.local_cluster(workers) as cluster, Client(cluster) as client:
        startup = time.perf_counter() - start
        _warm(client)
        dask_times, serial_times = [], []
        for _ in range(REPEATS):
            start = time.perf_counter()
            frame = sweep.run_on_client(client, base, points)
            dask_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            serial = sweep.run_sweep_serial(base, points)
            serial_times.append(time.perf_counter() - start)
    assert frame.equals(serial)
    return dask_times, serial_times, startup, frame


def run() -> list[str]:
    base = Scenario()
    points = sweep.design_points([sweep.parse_vary(v) for v in VARY])
    n = len(points)
    lines = [f"{n} scenarios x {base.runs:,} runs x {base.horizon_days} days (the default runs), "
             f"{os.cpu_count()} cores; medians of {REPEATS} sweeps on a warmed cluster, each next to a one-process run"]
    rates, frames, serial_times = {}, {}, []
    for workers in (1, 2):
        dask_times, serial, startup, frames[workers] = _measure(base, points, workers)
        serial_times += serial
        rates[workers] = n / statistics.median(dask_times)
        lines.append(f"Dask, {workers} worker{'s' if workers > 1 else ' '}:     {rates[workers]:6.2f} scenarios/s "
                     f"({statistics.median(dask_times):4.1f} s a sweep; cluster start-up {startup:4.1f} s)")
    lines.append(f"one process, no Dask: {n / statistics.median(serial_times):6.2f} scenarios/s")
    lines.append(f"speed-up, 2 workers over 1: {rates[2] / rates[1]:4.2f}x; identical results all three ways: "
                 f"{frames[1].equals(frames[2])}")
    return lines
