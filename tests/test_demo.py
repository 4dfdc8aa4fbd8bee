"""Demo data: real-format raw files, byte-identical on every run, calibrated figures.

The figures are checked through the real build (the session's ``demo_db``):
the generator's raw files go through the same readers as real files.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from lxml import etree
from typer.testing import CliRunner

from etl import demo
from etl.config import Settings

XSD_DIR = (
    Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "mastr-export" / "xsd"
)
TOWNS = {
    "Parchim", "Ludwigslust", "Hagenow", "Boizenburg/Elbe", "Lübz", "Crivitz", "Grabow",
    "Goldberg", "Plau am See", "Sternberg", "Brüel", "Wittenburg", "Zarrentin am Schaalsee",
    "Dömitz", "Lübtheen", "Neustadt-Glewe",
}  # fmt: skip


# --------------------------------------------------------------------------- #
# Fixtures
# --------------------------------------------------------------------------- #
def _records(zf: zipfile.ZipFile, member: str) -> list[dict[str, str]]:
    """The records of one XML member as {element: text} (in document order)."""
    with zf.open(member) as fh:
        root = etree.parse(fh, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    return [{child.tag: child.text or "" for child in rec} for rec in root]


@pytest.fixture(scope="module")
def demo_dir(demo_settings: Settings) -> Path:
    """The demo raw files the session's demo build generated and read."""
    return demo_settings.demo_dir


@pytest.fixture(scope="module")
def members(demo_dir: Path) -> dict[str, list[dict[str, str]]]:
    """Records per zip member of the demo bulk export."""
    with zipfile.ZipFile(demo_dir / demo.BULK_ZIP_NAME) as zf:
        return {n: _records(zf, n) for n in zf.namelist()}


@pytest.fixture(scope="module")
def fresh_demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, independent generation in another folder."""
    path = tmp_path_factory.mktemp("demo-again") / "demo"
    demo.generate_demo(path)
    return path


@pytest.fixture
def con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --------------------------------------------------------------------------- #
# The generator and its files
# --------------------------------------------------------------------------- #
def test_two_runs_in_different_folders_write_identical_bytes(
    demo_dir: Path, fresh_demo_dir: Path
) -> None:
    first, second = _files(demo_dir), _files(fresh_demo_dir)
    assert {demo.BULK_ZIP_NAME, demo.BOUNDARIES_NAME, demo.POPULATION_NAME} <= set(first)
    assert set(first) == set(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"files differ between two runs: {different}"


def test_current_files_are_reused_and_damaged_ones_regenerated(
    fresh_demo_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(fresh_demo_dir, folder)
    original = _files(folder)
    zip_path = folder / demo.BULK_ZIP_NAME
    before = zip_path.stat().st_mtime_ns

    paths = demo.generate_demo(folder)
    assert zip_path.stat().st_mtime_ns == before, "current demo files were rewritten"
    assert {p.name for p in paths} >= {demo.BULK_ZIP_NAME, demo.BOUNDARIES_NAME}

    population = folder / demo.POPULATION_NAME
    population.write_text("AGS;Einwohner;Stichtag\n13076108;1;2025-12-31\n", encoding="utf-8")
    demo.generate_demo(folder)
    assert _files(folder) == original, "a damaged demo file was not regenerated"

    manifest = json.loads((folder / demo.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["generator_version"] == demo.GENERATOR_VERSION
    manifest["generator_version"] = demo.GENERATOR_VERSION - 1  # files of an older generator
    (folder / demo.MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    before = zip_path.stat().st_mtime_ns
    demo.generate_demo(folder)
    assert zip_path.stat().st_mtime_ns != before, "an older generator's files were kept"
    assert _files(folder) == original
    assert set(manifest["files"]) == {
        demo.BULK_ZIP_NAME,
        demo.BOUNDARIES_NAME,
        demo.POPULATION_NAME,
    }


@pytest.mark.parametrize("region", ["", "13", "13076", "13076108"])
def test_regions_covering_the_demo_are_accepted(region: str) -> None:
    demo.check_region(region)


@pytest.mark.parametrize("region", ["13074", "12", "1307699"])
def test_other_regions_are_refused_with_a_clear_reason(region: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"only for Ludwigslust-Parchim \(13076\).*data/raw"):
        demo.generate_demo(tmp_path / "demo", region_prefix=region)
    assert not (tmp_path / "demo").exists()


def test_demo_build_for_another_district_fails_and_publishes_nothing(tmp_path: Path) -> None:
    from etl.build import build_database
    from etl.publish import served_database

    settings = Settings(
        raw_dir=tmp_path / "raw", processed_dir=tmp_path / "processed", region_prefix="13074"
    )
    with pytest.raises(ValueError, match="Ludwigslust-Parchim"):
        build_database(settings, force_demo=True)
    assert served_database(settings.processed_dir) is None


def test_bulk_export_validates_against_the_official_xsds(demo_dir: Path) -> None:
    if not XSD_DIR.is_dir():
        pytest.skip(f"official XSDs not available here: {XSD_DIR}")
    with zipfile.ZipFile(demo_dir / demo.BULK_ZIP_NAME) as zf:
        names = zf.namelist()
        for name in names:
            stem = re.sub(r"(_\d+)?\.xml$", "", name)
            schema = etree.XMLSchema(etree.parse(str(XSD_DIR / f"{stem}.xsd")))
            with zf.open(name) as fh:
                doc = etree.parse(fh)
            assert schema.validate(doc), f"{name}: {schema.error_log.last_error}"
            assert zf.getinfo(name).date_time == (2026, 11, 20, 3, 12, 0)
    assert "EinheitenSolar_2.xml" in names and "AnlagenStromSpeicher_1.xml" in names


def test_bulk_export_is_utf16_and_repeats_the_part_boundary(
    demo_dir: Path, members: dict[str, list[dict[str, str]]]
) -> None:
    with zipfile.ZipFile(demo_dir / demo.BULK_ZIP_NAME) as zf:
        head = zf.open("EinheitenWind.xml").read(2)
    assert head == b"\xff\xfe", "members must be UTF-16 LE with BOM"
    part1, part2 = members["EinheitenSolar_1.xml"], members["EinheitenSolar_2.xml"]
    assert part1[-1] == part2[0], "last record of part 1 must repeat as first of part 2"
    solar = [r for n, recs in members.items() if n.startswith("EinheitenSolar_") for r in recs]
    ids = pd.Series([r["EinheitMastrNummer"] for r in solar])
    # Two boundary repeats and one unit registered twice with different content.
    assert ids.duplicated().sum() == 3


def test_records_look_like_the_register(members: dict[str, list[dict[str, str]]]) -> None:
    units = [r for name, recs in members.items() if name.startswith("Einheiten") for r in recs]
    assert all(re.fullmatch(r"SEE\d{12}", r["EinheitMastrNummer"]) for r in units)
    assert all(re.fullmatch(r"13076\d{3}", r["Gemeindeschluessel"]) for r in units)
    assert all(re.fullmatch(r"19\d{3}", r["Postleitzahl"]) for r in units)
    assert all(r["DatumLetzteAktualisierung"][:10] <= "2026-11-20" for r in units)
    # Coordinates exactly for units with at least 30 kW net, as the register publishes them.
    for r in units:
        has_xy = "Laengengrad" in r and "Breitengrad" in r
        assert has_xy == (float(r["Nettonennleistung"]) >= 30), r["EinheitMastrNummer"]

    wind = members["EinheitenWind.xml"]
    for field in ("NameWindpark", "Hersteller", "Typenbezeichnung", "Nabenhoehe"):
        assert all(r.get(field) for r in wind), field
    storage = members["EinheitenStromSpeicher_1.xml"]
    plants = members["AnlagenStromSpeicher_1.xml"]
    assert all(re.fullmatch(r"SSE\d{12}", r["SpeMastrNummer"]) for r in storage)
    assert {r["SpeMastrNummer"] for r in storage} == {r["MaStRNummer"] for r in plants}
    linked = {r["MaStRNummer"]: r["VerknuepfteEinheitenMaStRNummern"] for r in plants}
    assert all(linked[r["SpeMastrNummer"]] == r["EinheitMastrNummer"] for r in storage)

    solar = [r for n, recs in members.items() if n.startswith("EinheitenSolar_") for r in recs]
    parks = {r["NameDesSolarparks"] for r in solar if r["ArtDerSolaranlage"] == "852"}
    operating_parks = {
        r["NameDesSolarparks"]
        for r in solar
        if r["ArtDerSolaranlage"] == "852" and r["EinheitBetriebsstatus"] == "35"
    }
    assert len(operating_parks) >= 30
    assert len(parks - operating_parks) >= 3, "a few ground-mounted parks in planning"
    names = {r["NameWindpark"] for r in wind} | parks
    assert all(re.fullmatch(r"Demo-(Wind|Solar)(park \d{3}|projekt [A-Z]+)", n) for n in names)
    assert sum(r["ArtDerSolaranlage"] == "2961" for r in solar) >= 100, "balcony units"


def test_boundaries_are_the_real_142_municipalities(demo_dir: Path) -> None:
    import geopandas as gpd

    gdf = gpd.read_file(demo_dir / demo.BOUNDARIES_NAME, layer="vg250_gem")
    assert gdf.crs.to_epsg() == 25832
    assert len(gdf) == 142 and gdf["AGS"].is_unique
    assert gdf["AGS"].str.fullmatch(r"13076\d{3}").all()
    assert "DEMO" not in gdf.columns, "real boundaries are not marked as demo shapes"
    assert (gdf["GF"] == 4).all()
    assert set(gdf["GEN"]) >= TOWNS, TOWNS - set(gdf["GEN"])
    assert set(gdf.loc[gdf["BEZ"] == "Stadt", "GEN"]) == TOWNS
    # The district's real area (VG5000: 4,765 km²), not the old hexagons' 5,404 km².
    assert gdf.area.sum() / 1e6 == pytest.approx(4_765, abs=5)
    lon0, lat0, lon1, lat1 = gdf.to_crs(4326).total_bounds
    assert 10.5 < lon0 < 10.8 and 12.2 < lon1 < 12.4 and 53.0 < lat0 < 53.2 and lat1 < 53.9

    population = pd.read_csv(demo_dir / demo.POPULATION_NAME, sep=";", dtype=str)
    assert list(population.columns) == ["AGS", "Einwohner", "Stichtag"]
    assert set(population["AGS"]) == set(gdf["AGS"])
    assert int(population["Einwohner"].astype(int).sum()) == 211_899  # Destatis, 31.12.2021
    assert set(population["Stichtag"]) == {"2021-12-31"}


# --------------------------------------------------------------------------- #
# Through the real build
# --------------------------------------------------------------------------- #
def test_wind_in_operation_is_the_offices_headline_figure(
    con: duckdb.DuckDBPyConnection,
) -> None:
    kw = _scalar(
        con,
        "SELECT sum(gross_capacity_kw) FROM core_mastr__units "
        "WHERE carrier = 'wind_onshore' AND status = 'operating'",
    )
    assert kw == pytest.approx(860_000, rel=0.005)
    assert kw == pytest.approx(demo.DEMO_WIND_OPERATING_KW, abs=0.01)


def test_wind_fleet_has_planned_repowered_and_mixed_turbines(
    con: duckdb.DuckDBPyConnection,
) -> None:
    wind = con.execute("SELECT * FROM core_mastr__units WHERE carrier = 'wind_onshore'").fetchdf()
    planned = wind[wind["status"] == "planned"]
    assert 50 <= len(planned) <= 70
    assert planned["gross_capacity_kw"].sum() == pytest.approx(demo.DEMO_WIND_PLANNED_KW)
    assert 350_000 <= demo.DEMO_WIND_PLANNED_KW <= 450_000
    years = pd.to_datetime(planned["planned_commissioning_date"]).dt.year
    assert years.between(2027, 2029).all()

    gone = wind[wind["status"] == "permanently_shut_down"]
    assert len(gone) >= 10 and gone["decommissioning_date"].notna().all()
    assert (wind["status"] == "temporarily_shut_down").any()

    op = wind[wind["status"] == "operating"]
    built = pd.to_datetime(op["commissioning_date"]).dt.year
    assert built.min() <= 1995 and built.max() >= 2025
    # Period turbines; a park's last turbine may carry a municipality's odd rest.
    assert (op.loc[built < 2005, "gross_capacity_kw"] <= 3_000).mean() > 0.95
    assert (op.loc[built < 2005, "gross_capacity_kw"] < 2_000).any()
    mid = op.loc[built.between(2010, 2018), "gross_capacity_kw"]
    assert mid.between(2_000, 3_600).mean() > 0.9
    assert (op.loc[built >= 2021, "gross_capacity_kw"] >= 4_000).mean() > 0.75
    assert op["wind_park_name"].notna().all() and op["model"].notna().all()
    assert op["hub_height_m"].between(40, 180).all()
    assert op["rotor_diameter_m"].between(40, 180).all()
    makers = " ".join(op["manufacturer"].dropna().unique())
    for name in ("ENERCON", "Vestas", "Nordex", "Siemens Gamesa"):
        assert name in makers


def test_other_carriers_have_the_districts_proportions(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """
        SELECT carrier, count(*) AS n, sum(gross_capacity_kw) / 1000 AS mw
        FROM core_mastr__units WHERE status = 'operating' GROUP BY carrier
        """
    ).fetchall()
    by = {carrier: (n, mw) for carrier, n, mw in rows}
    pv_mw = sum(by[c][1] for c in ("pv_ground", "pv_building", "pv_other"))
    # Real 974 MW at the end of 2024 (reference set) plus invented additions since.
    assert 1_000 <= pv_mw <= 1_200
    assert 8_000 <= by["pv_building"][0] <= 15_000
    assert by["biomass"][1] == pytest.approx(98, abs=2)
    assert by["hydro"][1] == pytest.approx(2.3, rel=0.02)

    storage = con.execute(
        "SELECT status, gross_capacity_kw, storage_energy_kwh FROM core_mastr__units "
        "WHERE carrier = 'storage'"
    ).fetchdf()
    home = storage[storage["gross_capacity_kw"] < 30]
    assert len(home) >= 2_000
    assert home["storage_energy_kwh"].between(5, 20).all()
    large = storage[(storage["gross_capacity_kw"] >= 200) & (storage["status"] == "operating")]
    assert 15 <= len(large) <= 25
    assert 25_000 <= large["gross_capacity_kw"].sum() <= 30_000
    assert large["storage_energy_kwh"].notna().all()
    planned = storage[storage["status"] == "planned"]
    assert len(planned) >= 3 and planned["gross_capacity_kw"].between(10_000, 25_000).all()


def test_database_is_marked_as_demo(con: duckdb.DuckDBPyConnection) -> None:
    meta = dict(con.execute("SELECT key, value FROM meta_build").fetchall())
    assert meta["is_demo"] == "True"
    assert meta["data_date"] == demo.DEMO_EXTRACT_DATE.isoformat()


def test_all_municipalities_have_real_geometry_and_population(
    con: duckdb.DuckDBPyConnection,
) -> None:
    n, with_geometry, synthetic, population, area = con.execute(
        """
        SELECT count(*), count(geometry_wkb), count(*) FILTER (is_synthetic_geometry),
               sum(population), sum(area_km2)
        FROM core_bkg__municipalities
        """
    ).fetchone()
    assert n == 142
    assert with_geometry == n and synthetic == 0
    assert population == 211_899
    assert area == pytest.approx(4_765, abs=5)
    parchim = _scalar(
        con, "SELECT population FROM core_bkg__municipalities WHERE municipality_name = 'Parchim'"
    )
    assert parchim == 17_467


def test_unit_coordinates_lie_inside_their_municipality(con: duckdb.DuckDBPyConnection) -> None:
    import shapely

    munis = con.execute(
        "SELECT municipality_key, geometry_wkb FROM core_bkg__municipalities"
    ).fetchall()
    shapes = {key: shapely.from_wkb(bytes(wkb)) for key, wkb in munis}
    units = con.execute(
        "SELECT unit_id_mastr, municipality_key, longitude, latitude FROM core_mastr__units "
        "WHERE latitude IS NOT NULL"
    ).fetchdf()
    assert len(units) > 1_000
    assert units["longitude"].between(10.4, 12.6).all()
    assert units["latitude"].between(52.95, 53.95).all()
    outside = []
    for key, group in units.groupby("municipality_key"):
        points = shapely.points(group["longitude"].to_numpy(), group["latitude"].to_numpy())
        inside = shapely.contains(shapes[key], points)
        outside += list(group.loc[~inside, "unit_id_mastr"])
    assert not outside, f"units outside their municipality: {outside[:5]}"


def test_small_units_have_no_coordinates(con: duckdb.DuckDBPyConnection) -> None:
    small_with_xy = _scalar(
        con,
        "SELECT count(*) FROM core_mastr__units WHERE net_capacity_kw < 30 "
        "AND (latitude IS NOT NULL OR longitude IS NOT NULL)",
    )
    assert small_with_xy == 0
    # Units from 30 kW carry coordinates, except the one whose coordinates were cleared.
    missing = con.execute(
        "SELECT unit_id_mastr FROM core_mastr__units WHERE net_capacity_kw >= 30 "
        "AND latitude IS NULL"
    ).fetchall()
    cleared = con.execute(
        "SELECT record_id FROM meta_rejected_rows WHERE action = 'field_cleared' "
        "AND field = 'latitude/longitude'"
    ).fetchall()
    assert missing == cleared and len(missing) == 1


def test_deliberate_quality_cases_appear_in_rejected_rows(
    con: duckdb.DuckDBPyConnection,
) -> None:
    problems = con.execute(
        "SELECT record_id, field, reason, raw_value, action FROM meta_rejected_rows"
    ).fetchdf()

    def one(mask: pd.Series) -> pd.Series:
        hits = problems[mask]
        assert len(hits) == 1, hits
        return hits.iloc[0]

    kw_typo = one((problems["action"] == "flagged") & (problems["field"] == "gross_capacity_kw"))
    assert float(kw_typo["raw_value"]) == 12_000 and "pv_building" in kw_typo["reason"]
    assert _scalar(
        con,
        f"SELECT is_capacity_suspect FROM core_mastr__units "
        f"WHERE unit_id_mastr = '{kw_typo['record_id']}'",
    )
    far = one(problems["action"] == "field_cleared")
    assert far["raw_value"].startswith("48.")
    assert (
        _scalar(
            con,
            f"SELECT carrier FROM core_mastr__units WHERE unit_id_mastr = '{far['record_id']}'",
        )
        == "biomass"
    )
    duplicate = one(problems["reason"].str.contains("duplicate"))
    assert duplicate["action"] == "row_rejected"
    kept = _scalar(
        con,
        f"SELECT gross_capacity_kw FROM core_mastr__units "
        f"WHERE unit_id_mastr = '{duplicate['record_id']}'",
    )
    assert kept == pytest.approx(99.82), "the later correction must be the record kept"
    unknown = one(problems["field"] == "municipality_key")
    assert unknown["raw_value"] == "13076095" and unknown["action"] == "flagged"

    wind_ids = {
        r[0]
        for r in con.execute(
            "SELECT unit_id_mastr FROM core_mastr__units WHERE carrier = 'wind_onshore'"
        ).fetchall()
    }
    assert not wind_ids & set(problems["record_id"].dropna()), "quality cases must spare wind"


def test_info_command_shows_demo_and_headline_figure(demo_settings: Settings) -> None:
    from etl import cli

    result = CliRunner().invoke(
        cli.app, ["info"], env={"EZ_PROCESSED_DIR": str(demo_settings.processed_dir)}
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "DEMO" in text
    assert re.search(r"wind onshore in operation: 860\.0 MW", text), text[-400:]
