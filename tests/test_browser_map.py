"""The map and the chart pages in headless Chromium at desktop 1440x900 and phone 390x844.

The phone context sends a phone's user agent, as a real phone does. Checked: the district
fits the map's width, all metric choices are visible, the chosen metric survives a reload,
the mouse wheel scrolls the page instead of zooming the map. Screenshots of Karte, Ausbau,
Energiemix and Wasserstoff go to ``tests/artifacts/`` (look at them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from analysis import queries
from etl.config import Settings
from tests.browser import VIEWPORTS

pytestmark = pytest.mark.browser

PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36"
)
MAP_JS = "document.querySelector('.js-plotly-plot')._fullLayout.map._subplot.map"


@pytest.fixture(scope="module")
def app_url(demo_settings: Settings, start_app: Callable[..., str]) -> str:
    """The app on the run's demo build (it only reads it)."""
    return start_app(demo_settings.processed_dir, name="map")


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, chromium: object) -> Iterator[object]:
    extra = {"user_agent": PHONE_AGENT} if request.param == "phone" else {}
    context = chromium.new_context(viewport=VIEWPORTS[request.param], **extra)
    pg = context.new_page()
    pg.viewport_name = request.param
    yield pg
    context.close()


def open_page(pg: object, url: str) -> None:
    """Open ``url`` and wait until the script has finished and the charts are drawn."""
    pg.goto(url)
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=90_000)
    pg.wait_for_timeout(500)
    if pg.locator(".js-plotly-plot").count():
        pg.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    pg.wait_for_timeout(1500)


def shot(pg: object, artifacts_dir: Path, name: str) -> None:
    pg.screenshot(path=str(artifacts_dir / f"{name}_{pg.viewport_name}.png"), full_page=False)


def test_map_fits_keeps_its_metric_and_leaves_the_wheel_to_the_page(
    page: object, app_url: str, demo_db: Path, artifacts_dir: Path
) -> None:
    open_page(page, f"{app_url}/karte")
    width = page.viewport_size["width"]
    # every metric choice is inside the screen (a radio wraps on a phone)
    for label in ("Leistung erneuerbar (MW)", "kW erneuerbar je km²", "kW erneuerbar je Einwohner",
                  "Geschätzte MWh je Einwohner"):  # fmt: skip
        box = page.get_by_text(label, exact=True).first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, label
    # the whole district is inside the map's view
    west, south, east, north = queries.region_bounds(str(demo_db))
    view = page.evaluate(f"{MAP_JS}.getBounds().toArray()")
    (v_west, v_south), (v_east, v_north) = view
    assert v_west <= west and v_east >= east and v_south <= south and v_north >= north, view
    plot = page.locator(".js-plotly-plot").first.bounding_box()
    assert plot["x"] >= 0 and plot["x"] + plot["width"] <= width
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    shot(page, artifacts_dir, "karte_flaechen")

    # the wheel over the map scrolls the page and leaves the zoom alone
    page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop = 0")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    plot = page.locator(".js-plotly-plot").first.bounding_box()
    zoom = page.evaluate(f"{MAP_JS}.getZoom()")
    scrolled = page.evaluate("window.scrollY") + page.evaluate(
        "document.querySelector('[data-testid=stMain]')?.scrollTop || 0"
    )
    y = min(plot["y"] + plot["height"] / 2, page.viewport_size["height"] - 20)
    page.mouse.move(plot["x"] + plot["width"] / 2, y)
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(800)
    assert page.evaluate(f"{MAP_JS}.getZoom()") == pytest.approx(zoom)
    after = page.evaluate("window.scrollY") + page.evaluate(
        "document.querySelector('[data-testid=stMain]')?.scrollTop || 0"
    )
    if page.viewport_name == "desktop":  # a phone has no wheel; there the page is short
        assert after > scrolled

    # a metric chosen is in the link and comes back after a reload
    page.get_by_text("kW erneuerbar je km²", exact=True).first.click()
    page.wait_for_function("location.search.includes('kennzahl=kw_km2')", timeout=30_000)
    open_page(page, page.url)
    checked = page.locator("[data-testid=stMain] [data-testid=stRadio] input[type=radio]:checked")
    assert checked.count() == 1
    assert "km²" in (
        page.locator(
            "[data-testid=stMain] [data-testid=stRadio] label:has(input:checked)"
        ).first.text_content()
        or ""
    )
    title = page.evaluate(
        "document.querySelector('.js-plotly-plot')._fullData.find(t => t.colorbar)"
        ".colorbar.title.text"
    )
    assert title == "kW erneuerbar je km²"

    # the unit view: dots with a size legend drawn into the figure
    open_page(page, f"{app_url}/karte?ansicht=units")
    assert page.locator(".js-plotly-plot .shapelayer path").count() >= 4  # box + 3 circles
    assert page.get_by_text("Punktgröße = Leistung").count() >= 1
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    shot(page, artifacts_dir, "karte_anlagen")


@pytest.mark.parametrize("path", ["ausbau", "energiemix", "wasserstoff"])
def test_chart_pages_screenshots(
    page: object, app_url: str, artifacts_dir: Path, path: str
) -> None:
    open_page(page, f"{app_url}/{path}")
    assert page.locator(".js-plotly-plot").count() >= 1
    for i in range(page.locator(".js-plotly-plot").count()):
        plot = page.locator(".js-plotly-plot").nth(i).bounding_box()
        assert plot["x"] + plot["width"] <= page.viewport_size["width"] + 1
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 7000)})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts_dir / f"{path}_{page.viewport_name}.png"), full_page=True)
    page.set_viewport_size(size)


def test_coverage_banner_names_what_is_loaded(
    page: object, demo_copy: Settings, start_app: Callable[..., str], artifacts_dir: Path
) -> None:
    """A build with only storage units (and no hydrogen list) says so on the page."""
    import duckdb

    from etl.publish import served_database

    done = demo_copy.processed_dir / "storage_only.done"
    if not done.exists():  # once per module: the first test's server keeps the file open
        db = served_database(demo_copy.processed_dir)
        with duckdb.connect(str(db)) as con:
            con.execute("DELETE FROM core_mastr__units WHERE carrier <> 'storage'")
            con.execute("DELETE FROM meta_load_runs WHERE source = 'office_hydrogen_projects'")
        done.touch()
    url = start_app(demo_copy.processed_dir, name=f"coverage_{page.viewport_name}")
    open_page(page, f"{url}/karte")
    banner = page.get_by_text("Nur Stromspeicher geladen", exact=False).first
    banner.wait_for(timeout=30_000)
    assert "Wasserstoffprojekte" in (banner.text_content() or "")
    shot(page, artifacts_dir, "abdeckung_banner")
