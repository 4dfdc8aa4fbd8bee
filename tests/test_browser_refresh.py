"""Two dashboard processes on one data directory while ``refresh`` publishes: 0 errors.

This is the documented way to serve more users (``docs/operations.md``): several
``streamlit run`` processes behind the reverse proxy, all opening the served
build read-only. A local HTTP server offers a first export, ``refresh``
publishes it, two app servers start on the folder, and while a second
``refresh`` downloads, builds and swaps the pointer in a thread, Chromium keeps
loading pages from both servers. No page may show an exception, no server log
a traceback, and afterwards both servers show the new data date.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from etl.config import Settings
from etl.refresh import RefreshOptions, RefreshResult, run_refresh
from tests.http_server import LocalServer
from tests.served_exports import (
    TODAY,
    YESTERDAY,
    export_bytes,
    export_name,
    offering,
    vg250_zip_bytes,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def vg250_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return vg250_zip_bytes(tmp_path_factory.mktemp("vg250"))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, vg250_zip: bytes) -> Iterator[LocalServer]:
    with offering(monkeypatch, vg250_zip) as srv:
        yield srv


def _load(pg: object, url: str) -> str:
    """Open ``url``, wait for the script to finish, return the page text; fail on an exception."""
    pg.goto(url)
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    errors = pg.locator("[data-testid=stException]").all_inner_texts()
    assert errors == [], f"{url}: {errors}"
    return pg.locator("[data-testid=stMain]").inner_text()


def test_two_dashboards_while_refresh_publishes(
    server: LocalServer,
    tmp_path: Path,
    start_app: Callable[..., str],
    chromium: object,
    artifacts_dir: Path,
) -> None:
    settings = Settings(raw_dir=tmp_path / "raw", processed_dir=tmp_path / "processed")
    server.add("/" + export_name(YESTERDAY), export_bytes(tmp_path / "src", 10))
    assert run_refresh(settings, RefreshOptions(days_back=1)).outcome == "published"
    urls = [start_app(settings.processed_dir, name=f"refresh_{n}") for n in (1, 2)]

    server.add("/" + export_name(TODAY), export_bytes(tmp_path / "src", 12))
    done: list[RefreshResult] = []
    worker = threading.Thread(
        target=lambda: done.append(run_refresh(settings, RefreshOptions(days_back=1)))
    )
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    loads = 0
    try:
        worker.start()
        while worker.is_alive() or loads < 4:
            for url in urls:
                _load(pg, url)
                loads += 1
        worker.join()
        assert done and done[0].outcome == "published", done
        new_date = f"{TODAY.day:02d}.{TODAY.month:02d}.{TODAY.year}"
        for n, url in enumerate(urls, 1):
            assert new_date in _load(pg, url), f"server {n} does not show the new build"
            pg.screenshot(path=str(artifacts_dir / f"refresh_two_servers_{n}.png"))
        phone = chromium.new_context(viewport={"width": 390, "height": 844})
        try:
            ppg = phone.new_page()
            assert new_date in _load(ppg, urls[1])
            ppg.screenshot(path=str(artifacts_dir / "refresh_two_servers_phone.png"))
        finally:
            phone.close()
    finally:
        context.close()
        worker.join(timeout=120)
    for log in sorted(artifacts_dir.glob("app_server_refresh_*.log")):
        text = log.read_text(errors="replace")
        assert "Traceback" not in text, f"{log}:\n{text[-3000:]}"
