"""Why a scenario works, or fails: the knock-out decomposition of its effect on the pop chance.

The effect is the scenario's pop chance by the horizon minus the bundled baseline's, both at the scenario's seed,
runs and horizon (common random numbers). For each mechanism the same two runs are repeated with that mechanism
switched off in both; `share = 1 - effect_without / effect` is the part of the effect that needs the mechanism.
Shares need not add up to 1: mechanisms interact (face feeds rhetoric, rejection costs feed trust), so one part
of the effect can need two of them, and a mechanism that works against the effect has a negative share.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pacnet_dashboard.model.mechanisms import FACE_SAVING, MECHANISMS
from pacnet_dashboard.model.parameters import Parameters
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.scenario import Scenario, baseline_for

REFERENCE = "baseline"


@dataclass(frozen=True)
class MechanismShare:
    id: str
    label: str
    effect_without: float
    share: float


@dataclass(frozen=True)
class Decomposition:
    """The effect against the baseline, its paired standard error, and one knock-out per mechanism."""

    scenario: Scenario
    reference: Scenario
    effect: float
    standard_error: float
    mechanisms: tuple[MechanismShare, ...]
    face_saving: MechanismShare
    """`face` and `rhetoric` switched off together: the part of the effect that comes from saving face."""

    def to_dict(self) -> dict:
        def row(m: MechanismShare) -> dict:
            return {"id": m.id, "label": m.label, "effect_without": round(m.effect_without, 6),
                    "share": round(m.share, 6)}

        return {"effect": round(self.effect, 6), "standard_error": round(self.standard_error, 6),
                "mechanisms": [row(m) for m in self.mechanisms], "face_saving": row(self.face_saving),
                "reference": REFERENCE, "seed": self.scenario.seed, "runs": self.scenario.runs,
                "horizon_days": self.scenario.horizon_days, "scenario": self.scenario.model_dump(mode="json")}


def reference_for(scenario: Scenario) -> Scenario:
    """The bundled baseline at the scenario's seed, runs, horizon and assumptions (`baseline_for`)."""
    return baseline_for(scenario)


def paired_standard_error(a: Result, b: Result) -> float:
    """Standard error of b's pop chance minus a's from the per-run differences (common random numbers)."""
    diff = b.popped.astype(np.float64) - a.popped.astype(np.float64)
    return float(diff.std(ddof=1) / np.sqrt(diff.size)) if diff.size > 1 else 0.0


def _share(effect: float, without: float) -> float:
    return 1.0 - without / effect if effect != 0 else 0.0


def explain(scenario: Scenario, params: Parameters | None = None) -> Decomposition:
    """The scenario's effect against the baseline, and what is left of it with each mechanism switched off."""
    reference = reference_for(scenario)

    def effect(off: frozenset[str]) -> tuple[float, Result, Result]:
        a, b = simulate(reference, params, off=off), simulate(scenario, params, off=off)
        return b.burst_probability - a.burst_probability, a, b

    total, a, b = effect(frozenset())
    rows = []
    for mid, label in MECHANISMS.items():
        without = effect(frozenset({mid}))[0]
        rows.append(MechanismShare(mid, label, without, _share(total, without)))
    both = effect(frozenset(FACE_SAVING))[0]
    face_saving = MechanismShare("+".join(FACE_SAVING), "Saving face (face and rhetoric together)",
                                 both, _share(total, both))
    return Decomposition(scenario=scenario, reference=reference, effect=total,
                         standard_error=paired_standard_error(a, b), mechanisms=tuple(rows), face_saving=face_saving)
