"""The office lists through the whole build: real-format files in, tables and reports out.

A raw folder with a MaStR web CSV export, VG250-style boundaries, a permit
list (XLSX, with one bad row), hydrogen projects (CSV) and wind areas (a
zipped Shapefile in EPSG:25833) is built with ``build_database``.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import duckdb
import geopandas as gpd
import pytest
from csv_fixtures import wind_row, write_web_csv
from geo_fixtures import write_vg250_gpkg
from pyproj import Transformer
from shapely.geometry import box

from etl.build import build_database
from etl.config import Settings
from etl.office.spec import HYDROGEN, WIND_PERMITS
from etl.office.templates import write_list_csv, write_list_xlsx
from etl.publish import served_database

#: The operating fixture unit stands in the middle of Ludwigslust (fixture square 1, 0).
U1_LON, U1_LAT = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True).transform(
    675_000, 5_915_000
)


def _planned(uid: str, ags: str, name: str, park: str, kw: str) -> dict:
    return wind_row(
        uid,
        **{
            "Betriebs-Status": "In Planung",
            "Bruttoleistung der Einheit": kw,
            "Nettonennleistung der Einheit": kw,
            "Inbetriebnahmedatum der Einheit": "",
            "Datum der geplanten Inbetriebnahme": "1.6.2027",
            "Gemeindeschlüssel": ags,
            "Gemeinde": name,
            "Name des Windparks": park,
            "MaStR-Nr. der Genehmigung": "",
            "Koordinate: Breitengrad (WGS84)": "",
            "Koordinate: Längengrad (WGS84)": "",
        },
    )


def _shapefile_zip(path: Path) -> Path:
    to_33 = Transformer.from_crs("EPSG:4326", "EPSG:25833", always_xy=True)
    x, y = to_33.transform(U1_LON, U1_LAT)
    to_33_from_32 = Transformer.from_crs("EPSG:25832", "EPSG:25833", always_xy=True)
    dx, dy = to_33_from_32.transform(663_000, 5_913_000)  # inside Alt Krenzlin (square 0,0)
    gdf = gpd.GeoDataFrame(
        {
            "ID": ["WEG 1", "WEG 2", "WEG 3"],
            "NAME": ["Eignungsgebiet Ludwigslust", "Entwurf Alt Krenzlin", "Unklar"],
            "STATUS": ["ausgewiesen", "Entwurf", "in Prüfung"],
        },
        geometry=[
            box(x - 1000, y - 1000, x + 1000, y + 1000),
            box(dx, dy, dx + 1500, dy + 1000),
            box(dx + 2000, dy, dx + 2500, dy + 500),
        ],
        crs="EPSG:25833",
    )
    shp_dir = path.parent / "shp"
    shp_dir.mkdir()
    gdf.to_file(shp_dir / "windgebiete.shp", engine="pyogrio")
    with zipfile.ZipFile(path, "w") as zf:
        for part in sorted(shp_dir.iterdir()):
            zf.write(part, part.name)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("office_build")
    raw = root / "raw"
    raw.mkdir()
    write_vg250_gpkg(raw / "vg250_test.gpkg")
    write_web_csv(
        raw / "Stromerzeuger_20261120.csv",
        [
            wind_row(  # operating, permit SGE912345678901, Ludwigslust
                "SEE900000000001",
                **{
                    "Koordinate: Breitengrad (WGS84)": f"{U1_LAT:.6f}".replace(".", ","),
                    "Koordinate: Längengrad (WGS84)": f"{U1_LON:.6f}".replace(".", ","),
                },
            ),
            _planned("SEE900000000002", "13076001", "Alt Krenzlin", "Windpark Plan", "6000"),
            _planned("SEE900000000003", "13076001", "Alt Krenzlin", "Windpark Plan", "6000"),
            _planned("SEE900000000004", "13076105", "Parchim", "Windpark Fehlt", "5600"),
        ],
    )
    base = {"status": "approved", "application_date": date(2023, 1, 10)}
    write_list_xlsx(
        raw / "windpipeline_2026.xlsx",
        WIND_PERMITS,
        [
            {**base, "procedure_id": "P-1", "project_name": "WP Plan", "turbine_count": 2,
             "municipality_key": "13076001", "capacity_mw": 12.0,
             "permit_date": date(2024, 5, 1),
             "mastr_ids": "SEE900000000002, SEE900000000003"},
            {**base, "procedure_id": "P-2", "project_name": "WP Neu", "turbine_count": 3,
             "municipality_key": "13076105", "capacity_mw": 20.0, "status": "applied"},
            {**base, "procedure_id": "P-3", "project_name": "WP Test", "turbine_count": 1,
             "municipality_key": "13076088", "capacity_mw": 4.2,
             "application_date": date(2016, 2, 1), "permit_date": date(2017, 3, 1),
             "mastr_ids": "SGE912345678901"},
            {**base, "procedure_id": "P-4", "project_name": "WP Tippfehler", "turbine_count": 2,
             "municipality_key": "13076105", "capacity_mw": 9.0, "status": "genehmight"},
        ],
    )  # fmt: skip
    write_list_csv(
        raw / "wasserstoff.csv",
        HYDROGEN,
        [
            {"project_id": "H2-1", "project_name": "Elektrolyse Ludwigslust",
             "project_type": "electrolysis", "electrolyser_mw": 5.0, "status": "planning",
             "latitude": U1_LAT + 0.01, "longitude": U1_LON},
        ],
    )  # fmt: skip
    _shapefile_zip(raw / "windgebiete_rrep.zip")
    settings = Settings(raw_dir=raw, processed_dir=root / "processed")
    build_database(settings)
    return served_database(settings.processed_dir)


@pytest.fixture
def con(built: Path):
    c = duckdb.connect(str(built), read_only=True)
    yield c
    c.close()


def _rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_bad_row_is_in_the_rejected_rows_table(con) -> None:
    assert _rows(
        con,
        "SELECT source, source_file, row_ref, record_id, source_field, raw_value, action "
        "FROM meta_rejected_rows WHERE source LIKE 'office_%' ORDER BY source, row_ref",
    ) == [
        ("office_wind_areas", "windgebiete_rrep.zip", "3", "WEG 3", "STATUS", "in Prüfung",
         "row_rejected"),
        ("office_wind_permits", "windpipeline_2026.xlsx", "5", "P-4", "Status", "genehmight",
         "row_rejected"),
    ]  # fmt: skip
    runs = _rows(
        con,
        "SELECT source, rows_read, rows_loaded, rows_rejected FROM meta_load_runs "
        "WHERE source LIKE 'office_%' ORDER BY source",
    )
    assert runs == [
        ("office_hydrogen_projects", 1, 1, 0),
        ("office_wind_areas", 3, 2, 1),
        ("office_wind_permits", 4, 3, 1),
    ]


def test_permits_are_matched_and_disagreements_listed(con) -> None:
    assert _rows(
        con, "SELECT procedure_id, unit_id_mastr, match_method FROM out_permit_mastr_matches "
        "ORDER BY 1, 2"
    ) == [
        ("P-1", "SEE900000000002", "mastr_unit_id"),
        ("P-1", "SEE900000000003", "mastr_unit_id"),
        ("P-3", "SEE900000000001", "mastr_permit_id"),
    ]  # fmt: skip
    assert _rows(
        con, "SELECT finding, coalesce(procedure_id, unit_ids_mastr) FROM "
        "out_permit_reconciliation ORDER BY 1"
    ) == [
        ("list_permitted_mastr_operating", "P-3"),
        ("mastr_missing_from_list", "SEE900000000004"),
    ]  # fmt: skip


def test_pipeline_counts_a_project_in_both_sources_once(con) -> None:
    # MaStR planned 6 + 6 + 5.6 MW; P-1 is those two units (adds 0); P-2 adds 20;
    # P-3 is already operating (adds 0).
    total = _rows(con, "SELECT sum(counted_mw) FROM out_wind_pipeline")[0][0]
    assert total == pytest.approx(12 + 5.6 + 20)
    assert _rows(
        con, "SELECT item_id, counted_mw FROM out_wind_pipeline WHERE item_type = 'list_entry' "
        "ORDER BY 1"
    ) == [("P-1", 0.0), ("P-2", 20.0), ("P-3", 0.0)]  # fmt: skip


def test_wind_areas_in_any_crs_are_placed_and_measured(con) -> None:
    areas = dict(_rows(con, "SELECT area_id, area_km2 FROM core_office__wind_areas"))
    assert areas["WEG 1"] == pytest.approx(4.0, rel=0.01)  # 2 km x 2 km in EPSG:25833
    assert areas["WEG 2"] == pytest.approx(1.5, rel=0.01)
    assert _rows(
        con, "SELECT unit_id_mastr, location, area_id FROM out_wind_units_in_areas "
        "WHERE location <> 'no_coordinates'"
    ) == [("SEE900000000001", "designated", "WEG 1")]  # fmt: skip
    by_muni = dict(_rows(
        con, "SELECT municipality_key, designated_km2 + draft_km2 FROM "
        "out_wind_area_by_municipality"
    ))  # fmt: skip
    assert by_muni["13076001"] == pytest.approx(1.5, rel=0.01)
    assert sum(by_muni.values()) == pytest.approx(5.5, rel=0.01)


def test_hydrogen_project_gets_its_municipality_and_neighbourhood(con) -> None:
    assert _rows(
        con, "SELECT municipality_key, is_location_approximate FROM core_office__hydrogen_projects"
    ) == [("13076088", False)]  # fmt: skip
    near = dict(_rows(
        con, "SELECT radius_km, capacity_kw FROM out_hydrogen_nearby_capacity "
        "WHERE scope = 'radius' AND carrier = 'wind_onshore' AND status = 'operating'"
    ))  # fmt: skip
    assert near[5] == pytest.approx(4200)  # the unit is ~1.1 km away
