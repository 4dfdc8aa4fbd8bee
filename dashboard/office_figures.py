"""Pure plotly figure builders of the office pages (Pipeline, Wasserstoff, Flächenziel).

DataFrames in, ``go.Figure`` out, no Streamlit, German or English separators.
Wind uses the carrier colour of :mod:`dashboard.figures`; pipeline stages are
shades of it (applied lightest), the colour-blind-safe Okabe–Ito palette
otherwise. Maps take explicit centre and zoom and work without tiles.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import format as fmt
from dashboard.figures import (
    CARRIER_COLORS,
    MAP_STYLE_OFFLINE,
    NUMBER_TICKS,
    carrier_order,
    zoom_for_bounds,
)
from dashboard.i18n import carrier_label, status_label, t

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


def _label(prefix: str, code: str, lang: str) -> str:
    return t(f"{prefix}_{code}", lang)


def _base_layout(fig: go.Figure, lang: str, height: int = 420, **kw: object) -> go.Figure:
    """The dashboard's chart frame (white template, language separators, legend on top)."""
    layout: dict[str, object] = {
        "template": "plotly_white",
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
    fig = go.Figure()
    fig.add_annotation(
        text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base_layout(fig, lang, height)


# --------------------------------------------------------------------------- #
# Pipeline
# --------------------------------------------------------------------------- #
def installed_vs_pipeline(
    installed_mw: float, by_stage: pd.DataFrame, lang: str = "de"
) -> go.Figure:
    """Two bars for the briefing: installed wind (MaStR) and the pipeline by stage and source.

    ``by_stage``: ``stage, source (mastr | list), mw``.
    """
    fig = go.Figure()
    fig.add_bar(
        y=[t("pl_bar_installed", lang)],
        x=[installed_mw],
        orientation="h",
        name=t("pl_installed", lang),
        marker={"color": WIND},
        hovertemplate="%{x:,.1f} MW<extra>%{fullData.name}</extra>",
        text=[fmt.with_unit(installed_mw, "MW", 0, lang)],
        textposition="inside",
    )
    y = t("pl_bar_pipeline", lang)
    for source in ("mastr", "list"):
        for stage in ("under_construction", "approved", "applied"):
            sel = by_stage[(by_stage["stage"] == stage) & (by_stage["source"] == source)]
            mw = float(sel["mw"].sum())
            if mw <= 0:
                continue
            name = f"{_label('stage', stage, lang)} · {t(f'pl_source_{source}', lang)}"
            fig.add_bar(
                y=[y],
                x=[mw],
                orientation="h",
                name=name,
                marker={
                    "color": STAGE_COLORS[stage],
                    "pattern": {"shape": "/" if source == "mastr" else "", "fgcolor": "#FFFFFF"},
                },
                hovertemplate="%{x:,.1f} MW<extra>%{fullData.name}</extra>",
            )
    total = float(by_stage["mw"].sum())
    fig.add_annotation(
        x=total,
        y=y,
        text="<b>" + fmt.with_unit(total, "MW", 0, lang) + "</b>",
        showarrow=False,
        xanchor="left",
        xshift=6,
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    fig.update_yaxes(autorange="reversed")
    return _base_layout(fig, lang, height=260, legend={"orientation": "h", "y": -0.35})


def funnel_figure(funnel: pd.DataFrame, measure: str = "mw", lang: str = "de") -> go.Figure:
    """Applied → approved → under construction → operating, stacked by source.

    ``funnel``: ``stage, source (list | mastr_only), mw, turbines``; ``measure``
    ``mw`` or ``turbines``.
    """
    if funnel.empty:
        return _empty(lang)
    stages = ["applied", "approved", "under_construction", "operating"]
    labels = [_label("stage", s, lang) for s in stages]
    fig = go.Figure()
    for source, color in (("list", None), ("mastr_only", MASTR_ONLY_COLOR)):
        sub = funnel[funnel["source"] == source].set_index("stage")[measure]
        values = [float(sub.get(s, 0) or 0) for s in stages]
        if not any(values):
            continue
        fig.add_trace(
            go.Funnel(
                y=labels,
                x=values,
                name=t(f"pl_source_{source}", lang),
                marker={"color": [STAGE_COLORS[s] for s in stages] if color is None else color},
                textinfo="value",
                texttemplate="%{value:,.0f}" + (" MW" if measure == "mw" else ""),
                hovertemplate="%{y}: %{x:,.1f}<extra>%{fullData.name}</extra>",
            )
        )
    return _base_layout(fig, lang, height=340)


def municipality_pipeline_bar(df: pd.DataFrame, lang: str = "de", top: int = 15) -> go.Figure:
    """Stacked MW per municipality (list statuses and MaStR-only planned), largest first.

    ``df``: ``municipality_key, municipality_name, status, mw, pipeline_mw``.
    """
    if df.empty:
        return _empty(lang)
    shown = df[df["status"].isin(["applied", "approved", "under_construction", "mastr_only"])]
    order = shown.groupby("municipality_name")["mw"].sum().sort_values(ascending=False).head(top)
    names = list(order.index)
    fig = go.Figure()
    for status in ("applied", "approved", "under_construction", "operating", "mastr_only"):
        sub = df[(df["status"] == status) & df["municipality_name"].isin(names)]
        if sub.empty:
            continue
        mw = sub.groupby("municipality_name")["mw"].sum().reindex(names).fillna(0)
        fig.add_bar(
            y=names,
            x=mw.to_numpy(),
            orientation="h",
            name=t("pl_source_mastr_only", lang)
            if status == "mastr_only"
            else _label("stage", status, lang),
            marker={"color": STAGE_COLORS.get(status, MASTR_ONLY_COLOR)},
            hovertemplate="%{y}: %{x:,.1f} MW<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    fig.update_yaxes(autorange="reversed")
    return _base_layout(fig, lang, height=max(320, 28 * len(names) + 120))


def stage_duration_figure(df: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Months per stage: one point per project (filled: finished, open: still in it), box.

    ``df``: ``procedure_id, project_name, stage, days, is_ongoing``.
    """
    if df.empty:
        return _empty(lang)
    fig = go.Figure()
    for stage in ("applied", "approved", "under_construction"):
        sub = df[df["stage"] == stage]
        if sub.empty:
            continue
        label = _label("stage", stage, lang)
        months = sub["days"].astype("float64") / 30.44
        fig.add_trace(
            go.Box(
                x=months,
                y=[label] * len(sub),
                orientation="h",
                name=label,
                marker={"color": STAGE_COLORS[stage]},
                boxpoints=False,
                showlegend=False,
                hoverinfo="skip",
            )
        )
        for ongoing in (False, True):
            part = sub[sub["is_ongoing"] == ongoing]
            if part.empty:
                continue
            fig.add_trace(
                go.Scatter(
                    x=part["days"].astype("float64") / 30.44,
                    y=[label] * len(part),
                    mode="markers",
                    marker={
                        "color": "#FFFFFF" if ongoing else STAGE_COLORS[stage],
                        "line": {"color": STAGE_COLORS[stage], "width": 1.5},
                        "size": 7,
                        "symbol": "circle-open" if ongoing else "circle",
                    },
                    name=t("pl_ongoing" if ongoing else "pl_finished", lang),
                    legendgroup="ongoing" if ongoing else "finished",
                    showlegend=stage == "applied",
                    customdata=np.stack([part["procedure_id"], part["project_name"]], axis=-1),
                    hovertemplate="%{customdata[1]} (%{customdata[0]})<br>%{x:,.0f} "
                    + t("unit_months", lang)
                    + "<extra></extra>",
                )
            )
    fig.update_xaxes(title=t("pl_axis_months", lang), tickformat=NUMBER_TICKS, rangemode="tozero")
    fig.update_yaxes(autorange="reversed")
    return _base_layout(fig, lang, height=320)


# --------------------------------------------------------------------------- #
# Maps (shared)
# --------------------------------------------------------------------------- #
def _outline_trace(geojson: dict | None) -> go.Choroplethmap | None:
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


def _map_layout(
    fig: go.Figure, bounds: tuple[float, float, float, float], style: str, lang: str, height: int
) -> go.Figure:
    centre, zoom = zoom_for_bounds(bounds, width_px=760, height_px=height - 60)
    fig.update_layout(map={"style": style, "center": centre, "zoom": zoom}, uirevision="office")
    fig = _base_layout(fig, lang, height=height)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
    )
    return fig


# --------------------------------------------------------------------------- #
# Hydrogen
# --------------------------------------------------------------------------- #
def hydrogen_map(
    projects: pd.DataFrame,
    geojson: dict | None,
    bounds: tuple[float, float, float, float],
    *,
    lang: str = "de",
    style: str = MAP_STYLE_OFFLINE,
    height: int = 560,
) -> go.Figure:
    """Projects as points coloured by status, sized by electrolyser MW, on the boundaries."""
    fig = go.Figure()
    outline = _outline_trace(geojson)
    if outline is not None:
        fig.add_trace(outline)
    df = projects.dropna(subset=["latitude", "longitude"])
    for status, color in H2_STATUS_COLORS.items():
        sub = df[df["status"] == status]
        if sub.empty:
            continue
        mw = sub["electrolyser_mw"].astype("float64").fillna(0)
        fig.add_trace(
            go.Scattermap(
                lat=sub["latitude"],
                lon=sub["longitude"],
                mode="markers+text",
                marker={"size": np.clip(12 + 2.2 * np.sqrt(mw), 12, 40), "color": color,
                        "opacity": 0.9},
                text=sub["project_id"],
                textposition="top right",
                customdata=np.stack(
                    [
                        sub["project_name"],
                        sub["project_type"].map(lambda c: _label("h2type", c, lang)),
                        mw,
                        sub["municipality_name"].fillna(""),
                        sub["is_location_approximate"].map(
                            lambda a: t("h2_approx", lang) if a else ""
                        ),
                    ],
                    axis=-1,
                ),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} · "
                "%{customdata[2]:,.1f} MW<br>%{customdata[3]} %{customdata[4]}<extra></extra>",
                name=_label("h2status", status, lang),
            )
        )  # fmt: skip
    return _map_layout(fig, bounds, style, lang, height)


def hydrogen_timeline(projects: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Expected year per project (colour: status; size: electrolyser MW)."""
    df = projects.dropna(subset=["expected_year"])
    if df.empty:
        return _empty(lang)
    df = df.sort_values(["expected_year", "project_name"])
    fig = go.Figure()
    for status, color in H2_STATUS_COLORS.items():
        sub = df[df["status"] == status]
        if sub.empty:
            continue
        mw = sub["electrolyser_mw"].astype("float64").fillna(0)
        fig.add_trace(
            go.Scatter(
                x=sub["expected_year"],
                y=sub["project_name"],
                mode="markers",
                marker={"size": np.clip(10 + 2 * np.sqrt(mw), 10, 34), "color": color,
                        "line": {"color": "#333", "width": 0.5}},
                name=_label("h2status", status, lang),
                customdata=np.stack([mw, sub["project_type"].map(
                    lambda c: _label("h2type", c, lang))], axis=-1),
                hovertemplate="%{y}<br>%{x}<br>%{customdata[1]} · %{customdata[0]:,.1f} MW"
                "<extra>%{fullData.name}</extra>",
            )
        )  # fmt: skip
    fig.update_xaxes(title=t("h2_axis_year", lang), dtick=1, tickformat="d")
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["project_name"])[::-1])
    return _base_layout(fig, lang, height=max(300, 34 * len(df) + 120))


def electrolyser_by_status(projects: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Electrolyser MW per project status."""
    df = projects[projects["electrolyser_mw"].notna()]
    if df.empty:
        return _empty(lang)
    by = df.groupby("status")["electrolyser_mw"].sum()
    statuses = [s for s in H2_STATUS_COLORS if s in by.index]
    fig = go.Figure(
        go.Bar(
            x=[_label("h2status", s, lang) for s in statuses],
            y=[by[s] for s in statuses],
            marker={"color": [H2_STATUS_COLORS[s] for s in statuses]},
            texttemplate="%{y:,.0f} MW",
            textposition="outside",
            hovertemplate="%{x}: %{y:,.1f} MW<extra></extra>",
        )
    )
    fig.update_yaxes(title=t("h2_axis_mw", lang), tickformat=NUMBER_TICKS)
    return _base_layout(fig, lang, height=340, showlegend=False)


def nearby_capacity_bar(nearby: pd.DataFrame, names: dict[str, str], lang: str = "de") -> go.Figure:
    """Operating renewable MW near each project, by carrier (planned MW as hatched bars).

    ``nearby``: ``project_id, carrier, status, capacity_kw`` for one scope.
    """
    if nearby.empty:
        return _empty(lang)
    projects = [p for p in names if p in set(nearby["project_id"])]
    labels = [names[p] for p in projects]
    fig = go.Figure()
    for status in ("operating", "planned"):
        for c in carrier_order(nearby["carrier"].unique()):
            sub = nearby[(nearby["carrier"] == c) & (nearby["status"] == status)]
            if sub.empty:
                continue
            mw = sub.groupby("project_id")["capacity_kw"].sum().reindex(projects).fillna(0) / 1000
            fig.add_bar(
                y=labels,
                x=mw.to_numpy(),
                orientation="h",
                name=f"{carrier_label(c, lang)} · {status_label(status, lang)}",
                marker={
                    "color": CARRIER_COLORS[c],
                    "opacity": 1.0 if status == "operating" else 0.55,
                    "pattern": {"shape": "" if status == "operating" else "/"},
                },
                hovertemplate="%{y}: %{x:,.1f} MW<extra>%{fullData.name}</extra>",
            )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    fig.update_yaxes(autorange="reversed")
    return _base_layout(fig, lang, height=max(320, 34 * len(labels) + 140))


# --------------------------------------------------------------------------- #
# Area target
# --------------------------------------------------------------------------- #
def area_share_figure(
    designated_share: float,
    any_share: float,
    targets: tuple[tuple[int, float], ...],
    lang: str = "de",
) -> go.Figure:
    """Shares of the region's area (designated; designated or draft) against the targets."""
    labels = [t("at_designated", lang), t("at_designated_or_draft", lang)]
    values = [designated_share * 100, any_share * 100]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            marker={"color": [AREA_COLORS["designated"], AREA_COLORS["draft"]]},
            texttemplate="%{y:,.2f} %",
            textposition="outside",
            hovertemplate="%{x}: %{y:,.2f} %<extra></extra>",
            showlegend=False,
        )
    )
    for year, share in targets:
        fig.add_hline(
            y=share * 100,
            line={"dash": "dash", "color": "#333333", "width": 1.5},
            annotation_text=t("at_target_line", lang, year=year, share=f"{share * 100:.1f}".replace(
                ".", "," if lang == "de" else ".")),
            annotation_position="top left",
        )  # fmt: skip
    top = max([*values, *(s * 100 for _, s in targets)]) * 1.25
    fig.update_yaxes(title=t("at_axis_share", lang), range=[0, top], tickformat=",.1f")
    return _base_layout(fig, lang, height=360)


def area_map(
    areas_geojson: dict,
    municipalities_geojson: dict | None,
    units: pd.DataFrame,
    bounds: tuple[float, float, float, float],
    *,
    lang: str = "de",
    style: str = MAP_STYLE_OFFLINE,
    height: int = 600,
) -> go.Figure:
    """Designated and draft wind areas, municipality outlines, and wind turbines by location."""
    fig = go.Figure()
    outline = _outline_trace(municipalities_geojson)
    if outline is not None:
        fig.add_trace(outline)
    for status in ("designated", "draft"):
        feats = [
            f for f in areas_geojson.get("features", []) if f["properties"]["status"] == status
        ]
        if not feats:
            continue
        gj = {"type": "FeatureCollection", "features": feats}
        fig.add_trace(
            go.Choroplethmap(
                geojson=gj,
                locations=[f["id"] for f in feats],
                z=[1] * len(feats),
                colorscale=[[0, AREA_COLORS[status]], [1, AREA_COLORS[status]]],
                showscale=False,
                marker={"opacity": 0.55, "line": {"width": 1, "color": AREA_COLORS[status]}},
                customdata=[[f["properties"]["name"] or f["id"], f["properties"]["area_km2"]]
                            for f in feats],
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]:,.2f} km²<extra>"
                + _label("area", status, lang) + "</extra>",
                name=_label("area", status, lang),
                showlegend=True,
            )
        )  # fmt: skip
    for loc in ("designated", "draft", "outside"):
        sub = units[units["location"] == loc]
        if sub.empty:
            continue
        fig.add_trace(
            go.Scattermap(
                lat=sub["latitude"],
                lon=sub["longitude"],
                mode="markers",
                marker={"size": 6, "color": LOCATION_COLORS[loc] if loc == "outside" else "#1A1A1A",
                        "opacity": 0.85},
                customdata=np.stack([sub["unit_name"].fillna(sub["unit_id_mastr"]),
                                     sub["gross_capacity_kw"].fillna(0) / 1000,
                                     sub["municipality_name"].fillna("")], axis=-1),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]:,.2f} MW · %{customdata[2]}"
                "<extra>%{fullData.name}</extra>",
                name=_label("loc", loc, lang),
            )
        )  # fmt: skip
    return _map_layout(fig, bounds, style, lang, height)


def units_by_location_bar(df: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Wind MW inside designated areas, inside drafts, outside, without coordinates."""
    if df.empty:
        return _empty(lang)
    fig = go.Figure()
    for loc in ("designated", "draft", "outside", "no_coordinates"):
        sub = df[df["location"] == loc].set_index("status")
        if sub.empty:
            continue
        statuses = [s for s in ("operating", "planned") if s in sub.index]
        fig.add_bar(
            x=[status_label(s, lang) for s in statuses],
            y=[sub.loc[s, "mw"] for s in statuses],
            name=_label("loc", loc, lang),
            marker={"color": LOCATION_COLORS[loc]},
            customdata=[sub.loc[s, "units"] for s in statuses],
            hovertemplate="%{y:,.1f} MW · %{customdata:,.0f} "
            + t("units", lang)
            + "<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    return _base_layout(fig, lang, height=340)
