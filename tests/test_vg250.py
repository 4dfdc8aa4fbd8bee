"""Municipal boundaries from BKG GeoPackages: region, land area, CRS, display geometry."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import shapely
from geo_fixtures import (
    bow_tie,
    lup_features,
    municipality,
    square,
    wiggly_square,
    write_vg250_gpkg,
)
from pyproj import Transformer

from etl.readers import load, vg250
from etl.readers.vg250 import GEOJSON_BUDGET_BYTES, pick_layer
from etl.region import Region
from etl.sink import BuildSink

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
LUP = "13076"


def read_municipalities(path: Path, sink: BuildSink, region: str) -> int:
    return load(vg250, path, sink, Region(region)).loaded


@pytest.fixture
def sink() -> BuildSink:
    return BuildSink(duckdb.connect())


def municipalities(sink: BuildSink) -> pd.DataFrame:
    return (
        sink.con.execute("SELECT * FROM core_bkg__municipalities")
        .df()
        .set_index("municipality_key")
    )


def problems(sink: BuildSink) -> pd.DataFrame:
    return sink.con.execute("SELECT * FROM meta_rejected_rows").df()


def test_region_land_area_and_geometry_columns(tmp_path, sink):
    path = write_vg250_gpkg(tmp_path / "DE_VG250.gpkg")
    n = read_municipalities(path, sink, LUP)
    m = municipalities(sink)

    assert n == 3
    assert sorted(m.index) == ["13076001", "13076088", "13076105"]  # not 13074001
    assert m.loc["13076088", "municipality_name"] == "Ludwigslust"
    assert m.loc["13076088", "municipality_type"] == "Stadt"
    # each fixture square is 10 km × 10 km; Parchim's water row (GF 2) is not land
    assert m["area_km2"].to_dict() == pytest.approx(
        {"13076001": 100.0, "13076088": 100.0, "13076105": 100.0}, rel=1e-6
    )
    for key, row in m.iterrows():
        shape = shapely.from_wkb(bytes(row["geometry_wkb"]))
        # stored in WGS84: longitude first, in the Ludwigslust area
        assert 11.0 < shape.centroid.x < 12.0 and 53.0 < shape.centroid.y < 53.6, key
        assert shape.contains(shapely.Point(row["centroid_longitude"], row["centroid_latitude"]))
        assert shape.bounds == pytest.approx(
            (row["min_longitude"], row["min_latitude"], row["max_longitude"], row["max_latitude"])
        )
        display = json.loads(row["geometry_geojson"])
        assert display["type"] in ("Polygon", "MultiPolygon")
        assert shapely.from_geojson(row["geometry_geojson"]).area == pytest.approx(
            shape.area, rel=0.01
        )
    assert not m["is_synthetic_geometry"].any()
    assert set(m["source_file"]) == {"DE_VG250.gpkg"}
    assert problems(sink).empty
    run = sink.con.execute(
        "SELECT source, rows_read, rows_loaded, rows_rejected, sha256 FROM meta_load_runs"
    ).fetchone()
    assert run[:4] == ("bkg_vg250", 5, 3, 0) and len(run[4]) == 64


def test_several_land_rows_are_dissolved_and_water_only_areas_reported(tmp_path, sink):
    feats = [
        municipality("13076105", "Parchim", square(0, 0)),
        municipality("13076105", "Parchim", square(1, 0)),  # second land part
        municipality("13076105", "Parchim", square(2, 0), gf=2),  # lake: not land
        municipality("13076999", "Seefläche", square(3, 0), gf=2),  # water only
    ]
    read_municipalities(write_vg250_gpkg(tmp_path / "DE_VG250.gpkg", feats), sink, LUP)
    m = municipalities(sink)
    assert list(m.index) == ["13076105"]
    assert m.loc["13076105", "area_km2"] == pytest.approx(200.0, rel=1e-6)
    p = problems(sink).iloc[0]
    assert (p["record_id"], p["field"], p["row_ref"]) == ("13076999", "GF", "4")
    assert "only water" in p["reason"]


def test_demo_column_marks_synthetic_geometry(tmp_path, sink):
    feats = [
        municipality("13076001", "Demo-Dorf", square(0, 0), DEMO=1),
        municipality("13076002", "Echtdorf", square(1, 0), DEMO=0),
    ]
    read_municipalities(write_vg250_gpkg(tmp_path / "demo.gpkg", feats), sink, LUP)
    assert municipalities(sink)["is_synthetic_geometry"].to_dict() == {
        "13076001": True,
        "13076002": False,
    }


def test_invalid_geometry_is_repaired_and_reported(tmp_path, sink):
    feats = [municipality("13076001", "Knoten", bow_tie(0, 0)), *lup_features()[1:3]]
    read_municipalities(write_vg250_gpkg(tmp_path / "DE_VG250.gpkg", feats), sink, LUP)
    m = municipalities(sink)
    assert len(m) == 3
    # the bow tie is two triangles of a quarter square each
    assert m.loc["13076001", "area_km2"] == pytest.approx(50.0, rel=1e-6)
    assert shapely.from_wkb(bytes(m.loc["13076001", "geometry_wkb"])).is_valid
    p = problems(sink).iloc[0]
    assert (p["row_ref"], p["record_id"], p["field"], p["action"]) == (
        "1",
        "13076001",
        "geometry",
        "flagged",
    )
    assert "Self-intersection" in p["reason"]


def test_malformed_ags_is_rejected_with_its_row(tmp_path, sink):
    feats = [
        *lup_features()[:2],
        municipality("1307610", "Kaputt", square(2, 0)),
        municipality("13O76100", "Tippfehler", square(3, 0)),
    ]
    read_municipalities(write_vg250_gpkg(tmp_path / "DE_VG250.gpkg", feats), sink, LUP)
    assert sorted(municipalities(sink).index) == ["13076001", "13076088"]
    p = problems(sink).set_index("row_ref")
    # a 7-digit key lost its leading zero: repaired (01307610, another Land) and reported
    assert (p.loc["3", "field"], p.loc["3", "raw_value"], p.loc["3", "action"]) == (
        "AGS",
        "1307610",
        "flagged",
    )
    assert "leading zero" in p.loc["3", "reason"]
    assert (p.loc["4", "field"], p.loc["4", "raw_value"], p.loc["4", "action"]) == (
        "AGS",
        "13O76100",
        "row_rejected",
    )


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:25833"])
def test_the_files_own_crs_is_used(tmp_path, sink, crs):
    path = write_vg250_gpkg(tmp_path / "DE_VG250.gpkg", lup_features(), crs=crs)
    read_municipalities(path, sink, LUP)
    m = municipalities(sink)
    assert m.loc["13076088", "area_km2"] == pytest.approx(100.0, rel=1e-3)
    # centre of the 25832 square (675 000 E, 5 915 000 N), not a lat/lon swap
    lon, lat = Transformer.from_crs(25832, 4326, always_xy=True).transform(675_000, 5_915_000)
    assert m.loc["13076088", "centroid_longitude"] == pytest.approx(lon, abs=0.01)
    assert m.loc["13076088", "centroid_latitude"] == pytest.approx(lat, abs=0.01)


def test_layer_is_picked_automatically(tmp_path, sink):
    path = write_vg250_gpkg(
        tmp_path / "vg5000.gpkg",
        lup_features(),
        layer="vg5000_gem",
        extra_layers={"vg5000_krs": [municipality("13076000", "LUP", square(0, 0, 40_000))]},
    )
    assert pick_layer(path) == "vg5000_gem"
    assert read_municipalities(path, sink, LUP) == 3


def test_file_without_municipality_layer_is_reported_not_raised(tmp_path, sink):
    path = write_vg250_gpkg(tmp_path / "kreise.gpkg", lup_features(), layer="vg250_krs")
    write_vg250_gpkg(path, lup_features(), layer="vg250_lan")
    assert read_municipalities(path, sink, LUP) == 0
    p = problems(sink).iloc[0]
    assert "no municipality layer" in p["reason"] and "kreise.gpkg" in p["reason"]


def test_detailed_boundaries_are_simplified_for_display_only(tmp_path, sink):
    feats = [municipality("13076001", "Zackig", wiggly_square(0, 0, n=20_000))]
    read_municipalities(write_vg250_gpkg(tmp_path / "DE_VG250.gpkg", feats), sink, LUP)
    row = municipalities(sink).loc["13076001"]
    full = shapely.from_wkb(bytes(row["geometry_wkb"]))
    assert shapely.get_num_coordinates(full) > 20_000  # full detail kept
    assert len(row["geometry_geojson"]) <= GEOJSON_BUDGET_BYTES
    assert shapely.from_geojson(row["geometry_geojson"]).area == pytest.approx(full.area, rel=0.02)


@pytest.mark.realdata
def test_real_vg5000_ludwigslust_parchim(sink):
    if not REALDATA.exists():
        pytest.skip(reason=f"real data folder not present: {REALDATA}")
    path = REALDATA / "vg5000_mv_2021.gpkg"
    assert read_municipalities(path, sink, LUP) == 142
    m = municipalities(sink)
    assert (m["municipality_type"] == "Stadt").sum() == 16
    assert m["area_km2"].sum() == pytest.approx(4765, rel=0.01)
    assert m["min_longitude"].min() == pytest.approx(10.60, abs=0.02)
    assert m["max_longitude"].max() == pytest.approx(12.37, abs=0.02)
    assert m["min_latitude"].min() == pytest.approx(53.11, abs=0.02)
    assert m["max_latitude"].max() == pytest.approx(53.80, abs=0.02)
    assert m["geometry_geojson"].str.len().sum() < 1_000_000
    assert m.loc["13076108", "municipality_name"] == "Parchim"
    inside = [
        shapely.from_wkb(bytes(r["geometry_wkb"])).contains(
            shapely.Point(r["centroid_longitude"], r["centroid_latitude"])
        )
        for _, r in m.iterrows()
    ]
    assert all(inside)
    assert problems(sink).empty


@pytest.mark.realdata
def test_real_vg5000_whole_land(sink):
    if not REALDATA.exists():
        pytest.skip(reason=f"real data folder not present: {REALDATA}")
    assert read_municipalities(REALDATA / "vg5000_mv_2021.gpkg", sink, "13") == 726
