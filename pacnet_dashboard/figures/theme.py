"""One colour-blind-safe palette (Okabe-Ito) and layout defaults, used by every figure and the app theme."""

from __future__ import annotations

from functools import lru_cache

import plotly.graph_objects as go

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
BASELINE_COLOUR = OKABE_ITO["grey"]
SCENARIO_COLOUR = OKABE_ITO["blue"]
SIDE_COLOURS = {"us": OKABE_ITO["blue"], "dprk": OKABE_ITO["vermillion"]}
CALM_TO_HOT = [[0.0, OKABE_ITO["sky"]], [0.5, OKABE_ITO["yellow"]], [1.0, OKABE_ITO["vermillion"]]]
"""Balloon colour scale from calm to hot; sky-yellow-vermillion stays distinct under common colour blindness."""
DIVERGING = "RdBu_r"
FONT_FAMILY = "Source Sans Pro, Helvetica, Arial, sans-serif"


def layout_dict(*, title: str | None = None, height: int = 380) -> dict:
    """Shared layout as plain data: readable fonts for projectors, a legend above the plot, modest margins."""
    return dict(
        title=dict(text=title, x=0.01, xanchor="left") if title else None, height=height,
        font=dict(family=FONT_FAMILY, size=15),
        margin=dict(l=60, r=20, t=60 if title else 30, b=50),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hoverlabel=dict(font=dict(size=14)),
    )


_AXIS = dict(gridcolor="#E5E9F0", linecolor="#BFC5CE", zerolinecolor="#D5DAE1", ticks="", automargin=True,
             title=dict(standoff=8))


@lru_cache(maxsize=1)
def template_dict() -> dict:
    """A small stand-in for the plotly_white template as plain data (white background, light grid, the
    Okabe-Ito colourway), for figures built without per-property validation. The full template is ~5,000
    values that plotly would copy and encode on every draw."""
    return dict(layout=dict(paper_bgcolor="white", plot_bgcolor="white", colorway=list(OKABE_ITO.values())[1:],
                            xaxis=_AXIS, yaxis=_AXIS, hovermode="closest"))


def apply_layout(fig: go.Figure, *, title: str | None = None, height: int = 380) -> go.Figure:
    """Shared layout: readable fonts for projectors, a legend above the plot, modest margins."""
    fig.update_layout(template="plotly_white", **layout_dict(title=title, height=height))
    return fig
