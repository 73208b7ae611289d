"""The analyst subcommands `sweep` and `sensitivity` (exit 2, one `error:` line, no partial file, as everywhere)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import get_args

from pacnet_dashboard.cli.common import (UsageError, add_scenario_options, check_out, progress_bar, scenario_from_args,
                                         write_output)
from pacnet_dashboard.cli.estimate import LONG_JOB_SECONDS, confirm, cores, duration, estimate
from pacnet_dashboard.io.text import inert, parse_float, parse_int


def _whole_number(flag: str, text: str) -> int:
    """A flag's whole number; its range is the core's to check (once), except for the CLI's own flags."""
    value = parse_int(text)
    if value is None:
        raise UsageError(flag, f"'{inert(text, 40)}' is not a whole number")
    return value


def _workers(text: str) -> int:
    """Local worker processes: at most the cores this machine gives the process (each worker costs ~285 MB)."""
    value = _whole_number("--workers", text)
    if not 1 <= value <= cores():
        raise UsageError("--workers", f"{value} is not allowed; allowed: a whole number from 1 to {cores()} "
                                      "(the cores this machine gives it)")
    return value


def _check_out(out: str) -> str:
    """The output format from the file name, checked before any work starts."""

    suffix = Path(out).suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise UsageError("--out", f"'{inert(out, 200)}' must end in .csv or .parquet")
    check_out(out)
    return suffix[1:]


def _cmd_sweep(args: argparse.Namespace) -> int:
    from pacnet_dashboard.analysis import sweep

    fmt = _check_out(args.out)
    if args.workers is not None and args.scheduler is not None:
        raise UsageError("--workers", "give --workers (a local cluster) or --scheduler (an existing one), not both")
    workers = _workers(args.workers) if args.workers is not None else None
    samples = None
    if args.samples is not None:
        if args.design != "lhs":
            raise UsageError("--samples", "only a Latin hypercube (--design lhs) takes --samples")
        samples = _whole_number("--samples", args.samples)
    base = scenario_from_args(args)
    varies = [sweep.parse_vary(text) for text in args.vary]
    points = sweep.design_points(varies, args.design, samples, seed=base.seed)
    sweep.check_scheduler_address(args.scheduler)
    sizes = ((p.get("runs", base.runs), p.get("horizon_days", base.horizon_days)) for p in points)
    confirm("sweep", estimate(base, sizes, 1 if args.scheduler else workers or cores()), yes=args.yes,
            quiet=args.quiet)
    with progress_bar(not args.quiet, "sweep", "scenario") as progress:
        frame = sweep.run_sweep(base, points, seeds=args.seeds, workers=workers, scheduler=args.scheduler,
                                progress=progress)
    if fmt == "csv":
        write_output(sweep.to_csv(frame), args.out)
    else:
        write_output(sweep.to_parquet(frame), args.out)
    return 0


def _cmd_sensitivity(args: argparse.Namespace) -> int:
    from pacnet_dashboard.analysis import sensitivity as sa

    runs = args.runs or str(sa.SENSITIVITY_RUNS)
    args.runs = runs
    base = scenario_from_args(args)
    trajectories = _whole_number("--trajectories", args.trajectories)
    samples = _whole_number("--samples", args.samples)
    spread = parse_float(args.spread)
    if spread is None:
        raise UsageError("--spread", f"'{inert(args.spread, 40)}' is not a number; allowed: a share between 0 and 1, "
                                     "e.g. 0.5")
    sa.check_settings(args.method, trajectories, samples, spread)
    k = len(sa.sensitivity_factors(include_parameters=not args.levers_only, spread=spread))
    count = trajectories * (k + 1) if args.method == "morris" else samples * (k + 2)
    confirm("sensitivity analysis", estimate(base, [(base.runs, base.horizon_days)] * count, 1), yes=args.yes)
    result = sa.sensitivity(base, method=args.method, runs=base.runs, trajectories=trajectories, samples=samples,
                            include_parameters=not args.levers_only, spread=spread, output=args.output)
    write_output(json.dumps(result.to_dict(), indent=2, allow_nan=False) + "\n", args.out)
    return 0


def _add_yes(p: argparse.ArgumentParser) -> None:
    p.add_argument("--yes", action="store_true",
                   help=f"start even if the estimate (printed first) is above {duration(LONG_JOB_SECONDS)}")


def register_sweep(sub: argparse._SubParsersAction) -> None:
    from pacnet_dashboard.analysis import sweep

    p = sub.add_parser("sweep", help="run a factorial or Latin-hypercube sweep of scenarios on Dask",
                       description="Each scenario gets its own seed, derived from the base seed and its index, so "
                                   "the results do not depend on the number of workers or the cluster.")
    p.add_argument("--vary", action="append", required=True, metavar="FIELD=a:b:n",
                   help="vary a numeric field from a to b in n levels (a Latin hypercube ignores n); repeatable")
    p.add_argument("--design", choices=get_args(sweep.Design), default="factorial",
                   help="full factorial of the levels (default), or a Latin hypercube of --samples points")
    p.add_argument("--samples", metavar="N", help=f"points of a Latin hypercube (1 to {sweep.MAX_SCENARIOS:,})")
    p.add_argument("--seeds", choices=get_args(sweep.Seeds), default="derived",
                   help="derived: each scenario its own seed from the base seed (default); common: every scenario "
                        "the base seed (common random numbers, for smooth response surfaces)")
    add_scenario_options(p)
    p.add_argument("--workers", metavar="N",
                   help="worker processes of the local Dask cluster, at most the cores (default: all cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on an existing Dask cluster, e.g. tcp://host:8786 (tcp:// or tls://)")
    _add_yes(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar on standard error")
    p.add_argument("--out", required=True, metavar="PATH", help="results file: .csv or .parquet")
    p.set_defaults(func=_cmd_sweep)


def register_sensitivity(sub: argparse._SubParsersAction) -> None:
    from pacnet_dashboard.analysis import sensitivity as sa

    p = sub.add_parser("sensitivity", help="global sensitivity of the pop chance (SALib), as JSON",
                       description="Morris elementary effects or Sobol' indices of the pop chance at the horizon over "
                                   "the continuous levers, the model parameters and a dummy factor. "
                                   f"--runs defaults to {sa.SENSITIVITY_RUNS} here.")
    p.add_argument("--method", choices=get_args(sa.Method), default="morris")
    p.add_argument("--output", choices=tuple(sa.OUTPUTS), default="burst_probability",
                   help="rank by the pop chance (default) or by the benefit of the signed book on day 14 "
                        "(twice the simulations)")
    p.add_argument("--trajectories", metavar="N", default=str(sa.MORRIS_TRAJECTORIES),
                   help=f"Morris trajectories, {sa.MORRIS_TRAJECTORY_RANGE[0]} to {sa.MORRIS_TRAJECTORY_RANGE[1]} "
                        f"(default {sa.MORRIS_TRAJECTORIES}); each costs k+1 simulations")
    p.add_argument("--samples", metavar="N", default=str(sa.SOBOL_SAMPLES),
                   help=f"Sobol' base samples, a power of two from {sa.SOBOL_SAMPLE_RANGE[0]} to "
                        f"{sa.SOBOL_SAMPLE_RANGE[1]} (default {sa.SOBOL_SAMPLES}); costs N*(k+2) simulations")
    p.add_argument("--spread", metavar="SHARE", default=str(sa.PARAMETER_SPREAD),
                   help="parameters vary by this share of their value, within the table's range "
                        f"(default {sa.PARAMETER_SPREAD})")
    p.add_argument("--levers-only", action="store_true",
                   help="vary only the levers (and the dummy), not the parameters")
    _add_yes(p)
    add_scenario_options(p)
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=_cmd_sensitivity)
