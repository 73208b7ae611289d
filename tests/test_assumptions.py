"""Editable assumptions: per-scenario overrides of the parameter table's judgement rows, through one codec."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pacnet_dashboard.cli import main
from pacnet_dashboard.io.data import load_parameters
from pacnet_dashboard.model.parameters import default_parameters, parameters_for
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.report.brief import baseline_for, brief_for
from pacnet_dashboard.scenario import (Assumptions, Scenario, ScenarioError, assumption_specs, assumptions_flag,
                                       from_strings, scenario_file_from_text, to_file_json, to_strings)

SMALL = {"runs": "300", "horizon_days": "90"}


def test_every_judgement_row_of_the_table_is_an_assumption_and_nothing_else_is() -> None:
    rows = load_parameters()
    judgement = {r.name for r in rows if r.kind == "judgement"}
    assert {name.removeprefix("assumptions.") for name in assumption_specs()} == judgement
    assert "theta" not in judgement and "assumptions.theta" not in assumption_specs()
    for row in rows:
        if row.kind == "judgement":
            spec = assumption_specs()[f"assumptions.{row.name}"]
            assert (spec.default, spec.min, spec.max, spec.unit, spec.provenance) == \
                (row.value, row.min, row.max, row.unit, row.provenance)
            assert 0 < spec.step <= (row.max - row.min) / 10


def test_an_override_travels_through_set_links_and_json() -> None:
    s = from_strings({"assumptions.sigma0": "4", "assumptions.k_us": "0.08", **SMALL})
    assert s.assumptions.as_dict() == {"k_us": 0.08, "sigma0": 4.0}
    pairs = to_strings(s)
    assert pairs["assumptions.k_us"] == "0.08" and pairs["assumptions.sigma0"] == "4.0"
    assert from_strings(pairs) == s
    doc = json.loads(to_file_json(s))
    assert doc["scenario"]["assumptions"] == {"k_us": 0.08, "sigma0": 4.0}
    assert scenario_file_from_text(json.dumps(doc), "upload").scenario == s


def test_only_overrides_are_stored() -> None:
    table = default_parameters()
    same = from_strings({"assumptions.k_us": repr(table.k_us)})
    assert same == Scenario() and not same.assumptions and to_strings(same) == {}
    back = from_strings({"assumptions.k_us": repr(table.k_us)}, from_strings({"assumptions.k_us": "0.1"}))
    assert back == Scenario()
    one = from_strings({"assumptions.g0": "0.7"}, from_strings({"assumptions.k_us": "0.1"}))
    assert one.assumptions.as_dict() == {"g0": 0.7, "k_us": 0.1}


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("assumptions.k_us", "0.9", "from 0 to 0.2"),
    ("assumptions.k_us", "-1", "outside the table's range"),
    ("assumptions.k_us", "nan", "not finite"),
    ("assumptions.k_us", "fast", "not a number"),
    ("assumptions.theta", "5", "skin strength .* is calibrated, not an assumption: only the calibration command"),
    ("assumptions.mu", "5", "fixed parameter, not an assumption"),
    ("assumptions.loudness", "5", "not a judgement parameter"),
    ("assumptions", "k_us=0.1", "assumptions.NAME=VALUE"),
])
def test_bad_overrides_name_the_field_and_what_is_allowed(name: str, text: str, expected: str) -> None:
    with pytest.raises(ScenarioError, match=expected) as err:
        from_strings({name: text})
    assert err.value.field == name
    if name not in ("assumptions.k_us", "assumptions.theta"):
        assert "sigma0" in str(err.value)  # the allowed names are listed


@pytest.mark.parametrize(("body", "field", "expected"), [
    ({"assumptions": {"k_us": 0.9}}, "assumptions.k_us", "outside the table's range"),
    ({"assumptions": {"theta": 5}}, "assumptions.theta", "not an assumption"),
    ({"assumptions": {"k_us": True}}, "assumptions.k_us", "not a finite number"),
    ({"assumptions": {"k_us": "0.1"}}, "assumptions.k_us", "not a finite number"),
    ({"assumptions": [0.1]}, "assumptions", "NAME: number pairs"),
])
def test_bad_assumptions_in_json_name_the_field(body: dict, field: str, expected: str) -> None:
    with pytest.raises(ScenarioError, match=expected) as err:
        scenario_file_from_text(json.dumps({"schema_version": 1, "scenario": body}), "upload")
    assert err.value.field == field


def test_parameters_for_applies_the_overrides_and_simulate_uses_them() -> None:
    s = from_strings({"assumptions.sigma0": "4", "assumptions.alpha": "0.3", **SMALL})
    params = parameters_for(s)
    assert (params.sigma0, params.alpha) == (4.0, 0.3)
    assert params.theta == default_parameters().theta and params.k_us == default_parameters().k_us
    assert parameters_for(Scenario()) == default_parameters()
    plain = s.model_copy(update={"assumptions": Assumptions()})
    explicit = simulate(plain, default_parameters().with_values(sigma0=4.0, alpha=0.3))
    assert simulate(s).burst_by_day.tobytes() == explicit.burst_by_day.tobytes()
    assert simulate(s).burst_probability != simulate(plain).burst_probability


def test_the_baseline_shares_the_scenarios_assumptions() -> None:
    s = from_strings({"assumptions.alpha": "0.3", "gestures": "us_book_gift@14", **SMALL})
    assert baseline_for(s).assumptions == s.assumptions and baseline_for(s).gestures == ()


def test_the_flag_names_each_change_and_is_empty_without_one() -> None:
    assert assumptions_flag(Scenario()) == ""
    flag = assumptions_flag(from_strings({"assumptions.alpha": "0.3"}))
    assert "1 assumption" in flag and "alpha 0.3 instead of 0.2" in flag


def test_the_brief_flags_changed_assumptions(tmp_path: Path) -> None:
    changed = brief_for(from_strings({"assumptions.alpha": "0.3", **SMALL}))
    assert "Assumptions changed." in changed and "alpha 0.3 instead of 0.2" in changed
    assert "--set assumptions.alpha=0.3" in changed
    assert "Assumptions changed." not in brief_for(from_strings(SMALL))


def test_the_cli_takes_an_override_and_refuses_a_bad_one(capsys: pytest.CaptureFixture[str]) -> None:
    small = ["--runs", "300", "--horizon", "90"]
    assert main(["simulate", "--set", "assumptions.sigma0=4", *small]) == 0
    assert json.loads(capsys.readouterr().out)["scenario"]["assumptions"] == {"sigma0": 4.0}
    assert main(["simulate", "--set", "assumptions.theta=3", *small]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: assumptions.theta:")
    assert "skin strength" in err[0] and "only the calibration command changes it" in err[0]


def test_the_method_text_documents_schedules_and_assumptions() -> None:
    from pacnet_dashboard.report.method import INPUTS, parameter_rows

    text = " ".join(f"{eq.title} {eq.explanation}" for eq in INPUTS)
    assert "7,3@60" in text and "assumptions.NAME=VALUE" in text and "theta" in text
    rows = {r["Parameter"]: r for r in parameter_rows({"alpha": 0.3})}
    assert rows["alpha"]["This scenario"] == 0.3 and rows["k_us"]["This scenario"] is None
    assert all("This scenario" not in r for r in parameter_rows())


def test_export_metadata_lists_the_assumptions() -> None:
    from pacnet_dashboard.report.metadata import lever_rows

    s = from_strings({"assumptions.alpha": "0.3", **SMALL})
    row = next(r for r in lever_rows(s, baseline_for(s)) if r["name"] == "assumptions")
    assert row["value"] == {"alpha": 0.3} and row["text"] == "alpha=0.3" and row["words"] == "alpha 0.3"
    assert next(r for r in lever_rows(Scenario(), Scenario()) if r["name"] == "assumptions")["words"] == \
        "none (the table's values)"


def test_an_assumption_label_names_its_symbol_only_when_it_differs() -> None:
    labels = {spec.name: spec.label for spec in assumption_specs().values()}
    assert labels["assumptions.alpha"] == "alpha" and labels["assumptions.lambda_c"] == "lambda_c (lambda_C)"
    assert not any(label == f"{name.removeprefix('assumptions.')} ({name.removeprefix('assumptions.')})"
                   for name, label in labels.items())
