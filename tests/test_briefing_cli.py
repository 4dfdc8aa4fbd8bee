"""Briefings through the real ETL and the CLI.

Two builds are made with :func:`etl.build.build_database` from MaStR bulk
exports in the real format (written by :mod:`etl.demo.bulk_zip`) that
differ by known units; the briefing of the second build must report exactly
those changes against the first (the previous kept build), and ``--since``
must report what the dates say.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from pyproj import Transformer
from typer.testing import CliRunner

from etl import cli
from etl.build import build_database
from etl.config import Settings
from etl.publish import list_builds, served_database
from tests.bulk_fixtures import unit, write_zip
from tests.geo_fixtures import write_vg250_gpkg

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)

runner = CliRunner()
ALT_KRENZLIN = "13076001"  # square(0, 0) of the geo fixtures
PARCHIM = "13076105"  # square(2, 0)


def _xy(col: int, row: int) -> dict[str, str]:
    """Coordinates inside the fixture municipality square (col, row)."""
    to_wgs = Transformer.from_crs(25832, 4326, always_xy=True)
    lon, lat = to_wgs.transform(660_000 + 10_000 * col + 5_000, 5_910_000 + 10_000 * row + 5_000)
    return {"Laengengrad": f"{lon:.6f}", "Breitengrad": f"{lat:.6f}"}


def wind(n: int, status: str, kw: float, key: str = ALT_KRENZLIN, **extra: object) -> dict:
    col = 0 if key == ALT_KRENZLIN else 2
    return unit(
        "wind",
        n,
        key=key,
        status=status,
        gross_kw=kw,
        **_xy(col, 0),
        **extra,
    )


JULY = [
    wind(1, "operating", 3000, Inbetriebnahmedatum="2019-05-01"),
    wind(2, "planned", 5000, Inbetriebnahmedatum=None, GeplantesInbetriebnahmedatum="2026-08-01"),
    wind(3, "operating", 2000, Inbetriebnahmedatum="2001-01-01"),
    wind(4, "operating", 3300, key=PARCHIM, Inbetriebnahmedatum="2018-03-01"),
]
OCTOBER = [
    JULY[0],
    # planned → in operation in August
    wind(2, "operating", 5000, Inbetriebnahmedatum="2026-08-10"),
    # finally decommissioned in September
    wind(3, "permanently_shut_down", 2000, Inbetriebnahmedatum="2001-01-01",
         DatumEndgueltigeStilllegung="2026-09-01"),
    # capacity corrected in the register
    wind(4, "operating", 3600, key=PARCHIM, Inbetriebnahmedatum="2018-03-01"),
    # new: in operation, and newly planned
    wind(5, "operating", 4200, Inbetriebnahmedatum="2026-09-15", Registrierungsdatum="2026-09-20"),
    wind(6, "planned", 5600, Inbetriebnahmedatum=None, Registrierungsdatum="2026-09-25"),
]  # fmt: skip


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Two published builds in one processed folder: July export, then October export."""
    root = tmp_path_factory.mktemp("two_builds")
    processed = root / "processed"
    for month, records, name in (
        ("07", JULY, "Gesamtdatenexport_20260701_26.1.zip"),
        ("10", OCTOBER, "Gesamtdatenexport_20261001_26.2.zip"),
    ):
        raw = root / f"raw{month}"
        raw.mkdir()
        write_vg250_gpkg(raw / "vg250_test.gpkg")
        write_zip(raw, {"wind": records}, name=name)
        build_database(Settings(raw_dir=raw, processed_dir=processed))
    assert len(list_builds(processed)) == 2
    return Settings(raw_dir=root / "raw10", processed_dir=processed)


def text_of(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(out.replace("\u00a0", " ").split())


def written(result_output: str) -> Path:
    line = next(ln for ln in result_output.splitlines() if ln.startswith("wrote "))
    return Path(line.removeprefix("wrote ").strip())


def test_changes_against_the_previous_build(two_builds: Settings, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["--out", str(out), "--processed-dir", str(two_builds.processed_dir)]
    result = runner.invoke(cli.app, ["briefing", "district", *args])
    assert result.exit_code == 0, result.output
    text = text_of(written(result.output))
    assert (
        "Seit dem 1. Juli 2026 sind 2 Windenergieanlagen mit 9,2 MW in Betrieb gegangen."
    ) in text
    assert "Neu als geplant gemeldet wurde 1 Windenergieanlage mit 5,6 MW." in text
    assert "Endgültig stillgelegt wurde 1 Windenergieanlage mit 2 MW." in text
    assert "bei 1 Anlage die Leistung (zusammen +0,3 MW)" in text
    old = list_builds(two_builds.processed_dir)[0].stem
    assert f"früheren Version {old}" in text
    with open(out / "index.csv", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["baseline"] == f"build {old}"
    assert row["build_id"] == served_database(two_builds.processed_dir).stem
    assert row["data_date"] == "2026-10-01"
    assert row["is_demo"] == "false"
    assert "Demo-Daten" not in text
    # no office lists loaded: no pipeline or hydrogen section
    assert "Wind-Pipeline" not in text
    assert "Projekte (aktiv)" not in text


def test_municipality_changes_and_english(two_builds: Settings, tmp_path: Path) -> None:
    args = ["--out", str(tmp_path), "--processed-dir", str(two_builds.processed_dir)]
    result = runner.invoke(cli.app, ["briefing", "municipality", PARCHIM, *args])
    assert result.exit_code == 0, result.output
    text = text_of(written(result.output))
    assert "Seit dem 1. Juli 2026 ist keine neue Anlage in Betrieb gegangen." in text
    assert "bei 1 Anlage die Leistung (zusammen +0,3 MW)" in text
    result = runner.invoke(cli.app, ["briefing", "district", "--lang", "en", *args])
    assert result.exit_code == 0, result.output
    text = text_of(written(result.output))
    assert "Since 1 July 2026, 2 wind turbines with 9.2 MW have gone into operation." in text


def test_since_date_and_compare_build_options(two_builds: Settings, tmp_path: Path) -> None:
    args = ["--out", str(tmp_path), "--processed-dir", str(two_builds.processed_dir)]
    result = runner.invoke(cli.app, ["briefing", "district", "--since", "2026-09-01", *args])
    assert result.exit_code == 0, result.output
    text = text_of(written(result.output))
    # only the unit commissioned on 15 September is after 1 September
    assert "Seit dem 1. September 2026 ist 1 Windenergieanlage mit 4,2 MW in Betrieb gegangen." in (
        text
    )
    assert "Stichtag 01.09.2026" in text
    old = list_builds(two_builds.processed_dir)[0]
    result = runner.invoke(cli.app, ["briefing", "district", "--compare-build", old.name, *args])
    assert result.exit_code == 0, result.output
    assert "sind 2 Windenergieanlagen mit 9,2 MW" in text_of(written(result.output))


def test_cli_refuses_bad_input_with_a_reason(two_builds: Settings, tmp_path: Path) -> None:
    args = ["--out", str(tmp_path), "--processed-dir", str(two_builds.processed_dir)]
    cases = [
        (["municipality", "13076"], "8-digit AGS"),
        (["municipality", "13076999"], "not in this database"),
        (["district", "--since", "1.7.2026"], "YYYY-MM-DD"),
        (["district", "--lang", "fr"], "use de or en"),
        (["district", "--compare-build", "energy-nope.duckdb"], "no such database file"),
        (["district", "--since", "2026-07-01", "--compare-build", "x.duckdb"], "not both"),
    ]
    for argv, message in cases:
        result = runner.invoke(cli.app, ["briefing", *argv, *args])
        assert result.exit_code != 0, argv
        assert message in result.output, (argv, result.output)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli.app, ["briefing", "district", "--processed-dir", str(empty)])
    assert result.exit_code != 0
    assert "energiezukunft etl" in result.output
    assert not list(tmp_path.glob("*.pdf"))


def test_all_municipalities_into_a_folder(two_builds: Settings, tmp_path: Path) -> None:
    out = tmp_path / "batch"
    args = ["--out", str(out), "--processed-dir", str(two_builds.processed_dir)]
    result = runner.invoke(cli.app, ["briefing", "all", "--limit", "2", "--no-district", *args])
    assert result.exit_code == 0, result.output
    with open(out / "index.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # the first two municipalities by name: Alt Krenzlin, Ludwigslust (not the district)
    assert [r["region_key"] for r in rows] == ["13076001", "13076088"]
    assert [r["kind"] for r in rows] == ["municipality", "municipality"]
    assert all((out / r["file"]).exists() for r in rows)
    assert "wrote 2 briefings" in result.output
