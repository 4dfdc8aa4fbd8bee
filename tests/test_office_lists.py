"""The office list readers: every kind of bad row is reported with row and column.

Fixtures are written with the same writers as the templates (XLSX via openpyxl,
CSV for German Excel), so they are in exactly the template formats.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
import shapely
from pyproj import Transformer
from shapely import box

from etl.office import read_list
from etl.office.lists import Municipality, RegionContext
from etl.office.spec import HYDROGEN, WIND_PERMITS
from etl.office.tabular import detect_kind
from etl.office.templates import write_list_csv, write_list_xlsx

_TO_WGS = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True).transform


def _muni(key: str, name: str, col: int) -> Municipality:
    x0, y0 = 660_000 + col * 10_000, 5_910_000
    shape = shapely.transform(box(x0, y0, x0 + 10_000, y0 + 10_000), _TO_WGS, interleaved=False)
    c = shape.centroid
    return Municipality(key, name, c.y, c.x, shape)


@pytest.fixture
def ctx() -> RegionContext:
    """Three municipalities of Ludwigslust-Parchim as 10 km squares (WGS84)."""
    munis = [
        _muni("13076001", "Alt Krenzlin", 0),
        _muni("13076088", "Ludwigslust", 1),
        _muni("13076105", "Parchim", 2),
    ]
    return RegionContext("13076", {m.key: m for m in munis}, date(2026, 11, 20))


def _good(pid: str = "P-1", **kw) -> dict:
    row = {
        "procedure_id": pid,
        "project_name": "Windpark Test",
        "municipality_key": "13076001",
        "turbine_count": 5,
        "capacity_mw": 31.0,
        "status": "approved",
        "application_date": date(2023, 3, 15),
        "permit_date": date(2024, 9, 2),
    }
    row.update(kw)
    return row


def _write(tmp_path: Path, fmt: str, spec, rows, **kw) -> bytes:
    path = tmp_path / f"list.{fmt}"
    writer = write_list_xlsx if fmt == "xlsx" else write_list_csv
    return writer(path, spec, rows, **kw).read_bytes()


def _issues(result) -> set[tuple[int | None, str | None, str]]:
    return {(i.row, i.column, i.code) for i in result.issues}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_bad_row_is_reported_with_row_and_column(tmp_path, ctx, fmt) -> None:
    rows = [
        _good("P-1"),  # row 2: fine
        _good("P-2", status="genehmight"),  # row 3: unknown status
        _good("P-3", municipality_key="13074001"),  # row 4: AGS outside the region
        _good("P-4", capacity_mw="12 MW"),  # row 5: MW as text
        _good("P-1", project_name="Doppelt"),  # row 6: duplicate id
        {},  # row 7: empty row between entries
        _good("P-6", capacity_mw="=3*4"),  # row 8: a formula
        _good(
            "P-7", capacity_mw="28,5", status="beantragt", permit_date=None
        ),  # row 9: fine (decimal comma)
    ]
    result = read_list(_write(tmp_path, fmt, WIND_PERMITS, rows), WIND_PERMITS, ctx, "list")
    assert _issues(result) == {
        (3, "Status", "unknown_code"),
        (4, "Gemeindeschlüssel (AGS)", "ags_outside_region"),
        (5, "Gesamtleistung (MW)", "not_a_number"),
        (6, "Verfahrens-Nr.", "duplicate_id"),
        (7, None, "empty_row"),
        (8, "Gesamtleistung (MW)", "formula"),
    }
    assert all(i.action == "row_rejected" for i in result.issues)
    raw = {i.row: i.raw_value for i in result.issues}
    assert raw[3] == "genehmight" and raw[5] == "12 MW" and raw[8] == "=3*4"
    assert "row 2" in next(i.reason for i in result.issues if i.code == "duplicate_id")
    assert list(result.valid["procedure_id"]) == ["P-1", "P-7"]
    assert list(result.valid["capacity_mw"]) == [31.0, 28.5]
    assert list(result.valid["status"]) == ["approved", "applied"]
    assert result.rows_read == 7
    assert not result.is_loadable


def test_a_clean_file_is_loadable_and_typed(tmp_path, ctx) -> None:
    rows = [
        _good("P-1", mastr_ids="SEE912345678901; SGE912345678902", hub_height_m=169),
        _good("P-2", status="in Betrieb", commissioning_date=date(2025, 6, 1)),
    ]
    result = read_list(_write(tmp_path, "xlsx", WIND_PERMITS, rows), WIND_PERMITS, ctx, "x")
    assert result.is_loadable, result.issues
    first = result.valid.iloc[0]
    assert first["unit_ids_mastr"] == "SEE912345678901"
    assert first["permit_ids_mastr"] == "SGE912345678902"
    assert first["municipality_name"] == "Alt Krenzlin"  # from the boundaries
    assert str(first["permit_date"].date()) == "2024-09-02"
    assert result.valid.iloc[1]["status"] == "operating"


def test_english_headers_german_numbers_and_title_rows(tmp_path, ctx) -> None:
    headers = {f.name: f.header_en for f in WIND_PERMITS.fields}
    text = ";".join(headers[f.name] for f in WIND_PERMITS.fields)
    values = {
        "procedure_id": "E-1",
        "project_name": "Wind farm English",
        "municipality_key": "13076088",
        "turbine_count": "3",
        "capacity_mw": "1.234,5",  # German thousands and decimal comma
        "status": "under construction",
        "application_date": "2022-01-31",
        "permit_date": "5.7.2023",
        "expected_commissioning_date": "03.2027",
        "hub_height_m": "164.5",
    }
    line = ";".join(values.get(f.name, "") for f in WIND_PERMITS.fields)
    csv = f"Windliste des Amtes;;\nStand: November 2026\n{text}\n{line}\n".encode("cp1252")
    result = read_list(csv, WIND_PERMITS, ctx, "english.csv")
    # 1,234.5 MW for 3 turbines is implausible per turbine: loaded but flagged
    assert {i.code for i in result.issues} == {"mw_per_turbine"}
    assert result.issues[0].action == "flagged" and result.issues[0].row == 4
    row = result.valid.iloc[0]
    assert row["capacity_mw"] == 1234.5 and row["hub_height_m"] == 164.5
    assert row["status"] == "under_construction"
    assert str(row["permit_date"].date()) == "2023-07-05"
    assert str(row["expected_commissioning_date"].date()) == "2027-03-01"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("capacity_mw", "4.200", "ambiguous_number"),
        ("capacity_mw", "ca. 30", "not_a_number"),
        ("capacity_mw", "0", "below_min"),
        ("turbine_count", "2,5", "not_an_integer"),
        ("municipality_key", "1307600", "invalid_ags"),
        ("procedure_id", "", "required"),
    ],
)
def test_value_problems_in_required_columns_reject_the_row(tmp_path, ctx, field, value, code):
    result = read_list(
        _write(tmp_path, "csv", WIND_PERMITS, [_good(**{field: value})]), WIND_PERMITS, ctx, "c"
    )
    assert [(i.row, i.code) for i in result.issues if i.is_error] == [(2, code)]
    assert result.valid.empty


def test_problems_in_optional_columns_drop_the_value_not_the_row(tmp_path, ctx) -> None:
    rows = [
        _good("O-1", hub_height_m="ca. 160", mastr_ids="SEE123", turbine_model="=A1"),
        _good("O-2", application_date="12/03/2024", permit_date="31.02.2024"),
        _good("O-3", application_date="01.01.24", expected_commissioning_date="Ende 2027"),
    ]
    result = read_list(_write(tmp_path, "xlsx", WIND_PERMITS, rows), WIND_PERMITS, ctx, "x")
    assert {(i.row, i.column, i.code) for i in result.issues} == {
        (2, "Nabenhöhe (m)", "not_a_number"),
        (2, "MaStR-Nummern", "invalid_mastr_id"),
        (2, "Anlagentyp", "formula"),
        (3, "Antragsdatum", "not_a_date"),  # US date refused
        (3, "Genehmigungsdatum", "invalid_date"),
        (3, "Genehmigungsdatum", "permit_date_missing"),  # then: approved without a date
        (4, "Antragsdatum", "not_a_date"),  # two-digit year refused
        (4, "Geplante Inbetriebnahme", "not_a_date"),
    }
    assert {i.action for i in result.issues if i.code != "permit_date_missing"} == {"field_cleared"}
    assert len(result.valid) == 3
    assert result.valid["hub_height_m"].isna().all()
    assert result.valid["application_date"].iloc[1:].isna().all()
    assert not result.is_loadable  # the upload page refuses it until fixed


def test_plausibility_warnings_keep_the_row(tmp_path, ctx) -> None:
    rows = [
        _good("W-1", permit_date=date(2022, 1, 1)),  # before the application
        _good("W-2", status="approved", permit_date=None),
        _good("W-3", turbine_count=5, capacity_mw=3100.0),  # kW entered as MW
        _good("W-4", municipality_name_input="Musterstadt"),
        _good("W-5", application_date=date(2027, 1, 1), permit_date=None, status="applied"),
    ]
    result = read_list(_write(tmp_path, "xlsx", WIND_PERMITS, rows), WIND_PERMITS, ctx, "x")
    assert {(i.row, i.code) for i in result.issues} == {
        (2, "permit_before_application"),
        (3, "permit_date_missing"),
        (4, "mw_per_turbine"),
        (5, "municipality_name_differs"),
        (6, "date_in_future"),
    }
    assert all(i.action == "flagged" for i in result.issues)
    assert len(result.valid) == 5 and result.is_loadable


def test_missing_required_column_loads_nothing(tmp_path, ctx) -> None:
    csv = (
        "Verfahrens-Nr.;Projektname;Gemeindeschlüssel (AGS);Anzahl WEA;Status\n"
        "P;N;13076001;3;genehmigt\n"
    )
    result = read_list(csv.encode(), WIND_PERMITS, ctx, "m.csv")
    assert ("missing_column", "Gesamtleistung (MW)") in {(i.code, i.column) for i in result.issues}
    assert result.valid.empty and not result.is_loadable


def test_unknown_and_unnamed_columns_are_reported(tmp_path, ctx) -> None:
    header = ";".join(f.header_de for f in WIND_PERMITS.fields) + ";Nabenhohe;"
    given = {"procedure_id": "P-1", "project_name": "WP", "municipality_key": "13076001",
             "turbine_count": "2", "capacity_mw": "12", "status": "beantragt"}  # fmt: skip
    values = [given.get(f.name, "") for f in WIND_PERMITS.fields]
    csv = f"{header}\n{';'.join(values)};140;x\n"
    result = read_list(csv.encode("utf-8-sig"), WIND_PERMITS, ctx, "u.csv")
    assert {(i.code, i.column, i.action) for i in result.issues} == {
        ("unknown_column", "Nabenhohe", "flagged"),
        ("unnamed_column", f"#{len(WIND_PERMITS.fields) + 2}", "flagged"),
    }
    assert result.unknown_columns == ["Nabenhohe"]
    assert result.is_loadable


def test_files_that_are_not_lists_are_refused(tmp_path, ctx) -> None:
    good = _write(tmp_path, "xlsx", WIND_PERMITS, [_good()])
    macro = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(macro, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/vbaProject.bin", b"\x00" * 16)
    assert read_list(macro.getvalue(), WIND_PERMITS, ctx).issues[0].code == "xlsx_macros"
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    assert read_list(xls, WIND_PERMITS, ctx).issues[0].code == "xls_format"
    assert read_list(b"a;b\n1;2\n", WIND_PERMITS, ctx).issues[0].code == "no_header"
    assert read_list(b"\x89PNG\r\n\x1a\n\x00\x00", WIND_PERMITS, ctx).issues[0].code == (
        "not_a_table"
    )


def test_numeric_ags_cell_gets_its_leading_zero_back(tmp_path) -> None:
    ctx = RegionContext("01", {}, date(2026, 11, 20))
    rows = [_good(municipality_key=1001000)]  # Flensburg as an Excel number: 7 digits
    result = read_list(_write(tmp_path, "xlsx", WIND_PERMITS, rows), WIND_PERMITS, ctx, "x")
    assert result.valid.iloc[0]["municipality_key"] == "01001000"
    assert [i.code for i in result.issues] == ["ags_zero_restored"]


def test_kind_is_detected_from_the_headers(tmp_path) -> None:
    assert detect_kind(_write(tmp_path, "xlsx", WIND_PERMITS, [])) == "wind_permits"
    assert detect_kind(_write(tmp_path, "csv", HYDROGEN, [])) == "hydrogen_projects"


# --------------------------------------------------------------------------- #
# Hydrogen projects
# --------------------------------------------------------------------------- #
def _h2(pid: str, **kw) -> dict:
    row = {
        "project_id": pid,
        "project_name": f"Projekt {pid}",
        "project_type": "electrolysis",
        "electrolyser_mw": 10.0,
        "status": "planning",
        "expected_year": 2028,
    }
    row.update(kw)
    return row


def test_hydrogen_locations_are_checked_and_completed(tmp_path, ctx) -> None:
    parchim = ctx.municipalities["13076105"]
    lat, lon = parchim.centroid_latitude, parchim.centroid_longitude
    rows = [
        _h2("H-1", latitude=lat, longitude=lon),  # coordinates only: municipality derived
        _h2("H-2", municipality_key="13076088"),  # key only: placed at the centre
        _h2("H-3"),  # neither: cannot be placed
        _h2("H-4", latitude=53.9, longitude=13.2),  # outside the region
        _h2("H-5", latitude=lon, longitude=lat),  # swapped
        _h2("H-6", municipality_key="13076001", latitude=lat, longitude=lon),  # other muni
        _h2("H-7", municipality_key="13076001", electrolyser_mw=None),  # no MW
        _h2("H-8", project_type="Wasserstoffzug", electrolyser_mw=None),  # unknown type
        _h2("H-9", municipality_key="13076001", latitude=lat),  # longitude missing
        # 10 MW, 9,900 t/a: 49,500-54,450 full-load hours (t/a entered as kg/h × 1,000?)
        _h2("H-10", municipality_key="13076001", hydrogen_output_t_per_year=9900),
        # 10 MW, 100 t/a: 500-550 h, below 1,000 h
        _h2("H-11", municipality_key="13076001", hydrogen_output_t_per_year=100),
        # 10 MW, 1,000 t/a: 5,000-5,500 h, plausible
        _h2("H-12", municipality_key="13076001", hydrogen_output_t_per_year=1000),
    ]
    result = read_list(_write(tmp_path, "csv", HYDROGEN, rows), HYDROGEN, ctx, "h2.csv")
    codes = {(i.row, i.code, i.action) for i in result.issues}
    assert codes == {
        (4, "location_missing", "row_rejected"),
        (5, "coordinates_outside_region", "row_rejected"),
        (6, "below_min", "row_rejected"),
        (6, "above_max", "row_rejected"),
        (7, "coordinates_other_municipality", "flagged"),
        (8, "electrolyser_mw_missing", "flagged"),
        (9, "unknown_code", "row_rejected"),
        (10, "coordinates_incomplete", "field_cleared"),
        (11, "h2_full_load_hours", "flagged"),
        (12, "h2_full_load_hours", "flagged"),
    }
    flh = next(i for i in result.issues if i.code == "h2_full_load_hours" and i.row == 11)
    assert flh.column == "Elektrolyseleistung (MW)/Wasserstoff (t/a)"
    assert flh.raw_value == "10; 9900"
    assert flh.params == {"low": 49500, "high": 54450}
    assert any("swapped" in i.reason for i in result.issues if i.row == 6)
    v = result.valid.set_index("project_id")
    assert v.loc["H-1", "municipality_key"] == "13076105"
    assert not v.loc["H-1", "is_location_approximate"]
    assert v.loc["H-2", "is_location_approximate"]
    assert v.loc["H-2", "latitude"] == pytest.approx(
        ctx.municipalities["13076088"].centroid_latitude
    )
    assert v.loc["H-6", "municipality_key"] == "13076105"  # the coordinates decide
    assert v.loc["H-9", "is_location_approximate"]
    assert sorted(v.index) == ["H-1", "H-10", "H-11", "H-12", "H-2", "H-6", "H-7", "H-9"]
