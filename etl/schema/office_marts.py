"""Marts of the office pages (``out_<entity>``), filled by :mod:`etl.office`.

Reconciliation of the permit list with the MaStR, the pipeline without double
counting, stage durations, wind-area shares, turbines inside the areas and
renewable capacity near hydrogen projects.
"""

from __future__ import annotations

from etl.schema.codes import (
    AREA_LOCATION,
    FINDING,
    MATCH_METHOD,
    NEARBY_SCOPE,
    PIPELINE_ITEM,
    PIPELINE_STAGE,
    STATUS,
)
from etl.schema.fields import field
from etl.schema.model import Column, Table

_c = Column

#: Radii (km) for which the capacity near hydrogen projects is precomputed.
NEARBY_RADII_KM: tuple[int, ...] = (5, 10, 20, 30, 50)

PERMIT_MATCHES = Table(
    name="out_permit_mastr_matches",
    description="Which MaStR wind units belong to which entry of the permit list.",
    grain="one row per procedure id and MaStR unit",
    primary_key=("procedure_id", "unit_id_mastr"),
    columns=(
        field("procedure_id", nullable=False),
        field("unit_id_mastr", nullable=False),
        _c(
            "match_method",
            "VARCHAR",
            "How the unit was matched",
            "Zuordnung",
            "Matched by",
            nullable=False,
            codes=MATCH_METHOD,
        ),
        _c(
            "unit_status",
            "VARCHAR",
            "Status of the unit in the MaStR",
            "Status (MaStR)",
            "Status (MaStR)",
            codes=STATUS,
        ),
        _c(
            "unit_capacity_kw",
            "DOUBLE",
            "Gross capacity of the unit",
            "Leistung (MaStR)",
            "Capacity (MaStR)",
            unit="kW",
        ),
    ),
)

RECONCILIATION = Table(
    name="out_permit_reconciliation",
    description="Where the permit list and the MaStR disagree.",
    grain="one row per finding (an entry of the list, or a MaStR unit or park)",
    grain_key=("finding", "procedure_id", "unit_ids_mastr"),
    columns=(
        _c(
            "finding",
            "VARCHAR",
            "Kind of disagreement",
            "Befund",
            "Finding",
            nullable=False,
            codes=FINDING,
        ),
        field("procedure_id"),
        field("project_name", description="Project name (list) or wind park (MaStR)"),
        _c(
            "unit_ids_mastr",
            "VARCHAR",
            "MaStR units concerned (comma list)",
            "MaStR-Nr.",
            "MaStR ids",
        ),
        field("municipality_key"),
        field("municipality_name"),
        _c("list_status", "VARCHAR", "Status in the list", "Status (Liste)", "Status (list)"),
        _c("mastr_status", "VARCHAR", "Status in the MaStR", "Status (MaStR)", "Status (MaStR)"),
        _c(
            "list_capacity_mw",
            "DOUBLE",
            "Capacity in the list",
            "Leistung (Liste)",
            "Capacity (list)",
            unit="MW",
        ),
        _c(
            "mastr_capacity_mw",
            "DOUBLE",
            "Capacity in the MaStR",
            "Leistung (MaStR)",
            "Capacity (MaStR)",
            unit="MW",
        ),
        _c("list_turbines", "BIGINT", "Turbines in the list", "WEA (Liste)", "Turbines (list)"),
        _c("mastr_turbines", "BIGINT", "Units in the MaStR", "WEA (MaStR)", "Turbines (MaStR)"),
        _c("detail", "VARCHAR", "Explanation", "Erläuterung", "Detail", nullable=False),
    ),
)

WIND_PIPELINE = Table(
    name="out_wind_pipeline",
    description=(
        "The wind pipeline without double counting: every MaStR planned wind unit once (0 MW "
        "counted when the list marks its project withdrawn or rejected), plus each applied, "
        "approved or under-construction entry of the list with the part of its capacity that "
        "its matched MaStR units do not already cover. Gross = sum(counted_mw), "
        "net = gross - sum(replaced_mw)."
    ),
    grain="one row per MaStR planned wind unit and per applied/approved/under-construction entry",
    grain_key=("item_type", "item_id"),
    columns=(
        _c(
            "item_type",
            "VARCHAR",
            "mastr_unit or list_entry",
            "Art",
            "Item",
            nullable=False,
            codes=PIPELINE_ITEM,
        ),
        _c("item_id", "VARCHAR", "MaStR unit id or procedure id", "Nr.", "Id", nullable=False),
        field("procedure_id", description="List entry the item belongs to"),
        field("project_name", description="Project or wind park"),
        field("municipality_key"),
        _c(
            "stage",
            "VARCHAR",
            "Stage in the funnel",
            "Stufe",
            "Stage",
            nullable=False,
            codes=PIPELINE_STAGE,
        ),
        _c("turbine_count", "BIGINT", "Turbines counted", "WEA", "Turbines"),
        _c("capacity_mw", "DOUBLE", "Capacity of the item", "Leistung", "Capacity", unit="MW"),
        _c(
            "counted_mw",
            "DOUBLE",
            "Capacity counted in the pipeline total",
            "Gezählt",
            "Counted",
            unit="MW",
            nullable=False,
            min_value=0,
        ),
        _c(
            "replaced_mw",
            "DOUBLE",
            "Repowering: capacity the item's project dismantles (list entries only); "
            "net pipeline = sum(counted_mw) - sum(replaced_mw)",
            "Rückbau",
            "Replaced",
            unit="MW",
            nullable=False,
            min_value=0,
        ),
        _c("note", "VARCHAR", "Why this amount is counted", "Hinweis", "Note"),
    ),
)

STAGE_DURATIONS = Table(
    name="out_permit_stage_durations",
    description="How long each listed project spent (or has been so far) in each stage.",
    grain="one row per procedure id and stage entered",
    grain_key=("procedure_id", "stage"),
    columns=(
        field("procedure_id", nullable=False),
        field("municipality_key"),
        _c(
            "stage",
            "VARCHAR",
            "Stage",
            "Stufe",
            "Stage",
            nullable=False,
            codes=PIPELINE_STAGE,
        ),
        _c("start_date", "DATE", "Entered the stage", "Beginn", "Start"),
        _c("end_date", "DATE", "Left the stage (NULL: still in it)", "Ende", "End"),
        _c(
            "days",
            "BIGINT",
            "Days in the stage (until the reference date if ongoing)",
            "Tage",
            "Days",
            unit="d",
            min_value=0,
        ),
        _c("is_ongoing", "BOOLEAN", "Still in this stage", "laufend", "Ongoing", nullable=False),
        _c(
            "reference_date",
            "DATE",
            "Date the ongoing durations are counted to",
            "Stichtag",
            "Reference date",
        ),
    ),
)

AREA_BY_MUNICIPALITY = Table(
    name="out_wind_area_by_municipality",
    description="Wind area per municipality (overlaps merged), and its share of the land.",
    grain="one row per municipality of the region",
    primary_key=("municipality_key",),
    columns=(
        field("municipality_key", nullable=False),
        field("municipality_name"),
        _c(
            "municipality_area_km2",
            "DOUBLE",
            "Area of the municipality",
            "Gemeindefläche",
            "Municipal area",
            unit="km²",
        ),
        _c(
            "designated_km2",
            "DOUBLE",
            "Designated wind area inside",
            "ausgewiesen",
            "designated",
            unit="km²",
            nullable=False,
            min_value=0,
        ),
        _c(
            "draft_km2",
            "DOUBLE",
            "Draft wind area inside, not designated",
            "Entwurf",
            "draft",
            unit="km²",
            nullable=False,
            min_value=0,
        ),
        _c(
            "any_km2",
            "DOUBLE",
            "Designated or draft wind area inside",
            "gesamt",
            "total",
            unit="km²",
            nullable=False,
            min_value=0,
        ),
    ),
)

UNITS_IN_AREAS = Table(
    name="out_wind_units_in_areas",
    description="Each MaStR wind-onshore unit: inside a designated or draft area, or outside.",
    grain="one row per MaStR wind unit",
    primary_key=("unit_id_mastr",),
    columns=(
        field("unit_id_mastr", nullable=False),
        field("municipality_key"),
        field("status", description="Status in the MaStR", nullable=True),
        field("gross_capacity_kw"),
        _c("area_id", "VARCHAR", "Area the unit stands in", "Gebiets-Nr.", "Area id"),
        _c(
            "location",
            "VARCHAR",
            "designated, draft, outside or no_coordinates",
            "Lage",
            "Location",
            nullable=False,
            codes=AREA_LOCATION,
        ),
    ),
)

H2_NEARBY = Table(
    name="out_hydrogen_nearby_capacity",
    description=(
        "Renewable capacity near each hydrogen project: in its municipality, and within "
        f"{', '.join(map(str, NEARBY_RADII_KM))} km (units with public coordinates)."
    ),
    grain="one row per project, scope (municipality or radius), carrier and status",
    grain_key=("project_id", "scope", "radius_km", "carrier", "status"),
    columns=(
        field("project_id", nullable=False),
        _c(
            "scope",
            "VARCHAR",
            "municipality or radius",
            "Umkreis",
            "Scope",
            nullable=False,
            codes=NEARBY_SCOPE,
        ),
        _c("radius_km", "BIGINT", "Radius (scope radius)", "Radius", "Radius", unit="km"),
        field("carrier"),
        field("status", description="operating or planned"),
        field("unit_count"),
        _c("capacity_kw", "DOUBLE", "Gross capacity", "Leistung", "Capacity", unit="kW"),
    ),
)

#: The office marts, in build order.
OFFICE_MARTS: tuple[Table, ...] = (
    PERMIT_MATCHES,
    RECONCILIATION,
    WIND_PIPELINE,
    STAGE_DURATIONS,
    AREA_BY_MUNICIPALITY,
    UNITS_IN_AREAS,
    H2_NEARBY,
)
