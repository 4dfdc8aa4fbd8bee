"""Complete findings, through ``energiezukunft etl`` on small real-format fixtures.

Each case builds from a MaStR bulk zip (and, where it matters, a VG250
GeoPackage) written by the test, and asserts the exit status, the figures of
the build, and the columns of the finding: file, member, record, MaStR unit
number, the field as the source names it plus the schema column, raw value,
action and the German reason. Where the run must fail, the served build keeps
its pointer and bytes.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb
import geopandas as gpd
from typer.testing import CliRunner

from etl import cli, publish
from etl.demo.bulk_zip import record_xml
from etl.failures import EXIT_SOURCE_FAILED
from etl.schema.reasons import REASONS, UNTRANSLATED, translate
from tests.bulk_fixtures import ZIP_NAME, unit, unit_id, write_zip
from tests.geo_fixtures import lup_features, write_vg250_gpkg

runner = CliRunner()
REGION = "13076"
FINDING = (
    "source_file",
    "member",
    "row_ref",
    "unit_id_mastr",
    "source_field",
    "field",
    "raw_value",
    "action",
    "reason",
    "reason_de",
)
#: Inside the fixture squares (EPSG:25832 cells, see tests/geo_fixtures.py).
IN_ALT_KRENZLIN = {"Breitengrad": "53.3555", "Laengengrad": "11.4800"}  # 13076001, square(0, 0)
IN_PARCHIM = {"Breitengrad": "53.3550", "Laengengrad": "11.7800"}  # 13076105, square(2, 0)
IN_BAVARIA = {"Breitengrad": "48.137", "Laengengrad": "11.575"}


def etl(raw: Path, processed: Path, *extra: str) -> tuple[int, str]:
    args = ["etl", "--region", REGION, "--raw-dir", str(raw), "--processed-dir", str(processed)]
    result = runner.invoke(cli.app, [*args, *extra])
    return result.exit_code, result.output


def served(processed: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(publish.served_database(processed)), read_only=True)


def findings(processed: Path, where: str = "TRUE") -> list[dict[str, object]]:
    con = served(processed)
    try:
        cols = ", ".join(FINDING)
        rows = con.execute(f"SELECT {cols} FROM meta_rejected_rows WHERE {where}").fetchall()
    finally:
        con.close()
    return [dict(zip(FINDING, r, strict=True)) for r in rows]


def one(processed: Path, sql: str) -> object:
    con = served(processed)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def wind(n: int, key: str = "13076001", **extra: object) -> dict[str, object]:
    return unit("wind", n, key=key, gross_kw=4200.0, **extra)


def solar(n: int, **extra: object) -> dict[str, object]:
    return unit("solar", n, gross_kw=100.0, **extra)


# --------------------------------------------------------------------------- #
# Codes
# --------------------------------------------------------------------------- #
def test_unknown_energietraeger_code_is_quarantined_not_counted_as_pv(tmp_path: Path) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    recs = {"solar": [solar(1), solar(2, Energietraeger=9999), solar(3)], "wind": [wind(1)]}
    write_zip(raw, recs)
    code, out = etl(raw, processed)
    assert code == 0, out
    assert one(processed, "SELECT count(*) FROM core_mastr__units WHERE carrier LIKE 'pv%'") == 2
    assert one(processed, f"SELECT count(*) FROM core_mastr__units WHERE unit_id_mastr = "
               f"'{unit_id('solar', 2)}'") == 0  # fmt: skip
    (f,) = findings(processed, "source_field = 'Energietraeger'")
    assert f["source_file"] == ZIP_NAME
    assert f["member"] == "EinheitenSolar_1.xml"
    assert f["row_ref"] == "EinheitSolar #2"
    assert f["unit_id_mastr"] == unit_id("solar", 2)
    assert (f["field"], f["raw_value"], f["action"]) == ("energy_source", "9999", "row_rejected")
    assert "Energieträger-Code 9999 steht nicht in Katalogwerte.xml" in str(f["reason_de"])


# --------------------------------------------------------------------------- #
# Coordinates
# --------------------------------------------------------------------------- #
def test_point_outside_its_own_municipality_is_cleared_without_a_capacity_flag(
    tmp_path: Path,
) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    write_vg250_gpkg(raw / "DE_VG250.gpkg", lup_features())
    recs = {
        "wind": [
            wind(1, **IN_ALT_KRENZLIN),  # where it belongs
            wind(2, **IN_BAVARIA),  # a district turbine registered in Bavaria
            wind(3, **IN_PARCHIM),  # in the district, but in another municipality
        ]
    }
    write_zip(raw, recs)
    code, out = etl(raw, processed)
    assert code == 0, out
    rows = findings(processed, "field = 'latitude/longitude'")
    assert [r["unit_id_mastr"] for r in rows] == [unit_id("wind", 2), unit_id("wind", 3)]
    bavaria = rows[0]
    assert (bavaria["source_file"], bavaria["member"], bavaria["row_ref"]) == (
        ZIP_NAME,
        "EinheitenWind.xml",
        "EinheitWind #2",
    )
    assert bavaria["source_field"] == "Breitengrad/Laengengrad"
    assert bavaria["raw_value"] == "48.137000, 11.575000"
    assert bavaria["action"] == "field_cleared"
    assert "außerhalb der Gemeinde 13076001" in str(bavaria["reason_de"])
    # Clearing the point triggers no "entered in W instead of kW?" flag on the 4.2 MW turbine.
    assert findings(processed, "field = 'gross_capacity_kw'") == []
    assert one(processed, "SELECT count(*) FROM core_mastr__units WHERE is_capacity_suspect") == 0
    # The units stay counted in their municipality; the map draws only the good point.
    assert one(processed, "SELECT count(*) FROM core_mastr__units WHERE carrier = 'wind_onshore'"
               " AND municipality_key = '13076001'") == 3  # fmt: skip
    assert one(processed, "SELECT list(unit_id_mastr) FROM out_map_points") == [unit_id("wind", 1)]


def test_without_boundaries_points_are_checked_against_the_region_not_germany(
    tmp_path: Path,
) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    recs = {"wind": [wind(1, **IN_ALT_KRENZLIN), wind(2, **IN_BAVARIA)]}
    write_zip(raw, recs)
    code, out = etl(raw, processed)
    assert code == 0, out
    (f,) = findings(processed, "field = 'latitude/longitude'")
    assert (f["row_ref"], f["unit_id_mastr"], f["raw_value"]) == (
        "EinheitWind #2",
        unit_id("wind", 2),
        "48.137000, 11.575000",
    )
    assert "Grenzen der Region" in str(f["reason_de"])
    assert findings(processed, "field = 'gross_capacity_kw'") == []
    assert one(processed, "SELECT list(unit_id_mastr) FROM out_map_points") == [unit_id("wind", 1)]


# --------------------------------------------------------------------------- #
# Duplicates
# --------------------------------------------------------------------------- #
def test_conflicting_duplicate_names_both_places_and_the_fields_that_differ(
    tmp_path: Path,
) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    old = solar(5, DatumLetzteAktualisierung="2023-01-01T08:00:00")
    new = solar(5, DatumLetzteAktualisierung="2025-06-01T08:00:00", Bruttoleistung=120.0)
    recs = {"solar": [solar(1), old, solar(2), solar(3), new], "wind": [wind(1)]}
    write_zip(raw, recs, rows_per_file=3)
    code, out = etl(raw, processed)
    assert code == 0, out
    assert one(processed, f"SELECT gross_capacity_kw FROM core_mastr__units "
               f"WHERE unit_id_mastr = '{unit_id('solar', 5)}'") == 120.0  # fmt: skip
    (f,) = findings(processed, "field = 'unit_id_mastr'")
    assert (f["source_file"], f["member"], f["row_ref"]) == (
        ZIP_NAME,
        "EinheitenSolar_1.xml",
        "EinheitSolar #2",
    )
    assert f["unit_id_mastr"] == unit_id("solar", 5)
    assert f["source_field"] == "EinheitMastrNummer"
    reason = str(f["reason"])
    assert f"kept ({ZIP_NAME}/EinheitenSolar_2.xml, EinheitSolar #" in reason
    assert reason.endswith("fields that differ: gross_capacity_kw, last_update")
    assert "gross_capacity_kw=100.0 (kept: 120.0)" in str(f["raw_value"])
    assert "abweichende Felder: Bruttoleistung, Letzte Aktualisierung" in str(f["reason_de"])


# --------------------------------------------------------------------------- #
# Encoding
# --------------------------------------------------------------------------- #
def test_member_declaring_utf16_but_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    body = record_xml("EinheitSolar", solar(7, NameStromerzeugungseinheit="Dach Größe"))
    member = (
        '<?xml version="1.0" encoding="utf-16"?>\r\n<EinheitenSolar>' + body + "\r\n"
        "</EinheitenSolar>"
    ).encode()
    write_zip(raw, {"wind": [wind(1)]}, extra_members={"EinheitenSolar.xml": member})
    code, out = etl(raw, processed)
    assert code == 0, out
    assert one(processed, "SELECT unit_name FROM core_mastr__units WHERE carrier LIKE 'pv%'") == (
        "Dach Größe"
    )
    (f,) = findings(processed, "source_field = 'encoding'")
    assert (f["source_file"], f["member"], f["action"]) == (
        ZIP_NAME,
        "EinheitenSolar.xml",
        "flagged",
    )
    assert f["raw_value"] == "declared utf-16, bytes UTF-8"
    assert f["reason_de"] == (
        "Teildatei gibt die Kodierung utf-16 an, ihre Bytes sind aber UTF-8: als UTF-8 gelesen"
    )


# --------------------------------------------------------------------------- #
# Boundaries whose CRS contradicts their coordinates
# --------------------------------------------------------------------------- #
def test_boundaries_declared_wgs84_with_metre_coordinates_fail_clearly(tmp_path: Path) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    write_zip(raw, {"wind": [wind(1)]})
    code, out = etl(raw, processed)
    assert code == 0, out
    pointer = (processed / publish.POINTER_NAME).read_text()
    digest = hashlib.sha256(publish.served_database(processed).read_bytes()).hexdigest()
    gdf = gpd.GeoDataFrame(lup_features(), geometry="geometry", crs="EPSG:25832")
    gdf = gdf.set_crs("EPSG:4326", allow_override=True)  # metres declared as degrees
    gdf.to_file(raw / "DE_VG250.gpkg", layer="vg250_gem", driver="GPKG")
    code, out = etl(raw, processed)
    flat = " ".join(out.split())
    assert code == EXIT_SOURCE_FAILED, out
    assert "DE_VG250.gpkg" in flat and "EPSG:4326" in flat and "metres, not degrees" in flat
    assert (processed / publish.POINTER_NAME).read_text() == pointer
    assert hashlib.sha256(publish.served_database(processed).read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in processed.glob("*.duckdb*")) == [pointer.strip()]


# --------------------------------------------------------------------------- #
# Every finding complete, in German too
# --------------------------------------------------------------------------- #
def test_every_finding_of_the_demo_build_is_complete_and_german(demo_db: Path) -> None:
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        rows = con.execute(
            "SELECT source_file, member, row_ref, unit_id_mastr, source_field, field, raw_value, "
            "reason, reason_de FROM meta_rejected_rows WHERE source = 'mastr_bulk'"
        ).fetchall()
    finally:
        con.close()
    assert rows
    for file, member, row, uid, src_field, col, raw_value, reason, reason_de in rows:
        assert "/" not in file and member, (file, member)
        assert row and uid and src_field and col and raw_value is not None, reason
        assert reason_de and not reason_de.startswith(UNTRANSLATED), reason


def test_each_reason_template_has_a_german_text_with_the_same_values() -> None:
    placeholder = re.compile(r"\{(\w+)\}")
    for english, german in REASONS:
        names = placeholder.findall(english)
        assert sorted(names) == sorted(set(placeholder.findall(german))), english
        values = {n: "not a number" if n.startswith("reason") else f"<{n}>" for n in names}
        expected = german.format(**{**values, **{n: "keine Zahl" for n in values
                                                 if n.startswith("reason")}})  # fmt: skip
        assert translate(english.format(**values)) == expected, english


def test_every_office_list_finding_of_the_demo_build_has_its_german_reason(demo_db: Path) -> None:
    """The office reads findings of its own lists in German on Daten & Qualität."""
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        rows = con.execute(
            "SELECT source, reason, reason_de FROM meta_rejected_rows WHERE source LIKE 'office%'"
        ).fetchall()
    finally:
        con.close()
    assert rows, "the demo lists carry at least the implausible hydrogen row"
    for source, reason, reason_de in rows:
        assert reason_de and not reason_de.startswith(UNTRANSLATED), (source, reason)
        assert reason_de != reason, (source, reason)
    hydrogen = [de for source, _, de in rows if source == "office_hydrogen_projects"]
    assert any("Volllaststunden" in de for de in hydrogen), hydrogen
