"""One vocabulary: every continuous lever of the schema reaches the widgets, the codec, the tornado, the map's
axes, the sensitivity factors and the summary, without being listed anywhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pacnet_dashboard.analysis.discovery import map_axes
from pacnet_dashboard.analysis.sensitivity import sensitivity_factors, tornado, tornado_levers
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.report.brief import summary
from pacnet_dashboard.scenario import (Scenario, baseline_for, continuous_levers, encode_value, from_strings,
                                       level_of, lever_specs)

APP = str(Path(__file__).resolve().parent.parent / "app.py")
LEVERS = continuous_levers()


def _moved(name: str) -> Scenario:
    """The default scenario with one lever at the other end of its range from its default."""
    spec = lever_specs()[name]
    far = spec.min if level_of(Scenario(), name) - spec.min > spec.max - level_of(Scenario(), name) else spec.max
    return from_strings({name: f"{far:g}", "runs": "100", "horizon_days": "60"})


def test_the_continuous_levers_are_the_numbers_and_schedules_of_the_schema() -> None:
    kinds = {name: spec.kind for name, spec in lever_specs().items()}
    assert LEVERS == tuple(n for n, k in kinds.items() if k in ("float", "schedule")) and len(LEVERS) >= 6


@pytest.mark.parametrize("name", LEVERS)
def test_a_lever_reaches_the_codec_and_the_summary(name: str) -> None:
    moved = _moved(name)
    assert from_strings({name: encode_value(moved, name)}, Scenario(runs=100, horizon_days=60)) == moved
    text = summary(simulate(moved), simulate(baseline_for(moved)))
    assert lever_specs()[name].label in text


def test_every_lever_reaches_the_tornado_the_map_and_the_sensitivity_factors() -> None:
    assert tuple(tornado_levers()) == LEVERS == map_axes()
    assert tuple(f.name for f in sensitivity_factors(include_parameters=False) if f.kind == "lever") == LEVERS
    _, rows = tornado(Scenario(runs=100, horizon_days=60), runs=100)
    assert tuple(r.name for r in rows) == LEVERS


@pytest.mark.apptest
def test_every_lever_has_a_labelled_slider_in_the_sidebar() -> None:
    at = AppTest.from_file(APP, default_timeout=120).run()
    labels = {s.label for s in at.sidebar.slider}
    assert not at.exception and {lever_specs()[name].label for name in LEVERS} <= labels
