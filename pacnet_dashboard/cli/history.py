"""The `history` subcommand: replay the 2017-2019 record and score it."""

from __future__ import annotations

import argparse
import csv
import io
import json

from pacnet_dashboard.cli.common import UsageError, write_output
from pacnet_dashboard.io.data import load_events
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.scenario import parse_int


def _cmd_history(args: argparse.Namespace) -> int:
    from pacnet_dashboard.history import replay as history

    seed = parse_int(args.seed)
    if seed is None or seed < 0:
        raise UsageError("--seed", f"{args.seed[:40]!r} is not allowed; give an integer >= 0")
    events = load_events()
    replay = history.ReplaySettings(seed=seed)
    params = history.fitted_parameters()
    result = (history.fit(events, replay=replay).history if args.refit
              else history.evaluate(events, params, replay=replay))
    if args.format == "json":
        in_use = history.evaluate(events, default_parameters(), replay=replay)
        doc = {**result.to_dict(), "values_in_use": {
            w: {"r": round(getattr(in_use, w).r, 6), "rmse": round(getattr(in_use, w).rmse, 6)}
            for w in ("in_sample", "out_of_sample")}}
        text = json.dumps(doc, allow_nan=False) + "\n"
    else:
        buf = io.StringIO()
        rows = result.monthly_rows()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buf.getvalue()
    write_output(text, args.out)
    return 0


def register_history(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("history", help="replay the 2017-2019 record and score the model against the observed index")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("--out", metavar="PATH", help="write to a file instead of standard output")
    p.add_argument("--seed", default="2017", metavar="N", help="seed of the replay's random streams (integer >= 0)")
    p.add_argument("--refit", action="store_true", help="fit the dynamic parameters again first (takes minutes)")
    p.set_defaults(func=_cmd_history)


