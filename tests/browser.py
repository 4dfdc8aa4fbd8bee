"""The one way browser tests run the real app: ``streamlit run`` on a free port, and Chromium.

Used through the fixtures ``start_app`` and ``chromium`` in ``tests/conftest.py``; the three
browser test modules only say which database the app serves and what they click.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Seconds the app server may take to answer its health check (the machine may be busy).
START_TIMEOUT_S = 90


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_chromium() -> None:
    """Fail (never skip) when Chromium is missing: the browser tier must run in CI."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)")


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"app server did not start; see {log}:\n{log.read_text(errors='replace')}")
        time.sleep(0.3)


@contextmanager
def app_server(processed_dir: Path, log: Path, raw_dir: Path | None = None) -> Iterator[str]:
    """Run the dashboard on ``processed_dir`` (and ``raw_dir``) and yield its base URL.

    Offline map tiles, no upload secret (a demo build allows uploads without one), no file
    watcher. The server's output goes to ``log``; the server is stopped on exit.
    """
    env = {k: v for k, v in os.environ.items() if k != "EZ_UPLOAD_SECRET"}
    env.update(EZ_PROCESSED_DIR=str(processed_dir), EZ_MAP_TILES="offline")
    if raw_dir is not None:
        env["EZ_RAW_DIR"] = str(raw_dir)
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(REPO / "streamlit_app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(url, proc, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def chromium_browser() -> Iterator[object]:
    """A headless Chromium (playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()
