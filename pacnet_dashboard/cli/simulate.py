"""The subcommands that run scenarios: `scenarios`, `simulate`, `compare` and `network`."""

from __future__ import annotations

import argparse
import json
import math

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.cli.common import (SCENARIO_FLAGS, UsageError, add_scenario_options, result_json,
                                         scenario_from_args, write_output)
from pacnet_dashboard.model.network import network_metrics
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.scenario import ScenarioError, bundled_names


def _cmd_scenarios(args: argparse.Namespace) -> int:
    write_output("\n".join(bundled_names()) + "\n", None)
    return 0


def _cmd_simulate(args: argparse.Namespace) -> int:
    result = simulate(scenario_from_args(args))
    if args.format == "json":
        text = result_json(result)
    else:
        text = result.daily_table().to_csv(index=False, float_format="%.6g")
    write_output(text, args.out)
    return 0


def _shared_changes(args: argparse.Namespace) -> list[str]:
    """The --set, --runs, --seed and --horizon items, as given: compare applies each of them to A and to B."""
    flags = [f"--{flag} {getattr(args, flag)}" for flag, _, _ in SCENARIO_FLAGS if getattr(args, flag) is not None]
    return [*(f"--set {item}" for item in args.set or []), *flags]


def _cmd_compare(args: argparse.Namespace) -> int:
    scenarios = []
    for name in (args.a, args.b):
        args.scenario = name
        scenarios.append(scenario_from_args(args))
    shared = _shared_changes(args)
    if scenarios[0] == scenarios[1]:
        why = f" once {' '.join(shared)} is applied to both" if shared else ""
        raise UsageError("compare", f"A ({args.a}) and B ({args.b}) are the same scenario{why}, so their "
                                    "difference is zero by construction; --set, --runs, --seed and --horizon change "
                                    "A and B alike, so give B as a scenario file with its own levers instead")
    results = [simulate(s) for s in scenarios]
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
        **{key: {"name": name, "burst_probability": round(r.burst_probability, 6),
                 "conductance": round(r.conductance, 6)} for key, name, r in (("a", args.a, a), ("b", args.b, b))},
        "difference": round(b.burst_probability - a.burst_probability, 6),
        "standard_error_independent": round(se, 6),
        "applied_to_both": shared,
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


def register_scenarios(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scenarios", help="list the bundled scenarios")
    p.set_defaults(func=_cmd_scenarios)


def register_simulate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="simulate one scenario and print the results")
    add_scenario_options(p)
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=_cmd_simulate)


def register_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="compare two scenarios at one seed",
                       description="--set, --runs, --seed and --horizon apply to both A and B (the output lists them "
                                   "under applied_to_both); to change only B, give B as a scenario file. Refuses when "
                                   "A and B end up the same scenario.")
    p.add_argument("a", metavar="A", help="bundled scenario name or JSON file")
    p.add_argument("b", metavar="B", help="bundled scenario name or JSON file")
    add_scenario_options(p, positional=True)
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=_cmd_compare)


def register_network(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("network", help="print the intermediary network's conductance, paths and leverage as JSON")
    add_scenario_options(p)
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=_cmd_network)


