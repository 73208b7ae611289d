"""One-at-a-time sensitivity of the pop chance: the data behind the tornado chart.

Every variant shares the scenario's seed, so the runs see the same incidents and misperception noise (common
random numbers) and a bar measures the lever, not sampling luck. A reduced number of runs keeps it cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacnet_dashboard.model import simulate
from pacnet_dashboard.scenario import Scenario, lever_specs

TORNADO_RUNS = 500


@dataclass(frozen=True)
class TornadoRow:
    """The pop chance with one lever at its minimum and at its maximum, the others held."""

    name: str
    label: str
    low_value: float
    high_value: float
    low: float
    high: float

    @property
    def swing(self) -> float:
        return abs(self.high - self.low)


def tornado_levers() -> list[str]:
    """The levers a tornado moves: every continuous lever of the schema (not horizon, runs or seed)."""
    return [name for name, spec in lever_specs().items() if spec.kind == "float"]


def tornado(scenario: Scenario, *, runs: int = TORNADO_RUNS) -> tuple[float, list[TornadoRow]]:
    """The base pop chance and one row per lever, all at `min(runs, scenario.runs)` runs and the scenario's seed."""
    base_scenario = scenario.model_copy(update={"runs": min(runs, scenario.runs)})
    base = simulate(base_scenario).burst_probability
    rows = []
    specs = lever_specs()
    for name in tornado_levers():
        spec = specs[name]
        ends = [simulate(base_scenario.model_copy(update={name: value})).burst_probability
                for value in (float(spec.min), float(spec.max))]
        rows.append(TornadoRow(name=name, label=spec.label, low_value=float(spec.min), high_value=float(spec.max),
                               low=ends[0], high=ends[1]))
    return base, rows
