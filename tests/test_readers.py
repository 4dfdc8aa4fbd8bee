"""The reader contract: every reader module, LoadRun bookkeeping, extract dates."""

from __future__ import annotations

import hashlib
import importlib
import inspect
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.discover import READERS
from etl.readers import LoadRun, extract_date_from_name
from etl.sink import BuildSink


@pytest.fixture
def sink() -> BuildSink:
    return BuildSink(duckdb.connect())


@pytest.mark.parametrize("name", READERS)
def test_every_reader_module_follows_the_contract(name: str) -> None:
    reader = importlib.import_module(f"etl.readers.{name}")
    assert isinstance(reader.SOURCE, str) and reader.SOURCE
    params = list(inspect.signature(reader.read).parameters)
    assert params[:3] == ["path", "run", "region"]
    assert not any(
        line.startswith(("from etl.build", "import etl.build"))
        for line in inspect.getsource(reader).splitlines()
    ), "a reader never imports the orchestrator"


def test_load_run_writes_counts_checksum_findings_and_drift(tmp_path: Path, sink) -> None:
    path = tmp_path / "liste_2026-11-21.csv"
    path.write_bytes(b"a;b\n1;2\n")
    with LoadRun(sink, "population", path) as run:
        run.count(read=3, loaded=1)
        run.finding("bad value", row_ref=2, field="b", raw_value="x", action="field_cleared")
        run.findings_where(
            pd.Series([False, True]),
            rows=pd.Series(["2", "3"]),
            ids=pd.Series(["A", "B"]),
            field="a",
            reason="row rejected",
            raw=pd.Series(["1", "?"]),
        )
        run.count(rejected=1)
        run.drift("c", "added", "unknown column")
        run.extract_date = extract_date_from_name(path.name)
    load = sink.con.execute(
        "SELECT source, source_file, sha256, extract_date, rows_read, rows_loaded, rows_rejected "
        "FROM meta_load_runs"
    ).fetchall()
    assert load == [
        (
            "population",
            path.name,
            hashlib.sha256(path.read_bytes()).hexdigest(),
            date(2026, 11, 21),
            3,
            1,
            1,
        )
    ]
    found = sink.con.execute(
        "SELECT row_ref, record_id, field, reason, raw_value, action, source, source_file "
        "FROM meta_rejected_rows ORDER BY row_ref"
    ).fetchall()
    assert found == [
        ("2", None, "b", "bad value", "x", "field_cleared", "population", path.name),
        ("3", "B", "a", "row rejected", "?", "row_rejected", "population", path.name),
    ]
    drift = sink.con.execute("SELECT source, source_file, field, change FROM meta_schema_drift")
    assert drift.fetchall() == [("population", path.name, "c", "added")]


def test_a_failed_read_records_no_load_run(tmp_path: Path, sink) -> None:
    path = tmp_path / "einwohner.csv"
    path.write_text("AGS;Einwohner\n")
    with pytest.raises(RuntimeError), LoadRun(sink, "population", path) as run:
        run.finding("seen before the failure")
        raise RuntimeError("reader crashed")
    assert sink.con.execute("SELECT count(*) FROM meta_load_runs").fetchone() == (0,)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gesamtdatenexport_20261121_25.2.zip", date(2026, 11, 21)),
        ("windpipeline_2026-03-01.xlsx", date(2026, 3, 1)),
        ("Stromerzeuger.csv", None),
        ("export_20261399.csv", None),
    ],
)
def test_extract_date_from_name(name: str, expected: date | None) -> None:
    assert extract_date_from_name(name) == expected
