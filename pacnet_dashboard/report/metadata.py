"""What a data export says about itself: the daily table beside the baseline's, and the metadata that
names the model version, seed, runs, every lever, the parameter table's provenance and the reproduce command.

The same metadata heads the plain CSV download (as `#` lines) and sits in the ZIP as `metadata.json`, so the
two can never disagree. Nothing here holds a timestamp: the same scenario and seed give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pandas as pd

from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.report.brief import cli_command
from pacnet_dashboard.report.method import CITATION, parameter_rows
from pacnet_dashboard.io.data import load_gestures
from pacnet_dashboard.scenario import (GestureTiming, Schedule, Scenario, bundled, bundled_names, encode_value,
                                       lever_specs)

ILLUSTRATIVE = "An illustrative model of one argument, not a forecast."
DATA_LICENCE = ("Creative Commons Attribution 4.0 International (CC BY 4.0): reuse freely, citing the model, "
                "its version and the seed.")
FLOAT_FORMAT = "%.6g"


def scenario_identity(scenario: Scenario) -> tuple[str, str, str]:
    """(name, title, description) of the bundled scenario this one is, at any seed and runs; else 'custom'."""
    for name in bundled_names():
        doc = bundled(name)
        if doc.scenario.model_copy(update={"seed": scenario.seed, "runs": scenario.runs}) == scenario:
            return doc.name, doc.title, doc.description
    return "custom", "Custom scenario", "Levers set by hand."


def file_stem(name: str, scenario: Scenario) -> str:
    """The stem every export of a scenario shares, e.g. gift_exchange_seed2017."""
    return f"{name}_seed{scenario.seed}"


def daily_table(result: Result, baseline: Result) -> pd.DataFrame:
    """One row per day: the scenario's burst curve and bands, then the baseline's under `baseline_` names."""
    own = result.daily_table()
    base = baseline.daily_table().drop(columns=["day"]).add_prefix("baseline_")
    return pd.concat([own, base], axis=1)


def daily_csv(result: Result, baseline: Result) -> str:
    return daily_table(result, baseline).to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")


def reproduce_command(scenario: Scenario, out: str) -> str:
    """The command that rebuilds this export (every lever that differs from the defaults is spelled out)."""
    return f"{cli_command(scenario, 'report')} --out {out}"


def _json_value(scenario: Scenario, name: str) -> Any:
    return scenario.model_dump(mode="json")[name]


def value_words(value: object) -> str:
    """A lever's value in words for the table: schedules described, gestures by label and day, nothing as 'none'."""
    if isinstance(value, Schedule):
        return value.describe()
    if isinstance(value, tuple):
        labels = {g.id: g.label for g in load_gestures().gestures}
        items = [f"{labels[v.id]}, day {v.day}" if isinstance(v, GestureTiming) else str(v) for v in value]
        return ", ".join(items) or "none"
    return f"{value:g}" if isinstance(value, float) else str(value)


def lever_rows(scenario: Scenario, baseline: Scenario) -> list[dict[str, Any]]:
    """Every field of the schema, in schema order, with its value here and in the baseline: new levers and
    assumptions appear here by themselves."""
    return [{"name": name, "label": spec.label, "group": spec.group, "unit": spec.unit,
             "value": _json_value(scenario, name), "text": encode_value(scenario, name),
             "words": value_words(getattr(scenario, name)), "baseline_words": value_words(getattr(baseline, name)),
             "baseline": _json_value(baseline, name),
             "changed": getattr(scenario, name) != getattr(baseline, name),
             "meaning": spec.help, "provenance": spec.provenance}
            for name, spec in lever_specs().items()]


def metadata(result: Result, baseline: Result, *, name: str, title: str, out: str) -> dict[str, Any]:
    """Everything needed to read, cite and rebuild an export of `result`."""
    s = result.scenario
    return {
        "title": title,
        "scenario_name": name,
        "note": ILLUSTRATIVE,
        "model_version": result.model_version,
        "seed": s.seed,
        "runs": s.runs,
        "horizon_days": s.horizon_days,
        "results": {
            "burst_probability": round(result.burst_probability, 6),
            "burst_probability_standard_error": round(result.burst_standard_error, 6),
            "baseline_burst_probability": round(baseline.burst_probability, 6),
            "difference": round(result.burst_probability - baseline.burst_probability, 6),
            "conductance": round(result.conductance, 6),
            "baseline_conductance": round(baseline.conductance, 6),
            "gestures": [g.__dict__ for g in result.gestures],
        },
        "levers": lever_rows(s, baseline.scenario),
        "scenario": s.model_dump(mode="json"),
        "baseline_scenario": baseline.scenario.model_dump(mode="json"),
        "parameters": [{k: v for k, v in row.items()} for row in parameter_rows(s.assumptions.as_dict())],
        "reproduce": reproduce_command(s, out),
        "comparison": "The baseline is the bundled 2017 war of words at the same seed, runs and horizon, so both "
                      "face the same random incidents (common random numbers).",
        "citation": CITATION,
        "licence": DATA_LICENCE,
    }


def metadata_json(meta: dict[str, Any]) -> str:
    return json.dumps(meta, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def csv_with_header(result: Result, baseline: Result, *, name: str, title: str, out: str) -> str:
    """The daily CSV headed by `#` lines of `key,value` (spreadsheets show them as two cells above the table;
    `pandas.read_csv(path, comment="#")` skips them)."""
    meta = metadata(result, baseline, name=name, title=title, out=out)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    rows: list[list[str]] = [
        ["# title", title], ["# note", ILLUSTRATIVE], ["# model_version", meta["model_version"]],
        ["# seed", str(meta["seed"])], ["# runs", str(meta["runs"])], ["# horizon_days", str(meta["horizon_days"])],
        ["# burst_probability", f"{result.burst_probability:.6g}"],
        ["# baseline_burst_probability", f"{baseline.burst_probability:.6g}"],
    ]
    rows += [[f"# lever {r['name']}", r["text"]] for r in meta["levers"]]
    rows += [["# baseline columns", "baseline_*: the bundled baseline at the same seed, runs and horizon"],
             ["# reproduce", meta["reproduce"]], ["# citation", CITATION]]
    writer.writerows(rows)
    return buf.getvalue() + daily_csv(result, baseline)
