"""Sweep throughput on Dask: scenarios per second at the default runs with 1 and 2 workers, and the speed-up."""

from __future__ import annotations

import os
import time

from pacnet_dashboard import sweep
from pacnet_dashboard.scenario import Scenario

VARY = ("dprk_rhetoric=0:10:6", "china_mediation=0:1:6")


def _warm(client) -> None:
    """Import the model and load the data on every worker, so the timing is of the sweep, not of imports."""
    client.run(sweep.run_sweep_serial, Scenario(runs=100, horizon_days=30), [{"dprk_rhetoric": 1.0}])


def _measure(base: Scenario, points: list[dict], workers: int) -> tuple[float, float, object]:
    from dask.distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster) as client:
        startup = time.perf_counter() - start
        _warm(client)
        start = time.perf_counter()
        frame = sweep.run_on_client(client, base, points)
        return time.perf_counter() - start, startup, frame


def run() -> list[str]:
    base = Scenario()
    points = sweep.design_points([sweep.parse_vary(v) for v in VARY])
    n = len(points)
    lines = [f"{n} scenarios x {base.runs:,} runs x {base.horizon_days} days (default runs), "
             f"{os.cpu_count()} cores; cluster start-up and worker imports are excluded"]
    start = time.perf_counter()
    serial = sweep.run_sweep_serial(base, points[:12])
    serial_rate = 12 / (time.perf_counter() - start)
    lines.append(f"no Dask, one process:  {serial_rate:6.2f} scenarios/s (first 12 scenarios)")
    rates, frames = {}, {}
    for workers in (1, 2):
        elapsed, startup, frames[workers] = _measure(base, points, workers)
        rates[workers] = n / elapsed
        lines.append(f"Dask, {workers} worker{'s' if workers > 1 else ' '}:       {rates[workers]:6.2f} scenarios/s "
                     f"({elapsed:5.1f} s; cluster start-up {startup:4.1f} s)")
    same = frames[1].equals(frames[2]) and frames[1].head(12).equals(serial)
    lines.append(f"speed-up 2 workers / 1 worker: {rates[2] / rates[1]:4.2f}x; identical results: {same}")
    return lines
