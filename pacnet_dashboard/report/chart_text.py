"""Text alternatives for the charts: a one-sentence summary and the data behind it as a table.

Screen-reader users (and anyone who wants the numbers) get the same content as the picture; the pages show
the sentence beside each chart and the table on request.
"""

from __future__ import annotations

import pandas as pd

from pacnet_dashboard.figures.balloon import frame_days
from pacnet_dashboard.figures.marks import gesture_marks
from pacnet_dashboard.model.simulate import Result


def icon_array_summary(reference: Result, subject: Result, labels: tuple[str, str]) -> str:
    """One sentence: how many of the 100 futures burst by the horizon in each scenario, and the gesture days."""
    h = subject.scenario.horizon_days
    a, b = (r.futures.burst_by(h - 1) for r in (reference, subject))
    marks = "; ".join(m.text for m in gesture_marks(subject))
    return (f"Of 100 simulated futures each, {a} burst by day {h} in the {labels[0]} and {b} in "
            f"{labels[1][:1].lower() + labels[1][1:]}" + (f" (gestures: {marks})." if marks else "."))


def icon_array_table(reference: Result, subject: Result, labels: tuple[str, str]) -> pd.DataFrame:
    """Burst futures (of 100) by day for both scenarios, on the days the picture can show."""
    days = frame_days(subject.scenario.horizon_days)
    return pd.DataFrame({"Day": [d + 1 for d in days],
                         f"{labels[0]}: burst of 100": [reference.futures.burst_by(d) for d in days],
                         f"{labels[1]}: burst of 100": [subject.futures.burst_by(d) for d in days]})
