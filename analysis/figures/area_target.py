"""Figures of the area-target page: area shares, the wind-area map, units by location."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.figures.office_style import (
    AREA_COLORS,
    LOCATION_COLORS,
    code_label,
    empty_figure,
    map_layout,
    office_layout,
    outline_trace,
)
from analysis.figures.style import (
    MAP_STYLE_OFFLINE,
    NUMBER_TICKS,
)
from analysis.i18n import status_label, t

# --------------------------------------------------------------------------- #
# Area target
# --------------------------------------------------------------------------- #
#: Colour of a shortfall against a target (Okabe–Ito vermillion).
SHORTFALL_COLOR = "#D55E00"


def area_share_figure(
    designated_share: float,
    draft_share: float,
    targets: tuple[tuple[int, float], ...],
    lang: str = "de",
) -> go.Figure:
    """The designated share against the targets, and the drafts beside it as potential.

    Only the designated bar is measured against the target lines; a target it misses is
    annotated in red with the gap.
    """
    fig = go.Figure()
    fig.add_bar(
        x=[t("at_designated", lang)],
        y=[designated_share * 100],
        marker={"color": AREA_COLORS["designated"]},
        texttemplate="%{y:,.2f} %",
        textposition="outside",
        hovertemplate="%{x}: %{y:,.2f} %<extra></extra>",
        showlegend=False,
    )
    fig.add_bar(
        x=[t("at_draft_potential", lang)],
        y=[draft_share * 100],
        marker={"color": AREA_COLORS["draft"], "pattern": {"shape": "/", "fgcolor": "#FFFFFF"}},
        texttemplate="%{y:,.2f} %",
        textposition="outside",
        hovertemplate="%{x}: %{y:,.2f} %<extra></extra>",
        showlegend=False,
    )
    dec = "," if lang == "de" else "."
    for year, share in targets:
        gap = (designated_share - share) * 100
        short = gap < 0
        label = t("at_target_line", lang, year=year, share=f"{share * 100:.1f}".replace(".", dec))
        if short:
            label += (
                " · " + f"{gap:+.2f}".replace(".", dec).replace("-", "−") + " " + t("at_pp", lang)
            )
        fig.add_hline(
            y=share * 100,
            line={"dash": "dash", "color": SHORTFALL_COLOR if short else "#333333", "width": 1.5},
            annotation_text=label,
            annotation_font_color=SHORTFALL_COLOR if short else "#333333",
            annotation_position="top left",
        )
    values = [designated_share * 100, draft_share * 100]
    top = max([*values, *(s * 100 for _, s in targets)]) * 1.25
    fig.update_yaxes(title=t("at_axis_share", lang), range=[0, top], tickformat=",.1f")
    return office_layout(fig, lang, height=360)


def area_map(
    areas_geojson: dict,
    municipalities_geojson: dict | None,
    units: pd.DataFrame,
    bounds: tuple[float, float, float, float],
    *,
    lang: str = "de",
    style: str = MAP_STYLE_OFFLINE,
    height: int = 600,
    phone: bool = False,
) -> go.Figure:
    """Designated and draft wind areas, municipality outlines, and wind turbines by location
    (``phone``: the region fitted into a phone's width)."""
    fig = go.Figure()
    outline = outline_trace(municipalities_geojson)
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
                + code_label("area", status, lang) + "</extra>",
                name=code_label("area", status, lang),
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
                name=code_label("loc", loc, lang),
            )
        )  # fmt: skip
    return map_layout(fig, bounds, style, lang, height, width_px=360 if phone else 760)


def units_by_location_bar(df: pd.DataFrame, lang: str = "de") -> go.Figure:
    """Wind MW inside designated areas, inside drafts, outside, without coordinates."""
    if df.empty:
        return empty_figure(lang)
    fig = go.Figure()
    for loc in ("designated", "draft", "outside", "no_coordinates"):
        sub = df[df["location"] == loc].set_index("status")
        if sub.empty:
            continue
        statuses = [s for s in ("operating", "planned") if s in sub.index]
        fig.add_bar(
            x=[status_label(s, lang) for s in statuses],
            y=[sub.loc[s, "mw"] for s in statuses],
            name=code_label("loc", loc, lang),
            marker={"color": LOCATION_COLORS[loc]},
            customdata=[sub.loc[s, "units"] for s in statuses],
            hovertemplate="%{y:,.1f} MW · %{customdata:,.0f} "
            + t("units", lang)
            + "<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=t("axis_mw", lang), tickformat=NUMBER_TICKS)
    return office_layout(fig, lang, height=340)
