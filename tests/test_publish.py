"""Atomic publishing: a build only becomes visible when complete; old builds are kept;
the pointer names only builds of its folder and never moves backwards; a broken served
build falls back to the newest intact one."""

from __future__ import annotations

import os
import shutil
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from etl import lock, publish
from etl.config import Settings


def _make_build(processed: Path, value: int) -> Path:
    """A complete build (``meta_build`` names it) the way the build writes one."""
    path = publish.new_build_path(processed)
    work = publish.partial_path(path)
    con = duckdb.connect(str(work))
    con.execute("CREATE TABLE t AS SELECT ? AS v", [value])
    con.execute("CREATE TABLE meta_build AS SELECT 'build_id' AS key, ? AS value", [path.stem])
    con.close()
    publish.complete_build(work, path)
    return path


def _value(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT v FROM t").fetchone()[0]
    finally:
        con.close()


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
    assert _value(served) == 2


def test_prune_keeps_the_newest_builds_and_those_served_within_the_grace(tmp_path: Path) -> None:
    paths = [_make_build(tmp_path, i) for i in range(7)]
    publish.publish(tmp_path, paths[1], keep=3, grace_s=0)
    publish.publish(tmp_path, paths[-1], keep=3, grace_s=600)
    # paths[1] stopped being served just now: kept beside the newest 3.
    assert publish.list_builds(tmp_path) == [paths[1], *paths[-3:]]
    later = datetime.now(UTC) + timedelta(seconds=601)
    assert publish.recently_served(tmp_path, 600, now=later) == set()
    publish.prune(tmp_path, keep=3, grace_s=0)
    assert publish.list_builds(tmp_path) == paths[-3:]


def test_partial_files_are_not_builds_and_are_removed_under_the_lock(tmp_path: Path) -> None:
    served = _make_build(tmp_path, 1)
    publish.publish(tmp_path, served)
    killed = publish.partial_path(publish.new_build_path(tmp_path))
    killed.write_bytes(b"\0" * 4096)
    killed.with_name(killed.name + ".wal").write_bytes(b"x")
    stage = killed.with_name(killed.name + ".stage-k1ll3d")  # its staged units (etl.staging)
    stage.mkdir()
    (stage / "_stage_units-000000.parquet").write_bytes(b"PAR1")
    (tmp_path / ".current.txt.4242.tmp").write_text("energy-x\n")
    # A build killed before partial names existed: a build name with a WAL beside it.
    legacy = tmp_path / "energy-20200101T000000000000Z.duckdb"
    legacy.write_bytes(b"\0" * 4096)
    legacy.with_name(legacy.name + ".wal").write_bytes(b"x")
    assert publish.list_builds(tmp_path) == [served]
    assert publish.prune(tmp_path, keep=0, grace_s=0) == []  # only complete builds are pruned
    removed = publish.remove_stale(tmp_path)
    assert sorted(p.name for p in removed) == sorted(
        [killed.name, killed.name + ".wal", stage.name, ".current.txt.4242.tmp", legacy.name]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [served.name, publish.POINTER_NAME, publish.HISTORY_NAME]
    )


def test_pointer_never_moves_backwards_or_over_a_moved_pointer(tmp_path: Path) -> None:
    older, newer = _make_build(tmp_path, 1), _make_build(tmp_path, 2)
    publish.publish(tmp_path, newer)
    with pytest.raises(publish.PointerMovedError, match="newer"):
        publish.publish(tmp_path, older)
    third = _make_build(tmp_path, 3)
    with pytest.raises(publish.PointerMovedError, match="moved"):
        publish.publish(tmp_path, third, expected_pointer=None)  # started before the 1st publish
    assert publish.read_pointer(tmp_path) == newer.name
    publish.publish(tmp_path, third, expected_pointer=newer.name)
    assert publish.read_pointer(tmp_path) == third.name


@pytest.mark.parametrize(
    "pointer", ["../x", "/etc/passwd", "sub/energy-20260101T000000000000Z.duckdb", "gate-last.json"]
)
def test_pointer_outside_the_build_pattern_is_not_followed(tmp_path: Path, pointer: str) -> None:
    processed = tmp_path / "processed"
    good = _make_build(processed, 7)
    publish.publish(processed, good)
    (processed / "sub").mkdir()
    shutil.copy(good, processed / "sub" / "energy-20260101T000000000000Z.duckdb")
    (tmp_path / "x").write_text("secret")
    (processed / publish.POINTER_NAME).write_text(pointer + "\n")
    served = publish.resolve_served(processed)
    assert served.path == good and served.fallback
    assert "not a build file" in served.problem and repr(pointer) in served.problem


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _corrupt(path: Path) -> None:
    with open(path, "r+b") as fh:  # overwrite blocks in the middle; the header stays valid
        fh.seek(path.stat().st_size // 2)
        fh.write(b"\xa5" * 200_000)


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(b"hello, not a database" * 100), "not a DuckDB"),
        (_truncate, "truncated"),
        (_corrupt, "checksum"),
        (lambda p: p.unlink(), "missing"),
    ],
    ids=["empty", "non-build", "truncated", "corrupt", "missing"],
)
def test_broken_served_build_falls_back_to_the_newest_intact_one(
    demo_copy: Settings, damage, words: str
) -> None:
    processed = demo_copy.processed_dir
    intact = publish.served_database(processed)
    broken = processed / publish.new_build_path(processed).name
    shutil.copy(intact, broken)
    (processed / publish.POINTER_NAME).write_text(broken.name + "\n")
    assert publish.resolve_served(processed).path == broken
    damage(broken)
    served = publish.resolve_served(processed)
    assert served.path == intact, served
    assert served.fallback and served.pointer_name == broken.name
    assert broken.name in served.problem and words in served.problem, served.problem


def test_failed_build_leaves_served_database_and_no_partial_file(
    demo_copy: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etl import build, marts

    served_before = publish.served_database(demo_copy.processed_dir)
    files_before = sorted(p.name for p in demo_copy.processed_dir.iterdir())
    builds_before = publish.list_builds(demo_copy.processed_dir)

    def broken(con: duckdb.DuckDBPyConnection) -> None:
        assert any(p.name.endswith(".partial") for p in demo_copy.processed_dir.iterdir())
        assert publish.list_builds(demo_copy.processed_dir) == builds_before
        raise RuntimeError("simulated failure while building marts")

    monkeypatch.setattr(marts, "build_marts", broken)
    with pytest.raises(RuntimeError, match="simulated failure"):
        build.build_database(demo_copy, force_demo=True)
    assert publish.served_database(demo_copy.processed_dir) == served_before
    assert sorted(p.name for p in demo_copy.processed_dir.iterdir()) == files_before


def test_writer_lock_excludes_other_threads_and_is_reentrant(tmp_path: Path) -> None:
    events: list[str] = []
    with lock.writer_lock(tmp_path, purpose="upload"):
        with lock.writer_lock(tmp_path):  # the same thread: no deadlock
            assert lock.is_held_here(tmp_path)
        assert "upload, pid" in lock.holder(tmp_path)

        def second() -> None:
            try:
                with lock.writer_lock(tmp_path, wait_s=0.3, on_wait=events.append):
                    events.append("got it")
            except lock.WriterBusyError as exc:
                events.append(f"busy: {exc}")

        t = threading.Thread(target=second)
        t.start()
        t.join()
        assert events[0].startswith("another build is writing") and "upload, pid" in events[0]
        assert events[1].startswith("busy: another build is writing")
        waiter = threading.Thread(target=second)
        waiter.start()
        time.sleep(0.1)
    waiter.join()
    assert events[-1] == "got it"  # waited, then got the lock once it was released
    assert not lock.is_held_here(tmp_path)


@pytest.mark.parametrize("pointer", ["corrupt", "/etc/passwd"])
def test_cli_info_on_a_broken_served_build_prints_one_line(
    demo_copy: Settings, pointer: str
) -> None:
    from typer.testing import CliRunner

    from etl import cli

    processed = demo_copy.processed_dir
    intact = publish.served_database(processed)
    if pointer == "corrupt":
        broken = publish.new_build_path(processed)
        shutil.copy(intact, broken)
        _corrupt(broken)
        pointer = broken.name
    (processed / publish.POINTER_NAME).write_text(pointer + "\n")
    try:
        for args in (["info"], ["briefing", "district"]):
            result = CliRunner().invoke(cli.app, [*args, "--processed-dir", str(processed)])
            lines = result.output.strip().splitlines()
            flat = " ".join(result.output.split())
            assert result.exit_code == 1 and "Traceback" not in result.output, result.output
            assert flat.startswith("error: the served build cannot be used"), flat
            assert f"the dashboard shows {intact.name} instead" in flat
            assert len(lines) == 1, lines
    finally:
        (processed / publish.POINTER_NAME).write_text(intact.name + "\n")
