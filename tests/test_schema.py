"""The one schema: DDL, constraints, validation and the data dictionary come from it."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from etl import schema


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda t: t.name)
def test_every_table_is_documented_and_creatable(table: schema.Table) -> None:
    assert table.description and table.grain
    for col in table.columns:
        assert col.description, f"{table.name}.{col.name} has no description"
        assert col.label_de and col.label_en
    con = duckdb.connect()
    con.execute(table.ddl())
    for stmt in table.comments_sql():
        con.execute(stmt)
    cols = [r[0] for r in con.execute(f"DESCRIBE {table.name}").fetchall()]
    assert cols == table.column_names


def test_units_column_names_carry_units() -> None:
    names = schema.UNITS.column_names
    assert "net_capacity_kw" in names and "gross_capacity_kw" in names
    assert "storage_energy_kwh" in names and "hub_height_m" in names


def _unit_row(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {c: None for c in schema.UNITS.column_names}
    row.update(
        unit_id_mastr="SEE912345678901",
        carrier="wind_onshore",
        status="operating",
        gross_capacity_kw=3000.0,
        municipality_key="13076001",
        is_capacity_suspect=False,
        source="mastr_bulk",
        source_file="x.zip",
    )
    row.update(overrides)
    return row


def test_database_constraints_refuse_what_validation_refuses() -> None:
    con = duckdb.connect()
    con.execute(schema.UNITS.ddl())
    bad = pd.DataFrame([_unit_row(municipality_key="1307601")])  # leading zero lost
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO core_mastr__units SELECT * FROM bad")
    res = schema.validate(bad, schema.UNITS, row_refs=pd.Series(["element 7"]))
    assert res.valid.empty
    assert set(res.problems["field"]) == {"municipality_key"}
    assert (res.problems["row_ref"] == "element 7").all()
    assert (res.problems["raw_value"] == "1307601").all()


def test_validate_keeps_valid_rows_and_reports_each_bad_field() -> None:
    df = pd.DataFrame(
        [
            _unit_row(),
            _unit_row(unit_id_mastr="SEE900000000002", carrier="coal"),
            _unit_row(unit_id_mastr="SEE900000000003", gross_capacity_kw=-5.0),
            _unit_row(),  # duplicate id
        ]
    )
    res = schema.validate(df, schema.UNITS)
    assert list(res.valid["unit_id_mastr"]) == ["SEE912345678901"]
    reasons = dict(zip(res.problems["row_ref"], res.problems["reason"], strict=True))
    assert "carrier" in reasons["2"]
    assert "below" in reasons["3"]
    assert "duplicate" in reasons["4"]


def test_ags_and_plz_stay_strings() -> None:
    res = schema.validate(pd.DataFrame([_unit_row(postcode="01067")]), schema.UNITS)
    assert res.valid.loc[0, "postcode"] == "01067"
    assert res.valid.loc[0, "municipality_key"] == "13076001"


def test_data_dictionary_lists_every_column() -> None:
    md = schema.data_dictionary_markdown()
    for t in schema.TABLES:
        assert f"## `{t.name}`" in md
        for c in t.columns:
            assert f"`{c.name}`" in md


def test_committed_data_dictionary_is_up_to_date() -> None:
    """docs/schema.md is generated from the schema; regenerate with `make schema`."""
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
    assert docs.read_text(encoding="utf-8") == schema.data_dictionary_markdown() + "\n"
