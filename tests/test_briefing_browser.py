"""End-to-end: the briefing download button in the real app (``streamlit run``) in Chromium.

The PDF is generated when the button is clicked (a callable passed to
``st.download_button``, run by Streamlit outside the script thread); this
checks that it arrives as a PDF with the page's figures.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(
    demo_db: Path, tmp_path_factory: pytest.TempPathFactory, start_app: Callable[..., str]
) -> tuple[str, Path]:
    """The app on a copy of the demo build (its briefing archive stays in the temp folder)."""
    processed = tmp_path_factory.mktemp("briefing_app") / "processed"
    processed.mkdir()
    shutil.copy(demo_db, processed / demo_db.name)
    (processed / "current.txt").write_text(demo_db.name + "\n", encoding="utf-8")
    return start_app(processed, name="briefing"), processed


def test_municipality_briefing_downloads_as_pdf(
    app: tuple[str, Path], chromium: object, tmp_path: Path
) -> None:
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
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
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
        context.close()
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert f"Energie-Briefing {name}" in text
    assert "Demo-Daten" in text
    assert (processed / "briefings" / "index.csv").exists()
