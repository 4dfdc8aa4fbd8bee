"""Every SQL query of the dashboard and the briefings, in one package.

Functions take the served database's path (``db``) and a
:class:`~analysis.filters.Filters`, and return DataFrames or small
dataclasses. They read the marts (``out_*``) wherever possible and run through
:func:`analysis.db.query` (cached by the dashboard, keyed on the database file
name). The briefing and any other consumer must call these functions rather
than re-implementing a number. The modules hold one area each; this package
exports them all under one name.
"""

from __future__ import annotations

from analysis.filters import period_sql, where
from analysis.queries.build import (
    build_info,
    data_date,
    geometry_is_synthetic,
    is_demo,
    municipalities,
    municipality_geojson,
    municipality_names,
    reference_year,
    region_bounds,
    year_range,
)
from analysis.queries.capacity import (
    additions,
    capacity,
    capacity_by_carrier,
    population,
    timeseries,
)
from analysis.queries.maps import (
    MAX_MAP_POINTS,
    POINT_THRESHOLDS_KW,
    auto_point_threshold,
    map_aggregates,
    map_point_counts,
    map_points,
    municipality_capacity,
    top_point_threshold,
)
from analysis.queries.places import municipality_postcodes, neighbours
from analysis.queries.quality import coverage, gate_decisions, partial_reasons
from analysis.queries.units import (
    LIST_COLUMNS,
    UNIT_LIST_LIMIT,
    Quality,
    eeg,
    eeg_turbines,
    load_runs,
    neighbour_turbines_missing,
    problem_examples,
    problem_summary,
    quality,
    schema_drift,
    suspect_units,
    units,
    units_count,
)

__all__ = [
    "LIST_COLUMNS",
    "MAX_MAP_POINTS",
    "POINT_THRESHOLDS_KW",
    "UNIT_LIST_LIMIT",
    "Quality",
    "additions",
    "auto_point_threshold",
    "build_info",
    "capacity",
    "capacity_by_carrier",
    "coverage",
    "data_date",
    "eeg",
    "eeg_turbines",
    "gate_decisions",
    "geometry_is_synthetic",
    "is_demo",
    "load_runs",
    "map_aggregates",
    "map_point_counts",
    "map_points",
    "municipalities",
    "municipality_capacity",
    "municipality_geojson",
    "municipality_names",
    "municipality_postcodes",
    "neighbour_turbines_missing",
    "neighbours",
    "partial_reasons",
    "period_sql",
    "population",
    "problem_examples",
    "problem_summary",
    "quality",
    "reference_year",
    "region_bounds",
    "schema_drift",
    "suspect_units",
    "timeseries",
    "top_point_threshold",
    "units",
    "units_count",
    "where",
    "year_range",
]
