"""Paired differences under common random numbers, with the standard error of the *paired* difference.

Two scenarios run at one seed see the same incidents and noise, so their difference is far less noisy than two
independent samples. Its standard error is estimated by batches: the runs are split over `batches` seeds derived
from the scenario's seed, both scenarios run at each, and the spread of the per-seed differences gives the error.
"""

from __future__ import annotations

import math
import statistics

import numpy as np

from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.scenario import RUNS_FIELD, Scenario, lever_specs

BATCHES = 8


def paired_difference(a: Scenario, b: Scenario, batches: int = BATCHES) -> tuple[float, float]:
    """The mean and the standard error of p(b) - p(a) over `batches` common seeds (runs split between them)."""
    runs = max(int(lever_specs()[RUNS_FIELD].min), a.runs // batches)
    seeds = np.random.SeedSequence(a.seed).generate_state(batches, dtype=np.uint32)
    diffs = []
    for seed in seeds:
        update = {RUNS_FIELD: runs, "seed": int(seed)}
        diffs.append(simulate(b.model_copy(update=update)).burst_probability
                     - simulate(a.model_copy(update=update)).burst_probability)
    return statistics.fmean(diffs), statistics.stdev(diffs) / math.sqrt(batches)
