"""User journeys end to end in headless Chromium, at phone 390x844 and desktop 1440x900.

- council member: start page → types part of the municipality's name → its profile
  (name and installed capacity as :mod:`analysis.headline` gives them) → the share
  link from the page opens the same profile in a fresh tab, and after a reload; and
  a tap on the first row of the Gemeinden ranking opens that municipality's profile;
- company: Karte → Wasserstoff (through the navigation) → a table downloaded as CSV
  with the source line;
- office: the district briefing PDF from the start page (a PDF holding the district's
  installed capacity as :func:`analysis.headline.headlines` gives it) and the findings
  list (the CSV under the table with the column "Grund") from Daten & Qualität.

Full-page screenshots of the start page and the profile go to ``tests/artifacts/``
(``journey_*``); look at them.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from analysis import format as fmt
from analysis import headline, tables
from analysis.filters import Filters
from etl.config import Settings
from tests.browser import HEADER_PX, ROW_PX, VIEWPORTS, full_screenshot

pytestmark = pytest.mark.browser

SOURCE_LINE = "Datenquelle: Marktstammdatenregister, © Bundesnetzagentur, dl-de/by-2-0"


@pytest.fixture(scope="module")
def app_url(demo_settings: Settings, start_app: Callable[..., str]) -> str:
    """The app on the run's demo build (it only reads it)."""
    return start_app(demo_settings.processed_dir, name="journeys")


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, chromium: object) -> Iterator[object]:
    context = chromium.new_context(viewport=VIEWPORTS[request.param], accept_downloads=True)
    pg = context.new_page()
    pg.viewport_name = request.param
    yield pg
    context.close()


@pytest.fixture(scope="module")
def sql(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(demo_db), read_only=True)
    yield con
    con.close()


def wait_ready(pg: object, charts: int = 0) -> None:
    """Wait until the script has finished and ``charts`` plotly figures are drawn."""
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    if charts:
        pg.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
            arg=charts,
            timeout=60_000,
        )
    pg.wait_for_timeout(500)
    assert pg.locator("[data-testid=stException]").count() == 0


def open_nav(pg: object, title: str) -> None:
    """Go to a page: by the page's own links if it has them (start page), else by the
    navigation in the sidebar, which a phone has to open first."""
    own = pg.locator("[data-testid=stMain] [data-testid=stPageLink-NavLink]", has_text=title)
    if own.count():
        own.first.click()
        return
    link = pg.locator("[data-testid=stSidebarNav] a", has_text=title).first
    box = link.bounding_box()
    opened = box is None or box["x"] < 0 or box["x"] >= pg.viewport_size["width"]
    if opened:
        pg.locator("[data-testid=stExpandSidebarButton]").first.click()
        pg.wait_for_timeout(600)  # the sidebar slides in
    link.click()
    if opened:  # a phone user closes the sidebar again: it covers the page
        pg.wait_for_selector(
            "[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000
        )
        close = pg.locator("[data-testid=stSidebarCollapseButton] button").first
        if close.count() and close.is_visible():
            close.click()
            pg.wait_for_timeout(600)


def test_council_member_finds_municipality_and_shares_link(
    page: object, app_url: str, artifacts_dir: Path, demo_db: Path
) -> None:
    key, name = "13076108", "Parchim"
    row = headline.municipality_row(str(demo_db), key)
    assert row["municipality_name"] == name
    page.goto(f"{app_url}/")
    wait_ready(page, charts=1)
    full_screenshot(page, artifacts_dir / f"journey_start_{page.viewport_name}.png")
    search = page.locator("[data-testid=stMain] [data-testid=stSelectbox]").first
    assert search.is_visible()  # no sidebar needed, also on the phone
    search.click()
    page.keyboard.type("parch")
    page.get_by_role("option", name=re.compile(rf"^{name}( ·|$)")).first.click()
    page.wait_for_function("() => location.pathname.endsWith('/gemeinden')", timeout=30_000)
    page.wait_for_function(f"() => location.search.includes('gemeinde={key}')")
    wait_ready(page, charts=3)
    assert page.locator("h2").first.inner_text().strip() == name
    body = page.locator("[data-testid=stMain]").inner_text()
    assert fmt.mw(row["installed_kw"], 1, "de") in body
    full_screenshot(page, artifacts_dir / f"journey_profile_{page.viewport_name}.png")

    link = page.locator("[data-testid=stCode] code").first.inner_text().strip()
    assert link.startswith(app_url) and link.endswith(f"/gemeinden?gemeinde={key}")
    shared = page.context.new_page()
    shared.goto(link)
    wait_ready(shared, charts=3)
    assert shared.locator("h2").first.inner_text().strip() == name
    shared.reload()
    wait_ready(shared, charts=3)
    assert shared.locator("h2").first.inner_text().strip() == name
    assert f"gemeinde={key}" in shared.url
    shared.close()


def test_company_opens_map_then_hydrogen_and_downloads_a_table(
    page: object, app_url: str, tmp_path: Path
) -> None:
    page.goto(f"{app_url}/karte")
    wait_ready(page, charts=1)
    open_nav(page, "Wasserstoff")
    page.wait_for_function("() => location.pathname.endsWith('/wasserstoff')", timeout=30_000)
    wait_ready(page, charts=1)
    assert page.locator("h1").first.inner_text().strip() == "Wasserstoff"
    button = page.locator(
        "[data-testid=stDownloadButton] button:visible", has_text="Tabelle als CSV"
    ).first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    out = tmp_path / info.value.suggested_filename
    info.value.save_as(out)
    text = out.read_bytes().decode("utf-8-sig")
    assert out.suffix == ".csv"
    assert SOURCE_LINE in text.splitlines()[0]
    assert len(text.splitlines()) >= 3  # source line, header, at least one row


def test_office_downloads_district_pdf_and_findings(
    page: object, app_url: str, tmp_path: Path, demo_db: Path
) -> None:
    page.goto(f"{app_url}/")
    wait_ready(page, charts=1)
    button = page.get_by_role("button", name="Briefing als PDF (Landkreis)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=180_000) as info:
        button.click()
    pdf = tmp_path / info.value.suggested_filename
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    installed = headline.headlines(str(demo_db), Filters()).installed_kw
    assert fmt.mw(installed, 1, "de").replace("\xa0", " ") in text.replace("\xa0", " ")

    open_nav(page, "Daten & Qualität")
    page.wait_for_function("() => location.pathname.endsWith('/daten')", timeout=30_000)
    wait_ready(page)
    findings = None
    buttons = page.locator("[data-testid=stDownloadButton] button", has_text="Tabelle als CSV")
    for i in range(min(buttons.count(), 4)):  # the findings table is one of the first tables
        buttons.nth(i).scroll_into_view_if_needed()
        with page.expect_download(timeout=60_000) as info:
            buttons.nth(i).click()
        out = tmp_path / f"table_{i}.csv"
        info.value.save_as(out)
        lines = out.read_bytes().decode("utf-8-sig").splitlines()
        if len(lines) > 1 and "Grund" in lines[1].split(";"):
            findings = lines
            break
    assert findings is not None, "no findings list (a table with the column 'Grund') to download"
    assert SOURCE_LINE in findings[0]
    assert len(findings) >= 3  # source line, header, at least one finding


def test_council_member_taps_a_ranking_row_to_open_the_profile(
    page: object, app_url: str, demo_db: Path
) -> None:
    first = tables.ranking_table(headline.municipality_figures(str(demo_db))).iloc[0]
    page.goto(f"{app_url}/gemeinden")
    wait_ready(page)
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # the row marker column (left edge) of the first body row selects that row
    page.mouse.click(box["x"] + 12, box["y"] + HEADER_PX + ROW_PX / 2)
    page.wait_for_function(
        f"() => location.search.includes('gemeinde={first['municipality_key']}')",
        timeout=30_000,
    )
    wait_ready(page, charts=3)
    assert page.locator("h2").first.inner_text().strip() == first["municipality_name"]
