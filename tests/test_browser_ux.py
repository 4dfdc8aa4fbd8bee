"""End-to-end in headless Chromium, desktop 1440x900 and phone 390x844: tables sort as numbers.

The Gemeinden ranking is opened, the header "In Betrieb (MW)" clicked, and the first
rows must then be in numeric order (``13,6`` before ``100,1``, never text order).
Screenshots of the sorted table go to ``tests/artifacts/`` (look at them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from etl.config import Settings
from tests.browser import HEADER_PX, ROW_PX, VIEWPORTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(demo_settings: Settings, start_app: Callable[..., str]) -> str:
    """The app on the run's demo build (it only reads it)."""
    return start_app(demo_settings.processed_dir, name="ux")


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, chromium: object) -> Iterator[object]:
    context = chromium.new_context(viewport=VIEWPORTS[request.param])
    pg = context.new_page()
    pg.viewport_name = request.param
    yield pg
    context.close()


def wait_ready(pg: object) -> None:
    """Wait until the script has finished running."""
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    pg.wait_for_timeout(500)


def column_values(grid: object, colindex: int, n: int) -> list[str]:
    """The first ``n`` cell values of a column, from the grid's accessible table."""
    cells = grid.locator(f"tbody tr td[aria-colindex='{colindex}']")
    return [cells.nth(i).text_content() or "" for i in range(n)]


def column_center_x(pg: object, grid: object, colindex: int) -> float:
    """Screen x of the middle of a grid column (the grid is a canvas, so probe it).

    A click into the first body row selects that cell; the accessible table marks it.
    """
    box = grid.bounding_box()
    hits = []
    # Start right of the row-selection checkboxes: a click there opens a profile.
    for x in range(int(box["x"]) + 50, int(box["x"] + box["width"]) - 4, 10):
        pg.mouse.click(x, box["y"] + HEADER_PX + ROW_PX / 2)
        pg.wait_for_timeout(120)
        selected = grid.locator("td[aria-selected=true]")
        if selected.count() and selected.first.get_attribute("aria-colindex") == str(colindex):
            hits.append(x)
    assert hits, f"column {colindex} not found in the grid"
    return (min(hits) + max(hits)) / 2


def test_ranking_sorts_megawatts_as_numbers(
    page: object, app_url: str, artifacts_dir: Path
) -> None:
    page.goto(f"{app_url}/gemeinden")
    wait_ready(page)
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.locator("thead th").first.wait_for(state="attached", timeout=30_000)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    headers = [h.strip() for h in grid.locator("thead th").all_text_contents()]
    mw = headers.index("In Betrieb (MW)") + 1
    x = column_center_x(page, grid, mw)
    page.reload()  # probing may have scrolled the grid sideways (phone): start afresh
    wait_ready(page)
    grid.locator("thead th").first.wait_for(state="attached", timeout=30_000)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = grid.bounding_box()
    page.mouse.click(x, box["y"] + HEADER_PX / 2)
    page.wait_for_timeout(600)

    values = [float(v) for v in column_values(grid, mw, 8)]
    assert values == sorted(values), f"not in numeric order: {values}"
    assert values[0] < values[-1]
    page.screenshot(path=str(artifacts_dir / f"gemeinden_sorted_mw_{page.viewport_name}.png"))


def test_document_language_tab_titles_and_print(page: object, app_url: str) -> None:
    page.goto(app_url)
    wait_ready(page)
    page.wait_for_function("() => document.documentElement.lang === 'de'", timeout=10_000)
    start_title = page.title()
    assert start_title == "Übersicht · Energiezukunft LUP"

    page.goto(f"{app_url}/karte")
    wait_ready(page)
    page.wait_for_function("() => document.title.startsWith('Karte')", timeout=10_000)
    assert page.title() != start_title

    page.goto(f"{app_url}/karte?lang=en")
    wait_ready(page)
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=10_000)
    assert page.title() == "Map · Energiezukunft LUP"

    sidebar = page.locator("[data-testid=stSidebar]")
    # Streamlit collapses the sidebar when a page loads at phone width and keeps it collapsed
    # after a resize, so the screen check loads the page again at desktop width.
    page.set_viewport_size({"width": 1440, "height": 900})
    page.reload()
    wait_ready(page)
    sidebar.wait_for(state="visible", timeout=10_000)
    assert sidebar.is_visible()
    page.emulate_media(media="print")
    assert not sidebar.is_visible()
