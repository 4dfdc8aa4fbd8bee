""" "Changes since": two builds that differ by known units, and a date cut-off."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import finalize, schema
from etl.sink import BuildSink
from reports import changes

MUNI_A = "13076001"
MUNI_B = "13076002"


def unit(
    uid: str,
    carrier: str,
    status: str,
    kw: float,
    *,
    muni: str = MUNI_A,
    commissioned: str | None = None,
    registered: str | None = "2020-01-01",
    decommissioned: str | None = None,
) -> dict:
    """One unit row with every schema column."""
    row = {c: None for c in schema.UNITS.column_names}
    row.update(
        unit_id_mastr=uid,
        unit_name=f"Unit {uid}",
        carrier=carrier,
        status=status,
        gross_capacity_kw=kw,
        net_capacity_kw=kw,
        commissioning_date=commissioned,
        registration_date=registered,
        decommissioning_date=decommissioned,
        municipality_key=muni,
        is_capacity_suspect=False,
        source="mastr_bulk",
        source_file="Gesamtdatenexport_test.zip",
    )
    return row


def make_build(
    path: Path, units: list[dict], data_date: str, permits: list[dict] | None = None
) -> Path:
    """A small database with the real schema, built through the sink and finalize.

    ``permits`` (rows of the office's permit list) are stored in its real table.
    """
    con = duckdb.connect(str(path))
    try:
        sink = BuildSink(con)
        sink.add_units(pd.DataFrame(units), "mastr_bulk", "Gesamtdatenexport_test.zip")
        finalize.resolve_duplicates(con)
        if permits is not None:
            from etl.schema.office import WIND_PERMITS_TABLE as T

            # BuildSink creates it already when etl.office was imported (it registers its tables)
            con.execute(T.ddl().replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
            df = pd.DataFrame([{c: p.get(c) for c in T.column_names} for p in permits])
            con.register("_p", schema.conform(df, T))
            con.execute(f"INSERT INTO {T.name} SELECT * FROM _p")
        sink.set_info("build_id", path.stem)
        sink.set_info("data_date", data_date)
        sink.set_info("region_prefix", "13076")
        sink.set_info("is_demo", False)
        sink.set_info("built_at", f"{data_date}T06:00:00+00:00")
    finally:
        con.close()
    return path


OLD_UNITS = [
    unit("SEE900000000001", "wind_onshore", "operating", 3000, commissioned="2020-01-01"),
    unit("SEE900000000002", "wind_onshore", "planned", 5000),
    unit("SEE900000000003", "wind_onshore", "operating", 2000, commissioned="2001-01-01"),
    unit("SEE900000000004", "pv_ground", "operating", 10_000, commissioned="2021-06-01"),
    unit("SEE900000000005", "biomass", "operating", 500, commissioned="2010-01-01"),
    unit("SEE900000000006", "pv_building", "operating", 10, commissioned="2019-01-01"),
    unit(
        "SEE900000000007", "wind_onshore", "operating", 3300, muni=MUNI_B, commissioned="2018-03-01"
    ),
]
NEW_UNITS = [
    OLD_UNITS[0],
    # planned → in operation
    unit("SEE900000000002", "wind_onshore", "operating", 5000, commissioned="2026-08-10"),
    # in operation → finally decommissioned
    unit(
        "SEE900000000003",
        "wind_onshore",
        "permanently_shut_down",
        2000,
        commissioned="2001-01-01",
        decommissioned="2026-09-01",
    ),
    # capacity corrected 10 → 12 MW
    unit("SEE900000000004", "pv_ground", "operating", 12_000, commissioned="2021-06-01"),
    # status changed
    unit("SEE900000000005", "biomass", "temporarily_shut_down", 500, commissioned="2010-01-01"),
    # SEE900000000006 gone from the register
    OLD_UNITS[6],
    # new units
    unit("SEE900000000011", "wind_onshore", "operating", 4200, commissioned="2026-09-15"),
    unit("SEE900000000012", "wind_onshore", "planned", 5600, registered="2026-09-20"),
    unit("SEE900000000013", "storage", "operating", 100, commissioned="2026-08-01"),
    unit(
        "SEE900000000014",
        "pv_building",
        "operating",
        8,
        commissioned="2015-05-05",
        registered="2026-09-01",
    ),
    unit("SEE900000000015", "pv_ground", "operating", 7500, muni=MUNI_B, commissioned="2026-09-30"),
]


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("builds")
    old = make_build(folder / "energy-20260701T060000000000Z.duckdb", OLD_UNITS, "2026-07-01")
    new = make_build(folder / "energy-20261001T060000000000Z.duckdb", NEW_UNITS, "2026-10-01")
    return old, new


def test_compare_builds_finds_each_known_change(two_builds: tuple[Path, Path]) -> None:
    old, new = two_builds
    ch = changes.compare_builds(new, old)
    assert ch.mode == "build"
    assert ch.since == date(2026, 7, 1)
    assert ch.baseline_build_id == old.stem
    assert ch.current_build_id == new.stem
    # planned→operating (5 MW), new 4.2 MW wind, new 0.1 MW storage, new 7.5 MW PV (muni B)
    assert ch.totals("commissioned") == (4, 16_800)
    assert dict((c, (n, kw)) for c, n, kw in ch.by_carrier("commissioned")) == {
        "wind_onshore": (2, 9200),
        "storage": (1, 100),
        "pv_ground": (1, 7500),
    }
    assert ch.totals("planned") == (1, 5600)
    assert ch.totals("decommissioned") == (1, 2000)
    assert ch.totals("registered_late") == (1, 8)
    assert ch.totals("removed") == (1, 10)
    assert ch.totals("capacity_changed") == (1, 2000)
    assert ch.totals("status_changed") == (1, 500)
    # the correction list names exactly the two corrected units
    assert sorted(ch.corrections["unit_id_mastr"]) == ["SEE900000000004", "SEE900000000005"]
    # an unchanged unit appears nowhere
    assert not ch.is_empty


def test_sentence_reads_like_the_issue_example(two_builds: tuple[Path, Path]) -> None:
    old, new = two_builds
    de = changes.compare_builds(new, old).sentence("de").replace("\u00a0", " ")
    assert de.startswith(
        "Seit dem 1. Juli 2026 sind 2 Windenergieanlagen mit 9,2 MW, "
        "1 Photovoltaik-Freiflächenanlage mit 7,5 MW und 1 Stromspeicher mit 0,1 MW "
        "in Betrieb gegangen."
    )
    assert "Neu als geplant gemeldet wurde 1 Windenergieanlage mit 5,6 MW." in de
    assert "Endgültig stillgelegt wurde 1 Windenergieanlage mit 2 MW." in de
    assert "bei 1 Anlage die Leistung (zusammen +2 MW)" in de
    assert "bei 1 Anlage der Status" in de
    en = changes.compare_builds(new, old).sentence("en").replace("\u00a0", " ")
    assert en.startswith("Since 1 July 2026, 2 wind turbines with 9.2 MW")
    assert "have gone into operation." in en


def test_municipality_filter(two_builds: tuple[Path, Path]) -> None:
    old, new = two_builds
    ch = changes.compare_builds(new, old, municipality_key=MUNI_B)
    assert ch.totals("commissioned") == (1, 7500)
    assert ch.totals("decommissioned") == (0, 0.0)
    assert ch.corrections.empty
    de = ch.sentence("de").replace("\u00a0", " ")
    assert de == (
        "Seit dem 1. Juli 2026 ist 1 Photovoltaik-Freiflächenanlage mit 7,5 MW in Betrieb gegangen."
    )


def test_changes_since_date_uses_unit_dates(two_builds: tuple[Path, Path]) -> None:
    _, new = two_builds
    ch = changes.changes_since_date(new, date(2026, 9, 1))
    # commissioned after 1 Sep: 4.2 MW wind (15 Sep), 7.5 MW PV (30 Sep)
    assert ch.totals("commissioned") == (2, 11_700)
    assert ch.totals("planned") == (1, 5600)
    # decommissioned on 1 Sep is not after 1 Sep
    assert ch.totals("decommissioned") == (0, 0.0)
    assert "capacity_changed" not in ch.available
    ch_aug = changes.changes_since_date(new, date(2026, 7, 31))
    assert ch_aug.totals("commissioned") == (4, 16_800)
    assert ch_aug.totals("decommissioned") == (1, 2000)


def test_no_changes_sentence(two_builds: tuple[Path, Path], tmp_path: Path) -> None:
    _, new = two_builds
    copy = make_build(tmp_path / "energy-20261002T060000000000Z.duckdb", NEW_UNITS, "2026-10-02")
    ch = changes.compare_builds(copy, new)
    assert ch.is_empty
    assert (
        ch.sentence("de") == "Seit dem 1. Oktober 2026 ist keine neue Anlage in Betrieb gegangen."
    )
    assert ch.table("de").empty


def test_table_labels_and_german_numbers(two_builds: tuple[Path, Path]) -> None:
    old, new = two_builds
    t = changes.compare_builds(new, old).table("de")
    assert list(t.columns) == ["Änderung", "Energieträger", "Anlagen", "Leistung (MW)"]
    first = t.iloc[0].tolist()
    assert first[0] == "Neu in Betrieb"
    assert first[3] == "9,2"
    assert "+2,0" in t["Leistung (MW)"].tolist()


def test_previous_build_and_refusals(two_builds: tuple[Path, Path]) -> None:
    old, new = two_builds
    assert changes.previous_build(new.parent, new) == old
    assert changes.previous_build(new.parent, old) is None
    with pytest.raises(ValueError, match="served build itself"):
        changes.compare_builds(new, new)
    with pytest.raises(FileNotFoundError):
        changes.compare_builds(new, new.parent / "energy-missing.duckdb")


def permit(pid: str, n: int, mw: float, status: str, applied: str, granted: str | None) -> dict:
    """One procedure of the office's wind permit list."""
    return {
        "procedure_id": pid,
        "project_name": f"Windpark {pid}",
        "municipality_key": MUNI_A if pid != "P4" else MUNI_B,
        "turbine_count": n,
        "capacity_mw": mw,
        "status": status,
        "application_date": applied,
        "permit_date": granted,
        "source_file": "genehmigungen.xlsx",
    }


def test_permits_granted_and_applied_for(tmp_path: Path) -> None:
    permits = [
        permit("P1", 12, 68.0, "approved", "2025-01-10", "2026-08-01"),  # granted after
        permit("P2", 3, 18.6, "applied", "2026-09-01", None),  # applied after
        permit("P3", 5, 30.0, "approved", "2024-01-01", "2025-12-01"),  # all before
        permit("P4", 2, 11.2, "applied", "2026-10-01", None),  # other municipality
    ]
    db = make_build(
        tmp_path / "energy-20261001T060000000000Z.duckdb", NEW_UNITS, "2026-10-01", permits
    )
    ch = changes.changes_since_date(db, date(2026, 7, 1))
    assert ch.totals("permit_granted") == (12, 68_000)
    assert ch.totals("permit_applied") == (5, 29_800)
    assert "permit_granted" in ch.available
    de = ch.sentence("de").replace("\u00a0", " ")
    assert (
        "Laut Genehmigungsliste der Koordinierungsstelle wurden 12 Windenergieanlagen mit 68 MW "
        "genehmigt und 5 Windenergieanlagen mit 29,8 MW beantragt."
    ) in de
    only_a = changes.changes_since_date(db, date(2026, 7, 1), municipality_key=MUNI_A)
    assert only_a.totals("permit_applied") == (3, 18_600)
