"""Reconciliation rules on small frames: matching, every finding, no double counting."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from etl.office.reconcile import (
    find_disagreements,
    match_permits,
    pipeline_items,
    stage_durations,
)

PERMIT_COLS = [
    "procedure_id", "project_name", "municipality_key", "municipality_name", "turbine_count",
    "capacity_mw", "status", "application_date", "permit_date", "construction_start_date",
    "expected_commissioning_date", "commissioning_date", "unit_ids_mastr", "permit_ids_mastr",
    "replaced_turbine_count", "replaced_capacity_mw",
]  # fmt: skip


def permit(pid: str, status: str, mw: float, n: int, key: str = "13076001", **kw) -> dict:
    row = dict.fromkeys(PERMIT_COLS)
    row.update(procedure_id=pid, project_name=f"WP {pid}", municipality_key=key,
               municipality_name="Ort", turbine_count=n, capacity_mw=mw, status=status)  # fmt: skip
    row.update(kw)
    return row


def unit(uid: str, status: str, kw: float, key: str = "13076001", park: str = "P", **extra):
    return {
        "unit_id_mastr": uid, "status": status, "gross_capacity_kw": kw, "municipality_key": key,
        "municipality_name": "Ort", "wind_park_name": park, "permit_id_mastr": None,
        "commissioning_date": None, "planned_commissioning_date": None, **extra,
    }  # fmt: skip


def run(permits: list[dict], units: list[dict]):
    p = pd.DataFrame(permits, columns=PERMIT_COLS)
    u = pd.DataFrame(units)
    m = match_permits(p, u)
    return m, find_disagreements(p, u, m), pipeline_items(p, u, m)


def test_heuristic_match_needs_municipality_capacity_and_date() -> None:
    june, july = date(2027, 6, 1), date(2027, 7, 1)
    units = [
        unit("SEE000000000001", "planned", 6000, park="A", planned_commissioning_date=june),
        unit("SEE000000000002", "planned", 6000, park="A", planned_commissioning_date=july),
        unit("SEE000000000003", "planned", 6000, key="13076002", park="B",
             planned_commissioning_date=june),
    ]  # fmt: skip
    permits = [
        permit("H-1", "approved", 12.5, 2, expected_commissioning_date=date(2027, 3, 1)),
        permit("H-2", "approved", 6.0, 1, key="13076002",
               expected_commissioning_date=date(2031, 1, 1)),  # 3.5 years off: no match
    ]  # fmt: skip
    m, findings, items = run(permits, units)
    assert sorted(m["unit_id_mastr"]) == ["SEE000000000001", "SEE000000000002"]
    assert set(m["match_method"]) == {"municipality_capacity_date"}
    counted = dict(zip(items["item_id"], items["counted_mw"], strict=True))
    assert counted["H-1"] == pytest.approx(0.5)  # only what the two MaStR units do not cover
    assert counted["H-2"] == pytest.approx(6.0)  # unmatched: counts fully …
    assert counted["SEE000000000003"] == pytest.approx(6.0)  # … and so does the MaStR unit
    assert ("mastr_missing_from_list", "SEE000000000003") in set(
        zip(findings["finding"], findings["unit_ids_mastr"], strict=True)
    )


@pytest.mark.parametrize(
    ("status", "unit_status", "mw", "n", "finding"),
    [
        ("approved", "operating", 6.0, 1, "list_permitted_mastr_operating"),
        ("under_construction", "operating", 6.0, 1, "list_permitted_mastr_operating"),
        ("operating", "planned", 6.0, 1, "list_operating_mastr_planned"),
        ("withdrawn", "planned", 6.0, 1, "list_closed_mastr_active"),
        ("rejected", "operating", 6.0, 1, "list_closed_mastr_active"),
        ("approved", "planned", 9.0, 1, "capacity_differs"),
        ("approved", "planned", 6.2, 2, "turbine_count_differs"),
    ],
)
def test_each_disagreement(status, unit_status, mw, n, finding) -> None:
    units = [unit("SEE000000000001", unit_status, 6000)]
    _, findings, _ = run([permit("X", status, mw, n, unit_ids_mastr="SEE000000000001")], units)
    assert list(findings["finding"]) == [finding]


def test_unknown_id_and_unregistered_projects_are_reported() -> None:
    permits = [
        permit("A", "approved", 6.0, 1, unit_ids_mastr="SEE999999999999"),
        permit("B", "operating", 6.0, 1),
        permit("C", "approved", 6.0, 1),  # approved, not yet registered: normal, not reported
    ]
    _, findings, items = run(permits, [unit("SEE000000000001", "operating", 3000, key="13076009")])
    assert sorted(zip(findings["finding"], findings["procedure_id"], strict=True)) == [
        ("mastr_id_not_found", "A"),
        ("no_mastr_match", "B"),
    ]
    assert items["counted_mw"].sum() == pytest.approx(12.0)


def test_permit_number_matches_all_units_of_the_permit() -> None:
    units = [
        unit("SEE000000000001", "planned", 5000, permit_id_mastr="SGE000000000001"),
        unit("SEE000000000002", "planned", 5000, permit_id_mastr="SGE000000000001"),
        unit("SEE000000000003", "planned", 5000, permit_id_mastr="SGE000000000002"),
    ]
    m, _, items = run([permit("G", "approved", 10.0, 2, permit_ids_mastr="SGE000000000001")], units)
    assert sorted(m["unit_id_mastr"]) == ["SEE000000000001", "SEE000000000002"]
    assert set(m["match_method"]) == {"mastr_permit_id"}
    assert items["counted_mw"].sum() == pytest.approx(15.0)  # three units, nothing twice


def test_stage_durations() -> None:
    p = pd.DataFrame(
        [
            permit("D-1", "applied", 6, 1, application_date=date(2025, 11, 20)),
            permit("D-2", "operating", 6, 1, application_date=date(2020, 1, 1),
                   permit_date=date(2021, 1, 1), construction_start_date=date(2022, 1, 1),
                   commissioning_date=date(2022, 12, 1)),
            permit("D-3", "rejected", 6, 1, application_date=date(2020, 1, 1)),
        ],
        columns=PERMIT_COLS,
    )  # fmt: skip
    d = stage_durations(p, date(2026, 11, 20))
    rows = {(r.procedure_id, r.stage): (r.days, r.is_ongoing) for r in d.itertuples()}
    assert rows == {
        ("D-1", "applied"): (365, True),
        ("D-2", "applied"): (366, False),
        ("D-2", "approved"): (365, False),
        ("D-2", "under_construction"): (334, False),
    }


def test_withdrawn_entry_takes_its_planned_units_out_of_the_pipeline() -> None:
    units = [
        unit("SEE000000000011", "planned", 6000, park="W"),
        unit("SEE000000000012", "planned", 6000, park="W"),
        unit("SEE000000000013", "planned", 5000, key="13076002", park="R"),
    ]
    permits = [
        # named by number
        permit("W-1", "withdrawn", 12.0, 2, unit_ids_mastr="SEE000000000011,SEE000000000012"),
        # no number: matched by municipality and capacity, still the list wins
        permit("R-1", "rejected", 5.0, 1, key="13076002"),
    ]
    _, findings, items = run(permits, units)
    counted = dict(zip(items["item_id"], items["counted_mw"], strict=True))
    assert counted == {"SEE000000000011": 0.0, "SEE000000000012": 0.0, "SEE000000000013": 0.0}
    assert items["turbine_count"].sum() == 0
    closed = findings[findings["finding"] == "list_closed_mastr_active"]
    assert sorted(closed["procedure_id"]) == ["R-1", "W-1"]
    assert closed.set_index("procedure_id").loc["W-1", "mastr_capacity_mw"] == pytest.approx(12.0)
    assert "not counted" in closed.set_index("procedure_id").loc["R-1", "detail"]


def test_withdrawn_entry_never_takes_units_a_live_entry_fits() -> None:
    units = [unit("SEE000000000021", "planned", 6000, park="A")]
    permits = [permit("A-1", "approved", 6.0, 1), permit("A-2", "withdrawn", 6.0, 1)]
    m, _, items = run(permits, units)
    assert list(zip(m["procedure_id"], m["unit_id_mastr"], strict=True)) == [
        ("A-1", "SEE000000000021")
    ]
    assert items.set_index("item_id").loc["SEE000000000021", "counted_mw"] == pytest.approx(6.0)


def test_under_construction_entry_without_mastr_match_is_counted() -> None:
    permits = [permit("B-1", "under_construction", 16.8, 3)]
    _, findings, items = run(permits, [unit("SEE000000000031", "operating", 3000, park="X")])
    row = items.set_index("item_id").loc["B-1"]
    assert (row["stage"], row["counted_mw"], row["turbine_count"]) == (
        "under_construction",
        pytest.approx(16.8),
        3,
    )
    assert "no_mastr_match" in set(findings["finding"])


def test_repowering_gives_gross_and_net() -> None:
    permits = [
        permit("P-1", "approved", 28.0, 4, replaced_capacity_mw=9.0, replaced_turbine_count=6),
        permit("P-2", "applied", 12.0, 2),
        permit("P-3", "withdrawn", 20.0, 3, replaced_capacity_mw=5.0),  # not in the pipeline
    ]
    _, _, items = run(permits, [unit("SEE000000000041", "operating", 3000, key="13076009")])
    gross = items["counted_mw"].sum()
    net = gross - items["replaced_mw"].sum()
    assert (gross, net) == (pytest.approx(40.0), pytest.approx(31.0))
    assert "repowering: 9.0 MW" in items.set_index("item_id").loc["P-1", "note"]
