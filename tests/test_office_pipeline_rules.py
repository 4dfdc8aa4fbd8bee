"""The pipeline rules and the hydrogen check through a whole build, from real-format lists.

A MaStR web CSV with three planned wind units, VG250-style boundaries, a permit
list (XLSX) with a withdrawn project that the MaStR still shows as planned, a
project under construction the MaStR does not know yet and a repowering
project, and a hydrogen list (CSV) whose MW and t/a do not fit together.
The figures come from :func:`analysis.office_queries.pipeline_summary`, the
function every page and the PDF use.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from csv_fixtures import wind_row, write_web_csv
from geo_fixtures import write_vg250_gpkg

from analysis import office_queries as oq
from etl.build import build_database
from etl.config import Settings
from etl.office.spec import HYDROGEN, WIND_PERMITS
from etl.office.templates import write_list_csv, write_list_xlsx
from etl.publish import served_database


def _planned(uid: str, ags: str, park: str, kw: str) -> dict:
    return wind_row(
        uid,
        **{
            "Betriebs-Status": "In Planung",
            "Bruttoleistung der Einheit": kw,
            "Nettonennleistung der Einheit": kw,
            "Inbetriebnahmedatum der Einheit": "",
            "Datum der geplanten Inbetriebnahme": "1.6.2027",
            "Gemeindeschlüssel": ags,
            "Name des Windparks": park,
            "MaStR-Nr. der Genehmigung": "",
        },
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("pipeline_rules")
    raw = root / "raw"
    raw.mkdir()
    write_vg250_gpkg(raw / "vg250_test.gpkg")
    write_web_csv(
        raw / "Stromerzeuger_20261120.csv",
        [
            wind_row("SEE900000000001"),  # operating, 4.2 MW, Ludwigslust
            _planned("SEE900000000002", "13076001", "Windpark Alt", "6000"),
            _planned("SEE900000000003", "13076001", "Windpark Alt", "6000"),
            _planned("SEE900000000004", "13076105", "Windpark Frei", "5600"),
        ],
    )
    base = {"application_date": date(2023, 1, 10), "permit_date": date(2024, 5, 1)}
    write_list_xlsx(
        raw / "windpipeline_2026.xlsx",
        WIND_PERMITS,
        [
            # withdrawn, but both its units are still "In Planung" in the MaStR
            {**base, "procedure_id": "W-1", "project_name": "WP Alt", "turbine_count": 2,
             "municipality_key": "13076001", "capacity_mw": 12.0, "status": "zurückgezogen",
             "permit_date": None, "mastr_ids": "SEE900000000002, SEE900000000003"},
            # under construction, not (yet) in the MaStR
            {**base, "procedure_id": "B-1", "project_name": "WP Bau", "turbine_count": 3,
             "municipality_key": "13076088", "capacity_mw": 18.0, "status": "im Bau"},
            # repowering: 5 new turbines replace 8 old ones with 12 MW
            {**base, "procedure_id": "R-1", "project_name": "WP Repowering", "turbine_count": 5,
             "municipality_key": "13076105", "capacity_mw": 30.0, "status": "genehmigt",
             "replaced_turbine_count": 8, "replaced_capacity_mw": 12.0},
        ],
    )  # fmt: skip
    write_list_csv(
        raw / "wasserstoff.csv",
        HYDROGEN,
        [
            # 5 MW cannot make 9,900 t/a: 99,000-108,900 full-load hours
            {"project_id": "H2-1", "project_name": "Elektrolyse A", "project_type": "electrolysis",
             "electrolyser_mw": 5.0, "hydrogen_output_t_per_year": 9900.0, "status": "planning",
             "municipality_key": "13076088"},
            {"project_id": "H2-2", "project_name": "Elektrolyse B", "project_type": "electrolysis",
             "electrolyser_mw": 10.0, "hydrogen_output_t_per_year": 1000.0, "status": "idea",
             "municipality_key": "13076105"},
        ],
    )  # fmt: skip
    settings = Settings(raw_dir=raw, processed_dir=root / "processed")
    build_database(settings)
    return str(served_database(settings.processed_dir))


def test_withdrawn_entry_removes_its_planned_units_and_is_a_disagreement(db: str) -> None:
    s = oq.pipeline_summary(db)
    assert (s.closed_entries, s.closed_removed_units) == (1, 2)
    assert s.closed_removed_mw == pytest.approx(12.0)
    # MaStR planned units still counted: only the 5.6 MW one that no entry closes
    assert s.mastr_planned_mw == pytest.approx(5.6)
    dis = oq.disagreements(db)
    row = dis[dis["finding"] == "list_closed_mastr_active"].iloc[0]
    assert (row["procedure_id"], row["list_status"], row["mastr_status"]) == (
        "W-1",
        "withdrawn",
        "planned",
    )
    assert row["unit_ids_mastr"] == "SEE900000000002,SEE900000000003"


def test_under_construction_without_mastr_match_is_counted(db: str) -> None:
    s = oq.pipeline_summary(db)
    assert s.under_construction_unmatched == 1
    assert s.under_construction_unmatched_mw == pytest.approx(18.0)
    assert s.under_construction_mw == pytest.approx(18.0)
    assert "no_mastr_match" in set(oq.disagreements(db)["finding"])


def test_repowering_gives_gross_and_net(db: str) -> None:
    s = oq.pipeline_summary(db)
    # gross: 5.6 (MaStR only) + 18 (under construction) + 30 (approved) = 53.6 MW
    assert s.pipeline_mw == pytest.approx(53.6)
    assert s.replaced_mw == pytest.approx(12.0)
    assert s.pipeline_net_mw == pytest.approx(41.6)
    assert (s.applied_mw, s.approved_mw) == (pytest.approx(0.0), pytest.approx(35.6))
    con = duckdb.connect(db, read_only=True)
    try:
        assert con.execute(
            "SELECT replaced_turbine_count, replaced_capacity_mw FROM core_office__wind_permits "
            "WHERE procedure_id = 'R-1'"
        ).fetchall() == [(8, 12.0)]
    finally:
        con.close()


def test_municipality_pipeline_follows_the_same_rules(db: str) -> None:
    parchim = oq.pipeline_summary(db, "13076105")
    assert (parchim.pipeline_mw, parchim.pipeline_net_mw) == (
        pytest.approx(35.6),
        pytest.approx(23.6),
    )
    assert oq.pipeline_summary(db, "13076001").closed_removed_mw == pytest.approx(12.0)


def test_implausible_hydrogen_output_is_a_finding_with_file_row_fields_and_values(db: str) -> None:
    con = duckdb.connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT source_file, row_ref, record_id, source_field, raw_value, action, reason "
            "FROM meta_rejected_rows WHERE source = 'office_hydrogen_projects'"
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == 1
    file, row, record, field, raw, action, reason = rows[0]
    assert (file, row, record, action) == ("wasserstoff.csv", "2", "H2-1", "flagged")
    assert field == "Elektrolyseleistung (MW)/Wasserstoff (t/a)"
    assert raw == "5; 9900"
    assert "99,000–108,900 full-load hours" in reason
