"""One exporter: the file format follows the name's extension, and every format is built from the same pair of
Results (the scenario and its like-for-like baseline), so the numbers agree across formats.

The lab's Files section and `report --out FILE` both read FORMATS; a format that needs Chromium says so, and
builds raise `ExportError` when there is none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from pacnet_dashboard.model.parameters import parameters_for
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.report.brief import brief_figures, html_brief
from pacnet_dashboard.report.bundle import bundle_zip
from pacnet_dashboard.report.metadata import csv_with_header, file_stem
from pacnet_dashboard.report.pdf import brief_pdf
from pacnet_dashboard.report.slides import slides_pptx
from pacnet_dashboard.io.errors import InputError

Paper = Literal["a4", "letter"]


@dataclass(frozen=True)
class ExportInfo:
    """What names an export: the scenario's short name (file names), its title and description, the paper."""

    name: str
    title: str
    description: str = ""
    paper: Paper = "a4"


@dataclass(frozen=True)
class Format:
    """One export format: its extension, a label for buttons and help, its MIME type and its builder."""

    extension: str
    label: str
    mime: str
    needs_chromium: bool
    build: Callable[[Result, Result, ExportInfo], bytes]


def _html(result: Result, baseline: Result, info: ExportInfo) -> bytes:
    figures = brief_figures(result, baseline, p_ref=parameters_for(result.scenario).p_ref)
    return html_brief(result, baseline, figures, title=info.title, description=info.description).encode("utf-8")


def _pptx(result: Result, baseline: Result, info: ExportInfo) -> bytes:
    return slides_pptx(result, baseline, title=info.title, description=info.description,
                       out=f"{file_stem(info.name, result.scenario)}.pptx")


def _pdf(result: Result, baseline: Result, info: ExportInfo) -> bytes:
    return brief_pdf(result, baseline, title=info.title, description=info.description, paper=info.paper)


def _csv(result: Result, baseline: Result, info: ExportInfo) -> bytes:
    out = f"{file_stem(info.name, result.scenario)}.csv"
    return csv_with_header(result, baseline, name=info.name, title=info.title, out=out).encode("utf-8")


def _zip(result: Result, baseline: Result, info: ExportInfo) -> bytes:
    return bundle_zip(result, baseline, name=info.name, title=info.title, description=info.description)


FORMATS: dict[str, Format] = {f.extension: f for f in (
    Format(".html", "HTML brief", "text/html", False, _html),
    Format(".pptx", "Slides", "application/vnd.openxmlformats-officedocument.presentationml.presentation", True,
           _pptx),
    Format(".pdf", "PDF brief", "application/pdf", True, _pdf),
    Format(".zip", "Data ZIP", "application/zip", False, _zip),
    Format(".csv", "Daily CSV", "text/csv", False, _csv),
)}
"""Every format `report --out` writes, keyed by extension, in the order the lab offers them."""


def format_for(path: str) -> Format:
    """The format named by a file's extension; an unknown one lists the formats there are."""
    ext = PurePath(path).suffix.lower()
    if ext not in FORMATS:
        shown = ext or "no extension"
        raise InputError("--out", f"{path[:80]!r} has {shown}; allowed formats: "
                                  f"{', '.join(f'{e} ({f.label})' for e, f in FORMATS.items())}")
    return FORMATS[ext]


def export_bytes(extension: str, result: Result, baseline: Result, info: ExportInfo) -> bytes:
    """The file's bytes in the format of `extension` (as in FORMATS)."""
    return FORMATS[extension].build(result, baseline, info)


def export_name(extension: str, info: ExportInfo, result: Result) -> str:
    """The download's file name, e.g. gift_exchange_seed2017.pptx."""
    return f"{file_stem(info.name, result.scenario)}{extension}"
