"""The command line: `python -m pacnet_dashboard SUBCOMMAND ...`.

Bad input never produces a traceback: it exits with status 2 and one `error:` line naming the field or file
and what is allowed, and it never leaves a partial output file.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.cli_analysis import register_sensitivity, register_sweep
from pacnet_dashboard.data import DataError
from pacnet_dashboard.model import Result, simulate
from pacnet_dashboard.network import network_metrics
from pacnet_dashboard.scenario import (Scenario, ScenarioError, bundled_names, from_strings, parse_assignment, parse_int,
                                       resolve)


class UsageError(Exception):
    """Raised instead of argparse's exit so that every bad input takes one path out."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The Scenario named by --scenario, with --set, --runs, --seed and --horizon applied through one codec."""
    base = Scenario()
    if args.scenario:
        doc = resolve(args.scenario)
        if doc.model_version != MODEL_VERSION:
            sys.stderr.write(f"note: {args.scenario} was saved by model version {doc.model_version}; this is "
                             f"{MODEL_VERSION}, so its numbers may differ from when it was saved\n")
        base = doc.scenario
    pairs: dict[str, str] = {}
    for item in args.set or []:
        name, value = parse_assignment(item)
        if name in pairs:
            raise ScenarioError(name, "is set twice; give each field once")
        pairs[name] = value
    for flag, name in (("runs", "runs"), ("seed", "seed"), ("horizon", "horizon_days")):
        value = getattr(args, flag, None)
        if value is not None:
            if name in pairs:
                raise ScenarioError(name, f"is set both by --set and by --{flag}; give it once")
            pairs[name] = value
    return from_strings(pairs, base)


def add_scenario_options(p: argparse.ArgumentParser, *, positional: bool = False) -> None:
    """The options that pick a scenario, shared by every subcommand that runs the model."""
    if not positional:
        p.add_argument("--scenario", metavar="NAME|PATH", help=f"a bundled scenario ({', '.join(bundled_names())}) or a JSON file")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE", help="change one lever, e.g. us_rhetoric=5 or gestures=us_book_gift@14")
    p.add_argument("--runs", metavar="N", help="Monte Carlo runs (100-100000)")
    p.add_argument("--seed", metavar="N", help="seed of the random streams (integer >= 0)")
    p.add_argument("--horizon", metavar="D", help="horizon in days (30-730)")


def write_output(data: str | bytes, out: str | None) -> None:
    """Print, or write atomically: the file appears whole or not at all, and a failed write is a clear error."""
    if out is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    path = Path(out)
    if path.is_dir():
        raise DataError(f"{out}: is a folder; give a file path for --out")
    if not path.parent.exists():
        raise DataError(f"{out}: the folder {path.parent} does not exist")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        os.replace(tmp, path)
    except OSError as exc:
        raise DataError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def result_json(result: Result) -> str:
    return json.dumps(result.to_dict(), allow_nan=False) + "\n"


def _cmd_scenarios(args: argparse.Namespace) -> int:
    sys.stdout.write("\n".join(bundled_names()) + "\n")
    return 0


def _cmd_simulate(args: argparse.Namespace) -> int:
    result = simulate(scenario_from_args(args))
    text = result_json(result) if args.format == "json" else result.daily_table().to_csv(index=False, float_format="%.6g")
    write_output(text, args.out)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    results = []
    for name in (args.a, args.b):
        args.scenario = name
        results.append(simulate(scenario_from_args(args)))
    a, b = results
    for name in ("seed", "runs", "horizon_days"):
        if getattr(a.scenario, name) != getattr(b.scenario, name):
            raise ScenarioError(name, f"A has {getattr(a.scenario, name)} and B has {getattr(b.scenario, name)}; "
                                      f"compare needs them equal (set it with --{name.removesuffix('_days')})")
    runs = a.scenario.runs
    se = math.sqrt(sum(r.burst_probability * (1 - r.burst_probability) for r in results) / runs)
    doc = {
        "model_version": MODEL_VERSION,
        "seed": a.scenario.seed,
        "runs": runs,
        "horizon_days": a.scenario.horizon_days,
        "a": {"name": args.a, "burst_probability": round(a.burst_probability, 6), "conductance": round(a.conductance, 6)},
        "b": {"name": args.b, "burst_probability": round(b.burst_probability, 6), "conductance": round(b.conductance, 6)},
        "difference": round(b.burst_probability - a.burst_probability, 6),
        "standard_error_independent": round(se, 6),
        "note": "Both scenarios share the seed, so their noise and incidents are common random numbers; "
                "the difference is far less noisy than the independent standard error suggests.",
    }
    write_output(json.dumps(doc, indent=2) + "\n", args.out)
    return 0


def _cmd_network(args: argparse.Namespace) -> int:
    scenario = scenario_from_args(args)
    doc = {"model_version": MODEL_VERSION, "scenario": scenario.model_dump(mode="json"),
           **network_metrics(scenario).to_dict()}
    write_output(json.dumps(doc, indent=2) + "\n", args.out)
    return 0


def _register_scenarios(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scenarios", help="list the bundled scenarios")
    p.set_defaults(func=_cmd_scenarios)


def _register_simulate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="simulate one scenario and print the results")
    add_scenario_options(p)
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=_cmd_simulate)


def _register_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="compare two scenarios at one seed")
    p.add_argument("a", metavar="A", help="bundled scenario name or JSON file")
    p.add_argument("b", metavar="B", help="bundled scenario name or JSON file")
    add_scenario_options(p, positional=True)
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=_cmd_compare)


def _cmd_report(args: argparse.Namespace) -> int:
    from pacnet_dashboard.report import brief_for

    title, description = "Custom scenario", ""
    if args.scenario:
        doc = resolve(args.scenario)
        title, description = doc.title, doc.description
    scenario = scenario_from_args(args)
    if args.set or any(getattr(args, f) is not None for f in ("runs", "seed", "horizon")):
        title = f"{title} (modified)"
    write_output(brief_for(scenario, title=title, description=description), args.out)
    return 0


def _register_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write a self-contained HTML brief (figures and summary; works offline)")
    add_scenario_options(p)
    p.add_argument("--out", metavar="PATH", required=True, help="the HTML file to write, e.g. brief.html")
    p.set_defaults(func=_cmd_report)


def _register_network(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("network", help="print the intermediary network's conductance, paths and leverage as JSON")
    add_scenario_options(p)
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=_cmd_network)


def _cmd_history(args: argparse.Namespace) -> int:
    from pacnet_dashboard import history

    seed = parse_int(args.seed)
    if seed is None or seed < 0:
        raise UsageError(f"seed: {args.seed[:40]!r} is not allowed; give an integer >= 0")
    events = history.load_events()
    replay = history.ReplaySettings(seed=seed)
    params = history.fitted_parameters()
    result = (history.fit(events, replay=replay).history if args.refit
              else history.evaluate(events, params, replay=replay))
    if args.format == "json":
        text = json.dumps(result.to_dict(), allow_nan=False) + "\n"
    else:
        buf = io.StringIO()
        rows = result.monthly_rows()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buf.getvalue()
    write_output(text, args.out)
    return 0


def _register_history(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("history", help="replay the 2017-2019 record and score the model against the observed index")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.add_argument("--seed", default="2017", metavar="N", help="seed of the replay's random streams (integer >= 0)")
    p.add_argument("--refit", action="store_true", help="fit the dynamic parameters again first (takes minutes)")
    p.set_defaults(func=_cmd_history)


REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [
    _register_scenarios, _register_simulate, _register_compare,
    _register_network, _register_history, _register_report,
    register_sweep, register_sensitivity,
]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m pacnet_dashboard",
                     description="The PacNet save-face model: an illustrative model, not a forecast.")
    parser.add_argument("--version", action="version", version=f"model {MODEL_VERSION}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in REGISTRARS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except (UsageError, ScenarioError, DataError) as exc:
        message = " ".join(str(exc).split())
        sys.stderr.write(f"error: {message}\n")
        return 2
    except BrokenPipeError:
        return 0
