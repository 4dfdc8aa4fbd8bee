"""Wind areas: any CRS, per-feature checks, refused files."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point, Polygon, box

from etl.office.lists import Municipality, RegionContext
from etl.office.templates import write_wind_areas_gpkg
from etl.office.wind_areas import read_wind_areas

_TO_WGS = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True).transform
X0, Y0 = 660_000.0, 5_910_000.0  # fixture square (UTM 32N) near Ludwigslust


@pytest.fixture
def ctx() -> RegionContext:
    shape = shapely.transform(box(X0, Y0, X0 + 20_000, Y0 + 10_000), _TO_WGS, interleaved=False)
    c = shape.centroid
    m = Municipality("13076001", "Alt Krenzlin", c.y, c.x, shape)
    return RegionContext("13076", {m.key: m}, date(2026, 11, 20))


def _sq(x: float, y: float, size: float = 1000.0) -> Polygon:
    return box(X0 + x, Y0 + y, X0 + x + size, Y0 + y + size)


def test_features_are_checked_one_by_one(tmp_path: Path, ctx) -> None:
    bow_tie = Polygon([(X0, Y0), (X0 + 1000, Y0 + 1000), (X0 + 1000, Y0), (X0, Y0 + 1000)])
    feats = [
        {"id": "A", "name": "gut", "status": "ausgewiesen", "plan": "RREP",
         "geometry": _sq(2000, 2000)},
        {"id": "B", "status": "Entwurf", "geometry": bow_tie},  # invalid: repaired, flagged
        {"id": "C", "status": "in Prüfung", "geometry": _sq(4000, 2000)},  # unknown status
        {"id": "A", "status": "Entwurf", "geometry": _sq(6000, 2000)},  # duplicate id
        {"id": "D", "status": "designated", "geometry": _sq(900_000, 0)},  # far outside
        {"id": "E", "status": "Entwurf", "geometry": _sq(19_500, 2000)},  # reaches beyond
    ]  # fmt: skip
    path = write_wind_areas_gpkg(tmp_path / "windgebiete.gpkg", feats)
    result = read_wind_areas(path, ctx)
    assert {(i.row, i.code, i.action) for i in result.issues} == {
        (2, "geometry_repaired", "flagged"),
        (3, "unknown_code", "row_rejected"),
        (4, "duplicate_id", "row_rejected"),
        (5, "area_outside_region", "row_rejected"),
        (6, "area_partly_outside", "flagged"),
    }
    v = result.valid.set_index("area_id")
    assert sorted(v.index) == ["A", "B", "E"]
    assert v.loc["A", "area_km2"] == pytest.approx(1.0, rel=1e-3)
    assert v.loc["A", "status"] == "designated" and v.loc["B", "status"] == "draft"
    assert v.loc["B", "is_geometry_repaired"]
    assert v.loc["B", "area_km2"] == pytest.approx(0.5, rel=1e-3)  # two triangles
    assert v.loc["A", "plan"] == "RREP"
    assert 53.0 < v.loc["A", "centroid_latitude"] < 53.6


@pytest.mark.parametrize("crs", ["EPSG:25833", "EPSG:4326", "EPSG:3035"])
def test_any_common_crs_gives_the_same_area(tmp_path: Path, ctx, crs: str) -> None:
    gdf = gpd.GeoDataFrame(
        {"Bezeichnung": ["X"], "Planstatus": ["festgelegt"]},
        geometry=[_sq(3000, 3000, 2000)],
        crs="EPSG:25832",
    ).to_crs(crs)
    gdf.to_file(tmp_path / "windgebiete.gpkg", layer="gebiete", engine="pyogrio")
    result = read_wind_areas(tmp_path / "windgebiete.gpkg", ctx)
    assert result.issues == []
    row = result.valid.iloc[0]
    assert row["area_km2"] == pytest.approx(4.0, rel=1e-3)
    assert row["status"] == "designated" and row["area_name"] == "X"


def test_status_may_come_from_the_layer_name(tmp_path: Path, ctx) -> None:
    path = tmp_path / "windgebiete.gpkg"
    for layer, x in (("vorranggebiete_entwurf", 0), ("eignungsgebiete_ausgewiesen", 5000)):
        gpd.GeoDataFrame({"name": [layer]}, geometry=[_sq(x, 0)], crs="EPSG:25832").to_file(
            path, layer=layer, engine="pyogrio"
        )
    result = read_wind_areas(path, ctx)
    assert sorted(result.valid["status"]) == ["designated", "draft"]
    assert sorted(result.valid["row_ref"]) == [
        "eignungsgebiete_ausgewiesen:1",
        "vorranggebiete_entwurf:1",
    ]


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_refused_files(tmp_path: Path, ctx) -> None:
    # a Shapefile without .prj: no CRS, nothing can be placed
    shp = tmp_path / "shp"
    shp.mkdir()
    gpd.GeoDataFrame({"status": ["Entwurf"]}, geometry=[_sq(0, 0)]).to_file(
        shp / "gebiete.shp", engine="pyogrio"
    )
    zpath = tmp_path / "windgebiete.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for part in shp.iterdir():
            zf.write(part, f"../../{part.name}")  # a hostile path is flattened, not followed
    assert read_wind_areas(zpath, ctx).issues[0].code == "no_crs"
    # no status attribute and a neutral layer name
    gpd.GeoDataFrame({"name": ["x"]}, geometry=[_sq(0, 0)], crs="EPSG:25832").to_file(
        tmp_path / "windgebiete_x.gpkg", layer="gebiete", engine="pyogrio"
    )
    assert read_wind_areas(tmp_path / "windgebiete_x.gpkg", ctx).issues[0].code == (
        "missing_status"
    )
    # points are not areas
    gpd.GeoDataFrame(
        {"status": ["Entwurf"]}, geometry=[Point(X0 + 10, Y0 + 10)], crs="EPSG:25832"
    ).to_file(tmp_path / "windgebiete_p.gpkg", engine="pyogrio")
    res = read_wind_areas(tmp_path / "windgebiete_p.gpkg", ctx)
    assert [i.code for i in res.issues] == ["not_a_polygon"] and res.valid.empty
    # a zip without geodata, and a file that is not geodata
    with zipfile.ZipFile(tmp_path / "windgebiete_e.zip", "w") as zf:
        zf.writestr("liesmich.txt", "nichts")
    assert read_wind_areas(tmp_path / "windgebiete_e.zip", ctx).issues[0].code == (
        "zip_without_shapefile"
    )
    (tmp_path / "windgebiete_t.gpkg").write_bytes(b"not a geopackage")
    assert read_wind_areas(tmp_path / "windgebiete_t.gpkg", ctx).issues[0].code == (
        "geodata_unreadable"
    )
