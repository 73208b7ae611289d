"""The balloon model: Richardson hostility with misperception, a pressure balloon whose skin thins, incidents
that pop it, face for each leader, and gestures that release pressure when accepted.

The kernel is vectorised over Monte Carlo runs (arrays named `*_r`, float32) and steps through days. Each
purpose draws from its own seeded stream, so two scenarios with one seed share their noise and incidents
(common random numbers): differences come from the levers, not from luck. See the Method page for equations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.data import Gesture, load_gestures
from pacnet_dashboard.network import build_network, conductance, effective_mediation, effective_support
from pacnet_dashboard.parameters import Parameters, default_parameters
from pacnet_dashboard.scenario import Scenario

BAND_RUNS = 2000
"""Percentile bands come from the first BAND_RUNS runs; with 2,000 runs a p10 is within about 1.5 points."""
NOISE_BLOCK_DAYS = 32
SERIES = ("pressure", "hostility_us", "hostility_dprk", "face_us", "face_dprk")
F32 = np.float32


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


@dataclass(frozen=True)
class GestureOutcome:
    id: str
    sender: str
    recipient: str
    day: int
    acceptance_probability: float
    reciprocation_probability: float
    answer_id: str | None
    answer_day: int | None
    answer_acceptance_probability: float | None


@dataclass(frozen=True)
class Result:
    """One scenario's simulation; `to_dict` gives the CLI's JSON contract."""

    scenario: Scenario
    conductance: float
    mediation: float
    support: float
    burst_by_day: np.ndarray
    bands: dict[str, Band]
    gestures: tuple[GestureOutcome, ...]
    mean_final: dict[str, float]
    model_version: str = field(default=MODEL_VERSION)

    @property
    def burst_probability(self) -> float:
        return float(self.burst_by_day[-1])

    def daily_table(self) -> pd.DataFrame:
        """One row per day: the burst curve and every band, as the CSV download and `--format csv` give it."""
        table = {"day": np.arange(self.scenario.horizon_days), "burst_probability": self.burst_by_day}
        for name, b in self.bands.items():
            for q in ("p10", "p50", "p90"):
                table[f"{name}_{q}"] = getattr(b, q)
        return pd.DataFrame(table)

    def to_dict(self) -> dict:
        def band(name: str) -> dict[str, list[float]]:
            b = self.bands[name]
            return {q: [round(float(v), 6) for v in getattr(b, q)] for q in ("p10", "p50", "p90")}

        s = self.scenario
        return {
            "model_version": self.model_version,
            "scenario": s.model_dump(mode="json"),
            "seed": s.seed,
            "runs": s.runs,
            "horizon_days": s.horizon_days,
            "burst_probability": round(self.burst_probability, 6),
            "burst_probability_by_day": [round(float(v), 6) for v in self.burst_by_day],
            "pressure": band("pressure"),
            "hostility": {"us": band("hostility_us"), "dprk": band("hostility_dprk")},
            "face": {"us": band("face_us"), "dprk": band("face_dprk")},
            "gestures": [g.__dict__ for g in self.gestures],
            "conductance": round(self.conductance, 6),
            "mediation": round(self.mediation, 6),
            "support": round(self.support, 6),
            "mean_final": {k: round(v, 6) for k, v in self.mean_final.items()},
        }


def expand_offers(scheduled: tuple[Offer, ...], horizon: int) -> tuple[Offer, ...]:
    """Add the reciprocal answers that accepted offers may draw, in day order.

    An answer is made at most once in a chain and never duplicates a gesture the scenario already schedules,
    so mutual answers (test pause <-> exercise scale-down) cannot loop.
    """
    catalogue = load_gestures().by_id()
    scheduled_ids = {o.gesture.id for o in scheduled}
    offers = list(scheduled)
    i = 0
    while i < len(offers):
        offer = offers[i]
        reply = offer.gesture.reciprocal
        chain = _chain_ids(offers, i)
        day = offer.day + offer.gesture.lag_days
        if reply is not None and reply not in scheduled_ids and reply not in chain and day < horizon:
            offers.append(Offer(catalogue[reply], day, parent=i))
        i += 1
    return tuple(offers)


def _chain_ids(offers: list[Offer], i: int) -> set[str]:
    ids = set()
    while i is not None:
        ids.add(offers[i].gesture.id)
        i = offers[i].parent
    return ids


def drive_for(scenario: Scenario) -> Drive:
    """The kernel's inputs for a scenario: constant rhetoric, network-derived conductance and mediation."""
    g = build_network(scenario)
    catalogue = load_gestures().by_id()
    h = scenario.horizon_days
    return Drive(
        rhetoric_us_d=np.full(h, scenario.us_rhetoric, dtype=F32),
        rhetoric_dprk_d=np.full(h, scenario.dprk_rhetoric, dtype=F32),
        conductance=conductance(g),
        mediation=effective_mediation(scenario, g),
        support=effective_support(scenario, g),
        offers=tuple(Offer(catalogue[t.id], t.day) for t in scenario.gestures),
        runs=scenario.runs,
        seed=scenario.seed,
    )


def simulate(scenario: Scenario, params: Parameters | None = None) -> Result:
    """Simulate a scenario: the pure entry point behind the pages, the CLI and the brief."""
    drive = drive_for(scenario)
    traj = run_kernel(drive, params or default_parameters())
    gestures = []
    for i, offer in enumerate(traj.offers):
        if offer.parent is not None:
            continue
        answer = next((j for j, o in enumerate(traj.offers) if o.parent == i), None)
        g = offer.gesture
        gestures.append(GestureOutcome(
            id=g.id, sender=g.sender, recipient=g.recipient, day=offer.day,
            acceptance_probability=round(traj.outcomes[i].accepted, 6),
            reciprocation_probability=0.0 if answer is None else round(traj.outcomes[i].answered, 6),
            answer_id=None if answer is None else traj.offers[answer].gesture.id,
            answer_day=None if answer is None else traj.offers[answer].day,
            answer_acceptance_probability=None if answer is None else round(traj.outcomes[answer].accepted, 6),
        ))
    return Result(scenario=scenario, conductance=drive.conductance, mediation=drive.mediation,
                  support=drive.support, burst_by_day=traj.burst_by_day, bands=traj.bands,
                  gestures=tuple(gestures), mean_final=traj.mean_final)


def skin(pressure: np.ndarray | float, p_ref: float) -> np.ndarray | float:
    """Skin thickness tau = (1 + P/P_ref)^(-2/3): the rubber keeps its volume as the radius grows."""
    return (1.0 + np.asarray(pressure) / p_ref) ** (-2.0 / 3.0)


def radius(pressure: np.ndarray | float, p_ref: float) -> np.ndarray | float:
    """Balloon radius r = (1 + P/P_ref)^(1/3), relative to the balloon at rest."""
    return (1.0 + np.asarray(pressure) / p_ref) ** (1.0 / 3.0)


def _logistic(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def run_kernel(drive: Drive, p: Parameters) -> Trajectories:
    """Step all runs through the horizon. Streams: 0 incidents, 1 misperception, 2+k gesture k of the catalogue,
    then one per gesture outside the catalogue (the historical replay's), in id order."""
    horizon, runs = drive.horizon, drive.runs
    catalogue_ids = [g.id for g in load_gestures().gestures]
    catalogue_ids += sorted({o.gesture.id for o in drive.offers} - set(catalogue_ids))
    streams = np.random.SeedSequence(drive.seed).spawn(2 + len(catalogue_ids))
    threshold_r = np.random.default_rng(streams[0]).standard_exponential(runs, dtype=F32)
    noise_rng = np.random.default_rng(streams[1])
    gesture_rngs = {gid: np.random.default_rng(s) for gid, s in zip(catalogue_ids, streams[2:])}

    offers = expand_offers(drive.offers, horizon)
    offers_by_day: dict[int, list[int]] = {}
    for i, o in enumerate(offers):
        offers_by_day.setdefault(o.day, []).append(i)
    answered_r: dict[int, np.ndarray] = {}
    outcomes = [OfferOutcome(0.0, 0.0, 0.0)] * len(offers)

    x_us = np.full(runs, drive.rhetoric_us_d[0], dtype=F32)
    x_dp = np.full(runs, drive.rhetoric_dprk_d[0], dtype=F32)
    face_us = np.zeros(runs, dtype=F32)
    face_dp = np.zeros(runs, dtype=F32)
    pressure = np.full(runs, p.p0, dtype=F32)
    grievance_scale = np.ones(runs, dtype=F32)
    cum_hazard = np.zeros(runs, dtype=F32)
    tmp = np.empty(runs, dtype=F32)
    hostility_sum = np.empty(runs, dtype=F32)

    sigma = F32(p.sigma0 / (1.0 + p.c_noise * drive.conductance))
    leak = F32(p.lambda0 + p.lambda_c * drive.conductance)
    band_n = min(runs, BAND_RUNS)
    record = np.empty((len(SERIES), horizon, band_n), dtype=F32)
    burst_by_day = np.empty(horizon, dtype=np.float64)
    support_gain = 1.0 + p.praise * drive.support
    noise = np.empty((0, 2, runs), dtype=F32)

    for t in range(horizon):
        if t % NOISE_BLOCK_DAYS == 0:
            noise = noise_rng.standard_normal((min(NOISE_BLOCK_DAYS, horizon - t), 2, runs), dtype=F32)
            noise *= sigma
        n_t = noise[t % NOISE_BLOCK_DAYS]
        g_us = F32(p.g0 * drive.rhetoric_us_d[t] / 10.0)
        g_dp = F32(p.g0 * drive.rhetoric_dprk_d[t] / 10.0)

        # Grievance (rhetoric plus face deficit, scaled down by trust) and the Richardson step.
        new_us = np.minimum(face_us, 0, out=tmp)
        new_us *= -p.phi
        new_us += g_us
        new_us *= grievance_scale
        new_us += (1.0 - p.m_us) * x_us
        new_us += p.k_us * (x_dp + n_t[0])
        new_dp = np.minimum(face_dp, 0)
        new_dp *= -p.phi
        new_dp += g_dp
        new_dp *= grievance_scale
        new_dp += (1.0 - p.m_dprk) * x_dp
        new_dp += p.k_dprk * (x_us + n_t[1])
        np.clip(new_dp, 0, 10, out=new_dp)
        np.clip(new_us, 0, 10, out=x_us)
        x_dp = new_dp

        # Face: belittling pays, being belittled costs; both decay towards zero.
        np.subtract(x_us, x_dp, out=tmp)
        tmp *= p.beta / 10.0
        face_us *= 1.0 - p.face_decay
        face_us += tmp
        face_dp *= 1.0 - p.face_decay
        face_dp -= tmp

        # Balloon: hostility inflates, dialogue leaks.
        np.add(x_us, x_dp, out=hostility_sum)
        pressure *= 1.0 - leak
        pressure += (p.alpha / 2.0) * hostility_sum

        for i in offers_by_day.get(t, ()):
            outcomes[i] = _make_offer(i, offers[i], p, drive, gesture_rngs[offers[i].gesture.id], support_gain,
                                      answered_r, x_us, x_dp, face_us, face_dp, pressure, grievance_scale)
        np.clip(face_us, -1, 1, out=face_us)
        np.clip(face_dp, -1, 1, out=face_dp)
        np.maximum(pressure, 0, out=pressure)

        # Incidents: a pop needs a severity beyond the skin; hazards accumulate against each run's threshold.
        np.divide(pressure, p.p_ref, out=tmp)
        tmp += 1.0
        np.log(tmp, out=tmp)
        tmp *= F32(-2.0 / 3.0)
        np.exp(tmp, out=tmp)
        tmp *= F32(-p.theta / p.mu)
        np.exp(tmp, out=tmp)
        hostility_sum *= F32(p.iota0 / 20.0)
        hostility_sum += F32(p.iota0)
        tmp *= hostility_sum
        cum_hazard += tmp
        burst_by_day[t] = np.count_nonzero(cum_hazard > threshold_r) / runs

        grievance_scale += p.trust_recovery * (1.0 - grievance_scale)
        for k, arr in enumerate((pressure, x_us, x_dp, face_us, face_dp)):
            record[k, t] = arr[:band_n]

    q = np.percentile(record, [10, 50, 90], axis=2)
    bands = {name: Band(q[0, k].astype(np.float64), q[1, k].astype(np.float64), q[2, k].astype(np.float64))
             for k, name in enumerate(SERIES)}
    mean_final = {"pressure": float(pressure.mean()), "hostility_us": float(x_us.mean()),
                  "hostility_dprk": float(x_dp.mean()), "face_us": float(face_us.mean()),
                  "face_dprk": float(face_dp.mean())}
    return Trajectories(burst_by_day=np.maximum.accumulate(burst_by_day), bands=bands, offers=offers,
                        outcomes=tuple(outcomes), mean_final=mean_final)


def _make_offer(i: int, offer: Offer, p: Parameters, drive: Drive, rng: np.random.Generator, support_gain: float,
                answered_r: dict[int, np.ndarray], x_us: np.ndarray, x_dp: np.ndarray, face_us: np.ndarray,
                face_dp: np.ndarray, pressure: np.ndarray, grievance_scale: np.ndarray) -> OfferOutcome:
    """Apply one offer to every run in place: acceptance, release or backfire, face, trust and the answer."""
    g = offer.gesture
    runs = pressure.shape[0]
    u_accept, u_answer = rng.random((2, runs), dtype=F32)
    made = np.ones(runs, dtype=bool) if offer.parent is None else answered_r[offer.parent]
    x_recipient = x_dp if g.recipient == "dprk" else x_us
    gain_recipient = g.gain.dprk if g.recipient == "dprk" else g.gain.us
    base = np.log(g.base_acceptance / (1.0 - g.base_acceptance))
    q = _logistic(base + p.a_f * gain_recipient + p.a_m * drive.mediation - p.a_x * x_recipient / 10.0)
    accepted = made & (u_accept < q)
    rejected = made & ~accepted

    pressure -= g.release * accepted
    pressure += g.backfire * rejected
    gain_us = g.gain.us * (support_gain if g.sender == "us" else 1.0)
    face_us += gain_us * accepted
    face_dp += g.gain.dprk * accepted
    (face_us if g.sender == "us" else face_dp)[...] -= g.face_loss_on_rejection * rejected
    grievance_scale *= np.where(accepted, F32(1.0 - p.trust_gain), F32(1.0))
    answered_r[i] = accepted & (u_answer < p.rho)
    return OfferOutcome(made=float(made.mean()), accepted=float(accepted.mean()),
                        answered=float(answered_r[i].mean()) if g.reciprocal else 0.0)
