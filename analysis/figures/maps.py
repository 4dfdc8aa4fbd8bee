"""The map: municipality choropleth, aggregated circles and unit points."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import format as fmt
from analysis.figures.map_legend import add_area_title, add_size_legend, name_trace, point_size
from analysis.figures.style import (
    AGGREGATE_COLOR,
    CARRIER_COLORS,
    CHOROPLETH_SCALE,
    MAP_STYLE_OFFLINE,
    NUMBER_TICKS,
    STATUS_OPACITY,
    base_layout,
    carrier_order,
    new_figure,
)
from analysis.i18n import carrier_label, status_label, t

#: Choropleth metrics (URL value ``?kennzahl=``): MW, kW/km², kW/inhabitant, MWh/inhabitant.
MAP_METRICS: tuple[str, ...] = ("mw", "kw_km2", "kw_inh", "mwh_inh")
#: Map layers (URL value ``?ansicht=``): coloured municipalities, or units as points.
MAP_LAYERS: tuple[str, ...] = ("areas", "units")
#: Width (px) a phone gives the map; the district is fitted to it there.
PHONE_MAP_WIDTH = 360


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


def _choropleth_traces(
    geojson: dict, choropleth: pd.DataFrame, metric_label: str, selected: str | None
) -> list[go.Choroplethmap]:
    """Municipalities without a value (grey), the coloured ones, and the selection's outline."""
    traces: list[go.Choroplethmap] = []
    missing = choropleth[choropleth["value"].isna()]
    if not missing.empty:  # e.g. no population figure: grey, never a misleading 0
        traces.append(
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
    traces.append(
        go.Choroplethmap(
            geojson=geojson,
            locations=choropleth["municipality_key"],
            z=choropleth["value"],
            customdata=np.stack(
                [choropleth["municipality_key"], choropleth["municipality_name"]], axis=-1
            ),
            colorscale=CHOROPLETH_SCALE,
            marker={"opacity": 0.7, "line": {"width": 0.7, "color": "#6B6B6B"}},
            # a thin horizontal bar below the map: it never takes map width (phones)
            colorbar={
                "title": {"text": metric_label, "side": "top"},
                "orientation": "h",
                "thickness": 10,
                "x": 0.5,
                "xanchor": "center",
                "y": 0.0,
                "yanchor": "top",
                "ypad": 4,
                "len": 0.9,
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
        traces.append(
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
    return traces


def _aggregate_trace(aggregates: pd.DataFrame, lang: str) -> go.Scattermap:
    """Grey circles per municipality for the units not drawn as points."""
    return go.Scattermap(
        lat=aggregates["latitude"],
        lon=aggregates["longitude"],
        mode="markers",
        marker={
            "size": point_size(aggregates["capacity_kw"]),
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


def _point_traces(points: pd.DataFrame, lang: str) -> list[go.Scattermap]:
    """One trace of unit points per carrier, and white centres marking planned units."""
    traces: list[go.Scattermap] = []
    date_fmt = "%d.%m.%Y" if lang == "de" else "%d %b %Y"
    dates = pd.to_datetime(points["commissioning_date"]).dt.strftime(date_fmt).fillna("–")
    for c in carrier_order(points["carrier"].unique()):
        mask = (points["carrier"] == c).to_numpy()
        sub = points[mask]
        statuses = sub["status"].astype(str)
        traces.append(
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
        traces.append(
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
    return traces


def _outline_trace(geojson: dict) -> go.Choroplethmap:
    """Municipality boundaries without colour (unit view), clickable and with the name on hover."""
    feats = geojson.get("features") or []
    keys = [f["id"] for f in feats]
    return go.Choroplethmap(
        geojson=geojson,
        locations=keys,
        z=[0] * len(keys),
        customdata=[[k, f["properties"].get("name", "")] for k, f in zip(keys, feats, strict=True)],
        colorscale=[[0, "#F4F4F4"], [1, "#F4F4F4"]],
        showscale=False,
        marker={"opacity": 0.5, "line": {"width": 0.7, "color": "#6B6B6B"}},
        hovertemplate="<b>%{customdata[1]}</b><extra></extra>",
        showlegend=False,
    )


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
    label: str | None = None,
    names: pd.DataFrame | None = None,
    title: str | None = None,
    phone: bool = False,
) -> go.Figure:
    """The map: municipality choropleth (or plain outlines), aggregated circles and unit points.

    ``label`` (e.g. the demo label), ``title`` (the shown area), the colour bar and,
    when units are drawn, a point-size legend are drawn into the map itself, so that
    an image of the map says what it shows even without the page around it.
    ``names`` (``municipality_key, municipality_name, latitude, longitude``) adds
    municipality names. ``phone`` fits the region into a phone's width.

    ``points``: ``unit_id_mastr, unit_name, carrier, status, gross_capacity_kw,
    latitude, longitude, municipality_key, municipality_name, commissioning_date``.
    ``aggregates``: ``municipality_key, municipality_name, latitude, longitude,
    unit_count, capacity_kw``. ``choropleth``: ``municipality_key,
    municipality_name, value``; without it the boundaries are drawn uncoloured.
    Every clickable trace's ``customdata[0]`` is the municipality key, so a click
    anywhere leads to a municipality.
    """
    fig = new_figure()
    coloured = bool(geojson) and choropleth is not None and not choropleth.empty
    if coloured:
        for trace in _choropleth_traces(geojson, choropleth, metric_label, selected):
            fig.add_trace(trace)
    elif geojson and geojson.get("features"):
        fig.add_trace(_outline_trace(geojson))
    if not aggregates.empty:
        fig.add_trace(_aggregate_trace(aggregates, lang))
    if not points.empty:
        for trace in _point_traces(points, lang):
            fig.add_trace(trace)
    if names is not None and not names.empty:
        fig.add_trace(name_trace(names, selected))
    width = PHONE_MAP_WIDTH if phone else 820
    centre, zoom = zoom_for_bounds(bounds, width_px=width, height_px=height - 90)
    fig.update_layout(
        map={"style": style, "center": centre, "zoom": zoom},
        uirevision=f"{selected or 'region'}",
        clickmode="event+select",
    )
    fig = base_layout(fig, lang, height=height)
    if label:
        if phone:  # a long label would run off a phone's screen
            label = "<br>".join(textwrap.wrap(label, 46))
        fig.add_annotation(
            text=label, xref="paper", yref="paper", x=0.0, y=0.0, xanchor="left",
            yanchor="bottom", showarrow=False, font={"size": 11, "color": "#7a4a00"},
            bgcolor="rgba(255, 243, 205, 0.9)", borderpad=4,
        )  # fmt: skip
    if title:
        add_area_title(fig, title)
    if not aggregates.empty or not points.empty:
        add_size_legend(fig, lang)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 30, "b": 70 if coloured else 0},
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
