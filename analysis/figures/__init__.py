"""Pure plotly figure builders: DataFrames in, ``go.Figure`` out.

One colour-blind-safe carrier palette (Okabe–Ito) and one fixed carrier order
(:data:`etl.schema.CARRIERS`) are used on every chart and map. Axis titles
carry their unit; separators follow the UI language (``1.234,5`` in German).
No Streamlit here, so the briefing PDF can render the same figures.

The general charts are exported here; the office pages' figures live in
:mod:`analysis.figures.pipeline`, :mod:`analysis.figures.hydrogen` and
:mod:`analysis.figures.area_target`.
"""

from __future__ import annotations

from analysis.figures.charts import (
    additions_chart,
    capacity_by_carrier_bar,
    capacity_by_status_bar,
    cumulative_chart,
    mix_donut,
)
from analysis.figures.compact_maps import district_map, municipality_map
from analysis.figures.maps import (
    MAP_LAYERS,
    MAP_METRICS,
    choropleth_values,
    map_figure,
    point_size,
    zoom_for_bounds,
)
from analysis.figures.style import (
    AGGREGATE_COLOR,
    CARRIER_COLORS,
    CHOROPLETH_SCALE,
    MAP_CONFIG,
    MAP_STYLE_OFFLINE,
    MAP_STYLE_ONLINE,
    NUMBER_TICKS,
    STATUS_OPACITY,
    STATUS_PATTERN,
    TEMPLATE,
    carrier_order,
    new_figure,
)

__all__ = [
    "AGGREGATE_COLOR",
    "CARRIER_COLORS",
    "CHOROPLETH_SCALE",
    "MAP_CONFIG",
    "MAP_LAYERS",
    "MAP_METRICS",
    "MAP_STYLE_OFFLINE",
    "MAP_STYLE_ONLINE",
    "NUMBER_TICKS",
    "STATUS_OPACITY",
    "STATUS_PATTERN",
    "TEMPLATE",
    "additions_chart",
    "capacity_by_carrier_bar",
    "capacity_by_status_bar",
    "carrier_order",
    "choropleth_values",
    "cumulative_chart",
    "district_map",
    "map_figure",
    "mix_donut",
    "municipality_map",
    "new_figure",
    "point_size",
    "zoom_for_bounds",
]
