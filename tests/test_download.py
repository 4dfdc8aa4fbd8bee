"""Downloads against a real local HTTP server (``tests/http_server.py``).

The server serves a small MaStR export written in the real format
(``tests/bulk_fixtures.py``) and misbehaves on purpose: today's file missing,
a release that changes a day late, a dropped connection, a corrupt zip, a slow
or stalling server, a proxy in between.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from etl.download import DownloadError, download_sources
from etl.download.discovery import candidates, mastr_release, neighbour_releases
from etl.download.sources import fetch_vg250, prune_exports
from etl.download.transfer import TransferPolicy, new_session
from tests import bulk_fixtures as bf
from tests.http_server import LocalServer, serve

#: Short timeouts and waits so that the failure cases take a moment, not minutes.
POLICY = TransferPolicy(
    connect_timeout_s=5, read_timeout_s=1.0, retries=3, backoff_s=0.05, chunk_bytes=4096
)
TODAY = date(2026, 12, 3)


def export_bytes(tmp: Path, n_units: int = 300) -> bytes:
    """A small export in the real format (UTF-16 members, Katalogwerte.xml)."""
    records = {
        "wind": [bf.unit("wind", i, gross_kw=3000.0 + i) for i in range(n_units)],
        "solar": [bf.unit("solar", i, gross_kw=9.5) for i in range(n_units)],
    }
    path = bf.write_zip(tmp, records, name="export.zip", compresslevel=1)
    data = path.read_bytes()
    path.unlink()
    return data


def without_catalog(export: bytes, tmp: Path) -> bytes:
    """The same export without its ``Katalogwerte.xml`` member."""
    src, dst = tmp / "with.zip", tmp / "without.zip"
    tmp.mkdir(parents=True, exist_ok=True)
    src.write_bytes(export)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "Katalogwerte.xml":
                zout.writestr(info, zin.read(info))
    return dst.read_bytes()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """The local server; exports are looked up there (``EZ_MASTR_URL``)."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with serve() as srv:
        monkeypatch.setenv("EZ_MASTR_URL", srv.base_url + "/Gesamtdatenexport_{date}_{release}.zip")
        monkeypatch.setenv("EZ_VG250_URL", srv.base_url + "/vg250.zip")
        yield srv


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return export_bytes(tmp_path_factory.mktemp("export"))


def _download(raw: Path, policy: TransferPolicy = POLICY, **kw: object) -> list:
    (raw / "DE_VG250.gpkg").parent.mkdir(parents=True, exist_ok=True)
    (raw / "DE_VG250.gpkg").touch()  # VG250 present: these tests are about the export
    return download_sources(raw, today=TODAY, policy=policy, **kw)  # type: ignore[arg-type]


def test_release_rule_changes_the_day_after_1_april_and_1_october() -> None:
    assert mastr_release(date(2026, 4, 1)) == "25.2"
    assert mastr_release(date(2026, 4, 2)) == "26.1"
    assert mastr_release(date(2026, 10, 1)) == "26.1"
    assert mastr_release(date(2026, 10, 2)) == "26.2"
    assert mastr_release(date(2026, 1, 15)) == "25.2"
    assert mastr_release(date(2026, 12, 31)) == "26.2"
    assert neighbour_releases(date(2026, 10, 2)) == ("26.1", "27.1")
    assert neighbour_releases(date(2026, 4, 1)) == ("25.1", "26.1")
    names = [c.file_name for c in candidates(date(2026, 10, 2), days_back=1)]
    assert names == [
        "Gesamtdatenexport_20261002_26.2.zip",
        "Gesamtdatenexport_20261002_26.1.zip",
        "Gesamtdatenexport_20261002_27.1.zip",
        "Gesamtdatenexport_20261001_26.1.zip",
        "Gesamtdatenexport_20261001_25.2.zip",
        "Gesamtdatenexport_20261001_26.2.zip",
    ]


def test_today_not_published_yet_uses_previous_day(
    server: LocalServer, export: bytes, tmp_path: Path
) -> None:
    server.add("/Gesamtdatenexport_20261202_26.2.zip", export)
    mastr, _ = _download(tmp_path)
    assert mastr.new and mastr.path.name == "Gesamtdatenexport_20261202_26.2.zip"
    assert mastr.path.read_bytes() == export
    heads = [p for m, p, _ in server.requests if m == "HEAD"]
    assert heads[:3] == [
        "/Gesamtdatenexport_20261203_26.2.zip",
        "/Gesamtdatenexport_20261203_26.1.zip",
        "/Gesamtdatenexport_20261203_27.1.zip",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "DE_VG250.gpkg",
        "Gesamtdatenexport_20261202_26.2.zip",
    ]


@pytest.mark.parametrize(
    ("today", "served"),
    [
        (date(2026, 10, 1), "Gesamtdatenexport_20261001_26.1.zip"),  # still the old release
        (date(2026, 10, 2), "Gesamtdatenexport_20261002_26.2.zip"),  # new release the day after
        (date(2026, 10, 2), "Gesamtdatenexport_20261002_26.1.zip"),  # server a day late
        (date(2026, 4, 2), "Gesamtdatenexport_20260402_26.1.zip"),
    ],
)
def test_release_changeover_day(
    server: LocalServer, export: bytes, tmp_path: Path, today: date, served: str
) -> None:
    server.add("/" + served, export)
    (tmp_path / "DE_VG250.gpkg").touch()
    mastr, _ = download_sources(tmp_path, today=today, policy=POLICY)
    assert mastr.path.name == served
    assert mastr.path.read_bytes() == export


def test_dropped_connection_is_resumed_with_range_and_bytes_are_identical(
    server: LocalServer, export: bytes, tmp_path: Path
) -> None:
    half = len(export) // 2
    server.add("/Gesamtdatenexport_20261203_26.2.zip", export, drop_after=half, chunk=2048)
    mastr, _ = _download(tmp_path)
    assert mastr.path.read_bytes() == export
    ranges = server.gets("/Gesamtdatenexport_20261203_26.2.zip")
    assert ranges[0] is None
    # resumed where the client's file ended (the bytes in flight when the connection dropped
    # are requested again), not from the start
    resumed_at = int(ranges[1].removeprefix("bytes=").removesuffix("-"))
    assert 0 < resumed_at <= half and len(ranges) == 2
    assert not list(tmp_path.glob(".*.part"))


def test_corrupt_zip_is_refused_and_nothing_is_placed(
    server: LocalServer, export: bytes, tmp_path: Path
) -> None:
    corrupt = bytearray(export)
    corrupt[len(corrupt) // 3] ^= 0xFF  # inside a member's compressed data
    server.add("/Gesamtdatenexport_20261203_26.2.zip", bytes(corrupt))
    older = tmp_path / "Gesamtdatenexport_20261130_26.2.zip"
    older.parent.mkdir(parents=True, exist_ok=True)
    older.write_bytes(export)
    with pytest.raises(DownloadError, match=r"refused .*nothing was placed"):
        _download(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DE_VG250.gpkg", older.name]
    assert older.read_bytes() == export


@pytest.mark.parametrize("how", ["truncated", "no_catalog", "html"])
def test_incomplete_or_wrong_zip_is_refused(
    server: LocalServer, export: bytes, tmp_path: Path, how: str
) -> None:
    body = {
        "truncated": export[: len(export) - 200],  # server sends what it has, no directory
        "no_catalog": without_catalog(export, tmp_path / "src"),
        "html": b"<html>503 Service Unavailable</html>",
    }[how]
    server.add("/Gesamtdatenexport_20261203_26.2.zip", body)
    reason = {"truncated": "no readable zip directory", "no_catalog": "Katalogwerte.xml is missing"}
    with pytest.raises(DownloadError, match=reason.get(how, "no readable zip directory")):
        _download(tmp_path / "raw")
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == ["DE_VG250.gpkg"]


def test_slow_server_progress_advances_and_timeout_is_per_read(
    server: LocalServer, export: bytes, tmp_path: Path
) -> None:
    # 1 KiB every 0.1 s: the whole file takes more than twice the 1 s read timeout.
    server.add("/Gesamtdatenexport_20261203_26.2.zip", export, chunk=1024, delay_s=0.1)
    assert len(export) / 1024 * 0.1 > 2 * POLICY.read_timeout_s
    seen: list[tuple[int, int | None]] = []
    small_reads = dataclasses.replace(POLICY, chunk_bytes=1024)
    mastr, _ = _download(
        tmp_path, small_reads, progress={"mastr": lambda done, total: seen.append((done, total))}
    )
    assert mastr.path.read_bytes() == export
    assert server.gets("/Gesamtdatenexport_20261203_26.2.zip") == [None]  # one GET, no timeout
    done = [d for d, _ in seen]
    assert done == sorted(done) and len(set(done)) > 10
    assert seen[-1] == (len(export), len(export))


def test_stalled_read_times_out_and_resumes(
    server: LocalServer, export: bytes, tmp_path: Path
) -> None:
    server.add("/Gesamtdatenexport_20261203_26.2.zip", export, chunk=2048, stall_s=3.0)
    mastr, _ = _download(tmp_path)
    assert mastr.path.read_bytes() == export
    ranges = server.gets("/Gesamtdatenexport_20261203_26.2.zip")
    assert ranges[0] is None and ranges[1] is not None and ranges[1].startswith("bytes=")


def test_export_already_present_is_not_downloaded_again(
    server: LocalServer, export: bytes, tmp_path: Path
) -> None:
    server.add("/Gesamtdatenexport_20261203_26.2.zip", export)
    first, _ = _download(tmp_path)
    second, _ = _download(tmp_path)
    assert first.new and not second.new
    assert server.gets("/Gesamtdatenexport_20261203_26.2.zip") == [None]


def test_nothing_offered_fails_with_a_reason_and_changes_nothing(
    server: LocalServer, tmp_path: Path
) -> None:
    with pytest.raises(DownloadError, match="no MaStR export offered for 2026-12-03 or the 3 days"):
        _download(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["DE_VG250.gpkg"]


def test_proxy_from_the_environment_is_used(
    server: LocalServer, export: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test server acts as the proxy: it sees absolute URLs for an unreachable host.
    monkeypatch.setenv(
        "EZ_MASTR_URL", "http://mastr.invalid/Gesamtdatenexport_{date}_{release}.zip"
    )
    monkeypatch.setenv("HTTP_PROXY", server.base_url)
    monkeypatch.delenv("NO_PROXY")
    server.add("http://mastr.invalid/Gesamtdatenexport_20261203_26.2.zip", export)
    mastr, _ = _download(tmp_path)
    assert mastr.path.read_bytes() == export


def test_vg250_zip_is_verified_and_its_geopackage_placed(
    server: LocalServer, tmp_path: Path
) -> None:
    payload = b"SQLite format 3\x00" + bytes(range(256)) * 64
    src = tmp_path / "vg250.zip"
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("vg250_01-01.utm32s.gpkg.ebenen/vg250_ebenen_0101/DE_VG250.gpkg", payload)
        zf.writestr("vg250_01-01.utm32s.gpkg.ebenen/dokumentation/README.txt", "BKG")
    server.add("/vg250.zip", src.read_bytes())
    raw = tmp_path / "raw"
    with new_session() as session:
        got = fetch_vg250(raw, session, POLICY)
    assert got.new and got.path.name == "DE_VG250.gpkg" and got.path.read_bytes() == payload
    assert sorted(p.name for p in raw.iterdir()) == ["DE_VG250.gpkg"]

    server.add("/vg250.zip", b"PK\x03\x04 not really a zip")
    with new_session() as session, pytest.raises(DownloadError, match="refused"):
        fetch_vg250(raw, session, POLICY, force=True)
    assert got.path.read_bytes() == payload


def test_prune_exports_keeps_the_newest(tmp_path: Path) -> None:
    for day in ("20261130", "20261201", "20261202"):
        (tmp_path / f"Gesamtdatenexport_{day}_26.2.zip").write_bytes(b"x")
    # an abandoned transfer of an older export, and one of a newer export still to resume
    (tmp_path / ".Gesamtdatenexport_20261129_26.2.zip.part").write_bytes(b"x")
    (tmp_path / ".Gesamtdatenexport_20261203_26.2.zip.part").write_bytes(b"x")
    removed = prune_exports(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == [
        ".Gesamtdatenexport_20261129_26.2.zip.part",
        "Gesamtdatenexport_20261130_26.2.zip",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".Gesamtdatenexport_20261203_26.2.zip.part",
        "Gesamtdatenexport_20261201_26.2.zip",
        "Gesamtdatenexport_20261202_26.2.zip",
    ]
