"""Wind turbines of neighbouring districts within 2,500 m of the region (EEG §6 only).

§ 6 (2) EEG 2023 lets the operator of a wind turbine pay every municipality with
territory within 2,500 m of the tower, shared by area — also across a district
boundary. So the border municipalities of the region are owed shares of
turbines that stand outside it. This step reads the onshore wind turbines of
the same MaStR bulk export a second time without the region filter, keeps
those above 1 MW (operating or planned, with coordinates, outside the region)
whose distance to the region's boundary is at most 2,500 m, and writes them to
``core_mastr__neighbour_wind_units`` — a table no figure of the region reads;
only :func:`etl.marts.build_eeg_wind_shares` adds them.

Needs the region's boundaries: without them the step writes nothing and the
build's ``meta_build`` says so (``eeg_neighbours``). A web CSV export holds
only what was searched for, so neighbours come from bulk exports only.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import pandas as pd

from etl.region import Region
from etl.schema.neighbours import NEIGHBOUR_WIND

#: Radius of § 6 (2) EEG 2023 around a wind turbine.
RADIUS_M = 2_500.0
#: § 6 EEG 2023 covers wind turbines with more than this installed capacity.
MIN_CAPACITY_KW = 1_000.0
METRIC_CRS = "EPSG:25832"
_FIELDS = (
    "EinheitMastrNummer",
    "Gemeindeschluessel",
    "EinheitBetriebsstatus",
    "Bruttoleistung",
    "Laengengrad",
    "Breitengrad",
    "WindAnLandOderAufSee",
)


def _wind_records(path: Path) -> pd.DataFrame:
    """Every wind record of one bulk zip (raw text of :data:`_FIELDS`, status decoded)."""
    from etl.readers.mastr_bulk.catalog import read_catalog
    from etl.readers.mastr_bulk.frames import columns_frame
    from etl.readers.mastr_bulk.members import (
        CATALOG_MEMBER,
        FALLBACK_CATALOG,
        STATUS_TEXTS,
        classify_member,
        norm,
    )
    from etl.readers.mastr_bulk.outcome import MemberTask
    from etl.readers.mastr_bulk.scan import scan_member

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        catalog = dict(FALLBACK_CATALOG)
        if CATALOG_MEMBER in names:
            with zf.open(CATALOG_MEMBER) as f:
                catalog.update(read_catalog(f)[0])
    members = [n for n in names if (c := classify_member(n)) and c[0].key == "wind"]
    results = [scan_member(MemberTask(str(path), m, "wind", "", catalog)) for m in members]
    results = [r for r in results if r.error is None and r.refused is None]
    if not results:
        return pd.DataFrame(columns=[*_FIELDS, "status", "onshore", "source_file"])
    df = columns_frame(results, _FIELDS)
    df["status"] = df["EinheitBetriebsstatus"].map(
        lambda c: STATUS_TEXTS.get(norm(catalog.get(c))) if isinstance(c, str) else None
    )
    df["onshore"] = df["WindAnLandOderAufSee"].map(
        lambda c: "an land" in norm(catalog.get(c)) if isinstance(c, str) else False
    )
    df["source_file"] = path.name
    return df


def _region_outline(con: duckdb.DuckDBPyConnection):  # -> shapely geometry | None
    """The region's area in EPSG:25832 (union of its municipalities), ``None`` without any."""
    rows = con.execute(
        "SELECT geometry_wkb FROM core_bkg__municipalities WHERE geometry_wkb IS NOT NULL"
    ).fetchall()
    if not rows:
        return None
    import geopandas as gpd
    import shapely

    geoms = gpd.GeoSeries(shapely.from_wkb([bytes(r[0]) for r in rows]), crs="EPSG:4326")
    return shapely.union_all(geoms.to_crs(METRIC_CRS).make_valid().to_numpy())


def select_neighbours(units: pd.DataFrame, region: Region, outline) -> pd.DataFrame:
    """Rows of ``units`` that belong in :data:`NEIGHBOUR_WIND` (see module docstring)."""
    import geopandas as gpd

    keys = units["Gemeindeschluessel"].astype("string")
    kw = pd.to_numeric(units["Bruttoleistung"], errors="coerce")
    lon = pd.to_numeric(units["Laengengrad"], errors="coerce")
    lat = pd.to_numeric(units["Breitengrad"], errors="coerce")
    keep = (
        units["onshore"].astype(bool)
        & units["status"].isin(["operating", "planned"])
        & (kw > MIN_CAPACITY_KW)
        & lon.notna()
        & lat.notna()
        & keys.notna()
        & ~region.mask(keys)
    )
    cand = units[keep]
    if cand.empty:
        return pd.DataFrame(columns=[c.name for c in NEIGHBOUR_WIND.columns])
    pts = gpd.GeoSeries(
        gpd.points_from_xy(lon[keep], lat[keep]), index=cand.index, crs="EPSG:4326"
    ).to_crs(METRIC_CRS)
    dist = pts.distance(outline)
    near = dist <= RADIUS_M
    out = pd.DataFrame(
        {
            "unit_id_mastr": cand["EinheitMastrNummer"],
            "status": cand["status"],
            "gross_capacity_kw": kw[keep],
            "municipality_key": keys[keep],
            "latitude": lat[keep],
            "longitude": lon[keep],
            "distance_m": dist.round(1),
            "source_file": cand["source_file"],
        }
    )[near]
    return out.drop_duplicates("unit_id_mastr")


#: Outcomes of :func:`load_neighbour_wind`, stored as ``meta_build.eeg_neighbours``.
OUTCOMES = ("read", "germany", "no_bulk_export", "no_boundaries")


def load_neighbour_wind(
    con: duckdb.DuckDBPyConnection, bulk_zips: list[Path], region: Region
) -> str:
    """Fill :data:`NEIGHBOUR_WIND` from ``bulk_zips``; returns one of :data:`OUTCOMES`."""
    NEIGHBOUR_WIND.create(con, replace=True)
    if region.is_germany:
        return "germany"
    if not bulk_zips:
        return "no_bulk_export"
    outline = _region_outline(con)
    if outline is None:
        return "no_boundaries"
    frames = [_wind_records(p) for p in bulk_zips]
    found = select_neighbours(pd.concat(frames, ignore_index=True), region, outline)
    if not found.empty:
        con.register("_neighbours", found)
        con.execute(f"INSERT INTO {NEIGHBOUR_WIND.name} BY NAME SELECT * FROM _neighbours")
        con.unregister("_neighbours")
    return "read"
