"""The office tables in the one schema (registered at import of :mod:`etl.office`).

Core tables hold the validated lists; ``out_*`` tables are the marts the
office pages read (reconciliation with the MaStR, pipeline without double
counting, stage durations, wind-area shares, turbines inside the areas,
renewable capacity near hydrogen projects).
"""

from __future__ import annotations

from etl import schema
from etl.office.spec import AREA_STATUSES, H2_STATUSES, H2_TYPES, HYDROGEN, PERMIT_STATUSES
from etl.office.spec import WIND_PERMITS as WP
from etl.schema import AGS_PATTERN, Column, Table

_c = Column
_MASTR_ID_LIST = "[A-Z]{3}[0-9]{12}(,[A-Z]{3}[0-9]{12})*"

#: Radii (km) for which the capacity near hydrogen projects is precomputed.
NEARBY_RADII_KM: tuple[int, ...] = (5, 10, 20, 30, 50)

#: Kinds of disagreement between the permit list and the MaStR.
FINDINGS: tuple[str, ...] = (
    "list_permitted_mastr_operating",
    "list_operating_mastr_planned",
    "list_closed_mastr_active",
    "mastr_missing_from_list",
    "capacity_differs",
    "turbine_count_differs",
    "mastr_id_not_found",
    "no_mastr_match",
)


def _source_cols() -> tuple[Column, ...]:
    return (
        _c(
            "source_file",
            "VARCHAR",
            "File the row came from",
            "Quelldatei",
            "Source file",
            nullable=False,
        ),
        _c("row_ref", "VARCHAR", "Row (or feature) in the file", "Zeile", "Row"),
    )


def _range(spec_field: str, spec=WP) -> dict:
    f = spec.field(spec_field)
    return {"min_value": f.min_value, "max_value": f.max_value}


WIND_PERMITS_TABLE = Table(
    name="core_office__wind_permits",
    description="The office's list of wind permit procedures (BImSchG), validated.",
    grain="one row per procedure id",
    primary_key=("procedure_id",),
    columns=(
        _c(
            "procedure_id",
            "VARCHAR",
            "Id of the permit procedure",
            "Verfahrens-Nr.",
            "Procedure id",
            nullable=False,
        ),
        _c(
            "project_name",
            "VARCHAR",
            "Project or wind park name",
            "Projektname",
            "Project name",
            nullable=False,
        ),
        _c(
            "municipality_key",
            "VARCHAR",
            "Municipality key (AGS)",
            "Gemeindeschlüssel",
            "Municipality key",
            nullable=False,
            length=8,
            pattern=AGS_PATTERN,
        ),
        _c(
            "municipality_name",
            "VARCHAR",
            "Municipality name (boundary data, else the list)",
            "Gemeinde",
            "Municipality",
        ),
        _c(
            "turbine_count",
            "BIGINT",
            "Number of turbines",
            "Anzahl WEA",
            "Turbines",
            nullable=False,
            **_range("turbine_count"),
        ),
        _c(
            "capacity_mw",
            "DOUBLE",
            "Total rated capacity",
            "Gesamtleistung",
            "Total capacity",
            unit="MW",
            nullable=False,
            **_range("capacity_mw"),
        ),
        _c(
            "turbine_model",
            "VARCHAR",
            "Turbine manufacturer and model",
            "Anlagentyp",
            "Turbine model",
        ),
        _c(
            "hub_height_m",
            "DOUBLE",
            "Hub height",
            "Nabenhöhe",
            "Hub height",
            unit="m",
            **_range("hub_height_m"),
        ),
        _c(
            "status",
            "VARCHAR",
            "State of the procedure",
            "Status",
            "Status",
            nullable=False,
            allowed=PERMIT_STATUSES,
        ),
        _c(
            "application_date",
            "DATE",
            "Date of the application",
            "Antragsdatum",
            "Application date",
        ),
        _c("permit_date", "DATE", "Date of the permit", "Genehmigungsdatum", "Permit date"),
        _c(
            "construction_start_date",
            "DATE",
            "Start of construction",
            "Baubeginn",
            "Construction start",
        ),
        _c(
            "expected_commissioning_date",
            "DATE",
            "Expected commissioning (a month or year is stored as its first day)",
            "Geplante Inbetriebnahme",
            "Expected commissioning",
        ),
        _c("commissioning_date", "DATE", "Actual commissioning", "Inbetriebnahme", "Commissioning"),
        _c(
            "unit_ids_mastr",
            "VARCHAR",
            "MaStR unit numbers given in the list (comma list)",
            "MaStR-Einheiten",
            "MaStR units",
            pattern=_MASTR_ID_LIST,
        ),
        _c(
            "permit_ids_mastr",
            "VARCHAR",
            "MaStR permit numbers given in the list (comma list)",
            "MaStR-Genehmigungen",
            "MaStR permits",
            pattern=_MASTR_ID_LIST,
        ),
        _c("source", "VARCHAR", "Where the entry comes from", "Quelle", "Source"),
        _c("notes", "VARCHAR", "Notes", "Bemerkungen", "Notes"),
        *_source_cols(),
    ),
)

HYDROGEN_TABLE = Table(
    name="core_office__hydrogen_projects",
    description="The office's list of hydrogen projects, validated.",
    grain="one row per project id",
    primary_key=("project_id",),
    columns=(
        _c(
            "project_id", "VARCHAR", "Id of the project", "Projekt-ID", "Project id", nullable=False
        ),
        _c(
            "project_name", "VARCHAR", "Project name", "Projektname", "Project name", nullable=False
        ),
        _c("operator", "VARCHAR", "Operator or consortium", "Betreiber", "Operator"),
        _c(
            "project_type",
            "VARCHAR",
            "Kind of project",
            "Art",
            "Type",
            nullable=False,
            allowed=H2_TYPES,
        ),
        _c(
            "electrolyser_mw",
            "DOUBLE",
            "Electrical capacity of the electrolyser",
            "Elektrolyseleistung",
            "Electrolyser capacity",
            unit="MW",
            **_range("electrolyser_mw", HYDROGEN),
        ),
        _c(
            "hydrogen_output_t_per_year",
            "DOUBLE",
            "Expected hydrogen output",
            "Wasserstoff",
            "Hydrogen output",
            unit="t/a",
            **_range("hydrogen_output_t_per_year", HYDROGEN),
        ),
        _c(
            "status",
            "VARCHAR",
            "Project stage",
            "Status",
            "Status",
            nullable=False,
            allowed=H2_STATUSES,
        ),
        _c(
            "expected_year",
            "BIGINT",
            "Year of expected start of operation",
            "Geplantes Jahr",
            "Expected year",
            **_range("expected_year", HYDROGEN),
        ),
        _c(
            "municipality_key",
            "VARCHAR",
            "Municipality key (AGS), given or from coordinates",
            "Gemeindeschlüssel",
            "Municipality key",
            length=8,
            pattern=AGS_PATTERN,
        ),
        _c("municipality_name", "VARCHAR", "Municipality name", "Gemeinde", "Municipality"),
        _c(
            "latitude",
            "DOUBLE",
            "Latitude WGS84 (given, or the municipality's centre)",
            "Breitengrad",
            "Latitude",
            unit="°",
            **_range("latitude", HYDROGEN),
        ),
        _c(
            "longitude",
            "DOUBLE",
            "Longitude WGS84",
            "Längengrad",
            "Longitude",
            unit="°",
            **_range("longitude", HYDROGEN),
        ),
        _c(
            "is_location_approximate",
            "BOOLEAN",
            "No coordinates given: placed at the municipality's centre",
            "Lage ungefähr",
            "Location approximate",
            nullable=False,
        ),
        _c(
            "electricity_source",
            "VARCHAR",
            "Where the electricity comes from",
            "Stromquelle",
            "Electricity source",
        ),
        _c("funding", "VARCHAR", "Funding", "Förderung", "Funding"),
        _c("source", "VARCHAR", "Where the entry comes from", "Quelle", "Source"),
        _c("notes", "VARCHAR", "Notes", "Bemerkungen", "Notes"),
        *_source_cols(),
    ),
)

WIND_AREAS_TABLE = Table(
    name="core_office__wind_areas",
    description="Designated and draft wind areas (regional plan), in WGS84.",
    grain="one row per area",
    primary_key=("area_id",),
    columns=(
        _c(
            "area_id",
            "VARCHAR",
            "Id of the area (attribute, else file and feature number)",
            "Gebiets-Nr.",
            "Area id",
            nullable=False,
        ),
        _c("area_name", "VARCHAR", "Name of the area", "Name", "Name"),
        _c(
            "status",
            "VARCHAR",
            "draft or designated",
            "Status",
            "Status",
            nullable=False,
            allowed=AREA_STATUSES,
        ),
        _c("plan", "VARCHAR", "Plan the area comes from", "Plan", "Plan"),
        _c(
            "area_km2",
            "DOUBLE",
            "Area computed in EPSG:25832",
            "Fläche",
            "Area",
            unit="km²",
            nullable=False,
            min_value=0,
        ),
        _c(
            "centroid_latitude",
            "DOUBLE",
            "Latitude of a point inside the area",
            "Breitengrad (Mitte)",
            "Latitude (centre)",
            unit="°",
        ),
        _c(
            "centroid_longitude",
            "DOUBLE",
            "Longitude of a point inside the area",
            "Längengrad (Mitte)",
            "Longitude (centre)",
            unit="°",
        ),
        _c("min_longitude", "DOUBLE", "Bounding box: west", "West", "West", unit="°"),
        _c("min_latitude", "DOUBLE", "Bounding box: south", "Süd", "South", unit="°"),
        _c("max_longitude", "DOUBLE", "Bounding box: east", "Ost", "East", unit="°"),
        _c("max_latitude", "DOUBLE", "Bounding box: north", "Nord", "North", unit="°"),
        _c(
            "is_geometry_repaired",
            "BOOLEAN",
            "Invalid geometry was repaired (make_valid)",
            "Geometrie repariert",
            "Geometry repaired",
            nullable=False,
        ),
        _c(
            "geometry_wkb",
            "BLOB",
            "Polygon in WGS84 as WKB",
            "Geometrie",
            "Geometry",
            nullable=False,
        ),
        _c(
            "geometry_geojson",
            "VARCHAR",
            "Polygon in WGS84, simplified for display, GeoJSON",
            "Geometrie (Anzeige)",
            "Geometry (display)",
            nullable=False,
        ),
        *_source_cols(),
    ),
)

PERMIT_MATCHES = Table(
    name="out_permit_mastr_matches",
    description="Which MaStR wind units belong to which entry of the permit list.",
    grain="one row per procedure id and MaStR unit",
    primary_key=("procedure_id", "unit_id_mastr"),
    columns=(
        _c(
            "procedure_id",
            "VARCHAR",
            "Procedure id in the list",
            "Verfahrens-Nr.",
            "Procedure id",
            nullable=False,
        ),
        _c("unit_id_mastr", "VARCHAR", "MaStR unit", "MaStR-Nr.", "MaStR id", nullable=False),
        _c(
            "match_method",
            "VARCHAR",
            "How the unit was matched",
            "Zuordnung",
            "Matched by",
            nullable=False,
            allowed=("mastr_unit_id", "mastr_permit_id", "municipality_capacity_date"),
        ),
        _c(
            "unit_status",
            "VARCHAR",
            "Status of the unit in the MaStR",
            "Status (MaStR)",
            "Status (MaStR)",
            allowed=schema.STATUSES,
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
    columns=(
        _c(
            "finding",
            "VARCHAR",
            "Kind of disagreement",
            "Befund",
            "Finding",
            nullable=False,
            allowed=FINDINGS,
        ),
        _c("procedure_id", "VARCHAR", "Procedure id in the list", "Verfahrens-Nr.", "Procedure id"),
        _c(
            "project_name",
            "VARCHAR",
            "Project name (list) or wind park (MaStR)",
            "Projekt",
            "Project",
        ),
        _c(
            "unit_ids_mastr",
            "VARCHAR",
            "MaStR units concerned (comma list)",
            "MaStR-Nr.",
            "MaStR ids",
        ),
        _c(
            "municipality_key",
            "VARCHAR",
            "Municipality key",
            "Gemeindeschlüssel",
            "Municipality key",
        ),
        _c("municipality_name", "VARCHAR", "Municipality", "Gemeinde", "Municipality"),
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
        "The wind pipeline without double counting: every MaStR planned wind unit once, plus "
        "each approved or applied entry of the list with the part of its capacity that its "
        "matched MaStR planned units do not already cover. Total = sum(counted_mw)."
    ),
    grain="one row per MaStR planned wind unit and per approved/applied list entry",
    columns=(
        _c(
            "item_type",
            "VARCHAR",
            "mastr_unit or list_entry",
            "Art",
            "Item",
            nullable=False,
            allowed=("mastr_unit", "list_entry"),
        ),
        _c("item_id", "VARCHAR", "MaStR unit id or procedure id", "Nr.", "Id", nullable=False),
        _c(
            "procedure_id",
            "VARCHAR",
            "List entry the item belongs to",
            "Verfahrens-Nr.",
            "Procedure id",
        ),
        _c("project_name", "VARCHAR", "Project or wind park", "Projekt", "Project"),
        _c(
            "municipality_key",
            "VARCHAR",
            "Municipality key",
            "Gemeindeschlüssel",
            "Municipality key",
        ),
        _c(
            "stage",
            "VARCHAR",
            "Stage in the funnel",
            "Stufe",
            "Stage",
            nullable=False,
            allowed=("applied", "approved", "under_construction"),
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
        _c("note", "VARCHAR", "Why this amount is counted", "Hinweis", "Note"),
    ),
)

STAGE_DURATIONS = Table(
    name="out_permit_stage_durations",
    description="How long each listed project spent (or has been so far) in each stage.",
    grain="one row per procedure id and stage entered",
    columns=(
        _c(
            "procedure_id",
            "VARCHAR",
            "Procedure id",
            "Verfahrens-Nr.",
            "Procedure id",
            nullable=False,
        ),
        _c(
            "municipality_key",
            "VARCHAR",
            "Municipality key",
            "Gemeindeschlüssel",
            "Municipality key",
        ),
        _c(
            "stage",
            "VARCHAR",
            "Stage",
            "Stufe",
            "Stage",
            nullable=False,
            allowed=("applied", "approved", "under_construction"),
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
        _c(
            "municipality_key",
            "VARCHAR",
            "Municipality key",
            "Gemeindeschlüssel",
            "Municipality key",
            nullable=False,
        ),
        _c("municipality_name", "VARCHAR", "Municipality", "Gemeinde", "Municipality"),
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
        _c("unit_id_mastr", "VARCHAR", "MaStR unit", "MaStR-Nr.", "MaStR id", nullable=False),
        _c(
            "municipality_key",
            "VARCHAR",
            "Municipality key",
            "Gemeindeschlüssel",
            "Municipality key",
        ),
        _c("status", "VARCHAR", "Status in the MaStR", "Status", "Status", allowed=schema.STATUSES),
        _c(
            "gross_capacity_kw",
            "DOUBLE",
            "Gross capacity",
            "Bruttoleistung",
            "Gross capacity",
            unit="kW",
        ),
        _c("area_id", "VARCHAR", "Area the unit stands in", "Gebiets-Nr.", "Area id"),
        _c(
            "location",
            "VARCHAR",
            "designated, draft, outside or no_coordinates",
            "Lage",
            "Location",
            nullable=False,
            allowed=("designated", "draft", "outside", "no_coordinates"),
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
    columns=(
        _c("project_id", "VARCHAR", "Hydrogen project", "Projekt-ID", "Project id", nullable=False),
        _c(
            "scope",
            "VARCHAR",
            "municipality or radius",
            "Umkreis",
            "Scope",
            nullable=False,
            allowed=("municipality", "radius"),
        ),
        _c("radius_km", "BIGINT", "Radius (scope radius)", "Radius", "Radius", unit="km"),
        _c(
            "carrier",
            "VARCHAR",
            "Carrier",
            "Energieträger",
            "Carrier",
            nullable=False,
            allowed=schema.CARRIERS,
        ),
        _c(
            "status",
            "VARCHAR",
            "operating or planned",
            "Status",
            "Status",
            nullable=False,
            allowed=schema.STATUSES,
        ),
        _c("unit_count", "BIGINT", "Units", "Anzahl", "Units"),
        _c("capacity_kw", "DOUBLE", "Gross capacity", "Leistung", "Capacity", unit="kW"),
    ),
)

OFFICE_TABLES: tuple[Table, ...] = (
    WIND_PERMITS_TABLE,
    HYDROGEN_TABLE,
    WIND_AREAS_TABLE,
    PERMIT_MATCHES,
    RECONCILIATION,
    WIND_PIPELINE,
    STAGE_DURATIONS,
    AREA_BY_MUNICIPALITY,
    UNITS_IN_AREAS,
    H2_NEARBY,
)

for _t in OFFICE_TABLES:
    schema.register_table(_t)
