"""Units are staged in Parquet files next to the build, read back typed, and cleaned up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import finalize, schema
from etl.sink import STAGE_UNITS, BuildSink


def _units(ids: range, **values: object) -> pd.DataFrame:
    rows = []
    for i in ids:
        row: dict[str, object] = {c: None for c in schema.UNITS.column_names}
        row.update(
            unit_id_mastr=f"SEE9{i:011d}",
            carrier="storage",
            status="operating",
            gross_capacity_kw=10.0,
            commissioning_date="2021-05-01",
            municipality_key="13076001",
            is_capacity_suspect=False,
            source="mastr_bulk",
            source_file="Gesamtdatenexport_20261121_25.2.zip/EinheitenStromSpeicher.xml",
        )
        row.update(values)
        rows.append(row)
    return pd.DataFrame(rows)


def test_staged_units_live_in_files_beside_the_build_and_load_typed(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / ".energy-x.duckdb.partial"))
    sink = BuildSink(con)
    assert sink.stage_dir.parent == tmp_path  # on the build's disk, not in memory
    sink.add_units(_units(range(1, 4)), "mastr_bulk", "x.zip")
    sink.add_units(_units(range(3, 6), gross_capacity_kw=12.5), "mastr_bulk", "x.zip")
    assert len(list(sink.stage_dir.glob("*.parquet"))) == 2
    assert con.execute(f"SELECT count(*) FROM {STAGE_UNITS}").fetchone()[0] == 6
    # Storage energy from the plants, as the bulk reader joins it (one unit of the files).
    con.execute(
        "CREATE TEMP TABLE kwh AS SELECT 'SEE900000000002' AS unit_id_mastr, "
        "'Gesamtdatenexport_20261121_25.2.zip/EinheitenStromSpeicher.xml' AS source_file, "
        "7.5 AS value"
    )
    sink.units_stage.set_values("storage_energy_kwh", "kwh", "s.carrier = 'storage'")
    counts = finalize.resolve_duplicates(con)
    assert counts == {"staged": 6, "exact_repeats": 0, "conflicting_duplicates": 1}
    sink.discard_staged()
    assert not sink.stage_dir.exists()
    units = con.execute(
        "SELECT unit_id_mastr, gross_capacity_kw, commissioning_date, storage_energy_kwh "
        "FROM core_mastr__units ORDER BY 1"
    ).fetchall()
    assert units[1] == ("SEE900000000002", 10.0, date(2021, 5, 1), 7.5)
    assert [u[0] for u in units] == [f"SEE9{i:011d}" for i in range(1, 6)]
    assert units[2][1] == 12.5  # the later version of the repeated id SEE900000000003


def test_units_table_rejects_nothing_for_its_key_but_the_build_does(tmp_path: Path) -> None:
    """No index on the unit id (all of Germany would not fit); the last check refuses duplicates."""
    con = duckdb.connect(str(tmp_path / "b.duckdb"))
    BuildSink(con)
    con.register("twice", _units(range(1, 2)))
    con.execute("INSERT INTO core_mastr__units SELECT * FROM twice")
    con.execute("INSERT INTO core_mastr__units SELECT * FROM twice")
    with pytest.raises(RuntimeError, match="1 duplicate unit ids survived the build"):
        finalize.validate_build(con)
