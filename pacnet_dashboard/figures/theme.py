"""One colour-blind-safe palette (Okabe-Ito) and layout defaults, used by every figure and the app theme."""

from __future__ import annotations

from functools import lru_cache

import plotly.graph_objects as go
import plotly.io as pio

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
        title=dict(text=title) if title else None, height=height, font=dict(family=FONT_FAMILY, size=15),
        margin=dict(l=60, r=20, t=60 if title else 30, b=50),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hoverlabel=dict(font=dict(size=14)),
    )


@lru_cache(maxsize=1)
def template_dict() -> dict:
    """The plotly_white template resolved to plain data, for figures built without per-property validation."""
    return pio.templates["plotly_white"].to_plotly_json()


def apply_layout(fig: go.Figure, *, title: str | None = None, height: int = 380) -> go.Figure:
    """Shared layout: readable fonts for projectors, a legend above the plot, modest margins."""
    fig.update_layout(template="plotly_white", **layout_dict(title=title, height=height))
    return fig
