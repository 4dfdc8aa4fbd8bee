"""The command line: clear one-line failures, nothing changed on failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl import cli

runner = CliRunner()


def test_download_offline_fails_clearly_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "keep.txt").write_text("existing file")
    # A closed local port answers at once, like a machine without internet.
    monkeypatch.setenv("EZ_MASTR_URL", "http://127.0.0.1:9/{date}_{release}.zip")
    monkeypatch.setenv("EZ_DOWNLOAD_RETRIES", "0")
    result = runner.invoke(cli.app, ["download", "--raw-dir", str(raw)])
    assert result.exit_code != 0
    assert "cannot reach" in result.output and "nothing was changed" in result.output
    assert sorted(p.name for p in raw.iterdir()) == ["keep.txt"]


def test_invalid_region_is_refused_with_a_reason(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["etl", "--region", "LUP", "--processed-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "not an AGS prefix" in result.output
    assert not any(tmp_path.iterdir())


def test_info_without_database_says_what_to_run(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["info", "--processed-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "energiezukunft etl" in result.output


def test_schema_command_writes_data_dictionary(tmp_path: Path) -> None:
    out = tmp_path / "schema.md"
    result = runner.invoke(cli.app, ["schema", "--output", str(out)])
    assert result.exit_code == 0
    assert "core_mastr__units" in out.read_text(encoding="utf-8")
