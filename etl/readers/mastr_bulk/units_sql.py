"""Typing and checking a batch of raw element text in DuckDB (no pandas).

The workers hand over each column as one string of values joined by ``SEP``;
Arrow splits them (:mod:`.frames`), and DuckDB decodes the catalogue ids with
the zip's own ``Katalogwerte.xml``, types and checks every value, writes the
kept rows to the unit stage (a Parquet file, :mod:`etl.staging`) and returns
the findings.
The rules are the bulk reader's (one per column, below): rows with a missing or
unknown id, status or carrier code are rejected; other bad values are cleared
and reported; then the unit schema's own checks (:mod:`etl.schema`) decide, as
for every other source.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from etl.readers.mastr_bulk.frames import raw_arrays
from etl.readers.mastr_bulk.members import (
    CATALOG_COLUMNS,
    DATE_COLUMNS,
    KEY,
    KIND_ONLY,
    KINDS,
    NUMBER_COLUMNS,
    SOURCE,
    STATUS_TEXTS,
    TEXT_COLUMNS,
    UNIT_FIELDS,
    UNIT_KINDS,
    norm,
)
from etl.readers.mastr_bulk.unit_rules import (
    breakable_columns,
    findings_sql,
    lit,
    q,
    reader_findings_sql,
    units_table,
)

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from etl.readers.mastr_bulk.outcome import MemberResult
    from etl.sink import BuildSink

_RAW = "_bulk_raw"
#: From this many rows a batch's typed rows are computed once for both kinds of findings
#: (at 10^6 units about 1 s faster; a district's 10,000 rows peak 3-5 MB lower without).
MATERIALISE_MIN_ROWS = 25_000
# DuckDB's casts also read ``infinity``, ``epoch``, short years, BC dates and zone
# names; the export writes dates as YYYY-MM-DD and its timestamps without offset.
_DATE_FORM = r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
_TIMESTAMP_FORM = r"[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?)?"
_CATALOG = "_bulk_catalog"
_MEMBERS = "_bulk_members"
FINDING_SQL_COLUMNS = (
    "row_ref",
    "record_id",
    "field",
    "source_field",
    "reason",
    "raw_value",
    "action",
    "source_file",
)


@dataclass
class StagedBatch:
    """What one batch gave: rows staged and rows rejected (by the reader or the schema)."""

    staged: int
    rejected: int


class UnitTyper:
    """Types batches of one zip's unit records in the build database."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        catalog: Mapping[str, str],
        extract_date: date | None,
    ) -> None:
        self.con = con
        self.extract_date = extract_date
        self.set_catalog(catalog)

    def set_catalog(self, catalog: Mapping[str, str]) -> None:
        """The zip's catalogue as a table: code, text, normalised text, status code."""
        con = self.con
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {_CATALOG} "
            "(code VARCHAR, text VARCHAR, normed VARCHAR, status VARCHAR)"
        )
        rows = [(k, v, norm(v), STATUS_TEXTS.get(norm(v))) for k, v in catalog.items()]
        if rows:
            con.executemany(f"INSERT INTO {_CATALOG} VALUES (?, ?, ?, ?)", rows)

    # -- the batch -------------------------------------------------------------
    def load_raw(self, results: list[MemberResult], files: list[str]) -> pa.Table:
        """The raw columns of ``results`` as one Arrow table (registered), returned.

        Values are split, stripped of white space and emptied to missing with
        Arrow's string kernels (:func:`.frames.raw_arrays`; much faster than
        DuckDB's ``string_split``, ``unnest`` and ``trim`` on 30 columns), by the
        workers already in a Germany build; DuckDB scans the table without a copy.
        """
        import pyarrow as pa

        con = self.con
        kept = [(r, f) for r, f in zip(results, files, strict=True) if r.rows]
        n = sum(r.rows for r, _ in kept)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {_MEMBERS} "
            "(m INTEGER, kind VARCHAR, file VARCHAR, row_elem VARCHAR)"
        )
        con.executemany(
            f"INSERT INTO {_MEMBERS} VALUES (?, ?, ?, ?)",
            [(j, r.kind_key, f, KINDS[r.kind_key].row) for j, (r, f) in enumerate(kept)],
        )
        data = {
            "pos": pa.array(range(n), pa.int64()),
            "m": pa.array([j for j, (r, _) in enumerate(kept) for _ in range(r.rows)], pa.int32()),
            "num": pa.array([x for r, _ in kept for x in r.element_numbers], pa.int64()),
            **raw_arrays([r for r, _ in kept], UNIT_FIELDS),
        }
        raw = pa.table(data)
        con.register(_RAW, raw)
        return raw

    def typed_sql(self) -> str:
        """The typed columns (before clearing), one row per raw row."""
        only = {
            target: f"CASE WHEN kind IN ({', '.join(lit(k) for k in kinds)}) THEN {{}} END"
            for target, kinds in KIND_ONLY.items()
        }

        def only_kind(target: str, expr: str) -> str:
            return only[target].format(expr) if target in only else expr

        fixed = " ".join(
            f"WHEN {lit(k.key)} THEN {lit(k.carrier)}" for k in UNIT_KINDS if k.carrier
        )
        parts = [
            "r.pos",
            "mb.kind",
            "mb.file AS source_file",
            "mb.row_elem || ' #' || r.num AS row_ref",
            'r."EinheitMastrNummer" AS uid',
            'r."EinheitBetriebsstatus" AS status_raw',
            "st.text AS status_text",
            "st.status AS status_code",
            f"(r.{q(KEY)} IS NOT NULL) AS has_key",
            "CASE WHEN mb.kind = 'wind' THEN r.\"WindAnLandOderAufSee\" END AS wind_code",
            "wl.normed AS wind_text",
            "CASE WHEN mb.kind = 'solar' THEN r.\"ArtDerSolaranlage\" END AS solar_code",
            "sl.normed AS solar_text",
            f"CASE mb.kind {fixed} END AS fixed_carrier",
            'r."SpeMastrNummer" AS spe_id',
            "CAST(NULL AS DOUBLE) AS storage_energy_kwh",  # from the storage plants, at the end
        ]
        for target, element in TEXT_COLUMNS.items():
            parts.append(f"{only_kind(target, f'r.{q(element)}')} AS {q(target)}")
        for target, element in NUMBER_COLUMNS.items():
            raw = only_kind(target, f"r.{q(element)}")
            parts.append(f"{raw} AS {q('raw_' + target)}")
            # DuckDB also reads 1_000 and nan as numbers; the export never means them
            parts.append(
                f"CASE WHEN NOT contains({raw}, '_') AND NOT isnan(TRY_CAST({raw} AS DOUBLE)) "
                f"THEN TRY_CAST({raw} AS DOUBLE) END AS {q(target)}"
            )
        for target, element in DATE_COLUMNS.items():
            raw = f"r.{q(element)}"
            parts.append(f"{raw} AS {q('raw_' + target)}")
            parts.append(
                f"CASE WHEN regexp_full_match({raw}, {lit(_DATE_FORM)}) "
                f"THEN CAST(TRY_STRPTIME({raw}, '%Y-%m-%d') AS DATE) END AS {q(target)}"
            )
        parts.append('r."DatumLetzteAktualisierung" AS raw_last_update')
        stamp = 'r."DatumLetzteAktualisierung"'
        parts.append(
            f"CASE WHEN regexp_full_match({stamp}, {lit(_TIMESTAMP_FORM)}) "
            f"THEN TRY_CAST({stamp} AS TIMESTAMP) END AS last_update"
        )
        joins = []
        for i, (target, element) in enumerate(CATALOG_COLUMNS.items()):
            raw = only_kind(target, f"r.{q(element)}")
            parts.append(f"{raw} AS {q('raw_' + target)}")
            parts.append(f"c{i}.text AS {q(target)}")
            joins.append(f"LEFT JOIN {_CATALOG} c{i} ON c{i}.code = {raw}")
        return f"""
            SELECT {", ".join(parts)}
            FROM {_RAW} r
            JOIN {_MEMBERS} mb ON mb.m = r.m
            LEFT JOIN {_CATALOG} st ON st.code = r."EinheitBetriebsstatus"
            LEFT JOIN {_CATALOG} wl
                ON wl.code = CASE WHEN mb.kind = 'wind' THEN r."WindAnLandOderAufSee" END
            LEFT JOIN {_CATALOG} sl
                ON sl.code = CASE WHEN mb.kind = 'solar' THEN r."ArtDerSolaranlage" END
            {" ".join(joins)}
        """

    # -- decisions -------------------------------------------------------------
    def decided_sql(self) -> str:
        """The typed rows with the carrier and the keep decision of each row."""
        pattern = units_table().column("unit_id_mastr").pattern or ".*"
        return f"""
            SELECT *,
                CASE
                    WHEN kind = 'wind' THEN CASE
                        WHEN wind_off THEN 'wind_offshore'
                        WHEN wind_on THEN 'wind_onshore'
                        WHEN wind_code IS NULL AND has_key THEN 'wind_onshore'
                        WHEN wind_code IS NULL THEN 'wind_offshore'
                    END
                    WHEN kind = 'solar' THEN CASE
                        WHEN pv_building THEN 'pv_building'
                        WHEN pv_ground THEN 'pv_ground'
                        ELSE 'pv_other'
                    END
                    ELSE fixed_carrier
                END AS carrier,
                id_ok AND status_code IS NOT NULL AND NOT wind_unknown AND NOT solar_unknown
                    AND NOT energy_unknown AS keep
            FROM (
                SELECT *,
                    coalesce(uid IS NOT NULL AND regexp_full_match(uid, {lit(pattern)}), false)
                        AS id_ok,
                    wind_code IS NOT NULL AND NOT coalesce(wind_on, false)
                        AND NOT coalesce(wind_off, false) AS wind_unknown,
                    kind = 'solar' AND solar_code IS NOT NULL AND solar_text IS NULL
                        AS solar_unknown,
                    raw_energy_source IS NOT NULL AND energy_source IS NULL AS energy_unknown
                FROM (
                    SELECT *,
                        contains(wind_text, 'an land') AS wind_on,
                        contains(wind_text, 'auf see') AS wind_off,
                        coalesce(starts_with(solar_text, 'freifl')
                            OR starts_with(solar_text, 'gewässer'), false) AS pv_ground,
                        coalesce(contains(solar_text, 'hausdach')
                            OR contains(solar_text, 'gebäude'), false) AS pv_building
                    FROM ({self.typed_sql()})
                )
            )
        """

    def final_sql(self, decided: str) -> str:
        """The kept rows with their values as staged: broken values cleared, both coordinates."""
        cols = []
        breakable = dict((c.name, broken) for c, broken in breakable_columns())
        extract = "NULL" if self.extract_date is None else f"DATE '{self.extract_date.isoformat()}'"
        constant = {
            "status": "status_code",
            "is_capacity_suspect": "false",
            "source": lit(SOURCE),
            "source_file": "source_file",
            "extract_date": extract,
        }
        for c in units_table().columns:
            expr = constant.get(c.name, q(c.name))
            if c.name in breakable:
                expr = f"CASE WHEN {breakable[c.name]} THEN NULL ELSE {expr} END"
            cols.append(f"{expr} AS {q(c.name)}")
        coordinates = ("latitude", "longitude")
        both = " AND ".join(f"{q(c)} IS NOT NULL" for c in coordinates)
        replace = ", ".join(f"CASE WHEN {both} THEN {q(c)} END AS {q(c)}" for c in coordinates)
        return f"""
            SELECT * REPLACE ({replace}) FROM (
                SELECT {", ".join(cols)}, row_ref, pos, kind, spe_id
                FROM ({decided}) WHERE keep
            )
        """

    # -- one batch, end to end ---------------------------------------------------
    def stage(
        self,
        results: list[MemberResult],
        files: list[str],
        sink: BuildSink,
        links: Callable[[str], object] | None,
    ) -> tuple[StagedBatch, list[tuple[str, ...]]]:
        """Type ``results``, stage the valid units, hand storage links to ``links``.

        Returns the counts and the findings (rows of :data:`FINDING_SQL_COLUMNS`),
        the reader's own first, then the unit schema's.
        """
        from etl.schema.checks_sql import table_checks, valid_rows_sql

        con = self.con
        raw = self.load_raw(results, files)
        n = raw.num_rows
        decided = self.decided_sql()
        final = self.final_sql(decided)
        if links is not None and any(r.kind_key == "storage" for r in results):
            links(
                "SELECT unit_id_mastr AS unit_id, spe_id, row_ref, source_file FROM "
                f"({final}) "
                "WHERE kind = 'storage' AND spe_id IS NOT NULL ORDER BY pos"
            )
        checks = table_checks(units_table())
        rules = [
            (c.condition, c.column, None, lit(c.reason), q(c.column), c.action) for c in checks
        ]
        cols = ", ".join(FINDING_SQL_COLUMNS)
        checked = "SELECT *, unit_id_mastr AS uid FROM ({})"
        if n >= MATERIALISE_MIN_ROWS:
            # Both kinds of findings in one statement over the typed rows, computed
            # once (a materialised CTE); staging computes them again, faster than
            # storing 70 string columns in a table.
            typed = "SELECT * FROM _decided"
            reader = reader_findings_sql(typed)
            schema_checks = findings_sql(rules, checked.format(self.final_sql(typed)))
            statements = [
                f"WITH _decided AS MATERIALIZED ({decided}) SELECT {cols} FROM ("
                f"SELECT 0 AS part, * FROM ({reader}) "
                f"UNION ALL SELECT 1 AS part, * FROM ({schema_checks})"
                ") ORDER BY part, rule, pos"
            ]
        else:  # a district's few rows: one after the other holds less at the peak
            statements = [
                f"SELECT {cols} FROM ({reader_findings_sql(decided)}) ORDER BY rule, pos",
                f"SELECT {cols} FROM ({findings_sql(rules, checked.format(final))}) "
                "ORDER BY rule, pos",
            ]
        found = [row for sql in statements for row in con.execute(sql).fetchall()]
        staged = sink.stage_units_query(valid_rows_sql(checks, final), n)
        con.unregister(_RAW)
        return StagedBatch(staged=staged, rejected=n - staged), found
