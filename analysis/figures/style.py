"""The charts' look: carrier palette (Okabe–Ito), status marking, template and frame."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from analysis import format as fmt
from analysis.figures.safe import escape_figure
from analysis.i18n import t
from etl.schema import CARRIERS

#: Okabe–Ito colours per carrier (wind blue, PV orange/vermillion/yellow, biomass green …).
CARRIER_COLORS: dict[str, str] = {
    "wind_onshore": "#0072B2",
    "wind_offshore": "#56B4E9",
    "pv_ground": "#D55E00",
    "pv_building": "#E69F00",
    "pv_other": "#F0E442",
    "biomass": "#009E73",
    "hydro": "#56B4E9",
    "storage": "#CC79A7",
    "other": "#999999",
}
# Offshore does not occur inland; keep it distinguishable from hydro anyway.
CARRIER_COLORS["wind_offshore"] = "#003F63"
#: Aggregated (mixed-carrier) circles on the map.
AGGREGATE_COLOR = "#4D4D4D"
#: Status marking: opacity and bar pattern.
STATUS_OPACITY = {
    "operating": 0.9,
    "planned": 0.9,
    "temporarily_shut_down": 0.4,
    "permanently_shut_down": 0.25,
}
STATUS_PATTERN = {
    "operating": "",
    "planned": "/",
    "temporarily_shut_down": ".",
    "permanently_shut_down": "x",
}
#: Sequential, colour-blind-safe scale for choropleths (light to dark grey-blue),
#: so that carrier-coloured points stay readable on top.
CHOROPLETH_SCALE = [[0.0, "#F7F7F7"], [0.5, "#BDC9D6"], [1.0, "#4A6378"]]
#: d3 format for numeric axis ticks: thousands separators, no trailing zeros.
NUMBER_TICKS = ",~f"
MAP_STYLE_ONLINE = "carto-positron"
MAP_STYLE_OFFLINE = "white-bg"
#: plotly config of every map: no zoom by mouse wheel (it scrolls the page), zoom buttons.
MAP_CONFIG: dict[str, object] = {
    "scrollZoom": False,
    "displaylogo": False,
    "modeBarButtonsToAdd": ["zoomInMap", "zoomOutMap"],
}


#: A small light template (plotly_white-like). Passing it explicitly keeps plotly from
#: loading its large default template for every figure (≈25 ms each).
TEMPLATE: dict = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"color": "#2A3F5F"},
        "colorway": ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7"],
        "xaxis": {
            "gridcolor": "#EBF0F8",
            "zerolinecolor": "#EBF0F8",
            "linecolor": "#EBF0F8",
            "automargin": True,
        },
        "yaxis": {
            "gridcolor": "#EBF0F8",
            "zerolinecolor": "#EBF0F8",
            "linecolor": "#EBF0F8",
            "automargin": True,
        },
        "hoverlabel": {"align": "left"},
    }
}


def new_figure(data: object = None) -> go.Figure:
    """An empty (or given-data) figure with the light template."""
    return go.Figure(data=data, layout={"template": TEMPLATE})


def carrier_order(carriers: Sequence[str] | None = None) -> list[str]:
    """Carriers in the fixed order (optionally only those given)."""
    wanted = set(carriers) if carriers is not None else set(CARRIERS)
    return [c for c in CARRIERS if c in wanted]


def base_layout(fig: go.Figure, lang: str, height: int = 420, **kw: object) -> go.Figure:
    """The chart frame: language separators, height, margins, legend on top."""
    layout: dict[str, object] = {
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
    """A figure saying "no data"."""
    fig = new_figure()
    fig.add_annotation(
        text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, lang, height)
