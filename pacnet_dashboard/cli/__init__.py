"""The command line: `python -m pacnet_dashboard SUBCOMMAND ...`; one module per topic, all built on `common`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.cli import analysis, explain, exports, history, simulate
from pacnet_dashboard.cli.common import Parser, error_line
from pacnet_dashboard.io.errors import InputError

REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [
    simulate.register_scenarios, simulate.register_simulate, simulate.register_compare,
    simulate.register_network, history.register_history, exports.register_report, exports.register_figure,
    analysis.register_sweep, analysis.register_sensitivity, explain.register_explain,
]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m pacnet_dashboard",
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
    except InputError as exc:
        sys.stderr.write(error_line(exc) + "\n")
        return 2
    except BrokenPipeError:
        return 0
