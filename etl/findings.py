"""Completing the findings of a build: every ``meta_rejected_rows`` row gets all its columns.

Readers and checks report what they know where they find a problem (file,
row or element, record, field, raw value, English reason). One pass at the
end of the build fills the remaining columns structurally, in SQL:

- ``member``: the zip member, split off a ``file.zip/member`` name;
- ``unit_id_mastr``: the record id when it is a MaStR unit number;
- ``source_field`` / ``field``: the field as the source names it and the
  schema column, from the field names each reader registered with the sink
  (:attr:`etl.sink.BuildSink.field_names`);
- ``reason_de``: the German reason, from the catalogue in :mod:`etl.schema.reasons`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import pandas as pd

from etl import schema
from etl.schema.reasons import german

_T = schema.REJECTED_ROWS.name


def complete(
    con: duckdb.DuckDBPyConnection, field_names: Mapping[str, Sequence[tuple[str, str]]]
) -> int:
    """Fill member, unit number, source field, schema column and German reason; return rows."""
    _split_members(con)
    pattern = schema.UNITS.column("unit_id_mastr").pattern
    con.execute(
        f"UPDATE {_T} SET unit_id_mastr = record_id "
        "WHERE unit_id_mastr IS NULL AND regexp_full_match(record_id, ?)",
        [pattern],
    )
    _fill_fields(con, field_names)
    _fill_german(con)
    return int(con.execute(f"SELECT count(*) FROM {_T}").fetchone()[0])


def _split_members(con: duckdb.DuckDBPyConnection) -> None:
    """``Gesamtdatenexport.zip/EinheitenWind.xml`` -> file and member."""
    con.execute(
        f"""
        UPDATE {_T}
        SET member = substr(source_file, strpos(lower(source_file), '.zip/') + 5),
            source_file = substr(source_file, 1, strpos(lower(source_file), '.zip/') + 3)
        WHERE member IS NULL AND strpos(lower(source_file), '.zip/') > 0
        """
    )


def _fill_fields(
    con: duckdb.DuckDBPyConnection, field_names: Mapping[str, Sequence[tuple[str, str]]]
) -> None:
    """Source field from the schema column, or the schema column from a source field."""
    rows = [
        (source, i, column, name)
        for source, pairs in field_names.items()
        for i, (column, name) in enumerate(pairs)
    ]
    names = pd.DataFrame(rows, columns=["source", "i", "col", "name"]).astype(
        {"source": "string", "col": "string", "name": "string"}
    )
    con.register("_field_names", names)
    try:
        con.execute(
            f"""
            UPDATE {_T} AS r SET source_field = n.name
            FROM (SELECT DISTINCT ON (source, col) * FROM _field_names ORDER BY source, col, i) n
            WHERE r.source_field IS NULL AND r.source = n.source AND r.field = n.col
            """
        )
        con.execute(
            f"""
            UPDATE {_T} AS r SET source_field = n.name, field = n.col
            FROM (SELECT DISTINCT ON (source, name) * FROM _field_names ORDER BY source, name, i) n
            WHERE r.source_field IS NULL AND r.source = n.source AND r.field = n.name
            """
        )
    finally:
        con.unregister("_field_names")
    # What is left names a field of the source that has no schema column of its
    # own (a header of an office list, a column of the boundary layer).
    known = sorted({c for t in schema.TABLES for c in t.column_names})
    con.execute(
        f"""
        UPDATE {_T} SET source_field = field, field = NULL
        WHERE source_field IS NULL AND field IS NOT NULL AND NOT list_contains(?, field)
        """,
        [known],
    )


def _fill_german(con: duckdb.DuckDBPyConnection) -> None:
    """German reason for every distinct English reason not yet translated."""
    reasons = [
        r[0]
        for r in con.execute(f"SELECT DISTINCT reason FROM {_T} WHERE reason_de IS NULL").fetchall()
    ]
    if not reasons:
        return
    frame = pd.DataFrame({"en": reasons, "de": [german(r) for r in reasons]}, dtype="string")
    con.register("_reasons", frame)
    try:
        con.execute(
            f"""
            UPDATE {_T} AS r SET reason_de = t.de FROM _reasons t
            WHERE r.reason_de IS NULL AND r.reason = t.en
            """
        )
    finally:
        con.unregister("_reasons")
