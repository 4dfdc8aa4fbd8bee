"""Pure plotly figure builders: DataFrames in, ``go.Figure`` out.

One colour-blind-safe carrier palette (Okabe–Ito) and one fixed carrier order
(:data:`etl.schema.CARRIERS`) are used on every chart and map. Axis titles
carry their unit; separators follow the UI language (``1.234,5`` in German).
No Streamlit here, so the briefing PDF can render the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import format as fmt
from dashboard.i18n import carrier_label, status_label, t
from etl.schema import CARRIERS, STATUSES

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


def _base_layout(fig: go.Figure, lang: str, height: int = 420, **kw: object) -> go.Figure:
    layout: dict[str, object] = {
        "separators": fmt.plotly_separators(lang),
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "font": {"family": "sans-serif", "size": 13},
    }
    layout.update(kw)
    fig.update_layout(**layout)
    return fig


def _empty(lang: str, height: int = 300) -> go.Figure:
    fig = new_figure()
    fig.add_annotation(
        text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base_layout(fig, lang, height)


# --------------------------------------------------------------------------- #
# Bars
# --------------------------------------------------------------------------- #
def _legend_swatch(fig: go.Figure, status: str, lang: str) -> None:
    """A neutral grey legend entry showing a status's pattern (bars carry carrier colours)."""
    fig.add_bar(
        y=[None],
        x=[None],
        orientation="h",
        name=status_label(status, lang),
        legendgroup=status,
        marker={
            "color": "#9E9E9E",
            "opacity": 1.0 if status == "operating" else 0.6,
            "pattern": {"shape": STATUS_PATTERN[status], "fgcolor": "#222"},
        },
        hoverinfo="skip",
    )


def capacity_by_carrier_bar(by_carrier: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Horizontal bars: MW in operation and planned per carrier (fixed order, top to bottom).

    ``by_carrier``: ``carrier, operating_kw, planned_kw`` (as from
    :func:`dashboard.queries.capacity_by_carrier`).
    """
    df = by_carrier[(by_carrier["operating_kw"] > 0) | (by_carrier["planned_kw"] > 0)]
    if df.empty:
        return _empty(lang)
    df = df.set_index("carrier").loc[carrier_order(df["carrier"])].reset_index()
    labels = [carrier_label(c, lang) for c in df["carrier"]]
    colors = [CARRIER_COLORS[c] for c in df["carrier"]]
    fig = new_figure()
    for status, col in (("operating", "operating_kw"), ("planned", "planned_kw")):
        fig.add_bar(
            y=labels,
            x=df[col] / 1000,
            orientation="h",
            name=status_label(status, lang),
            legendgroup=status,
            showlegend=False,
            marker={
                "color": colors,
                "pattern": {"shape": STATUS_PATTERN[status], "fgcolor": "#333"},
                "opacity": 1.0 if status == "operating" else 0.55,
            },
            hovertemplate="%{y}: %{x:,.1f} MW<extra>" + status_label(status, lang) + "</extra>",
        )
        _legend_swatch(fig, status, lang)
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("axis_mw", lang), rangemode="tozero", tickformat=NUMBER_TICKS)
    return _base_layout(fig, lang, height=max(260, 60 + 55 * len(df)))


def capacity_by_status_bar(cap: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Stacked horizontal bars per carrier, one segment per status (pattern marks the status).

    ``cap``: ``carrier, status, capacity_kw`` (as from :func:`dashboard.queries.capacity`).
    """
    df = cap[cap["capacity_kw"] > 0]
    if df.empty:
        return _empty(lang)
    order = carrier_order(df["carrier"].unique())
    labels = [carrier_label(c, lang) for c in order]
    fig = new_figure()
    for status in STATUSES:
        sub = df[df["status"] == status].set_index("carrier").reindex(order)
        if sub["capacity_kw"].fillna(0).sum() <= 0:
            continue
        fig.add_bar(
            y=labels,
            x=sub["capacity_kw"].fillna(0) / 1000,
            orientation="h",
            name=status_label(status, lang),
            showlegend=False,
            legendgroup=status,
            marker={
                "color": [CARRIER_COLORS[c] for c in order],
                "opacity": 1.0 if status == "operating" else 0.6,
                "pattern": {"shape": STATUS_PATTERN[status], "fgcolor": "#222"},
            },
            hovertemplate="%{y}: %{x:,.2f} MW<extra>" + status_label(status, lang) + "</extra>",
        )
        _legend_swatch(fig, status, lang)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("axis_mw", lang), rangemode="tozero", tickformat=NUMBER_TICKS)
    return _base_layout(fig, lang, height=max(240, 80 + 45 * len(order)))


# --------------------------------------------------------------------------- #
# Time series
# --------------------------------------------------------------------------- #
def _ref_line(fig: go.Figure, ref: date | None, lang: str) -> None:
    if ref is None:
        return
    x = pd.Timestamp(ref)
    fig.add_shape(
        type="line",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        yref="paper",
        line={"dash": "dot", "color": "#555", "width": 1},
    )
    fig.add_annotation(
        x=x,
        y=1,
        yref="paper",
        text=t("gr_today", lang),
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font={"size": 11, "color": "#555"},
    )


def cumulative_chart(
    ts: pd.DataFrame, lang: str = "de", freq: str = "year", ref: date | None = None
) -> go.Figure:
    """Stacked areas of installed capacity per carrier, and the planned projection as a line.

    ``ts`` as from :func:`dashboard.queries.timeseries`.
    """
    if ts.empty:
        return _empty(lang)
    hist = ts[ts["cumulative_kw"].notna()]
    fig = new_figure()
    hover_x = "%{x|%Y}" if freq == "year" else "%{x|" + fmt.plotly_date_format(lang, True) + "}"
    for c in carrier_order(ts["carrier"].unique()):
        sub = hist[hist["carrier"] == c]
        if sub.empty or (sub["cumulative_kw"].abs().sum() == 0):
            continue
        fig.add_scatter(
            x=sub["period"],
            y=sub["cumulative_kw"] / 1000,
            name=carrier_label(c, lang),
            mode="lines",
            stackgroup="installed",
            line={"width": 0.5, "color": CARRIER_COLORS[c]},
            fillcolor=CARRIER_COLORS[c],
            hovertemplate=hover_x + ": %{y:,.1f} MW<extra>" + carrier_label(c, lang) + "</extra>",
        )
    proj = ts[ts["projected_kw"].notna()].groupby("period", as_index=False)["projected_kw"].sum()
    if len(proj) > 1 and ts["planned_kw"].sum() > 0:
        fig.add_scatter(
            x=proj["period"],
            y=proj["projected_kw"] / 1000,
            name=t("gr_projection", lang),
            mode="lines+markers",
            line={"dash": "dash", "color": "#222", "width": 2},
            marker={"size": 4},
            hovertemplate=hover_x + ": %{y:,.1f} MW<extra>" + t("gr_projection", lang) + "</extra>",
        )
    _ref_line(fig, ref, lang)
    fig.update_xaxes(title=t("axis_year" if freq == "year" else "axis_month", lang))
    fig.update_yaxes(title=t("axis_mw", lang), rangemode="tozero", tickformat=NUMBER_TICKS)
    return _base_layout(fig, lang, height=440, hovermode="x unified")


def additions_chart(
    ts: pd.DataFrame, lang: str = "de", freq: str = "year", ref: date | None = None
) -> go.Figure:
    """Bars per period: additions (up), removals (down) and planned capacity (hatched)."""
    if ts.empty:
        return _empty(lang)
    fig = new_figure()
    hover_x = "%{x|%Y}" if freq == "year" else "%{x|" + fmt.plotly_date_format(lang, True) + "}"
    for c in carrier_order(ts["carrier"].unique()):
        sub = ts[ts["carrier"] == c]
        color = CARRIER_COLORS[c]
        label = carrier_label(c, lang)
        if sub["added_kw"].sum() > 0:
            fig.add_bar(
                x=sub["period"],
                y=sub["added_kw"] / 1000,
                name=label,
                legendgroup=c,
                marker={"color": color},
                hovertemplate=hover_x + ": +%{y:,.1f} MW<extra>" + label + "</extra>",
            )
        if sub["removed_kw"].sum() > 0:
            fig.add_bar(
                x=sub["period"],
                y=-sub["removed_kw"] / 1000,
                name=label,
                legendgroup=c,
                showlegend=False,
                marker={"color": color, "opacity": 0.45},
                hovertemplate=hover_x
                + ": %{y:,.1f} MW<extra>"
                + label
                + " – "
                + t("gr_removed", lang)
                + "</extra>",
            )
        if sub["planned_kw"].sum() > 0:
            fig.add_bar(
                x=sub["period"],
                y=sub["planned_kw"] / 1000,
                name=label,
                legendgroup=c,
                showlegend=False,
                marker={
                    "color": color,
                    "opacity": 0.55,
                    "pattern": {"shape": "/", "fgcolor": "#222"},
                },
                hovertemplate=hover_x
                + ": +%{y:,.1f} MW<extra>"
                + label
                + " – "
                + t("gr_projection", lang)
                + "</extra>",
            )
    _ref_line(fig, ref, lang)
    fig.update_layout(barmode="relative")
    fig.update_xaxes(title=t("axis_year" if freq == "year" else "axis_month", lang))
    fig.update_yaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    return _base_layout(fig, lang, height=380)


# --------------------------------------------------------------------------- #
# Mix
# --------------------------------------------------------------------------- #
def mix_donut(
    values: pd.DataFrame, value_col: str, unit: str, lang: str = "de", title: str | None = None
) -> go.Figure:
    """Donut of shares per carrier (fixed order, fixed colours); ``unit`` labels the values."""
    df = values[values[value_col] > 0]
    if df.empty:
        return _empty(lang)
    df = df.set_index("carrier").loc[carrier_order(df["carrier"])].reset_index()
    scale = 1000.0 if unit in ("MW",) else 1.0
    shares = df[value_col] / df[value_col].sum()
    fig = new_figure(
        go.Pie(
            labels=[carrier_label(c, lang) for c in df["carrier"]],
            values=df[value_col] / scale,
            hole=0.5,
            sort=False,
            direction="clockwise",
            marker={
                "colors": [CARRIER_COLORS[c] for c in df["carrier"]],
                "line": {"color": "white", "width": 1},
            },
            # tiny slices get no label (their share is in the hover and the table)
            text=[fmt.percent(v, 1, lang) if v >= 0.02 else "" for v in shares],
            textposition="inside",
            textinfo="text",
            customdata=[fmt.percent(v, 1, lang) for v in shares],
            hovertemplate="%{label}: %{value:,.1f} " + unit + " (%{customdata})<extra></extra>",
        )
    )
    if title:
        fig.update_layout(title={"text": title, "font": {"size": 15}})
    fig.add_annotation(
        text=unit,
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 14, "color": "#555"},
    )
    return _base_layout(fig, lang, height=400, legend={"orientation": "v"})


# --------------------------------------------------------------------------- #
# Map
# --------------------------------------------------------------------------- #
def zoom_for_bounds(
    bounds: tuple[float, float, float, float], width_px: int = 900, height_px: int = 620
) -> tuple[dict[str, float], float]:
    """Centre and zoom so that ``bounds`` (west, south, east, north) fill the map."""
    west, south, east, north = bounds
    lon_span = max(east - west, 1e-4)

    def merc(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    lat_span = max(merc(north) - merc(south), 1e-4)
    # MapLibre (plotly's map traces) draws the world 512 px wide at zoom 0.
    zx = math.log2(width_px * 360.0 / (512.0 * lon_span))
    zy = math.log2(height_px * 360.0 / (512.0 * lat_span))
    zoom = max(0.0, min(zx, zy) - 0.2)
    centre = {"lon": (west + east) / 2, "lat": (south + north) / 2}
    return centre, round(zoom, 2)


def point_size(kw: pd.Series | np.ndarray, base: float = 4.0, top: float = 30.0) -> np.ndarray:
    """Marker diameter (px) growing with the square root of capacity."""
    arr = np.nan_to_num(np.asarray(kw, dtype="float64"), nan=0.0)
    return np.clip(base + 2.2 * np.sqrt(np.maximum(arr, 0) / 100.0), base, top)


def map_figure(
    *,
    points: pd.DataFrame,
    aggregates: pd.DataFrame,
    geojson: dict | None,
    choropleth: pd.DataFrame | None,
    metric_label: str,
    bounds: tuple[float, float, float, float],
    lang: str = "de",
    style: str = MAP_STYLE_OFFLINE,
    selected: str | None = None,
    height: int = 640,
) -> go.Figure:
    """The map: municipality choropleth, aggregated circles and unit points.

    ``points``: ``unit_id_mastr, unit_name, carrier, status, gross_capacity_kw,
    latitude, longitude, municipality_key, municipality_name, commissioning_date``.
    ``aggregates``: ``municipality_key, municipality_name, latitude, longitude,
    unit_count, capacity_kw``. ``choropleth``: ``municipality_key,
    municipality_name, value``. Every trace's ``customdata[0]`` is the
    municipality key, so a click anywhere leads to a municipality.
    """
    fig = new_figure()
    if geojson and choropleth is not None and not choropleth.empty:
        missing = choropleth[choropleth["value"].isna()]
        if not missing.empty:  # e.g. no population figure: grey, never a misleading 0
            fig.add_trace(
                go.Choroplethmap(
                    geojson=geojson,
                    locations=missing["municipality_key"],
                    z=[0] * len(missing),
                    customdata=np.stack(
                        [missing["municipality_key"], missing["municipality_name"]], axis=-1
                    ),
                    colorscale=[[0, "#D9D9D9"], [1, "#D9D9D9"]],
                    showscale=False,
                    marker={"opacity": 0.7, "line": {"width": 0.7, "color": "#6B6B6B"}},
                    hovertemplate="<b>%{customdata[1]}</b><br>"
                    + metric_label
                    + ": "
                    + fmt.DASH
                    + "<extra></extra>",
                    showlegend=False,
                )
            )
            choropleth = choropleth[choropleth["value"].notna()]
        fig.add_trace(
            go.Choroplethmap(
                geojson=geojson,
                locations=choropleth["municipality_key"],
                z=choropleth["value"],
                customdata=np.stack(
                    [choropleth["municipality_key"], choropleth["municipality_name"]], axis=-1
                ),
                colorscale=CHOROPLETH_SCALE,
                marker={"opacity": 0.7, "line": {"width": 0.7, "color": "#6B6B6B"}},
                colorbar={
                    "title": {"text": metric_label, "side": "right"},
                    "thickness": 12,
                    "x": 1.0,
                    "xanchor": "left",
                    "len": 0.8,
                    "tickformat": NUMBER_TICKS,
                },
                hovertemplate="<b>%{customdata[1]}</b><br>"
                + metric_label
                + ": %{z:,.2f}<extra></extra>",
                name=metric_label,
                showlegend=False,
            )
        )
        if selected and selected in set(choropleth["municipality_key"]):
            fig.add_trace(
                go.Choroplethmap(
                    geojson=geojson,
                    locations=[selected],
                    z=[1],
                    colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                    showscale=False,
                    marker={"line": {"width": 3, "color": "#000000"}},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    if not aggregates.empty:
        fig.add_trace(
            go.Scattermap(
                lat=aggregates["latitude"],
                lon=aggregates["longitude"],
                mode="markers",
                marker={
                    "size": point_size(aggregates["capacity_kw"], 6, 40),
                    "color": AGGREGATE_COLOR,
                    "opacity": 0.55,
                },
                customdata=np.stack(
                    [
                        aggregates["municipality_key"],
                        aggregates["municipality_name"],
                        aggregates["unit_count"],
                        aggregates["capacity_kw"] / 1000,
                    ],
                    axis=-1,
                ),
                hovertemplate="<b>%{customdata[1]}</b><br>"
                + t("map_aggregated", lang)
                + "<br>%{customdata[2]:,.0f} "
                + t("units", lang)
                + " · %{customdata[3]:,.2f} MW<extra></extra>",
                name=t("map_aggregated", lang),
            )
        )
    if not points.empty:
        date_fmt = "%d.%m.%Y" if lang == "de" else "%d %b %Y"
        dates = pd.to_datetime(points["commissioning_date"]).dt.strftime(date_fmt).fillna("–")
        for c in carrier_order(points["carrier"].unique()):
            mask = (points["carrier"] == c).to_numpy()
            sub = points[mask]
            statuses = sub["status"].astype(str)
            fig.add_trace(
                go.Scattermap(
                    lat=sub["latitude"],
                    lon=sub["longitude"],
                    mode="markers",
                    marker={
                        "size": point_size(sub["gross_capacity_kw"]),
                        "color": CARRIER_COLORS[c],
                        "opacity": statuses.map(STATUS_OPACITY).fillna(0.9).to_numpy(),
                    },
                    customdata=np.stack(
                        [
                            sub["municipality_key"].fillna(""),
                            sub["unit_name"].fillna(sub["unit_id_mastr"]),
                            sub["unit_id_mastr"],
                            statuses.map(lambda s: status_label(s, lang)),
                            sub["gross_capacity_kw"].fillna(0),
                            sub["municipality_name"].fillna(""),
                            dates[mask],
                        ],
                        axis=-1,
                    ),
                    hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
                    + carrier_label(c, lang)
                    + " · %{customdata[3]}<br>"
                    + "%{customdata[4]:,.1f} kW<br>"
                    + t("commissioning", lang)
                    + ": %{customdata[6]}<br>%{customdata[5]}<extra></extra>",
                    name=carrier_label(c, lang),
                )
            )
        planned = points[points["status"] == "planned"]
        if not planned.empty:
            fig.add_trace(
                go.Scattermap(
                    lat=planned["latitude"],
                    lon=planned["longitude"],
                    mode="markers",
                    marker={
                        "size": point_size(planned["gross_capacity_kw"]) * 0.45,
                        "color": "#FFFFFF",
                        "opacity": 1.0,
                    },
                    hoverinfo="skip",
                    showlegend=False,
                    name=status_label("planned", lang),
                )
            )
    centre, zoom = zoom_for_bounds(bounds, width_px=820, height_px=height - 40)
    fig.update_layout(
        map={"style": style, "center": centre, "zoom": zoom},
        uirevision=f"{selected or 'region'}",
        clickmode="event+select",
    )
    fig = _base_layout(fig, lang, height=height)
    fig.update_layout(
        margin={"l": 0, "r": 90, "t": 30, "b": 0},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
    )
    return fig


def choropleth_values(
    municipalities: pd.DataFrame,
    capacity: pd.DataFrame,
    metric: str,
    hours: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Value per municipality for the choropleth metric.

    ``metric``: ``mw`` (MW), ``kw_km2`` (kW per km²), ``kw_inh`` (kW per inhabitant)
    or ``mwh_inh`` (estimated MWh per inhabitant, needs ``hours``). ``capacity``
    has ``municipality_key, carrier, capacity_kw``.
    """
    cap = capacity.copy()
    if metric == "mwh_inh":
        h = hours or {}
        cap["capacity_kw"] = cap["capacity_kw"] * cap["carrier"].map(h).fillna(0) / 1000.0
    total = cap.groupby("municipality_key", as_index=False)["capacity_kw"].sum()
    df = municipalities[["municipality_key", "municipality_name", "area_km2", "population"]].merge(
        total, on="municipality_key", how="left"
    )
    kw = df["capacity_kw"].fillna(0.0).astype("float64")
    area = df["area_km2"].astype("float64").where(df["area_km2"] > 0)
    pop = df["population"].astype("float64").where(df["population"] > 0)
    if metric == "mw":
        value = kw / 1000.0
    elif metric == "kw_km2":
        value = kw / area
    elif metric == "kw_inh":
        value = kw / pop
    elif metric == "mwh_inh":
        value = kw / pop  # already MWh
    else:
        raise ValueError(f"unknown metric {metric!r}")
    return pd.DataFrame(
        {
            "municipality_key": df["municipality_key"],
            "municipality_name": df["municipality_name"],
            "value": value.astype("float64"),
        }
    )
