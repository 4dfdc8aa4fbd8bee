"""Briefing PDFs from the demo database: headline numbers, data date, attribution, demo label.

The PDFs' text is extracted with ``pdftotext`` (poppler) and checked against
independent SQL on the database. Page 1 of each briefing is rendered to PNG
(``pdftoppm``) into ``tests/artifacts/`` for a human look.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from analysis import headline
from analysis.estimates import DEFAULT_CONSUMPTION_MWH_PER_INHABITANT, DEFAULT_FULL_LOAD_HOURS
from reports import archive
from reports.content import generate

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)

ATTRIBUTION = ("Marktstammdatenregister", "Bundesnetzagentur", "dl-de/by-2-0", "GeoBasis-DE / BKG")


def de_number(value: float, decimals: int) -> str:
    """German number format, written independently of dashboard.format."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "#").replace(".", ",").replace("#", ".")


def pdf_pages(path: Path) -> list[str]:
    """Text of each page (non-breaking spaces as plain spaces)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = out.replace("\u00a0", " ").split("\f")
    return [p for p in pages if p.strip()]


def flat_text(path: Path) -> str:
    """The whole text in reading order, whitespace collapsed (labels that wrap stay whole)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.replace("\u00a0", " ").split())


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return dict(
        (k.strip(), v.strip()) for k, v in (ln.split(":", 1) for ln in out.stdout.splitlines())
    )


@dataclass
class Generated:
    db: Path
    out: Path
    district: Path
    municipality: Path
    municipality_key: str
    district_en: Path


@pytest.fixture(scope="module")
def briefings(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Generated:
    out = tmp_path_factory.mktemp("briefings")
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        # the municipality with the most wind capacity in operation
        key = con.execute(
            """
            SELECT municipality_key FROM core_mastr__units
            WHERE carrier = 'wind_onshore' AND status = 'operating'
              AND municipality_key IN (SELECT municipality_key FROM core_bkg__municipalities)
            GROUP BY ALL ORDER BY sum(gross_capacity_kw) DESC LIMIT 1
            """
        ).fetchone()[0]
    finally:
        con.close()
    return Generated(
        db=demo_db,
        out=out,
        district=generate(demo_db, out),
        municipality=generate(demo_db, out, municipality_key=key),
        municipality_key=key,
        district_en=generate(demo_db, out, lang="en"),
    )


def sql(db: Path, query: str, params: list | None = None) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, params or []).fetchone()
    finally:
        con.close()


def expected_headlines(db: Path, key: str | None) -> dict[str, str]:
    """The headline figures computed here with plain SQL, formatted in German."""
    area = "municipality_key = ?" if key else "TRUE"
    params = [key] if key else []
    installed, units = sql(
        db,
        f"SELECT sum(gross_capacity_kw), count(*) FROM core_mastr__units "
        f"WHERE status = 'operating' AND carrier NOT IN ('storage', 'other') AND {area}",
        params,
    )
    storage_kw, storage_kwh = sql(
        db,
        f"SELECT coalesce(sum(gross_capacity_kw), 0), coalesce(sum(storage_energy_kwh), 0) "
        f"FROM core_mastr__units WHERE status = 'operating' AND carrier = 'storage' AND {area}",
        params,
    )
    wind_kw, wind_n = sql(
        db,
        f"SELECT coalesce(sum(gross_capacity_kw), 0), count(*) FROM core_mastr__units "
        f"WHERE status = 'operating' AND carrier = 'wind_onshore' AND {area}",
        params,
    )
    planned_kw, planned_n = sql(
        db,
        f"SELECT coalesce(sum(gross_capacity_kw), 0), count(*) FROM core_mastr__units "
        f"WHERE status = 'planned' AND carrier = 'wind_onshore' AND {area}",
        params,
    )
    cases = " ".join(f"WHEN '{c}' THEN {h}" for c, h in DEFAULT_FULL_LOAD_HOURS.items())
    (generation_mwh,) = sql(
        db,
        f"SELECT sum(gross_capacity_kw * (CASE carrier {cases} END)) / 1000 "
        f"FROM core_mastr__units WHERE status = 'operating' AND {area}",
        params,
    )
    (population,) = sql(
        db,
        f"SELECT sum(population) FROM core_bkg__municipalities WHERE {area}",
        params,
    )
    coverage = generation_mwh / (population * DEFAULT_CONSUMPTION_MWH_PER_INHABITANT)
    gwh = generation_mwh >= 10_000
    return {
        "installed": f"{de_number(installed / 1000, 1)} MW",
        "storage": f"{de_number(storage_kw / 1000, 1)} MW",
        "storage_mwh": f"{de_number(storage_kwh / 1000, 1)} MWh",
        "units": de_number(units, 0),
        "wind": f"{de_number(wind_kw / 1000, 1)} MW",
        "wind_units": f"{de_number(wind_n, 0)} Anlagen",
        "wind_planned": f"{de_number(planned_kw / 1000, 1)} MW",
        "wind_planned_units": f"{de_number(planned_n, 0)} Anlage",
        "generation": (
            f"{de_number(generation_mwh / 1000, 1)} GWh"
            if gwh
            else f"{de_number(generation_mwh, 0)} MWh"
        ),
        "coverage": f"{de_number(coverage * 100, 1)} %",
    }


def data_date(db: Path) -> date:
    (value,) = sql(db, "SELECT value FROM meta_build WHERE key = 'data_date'")
    return date.fromisoformat(value)


def build_id(db: Path) -> str:
    (value,) = sql(db, "SELECT value FROM meta_build WHERE key = 'build_id'")
    return value


def test_district_briefing_headline_numbers_match_the_database(briefings: Generated) -> None:
    pages = pdf_pages(briefings.district)
    first = pages[0]
    assert "Energie-Briefing Landkreis Ludwigslust-Parchim" in " ".join(first.split())
    for label, value in expected_headlines(briefings.db, None).items():
        assert value in first, f"{label}: {value!r} not on page 1"
    text = flat_text(briefings.district)
    for label in (
        "Installierte Leistung (erneuerbar)",
        "Stromspeicher in Betrieb",
        "Wind: im MaStR geplant",
        "Wind-Pipeline: genehmigt + beantragt",
        f"Zubau {data_date(briefings.db).year} (bis {data_date(briefings.db):%d.%m.%Y})",
        "Bilanzieller Deckungsgrad (Schätzung)",
    ):
        assert label in text, label


def test_municipality_briefing_headline_numbers_match_the_database(briefings: Generated) -> None:
    key = briefings.municipality_key
    pages = pdf_pages(briefings.municipality)
    first = pages[0]
    (name, population) = sql(
        briefings.db,
        "SELECT municipality_name, population FROM core_bkg__municipalities "
        "WHERE municipality_key = ?",
        [key],
    )
    assert f"Energie-Briefing {name}" in first
    assert f"({key})" in first
    assert de_number(population, 0) in first
    for label, value in expected_headlines(briefings.db, key).items():
        assert value in first, f"{label}: {value!r} not on page 1"
    text = "\n".join(pages)
    assert "EEG-§6-Beteiligung: höchstens möglich, freiwillig (Schätzung)" in text
    # the rank as the profile shows it (ties as "Platz 3–5"), see test_figures_equal.py
    row = headline.municipality_row(str(briefings.db), key)
    assert headline.rank_text(row, "km2", "de") in flat_text(briefings.municipality)


@pytest.mark.parametrize("which", ["district", "municipality", "district_en"])
def test_every_page_has_demo_label_data_date_and_attribution(
    briefings: Generated, which: str
) -> None:
    path: Path = getattr(briefings, which)
    d = data_date(briefings.db)
    stamp = f"{d:%d.%m.%Y}" if which != "district_en" else f"{d.day} {d:%b} {d.year}"
    pages = pdf_pages(path)
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        flat = " ".join(page.split())
        assert "Demo-Daten" in flat, f"page {n} lacks the demo label"
        assert stamp in flat, f"page {n} lacks the data date {stamp}"
        assert build_id(briefings.db) in flat, f"page {n} lacks the build id"
        for name in ATTRIBUTION:
            assert name in flat, f"page {n} lacks {name!r}"


def test_english_briefing(briefings: Generated) -> None:
    text = flat_text(briefings.district_en)
    assert "Energy briefing: Landkreis Ludwigslust-Parchim" in text
    assert "Data as of:" in text
    installed = sql(
        briefings.db,
        "SELECT sum(gross_capacity_kw) FROM core_mastr__units "
        "WHERE status = 'operating' AND carrier NOT IN ('storage', 'other')",
    )[0]
    assert f"{installed / 1000:,.1f} MW" in text
    assert "Installed capacity (renewable)" in text
    assert "Balance-sheet coverage (estimate)" in text
    assert "Seite" not in text


def test_sections_and_captions(briefings: Generated) -> None:
    text = " ".join(" ".join(pdf_pages(briefings.district)).split())
    for heading in (
        "Was hat sich geändert?",
        "Installierte Leistung (kumuliert)",
        "Energiemix",
        "Karte",
        "Wind-Pipeline",
        "Wasserstoff",
        "Quellen, Annahmen und Nachweis",
    ):
        assert heading in text
    # estimates carry their assumptions
    assert "Volllaststunden: Wind an Land 2.000 h/a" in text
    # only one build is kept: the changes section says why there is no comparison
    assert "keine frühere Datenbank-Version" in text
    # the pipeline total is the office's reconciled figure
    (pipeline_mw,) = sql(briefings.db, "SELECT sum(counted_mw) FROM out_wind_pipeline")
    assert de_number(pipeline_mw, 1) in text
    (n_h2,) = sql(
        briefings.db,
        "SELECT count(*) FROM core_office__hydrogen_projects WHERE status <> 'cancelled'",
    )
    assert f"Projekte (aktiv): {n_h2}" in text


def test_pdf_metadata_and_archive_index_trace_the_build(briefings: Generated) -> None:
    bid = build_id(briefings.db)
    d = data_date(briefings.db).isoformat()
    info = pdf_info(briefings.district)
    assert f"build_id={bid}" in info["Keywords"]
    assert f"data_date={d}" in info["Keywords"]
    assert "is_demo=true" in info["Keywords"]
    assert info["Title"] == "Energie-Briefing Landkreis Ludwigslust-Parchim"
    with open(briefings.out / archive.INDEX_NAME, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3
    for row in rows:
        pdf = briefings.out / row["file"]
        assert pdf.exists()
        assert row["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert row["build_id"] == bid
        assert row["data_date"] == d
        assert row["is_demo"] == "true"
    trace = archive.trace(briefings.out, briefings.municipality.name)
    assert trace is not None
    assert trace["region_key"] == briefings.municipality_key
    assert trace["kind"] == "municipality"
    assert '"installed_kw"' in trace["headlines_json"]


def test_render_first_pages_to_png(briefings: Generated, artifacts_dir: Path) -> None:
    """PNG of page 1 (district) and of the map page (municipality) for a visual check."""
    for path, stem, page in (
        (briefings.district, "briefing_district", 1),
        (briefings.municipality, "briefing_municipality", 3),
    ):
        prefix = artifacts_dir / stem
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
             str(path), str(prefix)],
            check=True,
        )  # fmt: skip
        png = prefix.with_suffix(".png")
        assert png.exists() and png.stat().st_size > 20_000
    shutil.copy(briefings.district, artifacts_dir / "briefing_district.pdf")


def test_download_buttons_on_overview_and_municipality_pages(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both pages offer the briefing; the button's PDF is the archived briefing of that build."""
    from streamlit.testing.v1 import AppTest

    from dashboard.briefing.streamlit_button import briefing_pdf

    # a copy of the demo build in its own folder, so the archive lands there
    processed = tmp_path / "processed"
    processed.mkdir()
    db = processed / demo_db.name
    shutil.copy(demo_db, db)
    (processed / "current.txt").write_text(db.name + "\n", encoding="utf-8")
    monkeypatch.setenv("EZ_PROCESSED_DIR", str(processed))
    monkeypatch.setenv("EZ_MAP_TILES", "offline")
    app = Path(__file__).resolve().parents[1] / "streamlit_app.py"
    at = AppTest.from_file(str(app), default_timeout=60).run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Briefing als PDF (Landkreis)" in labels
    key = sql(db, "SELECT min(municipality_key) FROM core_bkg__municipalities")[0]
    at.switch_page("dashboard/pages/municipality.py")
    at.query_params["municipality"] = key
    at.session_state["ez_municipality"] = key
    at.run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Briefing als PDF (diese Gemeinde)" in labels

    pdf = briefing_pdf(str(db), key, "de")
    assert pdf.startswith(b"%PDF")
    index = archive.read_index(archive.default_dir(processed))
    assert index["region_key"].tolist() == [key]
    assert index["build_id"].tolist() == [build_id(db)]
