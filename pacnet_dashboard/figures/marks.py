"""Gesture days as marks on a day axis: "book sent, day 14"; "writings returned, day 35, in 26% of futures".

Every figure with a day axis marks the scenario's gestures the same way, with text computed from the Result:
a scheduled gesture is made in every future; an answer only where the gesture was accepted and answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from pacnet_dashboard.figures.theme import OKABE_ITO
from pacnet_dashboard.io.data import load_gestures
from pacnet_dashboard.model.simulate import Result


@dataclass(frozen=True)
class Mark:
    day: int
    text: str


def gesture_marks(result: Result) -> list[Mark]:
    """One mark per scheduled gesture and one per possible answer, in day order."""
    catalogue = load_gestures().by_id()

    def name(gid: str) -> str:
        g = catalogue[gid]
        return g.mark or g.label[:1].lower() + g.label[1:]

    marks = []
    for g in result.gestures:
        marks.append(Mark(g.day, f"{name(g.id)}, day {g.day}"))
        if g.answer_id is not None and g.answer_day is not None:
            marks.append(Mark(g.answer_day, f"{name(g.answer_id)}, day {g.answer_day}, "
                                            f"in {g.reciprocation_probability:.0%} of futures"))
    return sorted(marks, key=lambda m: m.day)


MARK_ROWS = 4
"""Labels are stacked in this many rows below the top of the plot, so neighbouring days never overlap."""


def add_gesture_marks(fig: go.Figure, marks: list[Mark]) -> None:
    """Dotted vertical lines at the gesture days of a chart whose x axis is the day, labelled near the top."""
    for i, m in enumerate(marks):
        fig.add_shape(type="line", x0=m.day, x1=m.day, y0=0, y1=1, xref="x", yref="paper",
                      line=dict(color=OKABE_ITO["black"], width=1, dash="dot"))
        fig.add_annotation(x=m.day, y=1.0 - 0.1 * (i % MARK_ROWS), xref="x", yref="paper", text=m.text,
                           showarrow=False, xanchor="left", yanchor="top", xshift=4,
                           font=dict(size=13, color=OKABE_ITO["black"]), bgcolor="rgba(255,255,255,0.85)")
