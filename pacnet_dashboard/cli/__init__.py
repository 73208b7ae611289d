"""The command line: `python -m pacnet_dashboard SUBCOMMAND ...`; one module per topic, all built on `common`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.cli import analysis, explain, exports, history, simulate
from pacnet_dashboard.cli.common import OutputError, Parser, check_out, error_line, say
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


EXIT_INPUT = 2
EXIT_OUTPUT = 74  # EX_IOERR: standard output could not be written
EXIT_BROKEN_PIPE = 141  # what a shell reports for a writer whose reader went away (128 + SIGPIPE)
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; every way out is an exit status and at most one line on standard error, never a trace.

    2: the input was refused (an `error:` line names the field or file and what is allowed). 74: standard output
    could not be written. 141: the reader of standard output went away. 130: interrupted. 1: an internal error,
    reported as one line.
    """
    try:
        args = build_parser().parse_args(argv)
        out = getattr(args, "out", None)
        if out is not None:
            check_out(out)
        return args.func(args)
    except InputError as exc:
        say(error_line(exc))
        return EXIT_INPUT
    except OutputError as exc:
        _detach_stdout()
        if not exc.broken_pipe:
            say(f"error: {exc}")
        return EXIT_BROKEN_PIPE if exc.broken_pipe else EXIT_OUTPUT
    except KeyboardInterrupt:
        say("error: interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: still one line, never a trace
        say(f"error: internal error ({type(exc).__name__}: {exc}); please report it with the command that caused it")
        return 1


def _detach_stdout() -> None:
    """Point standard output at /dev/null, so Python's final flush cannot fail again after the error is reported."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass
