"""Hypothesis builders for domain objects, shared by every property test (and tested themselves)."""

from __future__ import annotations

from hypothesis import strategies as st

from pacnet_dashboard.io.data import load_actors, load_channels, load_gestures
from pacnet_dashboard.scenario import MAX_SCHEDULE_STEPS, GestureTiming, Scenario, Schedule

GESTURE_IDS = tuple(g.id for g in load_gestures().gestures)
CHANNEL_IDS = tuple(c.id for c in load_channels())
MUTABLE_ACTORS = tuple(a.id for a in load_actors() if a.id not in ("us", "dprk"))

levels = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
rhetoric = st.floats(min_value=0.0, max_value=10.0, allow_nan=False)


@st.composite
def schedules(draw: st.DrawFn, horizon: int, max_steps: int = 3) -> Schedule:
    """A rhetoric schedule inside the horizon: a first level, then up to `max_steps - 1` steps on ascending days."""
    days = draw(st.lists(st.integers(1, horizon - 1), unique=True, max_size=min(max_steps, MAX_SCHEDULE_STEPS) - 1))
    return Schedule(tuple((draw(rhetoric), day) for day in [0, *sorted(days)]))


@st.composite
def gesture_lists(draw: st.DrawFn, horizon: int) -> tuple[GestureTiming, ...]:
    ids = draw(st.lists(st.sampled_from(GESTURE_IDS), unique=True, max_size=3))
    return tuple(GestureTiming(id=i, day=draw(st.integers(0, horizon - 1))) for i in ids)


@st.composite
def scenarios(draw: st.DrawFn, *, max_runs: int = 400, max_horizon: int = 120) -> Scenario:
    """Small but otherwise unrestricted scenarios: every lever anywhere in its range."""
    horizon = draw(st.integers(30, max_horizon))
    return Scenario(
        us_rhetoric=draw(schedules(horizon)), dprk_rhetoric=draw(schedules(horizon)),
        china_mediation=draw(levels), russia_mediation=draw(levels),
        rok_support=draw(levels), japan_support=draw(levels),
        gestures=draw(gesture_lists(horizon)),
        closed_channels=tuple(draw(st.lists(st.sampled_from(CHANNEL_IDS), unique=True, max_size=4))),
        muted_actors=tuple(draw(st.lists(st.sampled_from(MUTABLE_ACTORS), unique=True, max_size=2))),
        horizon_days=horizon, runs=draw(st.integers(100, max_runs)), seed=draw(st.integers(0, 2**32 - 1)),
    )
