"""AppTest: a build that holds only some carriers or lists says so on every page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.config import Settings
from etl.publish import served_database

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"
PAGES = ("overview", "growth", "map", "mix", "hydrogen", "data_quality")


@contextmanager
def serving(processed_dir: Path) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in ("EZ_PROCESSED_DIR", "EZ_MAP_TILES")}
    os.environ["EZ_PROCESSED_DIR"] = str(processed_dir)
    os.environ["EZ_MAP_TILES"] = "offline"
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def infos(page: str) -> list[str]:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    if page != "overview":
        at.switch_page(f"dashboard/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return [i.value for i in at.info]


@pytest.fixture(scope="module")
def storage_only(demo_copy: Settings) -> Path:
    """A real build reduced to its storage units and without the hydrogen list's load."""
    db = served_database(demo_copy.processed_dir)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM core_mastr__units WHERE carrier <> 'storage'")
        con.execute("DELETE FROM meta_load_runs WHERE source = 'office_hydrogen_projects'")
    return demo_copy.processed_dir


@pytest.mark.parametrize("page", PAGES)
def test_only_storage_is_named_on_every_page(storage_only: Path, page: str) -> None:
    with serving(storage_only):
        texts = [t for t in infos(page) if t.startswith("Nur ")]
    assert len(texts) == 1, infos
    text = texts[0]
    assert text.startswith("Nur Stromspeicher geladen: Windenergie, Photovoltaik, Biomasse fehlen")
    assert "Listen der Koordinierungsstelle nicht geladen: Wasserstoffprojekte." in text


def test_a_complete_build_has_no_coverage_banner(demo_db: Path) -> None:
    with serving(demo_db.parent):
        texts = infos("overview")
    assert not [t for t in texts if t.startswith("Nur ") or "nicht geladen" in t]
