"""Slides for a workshop (.pptx, 16:9, at most 8): the title and citation, the big message, the balloon picture,
native editable charts of the burst curve and of the pressure and hostility bands, the face ledger and the
levers changed; the reproduce command sits in the speaker notes.

Charts are python-pptx charts (their data travels inside the file and can be edited in PowerPoint or Impress).
python-pptx has no API for alt text, so every shape gets it through the `descr` attribute of its `p:cNvPr`
(python-pptx issue 1139).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pptx import Presentation
from pptx.chart.data import XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.figures.theme import BASELINE_COLOUR, SCENARIO_COLOUR, SIDE_COLOURS
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.report.brief import SIDE_NAMES, face_ledger, horizon_phrase, ledger_entries, summary_sentences
from pacnet_dashboard.report.charts import balloon_picture
from pacnet_dashboard.report.images import figure_images
from pacnet_dashboard.report.metadata import ILLUSTRATIVE, lever_rows, reproduce_command
from pacnet_dashboard.report.method import CITATION

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 16:9, 13.33 by 7.5 inches
MARGIN = Inches(0.6)
INK = RGBColor(0x11, 0x11, 0x11)
MUTED = RGBColor(0x44, 0x44, 0x44)
BLANK_LAYOUT = 6


def set_alt_text(shape: BaseShape, text: str) -> None:
    """Alt text for screen readers: the `descr` attribute of the shape's non-visual properties."""
    shape._element._nvXxPr.cNvPr.set("descr", " ".join(text.split()))


def alt_text(shape: BaseShape) -> str:
    return shape._element._nvXxPr.cNvPr.get("descr", "")


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(slide: Slide, left: Emu, top: Emu, width: Emu, height: Emu, lines: Sequence[tuple[str, int, bool]],
          *, colour: RGBColor = INK) -> BaseShape:
    """A text box of (text, size in points, bold) paragraphs; its alt text is its text."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, (text, size, bold) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(size * 0.4)
        run = para.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour
    set_alt_text(box, " ".join(text for text, _, _ in lines))
    return box


def _slide(prs: Presentation, title: str, notes: str) -> Slide:
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK_LAYOUT])
    _text(slide, MARGIN, Inches(0.35), WIDTH - 2 * MARGIN, Inches(0.9), [(title, 32, True)])
    _footer(slide)
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def _footer(slide: Slide) -> None:
    _text(slide, MARGIN, HEIGHT - Inches(0.55), WIDTH - 2 * MARGIN, Inches(0.4),
          [(f"Model {MODEL_VERSION} · {ILLUSTRATIVE}", 12, False)], colour=MUTED)


def _line_chart(slide: Slide, left: Emu, top: Emu, width: Emu, height: Emu,
                series: Sequence[tuple[str, Sequence[float], str, bool]], *, title: str, y_title: str,
                percent: bool, alt: str) -> BaseShape:
    """A native XY line chart; each series: name, one value per day from day 0, colour, dashed."""
    data = XyChartData()
    for name, values, _, _ in series:
        s = data.add_series(name, number_format="0.0%" if percent else "0.0")
        for day, value in enumerate(values):
            s.add_data_point(day, float(value))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS, left, top, width, height, data)
    chart = frame.chart
    chart.has_title = True
    chart.chart_title.text_frame.text = title
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(18)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(14)
    x_axis, y_axis = chart.category_axis, chart.value_axis
    x_axis.has_title, y_axis.has_title = True, True
    x_axis.axis_title.text_frame.text, y_axis.axis_title.text_frame.text = "day", y_title
    x_axis.minimum_scale, x_axis.maximum_scale = 0, len(series[0][1]) - 1
    x_axis.tick_labels.font.size = y_axis.tick_labels.font.size = Pt(14)
    y_axis.tick_labels.number_format = "0%" if percent else "0"
    y_axis.tick_labels.number_format_is_linked = False
    y_axis.has_major_gridlines = True
    for plot_series, (_, _, colour, dashed) in zip(chart.plots[0].series, series):
        plot_series.smooth = False
        line = plot_series.format.line
        line.color.rgb = _rgb(colour)
        line.width = Pt(1.25 if dashed else 2.75)
        if dashed:
            line.dash_style = MSO_LINE_DASH_STYLE.DASH
    set_alt_text(frame, alt)
    return frame


def _band_series(result: Result, series: str, label: str, colour: str) -> list[tuple[str, Sequence[float], str, bool]]:
    band = result.bands[series]
    return [(f"{label}: median", band.p50, colour, False), (f"{label}: 10th percentile", band.p10, colour, True),
            (f"{label}: 90th percentile", band.p90, colour, True)]


def _table(slide: Slide, left: Emu, top: Emu, width: Emu, headers: Sequence[str], rows: Sequence[Sequence[str]],
           *, alt: str, size: int = 16) -> BaseShape:
    frame = slide.shapes.add_table(len(rows) + 1, len(headers), left, top, width, Inches(0.5) * (len(rows) + 1))
    table = frame.table
    for j, header in enumerate(headers):
        table.cell(0, j).text = header
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    for cell in (table.cell(i, j) for i in range(len(rows) + 1) for j in range(len(headers))):
        for para in cell.text_frame.paragraphs:
            for run in para.runs:
                run.font.size = Pt(size)
    set_alt_text(frame, alt)
    return frame


def _pct(p: float) -> str:
    return f"{100 * p:.0f}%"


def slides_pptx(result: Result, baseline: Result, *, title: str, description: str, out: str) -> bytes:
    """The deck's bytes. Needs Chromium for the balloon picture (a PNG); every chart is native."""
    s = result.scenario
    h = s.horizon_days
    reproduce = reproduce_command(s, out)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = title
    prs.core_properties.author = "pacnet_dashboard"
    body_width = WIDTH - 2 * MARGIN

    slide = _slide(prs, title, f"Reproduce the numbers of this deck with:\n{reproduce}\n\n{ILLUSTRATIVE}")
    _text(slide, MARGIN, Inches(1.5), body_width, Inches(2.2),
          [(description or "A scenario of the US-DPRK tension model.", 22, False),
           (f"Seed {s.seed}, {s.runs:,} simulated futures, horizon {h} days; compared with the 2017 war of words "
            "at the same seed.", 18, False)])
    _text(slide, MARGIN, Inches(4.3), body_width, Inches(1.8),
          [("Built on the argument of", 16, False), (CITATION, 18, True),
           ("The commentary is paraphrased as model mechanisms.", 16, False)])

    sentences = summary_sentences(result, baseline)
    slide = _slide(prs, "The big message", "Say the first sentence; let the two numbers speak.\n\n"
                                            f"Reproduce: {reproduce}")
    _text(slide, MARGIN, Inches(1.3), Inches(5.5), Inches(1.7),
          [(_pct(baseline.burst_probability), 54, True), (f"Baseline: pop chance by day {h}", 18, False)],
          colour=_rgb("#555555"))
    _text(slide, Inches(6.6), Inches(1.3), Inches(6), Inches(1.7),
          [(_pct(result.burst_probability), 54, True), (f"This scenario: pop chance by day {h}", 18, False)],
          colour=_rgb(SCENARIO_COLOUR))
    _text(slide, MARGIN, Inches(3.3), body_width, Inches(2.0), [(sentences[0], 24, True)])
    if len(sentences) > 1:
        _text(slide, MARGIN, Inches(5.35), body_width, Inches(1.2), [(" ".join(sentences[1:]), 15, False)])

    slide = _slide(prs, "The balloon", "The balloon picture: how inflated the tension is at the horizon, baseline "
                                       f"against this scenario.\n\nReproduce: {reproduce}")
    (png,) = figure_images([balloon_picture(result, baseline)], "png", width=1100, height=560, scale=2)
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(1.2), Inches(1.3), height=Inches(5.5))
    set_alt_text(picture, f"The balloon picture. Baseline: the balloon pops {horizon_phrase(h)} in "
                          f"{_pct(baseline.burst_probability)} of simulated futures; this scenario: "
                          f"{_pct(result.burst_probability)}.")

    slide = _slide(prs, f"Chance of a pop by each day, {horizon_phrase(h)}",
                   "The share of simulated futures in which the balloon has popped by each day. Both curves share "
                   f"the seed, so they face the same random incidents.\n\nReproduce: {reproduce}")
    _line_chart(slide, MARGIN, Inches(1.3), body_width, Inches(5.5),
                [("Baseline", baseline.burst_by_day, BASELINE_COLOUR, True),
                 ("This scenario", result.burst_by_day, SCENARIO_COLOUR, False)],
                title="Cumulative chance the balloon has popped", y_title="pop chance", percent=True,
                alt=f"Line chart: the chance of a pop rises from 0 to {_pct(baseline.burst_probability)} by day "
                    f"{h} in the baseline and to {_pct(result.burst_probability)} in this scenario.")

    slide = _slide(prs, "Pressure and hostility: 10th to 90th percentile",
                   "Left: balloon pressure, baseline (grey) against this scenario (blue). Right: each side's "
                   f"hostility in this scenario. Dashed: 10th and 90th percentiles.\n\nReproduce: {reproduce}")
    half = (body_width - Inches(0.3)) // 2
    p_base, p_own = baseline.bands["pressure"].p50[-1], result.bands["pressure"].p50[-1]
    _line_chart(slide, MARGIN, Inches(1.3), half, Inches(5.5),
                _band_series(baseline, "pressure", "Baseline", BASELINE_COLOUR)
                + _band_series(result, "pressure", "Scenario", SCENARIO_COLOUR),
                title="Balloon pressure", y_title="pressure (model units)", percent=False,
                alt=f"Line chart of pressure bands: the median on day {h} is {p_base:.0f} in the baseline and "
                    f"{p_own:.0f} in this scenario.")
    x_us, x_dprk = result.bands["hostility_us"].p50[-1], result.bands["hostility_dprk"].p50[-1]
    _line_chart(slide, MARGIN + half + Inches(0.3), Inches(1.3), half, Inches(5.5),
                _band_series(result, "hostility_us", "US", SIDE_COLOURS["us"])
                + _band_series(result, "hostility_dprk", "DPRK", SIDE_COLOURS["dprk"]),
                title="Hostility of each side (0-10)", y_title="hostility (0-10)", percent=False,
                alt=f"Line chart of hostility bands in this scenario: on day {h} the median is {x_us:.1f} for the "
                    f"US and {x_dprk:.1f} for the DPRK.")

    slide = _slide(prs, "The face ledger",
                   f"Each gesture, how often it is accepted, and how each leader can frame it at home.\n\n"
                   f"Reproduce: {reproduce}")
    ledger = face_ledger(result)
    _text(slide, MARGIN, Inches(1.3), body_width, Inches(1.0), [(ledger, 20, False)])
    entries = ledger_entries(result)
    if entries:
        _table(slide, MARGIN, Inches(2.5), body_width,
               ["Gesture", "Accepted or made", f"{SIDE_NAMES['us']} can say", f"{SIDE_NAMES['dprk']} can say"],
               [[e.label, _pct(e.chance), e.framing_us, e.framing_dprk] for e in entries],
               alt=f"Table of the face ledger with {len(entries)} gestures. {ledger}", size=14)

    changed = [r for r in lever_rows(s, baseline.scenario) if r["changed"]]
    if changed:
        slide = _slide(prs, "What this scenario changes", "The levers and assumptions that differ from the 2017 "
                                                         f"baseline.\n\nReproduce: {reproduce}")
        rows = [[r["label"], r["baseline_words"], r["words"], r["unit"]] for r in changed]
        _table(slide, MARGIN, Inches(1.4), body_width, ["Lever", "Baseline", "This scenario", "Unit"], rows,
               alt=f"Table of the {len(rows)} levers changed from the baseline: "
                   + "; ".join(f"{r[0]} {r[1]} to {r[2]}" for r in rows) + ".")
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
