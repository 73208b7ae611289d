"""The effect on risk of each actor and channel: the pop chance with it taken out, against the scenario.

Every variant is simulated at the scenario's seed, so all of them share the incidents and the noise of the
scenario itself (common random numbers): a difference comes from the network, not from luck. Runs are capped
to keep the whole table cheap, and variants that give the kernel the same inputs (closing either end of the
Track II link, or muting Track II itself, leaves the same conductance and mediation) are simulated once. The
function is pure and takes a frozen Scenario, so callers can cache it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from pacnet_dashboard.model.simulate import drive_for, simulate
from pacnet_dashboard.model.network import removal_variants
from pacnet_dashboard.model.parameters import Parameters
from pacnet_dashboard.scenario import Scenario

DEFAULT_MAX_RUNS = 500
"""Runs per variant. 30 variants of a 365-day horizon then cost a few seconds; the seed is shared."""

Kind = Literal["actor", "channel"]


@dataclass(frozen=True)
class RemovalEffect:
    """One actor muted or one channel closed: its pop chance and the change against the scenario."""

    kind: Kind
    id: str
    conductance: float
    burst_probability: float
    change: float
    standard_error_independent: float
    """Standard error of `change` as if the two runs were independent: an upper bound, since they share seeds."""


@dataclass(frozen=True)
class RemovalEffects:
    """The scenario's own pop chance at the capped runs, and one effect per removable actor or open channel."""

    runs: int
    seed: int
    horizon_days: int
    conductance: float
    burst_probability: float
    effects: tuple[RemovalEffect, ...]

    def effect(self, kind: Kind, item_id: str) -> RemovalEffect:
        return next(e for e in self.effects if e.kind == kind and e.id == item_id)


def simulate_removals(scenario: Scenario, *, kinds: tuple[Kind, ...] = ("actor", "channel"),
                      max_runs: int = DEFAULT_MAX_RUNS, params: Parameters | None = None) -> RemovalEffects:
    """Simulate the scenario and each variant with one thing removed, at the same seed and at most `max_runs`."""
    runs = min(scenario.runs, max_runs)
    base_scenario = scenario.model_copy(update={"runs": runs})
    base = simulate(base_scenario, params)
    p0 = base.burst_probability
    effects = []
    seen: dict[tuple[float, float, float], tuple[float, float]] = {}
    for (kind, item_id), variant in removal_variants(base_scenario).items():
        if kind not in kinds:
            continue
        # Variants differ from the scenario only in the network, so these three numbers are all that differs
        # in the kernel's input; equal inputs give equal results at one seed. Rounding to 9 digits merges
        # values that differ only by floating-point noise from different solves of the same circuit.
        drive = drive_for(variant)
        key = (round(drive.conductance, 9), round(drive.mediation, 9), round(drive.support, 9))
        if key not in seen:
            seen[key] = (drive.conductance, simulate(variant, params).burst_probability)
        conductance, p1 = seen[key]
        se = math.sqrt((p0 * (1 - p0) + p1 * (1 - p1)) / runs)
        effects.append(RemovalEffect(kind=kind, id=item_id, conductance=conductance, burst_probability=p1,
                                     change=p1 - p0, standard_error_independent=se))
    return RemovalEffects(runs=runs, seed=scenario.seed, horizon_days=scenario.horizon_days,
                          conductance=base.conductance, burst_probability=p0, effects=tuple(effects))

