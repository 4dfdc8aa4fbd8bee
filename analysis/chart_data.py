"""The numbers behind a chart, as a table: the text alternative of every plotly figure.

A screen reader cannot read a canvas, and a keyboard cannot hover it, so each
chart of the dashboard has a table of what it draws ("Daten zur Grafik"). It is
read from the finished figure, not computed again, so it can never disagree
with the chart: one row per drawn value with its series (the trace name, or
the more specific series text of its hover box, e.g. "Wind an Land – Rückbau"),
its category (the bar's or point's label, year or date, the municipality of a
map) and its value in the unit of the value axis. Legend swatches and traces
without hover are left out; so are the points of a map with more than
:data:`MAX_POINTS` points (their units are listed on Daten & Qualität).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

#: Point layers of maps up to this many points are tabulated; larger ones are left out.
MAX_POINTS = 300

_EXTRA = re.compile(r"<extra>([^<%]*)</extra>")


@dataclass(frozen=True)
class ChartData:
    """The table of a chart: ``series, category, value`` rows and how to label them."""

    rows: pd.DataFrame
    category_title: str
    value_title: str
    category_kind: str  # "text", "year" or "date"
    left_out_points: int = 0


def _title(axis: object) -> str:
    text = getattr(getattr(axis, "title", None), "text", None)
    return str(text) if text else ""


def _values(seq: object) -> list:
    if seq is None:
        return []
    return list(np.asarray(seq, dtype=object).ravel())


def _series(trace: object) -> str:
    """The series a trace draws: its hover box's series text if literal, else its name."""
    m = _EXTRA.search(str(getattr(trace, "hovertemplate", None) or ""))
    if m and m.group(1).strip():
        return m.group(1).strip()
    return str(getattr(trace, "name", None) or "")


def _pairs(trace: object) -> tuple[list, list]:
    """(categories, values) of a cartesian trace, horizontal bars turned round."""
    x, y = _values(getattr(trace, "x", None)), _values(getattr(trace, "y", None))
    if getattr(trace, "orientation", None) == "h":
        return y, x
    if not x and y:  # a box of values without categories
        return [getattr(trace, "name", "") or ""] * len(y), y
    return x, y


def _map_rows(trace: object) -> tuple[list, list]:
    """(places, values) of a choropleth: names from the hover text when there is one."""
    places = _values(getattr(trace, "hovertext", None)) or _values(getattr(trace, "text", None))
    locations = _values(getattr(trace, "locations", None))
    if len(places) != len(locations):
        places = locations
    return places, _values(getattr(trace, "z", None))


def _point_rows(trace: object) -> tuple[list, list]:
    """(names, None) of a map's point layer: what is where, without a value axis."""
    names = _values(getattr(trace, "hovertext", None)) or _values(getattr(trace, "text", None))
    lat = _values(getattr(trace, "lat", None))
    if len(names) != len(lat):
        names = [f"{a:.4f}, {b:.4f}" for a, b in zip(lat, _values(trace.lon), strict=False)]
    return names, [None] * len(names)


def _category_kind(categories: Sequence[object]) -> str:
    stamps = [c for c in categories if isinstance(c, pd.Timestamp | np.datetime64)]
    if not stamps or len(stamps) != len(categories):
        return "text"
    ts = pd.to_datetime(pd.Series(stamps))
    return "year" if ((ts.dt.month == 1) & (ts.dt.day == 1)).all() else "date"


def chart_data(fig: go.Figure) -> ChartData:
    """The values drawn by ``fig`` (see the module docstring); empty when it draws none."""
    rows: list[tuple[str, object, object]] = []
    left_out = 0
    value_title = ""
    category_title = ""
    layout = fig.layout
    for trace in fig.data:
        if getattr(trace, "hoverinfo", None) == "skip" or getattr(trace, "visible", None) is False:
            continue
        kind = trace.type
        if kind == "pie":
            cats, vals = _values(trace.labels), _values(trace.values)
        elif kind in ("choroplethmap", "choroplethmapbox", "choropleth"):
            cats, vals = _map_rows(trace)
            colorbar = getattr(getattr(trace, "colorbar", None), "title", None)
            value_title = value_title or str(getattr(colorbar, "text", None) or "")
        elif kind in ("scattermap", "scattermapbox", "scattergeo"):
            cats, vals = _point_rows(trace)
            if len(cats) > MAX_POINTS:
                left_out += len(cats)
                continue
        else:
            cats, vals = _pairs(trace)
            horizontal = getattr(trace, "orientation", None) == "h"
            cat_axis, val_axis = (layout.yaxis, layout.xaxis) if horizontal else (
                layout.xaxis, layout.yaxis)  # fmt: skip
            category_title = category_title or _title(cat_axis)
            value_title = value_title or _title(val_axis)
        series = _series(trace)
        for c, v in zip(cats, vals, strict=False):
            if c is None or (v is None and kind not in ("scattermap", "scattermapbox")):
                continue
            rows.append((series, c, v))
    df = pd.DataFrame(rows, columns=["series", "category", "value"])
    category_kind = _category_kind(list(df["category"]))
    if category_kind != "text":
        df["category"] = pd.to_datetime(df["category"])
        if category_kind == "year":
            df["category"] = df["category"].dt.year
    else:
        df["category"] = df["category"].astype(str)
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    return ChartData(df, category_title, value_title, category_kind, left_out)
