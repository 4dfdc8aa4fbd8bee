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
