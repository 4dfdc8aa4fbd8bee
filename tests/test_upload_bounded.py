"""The bounded upload check: hostile files are refused by a named limit, never crash or hang.

The probes of issue 12 in their real formats (``tests/upload_fixtures.py``):
a 137 KB XLSX of 19,990 rows × 190 cells, a 10 MB CSV, zips whose members
inflate far beyond their declared size, and the child process's own limits.
Timings are measured by ``python -m bench.upload_bench`` (not asserted here).
"""

from __future__ import annotations

import sys
import threading
import types
from pathlib import Path

import duckdb
import pytest

from analysis.i18n import t
from etl.config import Settings
from etl.office import region_context, upload_child
from etl.office.cells import MAX_COLUMNS, MAX_ROWS
from etl.office.model import MAX_ISSUES
from etl.office.spec import WIND_PERMITS
from etl.office.templates import write_list_csv
from etl.office.upload import check_upload
from etl.office.wind_areas import MAX_ZIP_UNCOMPRESSED_BYTES
from etl.publish import served_database
from tests.upload_fixtures import bomb_zip, large_csv, tall_csv, wide_xlsx, xlsx_bomb

MB = 1024 * 1024


@pytest.fixture(scope="module")
def ctx(demo_settings: Settings):
    con = duckdb.connect(str(served_database(demo_settings.processed_dir)), read_only=True)
    try:
        yield region_context(con, demo_settings.region_prefix)
    finally:
        con.close()


def _texts(check) -> tuple[str, str]:
    """The refusal as the page shows it, German and English."""
    p = check.problem
    return t(f"iss_{p.code}", "de", **p.params), t(f"iss_{p.code}", "en", **p.params)


def test_wide_xlsx_is_refused_at_the_column_limit(tmp_path: Path, ctx) -> None:
    path = wide_xlsx(tmp_path / "breit.xlsx")
    assert 100_000 < path.stat().st_size < 200_000  # 137 KB on disk, ~60 MB of sheet XML
    check = check_upload(path.read_bytes(), "breit.xlsx", ctx)
    assert not check.loadable and check.problem.code == "too_many_columns"
    de, en = _texts(check)
    assert f"höchstens {MAX_COLUMNS} Spalten" in de and "Spalte BI" in de and "Zeile 1" in de
    assert f"at most {MAX_COLUMNS} columns" in en


def test_large_csvs_are_refused_at_a_named_limit(tmp_path: Path, ctx) -> None:
    wide = large_csv(tmp_path / "gross.csv")
    assert wide.stat().st_size > 10 * MB - 2048
    check = check_upload(wide.read_bytes(), "gross.csv", ctx)
    assert check.problem.code == "too_many_columns"
    tall = tall_csv(tmp_path / "lang.csv")
    check = check_upload(tall.read_bytes(), "lang.csv", ctx)
    assert check.problem.code == "too_many_rows"
    de, en = _texts(check)
    assert f"höchstens {MAX_ROWS}" in de and f"at most {MAX_ROWS}" in en


def test_findings_are_capped_but_counted(tmp_path: Path, ctx) -> None:
    rows = [
        {"procedure_id": f"P-{i}", "project_name": "x", "municipality_key": "99999999",
         "turbine_count": "viele", "capacity_mw": "groß", "status": "irgendwas"}
        for i in range(150)
    ]  # fmt: skip
    data = write_list_csv(tmp_path / "fehler.csv", WIND_PERMITS, rows).read_bytes()
    check = check_upload(data, "fehler.csv", ctx)
    assert check.kind == "wind_permits" and not check.loadable
    assert len(check.issues) == MAX_ISSUES
    assert check.error_count == len(check.issues) + check.omitted_count
    assert check.error_count >= 4 * 150  # four bad values in each of the 150 rows
    assert check.result.rejected_rows == set(range(2, 152))  # every row, kept or only counted


@pytest.mark.parametrize(
    ("lie", "crc_of_prefix", "code"),
    [
        (False, False, "archive_too_large"),  # honest header: stopped at the byte limit
        (True, False, "archive_damaged"),  # lying header: inflates past it, CRC fails
        (True, True, "shapefile_incomplete"),  # lying header with a matching CRC: 1 KB read
    ],
)
def test_shapefile_zip_with_false_sizes_is_refused(
    tmp_path: Path, ctx, lie: bool, crc_of_prefix: bool, code: str
) -> None:
    inflated = MAX_ZIP_UNCOMPRESSED_BYTES + 20 * MB
    path = bomb_zip(
        tmp_path / "gebiete.zip", inflated=inflated, lie=lie, crc_of_prefix=crc_of_prefix
    )
    assert path.stat().st_size < inflated // 500
    check = check_upload(path.read_bytes(), "gebiete.zip", ctx)
    assert not check.loadable
    assert [i.code for i in check.issues] == [code]
    if code == "archive_too_large":
        issue = check.issues[0]
        assert "100 MB" in t("iss_archive_too_large", "de", **issue.params)


@pytest.mark.parametrize("lie", [False, True])
def test_xlsx_zip_bomb_is_refused(tmp_path: Path, ctx, lie: bool) -> None:
    path = xlsx_bomb(tmp_path / "bombe.xlsx", inflated=200 * MB, lie=lie)
    check = check_upload(path.read_bytes(), "bombe.xlsx", ctx)
    assert check.problem is not None and check.problem.code == "archive_damaged"
    assert "sheet1.xml" in check.problem.reason


def test_truncated_zip_is_a_refusal_not_a_crash(tmp_path: Path, ctx) -> None:
    path = bomb_zip(tmp_path / "kaputt.zip", inflated=5 * MB, lie=False)
    data = path.read_bytes()
    data = data[: len(data) // 2] + data[-22:]  # keep the end record, lose half the member
    for name in ("kaputt.zip", "kaputt.xlsx"):
        check = check_upload(data, name, ctx)
        assert not check.loadable and check.issues[0].is_error


def test_the_child_never_runs_the_app_script_streamlit_made_main(
    tmp_path: Path, ctx, monkeypatch
) -> None:
    """Streamlit runs each page as ``__main__``; the check's child must not re-run that script.

    Before, ``spawn`` re-ran it in the child; the child died while the server was still
    writing the file into the start-up pipe, and the upload (and every later one) hung.
    """
    script = tmp_path / "app_page.py"
    script.write_text("raise SystemExit('the app script ran in the upload child')\n")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)
    data = wide_xlsx(tmp_path / "breit.xlsx").read_bytes()
    check, stats = upload_child.check_in_child(data, "breit.xlsx", ctx)
    assert check.problem.code == "too_many_columns" and stats is not None
    assert sys.modules["__main__"] is page


def test_child_process_checks_and_refuses_by_its_limits(tmp_path: Path, ctx, monkeypatch) -> None:
    data = wide_xlsx(tmp_path / "breit.xlsx").read_bytes()
    check, stats = upload_child.check_in_child(data, "breit.xlsx", ctx)
    assert check.problem.code == "too_many_columns" and stats is not None
    assert stats.peak_mb >= stats.base_mb > 0
    csv = write_list_csv(tmp_path / "ok.csv", WIND_PERMITS, []).read_bytes()
    monkeypatch.setenv("EZ_UPLOAD_CHECK_SECONDS", "0")
    check, stats = upload_child.check_in_child(csv, "ok.csv", ctx)
    assert check.problem.code == "upload_timeout" and stats is None
    assert "länger als 0 s" in _texts(check)[0]
    monkeypatch.setenv("EZ_UPLOAD_CHECK_SECONDS", "30")
    monkeypatch.setenv("EZ_UPLOAD_CHECK_MB", "1")
    big = tall_csv(tmp_path / "lang.csv", size=3 * MB).read_bytes()
    check, _ = upload_child.check_in_child(big, "lang.csv", ctx)
    assert check.problem.code in ("upload_memory", "upload_crashed")
    assert "1 MB" in _texts(check)[0]


def test_one_check_at_a_time(tmp_path: Path, ctx, monkeypatch) -> None:
    monkeypatch.setattr(upload_child, "WAIT_SECONDS", 0.1)
    data = write_list_csv(tmp_path / "ok.csv", WIND_PERMITS, []).read_bytes()
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with upload_child._ONE_AT_A_TIME:
            held.set()
            release.wait(10)

    other = threading.Thread(target=hold)
    other.start()
    held.wait(10)
    try:
        check, _ = upload_child.check_in_child(data, "ok.csv", ctx)
    finally:
        release.set()
        other.join()
    assert check.problem.code == "upload_busy"
    assert "andere Datei" in _texts(check)[0]
