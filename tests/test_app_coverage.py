"""AppTest: a build that holds only some carriers or lists says so on every page."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.config import Settings
from etl.publish import served_database
from tests.apptest import app_environment, run_page

PAGES = ("overview", "growth", "map", "mix", "hydrogen", "data_quality")


def infos(page: str) -> list[str]:
    return [i.value for i in run_page(page).info]


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
    with app_environment(storage_only):
        texts = [t for t in infos(page) if t.startswith("Nur ")]
    assert len(texts) == 1, infos
    text = texts[0]
    assert text.startswith("Nur Stromspeicher geladen: Windenergie, Photovoltaik, Biomasse fehlen")
    assert "Listen der Koordinierungsstelle nicht geladen: Wasserstoffprojekte." in text


def test_a_complete_build_has_no_coverage_banner(demo_db: Path) -> None:
    with app_environment(demo_db.parent):
        texts = infos("overview")
    assert not [t for t in texts if t.startswith("Nur ") or "nicht geladen" in t]
