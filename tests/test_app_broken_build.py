"""A broken served build is a clear state, not a crash (AppTest of the real app).

The pointer names a corrupt, empty, truncated or non-build file, or a path outside the
processed folder: every page says so (German or English), shows the newest intact kept
build and names it, and Daten & Qualität shows the error for the office.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl import publish
from etl.config import Settings

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"


@pytest.fixture
def processed(demo_copy: Settings) -> Iterator[Path]:
    """The demo copy's processed folder with the app pointed at it (offline tiles)."""
    folder = demo_copy.processed_dir
    old = {k: os.environ.get(k) for k in ("EZ_PROCESSED_DIR", "EZ_MAP_TILES")}
    os.environ["EZ_PROCESSED_DIR"] = str(folder)
    os.environ["EZ_MAP_TILES"] = "offline"
    intact = folder / publish.read_pointer(folder)
    yield folder
    (folder / publish.POINTER_NAME).write_text(intact.name + "\n")
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def _newest_intact(folder: Path) -> Path:
    return [p for p in publish.list_builds(folder) if publish.check_build(p) is None][-1]


def _broken_build(folder: Path, kind: str) -> str:
    """Write a damaged newer build and point at it; return the pointer's text."""
    source = _newest_intact(folder)
    broken = publish.new_build_path(folder)
    if kind == "empty":
        broken.write_bytes(b"")
    elif kind == "non-build":
        broken.write_text("kein DuckDB\n" * 100)
    else:
        shutil.copy(source, broken)
        size = broken.stat().st_size
        if kind == "truncated":
            os.truncate(broken, size // 2)
        else:  # corrupt: blocks in the middle overwritten, the header intact
            with open(broken, "r+b") as fh:
                fh.seek(size // 2)
                fh.write(b"\xa5" * 200_000)
    return broken.name


def _run(page: str | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    if page:
        at.switch_page(f"dashboard/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    "kind", ["corrupt", "empty", "truncated", "non-build", "../x", "/etc/passwd"]
)
def test_broken_served_build_falls_back_with_a_clear_message(processed: Path, kind: str) -> None:
    fallback = _newest_intact(processed)
    pointer = kind if "/" in kind else _broken_build(processed, kind)
    (processed / publish.POINTER_NAME).write_text(pointer + "\n")

    at = _run()
    errors = " ".join(e.value for e in at.error)
    assert "Die veröffentlichte Datenbank" in errors and "kann nicht geöffnet werden" in errors
    assert f"letzte intakte Stand {fallback.name}" in errors.replace("\\", "")
    assert len(at.metric) >= 4, "the overview still shows its figures from the fallback"

    at = _run("data_quality", lang="en")
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert f"Showing the last intact build {fallback.name}" in errors
    assert "Published database broken" in [s.value for s in at.subheader]
    details = " ".join(c.value for c in at.code)
    expected = {
        "corrupt": "checksum",
        "empty": "the file is empty",
        "truncated": "truncated",
        "non-build": "not a DuckDB database file",
        "../x": "not a build file",
        "/etc/passwd": "not a build file",
    }[kind]
    assert expected in details, details


def test_broken_build_without_an_intact_one_says_so(tmp_path: Path, processed: Path) -> None:
    only = tmp_path / "only"
    only.mkdir()
    broken = _broken_build(processed, "empty")
    shutil.move(processed / broken, only / broken)
    (only / publish.POINTER_NAME).write_text(broken + "\n")
    os.environ["EZ_PROCESSED_DIR"] = str(only)
    at = _run()
    errors = " ".join(e.value for e in at.error)
    assert "keinen intakten älteren Stand" in errors
    assert "the file is empty" in " ".join(c.value for c in at.code)
