"""The output series, declared once (as Mesa's DataCollector declares its reporters).

The kernel's record has one row per series, in this order; `Result.bands`, `Result.to_dict`,
`Result.daily_table`, `mean_final` and the charts' titles and axes all read this declaration. Adding a series
is one line here; the kernel then records its value (a line in `_days`, its name in `kernel.RECORDED`).
"""

from __future__ import annotations

from dataclasses import dataclass

QUANTILES = {"p10": 0.1, "p50": 0.5, "p90": 0.9}
"""The percentiles of the runs kept for each series and day (the fan charts' band and median)."""


@dataclass(frozen=True)
class Series:
    """One daily output series: its key (band name, CSV column prefix), where it sits in the JSON, and its labels."""

    name: str
    title: str
    quantity: str
    unit: str
    json_path: tuple[str, ...]
    y_range: tuple[float, float] | None = None

    @property
    def y_title(self) -> str:
        return f"{self.quantity} ({self.unit})"


SERIES: dict[str, Series] = {s.name: s for s in (
    Series("pressure", "Balloon pressure", "pressure", "model units", ("pressure",)),
    Series("hostility_us", "US hostility", "hostility", "0-10", ("hostility", "us"), (0, 10)),
    Series("hostility_dprk", "DPRK hostility", "hostility", "0-10", ("hostility", "dprk"), (0, 10)),
    Series("face_us", "US leader's face", "face index", "-1 to 1", ("face", "us"), (-1, 1)),
    Series("face_dprk", "DPRK leader's face", "face index", "-1 to 1", ("face", "dprk"), (-1, 1)),
    Series("rhetoric_us", "US rhetoric", "rhetoric", "0-10", ("rhetoric", "us"), (0, 10)),
    Series("rhetoric_dprk", "DPRK rhetoric", "rhetoric", "0-10", ("rhetoric", "dprk"), (0, 10)),
)}
"""Every output series, in the kernel's record order."""

SERIES_NAMES = tuple(SERIES)


def series_index(name: str) -> int:
    """The row of a series in the kernel's record."""
    return SERIES_NAMES.index(name)
