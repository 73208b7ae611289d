"""The 2017-2019 record: an observed tension index, the model replayed against it, and the fit of its dynamics.

Three steps, each a pure function of the event record (`data/events_2017_2019.csv`, loaded by `data.py`):

1. **Observed index.** Each side's events are summed by day on GDELT's Goldstein scale (-10 conflict ... +10
   cooperation) and carried forward with exponential decay (a half-life, default 30 days). Tension is the
   negative of that stock, so higher means more hostile. The two sides add up to the overall index; third
   parties (China, Russia, South Korea, Japan, the UN, Track II, the unofficial visit) are left out by default
   and can be weighted in. Monthly values are the means of the daily ones.
2. **Replay.** The model kernel is driven by the record. Rhetoric: each side's events that are not gestures
   set its daily rhetoric as a floor plus a decayed stock of their negated scores. By default that is all of
   them (tests and exercises are messages too), so the input and the observed index come from the same
   events and the check is partly circular; `rhetoric_events="verbal"` (CAMEO roots 01-05 and 09-13 only)
   is the stricter check, in which material conflict is left to the incident process. Gestures: each
   principal's de-escalation events other than plain statements become offers, mapped to a catalogue gesture
   where one fits and otherwise to a generic replay gesture (`data/replay_gestures.json`).
3. **Fit.** Reactivity, restraint, grievance, inflation and leak are fitted with `scipy.optimize` (bounded
   Powell) to the monthly index of 2017-01 to 2018-06, through a linear link (index = a + b * model pressure)
   estimated on the same months, with a ridge penalty that pulls each value towards its judgement default.
   The same link then scores 2018-07 to 2019-12, out of sample.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

import numpy as np
from scipy.optimize import minimize
from scipy.signal import lfilter

from pacnet_dashboard.io.data import (SIDES, Event, Gesture, load_events, load_gestures, load_history_fit,
                                      load_parameters, load_replay_gestures)
from pacnet_dashboard.model.kernel import Drive, Offer, run_kernel
from pacnet_dashboard.model.simulate import drive_for
from pacnet_dashboard.model.parameters import Parameters, default_parameters
from pacnet_dashboard.scenario import bundled

START = date(2017, 1, 1)
END = date(2019, 12, 31)
FIT_MONTHS = ("2017-01", "2018-06")
TEST_MONTHS = ("2018-07", "2019-12")
US_SIDE = frozenset({"us", "envoy"})
DPRK_SIDE = frozenset({"dprk", "kcna"})
VERBAL_ROOTS = frozenset({1, 2, 3, 4, 5, 9, 10, 11, 12, 13})
FIT_NAMES = ("k_us", "k_dprk", "m_us", "m_dprk", "g0", "alpha", "lambda0")
"""The dynamic parameters the fit moves: reactivity, restraint, grievance, inflation and leak."""


def side_of(actor: str) -> str:
    """`us`, `dprk` or `third` for an actor id of the event record."""
    return "us" if actor in US_SIDE else "dprk" if actor in DPRK_SIDE else "third"


def day_count(start: date = START, end: date = END) -> int:
    return (end - start).days + 1


def _day_of(e: Event, start: date) -> int:
    return (e.date - start).days


def decayed(x_d: np.ndarray, half_life_days: float) -> np.ndarray:
    """Exponentially decayed running sum s[t] = r * s[t-1] + x[t], r = 2^(-1/half-life); 0 keeps the raw days."""
    if half_life_days <= 0:
        return np.asarray(x_d, dtype=np.float64).copy()
    r = 0.5 ** (1.0 / half_life_days)
    return lfilter([1.0], [1.0, -r], np.asarray(x_d, dtype=np.float64))


def month_labels(start: date = START, end: date = END) -> tuple[str, ...]:
    months = np.arange(np.datetime64(start, "M"), np.datetime64(end, "M") + 1)
    return tuple(str(m) for m in months)


def monthly_means(x_d: np.ndarray, start: date = START) -> np.ndarray:
    """Calendar-month means of a daily series that starts on `start`."""
    days = np.datetime64(start, "D") + np.arange(len(x_d))
    month_d = days.astype("datetime64[M]")
    starts = np.flatnonzero(np.r_[True, month_d[1:] != month_d[:-1]])
    sums = np.add.reduceat(np.asarray(x_d, dtype=np.float64), starts)
    counts = np.diff(np.r_[starts, len(x_d)])
    return sums / counts


# --- 1. The observed index -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexSettings:
    """The choices behind the observed index; each is a documented parameter, not a constant."""

    half_life_days: float = 30.0
    """How long an event keeps weighing on the index (0 = only on its own day)."""
    third_party_weight: float = 0.0
    """Weight of events by neither principal (0 = the US and the DPRK only)."""


@dataclass(frozen=True)
class ObservedIndex:
    """Daily (`*_d`) and monthly (`*_m`) tension, higher = more hostile, for each side and overall."""

    start: date
    months: tuple[str, ...]
    us_d: np.ndarray
    dprk_d: np.ndarray
    third_d: np.ndarray
    tension_d: np.ndarray
    us_m: np.ndarray
    dprk_m: np.ndarray
    tension_m: np.ndarray


def daily_scores(events: tuple[Event, ...], start: date = START, end: date = END) -> dict[str, np.ndarray]:
    """Sum of Goldstein scores by day for each side; events outside the window are ignored."""
    n = day_count(start, end)
    out = {s: np.zeros(n, dtype=np.float64) for s in (*SIDES, "third")}
    for e in events:
        t = _day_of(e, start)
        if 0 <= t < n:
            out[side_of(e.actor)][t] += e.goldstein
    return out


def observed_index(events: tuple[Event, ...], settings: IndexSettings = IndexSettings(),
                   start: date = START, end: date = END) -> ObservedIndex:
    scores = daily_scores(events, start, end)
    us_d, dprk_d, third_d = (-decayed(scores[s], settings.half_life_days) for s in (*SIDES, "third"))
    tension_d = us_d + dprk_d + settings.third_party_weight * third_d
    return ObservedIndex(start=start, months=month_labels(start, end), us_d=us_d, dprk_d=dprk_d, third_d=third_d,
                         tension_d=tension_d, us_m=monthly_means(us_d, start), dprk_m=monthly_means(dprk_d, start),
                         tension_m=monthly_means(tension_d, start))


# --- 2. The replay ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReplaySettings:
    """How the record drives the kernel; the values are judgement, documented in data/README.md."""

    rhetoric_floor: float = 2.0
    """Rhetoric (0-10) of a side with no recent verbal events."""
    rhetoric_per_point: float = 0.2
    """Rhetoric points per Goldstein point of the side's decayed stock: the Aug-Sep 2017 peak (a stock of about 35)
    then reaches rhetoric 9, between the baseline scenario (7-8) and the escalation one (9.5-10). With
    `rhetoric_events="verbal"` the peak stock is about 17, so 0.4 gives the same peak."""
    rhetoric_half_life_days: float = 30.0
    rhetoric_events: str = "all"
    """Which of a side's events set its rhetoric: "all" (tests and exercises are messages too) or "verbal"
    (CAMEO roots 01-05 and 09-13 only, a stricter check in which material conflict is left to the incidents)."""
    runs: int = 200
    seed: int = 2017
    scenario: str = "baseline"
    """Bundled scenario that supplies the network: conductance, mediation and support."""


def is_gesture(e: Event) -> bool:
    """A principal's de-escalation act other than a plain statement becomes an offer in the replay."""
    return e.direction == "de-escalation" and e.category != "statement" and (
        side_of(e.actor) != "third" or e.actor == "unofficial")


_CATALOGUE_MAP = {
    ("dprk", "concession"): "dprk_test_pause",
    ("us", "concession"): "us_exercise_scaledown",
    ("dprk", "detainee_release"): "envoy_prisoner_release",
    ("dprk", "letter"): "dprk_leader_letter",
}


def gesture_id_for(e: Event) -> str:
    """The catalogue gesture an event stands for, or the generic replay gesture of its sender."""
    if e.actor == "unofficial":
        return "replay_unofficial_visit"
    side = side_of(e.actor)
    return _CATALOGUE_MAP.get((side, e.category), f"replay_{side}_step")


def _drives_rhetoric(e: Event, settings: ReplaySettings) -> bool:
    return settings.rhetoric_events == "all" or e.cameo_root in VERBAL_ROOTS


def rhetoric_series(events: tuple[Event, ...], settings: ReplaySettings,
                    start: date = START, end: date = END) -> dict[str, np.ndarray]:
    """Daily rhetoric (0-10) for each principal from its events that are not gestures (`rhetoric_events`
    picks all of them or the verbal ones only)."""
    n = day_count(start, end)
    out = {}
    for side in SIDES:
        x = np.zeros(n, dtype=np.float64)
        for e in events:
            t = _day_of(e, start)
            if 0 <= t < n and side_of(e.actor) == side and _drives_rhetoric(e, settings) and not is_gesture(e):
                x[t] -= e.goldstein
        stock = decayed(x, settings.rhetoric_half_life_days)
        out[side] = np.clip(settings.rhetoric_floor + settings.rhetoric_per_point * stock, 0.0, 10.0)
    return out


def replay_offers(events: tuple[Event, ...], start: date = START, end: date = END) -> tuple[Offer, ...]:
    catalogue: dict[str, Gesture] = {**load_gestures().by_id(), **load_replay_gestures().by_id()}
    n = day_count(start, end)
    offers = [Offer(catalogue[gesture_id_for(e)], _day_of(e, start)) for e in events
              if is_gesture(e) and 0 <= _day_of(e, start) < n]
    return tuple(sorted(offers, key=lambda o: o.day))


def replay_drive(events: tuple[Event, ...], settings: ReplaySettings = ReplaySettings()) -> Drive:
    network = drive_for(bundled(settings.scenario).scenario)
    rhetoric = rhetoric_series(events, settings)
    return Drive(rhetoric_us_d=rhetoric["us"].astype(np.float32), rhetoric_dprk_d=rhetoric["dprk"].astype(np.float32),
                 conductance=network.conductance, mediation=network.mediation, support=network.support,
                 offers=replay_offers(events), runs=settings.runs, seed=settings.seed)


REST_DAYS = 365
"""Days the replay's day-0 rhetoric is held before 2017-01-01, so the replay starts from the state that rhetoric
settles to rather than from an arbitrary one."""
SCENARIO_START = date(2017, 11, 27)
"""The commentary's moment: every scenario starts where the replay stands on this day (late November 2017)."""
START_NAMES = ("p0", "x0_us", "x0_dprk", "f0_us", "f0_dprk")
_START_SERIES = ("pressure", "hostility_us", "hostility_dprk", "face_us", "face_dprk")


def _median_state(bands: dict, day: int) -> dict[str, float]:
    return {name: float(bands[series].p50[day]) for name, series in zip(START_NAMES, _START_SERIES)}


def rest_state(drive: Drive, p: Parameters) -> dict[str, float]:
    """The median state after REST_DAYS of the drive's first-day rhetoric with no gestures (starting from that
    rhetoric as hostility, no face and no pressure): the values of START_NAMES the replay starts from."""
    flat = replace(drive, rhetoric_us_d=np.full(REST_DAYS, drive.rhetoric_us_d[0], np.float32),
                   rhetoric_dprk_d=np.full(REST_DAYS, drive.rhetoric_dprk_d[0], np.float32), offers=())
    start = replace(p, p0=0.0, x0_us=float(drive.rhetoric_us_d[0]), x0_dprk=float(drive.rhetoric_dprk_d[0]),
                    f0_us=0.0, f0_dprk=0.0)
    return _median_state(run_kernel(flat, start).bands, REST_DAYS - 1)


def replay_trajectories(drive: Drive, params: Parameters):
    """The kernel over the record, started from the rest state of its first day."""
    return run_kernel(drive, replace(params, **rest_state(drive, params)))


def model_pressure_m(drive: Drive, params: Parameters) -> np.ndarray:
    """Monthly means of the median pressure path of a replay that starts at rest."""
    return monthly_means(replay_trajectories(drive, params).bands["pressure"].p50)


def scenario_start_state(params: Parameters | None = None,
                         replay: ReplaySettings = ReplaySettings()) -> dict[str, float]:
    """Where the replay stands on SCENARIO_START (medians, rounded as parameters.csv stores them): the start of
    every scenario, so the replay and the baseline tell one story."""
    events = load_events()
    traj = replay_trajectories(replay_drive(events, replay), params or default_parameters())
    return {k: round(v, 3) for k, v in _median_state(traj.bands, (SCENARIO_START - START).days).items()}


# --- 3. Scores and the fit -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    r: float
    rmse: float


def _window(months: tuple[str, ...], bounds: tuple[str, str]) -> np.ndarray:
    return np.array([bounds[0] <= m <= bounds[1] for m in months])


def link(model_m: np.ndarray, observed_m: np.ndarray, mask: np.ndarray) -> tuple[float, float]:
    """Least-squares a, b in observed = a + b * model over the masked months (b = 0 for a flat model)."""
    x, y = model_m[mask], observed_m[mask]
    var = float(np.var(x))
    b = 0.0 if var < 1e-12 else float(np.mean((x - x.mean()) * (y - y.mean())) / var)
    return float(y.mean() - b * x.mean()), b


def score(pred: np.ndarray, obs: np.ndarray) -> Score:
    """Pearson r (0 when either series is flat) and root-mean-square error."""
    rmse = float(np.sqrt(np.mean((pred - obs) ** 2)))
    if np.std(pred) < 1e-12 or np.std(obs) < 1e-12:
        return Score(r=0.0, rmse=rmse)
    return Score(r=float(np.corrcoef(pred, obs)[0, 1]), rmse=rmse)


REFERENCES = {
    "persistence": "Persistence (last month's value)",
    "climatology": "Climatology (the fit window's mean)",
    "rhetoric": "Rhetoric input alone",
}
"""The naive forecasts the replay must beat to have earned its dynamics, by id (as in the JSON) and label."""


def reference_predictions(observed: ObservedIndex, rhetoric_m: np.ndarray) -> dict[str, np.ndarray]:
    """Monthly predictions of each reference. Persistence has none for the first month (NaN); climatology is the
    fit window's mean; the rhetoric input (both sides' monthly mean) is linked to the index on the fit window by
    least squares, exactly as the model's pressure is."""
    y = observed.tension_m
    fit_mask = _window(observed.months, FIT_MONTHS)
    a, b = link(rhetoric_m, y, fit_mask)
    return {"persistence": np.r_[np.nan, y[:-1]], "climatology": np.full(len(y), float(y[fit_mask].mean())),
            "rhetoric": a + b * rhetoric_m}


def scores_by_window(pred: np.ndarray, observed: ObservedIndex) -> dict[str, Score]:
    """`score` on the fit window and out of sample, over the months where the prediction exists."""
    out = {}
    for key, bounds in (("in_sample", FIT_MONTHS), ("out_of_sample", TEST_MONTHS)):
        mask = _window(observed.months, bounds) & np.isfinite(pred)
        out[key] = score(pred[mask], observed.tension_m[mask])
    return out


@dataclass(frozen=True)
class HistoryResult:
    """The replay of one parameter set against the index, scored in and out of the fit window."""

    observed: ObservedIndex
    model_raw_m: np.ndarray
    model_m: np.ndarray
    intercept: float
    slope: float
    in_sample: Score
    out_of_sample: Score
    params: Parameters
    index_settings: IndexSettings
    replay_settings: ReplaySettings
    rhetoric: dict[str, np.ndarray] = field(repr=False)

    def reference_scores(self) -> dict[str, dict[str, Score]]:
        """r and RMSE of each reference forecast on both windows (see `reference_predictions`)."""
        rhetoric_m = monthly_means(self.rhetoric["us"] + self.rhetoric["dprk"], self.observed.start)
        return {name: scores_by_window(pred, self.observed)
                for name, pred in reference_predictions(self.observed, rhetoric_m).items()}

    def best_by_window(self) -> dict[str, str]:
        """Which of the model and the references has the smallest RMSE in each window ("model" or a reference)."""
        refs = self.reference_scores()
        return {w: min([("model", getattr(self, w).rmse), *((n, s[w].rmse) for n, s in refs.items())],
                       key=lambda item: item[1])[0] for w in ("in_sample", "out_of_sample")}

    def monthly_rows(self) -> list[dict]:
        """One row a month: the overall index, each side's part of it, the model, and the window."""
        fit_mask, test_mask = _window(self.observed.months, FIT_MONTHS), _window(self.observed.months, TEST_MONTHS)
        return [{"month": m, "observed_tension": round(float(o), 6), "observed_tension_us": round(float(u), 6),
                 "observed_tension_dprk": round(float(d), 6), "model_tension": round(float(p), 6),
                 "window": "fit" if f else "out_of_sample" if t else ""}
                for m, o, u, d, p, f, t in zip(self.observed.months, self.observed.tension_m, self.observed.us_m,
                                               self.observed.dprk_m, self.model_m, fit_mask, test_mask)]

    def to_dict(self) -> dict:
        """The CLI's JSON: monthly series, fit scores for both windows, and the parameters behind them."""
        rnd = lambda v: round(float(v), 6)  # noqa: E731
        fitted = {n: rnd(getattr(self.params, n)) for n in FIT_NAMES}
        return {
            "monthly": [{"month": m, "observed_tension": rnd(o), "model_tension": rnd(p)}
                        for m, o, p in zip(self.observed.months, self.observed.tension_m, self.model_m)],
            "fit": {"in_sample": {"r": rnd(self.in_sample.r), "rmse": rnd(self.in_sample.rmse)},
                    "out_of_sample": {"r": rnd(self.out_of_sample.r), "rmse": rnd(self.out_of_sample.rmse)}},
            "reference_scores": {name: {w: {"r": rnd(s.r), "rmse": rnd(s.rmse)} for w, s in windows.items()}
                                 for name, windows in self.reference_scores().items()},
            "best_by_rmse": self.best_by_window(),
            "parameters": {**fitted, "link_intercept": rnd(self.intercept), "link_slope": rnd(self.slope),
                           **{f"index_{f.name}": getattr(self.index_settings, f.name) for f in fields(IndexSettings)},
                           **{f"replay_{f.name}": getattr(self.replay_settings, f.name)
                              for f in fields(ReplaySettings)},
                           "fit_months": list(FIT_MONTHS), "test_months": list(TEST_MONTHS)},
        }


def evaluate(events: tuple[Event, ...], params: Parameters | None = None, index: IndexSettings = IndexSettings(),
             replay: ReplaySettings = ReplaySettings(), drive: Drive | None = None) -> HistoryResult:
    """Replay the record with one parameter set and score it against the observed index."""
    params = params or default_parameters()
    observed = observed_index(events, index)
    drive = drive or replay_drive(events, replay)
    raw = model_pressure_m(drive, params)
    fit_mask, test_mask = _window(observed.months, FIT_MONTHS), _window(observed.months, TEST_MONTHS)
    a, b = link(raw, observed.tension_m, fit_mask)
    linked = a + b * raw
    return HistoryResult(
        observed=observed, model_raw_m=raw, model_m=linked, intercept=a, slope=b,
        in_sample=score(linked[fit_mask], observed.tension_m[fit_mask]),
        out_of_sample=score(linked[test_mask], observed.tension_m[test_mask]),
        params=params, index_settings=index, replay_settings=replay,
        rhetoric={"us": np.asarray(drive.rhetoric_us_d, dtype=np.float64),
                  "dprk": np.asarray(drive.rhetoric_dprk_d, dtype=np.float64)})


@dataclass(frozen=True)
class FitResult:
    history: HistoryResult
    start: dict[str, float]
    evaluations: int
    objective: float


def fit(events: tuple[Event, ...], *, index: IndexSettings = IndexSettings(), replay: ReplaySettings = ReplaySettings(),
        ridge: float = 0.05, max_evaluations: int = 500, start: Parameters | None = None,
        names: tuple[str, ...] = FIT_NAMES) -> FitResult:
    """Fit FIT_NAMES on the fit window with bounded Powell from the judgement defaults.

    The objective is the in-sample mean squared error of the linked model over the variance of the index,
    plus `ridge` times the squared distance from the defaults in range-scaled units, plus a penalty where
    Richardson's stability condition fails. The seed of `replay` fixes the kernel's noise, so the objective
    is a deterministic function of the parameters and the fit is reproducible by seed.
    """
    base = start or default_parameters()
    rows = {r.name: r for r in load_parameters()}
    lo = np.array([rows[n].min for n in names])
    span = np.array([rows[n].max - rows[n].min for n in names])
    u0 = (np.array([getattr(base, n) for n in names]) - lo) / span
    observed = observed_index(events, index)
    drive = replay_drive(events, replay)
    mask = _window(observed.months, FIT_MONTHS)
    y = observed.tension_m[mask]
    var_y = float(np.var(y)) or 1.0

    def params_at(u: np.ndarray) -> Parameters:
        return base.with_values(**{n: float(v) for n, v in zip(names, lo + np.clip(u, 0, 1) * span)})

    def objective(u: np.ndarray) -> float:
        p = params_at(u)
        raw = model_pressure_m(drive, p)[mask]
        a, b = link(raw, y, np.ones(len(y), dtype=bool))
        loss = float(np.mean((a + b * raw - y) ** 2)) / var_y + ridge * float(np.sum((u - u0) ** 2))
        if not p.richardson_stable():
            loss += 10.0
        return loss

    res = minimize(objective, u0, method="Powell", bounds=[(0.0, 1.0)] * len(names),
                   options={"maxfev": max_evaluations, "xtol": 1e-3, "ftol": 1e-4})
    best = params_at(res.x)
    return FitResult(history=evaluate(events, best, index, replay, drive=drive),
                     start={n: float(getattr(base, n)) for n in names},
                     evaluations=int(res.nfev), objective=float(res.fun))


def fitted_parameters() -> Parameters:
    """The parameter table with the values fitted to the record (`data/history_fit.csv`) in place."""
    return default_parameters().with_values(**{r.name: r.value for r in load_history_fit()})

