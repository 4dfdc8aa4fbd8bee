"""End-to-end: the real app with a corrupt served build, at desktop and phone size.

The pointer names a build whose blocks are overwritten; the app must say so, show the
newest intact build (naming it) with its figures, and show the error on Daten & Qualität —
no Streamlit error box. Screenshots: ``tests/artifacts/broken_build_*.png`` (look at them).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from etl import publish
from etl.config import Settings

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def broken(demo_copy: Settings, start_app: Callable[..., str]) -> tuple[str, str, str]:
    """(app URL, broken build name, intact fallback name) on a copy of the demo build."""
    processed = demo_copy.processed_dir
    intact = publish.served_database(processed)
    bad = publish.new_build_path(processed)
    shutil.copy(intact, bad)
    with open(bad, "r+b") as fh:
        fh.seek(bad.stat().st_size // 2)
        fh.write(b"\xa5" * 200_000)
    (processed / publish.POINTER_NAME).write_text(bad.name + "\n")
    return start_app(processed, name="broken_build"), bad.name, intact.name


@pytest.mark.parametrize("size", list(VIEWPORTS))
@pytest.mark.parametrize(("path", "words"), [("", "Installierte Leistung"), ("daten", "checksum")])
def test_corrupt_build_shows_a_notice_and_the_fallback(
    chromium: object,
    broken: tuple[str, str, str],
    artifacts_dir: Path,
    size: str,
    path: str,
    words: str,
) -> None:
    url, bad, fallback = broken
    width, height = VIEWPORTS[size]
    context = chromium.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    try:
        pg.goto(f"{url}/{path}")
        pg.wait_for_selector(
            "[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000
        )
        pg.wait_for_selector(f"text={words}", timeout=60_000)
        body = pg.inner_text("body")
        flat = " ".join(body.split())
        assert f"Die veröffentlichte Datenbank ({bad}) kann nicht geöffnet werden" in flat
        assert f"letzte intakte Stand {fallback}" in flat
        assert "This app has encountered an error" not in flat
        assert pg.locator("[data-testid=stException]").count() == 0
        name = path or "uebersicht"
        pg.screenshot(path=str(artifacts_dir / f"broken_build_{name}_{size}.png"))
    finally:
        context.close()
