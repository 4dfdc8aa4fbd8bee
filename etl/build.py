"""Build the database: discover raw files, run the readers, finalize, gate, publish.

``build_database`` is the one entry point used by the CLI, the dashboard's
upload flow and the tests. It never writes to the served database: it builds
``energy-<timestamp>.duckdb`` next to it and publishes that only when every
step succeeded (see :mod:`etl.publish`) and the publish gate
(:mod:`etl.gate`) lets it pass.

A source that cannot be read completely fails the build
(:class:`etl.failures.SourceFailedError`), as does a unit source with no unit
in the region and a build without units; ``accept_partial`` publishes such a
build marked ``partial`` in ``meta_build`` (with the reasons). When the served
build is real, a run that finds no real unit source fails instead of building
demo data.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl import __version__, finalize, gate, memory, publish
from etl.config import Settings
from etl.discover import READERS, Sources, discover_sources
from etl.failures import FailurePolicy, GateRefusedError, SourceFailedError
from etl.lock import writer_lock
from etl.readers.base import ProgressFactory, load
from etl.region import Region

if TYPE_CHECKING:
    from etl.sink import BuildSink

#: DuckDB memory cap for a build; staging and sorting spill to disk beyond it,
#: so a build of all of Germany stays bounded (override with EZ_BUILD_MEMORY).
BUILD_MEMORY_LIMIT = os.environ.get("EZ_BUILD_MEMORY", "400MB")


@dataclass
class BuildReport:
    """What a build did; printed by the CLI as a summary table."""

    path: Path
    is_demo: bool
    region_prefix: str
    sources: Sources
    counts: dict[str, int] = field(default_factory=dict)
    duration_s: float = 0.0
    partial_reasons: list[str] = field(default_factory=list)
    gate: gate.GateDecision | None = None


def read_sources(
    sources: Sources,
    sink: BuildSink,
    region: Region,
    progress: ProgressFactory | None = None,
    failures: FailurePolicy | None = None,
) -> list[date]:
    """Run every reader of :data:`etl.discover.READERS` on its files; return the extract dates.

    A reader module is imported only when its source is present: geopandas and
    friends cost ~100 MB that a bulk-only build never needs. A unit source that
    loads no unit of the region fails (see :class:`etl.failures.FailurePolicy`).
    """
    failures = failures if failures is not None else FailurePolicy()
    extract_dates: list[date] = []
    for name in READERS:
        reader = None
        for path in sources.for_reader(name):
            if reader is None:
                reader = importlib.import_module(f"etl.readers.{name}")
            run = load(reader, path, sink, region, progress=progress, failures=failures)
            if run.extract_date:
                extract_dates.append(run.extract_date)
            if name in UNIT_READERS and not run.failed and run.rows_loaded == 0:
                failures.fail(
                    path.name,
                    f"0 units in the region {region.prefix or 'Deutschland'}: "
                    f"{run.rows_read:,} records read, none loaded (wrong file or wrong region?)",
                )
    return extract_dates


#: Readers of MaStR units: each must load at least one unit of the region.
UNIT_READERS = ("mastr_bulk", "mastr_web_csv")


def _check_demo_allowed(settings: Settings, sources: Sources, force_demo: bool) -> None:
    """Demo never replaces real: fail when the served build is real and no unit source exists."""
    served = gate.served_snapshot(settings.processed_dir)
    if served is None or served.is_demo:
        return
    if force_demo:
        raise SourceFailedError(
            settings.processed_dir.name,
            f"--demo would replace the served real build {served.build} with demo data; "
            "build demo data into another --processed-dir",
        )
    ignored = "; ".join(f"{p.name}: {why}" for p, why in sources.ignored) or "the folder is empty"
    raise SourceFailedError(
        str(settings.raw_dir),
        f"no MaStR unit source recognised, and the served build {served.build} is real: "
        f"demo data never replaces it. Files ignored: {ignored}",
    )


def build_database(
    settings: Settings,
    *,
    progress: ProgressFactory | None = None,
    publish_result: bool = True,
    force_demo: bool = False,
    accept_partial: bool = False,
    accept_changes: str | None = None,
    purpose: str = "etl",
    on_wait: Callable[[str], None] | None = None,
    verify: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> BuildReport:
    """Build a new database from ``settings.raw_dir`` (or demo data) and publish it.

    Holds the writer lock of the processed folder (:func:`etl.lock.writer_lock`,
    ``purpose`` names this writer to a waiting one, ``on_wait`` is told when it
    waits) from reading the sources to switching the pointer, and first removes
    what killed builds left. Raises on any failure; the previously served
    database then stays served and the half-built file is removed.
    :class:`etl.failures.SourceFailedError`: a source failed (unless
    ``accept_partial``); :class:`etl.failures.GateRefusedError`: the publish gate
    refused the build (unless ``accept_changes`` gives a reason), which is then
    kept in ``<processed>/refused/``; :class:`etl.lock.WriterBusyError`: another
    writer held the lock longer than ``settings.writer_wait_s``. ``verify`` runs on the
    finished build before it is closed (e.g. the upload's rows are in it); if it
    raises, nothing is published.
    """
    with writer_lock(
        settings.processed_dir, purpose=purpose, wait_s=settings.writer_wait_s, on_wait=on_wait
    ):
        publish.remove_stale(settings.processed_dir)
        pointer = publish.read_pointer(settings.processed_dir)
        report, work = _build(
            settings,
            progress=progress,
            publish_result=publish_result,
            force_demo=force_demo,
            accept_partial=accept_partial,
            accept_changes=accept_changes,
            verify=verify,
        )
        if publish_result:
            _gate_and_publish(settings, work, report, pointer)
        else:
            publish.complete_build(work, report.path)
    return report


def _build(
    settings: Settings,
    *,
    progress: ProgressFactory | None,
    publish_result: bool,
    force_demo: bool,
    accept_partial: bool,
    accept_changes: str | None,
    verify: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> tuple[BuildReport, Path]:
    """Build into a partial file; return the report (with the build's final path) and
    the closed partial file."""
    from etl.sink import BuildSink

    started = time.perf_counter()
    sources = discover_sources(settings.raw_dir)
    is_demo = force_demo or not sources.has_unit_data
    if is_demo and publish_result and not (force_demo and accept_changes):
        _check_demo_allowed(settings, sources, force_demo)
    if is_demo:
        from etl import demo

        demo.generate_demo(settings.demo_dir, region_prefix=settings.region_prefix)
        sources = discover_sources(settings.demo_dir)
        if not sources.has_unit_data:
            raise RuntimeError(f"demo generation wrote no unit data to {settings.demo_dir}")

    path = publish.new_build_path(settings.processed_dir)
    work = publish.partial_path(path)
    report = BuildReport(
        path=path, is_demo=is_demo, region_prefix=settings.region_prefix, sources=sources
    )
    failures = FailurePolicy(accept_partial=accept_partial)
    con = duckdb.connect(
        str(work), config=memory.build_connection_config(settings.region_prefix, BUILD_MEMORY_LIMIT)
    )
    sink = None
    try:
        sink = BuildSink(con)
        sink.set_info("is_demo", is_demo)
        sink.set_info("region_prefix", settings.region_prefix)
        sink.set_info("region_name", settings.region_name)
        sink.set_info("built_at", datetime.now(UTC).isoformat(timespec="seconds"))
        sink.set_info("build_id", path.stem)
        sink.set_info("code_version", __version__)

        region = Region(settings.region_prefix)
        extract_dates = read_sources(sources, sink, region, progress, failures)

        # pandas (through these steps) only now: a district's workers have exited.
        from etl import coordinates, findings

        report.counts.update(finalize.resolve_duplicates(con))
        sink.discard_staged()
        report.counts["coordinates_cleared"] = coordinates.check_coordinates(
            con, settings.region_prefix
        )
        report.counts["capacity_flagged"] = finalize.flag_capacities(con)
        report.counts["unknown_municipality_keys"] = finalize.check_municipality_keys(con)
        data_date = max(extract_dates) if extract_dates else None
        sink.set_info("data_date", data_date.isoformat() if data_date else None)

        from etl import office

        # Always: the office marts (pipeline from MaStR planned units, turbines in
        # areas …) are built even when no office list is present.
        office.read_all(sources.office_lists, sink, settings.region_prefix)
        findings.complete(con, sink.field_names)

        from etl import marts, neighbours

        sink.set_info(
            "eeg_neighbours",
            neighbours.load_neighbour_wind(con, sources.for_reader("mastr_bulk"), region),
        )
        marts.build_marts(con)
        finalize.validate_build(con)
        if verify is not None:
            verify(con)
        report.counts["units"] = con.execute("SELECT count(*) FROM core_mastr__units").fetchone()[0]
        if report.counts["units"] == 0 and not failures.reasons:
            failures.fail("build", f"0 units in the region {region.prefix or 'Deutschland'}")
        report.partial_reasons = list(failures.reasons)
        sink.set_info("partial", failures.partial)
        sink.set_info("partial_reasons", json.dumps(failures.reasons, ensure_ascii=False))
        sink.set_info("partial_reasons_de", json.dumps(failures.reasons_de, ensure_ascii=False))
        report.counts["problems"] = con.execute(
            "SELECT count(*) FROM meta_rejected_rows"
        ).fetchone()[0]
        report.duration_s = time.perf_counter() - started
        sink.set_info("build_duration_s", round(report.duration_s, 2))
        if publish_result:
            report.gate = gate.evaluate(
                gate.snapshot(con, path.name),
                gate.served_snapshot(settings.processed_dir),
                threshold=settings.gate_threshold,
                accept_changes=accept_changes,
            )
            gate.record(con, report.gate)
        con.execute("CHECKPOINT")
        con.close()
    except BaseException:
        con.close()
        if sink is not None:
            shutil.rmtree(sink.stage_dir, ignore_errors=True)
        work.unlink(missing_ok=True)
        work.with_name(work.name + ".wal").unlink(missing_ok=True)
        raise
    return report, work


def _gate_and_publish(
    settings: Settings, work: Path, report: BuildReport, pointer: str | None
) -> None:
    """Complete and publish the closed build, or keep it aside and raise when the gate
    refuses it or the pointer moved since the build started (``pointer``)."""
    decision = report.gate
    assert decision is not None
    if not decision.publishes:
        kept = gate.keep_aside(settings.processed_dir, work, name=report.path.name)
        report.path = kept
        gate.write_last(settings.processed_dir, decision)
        raise GateRefusedError(decision.reasons, decision.table(), kept)
    publish.complete_build(work, report.path)
    try:
        publish.publish(
            settings.processed_dir,
            report.path,
            keep=settings.keep_builds,
            expected_pointer=pointer,
            grace_s=settings.prune_grace_s,
        )
    except publish.PointerMovedError:
        report.path = gate.keep_aside(settings.processed_dir, report.path)
        raise
    gate.write_last(settings.processed_dir, decision)
