"""The office's own lists: wind permit pipeline, hydrogen projects, wind areas.

The MaStR knows units in operation and units registered as planned; it does
not know the district's full permit pipeline, there is no register of
hydrogen projects, and the regional plan's wind areas are polygons from the
planning association. The office keeps these itself, in the templates of
``data/raw/templates/`` (documented in its README). This package

- fills the tables ``core_office__*`` and the ``out_*`` marts of the office
  pages, defined in the one schema (:mod:`etl.schema.office`,
  :mod:`etl.schema.office_marts`);
- finds the lists in a raw folder (:func:`discover`);
- reads them strictly (:mod:`etl.office.lists`, :mod:`etl.office.wind_areas`)
  and reconciles the permit list with the MaStR (:mod:`etl.office.reconcile`)
  inside the build (:func:`read_all`).

The labelled demo lists are written by :mod:`etl.demo.office_lists`.

File naming in a raw folder (case-insensitive; hidden files and Excel lock
files ``~$…`` are ignored; when several files of one kind exist, the most
recently modified one is read and the others are reported):

- wind permit pipeline: ``windpipeline*.xlsx|csv`` (also ``windgenehmigung*``);
- hydrogen projects: ``wasserstoff*.xlsx|csv`` or ``hydrogen*.xlsx|csv``;
- wind areas: ``windgebiete*.gpkg|shp|zip`` (a zip holds one Shapefile).

Files in the ``uploads/`` sub-folder (written by the dashboard's upload page)
take part in the same choice. Generated demo lists (``*_DEMO.*``) count only
when no other file of their kind exists (they are rewritten on every demo
build, so their age says nothing).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl import schema
from etl.office.lists import (
    Issue,
    ListResult,
    Municipality,
    RegionContext,
    read_list,
    read_list_file,
)
from etl.office.spec import (
    HYDROGEN,
    LIST_SPECS,
    WIND_AREA_PREFIXES,
    WIND_AREAS_SOURCE,
    WIND_PERMITS,
)
from etl.readers.base import LoadRun, extract_date_from_name
from etl.region import Region
from etl.schema.office import OFFICE_CORE_TABLES
from etl.schema.office_marts import OFFICE_MARTS

if TYPE_CHECKING:  # pandas on use: a district build reads its sources without it
    import pandas as pd

__all__ = [
    "KINDS",
    "Issue",
    "ListResult",
    "RegionContext",
    "build_office_marts",
    "discover",
    "read_all",
    "read_list",
    "region_context",
]

#: The three kinds of office files, in the order they are read.
KINDS: tuple[str, ...] = ("wind_permits", "hydrogen_projects", "wind_areas")
TABLE_SUFFIXES = (".xlsx", ".csv")
AREA_SUFFIXES = (".gpkg", ".shp", ".zip")
UPLOADS_DIR = "uploads"


def kind_of(name: str) -> str | None:
    """Which office list a file name stands for (by prefix and suffix), else ``None``."""
    low = name.lower()
    if low.startswith((".", "~$")):
        return None
    suffix = Path(low).suffix
    if suffix in TABLE_SUFFIXES:
        for spec in (WIND_PERMITS, HYDROGEN):
            if low.startswith(spec.file_prefixes):
                return spec.kind
    if suffix in AREA_SUFFIXES and low.startswith(WIND_AREA_PREFIXES):
        return "wind_areas"
    return None


def candidates(raw_dir: Path) -> dict[str, list[Path]]:
    """All office files in ``raw_dir`` and its ``uploads/`` folder, newest first per kind."""
    found: dict[str, list[Path]] = {}
    for folder in (raw_dir, raw_dir / UPLOADS_DIR):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            kind = kind_of(p.name) if p.is_file() else None
            if kind:
                found.setdefault(kind, []).append(p)
    for paths in found.values():
        # Generated demo lists (``*DEMO*``) only when nothing else exists: they are
        # rewritten on every demo build, so their age says nothing.
        paths.sort(key=lambda p: ("demo" not in p.name.lower(), p.stat().st_mtime, p.name))
        paths.reverse()
    return found


def discover(raw_dir: Path) -> dict[str, Path]:
    """The office files to read from ``raw_dir``: kind -> path (newest file per kind)."""
    return {kind: paths[0] for kind, paths in candidates(Path(raw_dir)).items()}


# --------------------------------------------------------------------------- #
# Region context
# --------------------------------------------------------------------------- #
def region_context(
    con: duckdb.DuckDBPyConnection, region_prefix: str, reference_date: date | None = None
) -> RegionContext:
    """The region and its municipalities (with WGS84 shapes) from a build database."""
    munis: dict[str, Municipality] = {}
    try:
        rows = con.execute(
            "SELECT municipality_key, municipality_name, centroid_latitude, centroid_longitude, "
            "geometry_wkb FROM core_bkg__municipalities"
        ).fetchall()
    except duckdb.CatalogException:
        rows = []
    region = Region(region_prefix)
    if rows:  # shapely only with boundaries (about 18 MB)
        from shapely import wkb
    for key, name, lat, lon, geom in rows:
        if not region.contains(str(key)):
            continue
        munis[key] = Municipality(
            key, name, lat, lon, wkb.loads(bytes(geom)) if geom is not None else None
        )
    if reference_date is None:
        reference_date = _data_date(con)
    return RegionContext(region_prefix, munis, reference_date)


def _data_date(con: duckdb.DuckDBPyConnection) -> date:
    try:
        rows = con.execute("SELECT value FROM meta_build WHERE key = 'data_date'").fetchall()
        row = rows[0] if rows else None
    except duckdb.CatalogException:
        row = None
    if row and row[0]:
        return date.fromisoformat(row[0])
    return datetime.now(UTC).date()


# --------------------------------------------------------------------------- #
# The build step
# --------------------------------------------------------------------------- #
def _ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the office tables and marts from the schema, unless the build has them."""
    existing = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    for t in (*OFFICE_CORE_TABLES, *OFFICE_MARTS):
        if t.name not in existing:
            t.create(con)


def _insert(con: duckdb.DuckDBPyConnection, table_name: str, df: pd.DataFrame) -> None:
    if df.empty:
        return
    t = schema.table(table_name)
    df = schema.conform(df, t)
    con.register("_office_rows", df)
    con.execute(f"INSERT INTO {table_name} SELECT * FROM _office_rows")
    con.unregister("_office_rows")


def store_result(run: LoadRun, result: ListResult) -> None:
    """Write a read list into the build through its load run: rows, problems, drift, counts."""
    table_name = result.spec.table_name if result.spec is not None else "core_office__wind_areas"
    _insert(run.sink.con, table_name, result.valid)
    run.findings(result.issues_frame(), source_file=result.source_file)
    for col in result.unknown_columns:
        run.drift(col, "added", "column not in the template", source_file=result.source_file)
    if result.spec is not None:
        for name in result.missing_columns:
            f = result.spec.field(name)
            if not f.required:
                run.drift(
                    f.header_de,
                    "missing",
                    "optional column absent",
                    source_file=result.source_file,
                )
    if result.omitted_count:
        run.finding(
            f"{result.omitted_count} further problems are counted but not stored "
            f"(the first {len(result.issues)} are)",
            action="flagged",
            source_file=result.source_file,
        )
    run.count(
        read=result.rows_read,
        loaded=len(result.valid),
        rejected=len(result.rejected_rows) if result.file_problem is None else result.rows_read,
    )


def _read_one(kind: str, path: Path, ctx: RegionContext) -> ListResult:
    """Read one office file of ``kind``."""
    if kind == "wind_areas":
        from etl.office.wind_areas import read_wind_areas

        return read_wind_areas(path, ctx)
    return read_list_file(path, LIST_SPECS[kind], ctx)


def read_all(paths: dict[str, Path], sink, region_prefix: str) -> None:
    """Read the office files found by :func:`discover` into the build, then build the marts.

    Runs after the MaStR units are final, so the permit list can be reconciled
    with ``core_mastr__units``. Each file is one :class:`~etl.readers.base.LoadRun`.
    Also reports office files that were found but not read (an older file of
    the same kind).
    """
    con = sink.con
    _ensure_tables(con)
    ctx = region_context(con, region_prefix)
    for kind in KINDS:
        path = paths.get(kind)
        if path is None:
            continue
        source = WIND_AREAS_SOURCE if kind == "wind_areas" else LIST_SPECS[kind].source
        with LoadRun(sink, source, path) as run:
            result = _read_one(kind, path, ctx)
            store_result(run, result)
            run.extract_date = extract_date_from_name(path.name)
            folder = path.parent if path.parent.name != UPLOADS_DIR else path.parent.parent
            for other in candidates(folder).get(kind, [])[1:]:
                run.finding(
                    f"an older file of the same kind: {path.name} was read instead",
                    action="flagged",
                    source_file=other.name,
                )
    build_office_marts(con, ctx.reference_date or _data_date(con))


def build_office_marts(con: duckdb.DuckDBPyConnection, reference: date) -> dict[str, int]:
    """Fill the ``out_*`` tables of the office pages from the core tables."""
    from etl.office import geo, reconcile

    _ensure_tables(con)
    frames = reconcile.reconcile(con, reference)
    frames["out_wind_area_by_municipality"] = geo.area_by_municipality(con)
    frames["out_wind_units_in_areas"] = geo.units_in_areas(con)
    frames["out_hydrogen_nearby_capacity"] = geo.hydrogen_nearby(con)
    counts = {}
    for name, df in frames.items():
        con.execute(f"DELETE FROM {name}")
        _insert(con, name, df)
        counts[name] = len(df)
    return counts
