"""Read the wind areas (GeoPackage, Shapefile or zipped Shapefile) strictly.

Any common CRS is accepted and transformed (``always_xy``) to WGS84 for
storage and display and to EPSG:25832 for areas, like the municipalities. A
file without CRS is refused (a guessed CRS puts polygons hundreds of km off).
Per feature: empty or non-polygon geometries are rejected, invalid ones are
repaired (``make_valid``) and flagged, unknown statuses and duplicate ids are
rejected, and features that miss the region entirely are rejected (wrong CRS?).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd

from etl import schema
from etl.office.archive import Budget, extract_member, open_zip
from etl.office.model import Issue, ListResult, RegionContext
from etl.office.spec import WIND_AREA_ATTRIBUTES, normalise
from etl.office.tabular import FileProblem
from etl.schema.codes import AREA_STATUS

AREA_CRS = "EPSG:25832"
#: Simplification tolerance for the display geometry (metres).
DISPLAY_TOLERANCE_M = 15.0
#: Largest zipped Shapefile accepted (unpacked size, counted while unpacking).
MAX_ZIP_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def status_code(value: object) -> str | None:
    """``draft`` / ``designated`` for a status label in German or English, else ``None``."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return AREA_STATUS.code_for(str(value))


def _layer_status(layer: str) -> str | None:
    low = normalise(layer)
    if "entwurf" in low or "draft" in low:
        return "draft"
    if any(w in low for w in ("ausgewiesen", "designated", "festgelegt", "rechtskraeftig")):
        return "designated"
    return None


def _unpack(path: Path, workdir: Path) -> None:
    """Extract the Shapefile parts or GeoPackage of a zip, in chunks, under the byte limit.

    Members are written by base name only (no path traversal); sizes are
    counted while inflating, never taken from the zip's headers.
    """
    budget = Budget(MAX_ZIP_UNCOMPRESSED_BYTES)
    with open_zip(path) as zf:
        for info in zf.infolist():
            name = Path(info.filename).name
            if (
                info.is_dir()
                or Path(name).suffix.lower() not in (*_SHAPEFILE_PARTS, ".gpkg")
                or name.startswith(".")
                or "__MACOSX" in info.filename
            ):
                continue
            extract_member(zf, info, workdir / name, budget)


def _open_layers(path: Path, workdir: Path) -> tuple[list[tuple[str, object]], str]:
    """(layer name, GeoDataFrame) for every polygon-bearing layer; the display name."""
    import geopandas as gpd
    import pyogrio

    suffix = path.suffix.lower()
    if suffix == ".zip":
        _unpack(path, workdir)
        shps = sorted(workdir.glob("*.shp")) + sorted(workdir.glob("*.gpkg"))
        if not shps:
            raise FileProblem(
                "zip_without_shapefile", "the zip holds no Shapefile (.shp) or GeoPackage"
            )
        if len(shps) > 1:
            raise FileProblem(
                "zip_several_files",
                "the zip holds several Shapefiles/GeoPackages: upload one at a time",
            )
        path = shps[0]
        suffix = path.suffix.lower()
    if suffix == ".shp":
        for part in (".shx", ".dbf"):
            if not path.with_suffix(part).exists() and not path.with_suffix(part.upper()).exists():
                raise FileProblem(
                    "shapefile_incomplete",
                    f"the Shapefile lacks its {part} file (upload all parts as one zip)",
                    part=part,
                )
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
    except Exception as exc:
        raise FileProblem(
            "geodata_unreadable", f"the geodata cannot be read: {exc}", error=str(exc)
        ) from exc
    out = []
    for layer in layers:
        try:
            gdf = gpd.read_file(path, layer=layer)
        except Exception as exc:
            raise FileProblem(
                "geodata_unreadable",
                f"layer {layer!r} cannot be read: {exc}",
                error=str(exc),
            ) from exc
        if "geometry" not in gdf or (len(gdf) and gdf.geometry.isna().all()):
            continue
        out.append((layer, gdf))
    return out, path.name


def read_wind_areas(path: Path, ctx: RegionContext, source_file: str | None = None) -> ListResult:
    """Read and validate wind areas from a GeoPackage, Shapefile or zipped Shapefile."""
    source_file = source_file or path.name
    table = schema.table("core_office__wind_areas")
    empty = schema.empty_frame(table)
    with tempfile.TemporaryDirectory(prefix="ez-areas-") as tmp:
        try:
            layers, _ = _open_layers(path, Path(tmp))
            if not layers:
                raise FileProblem("no_polygons", "the file holds no layer with geometries")
            return _read_layers(layers, ctx, source_file, table, empty)
        except FileProblem as exc:
            issue = Issue(exc.code, str(exc), "row_rejected", params=exc.params)
            return ListResult(None, source_file, empty, [issue], file_problem=exc)  # type: ignore[arg-type]


def _attr_columns(columns: list[str]) -> tuple[dict[str, str], list[str]]:
    mapping: dict[str, str] = {}
    unknown = []
    for col in columns:
        if col == "geometry":
            continue
        key = normalise(col)
        for a in WIND_AREA_ATTRIBUTES:
            if a.name not in mapping and key in {normalise(x) for x in a.aliases}:
                mapping[a.name] = col
                break
        else:
            unknown.append(col)
    return mapping, unknown


def _region_shape(ctx: RegionContext):
    """The region (WGS84) with a hair of tolerance (~40 m) for shared boundaries."""
    from shapely import union_all

    geoms = [m.geometry for m in ctx.municipalities.values() if m.geometry is not None]
    return union_all(geoms).buffer(0.0005) if geoms else None


class _Feature:
    """Collects the issues of one feature (``row`` is its number in the layer)."""

    def __init__(self, row: int, ref: str) -> None:
        self.row = row
        self.ref = ref
        self.issues: list[Issue] = []

    def problem(self, code: str, reason: str, action: str = "row_rejected", **kw: object) -> None:
        self.issues.append(Issue(code, reason, action, row=self.row, **kw))

    @property
    def rejected(self) -> bool:
        return any(i.action == "row_rejected" for i in self.issues)


def _area_id(feat, attr_map: dict[str, str], source_file: str, ref: str) -> str:
    """The area's id attribute, else ``<file stem>-<feature ref>``."""
    raw_id = feat.get(attr_map["area_id"]) if "area_id" in attr_map else None
    has_id = raw_id is not None and not (isinstance(raw_id, float) and pd.isna(raw_id))
    if not has_id:
        return f"{Path(source_file).stem}-{ref}"
    if isinstance(raw_id, float) and raw_id.is_integer():
        return str(int(raw_id))
    return str(raw_id).strip()


def _area_status(
    feat, attr_map: dict[str, str], layer_status: str | None, out: _Feature
) -> str | None:
    """The feature's status code (attribute, else the layer name), reporting problems."""
    raw_status = feat.get(attr_map["status"]) if "status" in attr_map else None
    status = status_code(raw_status) if "status" in attr_map else layer_status
    if status is None and raw_status is not None and not pd.isna(raw_status):
        out.problem(
            "unknown_code",
            f"{raw_status!r} is not a known status (allowed: Entwurf, ausgewiesen)",
            column=attr_map.get("status"),
            raw_value=str(raw_status),
            params={"value": str(raw_status), "allowed": "Entwurf, ausgewiesen"},
        )
    elif status is None:
        status = layer_status
        if status is None:
            out.problem(
                "required",
                "status is required (Entwurf or ausgewiesen)",
                column=attr_map.get("status"),
            )
    return status


def _check_geometry(geom, geom_m, region, out: _Feature):
    """Check (and repair) a feature's polygon; returns (WGS84, metric, repaired)."""
    from shapely import make_valid

    repaired = False
    if geom is None or geom.is_empty:
        out.problem("empty_geometry", "the feature has no geometry", column="geometry")
        return geom, geom_m, repaired
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        out.problem(
            "not_a_polygon",
            f"a {geom.geom_type} is not an area (polygons only)",
            column="geometry",
            raw_value=geom.geom_type,
            params={"geom_type": geom.geom_type},
        )
        return geom, geom_m, repaired
    if not geom_m.is_valid:
        geom_m = _polygonal(make_valid(geom_m))
        geom = _polygonal(make_valid(geom))
        repaired = True
        out.problem(
            "geometry_repaired",
            "the polygon was invalid (self-intersecting?) and was repaired",
            action="flagged",
            column="geometry",
        )
    if geom_m is None or geom_m.is_empty or geom_m.area <= 0:
        out.problem("empty_geometry", "the polygon has no area", column="geometry")
    elif region is not None and not geom.intersects(region.buffer(0.01)):
        c = geom.representative_point()
        out.problem(
            "area_outside_region",
            f"the area lies outside the region (near {c.y:.3f}° N, {c.x:.3f}° E): "
            "wrong coordinate reference system?",
            column="geometry",
            raw_value=f"{c.y:.5f}, {c.x:.5f}",
        )
    elif region is None and not (
        5.5 <= geom.centroid.x <= 15.5 and 47.0 <= geom.centroid.y <= 55.5
    ):
        out.problem(
            "area_outside_region",
            "the area lies outside Germany: wrong coordinate reference system?",
            column="geometry",
        )
    elif region is not None and not geom.within(region):
        out.problem(
            "area_partly_outside",
            "the area reaches beyond the region: only the part inside is counted",
            action="flagged",
            column="geometry",
        )
    return geom, geom_m, repaired


def _area_record(feat, attr_map, area_id, status, geom, geom_m, repaired, source_file, ref):
    """The stored row of one accepted area."""
    from shapely.geometry import MultiPolygon, Polygon, mapping

    if isinstance(geom, Polygon):
        geom = MultiPolygon([geom])
    display = (
        _polygonal(_to_wgs(geom_m.simplify(DISPLAY_TOLERANCE_M, preserve_topology=True))) or geom
    )
    c = geom.representative_point()
    minx, miny, maxx, maxy = geom.bounds
    return {
        "area_id": area_id,
        "area_name": _attr(feat, attr_map, "area_name"),
        "status": status,
        "plan": _attr(feat, attr_map, "plan"),
        "area_km2": geom_m.area / 1e6,
        "centroid_latitude": c.y,
        "centroid_longitude": c.x,
        "min_longitude": minx,
        "min_latitude": miny,
        "max_longitude": maxx,
        "max_latitude": maxy,
        "is_geometry_repaired": repaired,
        "geometry_wkb": geom.wkb,
        "geometry_geojson": json.dumps(_rounded(mapping(display))),
        "source_file": source_file,
        "row_ref": ref,
    }


def _layer_attributes(layer: str, gdf, unknown_all: list[str], issues: list[Issue]):
    """Map a layer's attributes (reporting unknown ones once) and read its status from its name."""
    if gdf.crs is None:
        raise FileProblem(
            "no_crs",
            f"layer {layer!r} has no coordinate reference system (is the .prj missing?): "
            "the polygons cannot be placed",
            layer=layer,
        )
    attr_map, unknown = _attr_columns(list(gdf.columns))
    for col in unknown:
        if col not in unknown_all:
            unknown_all.append(col)
            issues.append(
                Issue(
                    "unknown_column",
                    f"attribute {col!r} is not used",
                    "flagged",
                    column=col,
                    params={"column": col},
                )
            )
    layer_status = _layer_status(layer)
    if "status" not in attr_map and layer_status is None:
        raise FileProblem(
            "missing_status",
            f"layer {layer!r} has no status attribute (Entwurf/ausgewiesen) and its name "
            "does not say it",
            layer=layer,
        )
    return attr_map, layer_status


def _read_layers(layers, ctx: RegionContext, source_file: str, table, empty) -> ListResult:
    issues: list[Issue] = []
    records: list[dict] = []
    seen: dict[str, str] = {}
    region = _region_shape(ctx)
    rows_read = 0
    unknown_all: list[str] = []
    for layer, gdf in layers:
        attr_map, layer_status = _layer_attributes(layer, gdf, unknown_all, issues)
        wgs = gdf.to_crs("EPSG:4326")
        metric = gdf.to_crs(AREA_CRS)
        for n, (idx, feat) in enumerate(gdf.iterrows(), start=1):
            rows_read += 1
            out = _Feature(n, f"{layer}:{n}" if len(layers) > 1 else str(n))
            area_id = _area_id(feat, attr_map, source_file, out.ref)
            status = _area_status(feat, attr_map, layer_status, out)
            geom, geom_m, repaired = _check_geometry(
                wgs.geometry.loc[idx], metric.geometry.loc[idx], region, out
            )
            if area_id in seen:
                out.problem(
                    "duplicate_id",
                    f"id {area_id!r} already used by feature {seen[area_id]}",
                    column=attr_map.get("area_id"),
                    raw_value=area_id,
                    params={"first_row": seen[area_id], "value": area_id},
                )
            for i in out.issues:
                i.record_id = area_id
            issues.extend(out.issues)
            if out.rejected:
                continue
            seen[area_id] = out.ref
            records.append(
                _area_record(
                    feat, attr_map, area_id, status, geom, geom_m, repaired, source_file, out.ref
                )
            )
    result = ListResult(None, source_file, empty, issues, rows_read=rows_read)  # type: ignore[arg-type]
    result.unknown_columns = unknown_all
    if records:
        df = pd.DataFrame(records)
        res = schema.validate(df, table, row_refs=df["row_ref"])
        result.valid = res.valid
        result.add_issues(
            Issue("schema", p.reason, p.action, column=p.field, raw_value=p.raw_value)
            for p in res.problems.itertuples()
        )
    return result


def _attr(feat, attr_map: dict[str, str], name: str) -> str | None:
    if name not in attr_map:
        return None
    v = feat.get(attr_map[name])
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    s = str(v).strip()
    return s or None


def _polygonal(geom):
    """Only the polygon parts of a geometry (make_valid may add lines or points)."""
    from shapely.geometry import GeometryCollection, MultiPolygon, Polygon

    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    if isinstance(geom, GeometryCollection):
        polys = [g for g in geom.geoms if isinstance(g, Polygon | MultiPolygon)]
        parts = [p for g in polys for p in (g.geoms if isinstance(g, MultiPolygon) else [g])]
        return MultiPolygon(parts) if parts else None
    return None


def _to_wgs(geom_m):
    import shapely
    from pyproj import Transformer

    tr = Transformer.from_crs(AREA_CRS, "EPSG:4326", always_xy=True)
    return shapely.transform(geom_m, tr.transform, interleaved=False)


def _rounded(obj):
    if isinstance(obj, float):
        return round(obj, 5)
    if isinstance(obj, list | tuple):
        return [_rounded(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    return obj
