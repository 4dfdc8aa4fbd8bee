"""The map: unit points, aggregates of the units not drawn, and the choropleth values."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.db import query, scalar
from analysis.filters import Filters, where
from etl.schema import CARRIER_GROUP, RENEWABLE_CARRIERS

#: Capacity thresholds (kW) offered for drawing units as single map points.
POINT_THRESHOLDS_KW: tuple[float, ...] = (0, 30, 100, 500, 1_000, 5_000, 20_000, 100_000)
#: At most this many single points are sent to the browser (the rest is aggregated).
MAX_MAP_POINTS = 4_000
#: Rows shown in unit lists on pages (downloads have all rows).


# --------------------------------------------------------------------------- #
# Map
# --------------------------------------------------------------------------- #
def _point_filter(f: Filters, prefix: str = "") -> tuple[str, list[object]]:
    return where(f, municipality=False, prefix=prefix)


def map_point_counts(db: str, f: Filters) -> dict[float, int]:
    """How many units with coordinates each threshold of :data:`POINT_THRESHOLDS_KW` draws."""
    cond, params = _point_filter(f)
    cols = ", ".join(
        f"count(*) FILTER (WHERE gross_capacity_kw >= {kw})" for kw in POINT_THRESHOLDS_KW
    )
    row = query(db, f"SELECT {cols} FROM out_map_points {cond}", tuple(params)).iloc[0]
    return {kw: int(n) for kw, n in zip(POINT_THRESHOLDS_KW, row.tolist(), strict=True)}


def auto_point_threshold(counts: dict[float, int], max_points: int = MAX_MAP_POINTS) -> float:
    """Smallest threshold that draws at most ``max_points`` points."""
    for kw in POINT_THRESHOLDS_KW:
        if counts.get(kw, 0) <= max_points:
            return kw
    return POINT_THRESHOLDS_KW[-1]


def top_point_threshold(db: str, f: Filters, max_points: int = MAX_MAP_POINTS) -> float:
    """Capacity (kW) of the ``max_points``-th largest unit with coordinates (0 if fewer).

    Drawing units at or above it shows the largest units as points and keeps
    what the map sends bounded, whatever the size of the database.
    """
    cond, params = _point_filter(f)
    value = scalar(
        db,
        f"""
        SELECT gross_capacity_kw FROM out_map_points {cond}
        ORDER BY gross_capacity_kw DESC NULLS LAST LIMIT 1 OFFSET ?
        """,
        (*params, max_points),
    )
    if value is None or pd.isna(value):
        return 0.0
    # strictly above the first unit left out, so ties never exceed the cap
    return float(np.nextafter(float(value), np.inf))


def map_points(db: str, f: Filters, min_kw: float, limit: int = MAX_MAP_POINTS) -> pd.DataFrame:
    """Units with coordinates and at least ``min_kw``, largest first (at most ``limit``)."""
    cond, params = _point_filter(f, prefix="p.")
    return query(
        db,
        f"""
        SELECT p.unit_id_mastr, p.unit_name, p.carrier, p.status, p.gross_capacity_kw,
               p.latitude, p.longitude, p.municipality_key, m.municipality_name,
               p.commissioning_date, p.planned_commissioning_date
        FROM out_map_points p
        LEFT JOIN core_bkg__municipalities m USING (municipality_key)
        {cond} AND p.gross_capacity_kw >= ?
        ORDER BY p.gross_capacity_kw DESC, p.unit_id_mastr
        LIMIT ?
        """,
        (*params, min_kw, limit),
    )


def map_aggregates(db: str, f: Filters, min_kw: float) -> pd.DataFrame:
    """Per municipality: the units not drawn as points (no coordinates or below ``min_kw``).

    Columns ``municipality_key, municipality_name, latitude, longitude,
    unit_count, capacity_kw``, placed at the municipality's representative point.
    """
    cond, params = where(f, municipality=False)
    return query(
        db,
        f"""
        WITH total AS (
            SELECT municipality_key, sum(unit_count) AS n, sum(gross_capacity_kw) AS kw
            FROM out_capacity_by_municipality {cond} GROUP BY ALL
        ),
        drawn AS (
            SELECT municipality_key, count(*) AS n, sum(gross_capacity_kw) AS kw
            FROM out_map_points {cond} AND gross_capacity_kw >= ? GROUP BY ALL
        )
        SELECT m.municipality_key, m.municipality_name,
               m.centroid_latitude AS latitude, m.centroid_longitude AS longitude,
               (t.n - coalesce(d.n, 0))::BIGINT AS unit_count,
               coalesce(t.kw, 0) - coalesce(d.kw, 0) AS capacity_kw
        FROM total t
        JOIN core_bkg__municipalities m USING (municipality_key)
        LEFT JOIN drawn d USING (municipality_key)
        WHERE t.n - coalesce(d.n, 0) > 0 AND m.centroid_latitude IS NOT NULL
        ORDER BY capacity_kw DESC
        """,
        (*params, *params, min_kw),
    )


def municipality_capacity(db: str, f: Filters) -> pd.DataFrame:
    """Per municipality and carrier: capacity (kW) and units for the choropleth.

    Uses the status filter; without one, units in operation. Carriers: the
    selection, or the renewable ones without a selection, so the "MW" of a
    municipality equals its installed capacity (renewable); a selection that
    mixes carrier groups (e.g. wind and storage) keeps only its renewable carriers.
    """
    statuses = f.statuses or ("operating",)
    carriers = f.carriers or RENEWABLE_CARRIERS
    if len({CARRIER_GROUP[c] for c in carriers}) > 1:
        carriers = tuple(c for c in carriers if c in RENEWABLE_CARRIERS)
    cond, params = where(Filters(carriers=carriers, statuses=statuses))
    return query(
        db,
        f"""
        SELECT municipality_key, carrier, sum(unit_count)::BIGINT AS unit_count,
               coalesce(sum(gross_capacity_kw), 0) AS capacity_kw
        FROM out_capacity_by_municipality {cond} AND municipality_key IS NOT NULL
        GROUP BY ALL
        """,
        tuple(params),
    )
