"""End-to-end: the real app (``streamlit run``) on the demo database in headless Chromium.

One app server and one browser for the module. Every page is opened, the
language switched, a municipality selected via the URL, via the sidebar and by
clicking the map, and the CSV download checked. Screenshots go to
``tests/artifacts/`` (look at them).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from etl.config import Settings

pytestmark = pytest.mark.browser

#: (url path, German title, number of plotly charts on the page, has a map)
PAGES = [
    ("", "Übersicht", 1, False),
    ("ausbau", "Ausbau", 2, False),
    ("karte", "Karte", 1, True),
    ("energiemix", "Energiemix", 2, False),
    ("gemeinden", "Gemeinden", 0, False),
    ("daten", "Daten & Qualität", 0, False),
]


@pytest.fixture(scope="module")
def app_url(demo_settings: Settings, start_app: Callable[..., str]) -> str:
    """The app on the run's demo build (it only reads it)."""
    return start_app(demo_settings.processed_dir, name="dashboard")


@pytest.fixture()
def page(chromium: object) -> Iterator[object]:
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="module")
def sql(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(demo_db), read_only=True)
    yield con
    con.close()


def wait_ready(pg: object, charts: int = 0, has_map: bool = False) -> None:
    """Wait until the script finished and the charts (and map canvas) are drawn."""
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)
    if charts:
        pg.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
            arg=charts,
            timeout=30_000,
        )
    if has_map:
        pg.wait_for_selector(".js-plotly-plot canvas", timeout=30_000)
        pg.wait_for_timeout(1500)  # tiles-free style: layers render right after the canvas
    pg.wait_for_timeout(400)


def screenshot(pg: object, path: Path) -> None:
    """Full-height screenshot (the viewport is enlarged to the main block first)."""
    height = pg.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    pg.set_viewport_size({"width": 1400, "height": min(max(900, int(height) + 40), 6000)})
    pg.wait_for_timeout(600)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size({"width": 1400, "height": 900})


def open_page(pg: object, url: str, charts: int = 0, has_map: bool = False) -> None:
    pg.goto(url)
    wait_ready(pg, charts, has_map)
    assert pg.locator("[data-testid=stException]").count() == 0


@pytest.mark.parametrize(("path", "title", "charts", "has_map"), PAGES)
def test_every_page_in_german(
    page: object,
    app_url: str,
    artifacts_dir: Path,
    path: str,
    title: str,
    charts: int,
    has_map: bool,
) -> None:
    open_page(page, f"{app_url}/{path}", charts, has_map)
    assert page.locator("h1").first.inner_text().strip() == title
    body = page.locator("[data-testid=stMain]").inner_text()
    assert "Demo-Daten" in body
    assert "Datenquelle: Marktstammdatenregister, © Bundesnetzagentur, dl-de/by-2-0" in body
    assert "Gemeindegrenzen: © GeoBasis-DE / BKG 2021 (Daten verändert)" in body
    assert re.search(r"Datenstand: \d{2}\.\d{2}\.\d{4}", body)
    if path == "":
        assert re.search(r"\d{1,3}(\.\d{3})*,\d\s?MW", body), "German MW format expected"
    screenshot(page, artifacts_dir / f"dashboard_{path or 'uebersicht'}_de.png")


def test_language_switch_carries_through_pages(
    page: object, app_url: str, artifacts_dir: Path
) -> None:
    open_page(page, app_url, charts=1)
    page.get_by_text("English", exact=True).click()
    page.wait_for_function("() => document.querySelector('h1')?.innerText.trim() === 'Overview'")
    wait_ready(page, charts=1)
    assert "lang=en" in page.url
    body = page.locator("[data-testid=stMain]").inner_text()
    assert "Installed capacity (renewable)" in body
    assert re.search(r"\d{1,3}(,\d{3})*\.\d\s?MW", body), "English MW format expected"
    screenshot(page, artifacts_dir / "dashboard_uebersicht_en.png")
    page.locator("[data-testid=stSidebarNav]").get_by_text("Energy mix").click()
    page.wait_for_function("() => document.querySelector('h1')?.innerText.trim() === 'Energy mix'")
    wait_ready(page, charts=2)
    page.wait_for_function("() => location.search.includes('lang=en')")


def _municipality(sql: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    return sql.execute(
        "SELECT m.municipality_key, m.municipality_name FROM core_bkg__municipalities m "
        "JOIN core_mastr__units u USING (municipality_key) WHERE u.carrier = 'wind_onshore' "
        "GROUP BY ALL ORDER BY sum(u.gross_capacity_kw) DESC LIMIT 1"
    ).fetchone()


def test_municipality_from_url(
    page: object, app_url: str, artifacts_dir: Path, sql: duckdb.DuckDBPyConnection
) -> None:
    key, name = _municipality(sql)
    open_page(page, f"{app_url}/gemeinden?municipality={key}", charts=2)
    assert page.locator("h2").first.inner_text().strip() == name
    body = page.locator("[data-testid=stMain]").inner_text()
    assert (
        "EEG-§6-Beteiligung: höchstens möglich, freiwillig (Schätzung)" in body and "0,2 ct" in body
    )
    screenshot(page, artifacts_dir / "dashboard_gemeinden_de.png")


def test_municipality_from_sidebar(
    page: object, app_url: str, sql: duckdb.DuckDBPyConnection
) -> None:
    key, name = sql.execute(
        "SELECT municipality_key, municipality_name FROM core_bkg__municipalities "
        "ORDER BY municipality_name DESC LIMIT 1"
    ).fetchone()
    open_page(page, f"{app_url}/gemeinden")
    box = page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first
    box.click()
    page.keyboard.type(name)
    page.get_by_role("option", name=name, exact=True).click()
    page.wait_for_function(f"() => location.search.includes('gemeinde={key}')")
    wait_ready(page, charts=2)
    assert page.locator("h2").first.inner_text().strip() == name


def test_map_click_opens_a_municipality_profile(page: object, app_url: str) -> None:
    open_page(page, f"{app_url}/karte", charts=1, has_map=True)
    plot = page.locator(".js-plotly-plot").first.bounding_box()
    # the district fills the map: its centre lies in some municipality (area or circle)
    page.mouse.click(plot["x"] + plot["width"] * 0.45, plot["y"] + plot["height"] * 0.55)
    page.wait_for_function("() => location.pathname.endsWith('/gemeinden')", timeout=20_000)
    page.wait_for_function("() => location.search.includes('gemeinde=')")
    wait_ready(page, charts=2)
    assert page.locator("h2").count() >= 1


def test_csv_download_for_german_excel(
    page: object, app_url: str, sql: duckdb.DuckDBPyConnection, artifacts_dir: Path
) -> None:
    open_page(page, f"{app_url}/daten?status=planned")
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="CSV herunterladen").click()
    download = info.value
    assert download.suggested_filename.startswith("Demo-Daten_")
    assert download.suggested_filename.endswith(".csv")
    raw = Path(download.path()).read_bytes()
    (artifacts_dir / download.suggested_filename).write_bytes(raw)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0].startswith("Datenquelle: Marktstammdatenregister")
    assert rows[0][0].endswith("Demo-Daten")
    header, body = rows[1], rows[2:]
    assert header[0] == "Datenart" and "Bruttoleistung (kW)" in header
    planned = sql.execute(
        "SELECT count(*) FROM core_mastr__units WHERE status = 'planned'"
    ).fetchone()[0]
    assert len(body) == planned
    assert {r[0] for r in body} == {"Demo-Daten"}
    assert {r[header.index("Status")] for r in body} == {"In Planung"}
    capacities = [r[header.index("Bruttoleistung (kW)")] for r in body]
    assert all(re.fullmatch(r"\d+(,\d+)?", c) for c in capacities if c)
    assert any("," in c for c in capacities), "decimal comma expected"
    dates = [r[header.index("Geplante Inbetriebnahme")] for r in body]
    assert all(re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", d) for d in dates if d)
