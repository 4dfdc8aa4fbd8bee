"""The committed templates are what the generator writes, documented, and readable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pyogrio
import pytest

from etl.office import read_list
from etl.office.lists import RegionContext
from etl.office.spec import HYDROGEN, LIST_SPECS, WIND_AREA_ATTRIBUTES, WIND_PERMITS
from etl.office.templates import TEMPLATES_DIR, readme_markdown, write_templates

CTX = RegionContext("13076", {}, date(2026, 11, 20))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("templates")
    write_templates(folder)
    return folder


def test_committed_templates_match_the_generator(fresh: Path) -> None:
    for path in sorted(fresh.iterdir()):
        committed = TEMPLATES_DIR / path.name
        assert committed.exists(), f"{path.name} missing: run python -m etl.office.templates"
        assert committed.read_bytes() == path.read_bytes(), (
            f"{path.name} is out of date: run python -m etl.office.templates"
        )


@pytest.mark.parametrize("spec", list(LIST_SPECS.values()), ids=list(LIST_SPECS))
def test_xlsx_template_has_list_and_explanation_sheets(spec) -> None:
    wb = openpyxl.load_workbook(TEMPLATES_DIR / f"{spec.template_stem}.xlsx")
    assert wb.sheetnames == [spec.sheet_de, "Erläuterung"]
    header = [c.value for c in wb[spec.sheet_de][1]]
    assert header == [f.header_de for f in spec.fields]
    explained = {row[0].value for row in wb["Erläuterung"].iter_rows(min_row=2)}
    assert {f.header_de for f in spec.fields} <= explained
    # drop-downs offer the German labels of every code list
    lists = [dv.formula1 for dv in wb[spec.sheet_de].data_validations.dataValidation]
    for f in spec.fields:
        if f.codes:
            assert any(all(lbl in formula for lbl in f.display_codes("de")) for formula in lists)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("spec", [WIND_PERMITS, HYDROGEN], ids=["permits", "hydrogen"])
def test_empty_templates_read_without_problems(spec, suffix) -> None:
    data = (TEMPLATES_DIR / f"{spec.template_stem}.{suffix}").read_bytes()
    result = read_list(data, spec, CTX, "template")
    assert result.issues == [] and result.valid.empty
    assert not result.is_loadable  # nothing to load yet


def test_csv_template_is_for_german_excel() -> None:
    raw = (TEMPLATES_DIR / "windpipeline_vorlage.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].split(";")[:3] == [
        "Verfahrens-Nr.",
        "Projektname",
        "Gemeindeschlüssel (AGS)",
    ]


def test_wind_area_template_layer() -> None:
    path = TEMPLATES_DIR / "windgebiete_vorlage.gpkg"
    info = pyogrio.read_info(path, layer="windgebiete")
    assert list(info["fields"]) == [a.header_de for a in WIND_AREA_ATTRIBUTES]
    assert "25832" in info["crs"]


def test_readme_documents_every_column_and_the_naming() -> None:
    text = (TEMPLATES_DIR / "README.md").read_text(encoding="utf-8")
    assert text == readme_markdown()
    for spec in LIST_SPECS.values():
        for f in spec.fields:
            assert f"| {f.header_de} | {f.header_en} |" in text
    for word in ("windpipeline*", "wasserstoff*", "windgebiete*", "EZ_UPLOAD_SECRET", "3,950 MW"):
        assert word in text


def test_no_header_spelling_is_claimed_by_two_columns() -> None:
    for spec in LIST_SPECS.values():
        seen: dict[str, str] = {}
        for f in spec.fields:
            for key in f.match_keys:
                assert key not in seen, f"{spec.kind}: {key!r} names {seen[key]} and {f.name}"
                seen[key] = f.name
