"""The model's mechanisms by id: what the knock-out decomposition switches off, one at a time.

Each id names one argument of the commentary as the kernel implements it; `Drive.off` holds the ids switched
off for an analysis (the dashboard itself always runs with all of them on).
"""

from __future__ import annotations

MECHANISMS: dict[str, str] = {
    "release": "Pressure released on acceptance",
    "face": "Face gained on acceptance",
    "rhetoric": "Rhetoric responds to face",
    "trust": "Trust per side",
    "misperception": "Misread incidents",
    "mediation": "Mediation (China, Russia)",
    "praise": "Allied praise (ROK, Japan)",
    "rejection": "Costs of a rejection",
}
"""Short labels (a chart's bars, the `explain` JSON); the Method page gives each mechanism's equation."""
FACE_SAVING = ("face", "rhetoric")
"""The two mechanisms through which a gesture lets both sides save face, reported together by `explain`."""


def check_off(off: frozenset[str]) -> frozenset[str]:
    """The ids unchanged if all are known; a clear error otherwise (they come from code, not from users)."""
    unknown = sorted(set(off) - set(MECHANISMS))
    if unknown:
        raise ValueError(f"unknown mechanism ids {unknown}; allowed: {', '.join(MECHANISMS)}")
    return frozenset(off)
