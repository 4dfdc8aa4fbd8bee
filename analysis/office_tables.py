"""Tables of the office pages (Pipeline, Wasserstoff, Flächenziel): numbers stay numbers.

Like :mod:`analysis.tables`: English column names, numbers and dates as
values, codes as readable labels; the dashboard's column configuration says
how they look.
"""

from __future__ import annotations

import pandas as pd

from analysis.format import DASH
from analysis.i18n import status_label, t

#: Pipeline stages in the order of the per-municipality table (``mastr_only`` last).
PIPELINE_STATUSES: tuple[str, ...] = (
    "applied",
    "approved",
    "under_construction",
    "operating",
    "mastr_only",
)


def stage_label(code: object, lang: str) -> str:
    """Readable stage of a permit (``–`` when missing)."""
    return t(f"stage_{code}", lang) if isinstance(code, str) else DASH


def disagreement_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Findings where the permit list and the MaStR disagree."""
    return pd.DataFrame(
        {
            "finding": [t(f"finding_{f}", lang) for f in df["finding"]],
            "procedure_id": df["procedure_id"].fillna(DASH).to_numpy(),
            "project_name": df["project_name"].fillna(DASH).to_numpy(),
            "municipality_name": df["municipality_name"].fillna(df["municipality_key"]).to_numpy(),
            "list_status": [stage_label(s, lang) for s in df["list_status"]],
            "mastr_status": [
                status_label(s, lang) if isinstance(s, str) else DASH for s in df["mastr_status"]
            ],
            "list_capacity_mw": df["list_capacity_mw"].to_numpy(dtype="float64"),
            "mastr_capacity_mw": df["mastr_capacity_mw"].to_numpy(dtype="float64"),
            "unit_ids_mastr": df["unit_ids_mastr"].fillna("").str.replace(",", ", ").to_numpy(),
        }
    )


def pipeline_by_municipality_table(by_muni: pd.DataFrame) -> pd.DataFrame:
    """Per municipality: MW per stage (columns named by status) and the counted pipeline MW.

    ``by_muni`` from :func:`analysis.office_queries.pipeline_by_municipality`;
    largest pipeline first.
    """
    pivot = by_muni.pivot_table(
        index=["municipality_name", "pipeline_mw"],
        columns="status",
        values="mw",
        aggfunc="sum",
        fill_value=0.0,
    ).reset_index()
    pivot = pivot.sort_values(["pipeline_mw", "municipality_name"], ascending=[False, True])
    statuses = [s for s in PIPELINE_STATUSES if s in pivot]
    pivot.columns.name = None
    return pivot[["municipality_name", *statuses, "pipeline_mw"]].reset_index(drop=True)


def permits_table(permits: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The permit list as loaded, with the stage as text."""
    out = permits[
        [
            "procedure_id",
            "project_name",
            "municipality_name",
            "status",
            "turbine_count",
            "capacity_mw",
            "counted_mw",
            "application_date",
            "permit_date",
            "source",
        ]
    ].copy()
    out["status"] = [stage_label(s, lang) for s in permits["status"]]
    out["source"] = out["source"].fillna("")
    return out


def nearby_table(projects: pd.DataFrame, nearby: pd.DataFrame) -> pd.DataFrame:
    """Per hydrogen project: renewable MW in its municipality and within the radius.

    ``nearby`` from :func:`analysis.office_queries.hydrogen_nearby` (one radius).
    """

    def mw(scope: str, status: str, carriers: tuple[str, ...] | None = None) -> pd.Series:
        sel = nearby[(nearby["scope"] == scope) & (nearby["status"] == status)]
        if carriers is not None:
            sel = sel[sel["carrier"].isin(carriers)]
        return sel.groupby("project_id")["capacity_kw"].sum() / 1000

    ids = projects["project_id"]
    pv = ("pv_ground", "pv_building", "pv_other")

    def per_project(values: pd.Series) -> list[float]:
        return [float(values.get(i, 0)) for i in ids]

    return pd.DataFrame(
        {
            "project_name": projects["project_name"].to_numpy(),
            "municipality_name": projects["municipality_name"].fillna(DASH).to_numpy(),
            "electrolyser_mw": projects["electrolyser_mw"].to_numpy(dtype="float64"),
            "same_municipality_mw": per_project(mw("municipality", "operating")),
            "wind_mw": per_project(mw("radius", "operating", ("wind_onshore",))),
            "pv_mw": per_project(mw("radius", "operating", pv)),
            "total_mw": per_project(mw("radius", "operating")),
            "planned_mw": per_project(mw("radius", "planned")),
        }
    )


#: Hydrogen stages shown side by side and never added up (an idea is not a plant).
H2_STAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "operating": ("operating",),
    "decided": ("investment_decision", "construction"),
    "preparing": ("idea", "feasibility", "planning"),
}


def hydrogen_by_stage(projects: pd.DataFrame) -> pd.DataFrame:
    """Projects, electrolyser MW and t/a per stage group (:data:`H2_STAGE_GROUPS`).

    One row per group in that order (zeros when empty); cancelled projects are left out.
    There is deliberately no total across the groups.
    """
    rows = []
    for group, statuses in H2_STAGE_GROUPS.items():
        sel = projects[projects["status"].isin(statuses)]
        rows.append(
            {
                "stage_group": group,
                "projects": len(sel),
                "electrolyser_mw": float(sel["electrolyser_mw"].sum()),
                "hydrogen_output_t_per_year": float(sel["hydrogen_output_t_per_year"].sum()),
            }
        )
    return pd.DataFrame(rows)


def hydrogen_table(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The hydrogen projects as loaded, type and status as text."""
    out = projects[
        [
            "project_id",
            "project_name",
            "operator",
            "project_type",
            "status",
            "expected_year",
            "electrolyser_mw",
            "hydrogen_output_t_per_year",
            "electricity_source",
            "funding",
            "source",
        ]
    ].copy()
    out["project_type"] = [t(f"h2type_{x}", lang) for x in projects["project_type"]]
    out["status"] = [t(f"h2status_{x}", lang) for x in projects["status"]]
    for col in ("operator", "electricity_source", "funding", "source"):
        out[col] = out[col].fillna("")
    return out


def area_table(scope: pd.DataFrame) -> pd.DataFrame:
    """Wind area per municipality (from :func:`analysis.office_queries.area_by_municipality`)."""
    return scope[
        [
            "municipality_name",
            "municipality_area_km2",
            "designated_km2",
            "draft_km2",
            "any_share",
            "units_inside",
            "mw_inside",
            "units_outside",
            "mw_outside",
        ]
    ].reset_index(drop=True)


def wind_areas_table(areas: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The wind areas (no geometry), status as text."""
    out = areas[["area_id", "area_name", "status", "plan", "area_km2"]].copy()
    out["status"] = [t(f"area_{s}", lang) for s in areas["status"]]
    out["area_name"] = out["area_name"].fillna("")
    out["plan"] = out["plan"].fillna("")
    return out
