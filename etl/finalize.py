"""Steps after all readers ran: resolve duplicates, check plausibility, build marts.

All in SQL inside the build database, so it works out of core at any size.
"""

from __future__ import annotations

import duckdb

from etl import schema
from etl.sink import STAGE_UNITS

#: Bounding box of Germany (with margin), used when no boundaries are loaded.
GERMANY_BBOX = (5.5, 47.0, 15.5, 55.5)  # min lon, min lat, max lon, max lat
#: Margin around the region's bounding box before a coordinate counts as outside.
REGION_MARGIN_DEG = 0.05

#: Largest plausible gross capacity per carrier in kW. Above it the capacity is
#: flagged (typical cause: a value entered in W instead of kW).
MAX_PLAUSIBLE_KW = {
    "wind_onshore": 12_000,
    "wind_offshore": 25_000,
    "pv_building": 10_000,
    "pv_other": 20_000,
    "pv_ground": 500_000,
    "biomass": 100_000,
    "hydro": 200_000,
    "storage": 1_000_000,
    "other": 1_000_000,
}
#: Units without public coordinates are small (< 30 kW by MaStR publication
#: rules). Such a unit registered with more than this is flagged.
MAX_KW_WITHOUT_COORDINATES = 1_000

_UNIT_COLS = ", ".join(f'"{c}"' for c in schema.UNITS.column_names)
_COMPARE_COLS = [
    c for c in schema.UNITS.column_names if c not in ("source_file", "is_capacity_suspect")
]


def resolve_duplicates(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Move staged units into the unit table, one row per id.

    Exact repeats (the bulk export repeats the last record of one part as the
    first of the next) are merged silently. Records with the same id but
    different content keep the most recently updated one; the others are
    reported as rejected duplicates.
    """
    cmp = ", ".join(f'"{c}"' for c in _COMPARE_COLS)
    # Only ids staged more than once need the (costly) comparison of whole rows:
    # all others move over directly, so this stays cheap for millions of units.
    con.execute(
        f"""
        CREATE TEMP TABLE _dup_ids AS
        SELECT unit_id_mastr FROM {STAGE_UNITS} GROUP BY unit_id_mastr HAVING count(*) > 1
        """
    )
    con.execute(
        f"""
        INSERT INTO {schema.UNITS.name}
        SELECT {_UNIT_COLS} FROM {STAGE_UNITS}
        WHERE unit_id_mastr NOT IN (SELECT unit_id_mastr FROM _dup_ids)
        """
    )
    con.execute(
        f"""
        CREATE TEMP TABLE _distinct AS
        SELECT * FROM (
            SELECT *, row_number() OVER (PARTITION BY {cmp} ORDER BY seq) AS _copy
            FROM {STAGE_UNITS}
            WHERE unit_id_mastr IN (SELECT unit_id_mastr FROM _dup_ids)
        ) WHERE _copy = 1
        """
    )
    con.execute(
        """
        CREATE TEMP TABLE _ranked AS
        SELECT *, row_number() OVER (
            PARTITION BY unit_id_mastr
            ORDER BY last_update DESC NULLS LAST, seq DESC
        ) AS _rank
        FROM _distinct
        """
    )
    con.execute(
        f"""
        INSERT INTO {schema.REJECTED_ROWS.name}
        SELECT source, source_file, row_ref, unit_id_mastr, 'unit_id_mastr',
               'duplicate id with different content: the most recently updated record was kept',
               unit_id_mastr, 'row_rejected'
        FROM _ranked WHERE _rank > 1
        """
    )
    con.execute(f"INSERT INTO {schema.UNITS.name} SELECT {_UNIT_COLS} FROM _ranked WHERE _rank = 1")
    staged = con.execute(f"SELECT count(*) FROM {STAGE_UNITS}").fetchone()[0]
    repeated = con.execute(
        f"SELECT count(*) FROM {STAGE_UNITS} WHERE unit_id_mastr IN (SELECT * FROM _dup_ids)"
    ).fetchone()[0]
    distinct = staged - repeated + con.execute("SELECT count(*) FROM _distinct").fetchone()[0]
    conflicting = con.execute("SELECT count(*) FROM _ranked WHERE _rank > 1").fetchone()[0]
    for t in ("_dup_ids", "_distinct", "_ranked"):
        con.execute(f"DROP TABLE {t}")
    con.execute(f"DROP TABLE {STAGE_UNITS}")
    return {
        "staged": staged,
        "exact_repeats": staged - distinct,
        "conflicting_duplicates": conflicting,
    }


def region_bbox(con: duckdb.DuckDBPyConnection) -> tuple[float, float, float, float]:
    """Bounding box of the loaded municipalities plus margin, else Germany's."""
    row = con.execute(
        f"""
        SELECT min(min_longitude), min(min_latitude), max(max_longitude), max(max_latitude)
        FROM {schema.MUNICIPALITIES.name}
        """
    ).fetchone()
    if not row or row[0] is None:
        return GERMANY_BBOX
    m = REGION_MARGIN_DEG
    return (row[0] - m, row[1] - m, row[2] + m, row[3] + m)


def check_coordinates(con: duckdb.DuckDBPyConnection) -> int:
    """Clear coordinates that lie outside the region (and report each)."""
    lon0, lat0, lon1, lat1 = region_bbox(con)
    outside = f"""
        latitude IS NOT NULL AND longitude IS NOT NULL AND NOT (
            longitude BETWEEN {lon0} AND {lon1} AND latitude BETWEEN {lat0} AND {lat1})
    """
    con.execute(
        f"""
        INSERT INTO {schema.REJECTED_ROWS.name}
        SELECT source, source_file, NULL, unit_id_mastr, 'latitude/longitude',
               'coordinates outside the region: coordinates cleared, unit kept '
               || '(counted in its municipality)',
               printf('%.6f, %.6f', latitude, longitude), 'field_cleared'
        FROM {schema.UNITS.name} WHERE {outside}
        """
    )
    n = con.execute(
        f"UPDATE {schema.UNITS.name} SET latitude = NULL, longitude = NULL WHERE {outside}"
    ).fetchone()[0]
    return int(n)


def flag_capacities(con: duckdb.DuckDBPyConnection) -> int:
    """Flag implausible capacities (kept, marked, reported: never dropped)."""
    cases = " ".join(f"WHEN '{k}' THEN {v}" for k, v in MAX_PLAUSIBLE_KW.items())
    suspect = f"""
        gross_capacity_kw > (CASE carrier {cases} END)
        OR (latitude IS NULL AND longitude IS NULL AND carrier NOT IN ('wind_offshore')
            AND gross_capacity_kw > {MAX_KW_WITHOUT_COORDINATES}
            AND source = 'mastr_bulk')
        OR net_capacity_kw > 1.5 * gross_capacity_kw + 1
    """
    con.execute(
        f"""
        INSERT INTO {schema.REJECTED_ROWS.name}
        SELECT source, source_file, NULL, unit_id_mastr, 'gross_capacity_kw',
               'capacity implausible for a ' || carrier || ' unit'
               || CASE WHEN latitude IS NULL THEN ' without public coordinates' ELSE '' END
               || ' (entered in W instead of kW?): kept and flagged',
               CAST(gross_capacity_kw AS VARCHAR), 'flagged'
        FROM {schema.UNITS.name} WHERE {suspect}
        """
    )
    n = con.execute(
        f"UPDATE {schema.UNITS.name} SET is_capacity_suspect = TRUE WHERE {suspect}"
    ).fetchone()[0]
    return int(n)


def check_municipality_keys(con: duckdb.DuckDBPyConnection) -> int:
    """Flag units whose municipality key is not among the loaded municipalities."""
    n_muni = con.execute(f"SELECT count(*) FROM {schema.MUNICIPALITIES.name}").fetchone()[0]
    if not n_muni:
        return 0
    query = f"""
        FROM {schema.UNITS.name} u
        WHERE u.municipality_key IS NOT NULL AND u.municipality_key NOT IN
            (SELECT municipality_key FROM {schema.MUNICIPALITIES.name})
    """
    con.execute(
        f"""
        INSERT INTO {schema.REJECTED_ROWS.name}
        SELECT u.source, u.source_file, NULL, u.unit_id_mastr, 'municipality_key',
               'municipality key not in the boundary data (renamed or merged municipality?)',
               u.municipality_key, 'flagged'
        {query}
        """
    )
    return int(con.execute(f"SELECT count(*) {query}").fetchone()[0])


def validate_build(con: duckdb.DuckDBPyConnection) -> None:
    """Last checks before publishing; raises ``RuntimeError`` when the build is unusable."""
    dup = con.execute(
        f"SELECT count(*) - count(DISTINCT unit_id_mastr) FROM {schema.UNITS.name}"
    ).fetchone()[0]
    if dup:
        raise RuntimeError(f"{dup} duplicate unit ids survived the build")
    for t in schema.TABLES:
        con.execute(f"SELECT count(*) FROM {t.name}").fetchone()
