"""The printable brief (.pdf): the HTML brief's content with its charts as inline SVG, printed by Chromium.

Chromium's print-to-PDF keeps inline SVG as vector paths and text, and its CSS `@page` margin boxes put the
page number, the model version and the "illustrative, not a forecast" line on every page, on A4 or Letter.
"""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.model.parameters import parameters_for
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.report.brief import brief_figures, brief_page
from pacnet_dashboard.report.images import figure_images, print_pdf

PAPERS = {"a4": "A4", "letter": "letter"}
FOOTER = f"Model {MODEL_VERSION} · illustrative, not a forecast"
FIGURE_WIDTH_PX = 900


def css_string(text: str) -> str:
    """A CSS string literal that holds `text` inertly: every character but ASCII letters, digits and spaces is a
    six-digit escape, each closed by the one space that CSS consumes after it."""
    return '"' + "".join(c if c.isalnum() and c.isascii() or c == " " else f"\\{ord(c):06x} " for c in text) + '"'


def _print_css(paper: str, title: str) -> str:
    return f"""
@page {{ size: {PAPERS[paper]}; margin: 16mm 14mm 18mm;
  @top-left {{ content: {css_string(title[:90])}; font: 8.5pt Helvetica, Arial, sans-serif; color: #444 }}
  @bottom-left {{ content: {css_string(FOOTER)}; font: 8.5pt Helvetica, Arial, sans-serif; color: #222 }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font: 8.5pt Helvetica, Arial, sans-serif }} }}
body {{ max-width: none; margin: 0; padding: 0; font-size: 10.5pt }}
h1 {{ font-size: 18pt }} h2 {{ font-size: 13pt; break-after: avoid }}
.figure {{ break-inside: avoid; margin: 0 0 4mm }} .figure svg {{ width: 100%; height: auto; display: block }}
table {{ break-inside: auto; font-size: 9.5pt }} tr {{ break-inside: avoid }}
.metric b {{ font-size: 20pt }}
"""


_SVG_SIZE = re.compile(r'<svg\b([^>]*?)\swidth="(\d+(?:\.\d+)?)"\s+height="(\d+(?:\.\d+)?)"')


def _scalable(svg: str) -> str:
    """Give plotly's fixed-size SVG a viewBox, so CSS can fit it to the page's width."""
    return _SVG_SIZE.sub(lambda m: f'<svg{m.group(1)} viewBox="0 0 {m.group(2)} {m.group(3)}" '
                                   f'width="{m.group(2)}" height="{m.group(3)}"', svg, count=1)


def _alt(fig: go.Figure) -> str:
    """The chart's text alternative in the PDF's tags: its title (the balloon picture has none)."""
    return f"Chart: {fig.layout.title.text}" if fig.layout.title.text else "The balloon picture, baseline and scenario"


def brief_pdf(result: Result, baseline: Result, *, title: str, description: str, paper: str = "a4") -> bytes:
    """The brief as PDF bytes on `paper` ('a4' or 'letter'); needs Chromium for the charts and the printing."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}")
    figures = brief_figures(result, baseline, p_ref=parameters_for(result.scenario).p_ref)
    svgs = figure_images(figures, "svg", width=FIGURE_WIDTH_PX)
    blocks = [f"<figure role='img' aria-label='{html.escape(_alt(fig))}' style='margin:0'>{_scalable(svg.decode())}"
              "</figure>" for fig, svg in zip(figures, svgs)]
    page = brief_page(result, baseline, blocks, title=title, description=description,
                      extra_css=_print_css(paper, title))
    return print_pdf(page)
