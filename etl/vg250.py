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
import time
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely

from etl import schema
from etl.files import sha256_file
from etl.sink import BuildSink, SinkCounts

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


def read_municipalities(
    path: Path, sink: BuildSink, region_prefix: str, layer: str | None = None
) -> int:
    """Load the municipalities of the region from a BKG GeoPackage; return how many.

    Problems (unusable file, malformed AGS, invalid geometry repaired, water-only
    areas) go to ``meta_rejected_rows``; a file that cannot be used at all is
    reported there and loads nothing (the build continues without boundaries).
    """
    started_at = datetime.now(UTC)
    t0 = time.perf_counter()
    path = Path(path)
    file_name = path.name
    sha = sha256_file(path)
    problems: list[dict[str, object]] = []

    def problem(reason: str, action: str, *, row_ref=None, record_id=None, field=None, raw=None):
        problems.append(
            {
                "row_ref": None if row_ref is None else str(row_ref),
                "record_id": record_id,
                "field": field,
                "reason": reason,
                "raw_value": None if raw is None else str(raw)[:500],
                "action": action,
            }
        )

    def finish(counts: SinkCounts) -> int:
        if problems:
            sink.add_problems(pd.DataFrame(problems), source=SOURCE, source_file=file_name)
        sink.add_load_run(
            SOURCE,
            path,
            counts,
            extract_date=None,
            duration_s=time.perf_counter() - t0,
            sha256=sha,
            started_at=started_at,
        )
        return counts.rows_loaded

    try:
        layer = layer or pick_layer(path)
        gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
    except (BoundaryError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        log.warning("boundaries not loaded: %s", exc)
        problem(f"boundary file not usable: {exc}", "row_rejected")
        return finish(SinkCounts())
    n_read = len(gdf)
    gdf.columns = [c if c == gdf.geometry.name else str(c).upper() for c in gdf.columns]
    missing = [c for c in ("AGS", "GEN") if c not in gdf.columns]
    if missing:
        problem(
            f"layer {layer!r} lacks the column(s) {', '.join(missing)}: no municipality loaded",
            "row_rejected",
            field=", ".join(missing),
        )
        return finish(SinkCounts(rows_read=n_read))

    if gdf.crs is None:
        bounds = gdf.total_bounds  # minx, miny, maxx, maxy
        guess = WGS84 if (abs(bounds[0]) <= 180 and abs(bounds[3]) <= 90) else METRIC_CRS
        problem(
            f"layer {layer!r} has no CRS: assumed {guess} from the coordinate range",
            "flagged",
            field="geometry",
        )
        gdf = gdf.set_crs(guess)

    gdf["_row"] = np.arange(1, n_read + 1)
    rows_rejected = 0

    # AGS as 8-character strings. Numbers (a re-saved file) get their leading zero back.
    ags_raw = gdf["AGS"]
    if pd.api.types.is_numeric_dtype(ags_raw):
        problem(
            "AGS stored as a number: converted to 8-digit text (leading zero restored)",
            "flagged",
            field="AGS",
        )
        ags = ags_raw.astype("Int64").astype("string").str.zfill(8)
    else:
        ags = ags_raw.astype("string").str.strip()
    bad_ags = ~ags.str.fullmatch(r"\d{8}").fillna(False)
    for _, r in gdf[bad_ags].iterrows():
        problem(
            "AGS is not 8 digits: municipality not loaded",
            "row_rejected",
            row_ref=r["_row"],
            record_id=r.get("GEN"),
            field="AGS",
            raw=r["AGS"],
        )
    rows_rejected += int(bad_ags.sum())
    gdf["AGS"] = ags
    gdf = gdf[~bad_ags]
    gdf = gdf[gdf["AGS"].str.startswith(region_prefix)] if region_prefix else gdf

    # Land only: drop water rows (GF 1/2); report AGS that only have water.
    if "GF" in gdf.columns:
        gf = pd.to_numeric(gdf["GF"], errors="coerce")
        water = gf.isin(WATER_GF)
        water_only = set(gdf.loc[water, "AGS"]) - set(gdf.loc[~water, "AGS"])
        for a in sorted(water_only):
            r = gdf[gdf["AGS"] == a].iloc[0]
            problem(
                "only water area (GF 1/2) for this AGS, no land area: not loaded",
                "row_rejected",
                row_ref=r["_row"],
                record_id=a,
                field="GF",
                raw=r["GF"],
            )
        rows_rejected += len(water_only)
        gdf = gdf[~water]

    # Geometry: missing/empty rejected; invalid repaired and reported.
    empty = gdf.geometry.isna() | gdf.geometry.is_empty
    for _, r in gdf[empty].iterrows():
        problem(
            "no geometry: municipality not loaded",
            "row_rejected",
            row_ref=r["_row"],
            record_id=r["AGS"],
            field="geometry",
        )
    rows_rejected += int(empty.sum())
    gdf = gdf[~empty].copy()
    invalid = ~gdf.geometry.is_valid
    if invalid.any():
        for _, r in gdf[invalid].iterrows():
            problem(
                f"invalid geometry repaired (make_valid): {shapely.is_valid_reason(r.geometry)}",
                "flagged",
                row_ref=r["_row"],
                record_id=r["AGS"],
                field="geometry",
            )
        repaired = shapely.make_valid(gdf.geometry[invalid].values)
        gdf.loc[invalid, gdf.geometry.name] = [_polygonal(g) for g in repaired]

    if gdf.empty:
        if not problems:
            problem(
                f"no municipality with an AGS starting with {region_prefix!r} in layer {layer!r}",
                "flagged",
                field="AGS",
            )
        return finish(SinkCounts(rows_read=n_read, rows_rejected=rows_rejected))

    # Several rows per AGS: dissolve (land parts) and check the names agree.
    gdf = gdf.to_crs(METRIC_CRS)
    names = gdf.groupby("AGS")["GEN"].nunique()
    for a in names[names > 1].index:
        problem(
            "several names for one AGS: the first is used",
            "flagged",
            record_id=a,
            field="GEN",
            raw=", ".join(map(str, gdf.loc[gdf["AGS"] == a, "GEN"].unique())),
        )
    keep_cols = ["AGS", "GEN", "_row", gdf.geometry.name]
    keep_cols += [c for c in ("BEZ", "DEMO") if c in gdf.columns]
    gdf = gdf[keep_cols].dissolve(by="AGS", aggfunc="first", as_index=False)
    gdf = gdf.sort_values("AGS").reset_index(drop=True)

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
    out = pd.DataFrame(
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
    # Keys already loaded (a second boundary file) are not loaded twice.
    existing = {
        r[0]
        for r in sink.con.execute(
            f"SELECT municipality_key FROM {schema.MUNICIPALITIES.name}"
        ).fetchall()
    }
    again = out["municipality_key"].isin(existing)
    for a in out.loc[again, "municipality_key"]:
        problem(
            "municipality already loaded from another boundary file: not loaded again",
            "row_rejected",
            record_id=a,
            field="AGS",
            raw=a,
        )
    rows_rejected += int(again.sum())
    out = out[~again].reset_index(drop=True)
    refs = gdf.loc[~again.values, "_row"].astype("string").reset_index(drop=True)

    res = schema.validate(out, schema.MUNICIPALITIES, row_refs=refs)
    for p in res.problems.to_dict("records"):
        problems.append(p)
    rows_rejected += len(out) - len(res.valid)
    if not res.valid.empty:
        sink.con.register("_municipalities", res.valid)
        sink.con.execute(f"INSERT INTO {schema.MUNICIPALITIES.name} SELECT * FROM _municipalities")
        sink.con.unregister("_municipalities")
    return finish(
        SinkCounts(rows_read=n_read, rows_loaded=len(res.valid), rows_rejected=rows_rejected)
    )
