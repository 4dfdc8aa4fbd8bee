"""What a map image must say by itself: point-size legend, municipality names, area title.

Everything here is drawn into the figure (not the page around it), so a screenshot or
PNG export of the map still says what the colours and circle sizes mean.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import format as fmt
from analysis.i18n import t

#: Capacities (kW) shown in the size legend of the unit map.
SIZE_LEGEND_KW: tuple[float, ...] = (100.0, 1_000.0, 10_000.0)


def point_size(kw: pd.Series | np.ndarray, base: float = 4.0, top: float = 40.0) -> np.ndarray:
    """Marker diameter (px) growing with the square root of capacity (one scale for all)."""
    arr = np.nan_to_num(np.asarray(kw, dtype="float64"), nan=0.0)
    return np.clip(base + 2.2 * np.sqrt(np.maximum(arr, 0) / 100.0), base, top)


def _kw_text(kw: float, lang: str) -> str:
    return (
        fmt.with_unit(kw / 1000, "MW", 0, lang) if kw >= 1000 else fmt.with_unit(kw, "kW", 0, lang)
    )


def add_size_legend(fig: go.Figure, lang: str) -> None:
    """Circles of the real marker sizes with their capacity, bottom right inside the map.

    Shapes sized in pixels (``xsizemode="pixel"``) keep the same size as the markers
    whatever the figure's width.
    """
    sizes = point_size(np.array(SIZE_LEGEND_KW))
    box_w = int(sum(sizes) + 3 * 58 + 16)
    box_h = int(max(sizes) + 34)
    fig.add_shape(
        type="rect", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel",
        xanchor=1.0, yanchor=0.0, x0=-box_w - 6, x1=-6, y0=6, y1=6 + box_h,
        fillcolor="rgba(255,255,255,0.88)", line={"color": "#BBBBBB", "width": 1},
    )  # fmt: skip
    fig.add_annotation(
        text=t("map_size_legend", lang), xref="paper", yref="paper", x=1.0, y=0.0,
        xanchor="left", yanchor="bottom", xshift=-box_w, yshift=box_h - 16,
        showarrow=False, font={"size": 11, "color": "#333"}, align="left",
    )  # fmt: skip
    x = -box_w + 4.0
    cy = 10 + max(sizes) / 2
    for kw, d in zip(SIZE_LEGEND_KW, sizes, strict=True):
        cx = x + d / 2
        fig.add_shape(
            type="circle", xref="paper", yref="paper", xsizemode="pixel", ysizemode="pixel",
            xanchor=1.0, yanchor=0.0, x0=cx - d / 2, x1=cx + d / 2, y0=cy - d / 2, y1=cy + d / 2,
            fillcolor="#4D4D4D", opacity=0.7, line={"width": 0},
        )  # fmt: skip
        fig.add_annotation(
            text=_kw_text(kw, lang), xref="paper", yref="paper", x=1.0, y=0.0,
            xanchor="left", yanchor="middle", xshift=cx + d / 2 + 2, yshift=cy,
            showarrow=False, font={"size": 11, "color": "#333"},
        )  # fmt: skip
        x += d + 58


def name_trace(names: pd.DataFrame, selected: str | None = None) -> go.Scattermap:
    """Municipality names at their representative points.

    The map library hides labels that would overlap, so more names appear the
    further one zooms in; the selected municipality's name is written larger.
    ``names``: ``municipality_key, municipality_name, latitude, longitude``.
    """
    df = names.dropna(subset=["latitude", "longitude"])
    if selected:
        # the selection first: the map places earlier labels before later ones
        df = pd.concat(
            [df[df["municipality_key"] == selected], df[df["municipality_key"] != selected]]
        )
    return go.Scattermap(
        lat=df["latitude"],
        lon=df["longitude"],
        mode="text",
        text=df["municipality_name"],
        textfont={"size": 11, "color": "#222222"},
        textposition="middle center",
        hoverinfo="skip",
        showlegend=False,
        name="names",
    )


def add_area_title(fig: go.Figure, title: str) -> None:
    """The shown area's name in the top left corner (readable without map tiles or fonts)."""
    fig.add_annotation(
        text=title, xref="paper", yref="paper", x=0.0, y=1.0, xanchor="left", yanchor="top",
        showarrow=False, font={"size": 14, "color": "#111"}, bgcolor="rgba(255,255,255,0.85)",
        borderpad=4,
    )  # fmt: skip
