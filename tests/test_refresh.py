"""``energiezukunft refresh`` end to end: a local HTTP server offers the export, the
command downloads, builds, gates, publishes and cleans up; every outcome has its exit code.

The server (``tests/http_server.py``) serves small exports in the real format
and a VG250 zip holding a real GeoPackage (``tests/served_exports.py``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl import cli, publish
from etl.files import sha256_file
from tests.http_server import LocalServer
from tests.served_exports import (
    TODAY,
    YESTERDAY,
    export_bytes,
    export_name,
    offering,
    vg250_zip_bytes,
)

runner = CliRunner()


@pytest.fixture(scope="module")
def vg250_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return vg250_zip_bytes(tmp_path_factory.mktemp("vg250"))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, vg250_zip: bytes) -> Iterator[LocalServer]:
    with offering(monkeypatch, vg250_zip) as srv:
        yield srv


def refresh(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        cli.app,
        ["refresh", "--raw-dir", str(root / "raw"), "--processed-dir", str(root / "processed"),
         "--days-back", "1", *args],
    )  # fmt: skip
    return result.exit_code, result.output


def log_lines(root: Path) -> list[dict]:
    lines = []
    for path in sorted((root / "processed" / "logs").glob("refresh-*.jsonl")):
        lines += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return lines


def served(root: Path) -> Path | None:
    return publish.served_database(root / "processed")


def test_refresh_end_to_end_then_nothing_new_then_next_day(
    server: LocalServer, tmp_path: Path
) -> None:
    # Today's export is not there yet: yesterday's is used.
    server.add("/" + export_name(YESTERDAY), export_bytes(tmp_path / "src", 10))
    code, out = refresh(tmp_path)
    assert code == 0, out
    assert "published" in out
    first = served(tmp_path)
    assert first is not None
    raw = sorted(p.name for p in (tmp_path / "raw").iterdir())
    assert raw == ["DE_VG250.gpkg", export_name(YESTERDAY)]
    lines = log_lines(tmp_path)
    steps = [x["step"] for x in lines]
    assert steps == [
        "discover", "download_mastr", "download_vg250", "build", "gate", "publish", "prune",
        "result",
    ]  # fmt: skip
    assert all("duration_s" in x and x["run"] == lines[0]["run"] for x in lines)
    publish_line = lines[steps.index("publish")]
    assert publish_line["units"] == 30 and publish_line["gross_mw"] == 30.2
    assert lines[-1]["outcome"] == "published" and lines[-1]["exit_code"] == 0
    assert lines[-1]["peak_rss_mb"] > 0

    # Nothing new: the second run says so, with its own exit code, and changes nothing.
    code, out = refresh(tmp_path)
    assert code == 10, out
    assert "nothing new" in out
    assert served(tmp_path) == first
    assert log_lines(tmp_path)[-1]["outcome"] == "nothing_new"

    # The next export appears: it is published, the older export deleted only afterwards.
    server.add("/" + export_name(TODAY), export_bytes(tmp_path / "src", 11))
    code, out = refresh(tmp_path, "--keep-exports", "1")
    assert code == 0, out
    second = served(tmp_path)
    assert second is not None and second != first
    assert export_name(YESTERDAY) not in {p.name for p in (tmp_path / "raw").iterdir()}

    # builds lists both; rollback points the dashboard back; refresh then keeps it.
    result = runner.invoke(cli.app, ["builds", "--processed-dir", str(tmp_path / "processed")])
    assert result.exit_code == 0, result.output
    assert first.stem in result.output and second.stem in result.output
    assert "30.2" in result.output and "33.2" in result.output
    result = runner.invoke(
        cli.app, ["rollback", first.stem, "--processed-dir", str(tmp_path / "processed")]
    )
    assert result.exit_code == 0, result.output
    assert served(tmp_path) == first
    code, out = refresh(tmp_path)
    assert code == 10 and served(tmp_path) == first


def test_corrupt_export_is_refused_and_the_served_build_is_unchanged(
    server: LocalServer, tmp_path: Path
) -> None:
    server.add("/" + export_name(YESTERDAY), export_bytes(tmp_path / "src", 10))
    assert refresh(tmp_path)[0] == 0
    before = served(tmp_path)
    assert before is not None
    digest = sha256_file(before)
    corrupt = bytearray(export_bytes(tmp_path / "src", 12))
    corrupt[len(corrupt) // 3] ^= 0xFF
    server.add("/" + export_name(TODAY), bytes(corrupt))
    code, out = refresh(tmp_path)
    assert code == 6, out
    assert "download_failed" in out and "refused" in out
    assert served(tmp_path) == before and sha256_file(before) == digest
    assert export_name(TODAY) not in {p.name for p in (tmp_path / "raw").iterdir()}
    assert not list((tmp_path / "raw").glob(".*.part"))
    assert log_lines(tmp_path)[-1]["exit_code"] == 6


def test_gate_refusal_and_build_failure_have_their_exit_codes(
    server: LocalServer, tmp_path: Path
) -> None:
    server.add("/" + export_name(YESTERDAY), export_bytes(tmp_path / "src", 20))
    assert refresh(tmp_path)[0] == 0
    before = served(tmp_path)
    # Half the wind units vanish: the publish gate refuses.
    server.add("/" + export_name(TODAY), export_bytes(tmp_path / "src", 10))
    code, out = refresh(tmp_path)
    assert code == 4, out
    assert served(tmp_path) == before
    gate_line = [x for x in log_lines(tmp_path) if x["step"] == "gate"][-1]
    assert gate_line["decision"] == "refused" and gate_line["reasons"]
    # The refused export is not rebuilt on every timer run …
    assert refresh(tmp_path)[0] == 10
    # … unless forced with a reason.
    code, out = refresh(tmp_path, "--force", "--accept-changes", "register cleaned up")
    assert code == 0, out
    assert served(tmp_path) != before


def test_build_failure_exit_code(server: LocalServer, tmp_path: Path) -> None:
    # Every unit lies in another district: 0 units in the region fails the build.
    server.add("/" + export_name(TODAY), export_bytes(tmp_path / "src", 5, key="13074001"))
    code, out = refresh(tmp_path)
    assert code == 3, out
    assert served(tmp_path) is None
    assert log_lines(tmp_path)[-1]["outcome"] == "build_failed"


def test_nothing_offered_is_a_download_failure(server: LocalServer, tmp_path: Path) -> None:
    code, out = refresh(tmp_path)
    assert code == 6, out
    assert "no MaStR export offered" in out
    assert served(tmp_path) is None


def test_dry_run_says_what_it_would_do_and_changes_nothing(
    server: LocalServer, tmp_path: Path
) -> None:
    server.add("/" + export_name(TODAY), export_bytes(tmp_path / "src", 10))
    code, out = refresh(tmp_path, "--dry-run")
    assert code == 0, out
    assert "would download" in out and export_name(TODAY) in out
    assert "would download VG250" in out and "would build region 13076" in out
    assert "dry run, would end as published (exit 0)" in out
    assert not (tmp_path / "processed").exists() or not any((tmp_path / "processed").iterdir())
    assert server.gets("/" + export_name(TODAY)) == []  # HEAD only


def test_busy_writer_lock_exit_code(
    server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etl.lock import writer_lock

    monkeypatch.setenv("EZ_WRITER_WAIT", "0.2")
    server.add("/" + export_name(TODAY), export_bytes(tmp_path / "src", 10))
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writer_lock(tmp_path / "processed", purpose="upload"):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        held.wait(10)
        code, out = refresh(tmp_path)
    finally:
        release.set()
        holder.join()
    assert code == 5, out
    assert "upload" in out  # who holds the lock
    assert not (tmp_path / "raw").exists()  # nothing was downloaded
    assert log_lines(tmp_path)[-1]["outcome"] == "busy"
