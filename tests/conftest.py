"""Shared fixtures: paths, the real-data folder, and one demo database per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.config import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
#: Real public extracts, beside the checkout (never copied into the repo).
REALDATA = REPO_ROOT.parent / "shared" / "realdata"
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"


def realdata_path(*parts: str) -> Path:
    """Path below ../shared/realdata; skips the test when that folder is absent."""
    path = REALDATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available here: {path} (CI has ../shared/realdata)")
    return path


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a demo build in a temporary folder (built once per session)."""
    from etl.build import build_database

    root = tmp_path_factory.mktemp("demo")
    settings = Settings(raw_dir=root / "raw", processed_dir=root / "processed")
    build_database(settings, force_demo=True)
    return settings


@pytest.fixture(scope="session")
def demo_db(demo_settings: Settings) -> Path:
    """Path of the published demo database (open it read-only)."""
    from etl.publish import served_database

    path = served_database(demo_settings.processed_dir)
    assert path is not None, "demo build was not published"
    return path


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Folder for screenshots and generated documents (kept by CI as artefacts)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
