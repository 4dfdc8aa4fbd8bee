"""Where readers put what they read: a DuckDB build database under construction.

Readers call ``add_units`` with batches (validated here against the schema),
``stage_units_query`` with a query over rows they typed and checked in DuckDB
(the bulk reader), or write their own core table through ``sink.con``;
findings, drift and the
one ``meta_load_runs`` row per file reach ``add_problems``, ``add_drift`` and
``add_load_run`` through their :class:`etl.readers.base.LoadRun`. Units go to
a stage first so
that duplicates across batches and files can be resolved in SQL at the end
(out of core, whatever the size), see :mod:`etl.finalize`. The stage is a
folder of Parquet files next to the build read through the view
``_stage_units`` (:mod:`etl.staging`), so staged rows are held neither by the
reader nor by DuckDB while the sources are read.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl import schema
from etl.staging import ParquetStage, stage_dir_for

if TYPE_CHECKING:  # pandas and Arrow on use: a district build reads its sources without them
    import pandas as pd

STAGE_UNITS = "_stage_units"


@dataclass
class SinkCounts:
    """Running totals for a source file (used for the load-run record)."""

    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0


class BuildSink:
    """Collects reader output in the build database."""

    def __init__(self, con: duckdb.DuckDBPyConnection, stage_dir: Path | None = None) -> None:
        self.con = con
        for t in schema.TABLES:
            con.execute(t.ddl())
            for stmt in t.comments_sql():
                con.execute(stmt)
        # Staging: the unit columns without constraints, plus the row reference, in
        # Parquet files outside the database (never in its file, WAL or memory).
        cols = ",\n".join(f'"{c.name}" {c.dtype}' for c in schema.UNITS.columns)
        if stage_dir is None:
            stage_dir = stage_dir_for(con)
        else:
            stage_dir.mkdir(parents=True, exist_ok=True)
        self.stage_dir = stage_dir
        self.units_stage = ParquetStage(
            con, stage_dir, STAGE_UNITS, f"{cols}, row_ref VARCHAR, seq BIGINT"
        )
        self._seq = 0
        #: Per source: (schema column, the field as the source names it) pairs, the
        #: first pair of a column its usual name (registered by the readers;
        #: completes the findings, see :mod:`etl.findings`).
        self.field_names: dict[str, list[tuple[str, str]]] = {}

    # -- units --------------------------------------------------------------
    def add_units(
        self,
        df: pd.DataFrame,
        source: str,
        source_file: str,
        row_refs: pd.Series | None = None,
    ) -> SinkCounts:
        """Validate a batch against the unit schema and stage the valid rows.

        Duplicates of the key are resolved later across all batches, so the
        key is not checked here. Returns how many rows were staged/rejected.
        """
        if df.empty:
            return SinkCounts()
        import pandas as pd
        import pyarrow as pa

        df = df.reset_index(drop=True)
        if row_refs is not None:
            row_refs = row_refs.reset_index(drop=True).astype("string")
        res = schema.validate(df, schema.UNITS, row_refs=row_refs, check_key=False)
        if not res.problems.empty:
            self.add_problems(res.problems, source=source, source_file=source_file)
        valid = res.valid
        if not valid.empty:
            refs = (
                row_refs[res.valid_index].reset_index(drop=True)
                if row_refs is not None
                else pd.Series(pd.NA, index=valid.index, dtype="string")
            )
            staged = valid.assign(row_ref=refs.values)
            staged["seq"] = range(self._seq, self._seq + len(staged))
            self._seq += len(staged)
            # An Arrow table is scanned natively by DuckDB: about 3x faster than
            # the pandas scan of arrow-backed string columns.
            self.units_stage.add(pa.Table.from_pandas(staged, preserve_index=False))
        rejected_rows = len(df) - len(valid)
        return SinkCounts(rows_read=len(df), rows_loaded=len(valid), rows_rejected=rejected_rows)

    def stage_units_query(self, sql: str, span: int) -> int:
        """Stage the rows of a query that has the unit columns, ``row_ref`` and ``pos``.

        ``pos`` numbers the rows of the batch in reading order, from 0 to
        ``span`` - 1 (rows may be missing where they were rejected); the staged
        rows keep that order in ``seq`` without a sort. The rows must already be
        valid against the unit schema (the bulk reader checks them in SQL with
        :func:`etl.schema.checks_sql.table_checks`). Returns how many were staged.
        """
        staged = self.units_stage.add_query(f"SELECT *, {self._seq} + pos AS seq FROM ({sql})")
        self._seq += span
        return staged

    def discard_staged(self) -> None:
        """Drop the unit stage and delete its files (after duplicates were resolved)."""
        self.units_stage.discard()
        shutil.rmtree(self.stage_dir, ignore_errors=True)

    def register_field_names(self, source: str, names: Iterable[tuple[str, str]]) -> None:
        """Record how ``source`` names the schema columns: ``(column, source field)`` pairs."""
        known = self.field_names.setdefault(source, [])
        known.extend(p for p in names if p not in known)

    # -- problems, drift, runs ---------------------------------------------
    def add_problems(self, problems: pd.DataFrame, source: str, source_file: str) -> None:
        """Record rejected rows, cleared fields and flags (REJECTED_ROWS columns)."""
        if problems.empty:
            return
        import pandas as pd

        df = problems.copy()
        df["source"] = source
        df["source_file"] = source_file
        for c in schema.REJECTED_ROWS.column_names:
            if c not in df.columns:
                df[c] = pd.NA
        df = schema.conform(df, schema.REJECTED_ROWS)
        self.con.register("_problems", df)
        self.con.execute(f"INSERT INTO {schema.REJECTED_ROWS.name} SELECT * FROM _problems")
        self.con.unregister("_problems")

    def add_problem(
        self,
        source: str,
        source_file: str,
        reason: str,
        *,
        row_ref: str | int | None = None,
        record_id: str | None = None,
        field: str | None = None,
        raw_value: str | None = None,
        action: str = "row_rejected",
    ) -> None:
        """Record one problem."""
        import pandas as pd

        self.add_problems(
            pd.DataFrame(
                [
                    {
                        "row_ref": None if row_ref is None else str(row_ref),
                        "record_id": record_id,
                        "field": field,
                        "reason": reason,
                        "raw_value": None if raw_value is None else str(raw_value)[:500],
                        "action": action,
                    }
                ]
            ),
            source=source,
            source_file=source_file,
        )

    def add_drift(
        self, source: str, source_file: str, field: str, change: str, note: str | None = None
    ) -> None:
        """Record a field that was added, missing or renamed compared to the reader."""
        self.con.execute(
            f"INSERT INTO {schema.SCHEMA_DRIFT.name} VALUES (?, ?, ?, ?, ?)",
            [source, source_file, field, change, note],
        )

    def add_load_run(
        self,
        source: str,
        path: Path | str,
        counts: SinkCounts,
        *,
        extract_date: date | None,
        duration_s: float,
        sha256: str | None = None,
        started_at: datetime | None = None,
        source_file: str | None = None,
    ) -> None:
        """Record that a file was read, with its counts and checksum."""
        path = Path(path)
        size = path.stat().st_size if path.exists() else None
        self.con.execute(
            f"INSERT INTO {schema.LOAD_RUNS.name} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source,
                source_file or path.name,
                size,
                sha256,
                extract_date,
                counts.rows_read,
                counts.rows_loaded,
                counts.rows_rejected,
                round(duration_s, 3),
                (started_at or datetime.now(UTC)).replace(tzinfo=None),
            ],
        )

    def set_info(self, key: str, value: object) -> None:
        """Store a fact about the build (demo flag, region, data date …)."""
        self.con.execute(
            f"INSERT OR REPLACE INTO {schema.BUILD_INFO.name} VALUES (?, ?)",
            [key, None if value is None else str(value)],
        )
