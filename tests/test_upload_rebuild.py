"""The rebuild after an upload: the served build's region, the checked rows in the new build,
and an upload racing a CLI build (real subprocess) — neither is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl import lock, publish
from etl.config import Settings
from etl.office import region_context
from etl.office.rebuild import UploadRebuildError
from etl.office.spec import WIND_PERMITS
from etl.office.templates import write_list_csv
from etl.office.upload import SECRET_ENV, check_upload, load_upload, policy
from tests.bulk_fixtures import unit, write_zip

REGION = "13"  # a whole Land: not the app's default region 13076
ENV = {SECRET_ENV: "s3cret"}


def _counts(path: Path) -> tuple[int, int]:
    """(units, wind permits) of a build."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        units = con.execute("SELECT count(*) FROM core_mastr__units").fetchone()[0]
        permits = con.execute("SELECT count(*) FROM core_office__wind_permits").fetchone()[0]
    finally:
        con.close()
    return units, permits


def _etl(raw: Path, processed: Path) -> subprocess.Popen:
    args = ["etl", "--region", REGION, "--raw-dir", str(raw), "--processed-dir", str(processed)]
    return subprocess.Popen(
        [sys.executable, "-m", "etl.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )


@pytest.fixture
def served_land(tmp_path: Path) -> Settings:
    """A real build of region 13 (9 units in 13076, 6 in 13074) is served; the settings
    are the app's defaults (region 13076), as when the app runs without ``EZ_REGION``."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    write_zip(
        raw,
        {
            "wind": [unit("wind", n, gross_kw=4200.0) for n in range(1, 4)]
            + [unit("wind", n, key="13074001", gross_kw=4200.0) for n in range(4, 10)],
            "solar": [unit("solar", n, gross_kw=100.0) for n in range(1, 7)],
        },
        rows_per_file=50,
        compresslevel=1,
    )
    proc = _etl(raw, processed)
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out
    assert _counts(publish.served_database(processed)) == (15, 0)
    return Settings(raw_dir=raw, processed_dir=processed)


def _upload(settings: Settings, tmp_path: Path, ids: tuple[str, ...]):
    rows = [
        {
            "procedure_id": pid,
            "project_name": f"Windpark {pid}",
            "municipality_key": "13074001",
            "turbine_count": 2,
            "capacity_mw": 11.0,
            "status": "applied",
            "application_date": date(2025, 4, 1),
        }
        for pid in ids
    ]
    data = write_list_csv(tmp_path / f"{ids[0]}.csv", WIND_PERMITS, rows).read_bytes()
    con = duckdb.connect(str(publish.served_database(settings.processed_dir)), read_only=True)
    try:
        ctx = region_context(con, REGION)
    finally:
        con.close()
    check = check_upload(data, "pipeline.csv", ctx)
    assert check.loadable, check.issues
    return data, check, policy(settings, served_is_demo=False, environ=ENV)


def test_upload_rebuilds_the_served_region_not_the_default(
    served_land: Settings, tmp_path: Path
) -> None:
    data, check, pol = _upload(served_land, tmp_path, ("P-1", "P-2"))
    report = load_upload(data, check, pol, served_land, environ=ENV)
    assert report.region_prefix == REGION
    assert publish.served_database(served_land.processed_dir) == report.path
    assert _counts(report.path) == (15, 2)  # before the fix: rebuilt for 13076, 9 units


def test_upload_refused_when_ez_region_disagrees_with_the_served_build(
    served_land: Settings, tmp_path: Path
) -> None:
    before = publish.read_pointer(served_land.processed_dir)
    data, check, pol = _upload(served_land, tmp_path, ("P-1",))
    with pytest.raises(UploadRebuildError, match="served build is region '13'") as exc:
        load_upload(data, check, pol, served_land, environ={**ENV, "EZ_REGION": "13076"})
    assert exc.value.code == "upl_region_mismatch"
    assert publish.read_pointer(served_land.processed_dir) == before
    assert not list((served_land.raw_dir / "uploads").glob("windpipeline_upload_*"))


def test_build_without_the_checked_rows_is_not_published(
    served_land: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import etl.office

    before = publish.read_pointer(served_land.processed_dir)
    data, check, pol = _upload(served_land, tmp_path, ("P-1",))
    monkeypatch.setattr(etl.office, "candidates", lambda folder: {})  # the build misses the file
    with pytest.raises(UploadRebuildError, match="holds 0 of the 1 checked rows") as exc:
        load_upload(data, check, pol, served_land, environ=ENV)
    assert exc.value.code == "upl_not_in_build"
    assert publish.read_pointer(served_land.processed_dir) == before
    assert len(list((pol.target_dir / "failed").iterdir())) == 1


def _wait_for(predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_upload_racing_a_cli_build_is_never_undone(served_land: Settings, tmp_path: Path) -> None:
    processed = served_land.processed_dir
    # The CLI build first: the upload waits for it, then publishes on top of it.
    cli = _etl(served_land.raw_dir, processed)
    _wait_for(lambda: f"etl, pid {cli.pid}," in lock.holder(processed))
    data, check, pol = _upload(served_land, tmp_path, ("A-1",))
    report = load_upload(data, check, pol, served_land, environ=ENV)
    out, _ = cli.communicate(timeout=300)
    assert cli.returncode == 0, out
    assert publish.read_pointer(processed) == report.path.name
    assert _counts(report.path) == (15, 1)
    # The upload first: the CLI build waits, then includes the saved file.
    data, check, pol = _upload(served_land, tmp_path, ("B-1", "B-2"))
    (processed / lock.LOCK_NAME).write_text("")  # forget the last holder
    done: list[object] = []
    upload = threading.Thread(
        target=lambda: done.append(load_upload(data, check, pol, served_land, environ=ENV))
    )
    upload.start()
    _wait_for(lambda: "upload, pid" in lock.holder(processed))
    cli = _etl(served_land.raw_dir, processed)
    upload.join()
    out, _ = cli.communicate(timeout=300)
    assert cli.returncode == 0 and "waiting: another build is writing" in " ".join(out.split())
    served = publish.served_database(processed)
    assert served.name > done[0].path.name
    assert _counts(served) == (15, 2)  # the CLI build kept the uploaded list
    lines = (processed / publish.HISTORY_NAME).read_text().splitlines()
    names = [line.split("\t")[1] for line in lines]
    assert names == sorted(names) and len(names) == 5
