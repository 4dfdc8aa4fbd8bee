"""EEG §6 as an upper bound: neighbouring turbines, the 1 MW threshold, floating PV.

A MaStR bulk export in the real format (tests/bulk_fixtures.py) and VG250-style
boundaries (tests/geo_fixtures.py: Alt Krenzlin, Ludwigslust, Parchim in a row;
Bad Kleinen of the neighbouring district north of Alt Krenzlin) go through the
whole build.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import shapely
from bulk_fixtures import GROUND, unit, unit_id, write_zip
from geo_fixtures import ORIGIN, write_vg250_gpkg
from pyproj import Transformer

from etl.build import build_database
from etl.config import Settings
from etl.publish import served_database

_TO_WGS84 = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
#: The region's northern boundary (UTM 32N) and a point 5 km inside Alt Krenzlin.
NORTH = ORIGIN[1] + 10_000
X = ORIGIN[0] + 5_000
WATER = 3002  # ArtDerSolaranlage "Gewässer": floating PV


def _at(x: float, y: float) -> dict[str, object]:
    lon, lat = _TO_WGS84.transform(x, y)
    return {"Laengengrad": round(lon, 7), "Breitengrad": round(lat, 7)}


def _raw(root: Path, *, boundaries: bool = True) -> Path:
    raw = root / "raw"
    raw.mkdir()
    if boundaries:
        write_vg250_gpkg(raw / "vg250_test.gpkg")
    wind = [
        # in the region: 4.2 MW counts, 0.9 MW does not (§ 6 EEG 2023: more than 1 MW)
        unit("wind", 1, gross_kw=4200.0, **_at(X, NORTH - 3_000)),
        unit("wind", 2, gross_kw=900.0, **_at(X, NORTH - 3_000)),
        # Bad Kleinen (13074001), 1 km north of the boundary: its circle reaches Alt Krenzlin
        unit(
            "wind",
            3,
            key="13074001",
            district="Nordwestmecklenburg",
            gross_kw=5600.0,
            **_at(X, NORTH + 1_000),
        ),
        # neighbouring district but 4 km away, and a small one close by: both left out
        unit(
            "wind",
            4,
            key="13074001",
            district="Nordwestmecklenburg",
            gross_kw=5600.0,
            **_at(X, NORTH + 4_000),
        ),
        unit(
            "wind",
            5,
            key="13074001",
            district="Nordwestmecklenburg",
            gross_kw=800.0,
            **_at(X, NORTH + 500),
        ),
    ]
    solar = [
        unit("solar", 1, key="13076088", gross_kw=2000.0, ArtDerSolaranlage=WATER),
        unit("solar", 2, key="13076088", gross_kw=3000.0, ArtDerSolaranlage=GROUND),
    ]
    write_zip(raw, {"wind": wind, "solar": solar})
    return raw


def _build(root: Path, **kw: bool) -> duckdb.DuckDBPyConnection:
    settings = Settings(raw_dir=_raw(root, **kw), processed_dir=root / "processed")
    build_database(settings)
    return duckdb.connect(str(served_database(settings.processed_dir)), read_only=True)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    c = _build(tmp_path_factory.mktemp("eeg"))
    yield c
    c.close()


def _rows(con, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def test_only_neighbouring_turbines_above_1_mw_within_2500_m_are_read(con) -> None:
    assert _rows(
        con,
        "SELECT unit_id_mastr, municipality_key, gross_capacity_kw, round(distance_m, -1) "
        "FROM core_mastr__neighbour_wind_units",
    ) == [(unit_id("wind", 3), "13074001", 5600.0, 1000.0)]
    assert _rows(con, "SELECT value FROM meta_build WHERE key = 'eeg_neighbours'") == [("read",)]


def test_a_neighbouring_turbine_shares_by_area_with_the_border_municipality(con) -> None:
    share, is_neighbour, standing = _rows(
        con,
        "SELECT share, is_neighbour, standing_municipality_key FROM out_eeg_wind_shares "
        "WHERE unit_id_mastr = ? AND municipality_key = '13076001'",
        [unit_id("wind", 3)],
    )[0]
    circle = shapely.Point(0, 1_000).buffer(2_500, quad_segs=32)
    below = circle.intersection(shapely.box(-3_000, -3_000, 3_000, 0))
    assert share == pytest.approx(below.area / circle.area, rel=0.01)  # ≈ 0.30
    assert (is_neighbour, standing) == (True, "13074001")
    wind_kw = _rows(
        con,
        "SELECT wind_share_kw FROM out_eeg_by_municipality "
        "WHERE municipality_key = '13076001' AND status = 'operating'",
    )[0][0]
    assert wind_kw == pytest.approx(4200.0 + share * 5600.0, rel=1e-6)


def test_wind_turbines_of_1_mw_or_less_are_not_in_the_eeg_shares(con) -> None:
    ids = {r[0] for r in _rows(con, "SELECT DISTINCT unit_id_mastr FROM out_eeg_wind_shares")}
    assert ids == {unit_id("wind", 1), unit_id("wind", 3)}
    # … but the 0.9 MW turbine is still one of the region's units
    assert _rows(
        con, "SELECT carrier FROM core_mastr__units WHERE unit_id_mastr = ?", [unit_id("wind", 2)]
    ) == [("wind_onshore",)]


def test_floating_pv_counts_as_ground_mounted(con) -> None:
    assert _rows(
        con, "SELECT carrier FROM core_mastr__units WHERE unit_id_mastr = ?", [unit_id("solar", 1)]
    ) == [("pv_ground",)]
    assert _rows(
        con,
        "SELECT pv_ground_units, pv_ground_kw FROM out_eeg_by_municipality "
        "WHERE municipality_key = '13076088' AND status = 'operating'",
    ) == [(2, 5000.0)]


def test_no_figure_of_the_region_counts_a_neighbouring_turbine(con) -> None:
    neighbour = unit_id("wind", 3)
    tables = _rows(
        con,
        "SELECT table_name FROM duckdb_columns() WHERE column_name = 'unit_id_mastr' "
        "AND table_name NOT IN ('core_mastr__neighbour_wind_units', 'out_eeg_wind_shares')",
    )
    assert tables
    for (table,) in tables:
        assert _rows(con, f"SELECT count(*) FROM {table} WHERE unit_id_mastr = ?", [neighbour]) == [
            (0,)
        ], table
    # the capacity mart and the unit table agree: 4.2 + 0.9 MW wind, 5 MW PV, nothing else
    assert _rows(
        con,
        "SELECT carrier, sum(gross_capacity_kw) FROM out_capacity_by_municipality "
        "GROUP BY ALL ORDER BY 1",
    ) == [("pv_ground", 5000.0), ("wind_onshore", 5100.0)]
    assert _rows(con, "SELECT count(*) FROM out_capacity_by_municipality WHERE "
                      "municipality_key LIKE '13074%'") == [(0,)]  # fmt: skip


def test_without_boundaries_the_build_says_neighbours_are_missing(tmp_path: Path) -> None:
    c = _build(tmp_path, boundaries=False)
    try:
        assert _rows(c, "SELECT value FROM meta_build WHERE key = 'eeg_neighbours'") == [
            ("no_boundaries",)
        ]
        assert _rows(c, "SELECT count(*) FROM core_mastr__neighbour_wind_units") == [(0,)]
    finally:
        c.close()
