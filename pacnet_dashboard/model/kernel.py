"""The simulation kernel: all Monte Carlo runs stepped through the days at once.

State arrays hold both sides stacked (`x_sr`: side x run, row 0 the US, row 1 the DPRK) in float32. The daily
loop over runs is compiled with numba (`_days`): a plain numpy version made ~35 array passes a day and was
bound by call overhead and memory traffic; the compiled loop makes one pass. Gestures stay in numpy
(`_make_offer`), applied between the two halves of their day. Two numerical shortcuts keep it fast, both far
below sampling error:
- misperception noise is drawn as 16-bit uniform integers mapped through a table of 65,536 normal quantiles
  (a discretised normal, tails cut at 4.2 sigma), four draws per 64-bit random word;
- the pop hazard exp(-theta*tau/mu), tau = (1 + P/P_ref)^(-2/3), is read from a table of its values at the
  centres of 32,768 equal cells spanning the pressure's provable range (relative error below 1e-3).
Each purpose has its own seeded stream, so scenarios with one seed share noise and incidents (common random
numbers): 0 incidents, 1 misperception, 2+k gesture k of the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numba import njit
from scipy.special import ndtri

from pacnet_dashboard.io.data import Gesture, load_gestures
from pacnet_dashboard.model.parameters import Parameters
from pacnet_dashboard.model.series import QUANTILES, SERIES_NAMES, series_index

F32 = np.float32
BAND_RUNS = 1000
"""Percentile bands come from the first BAND_RUNS runs (all runs when fewer); a p10 from 1,000 runs is within
about two percentile points, finer than a fan chart can show, and sorting more runs would dominate a rerun."""
NOISE_BLOCK_DAYS = 32
HAZARD_TABLE_STEPS = 32768
RECORDED = ("pressure", "hostility_us", "hostility_dprk", "face_us", "face_dprk")
"""What `_days` records, in the order of its record lines; each goes to its series' row of the record."""


@dataclass(frozen=True)
class Offer:
    """A gesture made on a day: scheduled by the scenario (parent None) or an answer to an accepted offer."""

    gesture: Gesture
    day: int
    parent: int | None = None


@dataclass(frozen=True)
class Drive:
    """Everything the kernel needs besides the parameters; a scenario or the historical record builds one."""

    rhetoric_us_d: np.ndarray
    rhetoric_dprk_d: np.ndarray
    conductance: float
    mediation: float
    support: float
    offers: tuple[Offer, ...]
    runs: int
    seed: int

    @property
    def horizon(self) -> int:
        return int(self.rhetoric_us_d.shape[0])


@dataclass(frozen=True)
class Band:
    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray


@dataclass(frozen=True)
class OfferOutcome:
    """How often an offer was made, accepted and answered, as shares of all runs."""

    made: float
    accepted: float
    answered: float


@dataclass(frozen=True)
class Trajectories:
    """What the kernel returns: the burst curve, percentile bands and per-offer outcomes."""

    burst_by_day: np.ndarray
    bands: dict[str, Band]
    offers: tuple[Offer, ...]
    outcomes: tuple[OfferOutcome, ...]
    mean_final: dict[str, float]


def expand_offers(scheduled: tuple[Offer, ...], horizon: int) -> tuple[Offer, ...]:
    """Add the reciprocal answers that accepted offers may draw.

    An answer is made at most once in a chain and never duplicates a gesture the scenario already schedules,
    so mutual answers (test pause <-> exercise scale-down) cannot loop.
    """
    catalogue = load_gestures().by_id()
    scheduled_ids = {o.gesture.id for o in scheduled}
    offers = list(scheduled)
    for i, offer in enumerate(offers):  # the list grows while we walk it: answers may draw answers
        reply, day = offer.gesture.reciprocal, offer.day + offer.gesture.lag_days
        if reply is not None and reply not in scheduled_ids and reply not in _chain_ids(offers, i) and day < horizon:
            offers.append(Offer(catalogue[reply], day, parent=i))
    return tuple(offers)


def _chain_ids(offers: list[Offer], i: int | None) -> set[str]:
    ids = set()
    while i is not None:
        ids.add(offers[i].gesture.id)
        i = offers[i].parent
    return ids


@lru_cache(maxsize=1)
def normal_table() -> np.ndarray:
    return ndtri((np.arange(65536, dtype=np.float64) + 0.5) / 65536).astype(F32)


def pressure_bound(drive: Drive, p: Parameters) -> float:
    """No run's pressure exceeds this: inflow is at most 10*alpha a day against a leak of at least lambda, plus
    every backfire once. It ignores which gestures are scheduled, so the hazard table (and every day before a
    gesture) is the same with or without it."""
    leak = p.lambda0 + p.lambda_c * drive.conductance
    steady = 10.0 * p.alpha / leak if leak > 0 else 10.0 * p.alpha * drive.horizon
    catalogue = load_gestures().gestures
    others = {o.gesture.id: o.gesture for o in drive.offers if o.gesture not in catalogue}
    return max(p.p0, steady) + sum(g.backfire for g in (*catalogue, *others.values())) + 1.0


def hazard_factor(pressure: np.ndarray | float, p: Parameters) -> np.ndarray | float:
    """Chance per incident that it pops the balloon: exp(-theta*tau/mu), with tau the skin thickness."""
    tau = (1.0 + np.asarray(pressure, dtype=np.float64) / p.p_ref) ** (-2.0 / 3.0)
    return np.exp(-p.theta * tau / p.mu)


@lru_cache(maxsize=64)
def hazard_lookup_table(bound: float, p: Parameters) -> np.ndarray:
    """hazard_factor at the centres of HAZARD_TABLE_STEPS cells over [0, bound]; index = floor(P * steps/bound)."""
    centres = (np.arange(HAZARD_TABLE_STEPS + 2) + 0.5) * (bound / HAZARD_TABLE_STEPS)
    table = hazard_factor(centres, p).astype(F32)
    table.setflags(write=False)  # cached and shared between runs
    return table


def run_kernel(drive: Drive, p: Parameters) -> Trajectories:
    """Step all runs through the horizon and summarise them.

    Streams: 0 incidents, 1 misperception, 2+k gesture k of the catalogue, then one per gesture outside the
    catalogue (the historical replay's) in id order, so catalogue-only drives keep their streams."""
    horizon, runs = drive.horizon, drive.runs
    catalogue_ids = [g.id for g in load_gestures().gestures]
    catalogue_ids += sorted({o.gesture.id for o in drive.offers} - set(catalogue_ids))
    streams = np.random.SeedSequence(drive.seed).spawn(2 + len(catalogue_ids))
    threshold_r = np.random.default_rng(streams[0]).standard_exponential(runs, dtype=F32)
    noise_bits = np.random.PCG64(streams[1])
    gesture_rngs = {gid: np.random.default_rng(s) for gid, s in zip(catalogue_ids, streams[2:])}

    offers = expand_offers(drive.offers, horizon)
    offers_by_day: dict[int, list[int]] = {}
    for i, o in enumerate(offers):
        offers_by_day.setdefault(o.day, []).append(i)
    answered_r: dict[int, np.ndarray] = {}
    outcomes = [OfferOutcome(0.0, 0.0, 0.0)] * len(offers)

    sigma = p.sigma0 / (1.0 + p.c_noise * drive.conductance)
    noise_table_s = np.stack([normal_table() * F32(p.k_us * sigma), normal_table() * F32(p.k_dprk * sigma)])
    bound = pressure_bound(drive, p)
    hazard_table = hazard_lookup_table(bound, p)
    grievance_ds = (np.stack([drive.rhetoric_us_d, drive.rhetoric_dprk_d], axis=1) * (p.g0 / 10.0)).astype(F32)
    const = np.zeros(_N_CONST, F32)
    const[[_KEEP_US, _KEEP_DP, _K_US, _K_DP, _PHI, _BETA10, _FACE_KEEP, _LEAK, _ALPHA_HALF, _INV_STEP, _IOTA0,
           _IOTA20, _TRUST_KEEP, _TRUST_ADD]] = [
        1.0 - p.m_us, 1.0 - p.m_dprk, p.k_us, p.k_dprk, p.phi, p.beta / 10.0, 1.0 - p.face_decay,
        1.0 - (p.lambda0 + p.lambda_c * drive.conductance), p.alpha / 2.0, HAZARD_TABLE_STEPS / bound, p.iota0,
        p.iota0 / 20.0, 1.0 - p.trust_recovery, p.trust_recovery]

    x_sr = np.stack([np.full(runs, drive.rhetoric_us_d[0], F32), np.full(runs, drive.rhetoric_dprk_d[0], F32)])
    face_sr = np.zeros((2, runs), F32)
    pressure_r = np.full(runs, p.p0, F32)
    trust_r = np.ones(runs, F32)
    cum_hazard_r = np.zeros(runs, F32)
    record = np.empty((horizon, len(SERIES_NAMES), min(runs, BAND_RUNS)), F32)
    rows = np.array([series_index(name) for name in RECORDED], np.int64)
    new_pops_d = np.zeros(horizon, np.int64)
    support_gain = 1.0 + p.praise * drive.support

    trusting = False
    for t0, t1 in _segments(horizon, sorted(offers_by_day)):
        if t0 % NOISE_BLOCK_DAYS == 0:
            days = min(NOISE_BLOCK_DAYS, horizon - t0)
            words = noise_bits.random_raw(-(-days * 2 * runs // 4))
            draws_dsr = words.view(np.uint16)[: days * 2 * runs].reshape(days, 2, runs)
            block_start = t0
        state = (x_sr, face_sr, pressure_r, trust_r, cum_hazard_r, threshold_r, grievance_ds, noise_table_s,
                 draws_dsr, hazard_table, const, record, rows, new_pops_d)
        if t0 not in offers_by_day:
            _days(t0, t1, block_start, True, True, trusting, *state)
            continue
        _days(t0, t1, block_start, True, False, trusting, *state)
        for i in offers_by_day[t0]:
            outcomes[i] = _make_offer(i, offers[i], p, drive.mediation, gesture_rngs[offers[i].gesture.id],
                                      support_gain, answered_r, x_sr, face_sr, pressure_r, trust_r)
        trusting = True
        _days(t0, t1, block_start, False, True, trusting, *state)

    bands = _bands(record)
    final = dict(zip(RECORDED, (pressure_r, x_sr[0], x_sr[1], face_sr[0], face_sr[1])))
    mean_final = {name: float(final[name].mean()) for name in SERIES_NAMES}
    return Trajectories(burst_by_day=np.cumsum(new_pops_d) / runs, bands=bands, offers=offers,
                        outcomes=tuple(outcomes), mean_final=mean_final)


def _segments(horizon: int, offer_days: list[int]) -> list[tuple[int, int]]:
    """Day ranges [t0, t1) that stay inside one noise block; each offer day is a range of its own."""
    cuts = sorted({0, horizon, *range(0, horizon, NOISE_BLOCK_DAYS), *offer_days, *(d + 1 for d in offer_days)})
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < horizon]


# Indices into the kernel's float32 constant vector (numba takes one array more cheaply than many scalars).
(_KEEP_US, _KEEP_DP, _K_US, _K_DP, _PHI, _BETA10, _FACE_KEEP, _LEAK, _ALPHA_HALF, _INV_STEP, _IOTA0, _IOTA20,
 _TRUST_KEEP, _TRUST_ADD, _N_CONST) = range(15)
_ZERO, _ONE, _TEN = F32(0.0), F32(1.0), F32(10.0)


@njit(cache=True, nogil=True)
def _days(t0, t1, block_start, dynamics, settle, trusting, x_sr, face_sr, pressure_r, trust_r, cum_hazard_r,
          threshold_r, grievance_ds, noise_table_s, draws_dsr, hazard_table, c, record, rows, new_pops_d):
    """Days t0..t1-1 over contiguous run arrays. A gesture day runs in two calls around the gestures: first
    `dynamics` (Richardson step with misperception, face drift, inflation), then `settle` (clip face,
    accumulate the pop hazard, recover trust, record the bands: `rows[k]` is the record row of RECORDED[k])."""
    band_n = record.shape[2]
    last_cell = hazard_table.shape[0] - 1
    runs = pressure_r.shape[0]
    for t in range(t0, t1):
        d = t - block_start
        for i in range(runs if dynamics else 0):
            xu, xd, fu, fd = x_sr[0, i], x_sr[1, i], face_sr[0, i], face_sr[1, i]
            gu = grievance_ds[t, 0] + c[_PHI] * max(-fu, _ZERO)
            gd = grievance_ds[t, 1] + c[_PHI] * max(-fd, _ZERO)
            if trusting:
                gu *= trust_r[i]
                gd *= trust_r[i]
            xu_new = c[_KEEP_US] * xu + c[_K_US] * xd + noise_table_s[0, draws_dsr[d, 0, i]] + gu
            xd_new = c[_KEEP_DP] * xd + c[_K_DP] * xu + noise_table_s[1, draws_dsr[d, 1, i]] + gd
            xu_new = min(max(xu_new, _ZERO), _TEN)
            xd_new = min(max(xd_new, _ZERO), _TEN)
            drift = (xu_new - xd_new) * c[_BETA10]
            x_sr[0, i] = xu_new
            x_sr[1, i] = xd_new
            face_sr[0, i] = fu * c[_FACE_KEEP] + drift
            face_sr[1, i] = fd * c[_FACE_KEEP] - drift
            pressure_r[i] = pressure_r[i] * c[_LEAK] + c[_ALPHA_HALF] * (xu_new + xd_new)
        for i in range(runs if settle else 0):
            fu = min(max(face_sr[0, i], -_ONE), _ONE)
            fd = min(max(face_sr[1, i], -_ONE), _ONE)
            face_sr[0, i] = fu
            face_sr[1, i] = fd
            cell = min(int(pressure_r[i] * c[_INV_STEP]), last_cell)
            before = cum_hazard_r[i]
            after = before + hazard_table[cell] * (c[_IOTA0] + c[_IOTA20] * (x_sr[0, i] + x_sr[1, i]))
            cum_hazard_r[i] = after
            if before <= threshold_r[i] < after:
                new_pops_d[t] += 1
            if trusting:
                trust_r[i] = trust_r[i] * c[_TRUST_KEEP] + c[_TRUST_ADD]
            if i < band_n:
                record[t, rows[0], i] = pressure_r[i]
                record[t, rows[1], i] = x_sr[0, i]
                record[t, rows[2], i] = x_sr[1, i]
                record[t, rows[3], i] = fu
                record[t, rows[4], i] = fd


def _bands(record_dsn: np.ndarray) -> dict[str, Band]:
    """p10/p50/p90 by day of each series (nearest-rank quantiles over the recorded runs; a SIMD sort beats
    a three-way partition here)."""
    n = record_dsn.shape[2]
    ranks = [min(n - 1, int(q * n)) for q in QUANTILES.values()]
    q_dsq = np.sort(record_dsn, axis=2)[:, :, ranks].astype(np.float64)
    return {name: Band(q_dsq[:, k, 0], q_dsq[:, k, 1], q_dsq[:, k, 2]) for k, name in enumerate(SERIES_NAMES)}


def _make_offer(i: int, offer: Offer, p: Parameters, mediation: float, rng: np.random.Generator,
                support_gain: float, answered_r: dict[int, np.ndarray], x_sr: np.ndarray, face_sr: np.ndarray,
                pressure_r: np.ndarray, trust_r: np.ndarray) -> OfferOutcome:
    """Apply one offer to every run in place: acceptance, release or backfire, face, trust and the answer."""
    g = offer.gesture
    runs = pressure_r.shape[0]
    u_accept, u_answer = rng.random((2, runs), dtype=F32)
    made = np.ones(runs, dtype=bool) if offer.parent is None else answered_r[offer.parent]
    side = {"us": 0, "dprk": 1}
    recipient, sender = side[g.recipient], side[g.sender]
    gain_recipient = g.gain.dprk if g.recipient == "dprk" else g.gain.us
    base = np.log(g.base_acceptance / (1.0 - g.base_acceptance))
    logit = base + p.a_f * gain_recipient + p.a_m * mediation - p.a_x * x_sr[recipient] / 10.0
    accepted = made & (u_accept < 1.0 / (1.0 + np.exp(-logit)))
    rejected = made & ~accepted

    pressure_r -= g.release * accepted
    pressure_r += g.backfire * rejected
    np.maximum(pressure_r, 0, out=pressure_r)
    face_sr[0] += (g.gain.us * (support_gain if g.sender == "us" else 1.0)) * accepted
    face_sr[1] += g.gain.dprk * accepted
    face_sr[sender] -= g.face_loss_on_rejection * rejected
    trust_r *= np.where(accepted, F32(1.0 - p.trust_gain), F32(1.0))
    answered_r[i] = accepted & (u_answer < p.rho)
    return OfferOutcome(made=float(made.mean()), accepted=float(accepted.mean()),
                        answered=float(answered_r[i].mean()) if g.reciprocal else 0.0)
