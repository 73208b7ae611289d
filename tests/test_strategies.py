"""The Hypothesis builders produce valid, varied scenarios within the requested size."""

from hypothesis import given

from pacnet_dashboard.scenario import Scenario
from tests.strategies import scenarios


@given(scenarios(max_runs=300, max_horizon=60))
def test_scenarios_are_valid_and_small(s: Scenario) -> None:
    assert Scenario.model_validate(s.model_dump()) == s
    assert 100 <= s.runs <= 300
    assert 30 <= s.horizon_days <= 60
    assert all(g.day < s.horizon_days for g in s.gestures)
