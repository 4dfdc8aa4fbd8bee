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
    for codes in schema.CODE_LISTS.values():
        assert f"### `{codes.name}`" in md
        for code in codes.codes:
            assert f"`{code}`" in md


def test_committed_data_dictionary_is_up_to_date() -> None:
    """docs/schema.md is generated from the schema; regenerate with `make schema`."""
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
    assert docs.read_text(encoding="utf-8") == schema.data_dictionary_markdown() + "\n"


def test_tables_are_static_and_cover_every_layer() -> None:
    names = [t.name for t in schema.TABLES]
    assert len(names) == len(set(names))
    assert {t.layer for t in schema.TABLES} == {"core", "meta", "out"}
    assert sum(t.layer == "out" for t in schema.TABLES) == 12
    for t in schema.TABLES:
        assert schema.table(t.name) is t
        assert t.grain and (t.unique_key or t.layer == "meta"), t.name
        for c in t.columns:
            if c.codes is not None:
                assert all(c.codes.label(code, "de") for code in c.codes.codes)


def test_column_display_comes_from_the_schema() -> None:
    d = schema.column_display("core_mastr__units", "gross_capacity_kw", "en")
    assert (d.label, d.unit, d.kind, d.number_format) == ("Gross capacity", "kW", "number", "%.1f")
    assert d.header == "Gross capacity (kW)"
    n = schema.column_display("out_capacity_by_municipality", "unit_count", "de")
    assert (n.kind, n.number_format) == ("integer", "%d")
    day = schema.column_display("core_mastr__units", "commissioning_date", "de")
    assert (day.kind, day.date_format, day.number_format) == ("date", "DD.MM.YYYY", None)
    assert schema.column_display("core_mastr__units", "carrier").kind == "text"
    with pytest.raises(KeyError):
        schema.column_display("core_mastr__units", "no_such_column")


def test_code_lists_carry_labels_and_accepted_spellings() -> None:
    from etl.schema.codes import CARRIER, PERMIT_STATUS

    assert CARRIER.label("pv_ground", "en") == "Ground-mounted PV"
    assert CARRIER.label("unknown_code") == "unknown_code"
    assert PERMIT_STATUS.code_for("Genehmigung erteilt") == "approved"
    assert PERMIT_STATUS.code_for("nonsense") is None


def test_clear_field_policy_keeps_the_row_without_the_value() -> None:
    res = schema.validate(pd.DataFrame([_unit_row(hub_height_m=999.0)]), schema.UNITS)
    assert len(res.valid) == 1 and pd.isna(res.valid.loc[0, "hub_height_m"])
    assert list(res.problems["action"]) == ["field_cleared"]


def test_a_shared_field_means_the_same_in_every_table() -> None:
    from etl.schema.fields import SHARED

    # the meta tables label the file a run read "Datei" (as shown on the data-quality page)
    local = {("meta_load_runs", "source_file"), ("meta_rejected_rows", "source_file")}
    local |= {("meta_schema_drift", "source_file")}
    for t in schema.TABLES:
        for c in t.columns:
            base = SHARED.get(c.name)
            if base is None:
                continue
            assert c.dtype == base.dtype, f"{t.name}.{c.name}"
            if (t.name, c.name) in local or c.codes is not base.codes:
                continue  # e.g. the permit list's status has its own code list
            same = (c.unit, c.label_de, c.label_en, c.length, c.pattern)
            assert same == (base.unit, base.label_de, base.label_en, base.length, base.pattern), (
                f"{t.name}.{c.name}"
            )
    used = {c.name for t in schema.TABLES for c in t.columns}
    assert set(SHARED) <= used
