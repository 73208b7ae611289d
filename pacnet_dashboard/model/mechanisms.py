"""The model's mechanisms by id: what the knock-out decomposition switches off, one at a time.

Each id names one argument of the commentary as the kernel implements it; `Drive.off` holds the ids switched
off for an analysis (the dashboard itself always runs with all of them on).
"""

from __future__ import annotations

MECHANISMS: dict[str, str] = {
    "release": "Pressure released by an accepted gesture",
    "face": "Face gained from an accepted gesture",
    "rhetoric": "Rhetoric responds to face (secure face lowers it, lost face raises it)",
    "trust": "Trust per side, built by accepted gestures and eroded by rejections",
    "misperception": "Misread incidents and near-misses in a poorly connected network",
    "mediation": "China and Russia sound out Pyongyang before a gesture",
    "praise": "South Korea and Japan praise a US gesture",
    "rejection": "Costs of a rejected gesture (backfire, lost face, hostility)",
}
FACE_SAVING = ("face", "rhetoric")
"""The two mechanisms through which a gesture lets both sides save face, reported together by `explain`."""


def check_off(off: frozenset[str]) -> frozenset[str]:
    """The ids unchanged if all are known; a clear error otherwise (they come from code, not from users)."""
    unknown = sorted(set(off) - set(MECHANISMS))
    if unknown:
        raise ValueError(f"unknown mechanism ids {unknown}; allowed: {', '.join(MECHANISMS)}")
    return frozenset(off)
