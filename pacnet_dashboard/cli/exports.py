"""The subcommands that write files to take away: `report` (the format follows --out) and `figure` (one chart)."""

from __future__ import annotations

import argparse
from pathlib import PurePath

from pacnet_dashboard.cli.common import add_scenario_options, scenario_from_args, write_output
from pacnet_dashboard.report.charts import CHARTS, chart_figure, results_for
from pacnet_dashboard.report.export import FORMATS, ExportInfo, export_bytes, format_for
from pacnet_dashboard.report.images import figure_images
from pacnet_dashboard.io.errors import InputError
from pacnet_dashboard.scenario import resolve

IMAGE_FORMATS = (".svg", ".png")
MIN_PX, MAX_PX = 200, 4000


def _export_info(args: argparse.Namespace) -> ExportInfo:
    """Name, title and description from --scenario; '(modified)' when --set or a simulation option changes it."""
    name, title, description = "custom", "Custom scenario", ""
    if args.scenario:
        doc = resolve(args.scenario)
        name, title, description = doc.name, doc.title, doc.description
    if args.set or any(getattr(args, f) is not None for f in ("runs", "seed", "horizon")):
        title = f"{title} (modified)"
    return ExportInfo(name=name, title=title, description=description, paper=args.paper)


def _cmd_report(args: argparse.Namespace) -> int:
    fmt = format_for(args.out)
    info = _export_info(args)
    result, baseline = results_for(scenario_from_args(args))
    write_output(export_bytes(fmt.extension, result, baseline, info), args.out)
    return 0


def _cmd_figure(args: argparse.Namespace) -> int:
    ext = PurePath(args.out).suffix.lower()
    if ext not in IMAGE_FORMATS:
        raise InputError("--out", f"{args.out[:80]!r} has {ext or 'no extension'}; allowed: "
                                  f"{', '.join(IMAGE_FORMATS)}")
    for flag, value in (("--width", args.width), ("--height", args.height)):
        if value is not None and not MIN_PX <= value <= MAX_PX:
            raise InputError(flag, f"{value} is outside {MIN_PX}-{MAX_PX} pixels")
    fig = chart_figure(args.name, scenario_from_args(args))
    (image,) = figure_images([fig], "svg" if ext == ".svg" else "png", width=args.width, height=args.height,
                             scale=1.0 if ext == ".svg" else 2.0)
    write_output(image, args.out)
    return 0


def register_report(sub: argparse._SubParsersAction) -> None:
    formats = ", ".join(f"{e} ({f.label}{'; needs Chromium' if f.needs_chromium else ''})" for e, f in FORMATS.items())
    p = sub.add_parser("report", help="write the brief, slides or data to take away; the format follows --out",
                       description=f"Formats by extension: {formats}.")
    add_scenario_options(p)
    p.add_argument("--out", metavar="FILE", required=True, help=f"the file to write; its extension picks the format: "
                                                                  f"{', '.join(FORMATS)}")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size of the PDF (default a4)")
    p.set_defaults(func=_cmd_report)


def register_figure(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("figure", help="write one chart of the pages as SVG or PNG (needs Chromium)",
                       description="Charts: " + "; ".join(f"{c.name} ({c.title}, {c.page} page)"
                                                          for c in CHARTS.values()) + ".")
    p.add_argument("name", metavar="NAME", choices=tuple(CHARTS), help=f"one of: {', '.join(CHARTS)}")
    add_scenario_options(p)
    p.add_argument("--out", metavar="FILE", required=True, help="FILE.svg (vector) or FILE.png (bitmap at 2x)")
    p.add_argument("--width", type=int, default=1000, metavar="PX",
                   help=f"width in CSS pixels, {MIN_PX}-{MAX_PX} (default 1000)")
    p.add_argument("--height", type=int, default=None, metavar="PX",
                   help=f"height in CSS pixels, {MIN_PX}-{MAX_PX} (default: the chart's)")
    p.set_defaults(func=_cmd_figure)
