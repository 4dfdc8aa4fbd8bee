"""An incomplete build (``--accept-partial``) says so everywhere; the gate's decisions are shown.

The served build of :mod:`tests.partial_build` lacks a refused biomass member
and was published with ``--accept-changes``; a later run with 10 % fewer PV
units was refused. Checked: the reasons and decisions the dashboard reads,
the red banner on every page and the gate on Daten & Qualität (AppTest), the
CSV/XLSX exports and the briefing PDF.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis import export, queries
from analysis.filters import Filters
from etl import publish
from etl.config import Settings
from reports.content import generate
from tests.apptest import APP, app_environment
from tests.partial_build import ACCEPTED, write_scenario

PAGES = ("overview", "growth", "map", "mix", "municipality", "data_quality")
MEMBER = "EinheitenBiomasse.xml"


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return write_scenario(tmp_path_factory.mktemp("partial"))


@pytest.fixture(scope="module")
def db(partial: Settings) -> str:
    served = publish.served_database(partial.processed_dir)
    assert served is not None
    return str(served)


@pytest.fixture(scope="module")
def app_env(partial: Settings) -> Iterator[None]:
    with app_environment(partial.processed_dir):
        yield


def test_served_build_is_partial_and_names_the_refused_member(db: str) -> None:
    (de,) = queries.partial_reasons(db, "de")
    (en,) = queries.partial_reasons(db, "en")
    assert MEMBER in de and "Teildatei abgelehnt und nicht gelesen" in de
    assert MEMBER in en and "member refused" in en
    assert queries.units(db, Filters(), None, ["carrier"])["carrier"].value_counts().to_dict() == {
        "pv_building": 40,
        "wind_onshore": 3,
    }


def test_gate_decisions_of_the_served_build_and_the_refused_run(db: str) -> None:
    served, refused = queries.gate_decisions(db)
    assert served is not None and refused is not None
    assert (served["decision"], served["accepted_reason"]) == ("accepted", ACCEPTED)
    assert any("biomass" in r for r in served["reasons"])
    assert refused["decision"] == "refused"
    pv = [r for r in refused["rows"] if r["item"] == "pv_building × operating: units"]
    assert pv == [
        {"item": "pv_building × operating: units", "old": "40", "new": "36",
         "change": "-10.0 %", "refused": True}
    ]  # fmt: skip


def test_csv_and_xlsx_exports_say_what_is_missing(db: str) -> None:
    missing = queries.partial_reasons(db, "de")
    units = queries.units(db, Filters(), None, ["unit_id_mastr", "carrier"])
    text = export.to_csv_bytes(units, "de", False, missing=missing).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert "UNVOLLSTÄNDIG – es fehlt: " in lines[0][0] and MEMBER in lines[0][0]
    rows = lines[2:]
    assert len(rows) == 43
    kinds = {r[0] for r in rows}
    assert len(kinds) == 1 and MEMBER in kinds.pop()
    assert all(" – UNVOLLSTÄNDIG – es fehlt: " in r[0] for r in rows)
    book = pd.read_excel(io.BytesIO(export.to_xlsx_bytes(units, "de", False, None, missing)),
                         sheet_name=None, header=None)  # fmt: skip
    info = " ".join(str(v) for v in book["Quelle"][0])
    assert "UNVOLLSTÄNDIG – es fehlt" in info and MEMBER in info


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_briefing_pdf_has_the_red_band_on_every_page(db: str, tmp_path: Path) -> None:
    pdf = generate(Path(db), tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert pages and all("UNVOLLSTÄNDIG – es fehlt: " in p for p in pages)
    assert MEMBER in pages[0]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_red_banner(app_env: None, page: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    if page != "overview":
        at.switch_page(f"dashboard/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    banners = [e.value for e in at.error if "Unvollständig" in e.value]
    assert len(banners) == 1 and MEMBER in banners[0]


def test_data_quality_shows_gate_decisions_and_german_findings(app_env: None) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("dashboard/pages/data_quality.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("wurde nicht veröffentlicht" in e.value for e in at.error)
    assert any(ACCEPTED in w.value for w in at.warning)
    frames = [d.value for d in at.dataframe]
    headers = {h for f in frames for h in f.columns}
    assert {"Datei", "Teildatei", "Zeile/Element", "MaStR-Nr.", "Feld in der Quelle", "Spalte",
            "Rohwert", "Folge", "Grund"} <= headers  # fmt: skip
    assert not headers & {"gross_capacity_kw", "source_field", "reason", "mastr_bulk"}
    cells = {str(v) for f in frames for col in f.columns for v in f[col].tolist()}
    assert (
        "Koordinaten mehr als 1 km außerhalb der Gemeinde 13076001 der Einheit: Koordinaten "
        "geleert, Einheit behalten (in ihrer Gemeinde gezählt)" in cells
    )
    assert "MaStR-Gesamtdatenexport" in cells and "mastr_bulk" not in cells
    gate = next(f for f in frames if "Energieträger × Status / Größe" in f.columns)
    assert "PV auf Gebäuden × In Betrieb: Anlagen" in gate.iloc[:, 0].tolist()
