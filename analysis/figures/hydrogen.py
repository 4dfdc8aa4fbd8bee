"""Figures of the hydrogen page: project map, timeline, electrolyser MW, nearby capacity."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.figures.office_style import (
    H2_STATUS_COLORS,
    code_label,
    empty_figure,
    map_layout,
    office_layout,
    outline_trace,
)
from analysis.figures.style import (
    CARRIER_COLORS,
    MAP_STYLE_OFFLINE,
    NUMBER_TICKS,
    carrier_order,
)
from analysis.i18n import carrier_label, status_label, t


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
    phone: bool = False,
) -> go.Figure:
    """Projects as points coloured by status, sized by electrolyser MW, on the boundaries,
    labelled with their names (``phone``: the region fitted into a phone's width)."""
    fig = go.Figure()
    outline = outline_trace(geojson)
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
                text=sub["project_name"].fillna(sub["project_id"]),  # names, as on the timeline
                textposition="top right",
                customdata=np.stack(
                    [
                        sub["project_name"],
                        sub["project_type"].map(lambda c: code_label("h2type", c, lang)),
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
                name=code_label("h2status", status, lang),
            )
        )  # fmt: skip
    return map_layout(fig, bounds, style, lang, height, width_px=360 if phone else 760)


def hydrogen_timeline(projects: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Expected year per project (colour: status; size: electrolyser MW)."""
    df = projects.dropna(subset=["expected_year"])
    if df.empty:
        return empty_figure(lang)
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
                name=code_label("h2status", status, lang),
                customdata=np.stack([mw, sub["project_type"].map(
                    lambda c: code_label("h2type", c, lang))], axis=-1),
                hovertemplate="%{y}<br>%{x}<br>%{customdata[1]} · %{customdata[0]:,.1f} MW"
                "<extra>%{fullData.name}</extra>",
            )
        )  # fmt: skip
    # whole years, at most about six ticks, so they do not overlap at a phone's width
    years = df["expected_year"].astype(int)
    step = max(1, math.ceil((years.max() - years.min() + 1) / 6))
    fig.update_xaxes(title=t("h2_axis_year", lang), dtick=step, tick0=int(years.min()),
                     tickformat="d")  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["project_name"])[::-1])
    return office_layout(fig, lang, height=max(300, 34 * len(df) + 120))


def electrolyser_by_status(projects: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Electrolyser MW per project status."""
    df = projects[projects["electrolyser_mw"].notna()]
    if df.empty:
        return empty_figure(lang)
    by = df.groupby("status")["electrolyser_mw"].sum()
    statuses = [s for s in H2_STATUS_COLORS if s in by.index]
    fig = go.Figure(
        go.Bar(
            x=[code_label("h2status", s, lang) for s in statuses],
            y=[by[s] for s in statuses],
            marker={"color": [H2_STATUS_COLORS[s] for s in statuses]},
            texttemplate="%{y:,.0f} MW",
            textposition="outside",
            hovertemplate="%{x}: %{y:,.1f} MW<extra></extra>",
        )
    )
    fig.update_yaxes(title=t("h2_axis_mw", lang), tickformat=NUMBER_TICKS)
    return office_layout(fig, lang, height=340, showlegend=False)


def nearby_capacity_bar(nearby: pd.DataFrame, names: dict[str, str], lang: str = "de") -> go.Figure:
    """Operating renewable MW near each project, by carrier (planned MW as hatched bars).

    ``nearby``: ``project_id, carrier, status, capacity_kw`` for one scope.
    """
    if nearby.empty:
        return empty_figure(lang)
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
    return office_layout(fig, lang, height=max(320, 34 * len(labels) + 140))
