"""The bulk reader's worker processes hand each result over as soon as it is read."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from etl.readers.mastr_bulk.outcome import MemberResult, MemberTask
from etl.readers.mastr_bulk.pool import WorkerPool
from tests.bulk_fixtures import unit, write_zip


def test_a_result_arrives_while_its_worker_reads_the_next_member(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main process types a member while the worker reads the next one: the
    result must not wait in the worker's output buffer for the next result (the
    worker flushes each result; without it this test hangs, then fails)."""
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)  # buffered, as on most machines
    path = write_zip(tmp_path, {"wind": [unit("wind", 1), unit("wind", 2)]})
    stuck = tmp_path / "stuck.zip"
    os.mkfifo(stuck)  # opening it blocks the worker until the test opens the other end
    tasks = [
        MemberTask(str(path), "EinheitenWind.xml", "wind", "", {}),
        MemberTask(str(stuck), "EinheitenWind.xml", "wind", "", {}),
    ]
    got: list[MemberResult] = []
    with WorkerPool(1) as pool:
        results = pool.map_ordered(tasks)
        reader = threading.Thread(target=lambda: got.append(next(results)), daemon=True)
        reader.start()
        reader.join(timeout=60)  # a hang, not a speed limit: the result never comes without
        arrived = not reader.is_alive()
        os.close(os.open(stuck, os.O_WRONLY))  # let the worker go on (an empty "zip")
        if arrived:
            rest = list(results)
    assert arrived, "the first result waited for the worker's next member"
    assert got[0].rows == 2 and got[0].error is None
    assert rest[0].error is not None  # the second "zip" was empty
