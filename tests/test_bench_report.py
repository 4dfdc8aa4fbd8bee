"""The ETL benchmark's report: a failing peer cannot look fast, and earlier runs are kept."""

from __future__ import annotations

import sys
from pathlib import Path

from bench import etl_bench, peers


def test_peer_that_wrote_fewer_rows_than_the_zip_holds_is_failed() -> None:
    expected = peers.expected_rows(100_000)
    assert sum(v for k, v in expected.items() if k.startswith("Einheit")) == 100_000
    written = dict(expected, EinheitenSolar=0)  # open-mastr logged and swallowed an error
    units, wrong = peers.row_check(expected, written)
    assert units == 100_000 - expected["EinheitenSolar"]
    assert wrong == f"EinheitenSolar 0 of {expected['EinheitenSolar']:,}"
    missing = {k: v for k, v in expected.items() if k != "AnlagenStromSpeicher"}
    assert "AnlagenStromSpeicher missing" in peers.row_check(expected, missing)[1]


def test_peer_that_wrote_every_record_passes() -> None:
    expected = peers.expected_rows(1_000_000)
    assert peers.row_check(expected, dict(expected)) == (1_000_000, "")


def test_results_file_keeps_earlier_runs(tmp_path: Path) -> None:
    results = tmp_path / "etl.md"
    etl_bench.append_history(results, "## Run of 2026-11-25 15:11\n\n| a |\n")
    etl_bench.append_history(results, "## Run of 2026-12-03 10:30, commit abc1234\n\n| b |\n")
    text = results.read_text(encoding="utf-8")
    assert text.startswith("# ETL benchmark\n")
    assert text.index("2026-11-25") < text.index("2026-12-03")
    assert "| a |" in text and "| b |" in text


def test_load_cpu_seconds_and_units_per_second_are_in_the_table() -> None:
    row = etl_bench.Row("full build (Germany)", 1_000_000, 40.0, 700.0, load=3.25, cpu_seconds=61.5)
    _, md = etl_bench.render([row])
    header, _, line = md.splitlines()
    assert "load" in header.split(" | ") and "CPU s" in header.split(" | ")
    assert "| 3.2 | 40.00 | 61.50 | 25,000 | 700 |" in line


def test_cpu_seconds_count_the_workers_of_a_measured_run() -> None:
    """On a shared machine wall time depends on the load; CPU time of the whole
    process tree does not, so it must include the child's own children."""
    script = (
        "import subprocess, sys, time\n"
        "code = 'import time\\nend = time.process_time() + 0.4\\n"
        "while time.process_time() < end: pass'\n"
        "subprocess.run([sys.executable, '-c', code], check=True)\n"
        "print('{}')\n"
    )
    m = etl_bench.measure([sys.executable, "-c", script])
    assert m.cpu_seconds >= 0.4
