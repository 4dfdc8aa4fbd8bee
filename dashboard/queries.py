"""Every SQL query of the dashboard, in one module.

Functions take the served database's path (``db``, from :func:`dashboard.db.served_db`)
and a :class:`~dashboard.state.Filters`, and return DataFrames or small
dataclasses. They read the marts (``out_*``) wherever possible; results are
cached by :func:`dashboard.db.query` keyed on the database file name. The
briefing and any other consumer must call these functions rather than
re-implementing a number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.db import has_table, query, scalar
from dashboard.state import Filters
from etl import schema
from etl.finalize import GERMANY_BBOX

#: Capacity thresholds (kW) offered for drawing units as single map points.
POINT_THRESHOLDS_KW: tuple[float, ...] = (0, 30, 100, 500, 1_000, 5_000, 20_000, 100_000)
#: At most this many single points are sent to the browser (the rest is aggregated).
MAX_MAP_POINTS = 4_000
#: Rows shown in unit lists on pages (downloads have all rows).
UNIT_LIST_LIMIT = 500


# --------------------------------------------------------------------------- #
# Filters → SQL
# --------------------------------------------------------------------------- #
def _in(column: str, values: Sequence[str]) -> tuple[str, list[object]]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def where(
    f: Filters,
    *,
    carrier: bool = True,
    status: bool = True,
    municipality: bool = True,
    prefix: str = "",
) -> tuple[str, list[object]]:
    """``WHERE`` clause (or ``WHERE TRUE``) and parameters for the chosen filters."""
    parts: list[str] = []
    params: list[object] = []
    if carrier and f.carriers:
        sql, p = _in(f"{prefix}carrier", f.carriers)
        parts.append(sql)
        params += p
    if status and f.statuses:
        sql, p = _in(f"{prefix}status", f.statuses)
        parts.append(sql)
        params += p
    if municipality and f.municipality:
        parts.append(f"{prefix}municipality_key = ?")
        params.append(f.municipality)
    return "WHERE " + (" AND ".join(parts) if parts else "TRUE"), params


def _period_sql(f: Filters, prefix: str = "") -> tuple[str, list[object]]:
    """Condition on the (planned) commissioning year for unit lists."""
    if f.year_from is None or f.year_to is None:
        return "TRUE", []
    return (
        f"year(coalesce({prefix}commissioning_date, {prefix}planned_commissioning_date)) "
        "BETWEEN ? AND ?",
        [f.year_from, f.year_to],
    )


# --------------------------------------------------------------------------- #
# Build facts and municipalities
# --------------------------------------------------------------------------- #
def build_info(db: str) -> dict[str, str | None]:
    """Key/value facts of the build (``meta_build``)."""
    df = query(db, "SELECT key, value FROM meta_build")
    return dict(zip(df["key"], df["value"], strict=True))


def is_demo(db: str) -> bool:
    """Whether the database holds demo data."""
    return str(build_info(db).get("is_demo")).lower() == "true"


def data_date(db: str) -> date | None:
    """Date of the source extract (``meta_build.data_date``)."""
    value = build_info(db).get("data_date")
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def reference_year(db: str) -> int:
    """ "This year" for additions: the data date's year (today's without one)."""
    d = data_date(db)
    return (d or date.today()).year


def geometry_is_synthetic(db: str) -> bool:
    """Whether any loaded boundary is a demo shape."""
    return bool(
        scalar(
            db,
            "SELECT coalesce(bool_or(is_synthetic_geometry), FALSE) FROM core_bkg__municipalities",
        )
    )


def municipalities(db: str) -> pd.DataFrame:
    """Municipalities of the region (no geometry), sorted by name."""
    return query(
        db,
        """
        SELECT municipality_key, municipality_name, municipality_type, area_km2, population,
               centroid_latitude, centroid_longitude
        FROM core_bkg__municipalities
        ORDER BY municipality_name, municipality_key
        """,
    )


def municipality_names(db: str) -> dict[str, str]:
    """AGS → name, in name order (for selectors)."""
    df = municipalities(db)
    return dict(zip(df["municipality_key"], df["municipality_name"], strict=True))


def region_bounds(db: str, municipality: str | None = None) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the region or one municipality, in degrees."""
    cond, params = ("WHERE municipality_key = ?", [municipality]) if municipality else ("", [])
    df = query(
        db,
        f"""
        SELECT min(min_longitude), min(min_latitude), max(max_longitude), max(max_latitude)
        FROM core_bkg__municipalities {cond}
        """,
        tuple(params),
    )
    row = df.iloc[0].tolist() if not df.empty else [None] * 4
    if row[0] is None or pd.isna(row[0]):
        df = query(
            db,
            "SELECT min(longitude), min(latitude), max(longitude), max(latitude) "
            "FROM out_map_points",
        )
        row = df.iloc[0].tolist()
        if row[0] is None or pd.isna(row[0]):
            return GERMANY_BBOX
    return tuple(float(v) for v in row)  # type: ignore[return-value]


@st.cache_resource(max_entries=4, show_spinner=False)
def municipality_geojson(db: str) -> dict:
    """FeatureCollection of the display boundaries, feature ``id`` = AGS (do not mutate)."""
    df = query(
        db,
        "SELECT municipality_key, municipality_name, geometry_geojson "
        "FROM core_bkg__municipalities WHERE geometry_geojson IS NOT NULL",
    )
    features = [
        {
            "type": "Feature",
            "id": key,
            "properties": {"name": name},
            "geometry": json.loads(geom),
        }
        for key, name, geom in df.itertuples(index=False)
    ]
    return {"type": "FeatureCollection", "features": features}


def year_range(db: str) -> tuple[int, int] | None:
    """First commissioning year and last (planned) year of the time series."""
    df = query(
        db,
        "SELECT min(year(month)), max(year(month)) FROM out_capacity_events "
        "WHERE month IS NOT NULL",
    )
    lo, hi = df.iloc[0].tolist()
    if lo is None or pd.isna(lo):
        return None
    ref = reference_year(db)
    return int(lo), int(max(min(hi, ref + 10), ref))


# --------------------------------------------------------------------------- #
# Capacity
# --------------------------------------------------------------------------- #
def capacity(db: str, f: Filters) -> pd.DataFrame:
    """Units and gross capacity by carrier and status.

    Columns ``carrier, status, unit_count, capacity_kw``.
    """
    cond, params = where(f)
    return query(
        db,
        f"""
        SELECT carrier, status, sum(unit_count)::BIGINT AS unit_count,
               coalesce(sum(gross_capacity_kw), 0) AS capacity_kw
        FROM out_capacity_by_municipality {cond}
        GROUP BY ALL ORDER BY carrier, status
        """,
        tuple(params),
    )


def capacity_by_carrier(db: str, f: Filters) -> pd.DataFrame:
    """One row per carrier (fixed order): operating and planned units and kW."""
    cap = capacity(db, f.without("status"))
    rows = []
    for c in f.carriers or schema.CARRIERS:
        sub = cap[cap["carrier"] == c]
        op = sub[sub["status"] == "operating"]
        pl = sub[sub["status"] == "planned"]
        rows.append(
            {
                "carrier": c,
                "operating_units": int(op["unit_count"].sum()),
                "operating_kw": float(op["capacity_kw"].sum()),
                "planned_units": int(pl["unit_count"].sum()),
                "planned_kw": float(pl["capacity_kw"].sum()),
            }
        )
    return pd.DataFrame(rows)


def population(db: str, municipality: str | None = None) -> float | None:
    """Inhabitants of the region or one municipality (``None`` when not loaded)."""
    cond, params = ("WHERE municipality_key = ?", [municipality]) if municipality else ("", [])
    value = scalar(
        db,
        f"SELECT sum(population) FILTER (WHERE population IS NOT NULL) "
        f"FROM core_bkg__municipalities {cond}",
        tuple(params),
    )
    return None if value is None or pd.isna(value) or value <= 0 else float(value)


def additions(db: str, f: Filters, years: Sequence[int]) -> pd.DataFrame:
    """Units and kW commissioned per year (``year, unit_count, capacity_kw``) for ``years``."""
    cond, params = where(f, status=False)
    marks = ", ".join("?" for _ in years)
    df = query(
        db,
        f"""
        SELECT year(month) AS year, sum(unit_count)::BIGINT AS unit_count,
               sum(capacity_kw) AS capacity_kw
        FROM out_capacity_events {cond} AND event = 'commissioned' AND year(month) IN ({marks})
        GROUP BY ALL
        """,
        (*params, *years),
    )
    out = pd.DataFrame({"year": list(years)})
    out = out.merge(df, on="year", how="left").fillna({"unit_count": 0, "capacity_kw": 0.0})
    out["unit_count"] = out["unit_count"].astype("int64")
    return out


@dataclass(frozen=True)
class Overview:
    """The overview's headline figures (kW, counts); generation is estimated on top."""

    by_carrier: pd.DataFrame
    installed_kw: float
    operating_units: int
    wind_operating_kw: float
    wind_operating_units: int
    wind_planned_kw: float
    wind_planned_units: int
    year: int
    additions_this_year_kw: float
    additions_this_year_units: int
    additions_last_year_kw: float
    additions_last_year_units: int
    population: float | None


def overview(db: str, f: Filters) -> Overview:
    """Headline figures for the carrier and municipality selection."""
    by = capacity_by_carrier(db, f)
    wind = by[by["carrier"] == "wind_onshore"]
    year = reference_year(db)
    add = additions(db, f, [year, year - 1]).set_index("year")
    return Overview(
        by_carrier=by,
        installed_kw=float(by["operating_kw"].sum()),
        operating_units=int(by["operating_units"].sum()),
        wind_operating_kw=float(wind["operating_kw"].sum()),
        wind_operating_units=int(wind["operating_units"].sum()),
        wind_planned_kw=float(wind["planned_kw"].sum()),
        wind_planned_units=int(wind["planned_units"].sum()),
        year=year,
        additions_this_year_kw=float(add.loc[year, "capacity_kw"]),
        additions_this_year_units=int(add.loc[year, "unit_count"]),
        additions_last_year_kw=float(add.loc[year - 1, "capacity_kw"]),
        additions_last_year_units=int(add.loc[year - 1, "unit_count"]),
        population=population(db, f.municipality),
    )


# --------------------------------------------------------------------------- #
# Time series
# --------------------------------------------------------------------------- #
def timeseries(db: str, f: Filters, freq: str = "year") -> pd.DataFrame:
    """Capacity over time per carrier, dense (every period × carrier).

    Columns: ``period`` (first day), ``carrier``, ``added_kw``, ``removed_kw``,
    ``planned_kw``, ``cumulative_kw`` (installed at the end of the period, history
    only), ``projected_kw`` (installed plus planned, from the data date's period
    on) and ``is_projection``. Planned units without a date or with a past date
    count in the period after the data date. The period filter limits the rows,
    not the cumulation.
    """
    if freq not in ("year", "month"):
        raise ValueError("freq must be 'year' or 'month'")
    cond, params = where(f, status=False)
    ref = data_date(db) or date.today()
    step = "1 year" if freq == "year" else "1 month"
    carriers = list(f.carriers or schema.CARRIERS)
    marks = ", ".join("?" for _ in carriers)
    df = query(
        db,
        f"""
        WITH ref AS (SELECT CAST(date_trunc('{freq}', ?::DATE) AS DATE) AS p0),
        ev AS (
            SELECT carrier,
                   CASE WHEN event = 'planned'
                        THEN CAST(date_trunc('{freq}', greatest(
                             coalesce(month, ?::DATE + INTERVAL 1 MONTH),
                             ?::DATE + INTERVAL 1 MONTH)) AS DATE)
                        ELSE CAST(date_trunc('{freq}', month) AS DATE) END AS period,
                   event, capacity_kw
            FROM out_capacity_events {cond}
        ),
        agg AS (
            SELECT carrier, period,
                   sum(capacity_kw) FILTER (WHERE event = 'commissioned') AS added_kw,
                   sum(capacity_kw) FILTER (WHERE event = 'decommissioned') AS removed_kw,
                   sum(capacity_kw) FILTER (WHERE event = 'planned') AS planned_kw
            FROM ev GROUP BY ALL
        ),
        bounds AS (
            SELECT least(min(period), (SELECT p0 FROM ref)) AS lo,
                   greatest(max(period), (SELECT p0 FROM ref)) AS hi FROM agg
        ),
        grid AS (
            SELECT CAST(g.p AS DATE) AS period, c.carrier
            FROM bounds, generate_series(bounds.lo, bounds.hi, INTERVAL {step}) g(p),
                 (SELECT unnest([{marks}]) AS carrier) c
        ),
        dense AS (
            SELECT g.period, g.carrier,
                   coalesce(a.added_kw, 0) AS added_kw,
                   coalesce(a.removed_kw, 0) AS removed_kw,
                   coalesce(a.planned_kw, 0) AS planned_kw
            FROM grid g LEFT JOIN agg a USING (period, carrier)
        ),
        cum AS (
            SELECT *,
                   sum(added_kw - removed_kw) OVER w AS installed_kw,
                   sum(added_kw - removed_kw + planned_kw) OVER w AS with_planned_kw
            FROM dense
            WINDOW w AS (PARTITION BY carrier ORDER BY period
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        SELECT period, carrier, added_kw, removed_kw, planned_kw,
               CASE WHEN period <= (SELECT p0 FROM ref) THEN installed_kw END AS cumulative_kw,
               CASE WHEN period >= (SELECT p0 FROM ref) THEN with_planned_kw END AS projected_kw,
               period > (SELECT p0 FROM ref) AS is_projection
        FROM cum
        WHERE (? IS NULL OR year(period) >= ?) AND (? IS NULL OR year(period) <= ?)
        ORDER BY period, carrier
        """,
        (ref, ref, ref, *params, *carriers, f.year_from, f.year_from, f.year_to, f.year_to),
    )
    return df


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

    Uses the status filter; without one, units in operation.
    """
    statuses = f.statuses or ("operating",)
    cond, params = where(Filters(carriers=f.carriers, statuses=statuses))
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


# --------------------------------------------------------------------------- #
# Municipality profile
# --------------------------------------------------------------------------- #
def ranking(db: str) -> pd.DataFrame:
    """Every municipality with capacity in operation, per km² and per inhabitant, and ranks.

    Columns ``municipality_key, municipality_name, capacity_kw, kw_per_km2,
    kw_per_inhabitant, rank_km2, rank_inhabitant`` (1 = highest).
    """
    return query(
        db,
        """
        WITH cap AS (
            SELECT municipality_key, sum(gross_capacity_kw) AS kw
            FROM out_capacity_by_municipality
            WHERE status = 'operating' AND carrier <> 'storage' GROUP BY ALL
        ),
        m AS (
            SELECT m.municipality_key, m.municipality_name, coalesce(c.kw, 0) AS capacity_kw,
                   coalesce(c.kw, 0) / nullif(m.area_km2, 0) AS kw_per_km2,
                   coalesce(c.kw, 0) / nullif(m.population, 0) AS kw_per_inhabitant
            FROM core_bkg__municipalities m LEFT JOIN cap c USING (municipality_key)
        )
        SELECT *,
               CASE WHEN kw_per_km2 IS NOT NULL
                    THEN rank() OVER (ORDER BY kw_per_km2 DESC NULLS LAST) END AS rank_km2,
               CASE WHEN kw_per_inhabitant IS NOT NULL
                    THEN rank() OVER (ORDER BY kw_per_inhabitant DESC NULLS LAST) END
                    AS rank_inhabitant
        FROM m ORDER BY municipality_name
        """,
    )


def eeg(db: str, municipality: str) -> pd.DataFrame:
    """EEG §6 basis of one municipality per status (operating, planned)."""
    if not has_table(db, "out_eeg_by_municipality"):
        return pd.DataFrame(
            columns=["status", "wind_units", "wind_share_kw", "pv_ground_units", "pv_ground_kw"]
        )
    df = query(
        db,
        """
        SELECT status, wind_units, wind_share_kw, pv_ground_units, pv_ground_kw
        FROM out_eeg_by_municipality WHERE municipality_key = ?
        """,
        (municipality,),
    )
    base = pd.DataFrame({"status": ["operating", "planned"]})
    out = base.merge(df, on="status", how="left").fillna(0)
    for c in ("wind_units", "pv_ground_units"):
        out[c] = out[c].astype("int64")
    return out


def eeg_turbines(db: str, municipality: str, limit: int | None = None) -> pd.DataFrame:
    """Wind turbines with an area share in ``municipality``, largest share first.

    At most ``limit`` rows (all when ``None``).
    """
    lim = "" if limit is None else f"LIMIT {int(limit)}"
    return query(
        db,
        f"""
        SELECT s.unit_id_mastr, s.status, s.gross_capacity_kw,
               coalesce(m.municipality_name, s.standing_municipality_key) AS standing_in,
               s.share
        FROM out_eeg_wind_shares s
        LEFT JOIN core_bkg__municipalities m ON m.municipality_key = s.standing_municipality_key
        WHERE s.municipality_key = ?
        ORDER BY s.share DESC, s.unit_id_mastr {lim}
        """,
        (municipality,),
    )


# --------------------------------------------------------------------------- #
# Units (lists and exports)
# --------------------------------------------------------------------------- #
def units_count(db: str, f: Filters) -> int:
    """Number of units matching all filters (incl. period)."""
    cond, params = where(f)
    per, pparams = _period_sql(f)
    return int(
        scalar(
            db,
            f"SELECT count(*) FROM core_mastr__units {cond} AND {per}",
            (*params, *pparams),
        )
        or 0
    )


LIST_COLUMNS: tuple[str, ...] = (
    "unit_id_mastr",
    "unit_name",
    "carrier",
    "status",
    "gross_capacity_kw",
    "commissioning_date",
    "planned_commissioning_date",
    "municipality_name",
    "municipality_key",
)


def units(
    db: str, f: Filters, limit: int | None = UNIT_LIST_LIMIT, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Units matching all filters, largest first; ``limit=None`` for all (exports)."""
    cols = columns or LIST_COLUMNS
    unknown = set(cols) - set(schema.UNITS.column_names)
    if unknown:
        raise ValueError(f"unknown unit columns: {sorted(unknown)}")
    cond, params = where(f)
    per, pparams = _period_sql(f)
    lim = "" if limit is None else f"LIMIT {int(limit)}"
    col_sql = ", ".join(f'"{c}"' for c in cols)
    return query(
        db,
        f"""
        SELECT {col_sql} FROM core_mastr__units {cond} AND {per}
        ORDER BY gross_capacity_kw DESC NULLS LAST, unit_id_mastr {lim}
        """,
        (*params, *pparams),
    )


# --------------------------------------------------------------------------- #
# Data quality
# --------------------------------------------------------------------------- #
def load_runs(db: str) -> pd.DataFrame:
    """The source files read by the build."""
    return query(
        db,
        "SELECT source, source_file, extract_date, rows_read, rows_loaded, rows_rejected, "
        "file_size_bytes, duration_s FROM meta_load_runs ORDER BY started_at, source_file",
    )


def problem_summary(db: str) -> pd.DataFrame:
    """Findings grouped by action, field and reason (``count``), most frequent first."""
    return query(
        db,
        """
        SELECT action, field, reason, count(*) AS count
        FROM meta_rejected_rows GROUP BY ALL ORDER BY count DESC, action, field, reason
        """,
    )


def problem_examples(db: str, limit: int = 200) -> pd.DataFrame:
    """The first ``limit`` findings as recorded."""
    return query(
        db,
        f"SELECT source_file, row_ref, record_id, field, reason, raw_value, action "
        f"FROM meta_rejected_rows LIMIT {int(limit)}",
    )


def schema_drift(db: str) -> pd.DataFrame:
    """Fields that differed from what the readers expect."""
    return query(db, "SELECT source, source_file, field, change, note FROM meta_schema_drift")


@dataclass(frozen=True)
class Quality:
    """Counts for the data-quality page."""

    units: int
    municipalities: int
    without_coordinates: int
    suspect_capacity: int
    rejected_rows: int
    cleared_fields: int
    flagged: int
    drift: int


def quality(db: str) -> Quality:
    """Headline counts of what is loaded and what was found."""
    row = query(
        db,
        """
        SELECT (SELECT count(*) FROM core_mastr__units),
               (SELECT count(*) FROM core_bkg__municipalities),
               (SELECT count(*) FROM core_mastr__units WHERE latitude IS NULL),
               (SELECT count(*) FROM core_mastr__units WHERE is_capacity_suspect),
               (SELECT count(*) FROM meta_rejected_rows WHERE action = 'row_rejected'),
               (SELECT count(*) FROM meta_rejected_rows WHERE action = 'field_cleared'),
               (SELECT count(*) FROM meta_rejected_rows WHERE action = 'flagged'),
               (SELECT count(*) FROM meta_schema_drift)
        """,
    ).iloc[0]
    return Quality(*(int(v) for v in row.tolist()))


def suspect_units(db: str, limit: int = 200) -> pd.DataFrame:
    """Units whose capacity was flagged as implausible (largest first)."""
    return query(
        db,
        f"""
        SELECT unit_id_mastr, unit_name, carrier, status, gross_capacity_kw, municipality_name
        FROM core_mastr__units WHERE is_capacity_suspect
        ORDER BY gross_capacity_kw DESC LIMIT {int(limit)}
        """,
    )
