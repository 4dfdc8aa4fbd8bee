"""Reader for BKG municipal boundaries (VG250, VG1000, VG2500, VG5000 GeoPackages).

The BKG "Verwaltungsgebiete" products share one column set (``AGS``, ``ARS``,
``GEN`` name, ``BEZ`` type, ``GF`` geofactor, ``NUTS`` …) and name their
municipality layer ``<product>_gem`` (``vg250_gem``, ``vg5000_gem`` …). CRS is
usually EPSG:25832; the file's own CRS is always used.

Several rows per AGS: VG250 splits coastal and lake municipalities by the
geofactor ``GF`` (1 = water without structure, 2 = water with structure,
3 = land without structure, 4 = land with structure; VG5000/VG2500 use 9 for
"not split"). **Water rows (GF 1 and 2) are dropped and the remaining rows are
dissolved by AGS**, so each municipality is its land area, as in the official
area statistics. An AGS that only has water rows (Bodensee, coastal waters) is
reported and not loaded.

Stored per municipality: the area computed in EPSG:25832 (metric), the full
boundary in WGS84 as WKB, a simplified WGS84 GeoJSON for display (coverage
simplification keeps shared edges gap-free; the tolerance grows until the
region averages under :data:`GEOJSON_BUDGET_BYTES` per municipality), a point
guaranteed inside the polygon (``representative_point``) as centre, and the
bounding box. A column ``DEMO`` with value 1 marks synthetic demo geometry.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely

from etl import schema
from etl.readers.base import LoadRun
from etl.region import REASON_AGS_INVALID, REASON_AGS_REPAIRED, Region, parse_ags_series

log = logging.getLogger(__name__)

SOURCE = "bkg_vg250"
#: Metric CRS for areas and simplification (ETRS89 / UTM 32N, the BKG's own).
METRIC_CRS = "EPSG:25832"
WGS84 = "EPSG:4326"
#: Geofactor values of water areas (dropped).
WATER_GF = (1, 2)
#: Average size of one municipality's display GeoJSON the simplification aims at.
GEOJSON_BUDGET_BYTES = 3_000
#: Coverage simplification tolerances tried in turn (metres, ≈ √ of removed area).
SIMPLIFY_TOLERANCES_M = (0.0, 25.0, 50.0, 100.0, 200.0, 400.0, 800.0, 1600.0)
#: Decimal places of GeoJSON coordinates (5 ≈ 1 m).
GEOJSON_DECIMALS = 5

_RE_LAYER = re.compile(r"^vg(\d+)(?:[-_]ew)?_gem$", re.IGNORECASE)


class BoundaryError(ValueError):
    """A boundary file that cannot be used (reason in the message)."""


def pick_layer(path: Path) -> str:
    """The municipality layer of a BKG GeoPackage (``*_gem``; the finest one if several).

    A file with a single polygon layer holding ``AGS`` and ``GEN`` columns is
    accepted too. Raises :class:`BoundaryError` naming the layers otherwise.
    """
    layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    gem = [name for name in layers if _RE_LAYER.match(name)]
    if gem:
        return min(gem, key=lambda n: int(_RE_LAYER.match(n).group(1)))
    gem = [name for name in layers if name.lower().endswith("_gem")]
    if gem:
        return gem[0]
    if len(layers) == 1:
        fields = {f.upper() for f in pyogrio.read_info(path, layer=layers[0])["fields"]}
        if {"AGS", "GEN"} <= fields:
            return layers[0]
    raise BoundaryError(
        f"{path.name}: no municipality layer (*_gem) among the layers {layers}; "
        "use the BKG VG250 GeoPackage (vg250_gem)"
    )


def _round_coords(geoms: np.ndarray, decimals: int) -> np.ndarray:
    return shapely.transform(geoms, lambda c: np.round(c, decimals))


def display_geojson(
    geoms_metric: np.ndarray, budget_bytes: int = GEOJSON_BUDGET_BYTES
) -> tuple[list[str], float]:
    """Simplified WGS84 GeoJSON strings for display, and the tolerance used (m).

    Coverage simplification (shared edges simplified once, no gaps or overlaps)
    with the smallest tolerance that keeps the average string under
    ``budget_bytes``; falls back to per-polygon simplification when the
    polygons do not form a clean coverage.
    """
    n = len(geoms_metric)
    if n == 0:
        return [], 0.0
    try:
        coverage_ok = bool(shapely.coverage_is_valid(geoms_metric))
    except shapely.errors.GEOSException:
        coverage_ok = False
    result: list[str] = []
    used = 0.0
    for tol in SIMPLIFY_TOLERANCES_M:
        if tol == 0:
            simple = geoms_metric
        elif coverage_ok:
            simple = shapely.coverage_simplify(geoms_metric, tol)
        else:
            simple = shapely.simplify(geoms_metric, tol, preserve_topology=True)
        wgs = gpd.GeoSeries(simple, crs=METRIC_CRS).to_crs(WGS84).values
        result = list(shapely.to_geojson(_round_coords(np.asarray(wgs), GEOJSON_DECIMALS)))
        used = tol
        if sum(len(s) for s in result) <= budget_bytes * n:
            break
    return result, used


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygonal part of a geometry (make_valid can return collections)."""
    if geom is None or geom.is_empty:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _open_layer(path: Path, run: LoadRun, layer: str | None) -> tuple[gpd.GeoDataFrame, str] | None:
    """The municipality layer (upper-case columns, a CRS) and its name; ``None`` when unusable."""
    try:
        layer = layer or pick_layer(path)
        gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
    except (BoundaryError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        log.warning("boundaries not loaded: %s", exc)
        run.finding(f"boundary file not usable: {exc}")
        return None
    run.count(read=len(gdf))
    gdf.columns = [c if c == gdf.geometry.name else str(c).upper() for c in gdf.columns]
    missing = [c for c in ("AGS", "GEN") if c not in gdf.columns]
    if missing:
        run.finding(
            f"layer {layer!r} lacks the column(s) {', '.join(missing)}: no municipality loaded",
            field=", ".join(missing),
        )
        return None
    if gdf.crs is None:
        bounds = gdf.total_bounds  # minx, miny, maxx, maxy
        guess = WGS84 if (abs(bounds[0]) <= 180 and abs(bounds[3]) <= 90) else METRIC_CRS
        run.finding(
            f"layer {layer!r} has no CRS: assumed {guess} from the coordinate range",
            field="geometry",
            action="flagged",
        )
        gdf = gdf.set_crs(guess)
    elif _crs_contradicts(gdf):
        b = gdf.total_bounds
        run.fail(
            f"layer {layer!r} declares the CRS {gdf.crs.to_string()}, but its coordinates "
            f"(x {b[0]:,.0f} to {b[2]:,.0f}, y {b[1]:,.0f} to {b[3]:,.0f}) are "
            + ("metres, not degrees" if gdf.crs.is_geographic else "degrees, not metres")
            + ": boundaries not loaded; fix the file's CRS",
            field="geometry",
            raw_value=gdf.crs.to_string(),
        )
        return None
    gdf["_row"] = np.arange(1, len(gdf) + 1)
    return gdf, layer


def _crs_contradicts(gdf: gpd.GeoDataFrame) -> bool:
    """The declared CRS cannot hold these coordinates (degrees vs. metres)."""
    b = gdf.total_bounds
    if not np.isfinite(b).all():
        return False
    in_degrees = abs(b[0]) <= 180 and abs(b[2]) <= 180 and abs(b[1]) <= 90 and abs(b[3]) <= 90
    if gdf.crs.is_geographic:
        return not in_degrees
    # A projected CRS in metres: a German municipality layer spans kilometres.
    return in_degrees and max(b[2] - b[0], b[3] - b[1]) < 50


def _select_keys(gdf: gpd.GeoDataFrame, run: LoadRun, region: Region) -> gpd.GeoDataFrame:
    """Rows with a valid AGS in the region (keys as 8-character strings)."""
    ags_raw = gdf["AGS"]
    if pd.api.types.is_numeric_dtype(ags_raw):
        run.finding(
            "AGS stored as a number: converted to 8-digit text (leading zero restored)",
            field="AGS",
            action="flagged",
        )
        ags_raw = ags_raw.astype("Int64").astype("string")
    keys, repaired, _ = parse_ags_series(ags_raw)
    rows = gdf["_row"].astype("string")
    names = gdf["GEN"].astype("string")
    run.findings_where(
        repaired,
        rows=rows,
        ids=names,
        field="AGS",
        reason=REASON_AGS_REPAIRED,
        raw=gdf["AGS"],
        action="flagged",
    )
    bad = keys.isna()
    run.count(
        rejected=run.findings_where(
            bad,
            rows=rows,
            ids=names,
            field="AGS",
            reason=f"{REASON_AGS_INVALID}: municipality not loaded",
            raw=gdf["AGS"],
        )
    )
    gdf["AGS"] = keys
    gdf = gdf[~bad]
    return gdf[region.mask(gdf["AGS"])]


def _land_with_geometry(gdf: gpd.GeoDataFrame, run: LoadRun) -> gpd.GeoDataFrame:
    """Drop water rows (GF 1/2) and rows without geometry; repair invalid geometry."""
    if "GF" in gdf.columns:
        gf = pd.to_numeric(gdf["GF"], errors="coerce")
        water = gf.isin(WATER_GF)
        water_only = set(gdf.loc[water, "AGS"]) - set(gdf.loc[~water, "AGS"])
        for a in sorted(water_only):
            r = gdf[gdf["AGS"] == a].iloc[0]
            run.finding(
                "only water area (GF 1/2) for this AGS, no land area: not loaded",
                row_ref=r["_row"],
                record_id=a,
                field="GF",
                raw_value=r["GF"],
            )
        run.count(rejected=len(water_only))
        gdf = gdf[~water]
    empty = gdf.geometry.isna() | gdf.geometry.is_empty
    for _, r in gdf[empty].iterrows():
        run.finding(
            "no geometry: municipality not loaded",
            row_ref=r["_row"],
            record_id=r["AGS"],
            field="geometry",
        )
    run.count(rejected=int(empty.sum()))
    gdf = gdf[~empty].copy()
    invalid = ~gdf.geometry.is_valid
    if invalid.any():
        for _, r in gdf[invalid].iterrows():
            run.finding(
                f"invalid geometry repaired (make_valid): {shapely.is_valid_reason(r.geometry)}",
                row_ref=r["_row"],
                record_id=r["AGS"],
                field="geometry",
                action="flagged",
            )
        repaired = shapely.make_valid(gdf.geometry[invalid].values)
        gdf.loc[invalid, gdf.geometry.name] = [_polygonal(g) for g in repaired]
    return gdf


def _dissolve(gdf: gpd.GeoDataFrame, run: LoadRun) -> gpd.GeoDataFrame:
    """One row per AGS (land parts dissolved, metric CRS); several names are flagged."""
    gdf = gdf.to_crs(METRIC_CRS)
    names = gdf.groupby("AGS")["GEN"].nunique()
    for a in names[names > 1].index:
        run.finding(
            "several names for one AGS: the first is used",
            record_id=a,
            field="GEN",
            raw_value=", ".join(map(str, gdf.loc[gdf["AGS"] == a, "GEN"].unique())),
            action="flagged",
        )
    keep_cols = ["AGS", "GEN", "_row", gdf.geometry.name]
    keep_cols += [c for c in ("BEZ", "DEMO") if c in gdf.columns]
    gdf = gdf[keep_cols].dissolve(by="AGS", aggfunc="first", as_index=False)
    return gdf.sort_values("AGS").reset_index(drop=True)


def _municipality_frame(gdf: gpd.GeoDataFrame, file_name: str) -> pd.DataFrame:
    """The ``core_bkg__municipalities`` columns of the dissolved municipalities."""
    metric = np.asarray(gdf.geometry.values)
    wgs = gpd.GeoSeries(metric, crs=METRIC_CRS).to_crs(WGS84)
    inside = gpd.GeoSeries(shapely.point_on_surface(metric), crs=METRIC_CRS).to_crs(WGS84)
    bounds = wgs.bounds
    geojson, tol = display_geojson(metric)
    if tol:
        log.info("%s: display boundaries simplified with tolerance %g m", file_name, tol)
    demo = (
        pd.to_numeric(gdf["DEMO"], errors="coerce").fillna(0).astype(int) == 1
        if "DEMO" in gdf.columns
        else pd.Series(False, index=gdf.index)
    )
    return pd.DataFrame(
        {
            "municipality_key": gdf["AGS"].astype("string"),
            "municipality_name": gdf["GEN"].astype("string"),
            "municipality_type": (
                gdf["BEZ"].astype("string")
                if "BEZ" in gdf.columns
                else pd.Series(pd.NA, index=gdf.index, dtype="string")
            ),
            "area_km2": shapely.area(metric) / 1e6,
            "population": pd.Series(pd.NA, index=gdf.index, dtype="Int64"),
            "population_date": pd.Series(pd.NaT, index=gdf.index, dtype="datetime64[s]"),
            "centroid_latitude": inside.y.values,
            "centroid_longitude": inside.x.values,
            "min_longitude": bounds["minx"].values,
            "min_latitude": bounds["miny"].values,
            "max_longitude": bounds["maxx"].values,
            "max_latitude": bounds["maxy"].values,
            "geometry_wkb": list(shapely.to_wkb(np.asarray(wgs.values))),
            "geometry_geojson": geojson,
            "is_synthetic_geometry": demo.values,
            "source_file": file_name,
        }
    )


def _insert(out: pd.DataFrame, refs: pd.Series, run: LoadRun) -> None:
    """Validate and insert municipalities not yet loaded from another boundary file."""
    con = run.sink.con
    existing = {
        r[0]
        for r in con.execute(
            f"SELECT municipality_key FROM {schema.MUNICIPALITIES.name}"
        ).fetchall()
    }
    again = out["municipality_key"].isin(existing)
    for a in out.loc[again, "municipality_key"]:
        run.finding(
            "municipality already loaded from another boundary file: not loaded again",
            record_id=a,
            field="AGS",
            raw_value=a,
        )
    run.count(rejected=int(again.sum()))
    out = out[~again].reset_index(drop=True)
    refs = refs[~again.values].reset_index(drop=True)
    res = schema.validate(out, schema.MUNICIPALITIES, row_refs=refs)
    run.findings(res.problems)
    run.count(loaded=len(res.valid), rejected=len(out) - len(res.valid))
    if not res.valid.empty:
        con.register("_municipalities", res.valid)
        con.execute(f"INSERT INTO {schema.MUNICIPALITIES.name} SELECT * FROM _municipalities")
        con.unregister("_municipalities")


def read(path: Path, run: LoadRun, region: Region, layer: str | None = None) -> date | None:
    """Load the municipalities of ``region`` from a BKG GeoPackage (``run.loaded`` of them).

    Problems (unusable file, malformed AGS, invalid geometry repaired, water-only
    areas) are findings; a file that cannot be used at all is reported and
    loads nothing (the build continues without boundaries). The file carries no
    extract date: returns ``None``.
    """
    opened = _open_layer(Path(path), run, layer)
    if opened is None:
        return None
    gdf, layer = opened
    gdf = _select_keys(gdf, run, region)
    gdf = _land_with_geometry(gdf, run)
    if gdf.empty:
        if not run.has_findings:
            run.finding(
                f"no municipality with an AGS starting with {region.prefix!r} in layer {layer!r}",
                field="AGS",
                action="flagged",
            )
        return None
    gdf = _dissolve(gdf, run)
    out = _municipality_frame(gdf, run.file_name)
    _insert(out, gdf["_row"].astype("string"), run)
    return None
