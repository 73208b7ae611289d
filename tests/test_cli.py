"""The command line, through `main([...])`: the JSON contract, determinism, files, and the bad-input policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.cli import main
from pacnet_dashboard.scenario import to_file_json, Scenario

SMALL = ["--runs", "300", "--horizon", "60"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_scenarios_lists_the_bundled_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "scenarios")
    assert code == 0 and out.split()[:4] == ["baseline", "gift_exchange", "full_package", "escalation"]


def test_simulate_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "simulate", "--scenario", "gift_exchange", "--seed", "7", *SMALL)
    doc = json.loads(out)
    assert code == 0
    assert doc["model_version"] == MODEL_VERSION and doc["seed"] == 7 and doc["runs"] == 300
    assert doc["scenario"]["gestures"] == [{"id": "us_book_gift", "day": 14}]
    assert len(doc["burst_probability_by_day"]) == doc["horizon_days"] == 60
    assert doc["burst_probability"] == doc["burst_probability_by_day"][-1]
    for band in (doc["pressure"], doc["hostility"]["us"], doc["hostility"]["dprk"], doc["face"]["us"],
                 doc["face"]["dprk"]):
        assert all(len(band[q]) == 60 for q in ("p10", "p50", "p90"))
    gesture = doc["gestures"][0]
    assert {"id", "sender", "recipient", "day", "acceptance_probability", "reciprocation_probability"} <= set(gesture)
    assert gesture["answer_id"] == "dprk_writings_gift"
    assert doc["conductance"] > 0


def test_simulate_is_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    first = _run(capsys, "simulate", "--scenario", "full_package", "--seed", "3", *SMALL)[1]
    second = _run(capsys, "simulate", "--scenario", "full_package", "--seed", "3", *SMALL)[1]
    assert first == second


def test_set_and_file_scenarios_agree(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(to_file_json(Scenario(us_rhetoric=4.5, gestures=({"id": "us_book_gift", "day": 5},))))
    by_file = _run(capsys, "simulate", "--scenario", str(path), *SMALL)[1]
    by_set = _run(capsys, "simulate", "--set", "us_rhetoric=4.5", "--set", "gestures=us_book_gift@5", *SMALL)[1]
    assert by_file == by_set


def test_csv_output_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    code, printed, _ = _run(capsys, "simulate", "--format", "csv", "--out", str(out), *SMALL)
    lines = out.read_text().splitlines()
    assert code == 0 and printed == ""
    assert lines[0].startswith("day,burst_probability,pressure_p10") and len(lines) == 61


def test_compare_reports_the_difference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compare", "baseline", "full_package", "--runs", "300", "--horizon", "90")
    doc = json.loads(out)
    assert code == 0
    assert doc["difference"] == pytest.approx(doc["b"]["burst_probability"] - doc["a"]["burst_probability"], abs=1e-6)


def _write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


BAD = {
    "unknown field": (["--set", "volume=3"], "volume"),
    "out of range": (["--set", "us_rhetoric=11"], "us_rhetoric"),
    "wrong type": (["--set", "seed=many"], "seed"),
    "unknown gesture": (["--set", "gestures=cake@3"], "gestures"),
    "malformed gesture": (["--set", "gestures=us_book_gift"], "gestures"),
    "nan": (["--set", "china_mediation=nan"], "china_mediation"),
    "inf": (["--set", "us_rhetoric=inf"], "us_rhetoric"),
    "runs flag": (["--runs", "10"], "runs"),
    "horizon flag": (["--horizon", "x"], "horizon_days"),
    "seed flag": (["--seed", "-4"], "seed"),
    "unknown channel": (["--set", "closed_channels=hotline"], "closed_channels"),
    "not a pair": (["--set", "us_rhetoric"], "--set"),
    "missing file": (["--scenario", "FILE:missing.json"], "missing.json"),
    "unknown scenario": (["--scenario", "armageddon"], "armageddon"),
    "malformed json": (["--scenario", "FILE:bad.json:{oops"], "bad.json"),
    "nan json": (["--scenario", 'FILE:nan.json:{"schema_version": 1, "scenario": {"us_rhetoric": NaN}}'], "NaN"),
    "oversized json": (["--scenario", "FILE:big.json:" + " " * 70_000 + "{}"], "big.json"),
    "wrong type json": (["--scenario", 'FILE:t.json:{"schema_version": 1, "scenario": {"runs": "many"}}'], "runs"),
    "not utf-8": (["--scenario", "FILE:latin.json:\udcff"], "latin.json"),
    "bad format": (["--format", "xml"], "--format"),
    "out is a folder": (["--out", "DIR"], "folder"),
    "out cannot be written": (["--out", "/proc/pacnet.json"], "cannot be written"),
    "superscript day": (["--set", "gestures=us_book_gift@²"], "gestures"),
    "huge day": (["--set", "gestures=us_book_gift@" + "9" * 5000], "gestures"),
    "other script digits": (["--set", "us_rhetoric=٣"], "us_rhetoric"),
    "underscored number": (["--set", "seed=1_000"], "seed"),
    "set twice": (["--set", "seed=1", "--set", "seed=2"], "seed"),
    "set and flag": (["--set", "runs=200", "--runs", "400"], "runs"),
    "special file": (["--scenario", "/dev/zero"], "not a regular file"),
    "schema version true": (["--scenario", 'FILE:t.json:{"schema_version": true, "scenario": {}}'], "schema_version"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_exits_2_with_one_error_line(case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    args, named = BAD[case]
    argv = []
    for a in args:
        if a.startswith("FILE:"):
            _, name, *body = a.split(":", 2)
            content = body[0].encode("utf-8", "surrogateescape") if body else None
            a = _write(tmp_path, name, content) if content is not None else str(tmp_path / name)
        argv.append(str(tmp_path) if a == "DIR" else a)
    code, out, err = _run(capsys, "simulate", *SMALL, *argv)
    lines = err.strip().splitlines()
    assert code == 2 and out == ""
    assert len(lines) == 1 and lines[0].startswith("error:") and named in lines[0]
    assert "Traceback" not in err


def test_compare_refuses_scenarios_with_different_seeds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(to_file_json(Scenario(seed=99)))
    code, out, err = _run(capsys, "compare", "baseline", str(other))
    assert code == 2 and out == "" and err.startswith("error: seed:")


def test_a_file_from_another_model_version_is_noted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = json.loads(to_file_json(Scenario()))
    path = tmp_path / "old.json"
    path.write_text(json.dumps({**doc, "model_version": "0.9.0"}))
    code, out, err = _run(capsys, "simulate", "--scenario", str(path), *SMALL)
    assert code == 0 and json.loads(out)["model_version"] == MODEL_VERSION
    assert err.startswith("note:") and "0.9.0" in err


def test_no_partial_output_file_on_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    code, _, _ = _run(capsys, "simulate", "--set", "runs=1", "--out", str(out))
    assert code == 2 and not out.exists() and list(tmp_path.iterdir()) == []


def test_unknown_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "explode")
    assert code == 2 and err.startswith("error:") and "explode" in err


def _subparser(name: str):
    from pacnet_dashboard.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sub.choices[name]


def test_help_ranges_and_choices_come_from_the_schema_and_the_core() -> None:
    from typing import get_args

    from pacnet_dashboard.analysis import sensitivity, sweep
    from pacnet_dashboard.scenario import lever_specs

    helps = {a.dest: (a.help, a.choices) for a in _subparser("simulate")._actions}
    for flag, field in (("runs", "runs"), ("horizon", "horizon_days")):
        spec = lever_specs()[field]
        assert f"{int(spec.min)} to {int(spec.max):,}" in helps[flag][0]
    sweep_choices = {a.dest: a.choices for a in _subparser("sweep")._actions}
    assert tuple(sweep_choices["design"]) == get_args(sweep.Design)
    assert tuple(sweep_choices["seeds"]) == get_args(sweep.Seeds)
    assert tuple(next(a.choices for a in _subparser("sensitivity")._actions if a.dest == "method")) == \
        get_args(sensitivity.Method)


def test_compare_refuses_a_scenario_compared_with_itself(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "compare", "baseline", "gift_exchange", "--set", "gestures=us_book_gift@14",
                          "--runs", "100")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("error: compare: ") and "same scenario" in err and "--set gestures=us_book_gift@14" in err
    code, _, err = _run(capsys, "compare", "baseline", "baseline", "--runs", "100")
    assert code == 2 and "same scenario" in err


def test_compare_says_what_its_shared_options_applied_to(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "compare", "baseline", "gift_exchange", "--set", "china_mediation=0.6",
                        "--runs", "300", "--horizon", "90")
    doc = json.loads(out)
    assert code == 0 and doc["applied_to_both"] == ["--set china_mediation=0.6", "--runs 300", "--horizon 90"]
    assert doc["difference"] != 0.0
