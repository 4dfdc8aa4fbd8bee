"""Local server processes for the benchmarks and the browser tests: a free port, the
dashboard itself (``streamlit run``) and stopping a process.

The browser tests (``tests/browser.py``) and the browser benchmark both start the app
through :func:`app_server`, so they measure and test the same server.
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

REPO = Path(__file__).resolve().parents[1]
#: Seconds the app server may take to answer its health check (the machine may be busy).
START_TIMEOUT_S = 90


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate ``proc``, and kill it if it has not ended after ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class AppDidNotStart(RuntimeError):
    """The app server ended or did not answer its health check in time."""


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
            text = log.read_text(errors="replace") if log.exists() else ""
            raise AppDidNotStart(f"app server did not start; see {log}:\n{text}")
        time.sleep(0.3)


@contextmanager
def app_server(processed_dir: Path, log: Path, raw_dir: Path | None = None) -> Iterator[str]:
    """Run the dashboard on ``processed_dir`` (and ``raw_dir``) and yield its base URL.

    Offline map tiles, no upload secret (a demo build allows uploads without one), no file
    watcher. The server's output goes to ``log``; the server is stopped on exit.
    Raises :class:`AppDidNotStart` when it does not come up.
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
            stop(proc)
