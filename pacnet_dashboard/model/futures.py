"""A hundred simulated futures chosen from the runs, for the icon array: each one's pressure by day and pop day.

An icon array (Spiegelhalter's 100 figures) shows risk as a count people can check at a glance, so the count
must be the model's: exactly round(100 x pop chance) of the chosen futures pop within the horizon. The
futures are picked deterministically from the runs the kernel records (the first 1,000), spread evenly over
the pop days of those that pop and over the final pressure of those that do not, so the picture follows the
burst curve day by day and shows the spread of sizes, not one typical run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FUTURES = 100
NEVER = -1
"""Pop day of a future that does not pop within the horizon."""


@dataclass(frozen=True)
class Futures:
    """The chosen futures in display order: those that pop first (earliest first), then the rest (fullest first)."""

    pressure_df: np.ndarray  # day x future, float32
    pop_day_f: np.ndarray  # int32, NEVER when the future does not pop

    @property
    def count(self) -> int:
        return int(self.pop_day_f.shape[0])

    def burst_by(self, day: int) -> int:
        """How many of the futures have popped by the end of `day`."""
        return int(np.count_nonzero((self.pop_day_f >= 0) & (self.pop_day_f <= day)))


def burst_count(probability: float, futures: int = FUTURES) -> int:
    """round(futures x probability), halves rounded up (Python's round() would send 0.5 to 0)."""
    return int(np.floor(futures * probability + 0.5))


def _spread(order: np.ndarray, k: int) -> np.ndarray:
    """k members of an ordered index array at evenly spaced ranks (the middle of each k-th share)."""
    if k <= 0:
        return order[:0]
    ranks = ((np.arange(k) + 0.5) * order.shape[0] / k).astype(np.int64)
    return order[np.minimum(ranks, order.shape[0] - 1)]


def choose_futures(pressure_dn: np.ndarray, pop_day_n: np.ndarray, burst_probability: float,
                   futures: int = FUTURES) -> Futures:
    """Pick `futures` of the recorded runs so that round(futures x burst_probability) of them pop.

    The recorded runs hold at least that many popped ones except after a sampling fluctuation of several
    standard errors (the first 1,000 runs against all of them); then every popped recorded run is used.
    """
    n = pop_day_n.shape[0]
    futures = min(futures, n)
    popped = np.flatnonzero(pop_day_n >= 0)
    intact = np.flatnonzero(pop_day_n < 0)
    k = min(burst_count(burst_probability, futures), popped.shape[0])
    k = max(k, futures - intact.shape[0])
    by_day = popped[np.argsort(pop_day_n[popped], kind="stable")]
    by_final = intact[np.argsort(-pressure_dn[-1, intact], kind="stable")] if intact.size else intact
    chosen = np.concatenate([_spread(by_day, k), _spread(by_final, futures - k)])
    return Futures(pressure_df=np.ascontiguousarray(pressure_dn[:, chosen], dtype=np.float32),
                   pop_day_f=pop_day_n[chosen].astype(np.int32))
