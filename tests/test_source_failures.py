"""Source failure semantics and the publish gate, through ``energiezukunft etl``.

Every case starts from a real build published from a good bulk export (MaStR
format, written by :mod:`etl.demo.bulk_zip`), then runs the CLI on a damaged
or hostile input. Where the run must fail, the exit code is the documented one
(3 source failed, 4 refused by the gate), the served build keeps its pointer
and bytes, and no partial file is left in the processed folder.
"""

from __future__ import annotations

import hashlib
import json
import resource
import struct
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from etl import cli, publish
from etl.demo.bulk_zip import record_xml
from etl.failures import EXIT_GATE_REFUSED, EXIT_SOURCE_FAILED
from tests.bulk_fixtures import ZIP_NAME, unit, utf16_member, write_zip
from tests.csv_fixtures import HEADER_56, pv_row, wind_row, write_web_csv

runner = CliRunner()
REGION = "13076"
OUTSIDE = "13074001"  # Nordwestmecklenburg: outside the region
NOV_28 = (2026, 11, 28, 4, 30, 0)


def records(solar: int = 40) -> dict[str, list[dict[str, object]]]:
    """Wind, solar and biomass units of the region (solar split into members of 10)."""
    return {
        "wind": [unit("wind", n, gross_kw=4200.0) for n in range(1, 4)],
        "solar": [unit("solar", n, gross_kw=100.0) for n in range(1, solar + 1)],
        "biomass": [unit("biomass", n, gross_kw=500.0) for n in range(1, 3)],
    }


def good_zip(folder: Path, solar: int = 40, name: str = ZIP_NAME) -> Path:
    return write_zip(folder, records(solar), name=name, rows_per_file=10, compresslevel=1)


def etl(raw: Path, processed: Path, *extra: str) -> tuple[int, str]:
    args = ["etl", "--region", REGION, "--raw-dir", str(raw), "--processed-dir", str(processed)]
    result = runner.invoke(cli.app, [*args, *extra])
    return result.exit_code, result.output


def state(processed: Path) -> tuple[str, str, list[str]]:
    """Pointer, SHA-256 of the served file, and every file name in the folder (recursively)."""
    served = publish.served_database(processed)
    assert served is not None
    digest = hashlib.sha256(served.read_bytes()).hexdigest()
    names = sorted(str(p.relative_to(processed)) for p in processed.rglob("*"))
    return (processed / publish.POINTER_NAME).read_text(), digest, names


def served_units(processed: Path) -> dict[tuple[str, str], tuple[int, float]]:
    con = duckdb.connect(str(publish.served_database(processed)), read_only=True)
    try:
        rows = con.execute(
            "SELECT carrier, status, count(*), sum(gross_capacity_kw) / 1000 "
            "FROM core_mastr__units GROUP BY ALL"
        ).fetchall()
    finally:
        con.close()
    return {(c, s): (n, round(mw, 3)) for c, s, n, mw in rows}


def meta(processed: Path) -> dict[str, str]:
    con = duckdb.connect(str(publish.served_database(processed)), read_only=True)
    try:
        return dict(con.execute("SELECT key, value FROM meta_build").fetchall())
    finally:
        con.close()


@pytest.fixture
def real(tmp_path: Path) -> tuple[Path, Path]:
    """A raw and a processed folder with one real build published (exit 0)."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    good_zip(raw)
    code, out = etl(raw, processed)
    assert code == 0, out
    assert served_units(processed)[("pv_building", "operating")] == (40, 4.0)
    (raw / ZIP_NAME).unlink()
    return raw, processed


def assert_failed_unchanged(
    processed: Path, before: tuple[str, str, list[str]], code: int, out: str, *words: str
) -> None:
    assert code == EXIT_SOURCE_FAILED, out
    assert state(processed) == before  # same pointer, same bytes, no partial file left
    flat = " ".join(out.split())
    for word in words:
        assert word in flat, (word, out)
    assert "served database is unchanged" in flat


# --------------------------------------------------------------------------- #
# damaged bulk exports
# --------------------------------------------------------------------------- #
def test_truncated_zip_without_central_directory_fails(real: tuple[Path, Path]) -> None:
    raw, processed = real
    before = state(processed)
    full = good_zip(raw.parent / "full")
    data = full.read_bytes()
    (raw / ZIP_NAME).write_bytes(data[: int(len(data) * 0.55)])
    code, out = etl(raw, processed)
    assert_failed_unchanged(processed, before, code, out, ZIP_NAME, "central directory")


def test_crc_error_in_a_member_fails(real: tuple[Path, Path]) -> None:
    raw, processed = real
    before = state(processed)
    path = good_zip(raw)
    data = bytearray(path.read_bytes())
    # the CRC-32 of EinheitenSolar_2.xml in the central directory (offset 16 of its entry)
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack("<H", data[pos + 28 : pos + 30])[0]
        if data[pos + 46 : pos + 46 + name_len] == b"EinheitenSolar_2.xml":
            data[pos + 16 : pos + 20] = b"\xde\xad\xbe\xef"
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    assert pos >= 0
    path.write_bytes(bytes(data))
    code, out = etl(raw, processed)
    assert_failed_unchanged(processed, before, code, out, ZIP_NAME, "EinheitenSolar_2.xml", "CRC")


def test_truncated_member_fails(real: tuple[Path, Path]) -> None:
    raw, processed = real
    before = state(processed)
    body = "".join(record_xml("EinheitSolar", unit("solar", n)) for n in range(100, 110))
    cut = body[: len(body) * 2 // 3]  # the writer stopped inside a record
    text = f'<?xml version="1.0" encoding="utf-16"?>\r\n<EinheitenSolar>{cut}'
    write_zip(
        raw,
        records(),
        rows_per_file=10,
        extra_members={"EinheitenSolar_9.xml": text.encode("utf-16")},
    )
    code, out = etl(raw, processed)
    assert_failed_unchanged(
        processed, before, code, out, "EinheitenSolar_9.xml", "truncated member"
    )


def test_missing_katalogwerte_fails(real: tuple[Path, Path]) -> None:
    raw, processed = real
    before = state(processed)
    write_zip(raw, records(), catalog=[], rows_per_file=10)
    code, out = etl(raw, processed)
    assert_failed_unchanged(processed, before, code, out, ZIP_NAME, "Katalogwerte.xml")


def _entity_bomb() -> bytes:
    laughs = "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(10)
    )
    body = record_xml("EinheitBiomasse", unit("biomass", 7, NameStromerzeugungseinheit="&l9;"))
    prolog = f"<!DOCTYPE EinheitenBiomasse [{laughs}]>"
    return utf16_member("EinheitenBiomasse", body, prolog=prolog)


def test_member_with_entity_bomb_fails_fast_and_small(real: tuple[Path, Path]) -> None:
    raw, processed = real
    before = state(processed)
    recs = records()
    recs.pop("biomass")
    write_zip(raw, recs, rows_per_file=10, extra_members={"EinheitenBiomasse.xml": _entity_bomb()})
    # In a fresh process, to measure its own wall time and peak memory.
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "etl.cli", "etl", "--region", REGION, "--raw-dir", str(raw),
         "--processed-dir", str(processed)],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out = proc.stdout + proc.stderr
    print(f"entity bomb refused: exit {proc.returncode}, {seconds:.2f} s, peak {peak_mb:.0f} MB")
    assert_failed_unchanged(
        processed, before, proc.returncode, out, "EinheitenBiomasse.xml", "refused"
    )
    assert seconds < 60 and peak_mb < 1024


# --------------------------------------------------------------------------- #
# web CSV and region
# --------------------------------------------------------------------------- #
def test_web_csv_without_capacity_column_as_only_source_fails(real: tuple[Path, Path]) -> None:
    raw, processed = real
    before = state(processed)
    header = [h for h in HEADER_56 if h != "Bruttoleistung der Einheit"]
    write_web_csv(raw / "Stromerzeuger.csv", [wind_row(), pv_row()], header)
    code, out = etl(raw, processed)
    assert_failed_unchanged(
        processed, before, code, out, "Stromerzeuger.csv", "Bruttoleistung der Einheit"
    )


def test_source_with_no_unit_in_the_region_fails(real: tuple[Path, Path]) -> None:
    raw, processed = real
    before = state(processed)
    rows = [wind_row(f"SEE9000000000{n:02d}", **{"Gemeindeschlüssel": OUTSIDE}) for n in range(18)]
    write_web_csv(raw / "Stromerzeuger.csv", rows)
    code, out = etl(raw, processed)
    assert_failed_unchanged(
        processed, before, code, out, "Stromerzeuger.csv", "0 units in the region 13076", "18"
    )


# --------------------------------------------------------------------------- #
# recognition by content, demo never replaces real
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(
    ("name", "stamp"),
    [
        ("Gesamtdatenexport_20261128_25.2 (1).zip", None),  # browser duplicate: date from name
        ("mastr_export.zip", NOV_28),  # no date in the name: from the members' timestamps
    ],
)
def test_bulk_zip_with_unrecognised_name_is_read_after_a_real_build(
    real: tuple[Path, Path], name: str, stamp: tuple[int, ...] | None
) -> None:
    raw, processed = real
    write_zip(raw, records(), name=name, rows_per_file=10, date_time=stamp)
    code, out = etl(raw, processed)
    assert code == 0, out
    assert served_units(processed)[("pv_building", "operating")] == (40, 4.0)
    info = meta(processed)
    assert info["is_demo"] == "False"
    assert info["data_date"] == "2026-11-28"
    assert info["gate_decision"] == "passed"


def test_demo_never_replaces_real(real: tuple[Path, Path]) -> None:
    raw, processed = real
    before = state(processed)
    (raw / "notes.txt").write_text("not a source")
    (raw / "download.zip").write_bytes(b"<html>503 Service Unavailable</html>")
    code, out = etl(raw, processed)
    assert_failed_unchanged(
        processed, before, code, out, "demo data never replaces it",
        "download.zip: zip without MaStR members", "notes.txt",
    )  # fmt: skip
    code, out = etl(raw, processed, "--demo")
    assert_failed_unchanged(processed, before, code, out, "--demo would replace")


def test_accept_partial_publishes_marked_incomplete(real: tuple[Path, Path]) -> None:
    raw, processed = real
    recs = records()
    bomb = {"EinheitenBiomasse_2.xml": _entity_bomb()}
    write_zip(raw, recs, rows_per_file=10, extra_members=bomb)
    code, out = etl(raw, processed, "--accept-partial")
    assert code == 0, out
    info = meta(processed)
    assert info["partial"] == "True"
    [reason] = json.loads(info["partial_reasons"])
    assert "EinheitenBiomasse_2.xml" in reason and "refused" in reason
    assert served_units(processed)[("pv_building", "operating")] == (40, 4.0)


# --------------------------------------------------------------------------- #
# the publish gate
# --------------------------------------------------------------------------- #
def test_gate_refuses_10_percent_fewer_pv_units_and_accept_changes_publishes(
    real: tuple[Path, Path],
) -> None:
    raw, processed = real
    before = state(processed)
    good_zip(raw, solar=36)
    code, out = etl(raw, processed)
    print(out)
    assert code == EXIT_GATE_REFUSED, out
    pointer, digest, names = state(processed)
    assert (pointer, digest) == before[:2]
    [kept] = list((processed / "refused").glob("energy-*.duckdb"))
    assert set(names) - set(before[2]) == {"refused", f"refused/{kept.name}"}
    flat = " ".join(out.split())
    assert "pv_building × operating: units 40 36 -10.0 % REFUSED" in flat
    last = json.loads((processed / "gate-last.json").read_text())
    assert last["decision"] == "refused" and last["build"] == kept.name

    code, out = etl(raw, processed, "--accept-changes", "MaStR removed 4 duplicate PV units")
    assert code == 0, out
    assert served_units(processed)[("pv_building", "operating")] == (36, 3.6)
    info = meta(processed)
    assert info["gate_decision"] == "accepted"
    assert info["gate_accepted_reason"] == "MaStR removed 4 duplicate PV units"
    assert json.loads((processed / "gate-last.json").read_text())["decision"] == "accepted"


def test_gate_threshold_is_configurable_and_first_and_demo_builds_pass(tmp_path: Path) -> None:
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    good_zip(raw)
    code, out = etl(raw, processed)
    assert code == 0 and meta(processed)["gate_decision"] == "first_build", out
    good_zip(raw, solar=36)
    code, out = etl(raw, processed, "--gate-threshold", "0.15")
    assert code == 0, out
    assert served_units(processed)[("pv_building", "operating")] == (36, 3.6)
    demo_processed = tmp_path / "demo_processed"
    code, out = etl(tmp_path / "empty", demo_processed, "--demo")
    assert code == 0, out
    assert meta(demo_processed)["gate_decision"] == "first_build"
