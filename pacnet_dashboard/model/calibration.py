"""Calibration of the skin strength theta to the late-2017 expert estimates of the chance of war.

Target: the `baseline` scenario's 365-day pop chance at the midpoint (35%) of the 20-50% band spanned by
Brennan (20-25%), Wit (40%) and Haass (about 50%), as reported by USA Today on 2017-12-30.
"""

from __future__ import annotations

from scipy.optimize import brentq

from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.model.parameters import Parameters, default_parameters
from pacnet_dashboard.scenario import bundled

EXPERT_BAND = (0.20, 0.50)
TARGET = 0.35
CALIBRATION_RUNS = 20_000


def baseline_pop_chance(params: Parameters, runs: int = CALIBRATION_RUNS) -> float:
    scenario = bundled("baseline").scenario.model_copy(update={"runs": runs, "horizon_days": 365})
    return simulate(scenario, params).burst_probability


def calibrate_theta(params: Parameters | None = None, target: float = TARGET) -> float:
    """The theta at which the baseline's 365-day pop chance equals the target (common random numbers make
    the pop chance a monotone function of theta, so a bracketing root finder converges)."""
    base = params or default_parameters()
    return brentq(lambda th: baseline_pop_chance(base.with_values(theta=th)) - target, 2.0, 40.0, xtol=1e-3)
