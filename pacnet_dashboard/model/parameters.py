"""Model parameters: typed values read from `data/parameters.csv`, the one table of provenance.

The CSV holds value, range, unit, meaning and provenance; this module only turns it into typed attributes
so a misspelt parameter fails at load time rather than inside the kernel.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache

from pacnet_dashboard.io.data import DataError, ParameterRow, load_parameters
from pacnet_dashboard.scenario import Assumptions, Scenario


@dataclass(frozen=True)
class Parameters:
    k_us: float
    k_dprk: float
    m_us: float
    m_dprk: float
    g0: float
    phi: float
    sigma0: float
    c_noise: float
    alpha: float
    lambda0: float
    lambda_c: float
    p_ref: float
    p0: float
    x0_us: float
    x0_dprk: float
    f0_us: float
    f0_dprk: float
    iota0: float
    mu: float
    theta: float
    p_yield: float
    yield_width: float
    misread_hostility: float
    misread_pressure: float
    near_miss_pressure: float
    beta: float
    face_decay: float
    eta_r: float
    gamma_r: float
    rhetoric_shift_max: float
    a_f: float
    a_m: float
    a_x: float
    a_d: float
    a_p: float
    audience_cost: float
    rejection_hostility: float
    rho: float
    praise: float
    trust_gain: float
    trust_recovery: float
    trust_erosion: float

    def with_values(self, **values: float) -> Parameters:
        """A copy with some values changed (for fits and sensitivity), checked against the table's ranges."""
        rows = {r.name: r for r in load_parameters()}
        for name, value in values.items():
            if name not in rows:
                raise KeyError(f"unknown parameter {name!r}")
            if not rows[name].min <= value <= rows[name].max:
                raise ValueError(f"{name}={value} lies outside [{rows[name].min}, {rows[name].max}]")
        return replace(self, **values)

    def richardson_stable(self) -> bool:
        """Richardson's condition: restraint outweighs mutual reactivity, so hostility settles."""
        return self.m_us * self.m_dprk > self.k_us * self.k_dprk


def parameters_from_rows(rows: tuple[ParameterRow, ...]) -> Parameters:
    names = {f.name for f in fields(Parameters)}
    given = {r.name for r in rows}
    if given != names:
        missing, extra = sorted(names - given), sorted(given - names)
        raise DataError("parameters.csv", f"missing {missing}, unknown {extra}")
    return Parameters(**{r.name: r.value for r in rows})


@lru_cache(maxsize=1)
def default_parameters() -> Parameters:
    return parameters_from_rows(load_parameters())


@lru_cache(maxsize=64)
def _with_assumptions(assumptions: Assumptions) -> Parameters:
    return default_parameters().with_values(**assumptions.as_dict()) if assumptions else default_parameters()


def parameters_for(scenario: Scenario) -> Parameters:
    """The kernel's parameters for a scenario: the table, with the scenario's assumptions (its overrides of
    judgement parameters) in place. Everything that simulates a scenario starts here."""
    return _with_assumptions(scenario.assumptions)
