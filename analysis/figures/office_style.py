"""Shared look of the office pages' figures (Pipeline, Wasserstoff, Flächenziel).

DataFrames in, ``go.Figure`` out, no Streamlit, German or English separators.
Wind uses the carrier colour of :mod:`analysis.figures`; pipeline stages are
shades of it (applied lightest), the colour-blind-safe Okabe–Ito palette
otherwise. Maps take explicit centre and zoom and work without tiles.
"""

import plotly.graph_objects as go

from analysis import format as fmt
from analysis.figures.maps import zoom_for_bounds
from analysis.figures.safe import escape_figure
from analysis.figures.style import CARRIER_COLORS, TEMPLATE
from analysis.i18n import t

WIND = CARRIER_COLORS["wind_onshore"]
#: Pipeline stages: shades of the wind colour (later stage = darker), operating = wind.
STAGE_COLORS: dict[str, str] = {
    "applied": "#A6CEE3",
    "approved": "#4F9BD0",
    "under_construction": "#1F5F8B",
    "operating": WIND,
}
MASTR_ONLY_COLOR = "#999999"
#: Hydrogen project statuses (Okabe–Ito; cancelled grey).
H2_STATUS_COLORS: dict[str, str] = {
    "idea": "#F0E442",
    "feasibility": "#E69F00",
    "planning": "#56B4E9",
    "investment_decision": "#0072B2",
    "construction": "#CC79A7",
    "operating": "#009E73",
    "cancelled": "#999999",
}
H2_TYPE_SYMBOLS: dict[str, str] = {
    "electrolysis": "circle",
    "refuelling_station": "fuel",
    "storage": "warehouse",
    "pipeline": "rail",
    "consumer": "bus",
}
AREA_COLORS: dict[str, str] = {"designated": "#009E73", "draft": "#E69F00"}
LOCATION_COLORS: dict[str, str] = {
    "designated": "#009E73",
    "draft": "#E69F00",
    "outside": "#D55E00",
    "no_coordinates": "#BBBBBB",
}


def code_label(prefix: str, code: str, lang: str) -> str:
    """The text of code ``code`` in the family ``prefix`` (``stage_applied`` …)."""
    return t(f"{prefix}_{code}", lang)


def office_layout(fig: go.Figure, lang: str, height: int = 420, **kw: object) -> go.Figure:
    """The dashboard's chart frame (white template, language separators, legend on top)."""
    layout: dict[str, object] = {
        "template": TEMPLATE,  # the small light template: "plotly_white" costs ~25 ms a figure
        "separators": fmt.plotly_separators(lang),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "font": {"family": "sans-serif", "size": 13},
    }
    layout.update(kw)
    fig.update_layout(**layout)
    return escape_figure(fig)


def empty_figure(lang: str, height: int = 300) -> go.Figure:
    """A figure saying "no data" (office frame)."""
    fig = go.Figure()
    fig.add_annotation(
        text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return office_layout(fig, lang, height)


# --------------------------------------------------------------------------- #
# Maps (shared)
# --------------------------------------------------------------------------- #
def outline_trace(geojson: dict | None) -> go.Choroplethmap | None:
    """Municipality boundaries as thin outlines (works without tiles)."""
    if not geojson or not geojson.get("features"):
        return None
    ids = [f["id"] for f in geojson["features"]]
    return go.Choroplethmap(
        geojson=geojson,
        locations=ids,
        z=[0] * len(ids),
        colorscale=[[0, "#F4F4F4"], [1, "#F4F4F4"]],
        showscale=False,
        marker={"opacity": 0.6, "line": {"width": 0.6, "color": "#8C8C8C"}},
        customdata=[[f["properties"].get("name", "")] for f in geojson["features"]],
        hovertemplate="%{customdata[0]}<extra></extra>",
        showlegend=False,
    )


def map_layout(
    fig: go.Figure,
    bounds: tuple[float, float, float, float],
    style: str,
    lang: str,
    height: int,
    width_px: int = 760,
) -> go.Figure:
    """Centre and zoom on ``bounds`` (fitted into ``width_px``) and the office frame."""
    centre, zoom = zoom_for_bounds(bounds, width_px=width_px, height_px=height - 60)
    fig.update_layout(map={"style": style, "center": centre, "zoom": zoom}, uirevision="office")
    fig = office_layout(fig, lang, height=height)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
    )
    return fig
