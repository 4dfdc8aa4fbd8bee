"""End-to-end: the headline figures as a visitor sees them, on desktop and on a phone.

The real app on the demo build in headless Chromium at 1440×900 and 390×844:
the start page names "Installierte Leistung (erneuerbar)", storage on its own,
"Wind: im MaStR geplant" apart from the pipeline, "Zubau <year> (bis <date>)"
and the "Bilanzieller Deckungsgrad (Schätzung)"; a consumption assumption in
the URL changes the coverage; a municipality profile shows the same installed
capacity and rank as the list. Screenshots go to ``tests/artifacts/figures_*.png``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import format as fmt
from analysis import headline
from analysis.estimates import DEFAULT_ASSUMPTIONS
from analysis.filters import Filters
from etl.config import Settings

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def app_url(demo_settings: Settings, start_app: Callable[..., str]) -> str:
    return start_app(demo_settings.processed_dir, name="figures")


def _open(chromium: object, url: str, size: tuple[int, int]) -> object:
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()
    pg.goto(url)
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)
    pg.wait_for_selector("[data-testid=stMetric]", timeout=30_000)
    pg.wait_for_timeout(800)
    assert pg.locator("[data-testid=stException]").count() == 0
    return pg


def _metric_value(pg: object, label: str) -> str:
    box = pg.locator("[data-testid=stMetric]").filter(has_text=label).first
    return box.locator("[data-testid=stMetricValue]").inner_text().replace("\u00a0", " ")


def _shot(pg: object, path: Path, height: int = 2400) -> None:
    """Screenshot of the top ``height`` px of the page at the viewport's width (the app
    scrolls inside its main block, so the viewport is made taller first)."""
    width = pg.viewport_size["width"]
    pg.set_viewport_size({"width": width, "height": height})
    pg.wait_for_timeout(800)
    pg.screenshot(path=str(path))
    pg.context.close()


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_start_page_names_the_figures(
    chromium: object, app_url: str, demo_db: Path, artifacts_dir: Path, device: str
) -> None:
    db = str(demo_db)
    h = headline.headlines(db, Filters())
    pg = _open(chromium, app_url, VIEWPORTS[device])
    text = pg.locator("[data-testid=stMain]").inner_text().replace("\u00a0", " ")
    for label in (
        "Installierte Leistung (erneuerbar)",
        "Stromspeicher in Betrieb",
        "Wind: im MaStR geplant",
        headline.additions_label(h, h.year, "de"),
        "Bilanzieller Deckungsgrad (Schätzung)",
    ):
        assert label in text, label
    assert _metric_value(pg, "Installierte Leistung (erneuerbar)") == fmt.mw(
        h.installed_kw, 1, "de"
    ).replace("\u00a0", " ")
    default = _metric_value(pg, "Bilanzieller Deckungsgrad")
    _shot(pg, artifacts_dir / f"figures_start_{device}.png")
    # a shared link carries the consumption assumption
    half = DEFAULT_ASSUMPTIONS.consumption_mwh_per_inhabitant / 2
    pg = _open(chromium, f"{app_url}/?consumption={half}", VIEWPORTS[device])
    changed = _metric_value(pg, "Bilanzieller Deckungsgrad")
    cov = headline.coverage(h, DEFAULT_ASSUMPTIONS.__class__(consumption_mwh_per_inhabitant=half))
    assert changed != default
    assert changed == fmt.percent(cov.share, 1, "de").replace("\u00a0", " ")
    pg.context.close()


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_municipality_profile_matches_the_list(
    chromium: object, app_url: str, demo_db: Path, artifacts_dir: Path, device: str
) -> None:
    db = str(demo_db)
    figs = headline.municipality_figures(db)
    row = figs.sort_values("installed_kw").iloc[len(figs) // 2]  # a middle one
    pg = _open(chromium, f"{app_url}/gemeinden?municipality={row['municipality_key']}",
               VIEWPORTS[device])  # fmt: skip
    assert _metric_value(pg, "In Betrieb (erneuerbar)") == fmt.mw(
        row["installed_kw"], 1, "de"
    ).replace("\u00a0", " ")
    assert _metric_value(pg, "Rang: Leistung je km²") == headline.rank_text(row, "km2", "de")
    _shot(pg, artifacts_dir / f"figures_profile_{device}.png")
