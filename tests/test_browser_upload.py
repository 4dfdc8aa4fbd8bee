"""End to end in Chromium: upload a permit list with one bad row, see the error, fix it,
load it, and see the pipeline change. Screenshots of the office pages go to tests/artifacts/.

Runs ``streamlit run`` on a free port against a private copy of the session's demo
build (demo mode: the upload needs no secret and writes to ``raw/demo/uploads``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from analysis import format as fmt
from etl import demo
from etl.config import Settings
from etl.office.spec import WIND_PERMITS
from etl.office.templates import write_list_xlsx
from etl.publish import served_database

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(demo_copy: Settings, start_app: Callable[..., str]) -> dict:
    """A dashboard server on a private copy of the demo build (the upload publishes into it)."""
    url = start_app(demo_copy.processed_dir, demo_copy.raw_dir, name="upload")
    return {"url": url, "settings": demo_copy, "root": demo_copy.raw_dir.parent}


@pytest.fixture(scope="module")
def page(app: dict, chromium: object) -> Iterator[object]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    pg = context.new_page()
    yield pg
    context.close()


def _idle(page, charts: bool = True) -> None:
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000
    )
    page.wait_for_timeout(800)
    if charts:
        for chart in page.locator('[data-testid="stPlotlyChart"]').all():
            chart.locator(".main-svg").first.wait_for(timeout=30_000)
    page.wait_for_timeout(700)


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    _idle(page)


def _shot(page, path: Path) -> None:
    """Full-page screenshot (the viewport is stretched to the page first)."""
    height = page.evaluate(
        "Math.max(document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0, 900)"
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 80, 8000)})
    page.wait_for_timeout(1200)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def _metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _pipeline_total(settings: Settings) -> float:
    con = duckdb.connect(str(served_database(settings.processed_dir)), read_only=True)
    try:
        return con.execute("SELECT sum(counted_mw) FROM out_wind_pipeline").fetchall()[0][0]
    finally:
        con.close()


def _windless_municipality(settings: Settings) -> str:
    con = duckdb.connect(str(served_database(settings.processed_dir)), read_only=True)
    try:
        return con.execute(
            "SELECT municipality_key FROM core_bkg__municipalities WHERE municipality_key NOT IN "
            "(SELECT municipality_key FROM core_mastr__units WHERE carrier = 'wind_onshore') "
            "ORDER BY 1 LIMIT 1"
        ).fetchall()[0][0]
    finally:
        con.close()


def _text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_office_pages_render(page, app, artifacts_dir: Path) -> None:
    url = app["url"]
    _open(page, f"{url}/pipeline")
    assert _metric(page, "Wind-Pipeline: genehmigt + beantragt (brutto)") == fmt.with_unit(
        _pipeline_total(app["settings"]), "MW", 0, "de"
    ) == "3.950\u00a0MW"  # fmt: skip
    assert "Wo Liste und MaStR sich widersprechen" in _text(page)
    _shot(page, artifacts_dir / "office_pipeline.png")
    _open(page, f"{url}/wasserstoff")
    assert "Projekte auf der Karte" in _text(page)
    _shot(page, artifacts_dir / "office_hydrogen.png")
    _open(page, f"{url}/flaechenziel")
    assert "Ziel 2027" in _text(page) or "2027" in _metric(page, "Anteil ausgewiesen")
    _shot(page, artifacts_dir / "office_area_target.png")


def test_upload_bad_row_fix_load_and_see_the_pipeline_change(
    page, app, artifacts_dir: Path
) -> None:
    url, settings, root = app["url"], app["settings"], app["root"]
    key = _windless_municipality(settings)
    rows = [
        {"procedure_id": "BT-1", "project_name": "Windpark Browser", "municipality_key": key,
         "turbine_count": 10, "capacity_mw": 62.0, "status": "approved",
         "application_date": date(2024, 2, 1), "permit_date": date(2025, 8, 15)},
        {"procedure_id": "BT-2", "project_name": "Windpark Tippfehler", "municipality_key": key,
         "turbine_count": 7, "capacity_mw": 44.1, "status": "genehmight",
         "application_date": date(2025, 3, 3)},
    ]  # fmt: skip
    bad = write_list_xlsx(root / "windpipeline_mit_fehler.xlsx", WIND_PERMITS, rows)
    before = _pipeline_total(settings)

    _open(page, f"{url}/hochladen")
    assert "Demo-Modus" in _text(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_text("1 Fehler", exact=False).first.wait_for(timeout=60_000)
    _idle(page, charts=False)
    assert _metric(page, "Fehler") == "1"
    assert "Erkannte Liste: Genehmigungsliste" in _text(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    assert page.get_by_role("button", name="Laden und veröffentlichen").count() == 0
    _shot(page, artifacts_dir / "office_upload_error.png")
    # The table names the row, the column and the value (read from the grid's accessible cells)
    cells = grid.locator('[role="gridcell"]').all_inner_texts()
    assert {"3", "Status", "genehmight"} <= {c.strip() for c in cells}, cells

    rows[1]["status"] = "applied"
    fixed = write_list_xlsx(root / "windpipeline_korrigiert.xlsx", WIND_PERMITS, rows)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(fixed))
    page.get_by_text("Die Datei ist gültig", exact=False).first.wait_for(timeout=60_000)
    _idle(page, charts=False)
    assert _metric(page, "Fehler") == "0"
    page.get_by_role("button", name="Laden und veröffentlichen").click()
    page.get_by_text("Geladen:", exact=False).first.wait_for(timeout=180_000)
    _idle(page, charts=False)
    _shot(page, artifacts_dir / "office_upload_loaded.png")

    after = _pipeline_total(settings)
    # the upload replaced the demo list: MaStR planned wind plus the two entries
    assert after == pytest.approx(demo.DEMO_WIND_PLANNED_KW / 1000 + 62.0 + 44.1)
    assert list((settings.demo_dir / "uploads").glob("windpipeline_upload_*.xlsx"))
    _open(page, f"{url}/pipeline")
    shown = _metric(page, "Wind-Pipeline: genehmigt + beantragt (brutto)")
    assert shown == fmt.with_unit(after, "MW", 0, "de") != fmt.with_unit(before, "MW", 0, "de")
    assert "windpipeline_upload_" in _text(page)
    _shot(page, artifacts_dir / "office_pipeline_after_upload.png")
