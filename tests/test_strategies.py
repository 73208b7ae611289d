"""The Hypothesis builders produce valid, varied scenarios within the requested size, from the schema alone."""

import re
from pathlib import Path

import pytest
from hypothesis import find, given

from pacnet_dashboard.scenario import Scenario
from tests.strategies import scenarios


@given(scenarios(max_runs=300, max_horizon=60))
def test_scenarios_are_valid_and_small(s: Scenario) -> None:
    assert Scenario.model_validate(s.model_dump()) == s
    assert 100 <= s.runs <= 300
    assert 30 <= s.horizon_days <= 60
    assert all(g.day < s.horizon_days for g in s.gestures)


@pytest.mark.parametrize("name", list(Scenario.model_fields))
def test_every_lever_is_drawn_away_from_its_default(name: str) -> None:
    default = getattr(Scenario(), name)
    found = find(scenarios(max_runs=200, max_horizon=60), lambda s: getattr(s, name) != default)
    assert getattr(found, name) != default


def test_the_builders_name_no_lever() -> None:
    """Levers come from the schema: a lever's name written in the builders would escape a new lever's tests."""
    source = re.sub(r'kind == "\w+"', "", (Path(__file__).parent / "strategies.py").read_text())  # kinds, not fields
    assert [name for name in Scenario.model_fields if f'"{name}"' in source or f"'{name}'" in source] == []
