"""Staging on disk: batches written as Parquet files, read back by DuckDB as one view.

A reader hands its rows over in bounded batches; each batch is cast to the
staging table's column types by DuckDB (the same casts an ``INSERT`` does) and
written to its own Parquet file next to the build, so neither the reader's
process nor DuckDB holds the staged rows in memory while the sources are read
(all of Germany: about 6 million units). The stage is a temporary view over
those files (an empty table while there are none), so every later statement
(duplicates, checks) streams them out of core.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa


def stage_dir_for(con: duckdb.DuckDBPyConnection) -> Path:
    """A fresh folder for staged files next to the build database (system temp when in memory)."""
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    db_path = Path(row[0]) if row and row[0] else None
    parent = db_path.parent if db_path is not None else None
    if db_path is None:
        prefix = "ez-stage-"
    else:  # hidden, and named after the partial build so a killed build's folder is found
        prefix = ("" if db_path.name.startswith(".") else ".") + f"{db_path.name}.stage-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))


class ParquetStage:
    """One staged table: Parquet files in ``directory``, read through the view ``name``.

    ``columns`` is the SQL column list (``"a" VARCHAR, "b" DOUBLE``) of the
    view. ``replace`` (optional) redefines some columns of the view from a
    join, see :meth:`set_values`. The folder is deleted by :meth:`discard` or,
    at the latest, when the stage is garbage-collected.
    """

    def __init__(
        self, con: duckdb.DuckDBPyConnection, directory: Path, name: str, columns: str
    ) -> None:
        self.con = con
        self.dir = directory
        self.name = name
        self.files: list[Path] = []
        self.rows = 0
        self._values: tuple[str, str, str] | None = None
        directory.mkdir(parents=True, exist_ok=True)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name}__empty ({columns})")
        self._casts = ", ".join(
            f'CAST("{c}" AS {t}) AS "{c}"'
            for c, t in con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE table_name = ? AND database_name = 'temp' ORDER BY column_index",
                [f"{name}__empty"],
            ).fetchall()
        )
        self._cleanup = weakref.finalize(self, shutil.rmtree, directory, ignore_errors=True)
        self._define()

    def add(self, table: pa.Table) -> None:
        """Write one batch (columns in the view's order) as the next Parquet file."""
        if table.num_rows == 0:
            return
        self.con.register("_stage_batch", table)
        try:
            self.add_query("SELECT * FROM _stage_batch")
        finally:
            self.con.unregister("_stage_batch")

    def add_query(self, sql: str) -> int:
        """Write the rows of a query (columns by name) as the next Parquet file; return them."""
        path = self.dir / f"{self.name}-{len(self.files):06d}.parquet"
        written = self.con.execute(
            f"COPY (SELECT {self._casts} FROM ({sql})) TO '{path}' "
            "(FORMAT parquet, COMPRESSION zstd)"
        ).fetchone()
        rows = int(written[0]) if written else 0
        if rows == 0:
            path.unlink(missing_ok=True)
            return 0
        self.files.append(path)
        self.rows += rows
        self._define()
        return rows

    def set_values(self, column: str, values: str, when: str) -> None:
        """Take ``column`` from the table ``values`` where it matches and ``when`` holds.

        ``values`` has the columns ``unit_id_mastr``, ``source_file`` and ``value``,
        at most one row per pair (what an ``UPDATE … FROM`` of the staged rows
        would do, without rewriting the files).
        """
        self._values = (column, values, when)
        self._define()

    def scan_sql(self) -> str:
        """The plain files (or the empty table) as a ``FROM`` item."""
        if not self.files:
            return f"{self.name}__empty"
        return "read_parquet([" + ", ".join(f"'{p}'" for p in self.files) + "])"

    def _define(self) -> None:
        sql = f"SELECT * FROM {self.scan_sql()}"
        if self._values is not None:
            column, values, when = self._values
            sql = (
                f"SELECT s.* REPLACE (CASE WHEN v.unit_id_mastr IS NOT NULL AND {when} "
                f'THEN v.value ELSE s."{column}" END AS "{column}") '
                f"FROM {self.scan_sql()} s LEFT JOIN {values} v "
                "ON v.unit_id_mastr = s.unit_id_mastr AND v.source_file = s.source_file"
            )
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {self.name} AS {sql}")

    def discard(self) -> None:
        """Drop the view and delete the staged files."""
        self.con.execute(f"DROP VIEW IF EXISTS {self.name}")
        self.con.execute(f"DROP TABLE IF EXISTS {self.name}__empty")
        self._cleanup()
