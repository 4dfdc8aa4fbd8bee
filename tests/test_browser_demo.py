"""End-to-end: the demo on the district's real geography, on desktop and phone.

The map and a municipality profile (Obere Warnow, whose real figures the old
hexagon demo got wrong) in headless Chromium at 1440x900 and 390x844. The
banner must say what is real and what is invented, the footer must carry the
attributions; screenshots go to ``tests/artifacts/demo_*.png`` (look at them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from etl.config import Settings

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
OBERE_WARNOW = "13076164"


@pytest.fixture(scope="module")
def app_url(demo_settings: Settings, start_app: Callable[..., str]) -> str:
    """The app on the run's demo build (it only reads it)."""
    return start_app(demo_settings.processed_dir, name="demo_geography")


@pytest.fixture(params=sorted(VIEWPORTS))
def page(request: pytest.FixtureRequest, chromium: object) -> Iterator[tuple[str, object]]:
    width, height = VIEWPORTS[request.param]
    context = chromium.new_context(
        viewport={"width": width, "height": height},
        is_mobile=request.param == "phone",
        has_touch=request.param == "phone",
    )
    pg = context.new_page()
    yield request.param, pg
    context.close()


def _ready(pg: object, charts: int) -> None:
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    pg.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
        arg=charts,
        timeout=60_000,
    )
    pg.wait_for_timeout(1500)


def _check_labels(pg: object) -> None:
    text = pg.inner_text("[data-testid=stMain]")
    assert "Demo-Daten" in text
    assert "Echt sind die Gemeindegrenzen" in text and "Erfunden sind" in text
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in text
    assert "Destatis" in text and "Bundesnetzagentur" in text


def test_map_shows_the_real_district(page: tuple[str, object], app_url: str, artifacts_dir) -> None:
    kind, pg = page
    pg.goto(f"{app_url}/karte")
    _ready(pg, 1)
    pg.wait_for_selector(".js-plotly-plot canvas", timeout=60_000)
    pg.wait_for_timeout(1500)
    _check_labels(pg)
    pg.screenshot(path=str(artifacts_dir / f"demo_karte_{kind}.png"), full_page=True)


def test_profile_of_obere_warnow_on_real_geography(
    page: tuple[str, object], app_url: str, artifacts_dir
) -> None:
    kind, pg = page
    pg.goto(f"{app_url}/gemeinden?municipality={OBERE_WARNOW}")
    _ready(pg, 1)
    text = pg.inner_text("[data-testid=stMain]")
    assert "Obere Warnow" in text
    # Its real area (46.7 km²), not the old hexagons' 207.8 km².
    assert "46,7" in text and "207,8" not in text
    _check_labels(pg)
    pg.screenshot(path=str(artifacts_dir / f"demo_gemeinde_{kind}.png"), full_page=True)
