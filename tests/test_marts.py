"""Marts of the demo build: declared layout, unique grain, sums that match the core tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from etl import schema


@pytest.fixture(scope="module")
def con(demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = duckdb.connect(str(demo_db), read_only=True)
    yield c
    c.close()


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


@pytest.mark.parametrize("mart", schema.MARTS, ids=lambda t: t.name)
def test_mart_has_its_declared_columns_and_types(con, mart: schema.Table) -> None:
    described = [(r[0], r[1]) for r in con.execute(f"DESCRIBE {mart.name}").fetchall()]
    assert described == [(c.name, c.dtype) for c in mart.columns]
    assert _one(con, f"SELECT count(*) FROM {mart.name}") > 0, "the demo build fills every mart"


@pytest.mark.parametrize("mart", schema.MARTS, ids=lambda t: t.name)
def test_mart_grain_is_unique(con, mart: schema.Table) -> None:
    key = ", ".join(f'"{k}"' for k in mart.unique_key)
    assert key, f"{mart.name} declares no grain key"
    dups = _one(
        con,
        f"SELECT count(*) FROM (SELECT {key}, count(*) AS n FROM {mart.name} "
        "GROUP BY ALL HAVING n > 1)",
    )
    assert dups == 0


def test_capacity_by_municipality_sums_to_the_units(con) -> None:
    diff = con.execute(
        """
        WITH m AS (
            SELECT carrier, status, sum(unit_count) AS n, sum(gross_capacity_kw) AS gross,
                   sum(net_capacity_kw) AS net, sum(storage_energy_kwh) AS kwh
            FROM out_capacity_by_municipality GROUP BY ALL
        ),
        u AS (
            SELECT carrier, status, count(*) AS n, sum(gross_capacity_kw) AS gross,
                   sum(net_capacity_kw) AS net, sum(storage_energy_kwh) AS kwh
            FROM core_mastr__units GROUP BY ALL
        )
        SELECT count(*) FROM m FULL JOIN u USING (carrier, status)
        WHERE m.n IS DISTINCT FROM u.n
           OR abs(coalesce(m.gross, 0) - coalesce(u.gross, 0)) > 1e-6
           OR abs(coalesce(m.net, 0) - coalesce(u.net, 0)) > 1e-6
           OR abs(coalesce(m.kwh, 0) - coalesce(u.kwh, 0)) > 1e-6
        """
    ).fetchone()[0]
    assert diff == 0
    assert _one(con, "SELECT sum(unit_count) FROM out_capacity_by_municipality") == _one(
        con, "SELECT count(*) FROM core_mastr__units"
    )


def test_capacity_events_are_consistent_with_the_units(con) -> None:
    planned = con.execute(
        """
        SELECT (SELECT sum(unit_count) FROM out_capacity_events WHERE event = 'planned'),
               (SELECT count(*) FROM core_mastr__units WHERE status = 'planned'),
               (SELECT sum(capacity_kw) FROM out_capacity_events WHERE event = 'planned'),
               (SELECT coalesce(sum(gross_capacity_kw), 0) FROM core_mastr__units
                WHERE status = 'planned')
        """
    ).fetchone()
    assert planned[0] == planned[1]
    assert planned[2] == pytest.approx(planned[3])
    installed = """
        FROM core_mastr__units
        WHERE status <> 'planned' AND commissioning_date IS NOT NULL
          AND NOT (status = 'permanently_shut_down' AND decommissioning_date IS NULL
                   AND last_update IS NULL)
    """
    commissioned = con.execute(
        "SELECT sum(unit_count), sum(capacity_kw) FROM out_capacity_events "
        "WHERE event = 'commissioned'"
    ).fetchone()
    expected = con.execute(f"SELECT count(*), coalesce(sum(gross_capacity_kw), 0) {installed}")
    n, kw = expected.fetchone()
    assert commissioned[0] == n and commissioned[1] == pytest.approx(kw)
    # every decommissioning belongs to a commissioned unit of the same carrier
    over = _one(
        con,
        """
        SELECT count(*) FROM (
            SELECT carrier,
                   sum(unit_count) FILTER (WHERE event = 'decommissioned') AS gone,
                   sum(unit_count) FILTER (WHERE event = 'commissioned') AS built
            FROM out_capacity_events GROUP BY carrier
        ) WHERE coalesce(gone, 0) > coalesce(built, 0)
        """,
    )
    assert over == 0


def test_map_points_are_the_units_with_coordinates(con) -> None:
    cols = ", ".join(f'"{c}"' for c in schema.table("out_map_points").column_names)
    extra = _one(
        con,
        f"SELECT count(*) FROM (SELECT {cols} FROM out_map_points "
        f"EXCEPT SELECT {cols} FROM core_mastr__units)",
    )
    assert extra == 0
    assert _one(con, "SELECT count(*) FROM out_map_points") == _one(
        con,
        "SELECT count(*) FROM core_mastr__units WHERE latitude IS NOT NULL "
        "AND longitude IS NOT NULL",
    )


def test_eeg_marts_add_up(con) -> None:
    outside = _one(
        con,
        """
        SELECT count(*) FROM out_eeg_wind_shares s
        LEFT JOIN core_mastr__units u USING (unit_id_mastr)
        WHERE u.unit_id_mastr IS NULL OR u.carrier <> 'wind_onshore'
           OR u.status NOT IN ('operating', 'planned')
           OR u.gross_capacity_kw IS DISTINCT FROM s.gross_capacity_kw
        """,
    )
    assert outside == 0
    assert (
        _one(
            con,
            "SELECT count(*) FROM (SELECT unit_id_mastr, sum(share) AS s FROM out_eeg_wind_shares "
            "GROUP BY ALL HAVING s > 1 + 1e-9)",
        )
        == 0
    )
    wind = con.execute(
        "SELECT (SELECT sum(wind_share_kw) FROM out_eeg_by_municipality), "
        "(SELECT sum(share * gross_capacity_kw) FROM out_eeg_wind_shares)"
    ).fetchone()
    assert wind[0] == pytest.approx(wind[1])
    pv = con.execute(
        """
        SELECT (SELECT sum(pv_ground_units) FROM out_eeg_by_municipality),
               (SELECT sum(pv_ground_kw) FROM out_eeg_by_municipality),
               (SELECT count(*) FROM core_mastr__units WHERE carrier = 'pv_ground'
                  AND status IN ('operating', 'planned') AND municipality_key IS NOT NULL),
               (SELECT coalesce(sum(gross_capacity_kw), 0) FROM core_mastr__units
                WHERE carrier = 'pv_ground' AND status IN ('operating', 'planned')
                  AND municipality_key IS NOT NULL)
        """
    ).fetchone()
    assert pv[0] == pv[2] and pv[1] == pytest.approx(pv[3])


def test_permit_marts_refer_to_the_permit_list_and_the_units(con) -> None:
    for mart in ("out_permit_mastr_matches", "out_permit_stage_durations"):
        orphans = _one(
            con,
            f"SELECT count(*) FROM {mart} WHERE procedure_id NOT IN "
            "(SELECT procedure_id FROM core_office__wind_permits)",
        )
        assert orphans == 0, mart
    assert (
        _one(
            con,
            "SELECT count(*) FROM out_permit_reconciliation WHERE procedure_id IS NOT NULL AND "
            "procedure_id NOT IN (SELECT procedure_id FROM core_office__wind_permits)",
        )
        == 0
    )
    mismatched = _one(
        con,
        """
        SELECT count(*) FROM out_permit_mastr_matches m
        LEFT JOIN core_mastr__units u USING (unit_id_mastr)
        WHERE u.unit_id_mastr IS NULL OR u.carrier <> 'wind_onshore'
           OR u.status IS DISTINCT FROM m.unit_status
           OR u.gross_capacity_kw IS DISTINCT FROM m.unit_capacity_kw
        """,
    )
    assert mismatched == 0


def test_wind_pipeline_counts_each_planned_unit_and_pipeline_entry_once(con) -> None:
    units = con.execute(
        """
        SELECT (SELECT count(*) FROM out_wind_pipeline WHERE item_type = 'mastr_unit'),
               (SELECT sum(capacity_mw) FROM out_wind_pipeline WHERE item_type = 'mastr_unit'),
               (SELECT count(*) FROM core_mastr__units
                WHERE carrier = 'wind_onshore' AND status = 'planned'),
               (SELECT coalesce(sum(gross_capacity_kw), 0) / 1000 FROM core_mastr__units
                WHERE carrier = 'wind_onshore' AND status = 'planned')
        """
    ).fetchone()
    assert units[0] == units[2] and units[1] == pytest.approx(units[3])
    entries = con.execute(
        """
        SELECT (SELECT count(*) FROM out_wind_pipeline WHERE item_type = 'list_entry'),
               (SELECT count(*) FROM core_office__wind_permits
                WHERE status IN ('applied', 'approved', 'under_construction'))
        """
    ).fetchone()
    assert entries[0] == entries[1]
    assert _one(con, "SELECT count(*) FROM out_wind_pipeline WHERE counted_mw > capacity_mw") == 0


def test_wind_area_marts_match_municipalities_and_units(con) -> None:
    assert _one(con, "SELECT count(*) FROM out_wind_area_by_municipality") == _one(
        con, "SELECT count(*) FROM core_bkg__municipalities"
    )
    assert (
        _one(
            con,
            "SELECT count(*) FROM out_wind_area_by_municipality "
            "WHERE any_km2 < designated_km2 - 1e-9 OR any_km2 > municipality_area_km2 + 1e-6",
        )
        == 0
    )
    units = con.execute(
        """
        SELECT (SELECT count(*) FROM out_wind_units_in_areas),
               (SELECT sum(gross_capacity_kw) FROM out_wind_units_in_areas),
               (SELECT count(*) FROM core_mastr__units WHERE carrier = 'wind_onshore'),
               (SELECT sum(gross_capacity_kw) FROM core_mastr__units
                WHERE carrier = 'wind_onshore')
        """
    ).fetchone()
    assert units[0] == units[2] and units[1] == pytest.approx(units[3])


def test_hydrogen_nearby_capacity_in_the_municipality_matches_the_units(con) -> None:
    from etl.office.geo import RENEWABLE_CARRIERS

    carriers = ", ".join(f"'{c}'" for c in RENEWABLE_CARRIERS)
    diff = _one(
        con,
        f"""
        WITH u AS (
            SELECT p.project_id, u.carrier, u.status, count(*) AS n,
                   sum(u.gross_capacity_kw) AS kw
            FROM core_office__hydrogen_projects p
            JOIN core_mastr__units u ON u.municipality_key = p.municipality_key
            WHERE u.carrier IN ({carriers}) AND u.status IN ('operating', 'planned')
            GROUP BY ALL
        ),
        m AS (
            SELECT project_id, carrier, status, unit_count AS n, capacity_kw AS kw
            FROM out_hydrogen_nearby_capacity WHERE scope = 'municipality'
        )
        SELECT count(*) FROM m FULL JOIN u USING (project_id, carrier, status)
        WHERE m.n IS DISTINCT FROM u.n OR abs(coalesce(m.kw, 0) - coalesce(u.kw, 0)) > 1e-6
        """,
    )
    assert diff == 0
    assert (
        _one(
            con,
            "SELECT count(*) FROM out_hydrogen_nearby_capacity WHERE project_id NOT IN "
            "(SELECT project_id FROM core_office__hydrogen_projects)",
        )
        == 0
    )
