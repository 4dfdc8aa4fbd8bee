"""Steps after all readers ran: resolve duplicates, check plausibility, build marts.

All in SQL inside the build database, so it works out of core at any size.
"""

from __future__ import annotations

import duckdb

from etl import schema
from etl.sink import STAGE_UNITS

#: Bounding box of Germany (with margin): the map's extent when nothing else is known.
GERMANY_BBOX = (5.5, 47.0, 15.5, 55.5)  # min lon, min lat, max lon, max lat

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

#: Units whose coordinates a reader or check cleared: they had coordinates, so
#: "no public coordinates" says nothing about their size.
_COORDINATES_CLEARED = f"""
    SELECT record_id FROM {schema.REJECTED_ROWS.name}
    WHERE action = 'field_cleared' AND record_id IS NOT NULL
      AND field IN ('latitude', 'longitude', 'latitude/longitude')
"""
_UNIT_COLS = ", ".join(f'"{c}"' for c in schema.UNITS.column_names)
_COMPARE_COLS = [
    c for c in schema.UNITS.column_names if c not in ("source_file", "is_capacity_suspect")
]


def resolve_duplicates(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Move staged units into the unit table, one row per id.

    Exact repeats (the bulk export repeats the last record of one part as the
    first of the next) are merged silently. Records with the same id but
    different content keep the most recently updated one; the others are
    reported as rejected duplicates. The stage itself is left to the sink
    (:meth:`etl.sink.BuildSink.discard_staged`).
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
    _report_conflicts(con)
    con.execute(f"INSERT INTO {schema.UNITS.name} SELECT {_UNIT_COLS} FROM _ranked WHERE _rank = 1")
    # Where each kept unit was read (file and record), for the findings of later checks.
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _unit_refs AS
        -- one row per id already: ids staged once, plus the kept version of the others
        SELECT unit_id_mastr, row_ref FROM {STAGE_UNITS}
        WHERE unit_id_mastr NOT IN (SELECT unit_id_mastr FROM _dup_ids)
        UNION ALL SELECT unit_id_mastr, row_ref FROM _ranked WHERE _rank = 1
        """
    )
    staged = con.execute(f"SELECT count(*) FROM {STAGE_UNITS}").fetchone()[0]
    repeated = con.execute(
        f"SELECT count(*) FROM {STAGE_UNITS} WHERE unit_id_mastr IN (SELECT * FROM _dup_ids)"
    ).fetchone()[0]
    distinct = staged - repeated + con.execute("SELECT count(*) FROM _distinct").fetchone()[0]
    conflicting = con.execute("SELECT count(*) FROM _ranked WHERE _rank > 1").fetchone()[0]
    for t in ("_dup_ids", "_distinct", "_ranked"):
        con.execute(f"DROP TABLE {t}")
    return {
        "staged": staged,
        "exact_repeats": staged - distinct,
        "conflicting_duplicates": conflicting,
    }


def _report_conflicts(con: duckdb.DuckDBPyConnection) -> None:
    """One finding per losing version: both places (file + record) and the fields that differ."""
    differ = ", ".join(
        f'CASE WHEN l."{c}" IS DISTINCT FROM k."{c}" THEN \'{c}\' END' for c in _COMPARE_COLS
    )
    values = ", ".join(
        f'CASE WHEN l."{c}" IS DISTINCT FROM k."{c}" THEN \'{c}=\' || '
        f"coalesce(CAST(l.\"{c}\" AS VARCHAR), '') || ' (kept: ' || "
        f"coalesce(CAST(k.\"{c}\" AS VARCHAR), '') || ')' END"
        for c in _COMPARE_COLS
    )
    con.execute(
        f"""
        INSERT INTO {schema.REJECTED_ROWS.name} BY NAME
        SELECT l.source, l.source_file, l.row_ref, l.unit_id_mastr,
               l.unit_id_mastr AS record_id, 'unit_id_mastr' AS field,
               'duplicate id with different content: the most recently updated record was '
               || 'kept (' || k.source_file || ', ' || coalesce(k.row_ref, '?') || '); '
               || 'fields that differ: ' || concat_ws(', ', {differ}) AS reason,
               left(concat_ws('; ', {values}), 500) AS raw_value, 'row_rejected' AS action
        FROM _ranked l JOIN _ranked k ON k.unit_id_mastr = l.unit_id_mastr AND k._rank = 1
        WHERE l._rank > 1
        """
    )


def flag_capacities(con: duckdb.DuckDBPyConnection) -> int:
    """Flag implausible capacities (kept, marked, reported: never dropped)."""
    cases = " ".join(f"WHEN '{k}' THEN {v}" for k, v in MAX_PLAUSIBLE_KW.items())
    suspect = f"""
        gross_capacity_kw > (CASE carrier {cases} END)
        OR (latitude IS NULL AND longitude IS NULL AND carrier NOT IN ('wind_offshore')
            AND gross_capacity_kw > {MAX_KW_WITHOUT_COORDINATES}
            AND source = 'mastr_bulk' AND unit_id_mastr NOT IN ({_COORDINATES_CLEARED}))
        OR net_capacity_kw > 1.5 * gross_capacity_kw + 1
    """
    con.execute(
        f"""
        INSERT INTO {schema.REJECTED_ROWS.name} BY NAME
        SELECT source, source_file, r.row_ref, unit_id_mastr, unit_id_mastr AS record_id,
               'gross_capacity_kw' AS field,
               'capacity implausible for a ' || carrier || ' unit'
               || CASE WHEN latitude IS NULL THEN ' without public coordinates' ELSE '' END
               || ' (entered in W instead of kW?): kept and flagged' AS reason,
               CAST(gross_capacity_kw AS VARCHAR) AS raw_value, 'flagged' AS action
        FROM {schema.UNITS.name} LEFT JOIN _unit_refs r USING (unit_id_mastr)
        WHERE {suspect}
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
        FROM {schema.UNITS.name} u LEFT JOIN _unit_refs r USING (unit_id_mastr)
        WHERE u.municipality_key IS NOT NULL AND u.municipality_key NOT IN
            (SELECT municipality_key FROM {schema.MUNICIPALITIES.name})
    """
    con.execute(
        f"""
        INSERT INTO {schema.REJECTED_ROWS.name} BY NAME
        SELECT u.source, u.source_file, r.row_ref, u.unit_id_mastr,
               u.unit_id_mastr AS record_id, 'municipality_key' AS field,
               'municipality key not in the boundary data (renamed or merged municipality?)'
               AS reason, u.municipality_key AS raw_value, 'flagged' AS action
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
