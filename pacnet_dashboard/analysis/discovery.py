"""The discovery map: where on a grid of two levers the gift exchange helps, and where it backfires.

Each cell compares a control scenario (the base without the treatment's gestures) with the same scenario plus
the treatment (by default the signed-book gift on day 14, as in `gift_exchange.json`). Both share the seed, so
they share noise and incidents (common random numbers) and the difference comes from the gesture, not luck.

The function is pure and takes only hashable arguments, so a page can cache it as it stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.io.errors import SettingError
from pacnet_dashboard.scenario import (Scenario, bundled, continuous_levers, from_strings, level_of, lever_specs,
                                       with_levels)

MAP_RUNS = 4000
"""Runs of a cell whose change the survey leaves unclear. Under common random numbers a cell's paired difference
has a standard error of at most about 0.5 points at 4,000 runs, so a 2-point backfire (the critics' corner) is
marked, not lost in the noise."""
SURVEY_RUNS = 500
"""Runs of every cell first: most cells' change is clear at 500 runs (paired error 1-1.5 points), and only the
others are run again at MAP_RUNS, which keeps the map a few times cheaper than MAP_RUNS everywhere."""
Z_SURVEY = 3.0
"""The survey settles a cell only when its change is beyond this many paired standard errors: at 1.96 some of
81 cells would be settled by luck (a 500-run fluke of +2.6 points where 4,000 runs give +0.4)."""
SURVEY_SHARE = 0.25
"""The share of the progress bar the survey fills (the refinement's size is known only after it)."""
MAP_GRID = 9
MAP_GRID_CHOICES = (5, 7, 9, 11)
DEFAULT_X = "dprk_rhetoric"
DEFAULT_Y = "china_mediation"
GIFT_EXCHANGE = "us_book_gift@14"
Z_SIGNIFICANT = 1.96
CRITICS_LEVELS = {"dprk_rhetoric": 9.5, "china_mediation": 0.0, "russia_mediation": 0.0, "rok_support": 0.0,
                  "japan_support": 0.0}
"""Where the critics of the gift are right: Pyongyang's rhetoric high, nobody sounds it out, nobody praises the
gift. On the default map (DPRK rhetoric by China mediation) their corner is the top rhetoric without mediation."""


def critics_setting(scenario: Scenario) -> Scenario:
    """The bundled gift exchange at CRITICS_LEVELS, with the scenario's seed and runs: the setting in which the
    default map marks the critics' corner as a backfire beside the region where the gift helps."""
    gift = bundled("gift_exchange").scenario.model_copy(update={"seed": scenario.seed, "runs": scenario.runs})
    return with_levels(gift, CRITICS_LEVELS)


def map_axes() -> tuple[str, ...]:
    """The levers a map can run along: every continuous lever of the schema (rhetoric, mediation, praise).
    A rhetoric schedule's first level moves; its later steps are kept."""
    return continuous_levers()


@dataclass(frozen=True)
class DiscoveryMap:
    """A grid of changes in pop chance. Arrays are indexed [y, x] (`*_yx`), as a heatmap draws them."""

    x: str
    y: str
    x_values: np.ndarray
    y_values: np.ndarray
    control_yx: np.ndarray
    treated_yx: np.ndarray
    se_yx: np.ndarray
    treatment: str
    runs: int
    seed: int
    horizon_days: int
    z: float = Z_SIGNIFICANT
    runs_yx: np.ndarray | None = None
    """Runs behind each cell: the survey's, or `runs` where the survey left the change unclear (None: `runs`)."""

    @property
    def refined_yx(self) -> np.ndarray:
        """Cells run again at `runs` because the survey could not tell their change from zero."""
        return np.zeros_like(self.se_yx, dtype=bool) if self.runs_yx is None else self.runs_yx == self.runs

    @property
    def survey_runs(self) -> int:
        """Runs of the cells the survey settled (`runs` when there was no survey)."""
        return self.runs if self.runs_yx is None else int(self.runs_yx.min())

    @property
    def change_yx(self) -> np.ndarray:
        """Treated minus control pop chance: negative where the gesture helps."""
        return self.treated_yx - self.control_yx

    @property
    def backfire_yx(self) -> np.ndarray:
        """Cells where the gesture raises the pop chance beyond sampling error (change > z * se)."""
        return self.change_yx > self.z * self.se_yx

    @property
    def helps_yx(self) -> np.ndarray:
        """Cells where the gesture lowers the pop chance beyond sampling error."""
        return self.change_yx < -self.z * self.se_yx

    def cells(self) -> list[dict[str, float | bool]]:
        """One record per cell, for a table or a CSV download."""
        out = []
        for j, yv in enumerate(self.y_values):
            for i, xv in enumerate(self.x_values):
                out.append({self.x: float(xv), self.y: float(yv),
                            "control_burst_probability": float(self.control_yx[j, i]),
                            "treated_burst_probability": float(self.treated_yx[j, i]),
                            "change": float(self.change_yx[j, i]), "standard_error": float(self.se_yx[j, i]),
                            "runs": int(self.runs if self.runs_yx is None else self.runs_yx[j, i]),
                            "backfires": bool(self.backfire_yx[j, i]), "helps": bool(self.helps_yx[j, i])})
        return out


def grid_values(name: str, n: int) -> np.ndarray:
    """`n` evenly spaced values over a lever's whole range (rounded to 6 decimals, so they print and replay)."""
    spec = lever_specs()[name]
    values = np.linspace(spec.min, spec.max, n, dtype=np.float64)
    return np.round(values, 6)


def control_and_treated(base: Scenario, treatment: str) -> tuple[Scenario, Scenario]:
    """The base without the treatment's gestures, and the same scenario with them added."""
    extra = from_strings({"gestures": treatment}, base.model_copy(update={"gestures": ()})).gestures
    ids = {g.id for g in extra}
    kept = tuple(g for g in base.gestures if g.id not in ids)
    control = base.model_copy(update={"gestures": kept})
    treated = Scenario.model_validate({**control.model_dump(), "gestures": [*kept, *extra]})
    return control, treated


def map_base(base: Scenario, x: str, y: str, *, runs: int = MAP_RUNS, treatment: str = GIFT_EXCHANGE) -> Scenario:
    """The part of a scenario a map depends on: its control at the map's runs, with both axis levers at their
    defaults (the grid overwrites them). Scenarios with one map_base share one map, so caches can key on it."""
    specs = lever_specs()
    control, _ = control_and_treated(from_strings({"runs": str(runs)}, base), treatment)
    return with_levels(control, {name: level_of(Scenario(), name) for name in (x, y) if name in specs})


def paired_standard_error(control: np.ndarray, treated: np.ndarray) -> float:
    """The standard error of mean(treated - control) over runs that share their random numbers (one bool per
    run, popped or not): the spread of the per-run differences, not of two independent samples."""
    diff = treated.astype(np.float64) - control.astype(np.float64)
    return float(diff.std(ddof=1) / np.sqrt(diff.size))


def _cell(control: Scenario, treated: Scenario, update: dict[str, float], runs: int) -> tuple[float, float, float]:
    """One cell at `runs`: the pop chance without and with the treatment, and the paired standard error."""
    without = simulate(with_levels(control, update).model_copy(update={"runs": runs}))
    with_it = simulate(with_levels(treated, update).model_copy(update={"runs": runs}))
    return without.burst_probability, with_it.burst_probability, paired_standard_error(without.popped, with_it.popped)


def discovery_map(base: Scenario, *, x: str = DEFAULT_X, y: str = DEFAULT_Y, nx: int = MAP_GRID, ny: int = MAP_GRID,
                  runs: int = MAP_RUNS, survey_runs: int = SURVEY_RUNS, treatment: str = GIFT_EXCHANGE,
                  progress: Callable[[float, str], None] | None = None) -> DiscoveryMap:
    """The change in pop chance from adding `treatment` (id@day items) at every cell of an x-by-y grid.

    Every other lever, the seed and the horizon come from `base`. Control and treated run at one seed, so run k
    of the one meets the incidents of run k of the other (common random numbers) and the standard error is the
    paired one (`paired_standard_error`). Every cell runs `survey_runs` first; a cell whose change lies within
    Z_SURVEY standard errors of zero runs again at `runs` (no survey when `survey_runs >= runs`). `progress`, if
    given, hears the share done and what is being done after each cell.
    """
    axes = map_axes()
    for field, value in (("x", x), ("y", y)):
        if value not in axes:
            raise SettingError(field, f"{value!r} cannot be a map axis; allowed: {', '.join(axes)}")
    if x == y:
        raise SettingError("y", f"must differ from the x axis ({x})")
    for field, n in (("nx", nx), ("ny", ny)):
        if not 2 <= n <= 25:
            raise SettingError(field, f"grid size {n} is not allowed; allowed: a whole number from 2 to 25")
    control, treated = control_and_treated(from_strings({"runs": str(runs)}, base), treatment)
    first = min(survey_runs, runs)
    report = progress or (lambda done, what: None)

    x_values, y_values = grid_values(x, nx), grid_values(y, ny)
    cells = [(j, i, {x: float(xv), y: float(yv)}) for j, yv in enumerate(y_values) for i, xv in enumerate(x_values)]
    out = np.empty((3, ny, nx), dtype=np.float64)  # control, treated, standard error
    runs_yx = np.full((ny, nx), first, dtype=np.int64)
    share = SURVEY_SHARE if first < runs else 1.0
    report(0.0, f"0 of {len(cells)} cells at {first:,} runs")
    for k, (j, i, update) in enumerate(cells, start=1):
        out[:, j, i] = _cell(control, treated, update, first)
        report(share * k / len(cells), f"{k} of {len(cells)} cells at {first:,} runs")
    if first < runs:
        unclear = [(j, i, u) for j, i, u in cells if abs(out[1, j, i] - out[0, j, i]) <= Z_SURVEY * out[2, j, i]]
        for k, (j, i, update) in enumerate(unclear, start=1):
            out[:, j, i] = _cell(control, treated, update, runs)
            runs_yx[j, i] = runs
            report(share + (1 - share) * k / len(unclear),
                   f"{k} of {len(unclear)} unclear cells again at {runs:,} runs")
    return DiscoveryMap(x=x, y=y, x_values=x_values, y_values=y_values, control_yx=out[0], treated_yx=out[1],
                        se_yx=out[2], treatment=treatment, runs=runs, seed=base.seed, horizon_days=base.horizon_days,
                        runs_yx=runs_yx)
