"""Office lists against the real boundaries of Ludwigslust-Parchim (BKG VG5000, in ../shared).

Real coordinates of real places must land in the right real municipality,
wind areas given in EPSG:25833 must be measured like the municipalities, and
keys of the neighbouring district must be refused.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from pyproj import Transformer
from shapely.geometry import box

from etl.office import read_list, region_context
from etl.office.spec import HYDROGEN
from etl.office.templates import write_list_csv, write_wind_areas_gpkg
from etl.office.wind_areas import read_wind_areas
from etl.readers import load, vg250
from etl.region import Region
from etl.sink import BuildSink

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
GPKG = REALDATA / "vg5000_mv_2021.gpkg"


@pytest.fixture(scope="module")
def ctx():
    if not GPKG.exists():
        pytest.skip(reason=f"real data not available here: {GPKG} (CI has ../shared/realdata)")
    con = duckdb.connect()
    sink = BuildSink(con)
    assert load(vg250, GPKG, sink, Region("13076")).loaded == 142
    yield region_context(con, "13076", date(2026, 11, 20))
    con.close()


def test_real_places_land_in_their_real_municipality(tmp_path: Path, ctx) -> None:
    rows = [
        {"project_id": "R-1", "project_name": "H2-Tankstelle Hagenow", "status": "operating",
         "project_type": "refuelling_station", "latitude": 53.4306, "longitude": 11.1866},
        {"project_id": "R-2", "project_name": "Elektrolyse Parchim", "status": "planning",
         "project_type": "electrolysis", "electrolyser_mw": 20.0, "latitude": 53.4260,
         "longitude": 11.8470},
        {"project_id": "R-3", "project_name": "Schwerin (kreisfrei)", "status": "idea",
         "project_type": "consumer", "latitude": 53.6288, "longitude": 11.4148},
        {"project_id": "R-4", "project_name": "Nachbarkreis", "status": "idea",
         "project_type": "consumer", "municipality_key": "13074001"},
    ]  # fmt: skip
    data = write_list_csv(tmp_path / "wasserstoff.csv", HYDROGEN, rows).read_bytes()
    result = read_list(data, HYDROGEN, ctx, "wasserstoff.csv")
    names = dict(zip(result.valid["project_id"], result.valid["municipality_name"], strict=True))
    assert names == {"R-1": "Hagenow", "R-2": "Parchim"}
    assert {(i.row, i.code) for i in result.issues} == {
        (4, "coordinates_outside_region"),  # Schwerin is not part of the district
        (5, "ags_outside_region"),
    }


def test_wind_area_in_utm33_is_measured_inside_the_district(tmp_path: Path, ctx) -> None:
    to33 = Transformer.from_crs("EPSG:4326", "EPSG:25833", always_xy=True)
    x, y = to33.transform(12.05, 53.47)  # near Lübz
    path = write_wind_areas_gpkg(
        tmp_path / "windgebiete.gpkg",
        [{"id": "L-1", "status": "Entwurf", "geometry": box(x, y, x + 2000, y + 1500)}],
        crs="EPSG:25833",
    )
    result = read_wind_areas(path, ctx)
    assert result.issues == []
    assert result.valid.iloc[0]["area_km2"] == pytest.approx(3.0, rel=0.005)
    lat, lon = result.valid.iloc[0][["centroid_latitude", "centroid_longitude"]]
    assert ctx.municipality_at(lon, lat) is not None
