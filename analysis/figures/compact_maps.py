"""Small, static maps drawn as plain shapes (no map tiles, no zoom): they fit a phone.

- :func:`district_map`: every municipality coloured by one value in a few classes,
  with the classes as legend entries inside the figure (start page);
- :func:`municipality_map`: one municipality and its neighbours with their names
  (municipality profile).

Boundaries are projected equirectangularly around the region's mean latitude,
which is accurate enough at district scale; the axes keep that aspect ratio,
so the drawing fits any width without distortion. Names are SVG text, so they
show offline too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from analysis import format as fmt
from analysis.figures.style import CHOROPLETH_SCALE, base_layout, empty_figure, new_figure

#: Colour of the chosen municipality and of the others on the profile map.
SELECTED_COLOR = "#1F4E79"
NEIGHBOUR_COLOR = "#E8ECF0"
LINE_COLOR = "#6B6B6B"


def _rings(geometry: dict) -> list[list[list[float]]]:
    """Outer rings (lon/lat lists) of a GeoJSON Polygon or MultiPolygon."""
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def _path(features: Iterable[dict], kx: float) -> tuple[list[float | None], list[float | None]]:
    """x/y of the features' outer rings, separated by gaps (one filled shape each)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for f in features:
        for ring in _rings(f["geometry"]):
            xs.extend([p[0] * kx for p in ring] + [None])
            ys.extend([p[1] for p in ring] + [None])
    return xs, ys


def _scale(features: Sequence[dict]) -> float:
    """Horizontal factor (cos of the mean latitude) that keeps shapes in proportion."""
    lats = [p[1] for f in features for ring in _rings(f["geometry"]) for p in ring]
    return math.cos(math.radians(sum(lats) / len(lats))) if lats else 1.0


def _frame(fig: go.Figure, lang: str, height: int) -> go.Figure:
    """Hidden axes with a fixed aspect, no zoom or drag: a picture, not a map to pan."""
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, fixedrange=True, scaleanchor="x", scaleratio=1)
    fig = base_layout(fig, lang, height=height)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        dragmode=False,
        plot_bgcolor="rgba(0,0,0,0)",
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0, "font": {"size": 12}},
    )
    return fig


def class_breaks(values: pd.Series, n: int = 5) -> list[float]:
    """Upper bounds of ``n`` classes (quantiles, rounded to two significant digits)."""
    v = values.dropna()
    v = v[v > 0]
    if v.empty:
        return []
    breaks: list[float] = []
    for q in [i / n for i in range(1, n)]:
        x = float(v.quantile(q))
        if x <= 0:
            continue
        digits = 1 - math.floor(math.log10(x))
        r = round(x, digits)
        if r > 0 and (not breaks or r > breaks[-1]):
            breaks.append(r)
    return breaks


def _class_label(lo: float | None, hi: float | None, unit: str, lang: str) -> str:
    def num(x: float) -> str:
        return fmt.number(x, 0 if x >= 10 else 1, lang)

    if lo is None:
        return f"< {num(hi)} {unit}" if hi is not None else unit
    if hi is None:
        return f"≥ {num(lo)} {unit}"
    return f"{num(lo)}–{num(hi)} {unit}"


def district_map(
    geojson: dict,
    values: pd.DataFrame,
    unit: str,
    lang: str = "de",
    *,
    height: int = 360,
    label: str | None = None,
) -> go.Figure:
    """Municipalities coloured by ``values`` (``municipality_key, municipality_name, value``)
    in quantile classes, one legend entry per class; hover names the municipality.

    ``label`` (e.g. the demo label) is written into the figure.
    """
    features = [f for f in geojson.get("features", []) if _rings(f["geometry"])]
    if not features or values.empty:
        return empty_figure(lang, height)
    kx = _scale(features)
    by_key = {str(f["id"]): f for f in features}
    v = values.set_index("municipality_key")["value"].astype("float64")
    breaks = class_breaks(v)
    bounds = [None, *breaks, None]
    colors = sample_colorscale(
        CHOROPLETH_SCALE, [i / max(len(bounds) - 2, 1) for i in range(len(bounds) - 1)]
    )
    fig = new_figure()
    for i in range(len(bounds) - 1):
        lo, hi = bounds[i], bounds[i + 1]
        mask = v.notna() & (v >= (lo if lo is not None else -math.inf))
        mask &= v < (hi if hi is not None else math.inf)
        keys = [k for k in v[mask].index if k in by_key]
        if not keys:
            continue
        xs, ys = _path((by_key[k] for k in keys), kx)
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=colors[i],
                line={"color": LINE_COLOR, "width": 0.6}, hoverinfo="skip",
                name=_class_label(lo, hi, unit, lang),
            )
        )  # fmt: skip
    names = values.set_index("municipality_key")["municipality_name"]
    hover = [k for k in v.index if k in by_key]
    points = [_centre(by_key[k]) for k in hover]
    shown = [fmt.with_unit(v[k], unit, 1, lang) if pd.notna(v[k]) else fmt.DASH for k in hover]
    fig.add_trace(
        go.Scatter(
            x=[p[0] * kx for p in points], y=[p[1] for p in points], mode="markers",
            marker={"size": 10, "opacity": 0}, showlegend=False,
            customdata=[[k, str(names.get(k, k))] for k in hover],
            text=shown,
            hovertemplate="<b>%{customdata[1]}</b><br>%{text}<extra></extra>",
        )
    )  # fmt: skip
    fig = _frame(fig, lang, height)
    if label:
        fig.add_annotation(
            text=label, xref="paper", yref="paper", x=0.0, y=0.0, xanchor="left",
            yanchor="bottom", showarrow=False, font={"size": 10, "color": "#7a4a00"},
            bgcolor="rgba(255, 243, 205, 0.9)", borderpad=3,
        )  # fmt: skip
    return fig


def _centre(feature: dict) -> tuple[float, float]:
    """A point inside the feature's largest ring (for a name or a hover target)."""
    from shapely.geometry import shape

    p = shape(feature["geometry"]).representative_point()
    return float(p.x), float(p.y)


def municipality_map(
    geojson: dict,
    key: str,
    neighbours: Sequence[str],
    names: dict[str, str],
    lang: str = "de",
    *,
    height: int = 300,
) -> go.Figure:
    """The municipality ``key`` (dark) among its ``neighbours`` (light), each named."""
    by_key = {str(f["id"]): f for f in geojson.get("features", []) if _rings(f["geometry"])}
    if key not in by_key:
        return empty_figure(lang, height)
    around = [k for k in neighbours if k in by_key]
    kx = _scale([by_key[key], *(by_key[k] for k in around)])
    fig = new_figure()
    xs, ys = _path((by_key[k] for k in around), kx)
    fig.add_trace(
        go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=NEIGHBOUR_COLOR,
            line={"color": LINE_COLOR, "width": 0.8}, hoverinfo="skip", showlegend=False,
        )
    )  # fmt: skip
    xs, ys = _path([by_key[key]], kx)
    fig.add_trace(
        go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", fillcolor=SELECTED_COLOR,
            line={"color": "#000000", "width": 1.5}, hoverinfo="skip", showlegend=False,
        )
    )  # fmt: skip
    shown = [key, *around]
    points = [_centre(by_key[k]) for k in shown]
    fig.add_trace(
        go.Scatter(
            x=[p[0] * kx for p in points], y=[p[1] for p in points], mode="text",
            text=[names.get(k, k) for k in shown], showlegend=False, hoverinfo="skip",
            textfont={"size": [13, *([10] * len(around))],
                      "color": ["#FFFFFF", *(["#333333"] * len(around))]},
        )
    )  # fmt: skip
    return _frame(fig, lang, height)
