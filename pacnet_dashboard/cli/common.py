"""What every subcommand shares: the parser that never exits by itself, the scenario options and the writer.

Bad input never produces a traceback: it exits with status 2 and one `error:` line naming the field or file
and what is allowed, and it never leaves a partial output file. The core raises `InputError`s in its own names;
`error_line` maps the names of analysis settings to the flags that set them. Every line the CLI prints about its
input goes through `say`, which makes it inert (escapes, bounded length) and survives a closed or full standard
error.

`--out` writes regular files only. It is checked before any work starts: a folder, a device, a FIFO or a socket
is refused, as is a folder that does not exist. A symbolic link is followed: the file it points to is replaced
(atomically) and the link stays a link. A new file gets the permissions of the umask (0666 minus the umask);
a file that exists keeps its permissions.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.io.errors import ClusterError, DataError, InputError, ScenarioError, SettingError
from pacnet_dashboard.io.progress import Progress
from pacnet_dashboard.io.text import inert
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.scenario import Scenario, bundled_names, from_strings, lever_specs, resolve


SCENARIO_FLAGS = (("runs", "runs", "N"), ("seed", "seed", "N"), ("horizon", "horizon_days", "D"))
"""Shorthand flags for three scenario fields: flag, field, metavar (range and unit come from the schema)."""


class UsageError(InputError):
    """A command-line problem (an argparse error, a bad flag value): `field` is the flag or the command."""


ERROR_LINE_LIMIT = 1000


class OutputError(Exception):
    """Standard output cannot be written (closed, a full disk, a reader that went away)."""

    def __init__(self, message: str, *, broken_pipe: bool = False) -> None:
        super().__init__(message)
        self.broken_pipe = broken_pipe


def say(line: str) -> None:
    """Print one inert, bounded line on standard error; a closed or failing standard error is not an error."""
    text = inert(" ".join(line.split()), ERROR_LINE_LIMIT)
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


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
        raise UsageError("--set", f"'{inert(text, 60)}' is not of the form FIELD=VALUE")
    return name.strip(), value


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The Scenario named by --scenario, with --set, --runs, --seed and --horizon applied through one codec."""
    base = Scenario()
    if args.scenario:
        doc = resolve(args.scenario)
        if doc.model_version != MODEL_VERSION:
            say(f"note: {inert(args.scenario, 200)} was saved by model version {inert(doc.model_version, 40)}; "
                f"this is {MODEL_VERSION}, so its numbers may differ from when it was saved")
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


def check_out(out: str) -> Path:
    """The regular file `--out` will replace, checked before any work starts (a symlink is followed)."""
    target = Path(os.path.realpath(out))
    shown = inert(out, 200)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise DataError(shown, f"cannot be checked ({exc.strerror})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise DataError(shown, "is a folder; give a file path for --out")
    if mode is not None and not stat.S_ISREG(mode):
        raise DataError(shown, "is a device, FIFO or socket; --out writes regular files only")
    if not target.parent.is_dir():
        raise DataError(shown, f"the folder {inert(target.parent, 200)} does not exist")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise DataError(shown, f"the folder {inert(target.parent, 200)} is not writable")
    return target


def _new_file_mode() -> int:
    """0666 minus the umask: the permissions any program gives a file it creates."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_stdout(data: str | bytes) -> None:
    """Write and flush standard output; any failure becomes an OutputError, never a traceback."""
    if sys.stdout is None:
        raise OutputError("standard output is closed")
    try:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputError("standard output: the reader went away", broken_pipe=True) from None
    except (OSError, ValueError) as exc:
        raise OutputError(f"standard output cannot be written ({getattr(exc, 'strerror', None) or exc})") from None


def write_output(data: str | bytes, out: str | None) -> None:
    """Print, or write atomically: the file appears whole or not at all, and a failed write is a clear error."""
    if out is None:
        write_stdout(data)
        return
    target = check_out(out)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _new_file_mode()
    except OSError as exc:
        raise DataError(inert(out, 200), f"cannot be checked ({exc.strerror})") from None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise DataError(inert(out, 200), f"cannot be written ({exc.strerror or exc})") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


@contextmanager
def progress_bar(enabled: bool, desc: str, unit: str) -> Iterator[Progress]:
    """A tqdm bar on standard error that a core call's `progress(done, total)` callback moves."""
    from tqdm import tqdm

    bar = tqdm(total=None, unit=unit, file=sys.stderr, disable=not enabled or sys.stderr is None, desc=desc,
               smoothing=0.1)

    def report(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield report
    finally:
        bar.close()


def result_json(result: Result) -> str:
    return json.dumps(result.to_dict(), allow_nan=False) + "\n"


