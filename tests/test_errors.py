"""One structured input error: every refusal carries `field` and `detail`, and nothing reads them back from text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pacnet_dashboard
from pacnet_dashboard.cli import main
from pacnet_dashboard.cli.common import error_line
from pacnet_dashboard.io.errors import ClusterError, DataError, InputError, ScenarioError, SettingError
from pacnet_dashboard.scenario import from_strings

ROOT = Path(pacnet_dashboard.__file__).resolve().parent.parent
MESSAGE_PARSING = re.compile(r"str\((exc|err|error)\)|\b(exc|err|error)\.args\b|removeprefix\(f?\"(Value error|\{)")


def test_every_refusal_is_one_input_error_with_field_and_detail() -> None:
    with pytest.raises(InputError) as info:
        from_strings({"us_rhetoric": "11"})
    assert isinstance(info.value, ScenarioError)
    assert info.value.field == "us_rhetoric" and "allowed: a number from 0 to 10" in info.value.detail
    assert str(info.value) == f"us_rhetoric: {info.value.detail}"
    assert all(issubclass(c, InputError) for c in (DataError, ScenarioError, SettingError, ClusterError))


@pytest.mark.parametrize(("exc", "line"), [
    (SettingError("samples", "must be a power of two"), "error: --samples: must be a power of two"),
    (ClusterError("scheduler", "cannot reach\n it"), "error: --scheduler: cannot reach it"),
    (ScenarioError("scenario", "'x' is not bundled"), "error: --scenario: 'x' is not bundled"),
    (ScenarioError("us_rhetoric", "too loud"), "error: us_rhetoric: too loud"),
    (DataError("actors.csv, line 3", "role is missing"), "error: actors.csv, line 3: role is missing"),
])
def test_the_cli_maps_the_core_names_to_its_flags(exc: InputError, line: str) -> None:
    assert error_line(exc) == line


def test_a_core_setting_reaches_the_user_as_its_flag(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sensitivity", "--method", "sobol", "--samples", "48", "--runs", "100"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: --samples: ") and err.count("\n") == 1


def test_no_code_reads_an_error_back_from_its_message() -> None:
    files = [*ROOT.joinpath("pacnet_dashboard").rglob("*.py"), ROOT / "app.py"]
    found = [f"{f.relative_to(ROOT)}:{n}" for f in files for n, line in enumerate(f.read_text().splitlines(), 1)
             if MESSAGE_PARSING.search(line)]
    assert found == []
    assert MESSAGE_PARSING.search('if "beyond" in str(exc):')
    assert MESSAGE_PARSING.search('msg.removeprefix("Value error, ")')
