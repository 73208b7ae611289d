"""Long jobs are estimated before they start: how many simulations, and how long, from a quick calibration run.

A job whose estimate is above LONG_JOB_SECONDS needs `--yes`; without it the command exits 2 with the estimate,
before any of the work is done.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass

from pacnet_dashboard.cli.common import UsageError, say
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.scenario import Scenario

LONG_JOB_SECONDS = 300
CALIBRATION_RUNS = (200, 4000)
CALIBRATION_REPEATS = 2  # the fastest of two: a busy machine only ever slows a run down


def cores() -> int:
    """The cores this process may use (its CPU affinity), the most useful number of local workers."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _timed(scenario: Scenario) -> float:
    start = time.perf_counter()
    simulate(scenario)
    return time.perf_counter() - start


def calibrate(base: Scenario) -> tuple[float, float]:
    """Seconds per simulation and per run-day, from short runs of the base scenario at two sizes (after a warm-up).

    A simulation has a fixed part (the network, the set-up) and a part that grows with runs times days; two
    sizes separate them, so neither a few large nor many small simulations are misjudged.
    """
    small, large = (base.model_copy(update={"runs": runs}) for runs in CALIBRATION_RUNS)
    simulate(small)
    times = [min(_timed(probe) for _ in range(CALIBRATION_REPEATS)) for probe in (small, large)]
    run_days = [runs * base.horizon_days for runs in CALIBRATION_RUNS]
    per_run_day = max(0.0, (times[1] - times[0]) / (run_days[1] - run_days[0]))
    fixed = max(0.0, times[0] - per_run_day * run_days[0])
    if per_run_day == 0.0:  # a noisy machine: charge everything to the run-days
        per_run_day = times[1] / run_days[1]
    return fixed, per_run_day


@dataclass(frozen=True)
class Estimate:
    """A job's size and its expected wall time on `workers` processes."""

    simulations: int
    run_days: float
    seconds: float
    workers: int

    def text(self) -> str:
        on = f"{self.workers} workers" if self.workers > 1 else "one process"
        return (f"{self.simulations:,} simulations ({self.run_days:,.0f} run-days); "
                f"estimated {duration(self.seconds)} on {on}")


def duration(seconds: float) -> str:
    """A rough human duration: seconds, minutes, hours or days."""
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= 2 * size:
            return f"about {seconds / size:,.1f} {unit}"
    return f"about {max(1, round(seconds))} s"


def estimate(base: Scenario, sizes: Iterable[tuple[int, int]], workers: int) -> Estimate:
    """The estimate for simulations of the given (runs, horizon days), calibrated on the base scenario."""
    sizes = list(sizes)
    run_days = float(sum(runs * days for runs, days in sizes))
    fixed, per_run_day = calibrate(base)
    seconds = (len(sizes) * fixed + run_days * per_run_day) / max(1, workers)
    return Estimate(len(sizes), run_days, seconds, workers)


def confirm(what: str, job: Estimate, *, yes: bool, quiet: bool = False) -> None:
    """Print the estimate; refuse a long job without `--yes` (exit 2, before any work)."""
    if job.seconds > LONG_JOB_SECONDS and not yes:
        raise UsageError("--yes", f"this {what} is long: {job.text()}; above {duration(LONG_JOB_SECONDS)} a job "
                                  "needs --yes to start (or make it smaller)")
    if not quiet:
        say(f"{what}: {job.text()}")
