"""Hypothesis builders for domain objects, shared by every property test (and tested themselves).

`scenarios()` is built from the Scenario schema: each lever is drawn from its kind, range and allowed ids, so a
lever added to the schema is drawn here (and reaches every property test) without a line of change.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from pacnet_dashboard.io.data import load_channels
from pacnet_dashboard.scenario import (ASSUMPTION_PREFIX, HORIZON_FIELD, MAX_SCHEDULE_STEPS, RUNS_FIELD, Assumptions,
                                       GestureTiming, LeverSpec, Scenario, Schedule, assumption_specs, lever_specs)

CHANNEL_IDS = tuple(c.id for c in load_channels())
MAX_LIST_ITEMS = 3


def _number(spec: LeverSpec) -> st.SearchStrategy[float]:
    return st.floats(min_value=float(spec.min), max_value=float(spec.max), allow_nan=False)


def _first_schedule_lever() -> LeverSpec:
    return next(spec for spec in lever_specs().values() if spec.kind == "schedule")


@st.composite
def schedules(draw: st.DrawFn, horizon: int, max_steps: int = 3, spec: LeverSpec | None = None) -> Schedule:
    """A schedule inside the horizon and the lever's range: a first level, then up to `max_steps - 1` steps on
    ascending days (the first schedule lever of the schema unless `spec` names another)."""
    spec = spec or _first_schedule_lever()
    days = draw(st.lists(st.integers(1, horizon - 1), unique=True, max_size=min(max_steps, MAX_SCHEDULE_STEPS) - 1))
    return Schedule(tuple((draw(_number(spec)), day) for day in [0, *sorted(days)]))


@st.composite
def gesture_lists(draw: st.DrawFn, horizon: int, spec: LeverSpec) -> tuple[GestureTiming, ...]:
    """Up to MAX_LIST_ITEMS gestures; an id may repeat on different days (a GRIT series)."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(spec.choices()), st.integers(0, horizon - 1)), unique=True,
                          max_size=MAX_LIST_ITEMS))
    return tuple(GestureTiming(id=i, day=d) for i, d in pairs)


@st.composite
def assumption_overrides(draw: st.DrawFn, max_items: int = 2) -> Assumptions:
    """Up to `max_items` judgement parameters of the table, each anywhere in the table's range."""
    specs = assumption_specs()
    names = draw(st.lists(st.sampled_from(tuple(specs)), unique=True, max_size=max_items))
    return Assumptions({n.removeprefix(ASSUMPTION_PREFIX): draw(_number(specs[n])) for n in names})


def lever_values(spec: LeverSpec, horizon: int) -> st.SearchStrategy[Any]:
    """Any allowed value of one lever, by its kind, range and ids (days inside `horizon`)."""
    if spec.kind == "float":
        return _number(spec)
    if spec.kind == "schedule":
        return schedules(horizon, spec=spec)
    if spec.kind == "int":
        return st.integers(int(spec.min), int(spec.max))
    if spec.kind == "gestures":
        return gesture_lists(horizon, spec)
    if spec.kind == "assumptions":
        return assumption_overrides()
    return st.lists(st.sampled_from(spec.choices()), unique=True, max_size=MAX_LIST_ITEMS).map(tuple)


@st.composite
def scenarios(draw: st.DrawFn, *, max_runs: int = 400, max_horizon: int = 120) -> Scenario:
    """Small but otherwise unrestricted scenarios: every lever of the schema anywhere in its range, with the
    horizon and the runs capped so that a property test stays quick."""
    specs = lever_specs()
    horizon = draw(st.integers(int(specs[HORIZON_FIELD].min), max_horizon))
    values: dict[str, Any] = {HORIZON_FIELD: horizon,
                              RUNS_FIELD: draw(st.integers(int(specs[RUNS_FIELD].min), max_runs))}
    for name, spec in specs.items():
        if name not in values:
            values[name] = draw(lever_values(spec, horizon))
    return Scenario(**values)
