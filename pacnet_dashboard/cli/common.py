"""What every subcommand shares: the parser that never exits by itself, the scenario options and the writer.

Bad input never produces a traceback: it exits with status 2 and one `error:` line naming the field or file
and what is allowed, and it never leaves a partial output file. The core raises `InputError`s in its own names;
`error_line` maps the names of analysis settings to the flags that set them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.io.errors import ClusterError, DataError, InputError, ScenarioError, SettingError
from pacnet_dashboard.io.progress import Progress
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.scenario import Scenario, bundled_names, from_strings, lever_specs, resolve


SCENARIO_FLAGS = (("runs", "runs", "N"), ("seed", "seed", "N"), ("horizon", "horizon_days", "D"))
"""Shorthand flags for three scenario fields: flag, field, metavar (range and unit come from the schema)."""


class UsageError(InputError):
    """A command-line problem (an argparse error, a bad flag value): `field` is the flag or the command."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(self.prog, message)


def flag_for(exc: InputError) -> str:
    """The name a CLI user knows the refused input by: the flag for an analysis setting, else the field or file."""
    if isinstance(exc, (SettingError, ClusterError)):
        return "--" + exc.field.replace("_", "-")
    return "--scenario" if isinstance(exc, ScenarioError) and exc.field == "scenario" else exc.field


def error_line(exc: InputError) -> str:
    """The one `error:` line for a refused input, on one line whatever the detail holds."""
    return " ".join(f"error: {flag_for(exc)}: {exc.detail}".split())


def parse_assignment(text: str) -> tuple[str, str]:
    """Split one `FIELD=VALUE` item of `--set`."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError("--set", f"{text!r} is not of the form FIELD=VALUE")
    return name.strip(), value


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
    for flag, name, _ in SCENARIO_FLAGS:
        value = getattr(args, flag, None)
        if value is not None:
            if name in pairs:
                raise ScenarioError(name, f"is set both by --set and by --{flag}; give it once")
            pairs[name] = value
    return from_strings(pairs, base)


def add_scenario_options(p: argparse.ArgumentParser, *, positional: bool = False) -> None:
    """The options that pick a scenario, shared by every subcommand that runs the model."""
    if not positional:
        p.add_argument("--scenario", metavar="NAME|PATH",
                       help=f"a bundled scenario ({', '.join(bundled_names())}) or a JSON file")
    p.add_argument("--set", action="append", metavar="FIELD=VALUE",
                   help="change one lever, e.g. us_rhetoric=5 or gestures=us_book_gift@14")
    for flag, name, metavar in SCENARIO_FLAGS:
        spec = lever_specs()[name]
        p.add_argument(f"--{flag}", metavar=metavar, help=f"{spec.label}, {int(spec.min)} to {int(spec.max):,} "
                                                          f"({spec.unit}); sets {name}")


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
        raise DataError(out, "is a folder; give a file path for --out")
    if not path.parent.exists():
        raise DataError(out, f"the folder {path.parent} does not exist")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        os.replace(tmp, path)
    except OSError as exc:
        raise DataError(out, f"cannot be written ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


@contextmanager
def progress_bar(enabled: bool, desc: str, unit: str) -> Iterator[Progress]:
    """A tqdm bar on standard error that a core call's `progress(done, total)` callback moves."""
    from tqdm import tqdm

    bar = tqdm(total=None, unit=unit, file=sys.stderr, disable=not enabled, desc=desc, smoothing=0.1)

    def report(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield report
    finally:
        bar.close()


def result_json(result: Result) -> str:
    return json.dumps(result.to_dict(), allow_nan=False) + "\n"


