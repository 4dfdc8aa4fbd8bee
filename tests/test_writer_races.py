"""One writer at a time, in real processes: simultaneous builds, a waiting or refusing second
writer, and builds killed with SIGKILL at several moments.

Every build here is the real ``energiezukunft etl`` in a subprocess on a small MaStR bulk
export in the real format (tests/bulk_fixtures.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import lock, publish
from etl.failures import EXIT_WRITER_BUSY
from tests.bulk_fixtures import unit, write_zip

REGION = "13076"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A raw folder with a small bulk export (300 units of the region) and an empty
    processed folder."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    write_zip(
        raw,
        {
            "wind": [unit("wind", n, gross_kw=4200.0) for n in range(1, 11)],
            "solar": [unit("solar", n, gross_kw=100.0) for n in range(1, 291)],
        },
        rows_per_file=50,
        compresslevel=1,
    )
    return raw, processed


def _start(raw: Path, processed: Path, *extra: str) -> subprocess.Popen:
    args = ["etl", "--region", REGION, "--raw-dir", str(raw), "--processed-dir", str(processed)]
    return subprocess.Popen(
        [sys.executable, "-m", "etl.cli", *args, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200", "EZ_PRUNE_GRACE": "0"},
    )


def _finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, " ".join((out + err).split())


def _stderr_until(proc: subprocess.Popen, text: str, timeout: float) -> str:
    """The child's stderr up to and including the first line containing ``text``."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:  # the child ended without saying it
            break
        seen.append(line)
        if text in line:
            break
    return " ".join("".join(seen).split())


def _history(processed: Path) -> list[str]:
    """Every build the pointer named, in order (from ``served-history.tsv``)."""
    lines = (processed / publish.HISTORY_NAME).read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1] for line in lines]


def _units(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM core_mastr__units").fetchone()[0]
    finally:
        con.close()


def test_simultaneous_builds_run_one_after_the_other(folders: tuple[Path, Path]) -> None:
    raw, processed = folders
    procs = [_start(raw, processed), _start(raw, processed)]
    results = [_finish(p) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    assert sum("waiting: another build is writing" in out for _, out in results) == 1, results
    history = _history(processed)
    assert len(history) == 2 and history == sorted(history), history  # never backwards
    assert publish.read_pointer(processed) == history[-1]
    assert [p.name for p in publish.list_builds(processed)] == history
    assert _units(publish.served_database(processed)) == 300


def test_second_writer_refuses_with_wait_0_and_waits_otherwise(
    folders: tuple[Path, Path],
) -> None:
    raw, processed = folders
    with lock.writer_lock(processed, purpose="upload"):
        code, out = _finish(_start(raw, processed, "--wait", "0"))
        assert code == EXIT_WRITER_BUSY, out
        assert "another build is writing" in out and "upload, pid" in out, out
        assert "served database is unchanged" in out
        assert publish.read_pointer(processed) is None
        waiting = _start(raw, processed, "--wait", "120")
        # Under load the child may need seconds to start: release the lock only once it says
        # it is waiting, so the test checks the wait rather than the start-up time.
        said = _stderr_until(waiting, "waiting:", timeout=120)
        assert "waiting: another build is writing" in said, said
        assert waiting.poll() is None, "the second writer must wait while the lock is held"
        assert publish.read_pointer(processed) is None
    code, out = _finish(waiting)
    assert code == 0, out
    assert "upload, pid" in f"{said} {out}"  # who holds the lock (the line may wrap)
    assert _units(publish.served_database(processed)) == 300


def _kill_when(proc: subprocess.Popen, moment, timeout: float = 60) -> bool:
    """SIGKILL ``proc`` as soon as ``moment()`` is true; False if it finished before."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if moment():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    proc.wait()
    return False


def test_builds_killed_at_several_moments_leave_nothing_that_counts(
    folders: tuple[Path, Path],
) -> None:
    raw, processed = folders
    code, out = _finish(_start(raw, processed))
    assert code == 0, out
    first = publish.read_pointer(processed)

    def partial() -> bool:
        return any(p.name.endswith(publish.PARTIAL_SUFFIX) for p in processed.iterdir())

    def after(seconds: float, moment):
        seen: list[float] = []

        def check() -> bool:
            if not seen and moment():
                seen.append(time.monotonic())
            return bool(seen) and time.monotonic() - seen[0] >= seconds

        return check

    def new_build() -> bool:
        return len(publish.list_builds(processed)) > len(before)

    started = time.monotonic
    killed = []
    for name, moment in [
        ("at start", after(0.3, lambda: True)),
        ("partial appears", partial),
        ("partial + 0.15 s", after(0.15, partial)),
        ("build renamed", new_build),
    ]:
        before = publish.list_builds(processed)
        t0 = started()
        if _kill_when(_start(raw, processed), moment):
            killed.append((name, round(started() - t0, 2)))
        builds = publish.list_builds(processed)
        assert all(publish.check_build(b) is None for b in builds), (name, builds)
        served = publish.resolve_served(processed)
        assert served.problem is None and _units(served.path) == 300, name
        from reports.changes import previous_build

        previous = previous_build(processed, served.path)
        assert previous is None or publish.check_build(previous) is None
    assert [k for k, _ in killed][1:3] == ["partial appears", "partial + 0.15 s"], killed
    code, out = _finish(_start(raw, processed))  # the next writer cleans up
    assert code == 0, out
    names = sorted(p.name for p in processed.iterdir())
    assert not [n for n in names if n.endswith((publish.PARTIAL_SUFFIX, ".wal", ".tmp"))], names
    assert publish.read_pointer(processed) > first
