"""The one way app tests run the dashboard in Streamlit's AppTest: the environment that
points it at a build, and one page run from the start page (as a user arrives)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"


@contextmanager
def app_environment(
    processed_dir: Path, raw_dir: Path | None = None, unset: tuple[str, ...] = ()
) -> Iterator[None]:
    """The app serves ``processed_dir`` (and reads ``raw_dir``) with offline map tiles;
    ``unset`` names variables removed meanwhile. The environment is restored on exit."""
    values = {"EZ_PROCESSED_DIR": str(processed_dir), "EZ_MAP_TILES": "offline"}
    if raw_dir is not None:
        values["EZ_RAW_DIR"] = str(raw_dir)
    old = {k: os.environ.get(k) for k in (*values, *unset)}
    os.environ.update(values)
    for key in unset:
        os.environ.pop(key, None)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_page(page: str, timeout: float = 90, **params: str) -> AppTest:
    """Run the app with the URL parameters ``params`` and switch to ``dashboard/pages/<page>``
    (the start page is ``overview``); the run must not raise."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        at.switch_page(f"dashboard/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at
