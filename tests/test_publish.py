"""Atomic publishing: a build only becomes visible when complete; old builds are kept."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl import publish
from etl.config import Settings


def _make_build(processed: Path, value: int) -> Path:
    path = publish.new_build_path(processed)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t AS SELECT ? AS v", [value])
    con.close()
    return path


def test_nothing_served_before_first_publish(tmp_path: Path) -> None:
    assert publish.served_database(tmp_path) is None
    _make_build(tmp_path, 1)
    assert publish.served_database(tmp_path) is None, "an unpublished build must not be served"


def test_publish_switches_pointer_and_old_readers_keep_working(tmp_path: Path) -> None:
    first = _make_build(tmp_path, 1)
    publish.publish(tmp_path, first)
    reader = duckdb.connect(str(publish.served_database(tmp_path)), read_only=True)
    second = _make_build(tmp_path, 2)
    publish.publish(tmp_path, second)
    # The open reader still sees its consistent snapshot …
    assert reader.execute("SELECT v FROM t").fetchone()[0] == 1
    reader.close()
    # … and a new lookup sees the new build.
    served = publish.served_database(tmp_path)
    assert served == second
    con = duckdb.connect(str(served), read_only=True)
    assert con.execute("SELECT v FROM t").fetchone()[0] == 2
    con.close()


def test_prune_keeps_the_newest_builds(tmp_path: Path) -> None:
    paths = [_make_build(tmp_path, i) for i in range(7)]
    publish.publish(tmp_path, paths[-1], keep=3)
    assert publish.list_builds(tmp_path) == paths[-3:]


def test_failed_build_leaves_served_database_and_no_partial_file(
    demo_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etl import build, marts

    served_before = publish.served_database(demo_copy.processed_dir)
    builds_before = publish.list_builds(demo_copy.processed_dir)

    def broken(con: duckdb.DuckDBPyConnection) -> None:
        raise RuntimeError("simulated failure while building marts")

    monkeypatch.setattr(marts, "build_marts", broken)
    with pytest.raises(RuntimeError, match="simulated failure"):
        build.build_database(demo_copy, force_demo=True)
    assert publish.served_database(demo_copy.processed_dir) == served_before
    assert publish.list_builds(demo_copy.processed_dir) == builds_before
    leftovers = [p for p in demo_copy.processed_dir.iterdir() if p.suffix == ".wal"]
    assert leftovers == []
