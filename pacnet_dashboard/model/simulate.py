"""The balloon model: Richardson hostility with misperception, a pressure balloon whose skin thins, incidents
that pop it, face for each leader, and gestures that release pressure when accepted.

`simulate(scenario)` turns a Scenario into the kernel's Drive (via the network), runs the kernel and returns
a Result: the one object behind the pages, the CLI and the brief. See the Method page for the equations.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.io.data import load_gestures
from pacnet_dashboard.model.kernel import Band, Drive, Offer, OfferOutcome, run_kernel
from pacnet_dashboard.model.network import build_network, conductance, effective_mediation, effective_support
from pacnet_dashboard.model.parameters import Parameters, parameters_for
from pacnet_dashboard.model.series import QUANTILES, SERIES
from pacnet_dashboard.scenario import Scenario, Schedule


@dataclass(frozen=True)
class GestureOutcome:
    id: str
    sender: str
    recipient: str
    day: int
    acceptance_probability: float
    reciprocation_probability: float
    answer_id: str | None
    answer_day: int | None
    answer_acceptance_probability: float | None


@dataclass(frozen=True)
class Result:
    """One scenario's simulation; `to_dict` gives the CLI's JSON contract."""

    scenario: Scenario
    conductance: float
    mediation: float
    support: float
    burst_by_day: np.ndarray
    bands: dict[str, Band]
    gestures: tuple[GestureOutcome, ...]
    mean_final: dict[str, float]
    popped: np.ndarray | None = field(default=None, repr=False)
    """One bool per run (popped by the horizon), for paired standard errors; None for results built elsewhere."""
    model_version: str = field(default=MODEL_VERSION)

    def __post_init__(self) -> None:
        """Read-only arrays: a cached Result is shared between sessions, so no caller may change it in place."""
        for array in (self.burst_by_day, *(getattr(b, q) for b in self.bands.values() for q in QUANTILES)):
            array.setflags(write=False)

    @property
    def burst_probability(self) -> float:
        return float(self.burst_by_day[-1])

    @property
    def burst_standard_error(self) -> float:
        """Monte Carlo standard error of the pop chance by the horizon (binomial)."""
        p = self.burst_probability
        return float(np.sqrt(p * (1.0 - p) / self.scenario.runs))

    def daily_table(self) -> pd.DataFrame:
        """One row per day: the burst curve and every series' band, as the CSV download and `--format csv` give it."""
        table = {"day": np.arange(self.scenario.horizon_days), "burst_probability": self.burst_by_day}
        for name in SERIES:
            for q in QUANTILES:
                table[f"{name}_{q}"] = getattr(self.bands[name], q)
        return pd.DataFrame(table)

    def to_dict(self) -> dict:
        """The CLI's JSON contract; each series' band sits at its declared `json_path`."""
        s = self.scenario
        doc = {
            "model_version": self.model_version,
            "scenario": s.model_dump(mode="json"),
            "seed": s.seed,
            "runs": s.runs,
            "horizon_days": s.horizon_days,
            "burst_probability": round(self.burst_probability, 6),
            "burst_probability_standard_error": round(self.burst_standard_error, 6),
            "burst_probability_by_day": [round(float(v), 6) for v in self.burst_by_day],
        }
        for series in SERIES.values():
            *parents, leaf = series.json_path
            node = doc
            for key in parents:
                node = node.setdefault(key, {})
            band = self.bands[series.name]
            node[leaf] = {q: [round(float(v), 6) for v in getattr(band, q)] for q in QUANTILES}
        return {
            **doc,
            "gestures": [g.__dict__ for g in self.gestures],
            "conductance": round(self.conductance, 6),
            "mediation": round(self.mediation, 6),
            "support": round(self.support, 6),
            "mean_final": {k: round(v, 6) for k, v in self.mean_final.items()},
        }


def daily_levels(schedule: Schedule, horizon_days: int) -> np.ndarray:
    """A schedule as the kernel's daily series: each level holds from its day until the next step."""
    out = np.empty(horizon_days, dtype=np.float32)
    for level, day in schedule.steps:
        out[day:] = level
    return out


def drive_for(scenario: Scenario) -> Drive:
    """The kernel's inputs for a scenario: daily rhetoric from its schedules, network-derived conductance and
    mediation."""
    g = build_network(scenario)
    catalogue = load_gestures().by_id()
    h = scenario.horizon_days
    return Drive(
        rhetoric_us_d=daily_levels(scenario.us_rhetoric, h),
        rhetoric_dprk_d=daily_levels(scenario.dprk_rhetoric, h),
        conductance=conductance(g),
        mediation=effective_mediation(scenario, g),
        support=effective_support(scenario, g),
        offers=tuple(Offer(catalogue[t.id], t.day) for t in scenario.gestures),
        runs=scenario.runs,
        seed=scenario.seed,
    )


def simulate(scenario: Scenario, params: Parameters | None = None, *, off: frozenset[str] = frozenset()) -> Result:
    """Simulate a scenario: the pure entry point behind the pages, the CLI and the brief. Without `params`, the
    parameter table with the scenario's assumptions (`parameters_for`). `off` switches mechanisms off for a
    knock-out analysis (ids in `mechanisms.MECHANISMS`)."""
    drive = replace(drive_for(scenario), off=frozenset(off))
    traj = run_kernel(drive, params or parameters_for(scenario))
    gestures = []
    for i, offer in enumerate(traj.offers):
        if offer.parent is not None:
            continue
        answer = next((j for j, o in enumerate(traj.offers) if o.parent == i), None)
        g = offer.gesture
        gestures.append(GestureOutcome(
            id=g.id, sender=g.sender, recipient=g.recipient, day=offer.day,
            acceptance_probability=round(traj.outcomes[i].accepted, 6),
            reciprocation_probability=0.0 if answer is None else round(traj.outcomes[i].answered, 6),
            answer_id=None if answer is None else traj.offers[answer].gesture.id,
            answer_day=None if answer is None else traj.offers[answer].day,
            answer_acceptance_probability=None if answer is None else _conditional(traj.outcomes[answer]),
        ))
    return Result(scenario=scenario, conductance=drive.conductance, mediation=drive.mediation,
                  support=drive.support, burst_by_day=traj.burst_by_day, bands=traj.bands,
                  gestures=tuple(gestures), mean_final=traj.mean_final, popped=traj.popped)


def _conditional(outcome: OfferOutcome) -> float:
    """Acceptance among the runs in which the offer was made (an answer is made only in some runs)."""
    return round(outcome.accepted / outcome.made, 6) if outcome.made > 0 else 0.0


def skin(pressure: np.ndarray | float, p_ref: float) -> np.ndarray | float:
    """Skin thickness tau = (1 + P/P_ref)^(-2/3): the rubber keeps its volume as the radius grows."""
    return (1.0 + np.asarray(pressure) / p_ref) ** (-2.0 / 3.0)


def radius(pressure: np.ndarray | float, p_ref: float) -> np.ndarray | float:
    """Balloon radius r = (1 + P/P_ref)^(1/3), relative to the balloon at rest."""
    return (1.0 + np.asarray(pressure) / p_ref) ** (1.0 / 3.0)
