"""The demo lists: labelled demo, in the template formats, calibrated to 3,950 MW."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl import demo
from etl.demo.office_lists import DEMO_PIPELINE_MW, write_demo_lists
from etl.office import discover


@pytest.fixture(scope="module")
def con(demo_db: Path):
    c = duckdb.connect(str(demo_db), read_only=True)
    yield c
    c.close()


def test_demo_pipeline_totals_3950_mw(con) -> None:
    total = con.execute("SELECT sum(counted_mw) FROM out_wind_pipeline").fetchall()[0][0]
    assert total == pytest.approx(DEMO_PIPELINE_MW, rel=0.005)
    # The MaStR part is the demo's planned wind, counted once, without the units whose
    # project the list marks withdrawn or rejected
    mastr = con.execute(
        "SELECT sum(counted_mw) FROM out_wind_pipeline WHERE item_type = 'mastr_unit'"
    ).fetchall()[0][0]
    closed = con.execute(
        "SELECT coalesce(sum(w.capacity_mw), 0) FROM out_wind_pipeline w "
        "JOIN core_office__wind_permits p USING (procedure_id) "
        "WHERE w.item_type = 'mastr_unit' AND p.status IN ('withdrawn', 'rejected')"
    ).fetchall()[0][0]
    assert (mastr + closed) * 1000 == pytest.approx(demo.DEMO_WIND_PLANNED_KW)
    # list entries that cover MaStR units add only what the MaStR does not have
    covered = con.execute(
        """
        SELECT p.procedure_id, p.capacity_mw, w.counted_mw, sum(m.unit_capacity_kw) / 1000
        FROM out_wind_pipeline w JOIN core_office__wind_permits p ON p.procedure_id = w.item_id
        JOIN out_permit_mastr_matches m ON m.procedure_id = p.procedure_id
        WHERE w.item_type = 'list_entry' GROUP BY ALL
        """
    ).fetchall()
    assert covered, "some listed entries reference MaStR units"
    for _pid, list_mw, counted, mastr_mw in covered:
        assert counted == pytest.approx(max(0.0, list_mw - mastr_mw), abs=1e-6)


def test_demo_is_labelled(con, demo_settings) -> None:
    assert con.execute("SELECT value FROM meta_build WHERE key='is_demo'").fetchall() == [("True",)]
    files = {r[0] for r in con.execute(
        "SELECT source_file FROM meta_load_runs WHERE source LIKE 'office_%'"
    ).fetchall()}  # fmt: skip
    assert files == {"windpipeline_DEMO.xlsx", "wasserstoff_DEMO.csv", "windgebiete_DEMO.gpkg"}
    for table in ("core_office__wind_permits", "core_office__hydrogen_projects"):
        assert con.execute(f"SELECT DISTINCT source FROM {table}").fetchall() == [("Demo-Daten",)]
    assert set(discover(demo_settings.demo_dir)) == {
        "wind_permits",
        "hydrogen_projects",
        "wind_areas",
    }


def test_demo_lists_are_clean_and_show_every_disagreement(con) -> None:
    problems = con.execute(
        "SELECT record_id, field, reason FROM meta_rejected_rows WHERE source LIKE 'office_%'"
    ).fetchall()
    # Only the one deliberate finding: 5 MW that cannot make 9,900 t/a of hydrogen.
    assert len(problems) == 1, problems
    assert problems[0][0] == "H2-010" and "full-load hours" in problems[0][2]
    findings = {
        r[0] for r in con.execute("SELECT finding FROM out_permit_reconciliation").fetchall()
    }
    assert {
        "list_permitted_mastr_operating",
        "list_closed_mastr_active",
        "mastr_missing_from_list",
        "capacity_differs",
        "mastr_id_not_found",
    } <= findings
    methods = {
        r[0] for r in con.execute("SELECT match_method FROM out_permit_mastr_matches").fetchall()
    }
    assert methods == {"mastr_unit_id", "municipality_capacity_date"}


def test_demo_wind_areas_against_the_targets(con) -> None:
    designated, any_km2, land = con.execute(
        "SELECT sum(designated_km2), sum(any_km2), sum(municipality_area_km2) "
        "FROM out_wind_area_by_municipality"
    ).fetchall()[0]
    assert 0.8 < 100 * designated / land < 1.4  # below the 2027 target of 1.4 %
    assert 2.1 < 100 * any_km2 / land < 2.6  # drafts would reach the 2032 target
    loc = dict(con.execute(
        "SELECT location, count(*) FROM out_wind_units_in_areas WHERE status = 'operating' "
        "GROUP BY ALL"
    ).fetchall())  # fmt: skip
    assert loc["designated"] > 0 and loc["outside"] > 0


def test_demo_hydrogen_projects_and_their_neighbourhood(con) -> None:
    rows = con.execute(
        "SELECT project_id, is_location_approximate FROM core_office__hydrogen_projects"
    ).fetchall()
    assert len(rows) == 10 and any(a for _, a in rows) and not all(a for _, a in rows)
    near = con.execute(
        "SELECT radius_km, sum(capacity_kw) FROM out_hydrogen_nearby_capacity "
        "WHERE project_id = 'H2-003' AND scope = 'radius' GROUP BY ALL ORDER BY 1"
    ).fetchall()
    caps = [c for _, c in near]
    assert caps == sorted(caps) and caps[-1] > 0  # more within a larger radius


def test_demo_lists_are_deterministic(demo_settings, tmp_path) -> None:
    for name in (demo.BULK_ZIP_NAME, demo.BOUNDARIES_NAME):
        shutil.copy(demo_settings.demo_dir / name, tmp_path / name)
    first = {p.name: p.read_bytes() for p in write_demo_lists(tmp_path)}
    second = {p.name: p.read_bytes() for p in write_demo_lists(tmp_path)}
    assert first == second
    assert all("DEMO" in name for name in first)
