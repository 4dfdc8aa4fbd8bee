"""Exports: CSV for German Excel and XLSX, labelled as demo data and safe against formulas."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pandas as pd

from analysis import export


def _units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id_mastr": ["SEE000000000001", "SEE000000000002"],
            "unit_name": ['=HYPERLINK("http://x.invalid","klick")', "-Windpark Süd"],
            "carrier": ["wind_onshore", "pv_ground"],
            "status": ["operating", "planned"],
            "gross_capacity_kw": [4200.5, -0.0],
            "commissioning_date": pd.to_datetime(["2026-11-25", None]),
        }
    )


def test_csv_for_german_excel() -> None:
    raw = export.to_csv_bytes(_units(), "de", is_demo=True, data_date=date(2026, 11, 20))
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    text = raw.decode("utf-8-sig")
    lines = text.splitlines()[1:]  # below the source line
    assert lines[0].split(";")[0] == "Datenart"
    assert "Bruttoleistung (kW)" in lines[0].split(";") and "Energieträger" in lines[0]
    first = lines[1].split(";")
    assert first[0] == "Demo-Daten"
    assert "4200,5" in first  # decimal comma
    assert "25.11.2026" in first  # German date
    assert "Wind an Land" in first
    # formulas neutralised, text starting with '-' too
    assert first[2].startswith("\"'=HYPERLINK") or first[2].startswith("'=HYPERLINK")
    assert "'-Windpark Süd" in lines[2]


def test_csv_says_source_date_demo_units_and_yes_no() -> None:
    units = _units().assign(is_capacity_suspect=pd.array([True, None], dtype="boolean"))
    units.loc[1, "is_capacity_suspect"] = False
    units["hub_height_m"] = [166.0, None]
    de = export.to_csv_bytes(units, "de", is_demo=True, data_date=date(2026, 11, 20))
    rows = list(csv.reader(io.StringIO(de.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Datenquelle: Marktstammdatenregister, © Bundesnetzagentur, dl-de/by-2-0"
        " · Datenstand: 20.11.2026 · Demo-Daten"
    ]
    header = rows[1]
    assert {"Bruttoleistung (kW)", "Nabenhöhe (m)", "Leistung auffällig"} <= set(header)
    suspect = header.index("Leistung auffällig")
    assert [r[suspect] for r in rows[2:]] == ["ja", "nein"]
    assert [r[header.index("Nabenhöhe (m)")] for r in rows[2:]] == ["166,0", ""]

    en = export.to_csv_bytes(units, "en", is_demo=False, data_date=date(2026, 11, 20))
    rows = list(csv.reader(io.StringIO(en.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0].startswith("Data source: Marktstammdatenregister")
    assert rows[0][0].endswith("Data as of: 20 Nov 2026")  # real build: no demo label
    assert "Gross capacity (kW)" in rows[1]
    assert [r[rows[1].index("Capacity suspect")] for r in rows[2:]] == ["yes", "no"]


def test_xlsx_has_no_live_formula_and_says_demo() -> None:
    raw = export.to_xlsx_bytes(_units(), "de", is_demo=True, data_date=date(2026, 11, 20))
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    assert wb.sheetnames[0] == "Demo-Daten"
    ws = wb["Demo-Daten"]
    assert ws.cell(1, 1).value == "Datenart"
    assert ws.cell(2, 1).value == "Demo-Daten"
    name_cell = ws.cell(2, 3)
    assert name_cell.data_type == "s"
    assert name_cell.value.startswith("'=HYPERLINK")
    assert ws.cell(2, 6).value == 4200.5  # numbers stay numbers
    assert ws.cell(2, 7).value.date() == date(2026, 11, 25)  # real dates
    source = wb[wb.sheetnames[1]]
    assert "Marktstammdatenregister" in str(source.cell(2, 1).value)


def test_real_data_export_is_not_labelled_demo() -> None:
    text = export.to_csv_bytes(_units(), "en", is_demo=False).decode("utf-8-sig")
    assert "Demo-Daten" not in text
    assert text.splitlines()[2].startswith("Real data (MaStR)")


def test_file_names_carry_the_demo_label() -> None:
    assert export.file_name("anlagen", "csv", True, date(2026, 11, 20)) == (
        "Demo-Daten_anlagen_2026-11-20.csv"
    )
    assert export.file_name("units", "xlsx", False, None) == "units_ohne-datum.xlsx"
