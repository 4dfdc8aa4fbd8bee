"""Shared fixtures: paths, the real-data folder, one demo build per test run, the app server.

Test tiers: unit and integration tests (inline data, tiny real-format fixtures, the demo
build) and app tests (``AppTest``) carry no marker; ``browser`` tests run the real app in
Chromium. ``make test-fast`` runs all but ``browser`` on two pytest-xdist workers; ``make
test`` runs everything.

The demo build is expensive, so it is made ONCE per run and shared by every test and every
xdist worker: tests only read it. A test that changes a build or its raw files works on
``demo_copy``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from etl.config import Settings
from tests.browser import app_server, chromium_browser

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


def _run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temp folder shared by all xdist workers of this run (the session's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock`` (one xdist worker at a time)."""
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of the run's demo build (built once, shared read-only across workers)."""
    root = _run_dir(tmp_path_factory) / "demo"
    settings = Settings(raw_dir=root / "raw", processed_dir=root / "processed")
    done = root / "build.done"
    with _exclusive(root.parent / "demo.lock"):
        if not done.exists():
            from etl.build import build_database

            shutil.rmtree(root, ignore_errors=True)  # what a failed attempt left
            build_database(settings, force_demo=True)
            done.touch()
    return settings


@pytest.fixture(scope="session")
def demo_db(demo_settings: Settings) -> Path:
    """Path of the published demo database (open it read-only)."""
    from etl.publish import served_database

    path = served_database(demo_settings.processed_dir)
    assert path is not None, "demo build was not published"
    return path


@pytest.fixture(scope="module")
def demo_copy(demo_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A private copy of the demo build (raw files and processed folder) for one test module."""
    root = tmp_path_factory.mktemp("demo_copy")
    shutil.copytree(demo_settings.raw_dir, root / "raw")
    shutil.copytree(demo_settings.processed_dir, root / "processed")
    return Settings(raw_dir=root / "raw", processed_dir=root / "processed")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Folder for screenshots and generated documents (kept by CI as artefacts)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def start_app(artifacts_dir: Path) -> Iterator[Callable[..., str]]:
    """Start the real app (``streamlit run``): ``start_app(processed_dir, raw_dir=None)`` → URL.

    Servers started by a module are stopped when the module is done; each server's log is
    ``tests/artifacts/app_server_<module>_<n>.log``.
    """
    with ExitStack() as stack:
        started: list[str] = []

        def start(processed_dir: Path, raw_dir: Path | None = None, *, name: str = "app") -> str:
            log = artifacts_dir / f"app_server_{name}_{len(started)}.log"
            url = stack.enter_context(app_server(processed_dir, log, raw_dir))
            started.append(url)
            return url

        yield start


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One headless Chromium per browser test module (playwright ``Browser``)."""
    with chromium_browser() as browser:
        yield browser
