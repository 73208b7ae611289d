"""The `explain` subcommand: the knock-out decomposition of a scenario's effect against the baseline, as JSON."""

from __future__ import annotations

import argparse
import json

from pacnet_dashboard.cli.common import add_scenario_options, scenario_from_args, write_output


def _cmd_explain(args: argparse.Namespace) -> int:
    from pacnet_dashboard.analysis.explain import explain

    decomposition = explain(scenario_from_args(args))
    write_output(json.dumps(decomposition.to_dict(), indent=2, allow_nan=False) + "\n", args.out)
    return 0


def register_explain(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="why a scenario works, or fails: its effect with each mechanism switched off",
                       description="The scenario's pop chance by the horizon minus the baseline's, at one seed (common "
                                   "random numbers), then the same with each mechanism switched off in both; "
                                   "share = 1 - effect_without / effect.")
    add_scenario_options(p)
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=_cmd_explain)
