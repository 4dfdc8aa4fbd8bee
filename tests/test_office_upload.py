"""The upload flow without a browser: policy, secret, content checks, load and publish."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.config import Settings
from etl.office import region_context
from etl.office.spec import WIND_PERMITS
from etl.office.templates import write_list_csv, write_list_xlsx, write_wind_areas_gpkg
from etl.office.upload import (
    SECRET_ENV,
    check_upload,
    load_upload,
    policy,
    secret_ok,
)
from etl.publish import served_database


def test_policy_modes(tmp_path: Path) -> None:
    s = Settings(raw_dir=tmp_path / "raw", processed_dir=tmp_path / "p")
    demo = policy(s, served_is_demo=True, environ={})
    assert demo.enabled and not demo.needs_secret and demo.demo
    assert demo.target_dir == tmp_path / "raw" / "demo" / "uploads"
    off = policy(s, served_is_demo=False, environ={})
    assert not off.enabled and off.reason == "upl_mode_off"
    on = policy(s, served_is_demo=False, environ={SECRET_ENV: "s3cret"})
    assert on.enabled and on.needs_secret and on.target_dir == tmp_path / "raw" / "uploads"
    assert secret_ok("s3cret", {SECRET_ENV: "s3cret"})
    assert not secret_ok("wrong", {SECRET_ENV: "s3cret"})
    assert not secret_ok("", {SECRET_ENV: ""})  # an empty secret never opens the upload


@pytest.fixture(scope="module")
def ctx(demo_copy: Settings):
    con = duckdb.connect(str(served_database(demo_copy.processed_dir)), read_only=True)
    try:
        yield region_context(con, demo_copy.region_prefix)
    finally:
        con.close()


def _permit(pid: str, **kw) -> dict:
    row = {
        "procedure_id": pid,
        "project_name": f"Windpark {pid}",
        "municipality_key": "13076001",
        "turbine_count": 4,
        "capacity_mw": 25.0,
        "status": "applied",
        "application_date": date(2025, 4, 1),
    }
    row.update(kw)
    return row


def test_content_decides_not_the_extension(tmp_path: Path, ctx) -> None:
    csv = write_list_csv(tmp_path / "l.csv", WIND_PERMITS, [_permit("A")]).read_bytes()
    assert check_upload(csv, "liste.csv", ctx).loadable
    assert check_upload(csv, "liste.xlsx", ctx).problem.code == "upload_mismatch"
    assert check_upload(csv, "liste.exe", ctx).problem.code == "upload_type"
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    assert check_upload(png, "bild.csv", ctx).problem.code == "upload_unknown"
    gpkg = write_wind_areas_gpkg(tmp_path / "w.gpkg").read_bytes()
    assert check_upload(gpkg, "gebiete.zip", ctx).problem.code == "upload_mismatch"
    empty = check_upload(gpkg, "gebiete.gpkg", ctx)
    assert empty.kind == "wind_areas" and not empty.loadable  # no areas in the template


def test_bad_row_blocks_loading_until_fixed(tmp_path: Path, ctx) -> None:
    bad = write_list_xlsx(
        tmp_path / "b.xlsx", WIND_PERMITS, [_permit("A"), _permit("B", status="genehmight")]
    ).read_bytes()
    check = check_upload(bad, "pipeline.xlsx", ctx)
    assert check.kind == "wind_permits" and not check.loadable
    assert [(i.row, i.column, i.code) for i in check.issues] == [(3, "Status", "unknown_code")]


def _without_wind(settings: Settings) -> str:
    """A municipality with no wind unit (so no entry can match a MaStR park by chance)."""
    con = duckdb.connect(str(served_database(settings.processed_dir)), read_only=True)
    try:
        return con.execute(
            "SELECT municipality_key FROM core_bkg__municipalities WHERE municipality_key NOT IN "
            "(SELECT municipality_key FROM core_mastr__units WHERE carrier = 'wind_onshore') "
            "ORDER BY 1 LIMIT 1"
        ).fetchall()[0][0]
    finally:
        con.close()


def test_loading_a_valid_upload_publishes_a_new_build(tmp_path: Path, demo_copy, ctx) -> None:
    before = served_database(demo_copy.processed_dir)
    key = _without_wind(demo_copy)
    rows = [
        _permit("U-1", municipality_key=key),
        _permit("U-2", municipality_key=key, status="approved", permit_date=date(2026, 1, 5)),
    ]
    data = write_list_xlsx(tmp_path / "ok.xlsx", WIND_PERMITS, rows).read_bytes()
    check = check_upload(data, "meine_liste.xlsx", ctx)
    assert check.loadable
    pol = policy(demo_copy, served_is_demo=True, environ={})
    report = load_upload(data, check, pol, demo_copy)
    after = served_database(demo_copy.processed_dir)
    assert report.is_demo and after != before
    saved = list((demo_copy.demo_dir / "uploads").glob("windpipeline_upload_*.xlsx"))
    assert len(saved) == 1
    con = duckdb.connect(str(after), read_only=True)
    try:
        ids = [r[0] for r in con.execute(
            "SELECT procedure_id FROM core_office__wind_permits ORDER BY 1"
        ).fetchall()]  # fmt: skip
        total = con.execute("SELECT sum(counted_mw) FROM out_wind_pipeline").fetchall()[0][0]
        planned = con.execute(
            "SELECT sum(counted_mw) FROM out_wind_pipeline WHERE item_type = 'mastr_unit'"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert ids == ["U-1", "U-2"]  # the upload replaced the demo list
    assert total == pytest.approx(planned + 50.0)
    # A second upload archives the first one.
    load_upload(data, check, pol, demo_copy)
    assert len(list((demo_copy.demo_dir / "uploads" / "archive").iterdir())) == 1


def test_failed_build_keeps_the_served_database(tmp_path, demo_copy, ctx, monkeypatch) -> None:
    import etl.build

    data = write_list_csv(tmp_path / "x.csv", WIND_PERMITS, [_permit("F-1")]).read_bytes()
    check = check_upload(data, "x.csv", ctx)
    pol = policy(demo_copy, served_is_demo=True, environ={})
    before = served_database(demo_copy.processed_dir)
    uploads = demo_copy.demo_dir / "uploads"
    existing = sorted(p.name for p in uploads.glob("windpipeline_*"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(etl.build, "build_database", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        load_upload(data, check, pol, demo_copy)
    assert served_database(demo_copy.processed_dir) == before
    assert sorted(p.name for p in uploads.glob("windpipeline_*")) == existing
    assert len(list((uploads / "failed").glob("windpipeline_upload_*.csv"))) == 1
