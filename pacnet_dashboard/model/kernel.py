"""The simulation kernel: all Monte Carlo runs stepped through the days at once.

State arrays hold both sides stacked (`*_sr`: side x run, row 0 the US, row 1 the DPRK) in float32: hostility
x, face F, rhetoric R (state anchored on the drive's daily schedule), distrust D (a multiplier on grievance,
1 before any gesture), plus pressure P and the cumulative pop hazard per run. The daily loop over runs is
compiled with numba (`_days`, `nogil=True` so threads can share a process); gestures stay in numpy
(`_make_offer`), applied between the two halves of their day. Numerical shortcuts, all far below sampling
error:
- misperception noise and the incident draws are 16-bit uniform integers (four per 64-bit random word); the
  noise maps them through a table of 65,536 normal quantiles (a discretised normal, tails cut at 4.2 sigma);
- the pop hazard per incident, exp(-theta*tau*y/mu), is read from a table of its values at the centres of
  HAZARD_TABLE_STEPS equal cells over [0, P_MAX]; pressure is capped at P_MAX, far above anything reached.
Each purpose has its own seeded stream, so scenarios with one seed share noise and incidents (common random
numbers): 0 pop thresholds, 1 daily draws, and one substream per offer keyed by (gesture, day, parent gesture),
so adding a gesture never changes the draws of another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from numba import njit
from scipy.special import ndtri

from pacnet_dashboard.io.data import Gesture, load_gestures
from pacnet_dashboard.model.mechanisms import check_off
from pacnet_dashboard.model.parameters import Parameters
from pacnet_dashboard.model.series import QUANTILES, SERIES_NAMES, series_index

F32 = np.float32
BAND_RUNS = 1000
"""Percentile bands come from the first BAND_RUNS runs (all runs when fewer); a p10 from 1,000 runs is within
about two percentile points, finer than a fan chart can show, and sorting more runs would dominate a rerun."""
NOISE_BLOCK_DAYS = 32
HAZARD_TABLE_STEPS = 65536
P_MAX = 400.0
"""Pressure cap: the balloon holds no more. No scenario's p90 comes near it (tested)."""
RECORDED = ("pressure", "hostility_us", "hostility_dprk", "face_us", "face_dprk", "rhetoric_us", "rhetoric_dprk")
"""What `_days` records, in the order of its record lines; each goes to its series' row of the record."""
DRAWS = 3
"""16-bit draws per run and day: misperception noise for each side, and the incident draw."""


@dataclass(frozen=True)
class Offer:
    """A gesture made on a day: scheduled by the scenario (parent None) or an answer to an accepted offer."""

    gesture: Gesture
    day: int
    parent: int | None = None


@dataclass(frozen=True)
class Drive:
    """Everything the kernel needs besides the parameters; a scenario or the historical record builds one.

    `rhetoric_*_d` is each side's daily rhetoric schedule, the anchor its rhetoric state returns to; `off` holds
    the mechanism ids switched off for a knock-out analysis (see `mechanisms.MECHANISMS`)."""

    rhetoric_us_d: np.ndarray
    rhetoric_dprk_d: np.ndarray
    conductance: float
    mediation: float
    support: float
    offers: tuple[Offer, ...]
    runs: int
    seed: int
    off: frozenset[str] = field(default_factory=frozenset)

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
    """What the kernel returns: the burst curve, percentile bands, per-offer outcomes and who popped."""

    burst_by_day: np.ndarray
    bands: dict[str, Band]
    offers: tuple[Offer, ...]
    outcomes: tuple[OfferOutcome, ...]
    mean_final: dict[str, float]
    popped: np.ndarray
    """One bool per run: popped by the horizon (for paired standard errors under common random numbers)."""


def expand_offers(scheduled: tuple[Offer, ...], horizon: int) -> tuple[Offer, ...]:
    """Add the reciprocal answers that accepted offers may draw.

    An answer is made at most once in a chain and never duplicates a gesture the scenario already schedules
    (on any day), so mutual answers (test pause <-> exercise scale-down) cannot loop. A gesture scheduled on
    several days (a GRIT series) draws one answer per offer."""
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


def skin_yield(pressure: np.ndarray | float, p: Parameters) -> np.ndarray | float:
    """Share of the skin's strength left: 1 well below the yield pressure, 1/2 at it, falling to 0 beyond (the
    tipping point of an overinflated balloon): y = 1 / (1 + exp((P - P_yield) / w))."""
    z = (np.asarray(pressure, dtype=np.float64) - p.p_yield) / p.yield_width
    return 1.0 / (1.0 + np.exp(np.clip(z, -60.0, 60.0)))


def hazard_factor(pressure: np.ndarray | float, p: Parameters) -> np.ndarray | float:
    """Chance per incident that it pops the balloon: exp(-theta*tau*y/mu), with tau the skin thickness and y
    the share of the skin's strength left."""
    pressure = np.asarray(pressure, dtype=np.float64)
    tau = (1.0 + pressure / p.p_ref) ** (-2.0 / 3.0)
    return np.exp(-p.theta * tau * skin_yield(pressure, p) / p.mu)


@lru_cache(maxsize=64)
def hazard_lookup_table(p: Parameters) -> np.ndarray:
    """hazard_factor at the centres of HAZARD_TABLE_STEPS cells over [0, P_MAX]; index = floor(P * steps/P_MAX)."""
    centres = (np.arange(HAZARD_TABLE_STEPS + 2) + 0.5) * (P_MAX / HAZARD_TABLE_STEPS)
    table = hazard_factor(centres, p).astype(F32)
    table.setflags(write=False)  # cached and shared between runs
    return table


def misread_share(conductance: float, p: Parameters) -> float:
    """Chance that an incident is misread: psi = sigma / (1 + sigma), sigma = sigma0 / (1 + c C)."""
    sigma = p.sigma0 / (1.0 + p.c_noise * conductance)
    return sigma / (1.0 + sigma)


def _offer_stream(seed: int, gesture_index: int, offer: Offer, offers: tuple[Offer, ...],
                  index: dict[str, int]) -> np.random.Generator:
    """The offer's own substream: keyed by its gesture, day and the gesture it answers, never by its position."""
    parent = 0 if offer.parent is None else 1 + index[offers[offer.parent].gesture.id]
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(2 + gesture_index, offer.day, parent)))


def run_kernel(drive: Drive, p: Parameters) -> Trajectories:
    """Step all runs through the horizon and summarise them."""
    off = check_off(drive.off)
    horizon, runs = drive.horizon, drive.runs
    gesture_ids = [g.id for g in load_gestures().gestures]
    gesture_ids += sorted({o.gesture.id for o in drive.offers} - set(gesture_ids))
    index = {gid: k for k, gid in enumerate(gesture_ids)}
    streams = np.random.SeedSequence(drive.seed).spawn(2)
    threshold_r = np.random.default_rng(streams[0]).standard_exponential(runs, dtype=F32)
    draw_bits = np.random.PCG64(streams[1])

    offers = expand_offers(drive.offers, horizon)
    offers_by_day: dict[int, list[int]] = {}
    for i, o in enumerate(offers):
        offers_by_day.setdefault(o.day, []).append(i)
    answered_r: dict[int, np.ndarray] = {}
    outcomes = [OfferOutcome(0.0, 0.0, 0.0)] * len(offers)

    misperceive = "misperception" not in off
    sigma = p.sigma0 / (1.0 + p.c_noise * drive.conductance) if misperceive else 0.0
    noise_table_s = np.stack([normal_table() * F32(p.k_us * sigma), normal_table() * F32(p.k_dprk * sigma)])
    hazard_table = hazard_lookup_table(p)
    anchor_ds = np.stack([drive.rhetoric_us_d, drive.rhetoric_dprk_d], axis=1).astype(F32)
    respond = "rhetoric" not in off
    const = np.zeros(_N_CONST, F32)
    const[[_KEEP_US, _KEEP_DP, _K_US, _K_DP, _G010, _PHI, _BETA10, _FACE_KEEP, _LEAK, _ALPHA_HALF, _INV_STEP,
           _IOTA0, _IOTA20, _TRUST_KEEP, _TRUST_ADD, _ETA, _GAMMA, _PSI, _MIS_X, _MIS_P, _NEAR_P, _P_MAX, _SHIFT]] = [
        1.0 - p.m_us, 1.0 - p.m_dprk, p.k_us, p.k_dprk, p.g0 / 10.0, p.phi, p.beta / 10.0, 1.0 - p.face_decay,
        1.0 - (p.lambda0 + p.lambda_c * drive.conductance), p.alpha / 2.0, HAZARD_TABLE_STEPS / P_MAX, p.iota0,
        p.iota0 / 20.0, 1.0 - p.trust_recovery, p.trust_recovery, p.eta_r if respond else 1.0,
        p.gamma_r if respond else 0.0, misread_share(drive.conductance, p) * 65536.0 if misperceive else 0.0,
        p.misread_hostility, p.misread_pressure, p.near_miss_pressure, P_MAX, p.rhetoric_shift_max]

    x_sr = np.stack([np.full(runs, p.x0_us, F32), np.full(runs, p.x0_dprk, F32)])
    face_sr = np.stack([np.full(runs, p.f0_us, F32), np.full(runs, p.f0_dprk, F32)])
    rhetoric_sr = np.stack([np.full(runs, anchor_ds[0, 0], F32), np.full(runs, anchor_ds[0, 1], F32)])
    distrust_sr = np.ones((2, runs), F32)
    pressure_r = np.full(runs, p.p0, F32)
    cum_hazard_r = np.zeros(runs, F32)
    record = np.empty((horizon, len(SERIES_NAMES), min(runs, BAND_RUNS)), F32)
    rows = np.array([series_index(name) for name in RECORDED], np.int64)
    new_pops_d = np.zeros(horizon, np.int64)
    arrays = _Arrays(x_sr, face_sr, rhetoric_sr, distrust_sr, pressure_r)

    trusting = False
    for t0, t1 in _segments(horizon, sorted(offers_by_day)):
        if t0 % NOISE_BLOCK_DAYS == 0:
            days = min(NOISE_BLOCK_DAYS, horizon - t0)
            words = draw_bits.random_raw(-(-days * DRAWS * runs // 4))
            draws_dsr = words.view(np.uint16)[: days * DRAWS * runs].reshape(days, DRAWS, runs)
            block_start = t0
        state = (x_sr, face_sr, rhetoric_sr, distrust_sr, pressure_r, cum_hazard_r, threshold_r, anchor_ds,
                 noise_table_s, draws_dsr, hazard_table, const, record, rows, new_pops_d)
        if t0 not in offers_by_day:
            _days(t0, t1, block_start, True, True, trusting, *state)
            continue
        _days(t0, t1, block_start, True, False, trusting, *state)
        for i in offers_by_day[t0]:
            rng = _offer_stream(drive.seed, index[offers[i].gesture.id], offers[i], offers, index)
            outcomes[i] = _make_offer(i, offers[i], p, drive, off, rng, answered_r, arrays)
        trusting = True
        _days(t0, t1, block_start, False, True, trusting, *state)

    bands = _bands(record)
    final = dict(zip(RECORDED, (pressure_r, x_sr[0], x_sr[1], face_sr[0], face_sr[1], rhetoric_sr[0],
                                rhetoric_sr[1])))
    mean_final = {name: float(final[name].mean()) for name in SERIES_NAMES}
    return Trajectories(burst_by_day=np.cumsum(new_pops_d) / runs, bands=bands, offers=offers,
                        outcomes=tuple(outcomes), mean_final=mean_final, popped=cum_hazard_r > threshold_r)


def _segments(horizon: int, offer_days: list[int]) -> list[tuple[int, int]]:
    """Day ranges [t0, t1) that stay inside one noise block; each offer day is a range of its own."""
    cuts = sorted({0, horizon, *range(0, horizon, NOISE_BLOCK_DAYS), *offer_days, *(d + 1 for d in offer_days)})
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < horizon]


# Indices into the kernel's float32 constant vector (numba takes one array more cheaply than many scalars).
(_KEEP_US, _KEEP_DP, _K_US, _K_DP, _G010, _PHI, _BETA10, _FACE_KEEP, _LEAK, _ALPHA_HALF, _INV_STEP, _IOTA0,
 _IOTA20, _TRUST_KEEP, _TRUST_ADD, _ETA, _GAMMA, _PSI, _MIS_X, _MIS_P, _NEAR_P, _P_MAX, _SHIFT, _N_CONST) = range(24)
_ZERO, _ONE, _TEN = F32(0.0), F32(1.0), F32(10.0)


@njit(cache=True, nogil=True)
def _days(t0, t1, block_start, dynamics, settle, trusting, x_sr, face_sr, rhetoric_sr, distrust_sr, pressure_r,
          cum_hazard_r, threshold_r, anchor_ds, noise_table_s, draws_dsr, hazard_table, c, record, rows, new_pops_d):
    """Days t0..t1-1 over contiguous run arrays. A gesture day runs in two calls around the gestures: first
    `dynamics` (rhetoric, Richardson step with misperception, misread incidents, face drift, inflation), then
    `settle` (clip face, accumulate the pop hazard, recover trust, record the bands: `rows[k]` is the record row
    of RECORDED[k])."""
    band_n = record.shape[2]
    last_cell = hazard_table.shape[0] - 1
    runs = pressure_r.shape[0]
    for t in range(t0, t1):
        d = t - block_start
        au, ad = anchor_ds[t, 0], anchor_ds[t, 1]
        for i in range(runs if dynamics else 0):
            xu, xd, fu, fd = x_sr[0, i], x_sr[1, i], face_sr[0, i], face_sr[1, i]
            ru = rhetoric_sr[0, i]
            rd = rhetoric_sr[1, i]
            ru = ru + c[_ETA] * (au - ru) - c[_GAMMA] * fu
            rd = rd + c[_ETA] * (ad - rd) - c[_GAMMA] * fd
            ru = min(max(min(max(ru, au - c[_SHIFT]), au + c[_SHIFT]), _ZERO), _TEN)
            rd = min(max(min(max(rd, ad - c[_SHIFT]), ad + c[_SHIFT]), _ZERO), _TEN)
            rhetoric_sr[0, i] = ru
            rhetoric_sr[1, i] = rd
            gu = (c[_G010] * ru + c[_PHI] * max(-fu, _ZERO)) * distrust_sr[0, i]
            gd = (c[_G010] * rd + c[_PHI] * max(-fd, _ZERO)) * distrust_sr[1, i]
            xu_new = c[_KEEP_US] * xu + c[_K_US] * xd + noise_table_s[0, draws_dsr[d, 0, i]] + gu
            xd_new = c[_KEEP_DP] * xd + c[_K_DP] * xu + noise_table_s[1, draws_dsr[d, 1, i]] + gd
            pressure = pressure_r[i]
            # A misread incident: the incident draw falls below psi * iota; below psi * iota * (sqrt(h) - h) it
            # was also a near-miss (severity between half the skin's strength and all of it).
            u = F32(draws_dsr[d, 2, i])
            misread = c[_PSI] * (c[_IOTA0] + c[_IOTA20] * (xu + xd))
            if u < misread:
                h = hazard_table[min(int(pressure * c[_INV_STEP]), last_cell)]
                xu_new += c[_MIS_X]
                xd_new += c[_MIS_X]
                pressure += c[_MIS_P]
                if u < misread * (np.sqrt(h) - h):
                    pressure += c[_NEAR_P]
            xu_new = min(max(xu_new, _ZERO), _TEN)
            xd_new = min(max(xd_new, _ZERO), _TEN)
            drift = (xu_new - xd_new) * c[_BETA10]
            x_sr[0, i] = xu_new
            x_sr[1, i] = xd_new
            face_sr[0, i] = fu * c[_FACE_KEEP] + drift
            face_sr[1, i] = fd * c[_FACE_KEEP] - drift
            pressure_r[i] = min(pressure * c[_LEAK] + c[_ALPHA_HALF] * (xu_new + xd_new), c[_P_MAX])
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
                distrust_sr[0, i] = distrust_sr[0, i] * c[_TRUST_KEEP] + c[_TRUST_ADD]
                distrust_sr[1, i] = distrust_sr[1, i] * c[_TRUST_KEEP] + c[_TRUST_ADD]
            if i < band_n:
                record[t, rows[0], i] = pressure_r[i]
                record[t, rows[1], i] = x_sr[0, i]
                record[t, rows[2], i] = x_sr[1, i]
                record[t, rows[3], i] = fu
                record[t, rows[4], i] = fd
                record[t, rows[5], i] = rhetoric_sr[0, i]
                record[t, rows[6], i] = rhetoric_sr[1, i]


def _bands(record_dsn: np.ndarray) -> dict[str, Band]:
    """p10/p50/p90 by day of each series (nearest-rank quantiles over the recorded runs; a SIMD sort beats
    a three-way partition here)."""
    n = record_dsn.shape[2]
    ranks = [min(n - 1, int(q * n)) for q in QUANTILES.values()]
    q_dsq = np.sort(record_dsn, axis=2)[:, :, ranks].astype(np.float64)
    return {name: Band(q_dsq[:, k, 0], q_dsq[:, k, 1], q_dsq[:, k, 2]) for k, name in enumerate(SERIES_NAMES)}


@dataclass
class _Arrays:
    """The state arrays a gesture changes in place (never rebound: every update writes into them)."""

    x_sr: np.ndarray
    face_sr: np.ndarray
    rhetoric_sr: np.ndarray
    distrust_sr: np.ndarray
    pressure_r: np.ndarray


def acceptance_logit(g: Gesture, p: Parameters, drive: Drive, off: frozenset[str], x_r: np.ndarray,
                     face_r: np.ndarray) -> np.ndarray:
    """logit(q0) + a_f gain_rec - a_x x_rec/10 - a_d deficit_rec + a_m M [to the DPRK] + a_p S [US gestures]."""
    gain_recipient = g.gain.dprk if g.recipient == "dprk" else g.gain.us
    logit = (np.log(g.base_acceptance / (1.0 - g.base_acceptance)) + p.a_f * gain_recipient
             - p.a_x * x_r / 10.0 - p.a_d * np.maximum(-face_r, 0.0))
    if g.recipient == "dprk" and "mediation" not in off:
        logit = logit + p.a_m * drive.mediation  # China and Russia sound out Pyongyang, not Washington
    if g.sender == "us" and "praise" not in off:
        logit = logit + p.a_p * drive.support  # Seoul and Tokyo endorse Washington's gesture
    return logit


def _make_offer(i: int, offer: Offer, p: Parameters, drive: Drive, off: frozenset[str], rng: np.random.Generator,
                answered_r: dict[int, np.ndarray], a: _Arrays) -> OfferOutcome:
    """Apply one offer to every run in place: acceptance, then release, face and trust, or the rejection's costs."""
    g = offer.gesture
    runs = a.pressure_r.shape[0]
    u_accept, u_answer = rng.random((2, runs), dtype=F32)
    made = np.ones(runs, dtype=bool) if offer.parent is None else answered_r[offer.parent]
    side = {"us": 0, "dprk": 1}
    recipient, sender = side[g.recipient], side[g.sender]
    q = 1.0 / (1.0 + np.exp(-acceptance_logit(g, p, drive, off, a.x_sr[recipient], a.face_sr[recipient])))
    accepted = made & (u_accept < q)
    rejected = made & ~accepted
    size = g.release / 10.0

    if "release" not in off:
        a.pressure_r -= g.release * accepted
    if "face" not in off:
        praise = 1.0 + p.praise * drive.support if g.sender == "us" and "praise" not in off else 1.0
        a.face_sr[0] += F32(g.gain.us * (praise if sender == 0 else 1.0)) * accepted
        a.face_sr[1] += F32(g.gain.dprk * (praise if sender == 1 else 1.0)) * accepted
    if "trust" not in off:
        a.distrust_sr[recipient] *= np.where(accepted, F32(max(0.0, 1.0 - p.trust_gain * size)), F32(1.0))
        a.distrust_sr[sender] *= np.where(accepted, F32(max(0.0, 1.0 - 0.5 * p.trust_gain * size)),
                                          np.where(rejected, F32(1.0 + p.trust_erosion * size), F32(1.0)))
    if "rejection" not in off:
        a.pressure_r += g.backfire * rejected
        audience = g.face_loss_on_rejection * p.audience_cost * a.rhetoric_sr[sender] / 10.0
        a.face_sr[sender] -= audience * rejected
        np.minimum(a.x_sr[sender] + p.rejection_hostility * rejected, 10.0, out=a.x_sr[sender])
    np.clip(a.pressure_r, 0.0, P_MAX, out=a.pressure_r)
    answered_r[i] = accepted & (u_answer < p.rho)
    return OfferOutcome(made=float(made.mean()), accepted=float(accepted.mean()),
                        answered=float(answered_r[i].mean()) if g.reciprocal else 0.0)
