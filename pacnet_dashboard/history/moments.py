"""The record's key moments, chosen by a rule on the event data (never typed in): the turning points that a
reader of the timeline looks for first.

The rule: every event between the two principals (the United States and the DPRK, either way round) whose
category is a nuclear test or a summit; one moment per day (the first such row of that day). In the bundled
record these are the sixth nuclear test and the three Trump-Kim meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pacnet_dashboard.io.data import SIDES, Event

KEY_CATEGORIES = {"nuclear_test": "Nuclear test", "summit": "Summit"}
"""Categories that make a key moment, and the word its label starts with."""


@dataclass(frozen=True)
class KeyMoment:
    """One labelled moment on the timeline and the event it stands for (its hover text)."""

    date: date
    what: str
    event: Event

    @property
    def when(self) -> str:
        """The day in words: '12 Jun 2018'."""
        return f"{self.date.day} {self.date:%b %Y}"

    @property
    def label(self) -> str:
        return f"{self.what}, {self.when}"


def key_moments(events: tuple[Event, ...]) -> tuple[KeyMoment, ...]:
    """The key moments of a record, in date order (see the module's rule)."""
    moments: dict[date, KeyMoment] = {}
    for e in sorted(events, key=lambda ev: ev.date):
        if e.category in KEY_CATEGORIES and {e.actor, e.target} == set(SIDES) and e.date not in moments:
            moments[e.date] = KeyMoment(e.date, KEY_CATEGORIES[e.category], e)
    return tuple(moments.values())
