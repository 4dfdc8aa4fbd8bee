"""The bulk reader in the main process: members -> typed in DuckDB -> unit stage.

Members are read by a small pool of worker processes when the zip is large,
else in the calling process; results are consumed in member order, typed and
checked in batches by DuckDB (:mod:`.units_sql`) and staged with
:meth:`etl.sink.BuildSink.stage_units_query`. Storage units get their energy
(kWh) from the storage plants at the end.
"""

from __future__ import annotations

import importlib
import os
import threading
import zipfile
import zlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from etl.failures import SourceFailedError
from etl.readers.mastr_bulk.catalog import read_catalog
from etl.readers.mastr_bulk.members import (
    CATALOG_MEMBER,
    FALLBACK_CATALOG,
    KINDS,
    SOURCE,
    SOURCE_FIELDS,
    MemberKind,
    bulk_extract_date,
    classify_member,
    members_date,
    ordered_members,
)
from etl.readers.mastr_bulk.outcome import MemberResult, MemberTask, member_ref
from etl.readers.mastr_bulk.pool import WorkerPool
from etl.readers.mastr_bulk.records import SEP, UnsafeXmlError
from etl.readers.mastr_bulk.recovery import LocalMemberStream, scan_local_headers
from etl.readers.mastr_bulk.scan import scan_member
from etl.readers.mastr_bulk.storage import StoragePlants
from etl.readers.mastr_bulk.units_sql import FINDING_SQL_COLUMNS, UnitTyper

if TYPE_CHECKING:
    from etl.readers.base import LoadRun
    from etl.region import Region

#: Use worker processes when the relevant members inflate to more than this.
PARALLEL_MIN_BYTES = 64 << 20
#: Rows collected before they are typed and staged (small members are batched).
BATCH_ROWS = 50_000


class BulkReader:
    """Reads one zip into a load run (the region's prefix travels to the workers as text)."""

    def __init__(
        self,
        path: Path,
        load_run: LoadRun,
        region: Region,
        extract_date: date | None,
        workers: int | None,
    ) -> None:
        self.path = path
        self.load_run = load_run
        self.prefix = region.prefix
        self.extract_date = extract_date
        self.progress = load_run.progress
        self.workers = workers
        self.catalog: dict[str, str] = {}
        self.storage = StoragePlants(load_run.sink.con, load_run)
        self._pending: list[MemberResult] = []
        self._pending_rows = 0
        self._typer: UnitTyper | None = None
        self.member_date: date | None = None

    # -- problems ------------------------------------------------------------
    def _file(self, member: str | None = None) -> str:
        return f"{self.path.name}/{member}" if member else self.path.name

    def report(self, member: str | None, reason: str, **kw: object) -> None:
        """One finding about the zip or one of its members."""
        self.load_run.finding(reason, source_file=self._file(member), **kw)  # type: ignore[arg-type]

    # -- entry -----------------------------------------------------------------
    def run(self) -> None:
        """Read every unit member, then the storage plants (or recover a truncated zip)."""
        try:
            zf = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile as exc:
            self._run_sequential(exc)
            return
        with zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            self._load_catalog_zip(zf, names)
            members = ordered_members(names)
            sizes = {i.filename: i.file_size for i in infos}
        if not members:
            raise SourceFailedError(
                self.path.name,
                "no unit members (EinheitenWind.xml, EinheitenSolar_N.xml …) in this zip: "
                "is it a MaStR Gesamtdatenexport?",
            )
        self.member_date = members_date([i.date_time for i in infos if _dated_member(i.filename)])
        tasks = [self._task(name, kind) for name, kind in members if not kind.is_plant]
        plants = [(name, kind) for name, kind in members if kind.is_plant]
        total = sum(sizes.get(n, 0) for n, _ in members)
        # Progress counts records (rows/s); their total is unknown until read.
        advance = self.progress("MaStR bulk export: records", None) if self.progress else None
        workers = self.workers
        if workers is None:
            workers = min(2, os.cpu_count() or 1) if total > PARALLEL_MIN_BYTES else 0
        if workers > 1 and len(tasks) + len(plants) > 1:
            self._run_pool(tasks, plants, workers, advance)
        else:
            for t in tasks:
                self._receive(scan_member(t), advance)
            wanted = self._wanted_plant_ids()
            for name, kind in plants:
                self._receive(scan_member(self._task(name, kind, wanted)), advance)
        self._finish_storage(bool(plants))

    def _task(
        self, name: str, kind: MemberKind, wanted: frozenset[str] | None = None
    ) -> MemberTask:
        # Germany: the workers split the columns into Arrow arrays themselves
        return MemberTask(
            str(self.path),
            name,
            kind.key,
            self.prefix,
            self.catalog,
            wanted,
            arrow_columns=not self.prefix,
        )

    def _run_pool(
        self,
        tasks: list[MemberTask],
        plants: list[tuple[str, MemberKind]],
        workers: int,
        advance: Callable[[int], None] | None,
    ) -> None:
        held = _HeldResults(self.prefix)
        if not self.prefix:
            _import_consumers_in_background()
        with WorkerPool(workers) as pool:
            for res in pool.map_ordered(tasks):
                self._receive(res, advance, held)
            wanted = self._wanted_plant_ids(held.results)
            for res in pool.map_ordered([self._task(n, k, wanted) for n, k in plants]):
                self._receive(res, advance, held)
        for res in held.release():
            if KINDS[res.kind_key].is_plant:
                # Type the units before the plants import pandas: the typing's
                # transient memory then adds to a smaller process (its findings
                # are buffered before the plants', unlike on the inline path).
                self._flush_units()
            self._consume(res)

    def _receive(
        self,
        res: MemberResult,
        advance: Callable[[int], None] | None,
        held: _HeldResults | None = None,
    ) -> None:
        """A member's result as it arrives: count its records, then consume or hold it."""
        if advance is not None and not KINDS[res.kind_key].is_plant:
            advance(res.records)
        if held is not None:
            if held.hold(res):
                return
            for earlier in held.release():
                self._consume(earlier)
        self._consume(res)

    def _run_sequential(self, exc: Exception) -> None:
        headers = scan_local_headers(self.path)
        members = ordered_members([h[0] for h in headers])
        if not members:
            raise SourceFailedError(
                self.path.name,
                f"not a readable zip ({exc}) and no MaStR member could be found in it: "
                "download it again",
            ) from exc
        self.load_run.fail(
            f"the zip cannot be read completely: no or broken central directory ({exc}); "
            "the file is probably truncated: download it again",
            raw_value=f"{self.path.stat().st_size} bytes",
        )
        self.report(
            None,
            "zip directory unreadable: members were read one by one from their local headers",
            action="flagged",
        )
        where = {h[0]: h for h in headers}
        if CATALOG_MEMBER in where:
            _, off, method, size = where[CATALOG_MEMBER]
            with open(self.path, "rb") as fh:
                try:
                    self._set_catalog(read_catalog(LocalMemberStream(fh, off, method, size)))
                except (UnsafeXmlError, zlib.error, EOFError) as err:
                    self._catalog_missing(f"{CATALOG_MEMBER} unreadable ({err})")
        else:
            self._catalog_missing(f"{CATALOG_MEMBER} not found")
        advance = (
            self.progress("MaStR bulk export (damaged zip): records", None)
            if self.progress
            else None
        )

        def task(name: str, kind: MemberKind, wanted: frozenset[str] | None) -> MemberTask:
            """A task reading the member from its local header."""
            _, off, method, size = where[name]
            t = self._task(name, kind, wanted)
            t.data_offset, t.method, t.compressed_size = off, method, size
            return t

        plants = [(n, k) for n, k in members if k.is_plant]
        for name, kind in members:
            if not kind.is_plant:
                self._receive(scan_member(task(name, kind, None)), advance)
        wanted = self._wanted_plant_ids()
        for name, kind in plants:
            self._receive(scan_member(task(name, kind, wanted)), advance)
        self._finish_storage(bool(plants))

    # -- catalogue -------------------------------------------------------------
    def _load_catalog_zip(self, zf: zipfile.ZipFile, names: list[str]) -> None:
        name = next((n for n in names if n.rsplit("/", 1)[-1] == CATALOG_MEMBER), None)
        if name is None:
            self._catalog_missing(f"{CATALOG_MEMBER} not in the zip")
            return
        try:
            with zf.open(name) as fh:
                self._set_catalog(read_catalog(fh))
        except (UnsafeXmlError, zlib.error, EOFError, zipfile.BadZipFile) as exc:
            self._catalog_missing(f"{CATALOG_MEMBER} unreadable ({exc})")

    def _set_catalog(self, result: tuple[dict[str, str], list[str]]) -> None:
        self.catalog, issues = result
        for msg in issues[:1000]:
            self.report(CATALOG_MEMBER, f"catalogue record skipped: {msg}")
        if not self.catalog:
            self._catalog_missing(f"{CATALOG_MEMBER} has no values")

    def _catalog_missing(self, why: str) -> None:
        self.load_run.fail(
            f"{why}: carrier, status, Bundesland and manufacturer cannot be decoded reliably",
            member=CATALOG_MEMBER,
        )
        self.catalog = dict(FALLBACK_CATALOG)
        self.report(
            CATALOG_MEMBER,
            f"{why}: status and carrier decoded with the built-in codes of release 25.2, "
            "other catalogue fields left empty",
            action="flagged",
        )

    # -- one member's result -----------------------------------------------------
    def _consume(self, res: MemberResult) -> None:
        kind = KINDS[res.kind_key]
        member = res.member
        if res.refused:
            self.load_run.fail(
                f"member refused and skipped, not parsed: {res.refused} — external entities and "
                "entity expansion are never resolved; every unit of this member would be missing",
                member=member,
            )
            return
        if not kind.is_plant:
            self.load_run.count(read=res.records, rejected=res.key_rejected + res.malformed)
        if res.problems:
            self._problems(res.problems, member)
        if res.encoding_mismatch:
            declared, actual = res.encoding_mismatch
            self.report(
                member,
                f"member declares encoding {declared} but its bytes are {actual}: read as {actual}",
                field="encoding",
                raw_value=f"declared {declared}, bytes {actual}",
                action="flagged",
            )
        if res.replaced_chars:
            self.report(
                member,
                "invalid UTF-16 sequences were replaced by U+FFFD",
                action="flagged",
            )
        if res.error:
            self.load_run.fail(
                f"member damaged ({res.error}): the {res.records} records read before the "
                "damage were loaded, the rest of the member is missing",
                member=member,
                row_ref=f"after {member_ref(kind.row, res.records)}",
            )
        self._drift(res, kind)
        if kind.is_plant:
            self.storage.load(res, self._file(res.member))
        else:
            self._load_units(res, kind)

    def _problems(self, problems: list[dict[str, str | None]], member: str) -> None:
        columns = tuple(problems[0])
        rows = [tuple(p[c] for c in columns) for p in problems]
        self.load_run.finding_rows(columns, rows, source_file=self._file(member))

    def _drift(self, res: MemberResult, kind: MemberKind) -> None:
        if not res.seen or res.refused:
            return
        file = self._file(res.member)
        seen = res.seen
        renamed_to = {new for old, new in kind.renamed.items() if old in seen}
        drift = self.load_run.drift
        for old, new in kind.renamed.items():
            if old in seen:
                drift(old, "renamed", f"old name of {new}: read as {new}", source_file=file)
        for name in sorted(seen - kind.known - set(kind.renamed)):
            drift(name, "added", "element not in the reader's XSD (release 25.2)", source_file=file)
        for name in kind.expected:
            if name not in seen and name not in renamed_to:
                drift(
                    name,
                    "missing",
                    "element the reader uses does not occur in the records read",
                    source_file=file,
                )

    # -- units -----------------------------------------------------------------
    def _load_units(self, res: MemberResult, kind: MemberKind) -> None:
        """Queue a member's rows; small members are batched so per-call costs stay low."""
        if not res.rows:
            return
        self._pending.append(res)
        self._pending_rows += res.rows
        if self._pending_rows >= BATCH_ROWS:
            self._flush_units()

    def _flush_units(self) -> None:
        """Type, check and stage the queued rows in DuckDB (:mod:`.units_sql`)."""
        if not self._pending:
            return
        pending, self._pending, self._pending_rows = self._pending, [], 0
        if self._typer is None:
            self._typer = UnitTyper(self.load_run.sink.con, self.catalog, self.extract_date)
        batch, found = self._typer.stage(
            pending,
            [self._file(r.member) for r in pending],
            self.load_run.sink,
            self.storage.add_links,
        )
        self.load_run.finding_rows(FINDING_SQL_COLUMNS, found)
        self.load_run.count(loaded=batch.staged, rejected=batch.rejected)

    def _wanted_plant_ids(self, held: Sequence[MemberResult] = ()) -> frozenset[str] | None:
        """The storage plants the region's storage units name (``None``: all, for Germany).

        Taken from the staged links and the raw ``SpeMastrNummer`` of the rows
        still queued or ``held``, which are typed only after the workers have
        exited (a region build's peak memory is then the main process's alone).
        A queued row rejected later makes its plant read for nothing, never missing.
        """
        staged = self.storage.wanted_ids(self.prefix)
        if staged is None:
            return None
        queued = {
            spe.strip()
            for r in [*self._pending, *held]
            if r.kind_key == "storage" and r.rows
            for spe in r.columns.get("SpeMastrNummer", "").split(SEP)
        }
        return staged | {spe for spe in queued if spe}

    def _finish_storage(self, had_plants: bool) -> None:
        """Stage the last rows, then join the storage energy (kWh) from the plants."""
        self._flush_units()
        self.storage.finish()


class _HeldResults:
    """A region build's member results, held until the workers have exited.

    Consuming a result (typing, storage plants) needs Arrow, pandas and DuckDB
    in the main process; holding a district's few results instead keeps the
    main process small while the workers read, so the build's peak is one
    process, not three. Holding stops for good (earlier results are consumed
    in order, later ones as they come) once the held rows and findings reach
    :data:`BATCH_ROWS` (a large region), and at a damaged or refused member,
    so a source that cannot be read completely fails the run at once. Germany
    is never held.
    """

    def __init__(self, prefix: str) -> None:
        self.active = bool(prefix)
        self.results: list[MemberResult] = []
        self.rows = 0

    def hold(self, res: MemberResult) -> bool:
        """Hold ``res`` if the region is still small and intact; ``False``: consume now."""
        size = res.rows + len(res.problems)
        if not self.active or res.error or res.refused or self.rows + size >= BATCH_ROWS:
            self.active = False
            return False
        self.results.append(res)
        self.rows += size
        return True

    def release(self) -> list[MemberResult]:
        """The held results in reading order; none are held afterwards."""
        out, self.results, self.rows = self.results, [], 0
        return out


def _import_consumers_in_background() -> None:
    """Import pyarrow and pandas while the workers read the first members (Germany).

    The main process only waits for the first result then, and consuming it
    needs both (about a second of imports, otherwise on the build's critical
    path). Imported in the order consuming imports them, so neither thread
    waits on the other's import lock while holding one. A district build
    keeps them out of its read phase instead (:class:`_HeldResults`).
    """

    def run() -> None:
        for name in ("pyarrow.compute", "pandas"):
            importlib.import_module(name)

    threading.Thread(target=run, name="import-consumers", daemon=True).start()


def _dated_member(name: str) -> bool:
    return name.rsplit("/", 1)[-1] == CATALOG_MEMBER or classify_member(name) is not None


def read(path: Path, run: LoadRun, region: Region, *, workers: int | None = None) -> date | None:
    """Load the units of one MaStR bulk export zip into ``run.sink``; return its extract date.

    Only units whose ``Gemeindeschluessel`` lies in ``region`` are loaded (all
    of Germany: offshore wind included). Every problem is a finding, drift is
    reported per member (element names of the first records of each member and
    of every record parsed). Counts: ``rows_read`` is every unit record read
    (boundary repeats included), ``rows_loaded`` the rows staged,
    ``rows_rejected`` the rows not loaded for a problem; the remaining records
    lie outside the region. ``workers``: number of worker processes (``None``:
    both cores for large zips, ``0``: none). The zip's SHA-256 is computed by
    the run in a background thread while the members are read.
    """
    path = Path(path)
    run.sink.register_field_names(SOURCE, SOURCE_FIELDS.items())
    extract_date = bulk_extract_date(path.name)
    reader = BulkReader(path, run, region, extract_date, workers)
    reader.run()
    return extract_date or reader.member_date
