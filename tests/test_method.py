"""The Method text and the reproduce command shown beside it."""

from __future__ import annotations

import shlex

from hypothesis import given

from pacnet_dashboard.cli import build_parser
from pacnet_dashboard.cli.common import scenario_from_args
from pacnet_dashboard.io.data import load_history_fit, load_parameters
from pacnet_dashboard.report.method import EQUATIONS, LIMITATIONS, MECHANISMS, parameter_rows
from pacnet_dashboard.report.brief import cli_command
from pacnet_dashboard.scenario import Scenario
from tests.strategies import scenarios


@given(scenarios())
def test_reproduce_command_rebuilds_the_scenario(s: Scenario) -> None:
    words = shlex.split(cli_command(s))
    assert words[:4] == ["python", "-m", "pacnet_dashboard", "simulate"]
    assert scenario_from_args(build_parser().parse_args(words[3:])) == s


def test_method_text_covers_the_argument_and_says_it_is_no_forecast() -> None:
    assert len(MECHANISMS) >= 8 and len(EQUATIONS) >= 7
    assert any("not a forecast" in line for line in LIMITATIONS)


def test_parameter_table_shows_fitted_values_beside_the_values_in_use() -> None:
    rows = {r["Parameter"]: r for r in parameter_rows()}
    fitted = {r.name: r.value for r in load_history_fit()}
    assert set(rows) == {r.name for r in load_parameters()}
    for name, row in rows.items():
        assert row["History fit (not adopted)"] == fitted.get(name)
        assert row["Provenance"] and row["Unit"]
    assert fitted and all(rows[name]["Value in use"] != value for name, value in fitted.items())


def test_every_mechanism_that_can_be_switched_off_has_its_equation() -> None:
    from pacnet_dashboard.model.mechanisms import MECHANISMS as SWITCHES

    titles = " ".join(e.title for e in EQUATIONS)
    for mid in SWITCHES:
        assert f"mechanism: {mid}" in titles or "mechanisms: " in titles and mid in titles, mid
