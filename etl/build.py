"""Build the database: discover raw files, run the readers, finalize, publish.

``build_database`` is the one entry point used by the CLI, the dashboard's
upload flow and the tests. It never writes to the served database: it builds
``energy-<timestamp>.duckdb`` next to it and publishes that only when every
step succeeded (see :mod:`etl.publish`).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from etl import __version__, finalize, publish
from etl.config import Settings

ProgressFactory = Callable[[str, int | None], Callable[[int], None]]
"""Given a description and a total, returns a callback that advances by n."""

_BULK_PATTERN = re.compile(r"^Gesamtdatenexport_(\d{8})(?:_[\d.]+)?\.zip$", re.IGNORECASE)
_WEB_CSV_MARKER = "MaStR-Nr. der Einheit"
#: DuckDB memory cap for a build; staging and sorting spill to disk beyond it,
#: so a build of all of Germany stays bounded (override with EZ_BUILD_MEMORY).
BUILD_MEMORY_LIMIT = os.environ.get("EZ_BUILD_MEMORY", "400MB")


@dataclass
class Sources:
    """Raw files found for one build."""

    bulk_zips: list[Path] = field(default_factory=list)
    web_csvs: list[Path] = field(default_factory=list)
    boundaries: Path | None = None
    population: Path | None = None
    office_lists: dict[str, Path] = field(default_factory=dict)

    @property
    def has_unit_data(self) -> bool:
        return bool(self.bulk_zips or self.web_csvs)


@dataclass
class BuildReport:
    """What a build did; printed by the CLI as a summary table."""

    path: Path
    is_demo: bool
    region_prefix: str
    sources: Sources
    counts: dict[str, int] = field(default_factory=dict)
    duration_s: float = 0.0


def _is_web_csv(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    for enc in ("utf-8-sig", "cp1252", "utf-16"):
        try:
            if _WEB_CSV_MARKER in head.decode(enc, errors="strict"):
                return True
        except UnicodeDecodeError:
            continue
    return False


def discover_sources(raw_dir: Path) -> Sources:
    """Find the raw files in ``raw_dir`` (not in its ``demo/`` or ``templates/`` folders).

    - ``Gesamtdatenexport_YYYYMMDD_*.zip``: MaStR bulk export (newest one wins)
    - ``*.csv`` whose header names ``MaStR-Nr. der Einheit``: MaStR web CSV exports
    - ``*.gpkg`` (VG250/VG5000/VG2500): municipal boundaries
    - ``einwohner*.csv`` / ``population*.csv``: population per municipality
    - office lists (wind permits, hydrogen projects, wind areas): see :mod:`etl.office`
    """
    src = Sources()
    if not raw_dir.exists():
        return src
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    bulk = [p for p in files if _BULK_PATTERN.match(p.name)]
    if bulk:
        src.bulk_zips = [max(bulk, key=lambda p: _BULK_PATTERN.match(p.name).group(1))]
    for p in files:
        low = p.name.lower()
        if p.suffix.lower() == ".gpkg" and src.boundaries is None and "wind" not in low:
            src.boundaries = p
        elif p.suffix.lower() == ".csv" and low.startswith(("einwohner", "population")):
            src.population = p
        elif p.suffix.lower() == ".csv" and _is_web_csv(p):
            src.web_csvs.append(p)
    try:
        from etl import office
    except ImportError:  # office lists not available
        office = None
    if office is not None:
        src.office_lists = office.discover(raw_dir)
    return src


def extract_date_from_name(name: str) -> date | None:
    """Date in a file name (``20261121`` or ``2026-11-21``), if any."""
    m = re.search(r"(20\d{2})-?(\d{2})-?(\d{2})", name)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def build_database(
    settings: Settings,
    *,
    progress: ProgressFactory | None = None,
    publish_result: bool = True,
    force_demo: bool = False,
) -> BuildReport:
    """Build a new database from ``settings.raw_dir`` (or demo data) and publish it.

    Raises on any failure; the previously served database then stays served and
    the half-built file is removed.
    """
    # Readers are imported only when their source is present: geopandas and
    # friends cost ~100 MB of memory that a bulk-only build never needs.
    from etl.sink import BuildSink

    started = time.perf_counter()
    sources = discover_sources(settings.raw_dir)
    is_demo = force_demo or not sources.has_unit_data
    if is_demo:
        from etl import demo

        demo.generate_demo(settings.demo_dir, region_prefix=settings.region_prefix)
        sources = discover_sources(settings.demo_dir)
        if not sources.has_unit_data:
            raise RuntimeError(f"demo generation wrote no unit data to {settings.demo_dir}")

    path = publish.new_build_path(settings.processed_dir)
    report = BuildReport(
        path=path, is_demo=is_demo, region_prefix=settings.region_prefix, sources=sources
    )
    con = duckdb.connect(str(path), config={"memory_limit": BUILD_MEMORY_LIMIT})
    try:
        sink = BuildSink(con)
        sink.set_info("is_demo", is_demo)
        sink.set_info("region_prefix", settings.region_prefix)
        sink.set_info("region_name", settings.region_name)
        sink.set_info("built_at", datetime.now(UTC).isoformat(timespec="seconds"))
        sink.set_info("build_id", path.stem)
        sink.set_info("code_version", __version__)

        if sources.boundaries is not None:
            from etl import vg250

            vg250.read_municipalities(sources.boundaries, sink, settings.region_prefix)
        if sources.population is not None:
            from etl import population

            population.read_population(sources.population, sink)

        extract_dates: list[date] = []
        if sources.bulk_zips:
            from etl import mastr_bulk
        for zp in sources.bulk_zips:
            d = mastr_bulk.read_bulk_zip(zp, sink, settings.region_prefix, progress=progress)
            if d:
                extract_dates.append(d)
        if sources.web_csvs:
            from etl import mastr_web_csv
        for cp in sources.web_csvs:
            d = mastr_web_csv.read_web_csv(cp, sink, settings.region_prefix)
            if d:
                extract_dates.append(d)

        report.counts.update(finalize.resolve_duplicates(con))
        report.counts["coordinates_cleared"] = finalize.check_coordinates(con)
        report.counts["capacity_flagged"] = finalize.flag_capacities(con)
        report.counts["unknown_municipality_keys"] = finalize.check_municipality_keys(con)
        data_date = max(extract_dates) if extract_dates else None
        sink.set_info("data_date", data_date.isoformat() if data_date else None)

        from etl import office

        # Always: the office marts (pipeline from MaStR planned units, turbines in
        # areas …) are built even when no office list is present.
        office.read_all(sources.office_lists, sink, settings.region_prefix)

        from etl import marts

        marts.build_marts(con)
        finalize.validate_build(con)
        report.counts["units"] = con.execute("SELECT count(*) FROM core_mastr__units").fetchone()[0]
        report.counts["problems"] = con.execute(
            "SELECT count(*) FROM meta_rejected_rows"
        ).fetchone()[0]
        report.duration_s = time.perf_counter() - started
        sink.set_info("build_duration_s", round(report.duration_s, 2))
        con.execute("CHECKPOINT")
        con.close()
    except BaseException:
        con.close()
        path.unlink(missing_ok=True)
        path.with_name(path.name + ".wal").unlink(missing_ok=True)
        raise
    if publish_result:
        publish.publish(settings.processed_dir, path, keep=settings.keep_builds)
    return report
