"""End-to-end: the briefing download button in the real app (``streamlit run``) in Chromium.

The PDF is generated when the button is clicked (a callable passed to
``st.download_button``, run by Streamlit outside the script thread); this
checks that it arrives as a PDF with the page's figures.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def app(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on a copy of the demo build (its briefing archive stays in the temp folder)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)")
    processed = tmp_path_factory.mktemp("briefing_app") / "processed"
    processed.mkdir()
    shutil.copy(demo_db, processed / demo_db.name)
    (processed / "current.txt").write_text(demo_db.name + "\n", encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "EZ_PROCESSED_DIR": str(processed), "EZ_MAP_TILES": "offline"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "streamlit_app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the app did not start")
        yield url, processed
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_municipality_briefing_downloads_as_pdf(app: tuple[str, Path], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    url, processed = app
    db = next(processed.glob("energy-*.duckdb"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        key, name = con.execute(
            "SELECT municipality_key, municipality_name FROM core_bkg__municipalities "
            "ORDER BY municipality_key LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
            page.goto(f"{url}/gemeinden?municipality={key}")
            button = page.get_by_role("button", name="Briefing als PDF (diese Gemeinde)")
            button.wait_for(timeout=60_000)
            with page.expect_download(timeout=120_000) as info:
                button.click()
            download = info.value
            assert download.suggested_filename.startswith(f"Briefing_{key}_")
            out = tmp_path / download.suggested_filename
            download.save_as(out)
        finally:
            browser.close()
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert f"Energie-Briefing {name}" in text
    assert "Demo-Daten" in text
    assert (processed / "briefings" / "index.csv").exists()
