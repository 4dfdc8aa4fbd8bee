"""End-to-end: an incomplete build in headless Chromium, desktop and phone.

The app serves the build of :mod:`tests.partial_build` (a refused biomass
member, published with ``--accept-partial``; a later run refused by the gate).
Every page shows the red "Unvollständig" banner naming the missing member;
Daten & Qualität shows the gate's decisions and the findings in German.
Screenshots: ``tests/artifacts/partial_*.png`` (look at them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from etl.config import Settings
from tests.partial_build import write_scenario

pytestmark = pytest.mark.browser

PAGES = ("", "ausbau", "karte", "energiemix", "gemeinden", "daten")
VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
MEMBER = "EinheitenBiomasse.xml"


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return write_scenario(tmp_path_factory.mktemp("partial_browser"))


@pytest.fixture(scope="module")
def app_url(partial: Settings, start_app: Callable[..., str]) -> str:
    return start_app(partial.processed_dir, name="partial")


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, chromium: object) -> Iterator[tuple[str, object]]:
    width, height = VIEWPORTS[request.param]
    context = chromium.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    yield request.param, pg
    context.close()


def open_page(pg: object, url: str) -> str:
    pg.goto(url)
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)
    pg.wait_for_timeout(800)
    assert pg.locator("[data-testid=stException]").count() == 0
    return pg.locator("[data-testid=stMain]").inner_text()


def test_every_page_shows_the_red_incomplete_banner(
    page: tuple[str, object], app_url: str, artifacts_dir: Path
) -> None:
    size, pg = page
    for path in PAGES:
        body = open_page(pg, f"{app_url}/{path}")
        alerts = pg.locator("[data-testid=stAlertContentError]").all_inner_texts()
        banner = [a for a in alerts if "Unvollständig: " in a]
        assert len(banner) == 1 and MEMBER in banner[0], (path, alerts)
        assert "Teildatei abgelehnt" in body
        if path == "":
            pg.screenshot(path=str(artifacts_dir / f"partial_uebersicht_{size}.png"))


def test_data_quality_shows_the_gate_and_german_findings(
    page: tuple[str, object], app_url: str, artifacts_dir: Path
) -> None:
    size, pg = page
    body = open_page(pg, f"{app_url}/daten")
    assert "Veröffentlichungsprüfung" in body
    assert "wurde nicht veröffentlicht" in body
    assert "Trotz Rückgang veröffentlicht" in body
    text = pg.locator("[data-testid=stMain]").inner_text()  # findings expander starts open
    grids = " ".join(pg.locator("[data-testid=stDataFrame]").all_inner_texts())
    assert "Befunde nach Grund" in text and "Feld in der Quelle" in text
    # (the grids are drawn on a canvas: their German cells are checked in tests/test_partial.py)
    # headers of the findings tables are German schema labels, never column names
    assert "gross_capacity_kw" not in text + grids and "mastr_bulk" not in text + grids
    full = pg.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    width = pg.viewport_size["width"]
    pg.set_viewport_size({"width": width, "height": min(max(900, int(full) + 40), 8000)})
    pg.wait_for_timeout(800)
    pg.screenshot(path=str(artifacts_dir / f"partial_daten_{size}.png"), full_page=True)
