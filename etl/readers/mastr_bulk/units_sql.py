"""Typing and checking a batch of raw element text in DuckDB (no pandas).

The workers hand over each column as one string of values joined by ``SEP``;
DuckDB splits them, decodes the catalogue ids with the zip's own
``Katalogwerte.xml``, types and checks every value, writes the kept rows to
the unit stage (a Parquet file, :mod:`etl.staging`) and returns the findings.
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
from etl.readers.mastr_bulk.records import SEP

if TYPE_CHECKING:
    import duckdb

    from etl.readers.mastr_bulk.scan import MemberResult
    from etl.schema.model import Column, Table
    from etl.sink import BuildSink

#: Unicode white space (what the reader strips around every value).
_RAW = "_bulk_raw"
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


def _units() -> Table:
    """The unit table's definition (imported on use: the reader's worker processes
    import this module and must stay free of pandas, which ``etl.schema`` loads)."""
    from etl import schema

    return schema.UNITS


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str | None) -> str:
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"


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
        self._raw: object = None  # the Arrow table DuckDB scans as the raw table
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
    def load_raw(self, results: list[MemberResult], files: list[str]) -> int:
        """Split the joined columns of ``results`` into the raw table; return its rows.

        Values are split, stripped of white space and emptied to missing with
        Arrow's string kernels (much faster than DuckDB's ``string_split``,
        ``unnest`` and ``trim`` on 30 columns); DuckDB scans the Arrow table
        without a copy.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

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
        }
        empty = pa.scalar(None, pa.large_string())
        for name in UNIT_FIELDS:
            joined = SEP.join(r.columns[name] for r, _ in kept)
            arr = pc.list_flatten(pc.split_pattern(pa.array([joined], pa.large_string()), SEP))
            arr = pc.utf8_trim_whitespace(arr)
            arr = pc.if_else(pc.equal(arr, ""), empty, arr)
            if len(arr) != n:  # never expected: the columns must line up
                raise RuntimeError(f"column {name} has {len(arr)} values for {n} records")
            data[name] = arr
        self._raw = pa.table(data)
        con.register(_RAW, self._raw)
        return n

    def typed_sql(self) -> str:
        """The typed columns (before clearing), one row per raw row."""
        only = {
            target: f"CASE WHEN kind IN ({', '.join(_lit(k) for k in kinds)}) THEN {{}} END"
            for target, kinds in KIND_ONLY.items()
        }

        def only_kind(target: str, expr: str) -> str:
            return only[target].format(expr) if target in only else expr

        fixed = " ".join(
            f"WHEN {_lit(k.key)} THEN {_lit(k.carrier)}" for k in UNIT_KINDS if k.carrier
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
            f"(r.{_q(KEY)} IS NOT NULL) AS has_key",
            "CASE WHEN mb.kind = 'wind' THEN r.\"WindAnLandOderAufSee\" END AS wind_code",
            "wl.normed AS wind_text",
            "CASE WHEN mb.kind = 'solar' THEN r.\"ArtDerSolaranlage\" END AS solar_code",
            "sl.normed AS solar_text",
            f"CASE mb.kind {fixed} END AS fixed_carrier",
            'r."SpeMastrNummer" AS spe_id',
            "CAST(NULL AS DOUBLE) AS storage_energy_kwh",  # from the storage plants, later
        ]
        for target, element in TEXT_COLUMNS.items():
            parts.append(f"{only_kind(target, f'r.{_q(element)}')} AS {_q(target)}")
        for target, element in NUMBER_COLUMNS.items():
            raw = only_kind(target, f"r.{_q(element)}")
            parts.append(f"{raw} AS {_q('raw_' + target)}")
            # DuckDB also reads 1_000 and nan as numbers; the export never means them
            parts.append(
                f"CASE WHEN NOT contains({raw}, '_') AND NOT isnan(TRY_CAST({raw} AS DOUBLE)) "
                f"THEN TRY_CAST({raw} AS DOUBLE) END AS {_q(target)}"
            )
        for target, element in DATE_COLUMNS.items():
            raw = f"r.{_q(element)}"
            parts.append(f"{raw} AS {_q('raw_' + target)}")
            parts.append(f"CAST(TRY_STRPTIME({raw}, '%Y-%m-%d') AS DATE) AS {_q(target)}")
        parts.append('r."DatumLetzteAktualisierung" AS raw_last_update')
        parts.append('TRY_CAST(r."DatumLetzteAktualisierung" AS TIMESTAMP) AS last_update')
        joins = []
        for i, (target, element) in enumerate(CATALOG_COLUMNS.items()):
            raw = only_kind(target, f"r.{_q(element)}")
            parts.append(f"{raw} AS {_q('raw_' + target)}")
            parts.append(f"c{i}.text AS {_q(target)}")
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
        """``_bulk_typed`` with the carrier and the keep decision of each row."""
        pattern = _units().column("unit_id_mastr").pattern or ".*"
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
                    coalesce(uid IS NOT NULL AND regexp_full_match(uid, {_lit(pattern)}), false)
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

    def reader_findings_sql(self, decided: str) -> str:
        """The reader's findings (ids, status, carrier, values), over every row of the batch."""
        rules: list[tuple[str, str, str | None, str, str, str]] = [
            # condition, field, source_field, reason (SQL), raw value (SQL), action
            (
                "NOT id_ok",
                "unit_id_mastr",
                None,
                _lit("EinheitMastrNummer missing or not a MaStR unit number: unit not loaded"),
                "uid",
                "row_rejected",
            ),
            (
                "status_raw IS NULL",
                "status",
                None,
                _lit("EinheitBetriebsstatus missing: unit not loaded"),
                "status_raw",
                "row_rejected",
            ),
            (
                "status_raw IS NOT NULL AND status_text IS NULL",
                "status",
                None,
                _lit("EinheitBetriebsstatus code not in Katalogwerte.xml: unit not loaded"),
                "status_raw",
                "row_rejected",
            ),
            (
                "status_text IS NOT NULL AND status_code IS NULL",
                "status",
                None,
                _lit("EinheitBetriebsstatus decodes to an unknown status text: unit not loaded"),
                "status_text",
                "row_rejected",
            ),
            (
                "kind = 'wind' AND wind_code IS NULL",
                "carrier",
                "WindAnLandOderAufSee",
                _lit(
                    "WindAnLandOderAufSee missing: onshore assumed when the unit has a "
                    "municipality key, else offshore"
                ),
                "wind_code",
                "flagged",
            ),
            (
                "wind_unknown AND wind_text IS NULL",
                "carrier",
                "WindAnLandOderAufSee",
                _lit("WindAnLandOderAufSee code not in Katalogwerte.xml: unit not loaded"),
                "wind_code",
                "row_rejected",
            ),
            (
                "wind_unknown AND wind_text IS NOT NULL",
                "carrier",
                "WindAnLandOderAufSee",
                _lit(
                    "WindAnLandOderAufSee decodes to neither onshore nor offshore: unit not loaded"
                ),
                "wind_code",
                "row_rejected",
            ),
            (
                "solar_unknown",
                "carrier",
                "ArtDerSolaranlage",
                _lit("ArtDerSolaranlage code not in Katalogwerte.xml: unit not loaded"),
                "solar_code",
                "row_rejected",
            ),
        ]
        for target, element in NUMBER_COLUMNS.items():
            reason = f"{element} is not a number (decimal point expected): value cleared"
            rules.append(_cleared(target, reason))
        for target, element in DATE_COLUMNS.items():
            rules.append(_cleared(target, f"{element} is not a date YYYY-MM-DD: value cleared"))
        rules.append(
            _cleared(
                "last_update", "DatumLetzteAktualisierung is not an ISO timestamp: value cleared"
            )
        )
        for target, element in CATALOG_COLUMNS.items():
            raw = _q("raw_" + target)
            if target == "energy_source":
                rules.append(
                    (
                        "energy_unknown",
                        target,
                        None,
                        f"'Energietraeger code ' || {raw} || ' not in Katalogwerte.xml: unit "
                        "quarantined (not counted under any carrier)'",
                        raw,
                        "row_rejected",
                    )
                )
                continue
            reason = f"{element} code not in Katalogwerte.xml: value cleared"
            rules.append(_cleared(target, reason))
        for c, broken in _breakable_columns():
            reason = f"{c.name} breaks {c.check_sql()}: value cleared"
            rules.append(
                (
                    broken,
                    c.name,
                    None,
                    _lit(reason),
                    f"CAST({_q(c.name)} AS VARCHAR)",
                    "field_cleared",
                )
            )
        return _union(rules, decided)

    def final_sql(self, decided: str) -> str:
        """The kept rows with their values as staged: broken values cleared, both coordinates."""
        cols = []
        breakable = dict((c.name, broken) for c, broken in _breakable_columns())
        extract = "NULL" if self.extract_date is None else f"DATE '{self.extract_date.isoformat()}'"
        constant = {
            "status": "status_code",
            "storage_energy_kwh": "CAST(NULL AS DOUBLE)",
            "is_capacity_suspect": "false",
            "source": _lit(SOURCE),
            "source_file": "source_file",
            "extract_date": extract,
        }
        for c in _units().columns:
            expr = constant.get(c.name, _q(c.name))
            if c.name in breakable:
                expr = f"CASE WHEN {breakable[c.name]} THEN NULL ELSE {expr} END"
            cols.append(f"{expr} AS {_q(c.name)}")
        coordinates = ("latitude", "longitude")
        both = " AND ".join(f"{_q(c)} IS NOT NULL" for c in coordinates)
        replace = ", ".join(f"CASE WHEN {both} THEN {_q(c)} END AS {_q(c)}" for c in coordinates)
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
        con = self.con
        n = self.load_raw(results, files)
        # Not materialised: DuckDB computes these projections faster than it
        # stores 70 string columns in a temporary table.
        cols = ", ".join(FINDING_SQL_COLUMNS)
        decided = self.decided_sql()
        findings = self.reader_findings_sql(decided)
        found = con.execute(f"SELECT {cols} FROM ({findings}) ORDER BY rule, pos").fetchall()
        final = self.final_sql(decided)
        if links is not None and any(r.kind_key == "storage" for r in results):
            links(
                "SELECT unit_id_mastr AS unit_id, spe_id, row_ref, source_file FROM "
                f"({final}) "
                "WHERE kind = 'storage' AND spe_id IS NOT NULL ORDER BY pos"
            )

        from etl.schema.checks_sql import table_checks

        checks = table_checks(_units())
        rules = [
            (c.condition, c.column, None, _lit(c.reason), _q(c.column), c.action) for c in checks
        ]
        union = _union(rules, f"SELECT *, unit_id_mastr AS uid FROM ({final})")
        found += con.execute(f"SELECT {cols} FROM ({union}) ORDER BY rule, pos").fetchall()
        rejected = " OR ".join(
            f"coalesce({c.condition}, false)" for c in checks if c.action == "row_rejected"
        )
        cleared: dict[str, list[str]] = {}
        for c in checks:
            if c.action == "field_cleared":
                cleared.setdefault(c.column, []).append(f"coalesce({c.condition}, false)")
        replace = ", ".join(
            f"CASE WHEN {' OR '.join(conds)} THEN NULL ELSE {_q(col)} END AS {_q(col)}"
            for col, conds in cleared.items()
        )
        valid = "SELECT * " + (f"REPLACE ({replace}) " if replace else "")
        valid += f"FROM ({final}) WHERE NOT ({rejected or 'false'})"
        staged = sink.stage_units_query(valid)
        con.unregister(_RAW)
        self._raw = None
        return StagedBatch(staged=staged, rejected=n - staged), found


def _cleared(target: str, reason: str) -> tuple[str, str, str | None, str, str, str]:
    raw = _q("raw_" + target)
    return (
        f"{raw} IS NOT NULL AND {_q(target)} IS NULL",
        target,
        None,
        _lit(reason),
        raw,
        "field_cleared",
    )


def _breakable_columns() -> list[tuple[Column, str]]:
    """Optional unit columns with a range, length or pattern, and the SQL of a break.

    Such a value is cleared (the unit stays); the municipality key is left to the
    schema's own check, which rejects the unit.
    """
    out = []
    for c in _units().columns:
        if not c.nullable or c.name == "municipality_key":
            continue
        q = _q(c.name)
        tests = []
        if c.min_value is not None:
            tests.append(f"{q} < {c.min_value}")
        if c.max_value is not None:
            tests.append(f"{q} > {c.max_value}")
        if c.length is not None:
            tests.append(f"length({q}) <> {c.length}")
        if c.pattern is not None:
            tests.append(f"NOT regexp_full_match({q}, {_lit(c.pattern)})")
        if tests:
            out.append((c, f"coalesce({' OR '.join(tests)}, false)"))
    return out


def _union(rules: list[tuple[str, str, str | None, str, str, str]], source: str) -> str:
    """One finding row per rule a row breaks, in one pass over ``source``.

    Each row gets the list of the rules it breaks (as structs), which is
    unnested; rows breaking none are filtered out first.
    """
    items = ", ".join(
        f"CASE WHEN coalesce({cond}, false) THEN {{'rule': {i}, 'field': {_lit(fld)}, "
        f"'source_field': CAST({_lit(src)} AS VARCHAR), 'reason': CAST({reason} AS VARCHAR), "
        f"'raw_value': CAST({raw} AS VARCHAR), 'action': {_lit(action)}}} END"
        for i, (cond, fld, src, reason, raw, action) in enumerate(rules)
    )
    anything = " OR ".join(f"coalesce({cond}, false)" for cond, *_ in rules)
    return f"""
        SELECT pos, f.rule AS rule, row_ref, uid AS record_id, f.field AS field,
               f.source_field AS source_field, f.reason AS reason, f.raw_value AS raw_value,
               f.action AS action, source_file
        FROM (
            SELECT pos, row_ref, uid, source_file,
                   unnest(list_filter([{items}], lambda x: x IS NOT NULL)) AS f
            FROM ({source}) WHERE {anything}
        )
    """
