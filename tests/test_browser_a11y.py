"""Accessibility in headless Chromium at desktop 1440x900 and phone 390x844.

- One history entry per navigation: after a page change and a same-page URL update
  (a tapped ranking row puts the municipality in the URL, as a map click does), one
  Back press returns to the page before.
- The accessibility statement is linked from every page's footer and says what is and
  is not met, with the feedback contact marked as a placeholder.
- Screenshots (``tests/artifacts/a11y_*``; look at them): the statement, Daten & Qualität,
  and the Wasserstoff page with a chart's "Daten zur Grafik" open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from etl.config import Settings
from tests.browser import HEADER_PX, ROW_PX, VIEWPORTS, full_screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(demo_settings: Settings, start_app: Callable[..., str]) -> str:
    """The app on the run's demo build (it only reads it)."""
    return start_app(demo_settings.processed_dir, name="a11y")


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, chromium: object) -> Iterator[object]:
    context = chromium.new_context(viewport=VIEWPORTS[request.param])
    pg = context.new_page()
    pg.viewport_name = request.param
    yield pg
    context.close()


def wait_ready(pg: object) -> None:
    """Wait until the script has finished running, without an exception on the page."""
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    pg.wait_for_timeout(700)
    assert pg.locator("[data-testid=stException]").count() == 0


def footer_link(pg: object) -> object:
    return pg.locator(
        "[data-testid=stMain] [data-testid=stPageLink-NavLink]",
        has_text="Erklärung zur Barrierefreiheit",
    ).first


def test_statement_from_the_footer_and_back_in_one_press(
    page: object, app_url: str, artifacts_dir: Path
) -> None:
    page.goto(f"{app_url}/daten")
    wait_ready(page)
    full_screenshot(page, artifacts_dir / f"a11y_daten_{page.viewport_name}.png")
    footer_link(page).click()
    page.wait_for_url("**/barrierefreiheit**", timeout=30_000)
    wait_ready(page)
    main = page.locator("[data-testid=stMain]")
    assert page.locator("h1").first.inner_text().strip() == "Erklärung zur Barrierefreiheit"
    text = main.inner_text()
    for part in ("teilweise barrierefrei", "Was erfüllt ist", "Was nicht barrierefrei ist",
                 "Platzhalter", "Diese Erklärung wurde am 03.12.2026 erstellt"):  # fmt: skip
        assert part in text, part
    assert page.evaluate("document.documentElement.lang") == "de"
    full_screenshot(page, artifacts_dir / f"a11y_statement_{page.viewport_name}.png")
    page.go_back()
    page.wait_for_url("**/daten**", timeout=30_000)
    wait_ready(page)
    assert "Daten & Qualität" in page.locator("h1").first.inner_text()


def test_back_after_a_row_tap_needs_one_press(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/daten")
    wait_ready(page)
    page.goto(f"{app_url}/gemeinden")
    wait_ready(page)
    before = page.evaluate("history.length")
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # the row marker column of the first body row selects it: the profile opens and
    # the municipality goes into the URL on the same page
    page.mouse.click(box["x"] + 12, box["y"] + HEADER_PX + ROW_PX / 2)
    page.wait_for_function("() => /gemeinde=\\d{8}/.test(location.search)", timeout=30_000)
    wait_ready(page)
    assert page.evaluate("history.length") == before  # replaced, not pushed
    page.go_back()
    page.wait_for_url("**/daten**", timeout=30_000)
    wait_ready(page)
    assert "Daten & Qualität" in page.locator("h1").first.inner_text()


def test_chart_data_opens_under_a_chart(page: object, app_url: str, artifacts_dir: Path) -> None:
    page.goto(f"{app_url}/wasserstoff")
    wait_ready(page)
    expander = page.locator("[data-testid=stExpander]", has_text="Daten zur Grafik").nth(2)
    expander.scroll_into_view_if_needed()
    expander.locator("summary").click()
    page.wait_for_timeout(800)
    grid = expander.locator("[data-testid=stDataFrame]")
    assert grid.is_visible()
    assert expander.get_by_text("Tabelle als CSV").is_visible()
    expander.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts_dir / f"a11y_chart_data_{page.viewport_name}.png"))
