"""The reader contract: how every source enters the build.

A reader is a module with a ``SOURCE`` name (the ``source`` column of the meta
tables) and one function::

    def read(path: Path, run: LoadRun, region: Region) -> date | None:
        '''Read one file of the source into run.sink; return its extract date.'''

The reader parses the file, keeps what lies in ``region`` (decided with
:class:`etl.region.Region` and :func:`etl.region.parse_ags`, never a rule of
its own), writes the rows through ``run.sink`` (``add_units`` or its own core
table), and reports through the run:

- ``run.finding(...)`` / ``run.findings(frame)`` / ``run.findings_where(mask, …)``:
  rows rejected, fields cleared, values flagged (``meta_rejected_rows``);
- ``run.drift(field, change, note)``: columns added, missing or renamed
  (``meta_schema_drift``);
- ``run.count(read=…, loaded=…, rejected=…)`` or ``run.add_counts(counts)``:
  the counts of the ``meta_load_runs`` row.

:class:`LoadRun` owns what every reader needs around that: the file's SHA-256
(streamed in a background thread while the reader works), timing, the counts,
buffered findings and the one ``meta_load_runs`` row, all written through the
:class:`etl.sink.BuildSink` when the run ends without an exception (a reader
that refuses a file reports a finding and returns; an exception fails the
build). Readers never import the orchestrator (:mod:`etl.build`).

Adding a source means one reader module plus its schema entries; the build
calls every reader the same way::

    from etl.readers import load, population

    run = load(population, path, sink, Region("13076"))
    run.loaded, run.extract_date

or, for a reader of its own (the office lists)::

    with LoadRun(sink, "office_wind_permits", path) as run:
        run.findings(problems)
        run.count(read=120, loaded=118, rejected=2)
        run.extract_date = extract_date_from_name(path.name)
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from etl.failures import FailurePolicy
from etl.files import sha256_file

if TYPE_CHECKING:  # the bulk reader's worker processes import this without pandas
    import pandas as pd

    from etl.region import Region
    from etl.sink import BuildSink, SinkCounts

ProgressFactory = Callable[[str, int | None], Callable[[int], None]]
"""Given a description and a total, returns a callback that advances by n."""

#: Columns of a finding (``meta_rejected_rows`` without source and file).
FINDING_COLUMNS = (
    "member",
    "row_ref",
    "unit_id_mastr",
    "record_id",
    "source_field",
    "field",
    "reason",
    "reason_de",
    "raw_value",
    "action",
)
#: Buffered findings are written once this many rows are waiting.
FLUSH_ROWS = 50_000
#: Findings as plain rows: (column names, row tuples).
_Records = tuple[Sequence[str], Sequence[tuple[object, ...]]]


class Reader(Protocol):
    """What a reader module provides (a module satisfies this protocol)."""

    SOURCE: str

    def read(self, path: Path, run: LoadRun, region: Region) -> date | None:
        """Read one file into ``run.sink``; return its extract date, if known."""
        ...


def extract_date_from_name(name: str) -> date | None:
    """Date in a file name (``20261121`` or ``2026-11-21``), if any."""
    m = re.search(r"(20\d{2})-?(\d{2})-?(\d{2})", name)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class LoadRun:
    """One file read into the build: checksum, timing, counts, findings, load-run row.

    Use as a context manager; on a clean exit the buffered findings and the
    ``meta_load_runs`` row are written through ``sink``. ``source_file`` is the
    name recorded for the file (default: the file name).
    """

    def __init__(
        self,
        sink: BuildSink,
        source: str,
        path: Path | str,
        *,
        source_file: str | None = None,
        progress: ProgressFactory | None = None,
        failures: FailurePolicy | None = None,
    ) -> None:
        self.sink = sink
        self.failures = failures if failures is not None else FailurePolicy()
        self.failed = False
        self.source = source
        self.path = Path(path)
        self.file_name = source_file or self.path.name
        self.progress = progress
        self.extract_date: date | None = None
        self.rows_read = 0
        self.rows_loaded = 0
        self.rows_rejected = 0
        #: (frame, file) or ((column names, row tuples), file): records stay plain until flushed
        self._buffer: list[tuple[pd.DataFrame | _Records, str]] = []
        self._buffered_rows = 0
        self.findings_count = 0
        self._digest: list[str] = []
        self._hasher: threading.Thread | None = None
        self._t0 = 0.0
        self._started_at = datetime.now(UTC)

    # -- context ---------------------------------------------------------------
    def __enter__(self) -> LoadRun:
        self._started_at = datetime.now(UTC)
        self._t0 = time.perf_counter()
        if self.path.is_file():
            self._hasher = threading.Thread(target=self._hash, daemon=True)
            self._hasher.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._hasher is not None:
            self._hasher.join()
        if exc_type is None:
            self.flush()
            self._write_load_run()

    def _hash(self) -> None:
        self._digest.append(sha256_file(self.path))

    @property
    def loaded(self) -> int:
        """Rows loaded so far (the reader's result in tests and summaries)."""
        return self.rows_loaded

    @property
    def has_findings(self) -> bool:
        """Whether anything was reported for this run so far."""
        return self.findings_count > 0

    # -- counts ----------------------------------------------------------------
    def count(self, *, read: int = 0, loaded: int = 0, rejected: int = 0) -> None:
        """Add to the counts of the load-run row."""
        self.rows_read += read
        self.rows_loaded += loaded
        self.rows_rejected += rejected

    def add_counts(self, counts: SinkCounts) -> None:
        """Add the counts returned by :meth:`etl.sink.BuildSink.add_units`."""
        self.count(read=counts.rows_read, loaded=counts.rows_loaded, rejected=counts.rows_rejected)

    # -- findings --------------------------------------------------------------
    def finding(
        self,
        reason: str,
        *,
        row_ref: str | int | None = None,
        record_id: str | None = None,
        field: str | None = None,
        raw_value: object = None,
        action: str = "row_rejected",
        source_file: str | None = None,
        source_field: str | None = None,
        member: str | None = None,
    ) -> None:
        """Report one finding (a rejected row, a cleared field, a flag).

        ``field`` is the schema column or the field as the source names it;
        ``source_field`` the source's name when ``field`` is the schema column
        (both are completed at the end of the build, :mod:`etl.findings`).
        """
        row = {
            "member": member,
            "row_ref": None if row_ref is None else str(row_ref),
            "record_id": record_id,
            "source_field": source_field,
            "field": field,
            "reason": reason,
            "raw_value": None if raw_value is None else str(raw_value)[:500],
            "action": action,
        }
        self.finding_rows(tuple(row), [tuple(row.values())], source_file=source_file)

    def fail(
        self,
        reason: str,
        *,
        member: str | None = None,
        field: str | None = None,
        raw_value: object = None,
        row_ref: str | int | None = None,
    ) -> None:
        """The file cannot be read completely: fail the build (or, if accepted, record it).

        Raises :class:`etl.failures.SourceFailedError` unless the build accepts
        partial sources; then the reason is a finding and the reader goes on.
        """
        self.failed = True
        self.failures.fail(self.file_name, reason, member)
        self.finding(
            f"source incomplete (accepted with --accept-partial): {reason}",
            row_ref=row_ref,
            field=field,
            raw_value=raw_value,
            source_file=f"{self.file_name}/{member}" if member else None,
        )

    def findings(self, frame: pd.DataFrame, *, source_file: str | None = None) -> None:
        """Report findings given as a frame with (some of) :data:`FINDING_COLUMNS`.

        A ``source_file`` column, when present, names each row's file (e.g.
        ``zip/member``); otherwise ``source_file`` or the run's file name is used.
        """
        if frame.empty:
            return
        if "source_file" in frame.columns:
            for file, group in frame.groupby("source_file", sort=False):
                self.findings(group.drop(columns="source_file"), source_file=str(file))
            return
        self._buffer_findings(frame, len(frame), source_file or self.file_name)

    def finding_rows(
        self,
        columns: Sequence[str],
        rows: Sequence[tuple[object, ...]],
        *,
        source_file: str | None = None,
    ) -> None:
        """Report findings given as plain rows of ``columns`` (some of :data:`FINDING_COLUMNS`).

        As :meth:`findings`, a ``source_file`` column names each row's file
        (an empty one: ``source_file``, else the run's file).
        Rows stay plain tuples until they are written, so a reader can report
        without pandas (a district build imports it only after its workers exit).
        """
        if not rows:
            return
        if "source_file" not in columns:
            self._buffer_findings((columns, rows), len(rows), source_file or self.file_name)
            return
        at = list(columns).index("source_file")
        by_file: dict[str, list[tuple[object, ...]]] = {}
        for row in rows:
            by_file.setdefault(str(row[at] or source_file or self.file_name), []).append(row)
        for file, group in by_file.items():
            self._buffer_findings((columns, group), len(group), file)

    def _buffer_findings(self, findings: pd.DataFrame | _Records, n: int, file: str) -> None:
        self._buffer.append((findings, file))
        self._buffered_rows += n
        self.findings_count += n
        if self._buffered_rows >= FLUSH_ROWS:
            self.flush()

    def findings_where(
        self,
        mask: pd.Series,
        *,
        rows: pd.Series,
        ids: pd.Series | None,
        field: str | None,
        reason: str | pd.Series,
        raw: pd.Series | None,
        action: str = "row_rejected",
    ) -> int:
        """Report one finding per row where ``mask`` holds; return how many.

        ``rows`` are the row references, ``ids`` the record ids and ``raw`` the
        raw values (all aligned with ``mask``); ``reason`` is one text or one per row.
        """
        import pandas as pd

        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return 0
        self.findings(
            pd.DataFrame(
                {
                    "row_ref": rows[mask].astype("string"),
                    "record_id": None if ids is None else ids[mask].astype("string"),
                    "field": field,
                    "reason": reason[mask] if isinstance(reason, pd.Series) else reason,
                    "raw_value": None if raw is None else raw[mask].astype("string").str[:500],
                    "action": action,
                }
            )
        )
        return int(mask.sum())

    def drift(
        self, field: str, change: str, note: str | None = None, *, source_file: str | None = None
    ) -> None:
        """Report a field that was added, missing or renamed compared with the reader."""
        self.sink.add_drift(self.source, source_file or self.file_name, field, change, note)

    def flush(self) -> None:
        """Write the buffered findings (one insert per file name)."""
        import pandas as pd

        buffer, self._buffer, self._buffered_rows = self._buffer, [], 0
        by_file: dict[str, list[pd.DataFrame]] = {}
        for found, file in buffer:
            frame = (
                found
                if isinstance(found, pd.DataFrame)
                else pd.DataFrame.from_records(found[1], columns=list(found[0]))
            )
            by_file.setdefault(file, []).append(frame)
        for file, frames in by_file.items():
            cols = [c for c in FINDING_COLUMNS if any(c in f.columns for f in frames)]
            merged = pd.concat([f.reindex(columns=cols) for f in frames], ignore_index=True)
            self.sink.add_problems(merged, source=self.source, source_file=file)

    def _write_load_run(self) -> None:
        from etl.sink import SinkCounts

        self.sink.add_load_run(
            self.source,
            self.path,
            SinkCounts(self.rows_read, self.rows_loaded, self.rows_rejected),
            extract_date=self.extract_date,
            duration_s=time.perf_counter() - self._t0,
            sha256=self._digest[0] if self._digest else None,
            started_at=self._started_at,
            source_file=self.file_name,
        )


def load(
    reader: Reader | ModuleType,
    path: Path | str,
    sink: BuildSink,
    region: Region,
    *,
    progress: ProgressFactory | None = None,
    failures: FailurePolicy | None = None,
    **options: Any,
) -> LoadRun:
    """Read one file with ``reader`` inside a :class:`LoadRun`; return the finished run.

    ``failures`` decides whether a source failure raises (default) or is
    accepted; ``options`` are reader-specific keywords (e.g. ``workers`` of the
    bulk reader).
    """
    with LoadRun(sink, reader.SOURCE, path, progress=progress, failures=failures) as run:
        run.extract_date = reader.read(Path(path), run, region, **options)
    return run
