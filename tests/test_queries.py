"""Dashboard queries on a tiny database whose every number is known by construction.

Two square municipalities of 10 km × 10 km side by side (EPSG:25832) and eight
units; the expected figures are written out by hand below.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from analysis import headline, queries
from analysis.filters import Filters
from etl import finalize, marts, schema
from etl.sink import BuildSink

A, B = "13076001", "13076002"
DATA_DATE = date(2026, 11, 20)
_TO_WGS = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
#: Turbine positions (EPSG:25832): on the A/B border, inside A, 1 km from A's west edge.
T1, T2, T3 = (610_000, 5_905_000), (605_000, 5_905_000), (601_000, 5_905_000)
R = marts.EEG_WIND_RADIUS_M


def _segment_share(d: float, r: float = R) -> float:
    """Share of a circle of radius ``r`` on the far side of a line ``d`` from its centre."""
    return (r * r * math.acos(d / r) - d * math.sqrt(r * r - d * d)) / (math.pi * r * r)


#: Area share of turbine 3's circle inside A (the rest lies west of the region).
T3_SHARE_A = 1.0 - _segment_share(1_000.0)


def _wgs(xy: tuple[float, float]) -> tuple[float, float]:
    lon, lat = _TO_WGS.transform(*xy)
    return lon, lat


def _unit(uid: int, carrier: str, status: str, kw: float, muni: str, **kw_args: object) -> dict:
    row: dict[str, object] = {c: None for c in schema.UNITS.column_names}
    row.update(
        unit_id_mastr=f"SEE{uid:012d}",
        unit_name=f"Einheit {uid}",
        carrier=carrier,
        status=status,
        gross_capacity_kw=kw,
        net_capacity_kw=kw,
        municipality_key=muni,
        municipality_name="Aheim" if muni == A else "Bedorf",
        is_capacity_suspect=False,
        source="mastr_bulk",
        source_file="tiny.zip",
        extract_date=DATA_DATE,
    )
    xy = kw_args.pop("xy", None)
    if xy is not None:
        row["longitude"], row["latitude"] = _wgs(xy)
    row.update(kw_args)
    return row


UNITS = [
    _unit(1, "wind_onshore", "operating", 3000, A, xy=T1, commissioning_date=date(2020, 5, 1)),
    _unit(2, "wind_onshore", "operating", 4000, A, xy=T2, commissioning_date=date(2026, 3, 1)),
    _unit(
        3, "wind_onshore", "planned", 5000, A, xy=T3, planned_commissioning_date=date(2027, 6, 1)
    ),
    _unit(
        4,
        "pv_ground",
        "operating",
        10000,
        B,
        xy=(615_000, 5_902_000),
        commissioning_date=date(2025, 7, 1),
    ),
    _unit(5, "pv_building", "operating", 10, B, commissioning_date=date(2025, 1, 15)),
    _unit(
        6,
        "pv_building",
        "permanently_shut_down",
        8,
        A,
        commissioning_date=date(2010, 1, 1),
        decommissioning_date=date(2024, 2, 1),
    ),
    _unit(
        7, "storage", "operating", 5, B, commissioning_date=date(2026, 2, 1), storage_energy_kwh=10
    ),
    _unit(
        8,
        "biomass",
        "operating",
        500,
        B,
        xy=(612_000, 5_908_000),
        commissioning_date=date(2005, 1, 1),
        unit_name='=HYPERLINK("http://x.invalid")',
    ),
]


def make_tiny_db(path: Path) -> Path:
    """Write the tiny database (schema, two municipalities, eight units, marts)."""
    con = duckdb.connect(str(path))
    try:
        sink = BuildSink(con)
        for key, x0, pop, name in ((A, 600_000, 1000, "Aheim"), (B, 610_000, 3000, "Bedorf")):
            poly = (
                gpd.GeoSeries(
                    [shapely.box(x0, 5_900_000, x0 + 10_000, 5_910_000)], crs="EPSG:25832"
                )
                .to_crs("EPSG:4326")
                .iloc[0]
            )
            lon0, lat0, lon1, lat1 = poly.bounds
            rep = poly.representative_point()
            con.execute(
                "INSERT INTO core_bkg__municipalities VALUES "
                "(?, ?, 'Gemeinde', 100.0, ?, DATE '2024-12-31', ?, ?, ?, ?, ?, ?, ?, ?, TRUE, "
                "'tiny.gpkg')",
                [
                    key,
                    name,
                    pop,
                    rep.y,
                    rep.x,
                    lon0,
                    lat0,
                    lon1,
                    lat1,
                    shapely.to_wkb(poly),
                    json.dumps(shapely.geometry.mapping(poly)),
                ],
            )
        df = pd.DataFrame(UNITS)
        counts = sink.add_units(df, "mastr_bulk", "tiny.zip")
        assert counts.rows_loaded == len(UNITS), "tiny fixture must pass the schema"
        finalize.resolve_duplicates(con)
        sink.set_info("is_demo", True)
        sink.set_info("data_date", DATA_DATE.isoformat())
        sink.set_info("region_name", "Tiny-Kreis")
        sink.set_info("build_id", path.stem)
        sink.set_info("built_at", "2026-11-21T08:00:00+00:00")
        sink.add_problem(
            "mastr_bulk", "tiny.zip", "capacity implausible", row_ref=9, action="flagged"
        )
        marts.build_marts(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Path of the tiny database (as the dashboard passes it around)."""
    return str(make_tiny_db(tmp_path_factory.mktemp("tiny") / "energy-tiny.duckdb"))


def test_build_facts(tiny_db: str) -> None:
    assert queries.is_demo(tiny_db)
    assert queries.data_date(tiny_db) == DATA_DATE
    assert queries.reference_year(tiny_db) == 2026
    assert queries.geometry_is_synthetic(tiny_db)
    assert list(queries.municipality_names(tiny_db).values()) == ["Aheim", "Bedorf"]
    west, south, east, north = queries.region_bounds(tiny_db)
    assert west < _wgs(T3)[0] < east and south < _wgs(T3)[1] < north


def test_overview_headline_figures(tiny_db: str) -> None:
    h = headline.headlines(tiny_db, Filters())
    # renewable only: the 5 kW / 10 kWh battery (unit 7) is its own figure
    assert h.installed_kw == pytest.approx(3000 + 4000 + 10000 + 10 + 500)
    assert h.operating_units == 5
    assert (h.storage_kw, h.storage_kwh, h.storage_units) == (5, 10, 1)
    assert (h.non_renewable_kw, h.non_renewable_units) == (0, 0)
    assert (h.wind_operating_kw, h.wind_operating_units) == (7000, 2)
    assert (h.wind_planned_kw, h.wind_planned_units) == (5000, 1)
    assert h.year == 2026 and h.year_to_date
    assert (h.additions_this_year_kw, h.additions_this_year_units) == (4000, 1)
    assert (h.additions_last_year_kw, h.additions_last_year_units) == (10010, 2)
    assert h.population == 4000
    assert headline.additions_label(h, 2026, "de") == "Zubau 2026 (bis 20.11.2026)"
    assert headline.additions_label(h, 2025, "en") == "Additions 2025"


def test_overview_follows_filters(tiny_db: str) -> None:
    h_b = headline.headlines(tiny_db, Filters(municipality=B))
    assert h_b.installed_kw == pytest.approx(10510)
    assert h_b.storage_kw == 5
    assert h_b.wind_operating_kw == 0
    assert h_b.population == 3000
    h_pv = headline.headlines(tiny_db, Filters(carriers=("pv_ground", "pv_building")))
    assert h_pv.installed_kw == pytest.approx(10010)
    assert h_pv.storage_kw == 0  # storage not selected
    assert list(h_pv.by_carrier["carrier"]) == ["pv_ground", "pv_building"]
    # storage alone never becomes "installed (renewable)"
    h_st = headline.headlines(tiny_db, Filters(carriers=("storage",)))
    assert h_st.installed_kw == pytest.approx(17510) and h_st.storage_kw == 5


def test_timeseries_cumulates_and_projects(tiny_db: str) -> None:
    ts = queries.timeseries(tiny_db, Filters(), "year")
    total = ts.groupby("period")[["cumulative_kw", "projected_kw"]].sum(min_count=1)
    by_year = {p.year: row for p, row in total.iterrows()}
    assert by_year[2005]["cumulative_kw"] == pytest.approx(500)
    assert by_year[2023]["cumulative_kw"] == pytest.approx(3000 + 8 + 500)
    assert by_year[2024]["cumulative_kw"] == pytest.approx(3000 + 500)  # unit 6 removed
    assert by_year[2026]["cumulative_kw"] == pytest.approx(17515)
    assert pd.isna(by_year[2027]["cumulative_kw"])
    assert by_year[2027]["projected_kw"] == pytest.approx(17515 + 5000)
    monthly = queries.timeseries(tiny_db, Filters(carriers=("wind_onshore",)), "month")
    mar = monthly[pd.to_datetime(monthly["period"]) == pd.Timestamp(2026, 3, 1)]
    assert mar["added_kw"].sum() == 4000
    limited = queries.timeseries(tiny_db, Filters(year_from=2020, year_to=2022), "year")
    assert sorted({p.year for p in pd.to_datetime(limited["period"])}) == [2020, 2021, 2022]
    # the period filter limits rows, not the cumulation
    assert limited.groupby("period")["cumulative_kw"].sum().iloc[0] == pytest.approx(3508)


def test_eeg_shares_by_area(tiny_db: str) -> None:
    a = queries.eeg(tiny_db, A).set_index("status")
    b = queries.eeg(tiny_db, B).set_index("status")
    assert a.loc["operating", "wind_share_kw"] == pytest.approx(0.5 * 3000 + 4000, rel=2e-3)
    assert a.loc["planned", "wind_share_kw"] == pytest.approx(T3_SHARE_A * 5000, rel=2e-3)
    assert b.loc["operating", "wind_share_kw"] == pytest.approx(0.5 * 3000, rel=2e-3)
    assert b.loc["operating", "pv_ground_kw"] == 10000
    assert a.loc["operating", "pv_ground_kw"] == 0
    turbines = queries.eeg_turbines(tiny_db, B)
    assert list(turbines["unit_id_mastr"]) == ["SEE000000000001"]
    assert turbines["standing_in"].iloc[0] == "Aheim"


def test_map_points_and_aggregates_account_for_every_unit(tiny_db: str) -> None:
    counts = queries.map_point_counts(tiny_db, Filters())
    assert counts[0] == 5 and counts[1000] == 4 and counts[5000] == 2
    assert queries.auto_point_threshold(counts, max_points=4) == 1000
    pts = queries.map_points(tiny_db, Filters(), 1000)
    assert list(pts["gross_capacity_kw"]) == [10000, 5000, 4000, 3000]
    agg = queries.map_aggregates(tiny_db, Filters(), 1000).set_index("municipality_key")
    assert agg.loc[B, "unit_count"] == 3  # pv_building, storage, biomass below 1 MW
    assert agg.loc[B, "capacity_kw"] == pytest.approx(515)
    assert agg.loc[A, "unit_count"] == 1
    drawn = len(pts) + agg["unit_count"].sum()
    assert drawn == len(UNITS)
    only_wind = queries.map_points(
        tiny_db, Filters(carriers=("wind_onshore",), statuses=("planned",)), 0
    )
    assert list(only_wind["unit_id_mastr"]) == ["SEE000000000003"]


def test_ranking_per_area_and_inhabitant(tiny_db: str) -> None:
    r = headline.municipality_figures(tiny_db).set_index("municipality_key")
    assert r.loc[A, "kw_per_km2"] == pytest.approx(70.0)
    assert r.loc[B, "kw_per_km2"] == pytest.approx(105.1)  # storage not counted
    assert (r.loc[B, "rank_km2"], r.loc[A, "rank_km2"]) == (1, 2)
    assert (r.loc[B, "rank_km2_to"], r.loc[A, "rank_km2_to"]) == (1, 2)
    assert r.loc[A, "kw_per_inhabitant"] == pytest.approx(7.0)
    assert (r.loc[A, "rank_inhabitant"], r.loc[B, "rank_inhabitant"]) == (1, 2)
    assert headline.rank_text(r.loc[B], "km2", "de") == "Platz 1"
    assert headline.rank_detail(r.loc[B], "km2", "de") == "von 2 · 105,1\u00a0kW/km²"


def test_unit_list_filters(tiny_db: str) -> None:
    assert queries.units_count(tiny_db, Filters()) == 8
    period = Filters(year_from=2025, year_to=2025)
    assert set(queries.units(tiny_db, period)["unit_id_mastr"]) == {
        "SEE000000000004",
        "SEE000000000005",
    }
    # planned units count by their planned year
    assert queries.units_count(tiny_db, Filters(year_from=2027, year_to=2027)) == 1
    assert queries.units_count(tiny_db, Filters(municipality=B, statuses=("operating",))) == 4
    with pytest.raises(ValueError, match="unknown unit columns"):
        queries.units(tiny_db, Filters(), columns=["nope"])


def test_quality_counts(tiny_db: str) -> None:
    q = queries.quality(tiny_db)
    assert (q.units, q.municipalities, q.without_coordinates, q.flagged) == (8, 2, 3, 1)
    assert queries.problem_summary(tiny_db)["count"].sum() == 1


def test_top_point_threshold_caps_the_points(tiny_db: str) -> None:
    assert queries.top_point_threshold(tiny_db, Filters(), max_points=10) == 0.0
    kw = queries.top_point_threshold(tiny_db, Filters(), max_points=2)
    pts = queries.map_points(tiny_db, Filters(), kw)
    assert list(pts["gross_capacity_kw"]) == [10000, 5000]
    agg = queries.map_aggregates(tiny_db, Filters(), kw)
    assert len(pts) + agg["unit_count"].sum() == len(UNITS)
