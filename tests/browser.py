"""The one way browser tests run the real app: ``streamlit run`` on a free port, and Chromium.

Used through the fixtures ``start_app`` and ``chromium`` in ``tests/conftest.py``; the three
browser test modules only say which database the app serves and what they click.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench import app_process

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The two sizes every browser test runs at (Playwright viewports).
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
#: Height of a glide-data-grid header row and of a body row (Streamlit's defaults), px.
HEADER_PX, ROW_PX = 35, 35


def require_chromium() -> None:
    """Fail (never skip) when Chromium is missing: the browser tier must run in CI."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)")


@contextmanager
def app_server(processed_dir: Path, log: Path, raw_dir: Path | None = None) -> Iterator[str]:
    """Run the dashboard on ``processed_dir`` (and ``raw_dir``) and yield its base URL
    (:func:`bench.app_process.app_server`); a server that does not start fails the test."""
    try:
        with app_process.app_server(processed_dir, log, raw_dir) as url:
            yield url
    except app_process.AppDidNotStart as err:
        pytest.fail(str(err))


@contextmanager
def chromium_browser() -> Iterator[object]:
    """A headless Chromium (playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def full_screenshot(pg: object, path: Path) -> None:
    """The whole main block at the page's width (the viewport is stretched, then restored)."""
    size = pg.viewport_size
    height = pg.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    pg.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 7000)})
    pg.wait_for_timeout(800)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size(size)
