"""Sensitivity of the pop chance at the horizon: one lever at a time (the tornado), and global (SALib).

The tornado moves each continuous lever to its minimum and its maximum with the others held. Every variant
shares the scenario's seed, so the runs see the same incidents and misperception noise (common random
numbers) and a bar measures the lever, not sampling luck. A reduced number of runs keeps it cheap.

The global analysis varies all factors together: the continuous levers of the Scenario (ranges from the
schema), optionally the uncertain model parameters (ranges around their values in `data/parameters.csv`), and
a dummy factor that the model never reads. The dummy is a sanity check: any factor that does not rank clearly
above it has no effect the method can detect. Every evaluation uses the scenario's seed, so the output is a
deterministic (if stepwise) function of the factors; SALib's sampling and bootstrap use the same seed, so a rerun
gives identical indices. Morris (elementary effects) is the default: it ranks 30-odd factors with about ten
evaluations per factor. Sobol' (first-order and total indices) needs N*(k+2) evaluations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.analysis.discovery import GIFT_EXCHANGE as GIFT
from pacnet_dashboard.io.data import ParameterRow, load_parameters
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.model.parameters import Parameters, parameters_for
from pacnet_dashboard.io.errors import SettingError
from pacnet_dashboard.scenario import Scenario, continuous_levers, from_strings, level_of, lever_specs, with_levels

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
    return list(continuous_levers())


def tornado(scenario: Scenario, *, runs: int = TORNADO_RUNS) -> tuple[float, list[TornadoRow]]:
    """The base pop chance and one row per lever, all at `min(runs, scenario.runs)` runs and the scenario's seed."""
    base_scenario = scenario.model_copy(update={"runs": min(runs, scenario.runs)})
    base = simulate(base_scenario).burst_probability
    rows = []
    specs = lever_specs()
    for name in tornado_levers():
        spec = specs[name]
        ends = [simulate(with_levels(base_scenario, {name: value})).burst_probability
                for value in (float(spec.min), float(spec.max))]
        rows.append(TornadoRow(name=name, label=spec.label, low_value=float(spec.min), high_value=float(spec.max),
                               low=ends[0], high=ends[1]))
    return base, rows


# ---- global sensitivity (SALib) --------------------------------------------------------------------------

Method = Literal["morris", "sobol"]
FactorKind = Literal["lever", "parameter", "dummy"]
PARAMETER_SPREAD = 0.5
"""Parameters vary by this share either side of their value, within the table's range. The table's min and max
are the values the model accepts, not a plausible band: over them most samples pop for sure or never, and
every other effect vanishes in the saturation."""
UNCERTAIN_KINDS = frozenset({"judgement", "fit", "source"})
SENSITIVITY_RUNS = 400
MORRIS_TRAJECTORIES = 10
MORRIS_LEVELS = 4
SOBOL_SAMPLES = 64
MORRIS_TRAJECTORY_RANGE = (2, 1000)
SOBOL_SAMPLE_RANGE = (2, 65536)
DUMMY = "dummy"
CONF_LEVEL = 0.95
RESAMPLES = 1000


@dataclass(frozen=True)
class Factor:
    name: str
    kind: FactorKind
    label: str
    unit: str
    low: float
    high: float


@dataclass(frozen=True)
class FactorIndex:
    """One factor's indices. Morris fills mu_star/sigma; Sobol' fills s1/st. `conf` is the CI half-width."""

    factor: Factor
    importance: float
    importance_conf: float
    mu_star: float | None = None
    mu_star_conf: float | None = None
    mu: float | None = None
    sigma: float | None = None
    s1: float | None = None
    s1_conf: float | None = None
    st: float | None = None
    st_conf: float | None = None

    def to_dict(self) -> dict:
        out = {"name": self.factor.name, "kind": self.factor.kind, "label": self.factor.label,
               "unit": self.factor.unit, "low": self.factor.low, "high": self.factor.high}
        for key in ("mu_star", "mu_star_conf", "mu", "sigma", "s1", "s1_conf", "st", "st_conf"):
            value = getattr(self, key)
            if value is not None:
                out[key] = round(float(value), 6)
        return out


@dataclass(frozen=True)
class SensitivityResult:
    """Indices ranked by importance (Morris mu*, or Sobol' total index), most important first."""

    method: Method
    indices: tuple[FactorIndex, ...]
    evaluations: int
    scenario: Scenario
    importance_label: str
    output: str = "burst_probability"

    def rank_of(self, name: str) -> int:
        return [i.factor.name for i in self.indices].index(name)

    def to_dict(self) -> dict:
        s = self.scenario
        return {
            "model_version": MODEL_VERSION, "method": self.method, "output": OUTPUTS[self.output][1],
            "scenario": s.model_dump(mode="json"), "seed": s.seed, "runs": s.runs, "horizon_days": s.horizon_days,
            "evaluations": self.evaluations, "conf_level": CONF_LEVEL, "importance": self.importance_label,
            "indices": [i.to_dict() for i in self.indices],
        }


def parameter_range(row: ParameterRow, spread: float = PARAMETER_SPREAD) -> tuple[float, float]:
    """value * (1 -/+ spread), clipped to the range the table allows."""
    low, high = (float(f"{row.value * (1 + sign * spread):.12g}") for sign in (-1, 1))
    return max(row.min, low), min(row.max, high)


def parameter_label(row: ParameterRow, width: int = 60) -> str:
    """A short label from the table's meaning: 'Mean severity of an incident (mu)'."""
    short = re.split(r"[:;]", row.meaning, maxsplit=1)[0].strip()
    if short.count("(") > short.count(")"):
        short = short[:short.rfind("(")].strip()
    if len(short) > width:
        short = short[:width - 1].rsplit(" ", 1)[0] + "…"
    return f"{short} ({row.name})"


def sensitivity_factors(*, include_parameters: bool = True, spread: float = PARAMETER_SPREAD,
                        dummy: bool = True) -> tuple[Factor, ...]:
    """Continuous levers (schema ranges), then the uncertain model parameters, then the dummy.

    Uncertain parameters are the judgement ones (and any fitted or sourced), each over `parameter_range`.
    Calibrated parameters are left out: they are set so the baseline meets its target, so their uncertainty
    is the target's, not a free factor. So are the start state (read off the replay) and mu, the unit of
    severity: only theta/mu matters, so ranking mu would only rank theta again.
    """
    specs = lever_specs()
    factors = [Factor(name, "lever", spec.label, spec.unit, float(spec.min), float(spec.max))
               for name, spec in ((n, specs[n]) for n in continuous_levers())]
    if include_parameters:
        for row in load_parameters():
            low, high = parameter_range(row, spread)
            if row.kind in UNCERTAIN_KINDS and low < high:
                factors.append(Factor(row.name, "parameter", parameter_label(row), row.unit, low, high))
    if dummy:
        factors.append(Factor(DUMMY, "dummy", "Dummy (the model never reads it)", "none", 0.0, 1.0))
    return tuple(factors)


def neutral_base(base: Scenario, runs: int = SENSITIVITY_RUNS) -> Scenario:
    """The base at the analysis' runs with every lever factor at its default: the samples overwrite those levers,
    so the indices do not depend on them, and scenarios that differ only there can share a cached analysis."""
    levers = {f.name: level_of(Scenario(), f.name) for f in sensitivity_factors(include_parameters=False)
              if f.kind == "lever"}
    return with_levels(from_strings({"runs": str(runs)}, base), levers)


def _problem(factors: Sequence[Factor]) -> dict:
    return {"num_vars": len(factors), "names": [f.name for f in factors], "bounds": [[f.low, f.high] for f in factors]}


def evaluate(base: Scenario, factors: Sequence[Factor], x_nk: np.ndarray,
             params: Parameters | None = None) -> np.ndarray:
    """The pop chance at the horizon for each row of a sample matrix (n samples x k factors)."""
    params = params or parameters_for(base)
    y_n = np.empty(x_nk.shape[0], dtype=np.float64)
    for n, row in enumerate(x_nk):
        levers = {f.name: float(v) for f, v in zip(factors, row) if f.kind == "lever"}
        values = {f.name: float(v) for f, v in zip(factors, row) if f.kind == "parameter"}
        scenario = with_levels(base, levers)
        y_n[n] = simulate(scenario, params.with_values(**values) if values else params).burst_probability
    return y_n


def evaluate_benefit(base: Scenario, factors: Sequence[Factor], x_nk: np.ndarray,
                     params: Parameters | None = None) -> np.ndarray:
    """The gift's benefit for each row: the pop chance without the signed book on day 14 minus with it (both at
    the base's seed). Whatever gestures the base holds stay in both arms."""
    control = base.model_copy(update={"gestures": tuple(g for g in base.gestures if g.encode() != GIFT)})
    treated = from_strings({"gestures": ",".join([*(g.encode() for g in control.gestures), GIFT])}, control)
    return evaluate(control, factors, x_nk, params) - evaluate(treated, factors, x_nk, params)


Evaluator = Callable[[Scenario, Sequence[Factor], np.ndarray], np.ndarray]
OUTPUTS: dict[str, tuple[Evaluator, str]] = {
    "burst_probability": (evaluate, "burst_probability at the horizon"),
    "gift_benefit": (evaluate_benefit, f"gift_benefit: pop chance at the horizon without {GIFT} minus with it"),
}


def check_settings(method: str, trajectories: int, samples: int, spread: float) -> None:
    """Refuse settings the methods cannot use, before any simulation (the CLI calls it before its estimate)."""
    if method not in get_args(Method):
        raise SettingError("method", f"{method!r} is not a method; allowed: {', '.join(get_args(Method))}")
    low, high = MORRIS_TRAJECTORY_RANGE
    if method == "morris" and not low <= trajectories <= high:
        raise SettingError("trajectories",
                           f"{trajectories} is not allowed; allowed: a whole number from {low} to {high}")
    low, high = SOBOL_SAMPLE_RANGE
    if method == "sobol" and (not low <= samples <= high or samples & (samples - 1)):
        raise SettingError("samples", f"{samples} is not allowed; allowed: a power of two from {low} to {high}")
    if not 0 < spread < 1:
        raise SettingError("spread", f"{spread} is not allowed; allowed: a share between 0 and 1 (exclusive)")


def sensitivity(base: Scenario, *, method: Method = "morris", runs: int = SENSITIVITY_RUNS,
                trajectories: int = MORRIS_TRAJECTORIES, samples: int = SOBOL_SAMPLES,
                include_parameters: bool = True, spread: float = PARAMETER_SPREAD,
                output: str = "burst_probability", evaluator: Evaluator | None = None) -> SensitivityResult:
    """Rank the factors by their effect on the pop chance at the horizon, or (`output="gift_benefit"`) on how
    much the signed book on day 14 lowers it.

    Morris: `trajectories` one-at-a-time paths on a 4-level grid, (k+1) evaluations each; the importance is
    mu*, the mean absolute elementary effect: the change in pop chance over a step of two-thirds of the
    factor's range, divided by that step, so it reads as a change per whole range. It has a bootstrap
    confidence interval. Sobol': `samples` (a power of two) times (k+2) evaluations; the importance
    is the total-order index ST, the share of output variance the factor takes part in.
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    if output not in OUTPUTS:
        raise SettingError("output", f"{output!r} is not an output; allowed: {', '.join(OUTPUTS)}")
    evaluator = evaluator or OUTPUTS[output][0]

    check_settings(method, trajectories, samples, spread)
    base = from_strings({"runs": str(runs)}, base)
    factors = sensitivity_factors(include_parameters=include_parameters, spread=spread)
    problem = _problem(factors)
    seed = base.seed
    if method == "morris":
        x_nk = morris_sample.sample(problem, trajectories, num_levels=MORRIS_LEVELS, seed=seed)
        y_n = evaluator(base, factors, x_nk)
        si = morris_analyze.analyze(problem, x_nk, y_n, num_resamples=RESAMPLES, conf_level=CONF_LEVEL,
                                    num_levels=MORRIS_LEVELS, seed=seed)
        indices = [FactorIndex(f, float(si["mu_star"][k]), float(si["mu_star_conf"][k]),
                               mu_star=si["mu_star"][k], mu_star_conf=si["mu_star_conf"][k], mu=si["mu"][k],
                               sigma=si["sigma"][k]) for k, f in enumerate(factors)]
        label = "mu_star: mean absolute elementary effect, the change in pop chance per whole range of the factor"
    else:
        x_nk = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
        y_n = evaluator(base, factors, x_nk)
        si = sobol_analyze.analyze(problem, y_n, calc_second_order=False, num_resamples=RESAMPLES,
                                   conf_level=CONF_LEVEL, seed=seed)
        indices = [FactorIndex(f, float(si["ST"][k]), float(si["ST_conf"][k]), s1=si["S1"][k],
                               s1_conf=si["S1_conf"][k], st=si["ST"][k], st_conf=si["ST_conf"][k])
                   for k, f in enumerate(factors)]
        label = "ST: total-order Sobol' index, the share of output variance the factor takes part in"
    # Ties with the dummy list the dummy first: whatever sits at or below it has no detectable effect.
    ranked = tuple(sorted(indices, key=lambda i: (-i.importance, i.factor.kind != "dummy", i.factor.name)))
    return SensitivityResult(method=method, indices=ranked, evaluations=int(x_nk.shape[0]), scenario=base,
                             importance_label=label, output=output)
