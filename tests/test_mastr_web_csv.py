"""The MaStR web CSV reader: real header generations, German numbers, dates, bad input."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from csv_fixtures import HEADER_50, HEADER_56, pv_row, wind_row, write_web_csv

from etl import finalize
from etl.failures import FailurePolicy
from etl.readers import load, mastr_web_csv
from etl.region import Region
from etl.sink import BuildSink

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
LUP = "13076"


def read_web_csv(path: Path, sink: BuildSink, region: str) -> date | None:
    """Read as a build with ``--accept-partial`` does (a refused file is a finding)."""
    failures = FailurePolicy(accept_partial=True)
    return load(mastr_web_csv, path, sink, Region(region), failures=failures).extract_date


@pytest.fixture
def sink() -> BuildSink:
    return BuildSink(duckdb.connect())


def units(sink: BuildSink) -> pd.DataFrame:
    """Resolve the staged units as the build does and return them by id."""
    finalize.resolve_duplicates(sink.con)
    return sink.con.execute("SELECT * FROM core_mastr__units").df().set_index("unit_id_mastr")


def problems(sink: BuildSink) -> pd.DataFrame:
    return sink.con.execute("SELECT * FROM meta_rejected_rows ORDER BY row_ref").df()


def drift(sink: BuildSink) -> dict[str, str]:
    rows = sink.con.execute("SELECT field, change FROM meta_schema_drift").fetchall()
    return dict(rows)


def load_run(sink: BuildSink, file_name: str) -> dict:
    df = sink.con.execute("SELECT * FROM meta_load_runs WHERE source_file = ?", [file_name]).df()
    assert len(df) == 1
    return df.iloc[0].to_dict()


# --------------------------------------------------------------------------- #
# Good files
# --------------------------------------------------------------------------- #
def test_current_56_column_export_loads_with_codes_and_german_numbers(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [
            wind_row("SEE900000000001"),
            pv_row("SEE900000000002", kind="Freifläche"),
            pv_row(
                "SEE900000000003",
                kind="Bauliche Anlagen (Hausdach, Gebäude und Fassade)",
                **{"Bruttoleistung der Einheit": "9,9", "Nettonennleistung der Einheit": "8"},
            ),
            pv_row("SEE900000000004", kind="Steckerfertige Erzeugungsanlage"),
            {
                **pv_row("SEE900000000005"),
                "Energieträger": "Speicher",
                "Betriebs-Status": "In Planung",
                "Bruttoleistung der Einheit": "25000",
                "Speichertechnologie": "Batterie",
                "Nutzbare Speicherkapazität in kWh": "50000,5",
                "Datum der geplanten Inbetriebnahme": "1.3.2027",
                "Inbetriebnahmedatum der Einheit": "",
            },
            {
                **wind_row("SEE900000000006"),
                "Energieträger": "Klärschlamm",
                "Betriebs-Status": "Endgültig stillgelegt",
                "Datum der endgültigen Stilllegung": "31.12.2023",
            },
            {**pv_row("SEE900000000007"), "Energieträger": "Biomasse"},
            {**pv_row("SEE900000000008"), "Energieträger": "Wasser"},
            {**wind_row("SEE900000000009"), "Betriebs-Status": "Vorübergehend stillgelegt"},
        ],
    )
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b'"\tMaStR-Nr. des Anlagenbetreibers"' in raw

    extract = read_web_csv(path, sink, LUP)
    u = units(sink)

    assert len(u) == 9
    assert u["carrier"].to_dict() == {
        "SEE900000000001": "wind_onshore",
        "SEE900000000002": "pv_ground",
        "SEE900000000003": "pv_building",
        "SEE900000000004": "pv_other",
        "SEE900000000005": "storage",
        "SEE900000000006": "other",
        "SEE900000000007": "biomass",
        "SEE900000000008": "hydro",
        "SEE900000000009": "wind_onshore",
    }
    assert u.loc["SEE900000000005", "status"] == "planned"
    assert u.loc["SEE900000000006", "status"] == "permanently_shut_down"
    assert u.loc["SEE900000000009", "status"] == "temporarily_shut_down"
    # decimal comma: 9999,84 kW stays 9999.84 kW; 9,9 kW is 9.9 kW
    assert u.loc["SEE900000000002", "gross_capacity_kw"] == pytest.approx(9999.84)
    assert u.loc["SEE900000000003", "gross_capacity_kw"] == pytest.approx(9.9)
    assert u.loc["SEE900000000005", "storage_energy_kwh"] == pytest.approx(50000.5)
    assert u.loc["SEE900000000005", "storage_technology"] == "Batterie"
    wind = u.loc["SEE900000000001"]
    assert wind["hub_height_m"] == pytest.approx(164.5)
    assert wind["rotor_diameter_m"] == pytest.approx(138.25)
    assert wind["latitude"] == pytest.approx(53.329861)
    assert wind["longitude"] == pytest.approx(11.497222)
    assert wind["municipality_key"] == "13076088"
    assert wind["postcode"] == "19288"
    assert wind["municipality_name"] == "Ludwigslust"
    assert wind["manufacturer"] == "ENERCON GmbH"
    assert wind["permit_id_mastr"] == "SGE912345678901"
    assert wind["commissioning_date"].date() == date(2018, 11, 5)
    assert wind["registration_date"].date() == date(2019, 2, 12)
    assert u.loc["SEE900000000005", "planned_commissioning_date"].date() == date(2027, 3, 1)
    assert u.loc["SEE900000000006", "decommissioning_date"].date() == date(2023, 12, 31)
    assert u.loc["SEE900000000006", "energy_source"] == "Klärschlamm"
    assert set(u["source"]) == {"mastr_web_csv"}
    assert set(u["source_file"]) == {"Stromerzeuger.csv"}
    # no date in the file name: the newest "Letzte Aktualisierung" is the extract date
    assert extract == date(2024, 4, 3)
    assert set(u["extract_date"].dt.date) == {date(2024, 4, 3)}

    assert problems(sink).empty
    assert drift(sink) == {}
    run = load_run(sink, "Stromerzeuger.csv")
    assert run["sha256"] == hashlib.sha256(raw).hexdigest()
    assert (run["rows_read"], run["rows_loaded"], run["rows_rejected"]) == (9, 9, 0)
    assert run["file_size_bytes"] == len(raw)


def test_old_50_column_header_reads_lage_der_einheit_and_reports_drift(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "export_20231026.csv",
        [
            wind_row("SEE900000000011"),
            pv_row("SEE900000000012", kind="Freifläche"),
            pv_row("SEE900000000013", kind="Bauliche Anlagen (Hausdach, Gebäude und Fassade)"),
        ],
        header=HEADER_50,
        bom=False,
    )
    extract = read_web_csv(path, sink, LUP)
    u = units(sink)
    assert u["carrier"].to_dict() == {
        "SEE900000000011": "wind_onshore",
        "SEE900000000012": "pv_ground",
        "SEE900000000013": "pv_building",
    }
    # the 2023 header has no Gemeinde: the name stays empty, the key is there
    assert u["municipality_name"].isna().all()
    assert u.loc["SEE900000000011", "municipality_key"] == "13076088"
    assert extract == date(2023, 10, 26)  # from the file name
    d = drift(sink)
    assert d["Lage der Einheit"] == "renamed"
    assert d["Gemeinde"] == "missing" and d["Landkreis"] == "missing"
    assert "Art der Solaranlage" not in d  # covered by the rename
    assert problems(sink).empty


def test_region_filter_by_municipality_key_prefix_not_district_text(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [
            wind_row("SEE900000000021"),
            # Nordwestmecklenburg, but district text says Ludwigslust-Parchim: key decides
            wind_row("SEE900000000022", **{"Gemeindeschlüssel": "13074001"}),
            pv_row("SEE900000000023", **{"Gemeindeschlüssel": "08215009"}),
        ],
    )
    read_web_csv(path, sink, LUP)
    assert list(units(sink).index) == ["SEE900000000021"]
    assert problems(sink).empty  # outside the region is not a problem
    run = load_run(sink, "Stromerzeuger.csv")
    assert (run["rows_read"], run["rows_loaded"], run["rows_rejected"]) == (3, 1, 0)


def test_quoted_separator_inside_a_field_does_not_shift_columns(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [wind_row("SEE900000000031", **{"Flurstück": 'Flur 1; Flurstück "50/22"'})],
    )
    read_web_csv(path, sink, LUP)
    assert units(sink).loc["SEE900000000031", "gross_capacity_kw"] == 4200
    assert problems(sink).empty


# --------------------------------------------------------------------------- #
# Dates
# --------------------------------------------------------------------------- #
def test_us_dates_are_recognised_for_the_whole_file(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [
            wind_row(
                "SEE900000000041",
                **{
                    "Inbetriebnahmedatum der Einheit": "9/16/2014",
                    "Registrierungsdatum der Einheit": "8/3/2019",
                    "Letzte Aktualisierung": "8/15/2022",
                },
            ),
            wind_row(
                "SEE900000000042",
                **{
                    "Inbetriebnahmedatum der Einheit": "1/2/2015",
                    "Registrierungsdatum der Einheit": "3/4/2019",
                    "Letzte Aktualisierung": "5/6/2022",
                },
            ),
        ],
        bom=False,
    )
    read_web_csv(path, sink, LUP)
    u = units(sink)
    assert u.loc["SEE900000000041", "commissioning_date"].date() == date(2014, 9, 16)
    # 1/2/2015 alone would be ambiguous; the file's other dates decide: month first
    assert u.loc["SEE900000000042", "commissioning_date"].date() == date(2015, 1, 2)
    assert u.loc["SEE900000000042", "registration_date"].date() == date(2019, 3, 4)
    assert u.loc["SEE900000000041", "last_update"] == datetime(2022, 8, 15)
    assert problems(sink).empty


def test_ambiguous_slashed_dates_are_refused_with_a_file_level_message(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [
            wind_row(
                "SEE900000000051",
                **{
                    "Inbetriebnahmedatum der Einheit": "3/4/2014",
                    "Registrierungsdatum der Einheit": "5/6/2019",
                    "Letzte Aktualisierung": "7/8/2022",
                },
            ),
            wind_row(
                "SEE900000000052",
                **{
                    "Inbetriebnahmedatum der Einheit": "1/2/2015",
                    "Registrierungsdatum der Einheit": "10/11/2019",
                    "Letzte Aktualisierung": "12/12/2022",
                },
            ),
        ],
    )
    read_web_csv(path, sink, LUP)
    u = units(sink)
    assert len(u) == 2  # the units load, without the dates that cannot be told apart
    assert u["commissioning_date"].isna().all()
    assert u["registration_date"].isna().all()
    p = problems(sink)
    assert set(p["field"]) == {
        "Inbetriebnahmedatum der Einheit",
        "Registrierungsdatum der Einheit",
        "Letzte Aktualisierung",
    }
    assert (p["action"] == "field_cleared").all()
    assert p["reason"].str.contains("ambiguous date style").all()
    assert set(p["row_ref"]) == {"2–3"}
    assert set(p["source_file"]) == {"Stromerzeuger.csv"}


def test_invalid_date_cell_is_cleared_and_reported(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [wind_row("SEE900000000061", **{"Inbetriebnahmedatum der Einheit": "31.2.2019"})],
    )
    read_web_csv(path, sink, LUP)
    assert pd.isna(units(sink).loc["SEE900000000061", "commissioning_date"])
    p = problems(sink).iloc[0]
    assert (p["row_ref"], p["field"], p["raw_value"], p["action"]) == (
        "2",
        "Inbetriebnahmedatum der Einheit",
        "31.2.2019",
        "field_cleared",
    )


# --------------------------------------------------------------------------- #
# Bad values: each names file, row, field and raw value; the other rows load
# --------------------------------------------------------------------------- #
def test_bad_numbers_and_keys_are_reported_by_row_and_field(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [
            wind_row("SEE900000000071"),  # row 2: fine
            wind_row("SEE900000000072", **{"Bruttoleistung der Einheit": "1.234,5"}),  # row 3
            wind_row("SEE900000000073", **{"Nettonennleistung der Einheit": "2.000"}),  # row 4
            wind_row("SEE900000000074", **{"Nabenhöhe der Windenergieanlage": "hoch"}),  # row 5
            wind_row("SEE900000000075", **{"Gemeindeschlüssel": "1307608"}),  # row 6: 01307608
            wind_row("SEE900000000076", **{"Gemeindeschlüssel": "13O76088"}),  # row 7
            wind_row("SEE900000000077", **{"Betriebs-Status": "In Bau"}),  # row 8
            wind_row("SEE900000000078", **{"Energieträger": "Mondlicht"}),  # row 9
            wind_row("SEE900000000079", **{"Koordinate: Breitengrad (WGS84)": "153,3"}),  # 10
            wind_row("SEE900000000080", **{"Postleitzahl": "9288"}),  # row 11
        ],
    )
    read_web_csv(path, sink, LUP)
    u = units(sink)
    p = problems(sink).set_index("row_ref")

    assert sorted(u.index) == [
        "SEE900000000071",
        "SEE900000000073",
        "SEE900000000074",
        "SEE900000000078",
        "SEE900000000079",
        "SEE900000000080",
    ]
    # 1.234,5 is not silently 1.2345 (nor 1234.5): the row is rejected
    r = p.loc["3"]
    assert (r["field"], r["raw_value"], r["action"]) == (
        "Bruttoleistung der Einheit",
        "1.234,5",
        "row_rejected",
    )
    assert "thousands separator" in r["reason"]
    # 2.000 is not 2.0: the value is cleared, the unit kept
    r = p.loc["4"]
    assert (r["field"], r["raw_value"], r["action"]) == (
        "Nettonennleistung der Einheit",
        "2.000",
        "field_cleared",
    )
    assert pd.isna(u.loc["SEE900000000073", "net_capacity_kw"])
    assert u.loc["SEE900000000073", "gross_capacity_kw"] == 4200
    r = p.loc["5"]
    assert (r["field"], r["raw_value"], r["reason"]) == (
        "Nabenhöhe der Windenergieanlage",
        "hoch",
        "not a number: value cleared",
    )
    # a lost leading zero is repaired and reported; 01307608 lies outside the region
    r = p.loc["6"]
    assert (r["field"], r["raw_value"], r["action"]) == (
        "Gemeindeschlüssel",
        "1307608",
        "flagged",
    )
    assert "leading zero" in r["reason"]
    assert p.loc["7", "raw_value"] == "13O76088"
    assert (p.loc["8", "field"], p.loc["8", "raw_value"]) == ("Betriebs-Status", "In Bau")
    # unknown carrier label: loaded as 'other' and flagged
    assert u.loc["SEE900000000078", "carrier"] == "other"
    assert (p.loc["9", "field"], p.loc["9", "action"]) == ("Energieträger", "flagged")
    # a latitude outside Germany clears the coordinates, the unit stays
    assert pd.isna(u.loc["SEE900000000079", "latitude"])
    assert pd.isna(u.loc["SEE900000000079", "longitude"])
    assert p.loc["10", "field"] == "Koordinate: Breitengrad (WGS84)"
    assert pd.isna(u.loc["SEE900000000080", "postcode"])
    assert p.loc["11", "raw_value"] == "9288"

    assert set(p["source_file"]) == {"Stromerzeuger.csv"}
    assert set(p.loc[["3", "6", "7", "8"], "record_id"]) == {
        "SEE900000000072",
        "SEE900000000075",
        "SEE900000000076",
        "SEE900000000077",
    }
    run = load_run(sink, "Stromerzeuger.csv")
    assert (run["rows_read"], run["rows_loaded"], run["rows_rejected"]) == (10, 6, 3)


def test_other_carrier_labels_load_as_other_without_a_problem(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [
            {**pv_row("SEE900000000091"), "Energieträger": "Erdgas"},
            {**pv_row("SEE900000000092"), "Energieträger": "nicht biogener Abfall"},
        ],
    )
    read_web_csv(path, sink, LUP)
    u = units(sink)
    assert set(u["carrier"]) == {"other"}
    assert set(u["energy_source"]) == {"Erdgas", "nicht biogener Abfall"}
    assert problems(sink).empty


def test_row_with_wrong_number_of_fields_is_rejected(tmp_path, sink):
    path = write_web_csv(tmp_path / "Stromerzeuger.csv", [wind_row("SEE900000000101")])
    with path.open("ab") as fh:
        fh.write(b'"SEE900000000102";"kaputt";"In Betrieb"\n')
    read_web_csv(path, sink, LUP)
    assert list(units(sink).index) == ["SEE900000000101"]
    p = problems(sink).iloc[0]
    assert p["row_ref"] == "3" and "3 fields" in p["reason"] and "56" in p["reason"]


# --------------------------------------------------------------------------- #
# Whole-file problems
# --------------------------------------------------------------------------- #
def test_missing_required_columns_refuse_the_file_and_other_files_still_load(tmp_path, sink):
    header = [
        h for h in HEADER_56 if h not in ("MaStR-Nr. der Einheit", "Bruttoleistung der Einheit")
    ]
    bad = write_web_csv(tmp_path / "kaputt.csv", [wind_row()], header=header)
    good = write_web_csv(tmp_path / "Stromerzeuger.csv", [wind_row("SEE900000000111")])

    assert read_web_csv(bad, sink, LUP) is None
    read_web_csv(good, sink, LUP)

    assert list(units(sink).index) == ["SEE900000000111"]
    p = problems(sink)
    assert len(p) == 1
    msg = p.iloc[0]
    assert msg["source_file"] == "kaputt.csv"
    assert "kaputt.csv" in msg["reason"]
    assert "'MaStR-Nr. der Einheit'" in msg["reason"]
    assert "'Bruttoleistung der Einheit'" in msg["reason"]
    assert "nothing loaded" in msg["reason"]
    missing = sink.con.execute(
        "SELECT field FROM meta_schema_drift "
        "WHERE source_file = 'kaputt.csv' AND change = 'missing'"
    ).fetchall()
    assert {"MaStR-Nr. der Einheit", "Bruttoleistung der Einheit"} <= {m[0] for m in missing}
    assert load_run(sink, "kaputt.csv")["rows_loaded"] == 0


def test_unknown_columns_are_reported_as_added(tmp_path, sink):
    header = [*HEADER_56, "Neue Spalte 2027"]
    path = write_web_csv(tmp_path / "Stromerzeuger.csv", [wind_row()], header=header)
    read_web_csv(path, sink, LUP)
    assert drift(sink) == {"Neue Spalte 2027": "added"}
    assert len(units(sink)) == 1


def test_cp1252_file_is_decoded_correctly_with_a_warning(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [wind_row("SEE900000000121", **{"Anzeige-Name der Einheit": "WEA Großmühle"})],
        encoding="cp1252",
    )
    assert "Energieträger".encode("cp1252") in path.read_bytes()
    read_web_csv(path, sink, LUP)
    u = units(sink)
    assert u.loc["SEE900000000121", "unit_name"] == "WEA Großmühle"
    assert u.loc["SEE900000000121", "carrier"] == "wind_onshore"
    p = problems(sink).iloc[0]
    assert p["action"] == "flagged" and "Windows-1252" in p["reason"]


def test_double_encoded_utf8_is_repaired_not_loaded_as_mojibake(tmp_path, sink):
    path = write_web_csv(
        tmp_path / "Stromerzeuger.csv",
        [wind_row("SEE900000000131", **{"Anzeige-Name der Einheit": "WEA Großmühle"})],
    )
    garbled = path.read_bytes().decode("utf-8").encode("utf-8").decode("cp1252").encode("utf-8")
    assert "EnergietrÃ¤ger".encode() in garbled
    path.write_bytes(garbled)
    read_web_csv(path, sink, LUP)
    assert units(sink).loc["SEE900000000131", "unit_name"] == "WEA Großmühle"
    assert "double-encoded" in problems(sink).iloc[0]["reason"]


def test_undecodable_file_is_refused(tmp_path, sink):
    path = write_web_csv(tmp_path / "Stromerzeuger.csv", [wind_row()], bom=False)
    path.write_bytes(path.read_bytes().replace("ä".encode(), b"\x81\x8d"))
    assert read_web_csv(path, sink, LUP) is None
    assert sink.con.execute("SELECT count(*) FROM _stage_units").fetchone()[0] == 0
    p = problems(sink).iloc[0]
    assert "refused" in p["reason"] and "Stromerzeuger.csv" in p["reason"]


def test_maximum_export_of_25000_rows_is_read_completely(tmp_path, sink):
    # The web export's maximum size; its speed is measured by `make bench`, not asserted here.
    rows = [pv_row(f"SEE9{i:011d}") if i % 2 else wind_row(f"SEE9{i:011d}") for i in range(25_000)]
    path = write_web_csv(tmp_path / "Stromerzeuger.csv", rows)
    read_web_csv(path, sink, LUP)
    assert sink.con.execute("SELECT count(*) FROM _stage_units").fetchone()[0] == 25_000


# --------------------------------------------------------------------------- #
# Real exports
# --------------------------------------------------------------------------- #
@pytest.fixture
def realdata() -> Path:
    if not REALDATA.exists():
        pytest.skip(reason=f"real data folder not present: {REALDATA}")
    return REALDATA / "mastr-web-csv"


@pytest.mark.realdata
def test_real_56_column_export_with_bom(realdata, sink):
    path = realdata / "short_2025-06_fritzthekid-mastr-utils.csv"
    extract = read_web_csv(path, sink, "08")
    u = units(sink)
    assert len(u) == 9
    assert set(u["carrier"]) == {"other"}  # Klärschlamm and nicht biogener Abfall
    assert set(u["status"]) == {"operating"}
    unit = u.loc["SEE927241158935"]
    assert unit["municipality_key"] == "08215009"
    assert unit["municipality_name"] == "Bruchsal"
    assert unit["unit_name"] == "BHKW Kläranlage Heidelsheim"
    assert (unit["gross_capacity_kw"], unit["net_capacity_kw"]) == (435, 430)
    assert unit["commissioning_date"].date() == date(2017, 9, 20)
    assert unit["latitude"] == pytest.approx(49.113732)
    assert unit["longitude"] == pytest.approx(8.636936)
    assert u.loc["SEE988429673565", "gross_capacity_kw"] == 14500
    assert u["gross_capacity_kw"].sum() == pytest.approx(40026)
    assert extract == date(2025, 1, 8)  # newest "Letzte Aktualisierung"
    assert problems(sink).empty
    assert drift(sink) == {}


@pytest.mark.realdata
def test_real_50_column_rostock_export_with_us_dates_and_no_bom(realdata, sink):
    path = realdata / "wec_rostock_20231026_softwareag.csv"
    extract = read_web_csv(path, sink, "13003")
    u = units(sink)
    assert len(u) == 9
    assert set(u["carrier"]) == {"wind_onshore"}
    unit = u.loc["SEE913554141160"]
    assert unit["gross_capacity_kw"] == 2400
    assert unit["commissioning_date"].date() == date(2014, 9, 16)
    assert unit["latitude"] == pytest.approx(54.135241)
    assert unit["hub_height_m"] == 91 and unit["manufacturer"] == "Nordex Energy GmbH"
    assert u["gross_capacity_kw"].sum() == 6300
    assert extract == date(2023, 10, 26)
    assert problems(sink).empty
    assert drift(sink)["Lage der Einheit"] == "renamed"


@pytest.mark.realdata
def test_real_rostock_export_has_nothing_for_ludwigslust_parchim(realdata, sink):
    read_web_csv(realdata / "wec_rostock_20231026_softwareag.csv", sink, LUP)
    run = load_run(sink, "wec_rostock_20231026_softwareag.csv")
    assert (run["rows_read"], run["rows_loaded"], run["rows_rejected"]) == (9, 0, 0)


# --------------------------------------------------------------------------- #
# Through the whole build
# --------------------------------------------------------------------------- #
def test_build_from_web_csv_boundaries_and_population(tmp_path):
    from geo_fixtures import write_vg250_gpkg

    from etl.build import build_database
    from etl.config import Settings
    from etl.publish import served_database

    raw = tmp_path / "raw"
    raw.mkdir()
    write_vg250_gpkg(raw / "DE_VG250.gpkg")
    (raw / "einwohner.csv").write_text(
        "Gemeindeschlüssel;Einwohner;Stichtag\n13076088;12.345;31.12.2024\n"
    )
    write_web_csv(
        raw / "Stromerzeuger.csv",
        [
            wind_row(
                "SEE900000000201",
                **{
                    "Letzte Aktualisierung": "2.11.2026",
                    # inside the fixture's Ludwigslust square (its own municipality)
                    "Koordinate: Breitengrad (WGS84)": "53,355130",
                    "Koordinate: Längengrad (WGS84)": "11,629534",
                },
            ),
            pv_row("SEE900000000202", **{"Bruttoleistung der Einheit": "1.234,5"}),
        ],
    )
    settings = Settings(raw_dir=raw, processed_dir=tmp_path / "processed")
    report = build_database(settings)
    assert not report.is_demo
    con = duckdb.connect(str(served_database(settings.processed_dir)), read_only=True)
    try:
        assert con.execute("SELECT unit_id_mastr, carrier FROM core_mastr__units").fetchall() == [
            ("SEE900000000201", "wind_onshore")
        ]
        assert con.execute(
            "SELECT population FROM core_bkg__municipalities WHERE municipality_key = '13076088'"
        ).fetchone() == (12_345,)
        assert con.execute("SELECT value FROM meta_build WHERE key = 'data_date'").fetchone() == (
            "2026-11-02",
        )
        assert con.execute(
            "SELECT source_file, row_ref, unit_id_mastr, source_field, field, raw_value "
            "FROM meta_rejected_rows"
        ).fetchall() == [
            (
                "Stromerzeuger.csv",
                "3",
                "SEE900000000202",
                "Bruttoleistung der Einheit",
                "gross_capacity_kw",
                "1.234,5",
            )
        ]
    finally:
        con.close()
