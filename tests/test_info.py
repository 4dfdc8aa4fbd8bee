"""`energiezukunft etl` + `info` on a real-format bulk zip reproduce the XML's figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl import cli
from tests.bulk_fixtures import write_zip
from tests.test_mastr_bulk import expected_from_xml, mixed_records

runner = CliRunner()
ROW = re.compile(r"│\s*(\w+)\s*│\s*(\w+)\s*│\s*([\d,]+)\s*│\s*([\d,.]+)\s*│\s*([\d,.]+)\s*│")


@pytest.mark.parametrize("region", ["13076", "13"])
def test_info_reproduces_counts_and_capacity_computed_from_the_xml(
    tmp_path: Path, region: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    zip_path = write_zip(raw, mixed_records(), rows_per_file=40)
    args = ["--raw-dir", str(raw), "--processed-dir", str(processed), "--region", region]
    built = runner.invoke(cli.app, ["etl", *args])
    assert built.exit_code == 0, built.output

    shown = runner.invoke(cli.app, ["info", "--processed-dir", str(processed)])
    assert shown.exit_code == 0, shown.output
    assert "real data" in shown.output and "DEMO" not in shown.output
    assert "2026-11-21" in shown.output  # the extract date from the file name

    table = {
        (m[1], m[2]): (int(m[3].replace(",", "")), float(m[4].replace(",", "")))
        for m in ROW.finditer(shown.output)
    }
    expected = {
        key: (count, round(kw / 1000, 1))
        for key, (count, kw) in expected_from_xml(zip_path, region).items()
    }
    assert table == expected
