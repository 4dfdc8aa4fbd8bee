"""Office tables: the office's own lists, validated (``core_office__<entity>``).

The list readers (:mod:`etl.office.lists`, :mod:`etl.office.wind_areas`) take
types, ranges, code lists and the invalid-value policy from here; headers,
aliases, help texts and examples of the templates are in
:mod:`etl.office.spec`, which names these columns.
"""

from __future__ import annotations

from dataclasses import replace

from etl.schema.codes import AREA_STATUS, H2_STATUS, H2_TYPE, PERMIT_STATUS
from etl.schema.fields import field
from etl.schema.model import MASTR_UNIT_PATTERN, Column, Table

_c = Column
_MASTR_ID_LIST = f"{MASTR_UNIT_PATTERN}(,{MASTR_UNIT_PATTERN})*"

_SOURCE_COLUMNS: tuple[Column, ...] = (
    field("source_file"),
    _c("row_ref", "VARCHAR", "Row (or feature) in the file", "Zeile", "Row"),
)


def _list_table(table: Table) -> Table:
    """A table filled from an office list: an invalid optional value is cleared, the row kept.

    An invalid value in a required (NOT NULL) column rejects the row.
    """
    columns = tuple(
        replace(c, on_invalid="clear_field") if c.nullable else c for c in table.columns
    )
    return replace(table, columns=columns)


WIND_PERMITS_TABLE = _list_table(
    Table(
        name="core_office__wind_permits",
        description="The office's list of wind permit procedures (BImSchG), validated.",
        grain="one row per procedure id",
        primary_key=("procedure_id",),
        columns=(
            field("procedure_id", nullable=False),
            field("project_name", description="Project or wind park name", nullable=False),
            field("municipality_key", nullable=False),
            field(
                "municipality_name", description="Municipality name (boundary data, else the list)"
            ),
            _c(
                "turbine_count",
                "BIGINT",
                "Number of turbines",
                "Anzahl WEA",
                "Turbines",
                nullable=False,
                min_value=1,
                max_value=500,
            ),
            _c(
                "capacity_mw",
                "DOUBLE",
                "Total rated capacity",
                "Gesamtleistung",
                "Total capacity",
                unit="MW",
                nullable=False,
                min_value=0.001,
                max_value=5000,
            ),
            _c(
                "replaced_turbine_count",
                "BIGINT",
                "Repowering: number of existing turbines the project replaces",
                "Rückbau WEA (Repowering)",
                "Turbines replaced (repowering)",
                min_value=0,
                max_value=500,
            ),
            _c(
                "replaced_capacity_mw",
                "DOUBLE",
                "Repowering: capacity of the existing turbines the project replaces "
                "(net addition = capacity_mw minus this)",
                "Rückbau MW (Repowering)",
                "Capacity replaced (repowering)",
                unit="MW",
                min_value=0,
                max_value=5000,
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
                min_value=10,
                max_value=300,
            ),
            _c(
                "status",
                "VARCHAR",
                "State of the procedure",
                "Status",
                "Status",
                nullable=False,
                codes=PERMIT_STATUS,
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
            field("commissioning_date", description="Actual commissioning"),
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
            *_SOURCE_COLUMNS,
        ),
    )
)

HYDROGEN_TABLE = _list_table(
    Table(
        name="core_office__hydrogen_projects",
        description="The office's list of hydrogen projects, validated.",
        grain="one row per project id",
        primary_key=("project_id",),
        columns=(
            field("project_id", description="Id of the project", nullable=False),
            field("project_name", nullable=False),
            _c("operator", "VARCHAR", "Operator or consortium", "Betreiber", "Operator"),
            _c(
                "project_type",
                "VARCHAR",
                "Kind of project",
                "Art",
                "Type",
                nullable=False,
                codes=H2_TYPE,
            ),
            _c(
                "electrolyser_mw",
                "DOUBLE",
                "Electrical capacity of the electrolyser",
                "Elektrolyseleistung",
                "Electrolyser capacity",
                unit="MW",
                min_value=0,
                max_value=10000,
            ),
            _c(
                "hydrogen_output_t_per_year",
                "DOUBLE",
                "Expected hydrogen output",
                "Wasserstoff",
                "Hydrogen output",
                unit="t/a",
                min_value=0,
                max_value=10_000_000,
            ),
            _c(
                "status",
                "VARCHAR",
                "Project stage",
                "Status",
                "Status",
                nullable=False,
                codes=H2_STATUS,
            ),
            _c(
                "expected_year",
                "BIGINT",
                "Year of expected start of operation",
                "Geplantes Jahr",
                "Expected year",
                min_value=1990,
                max_value=2060,
            ),
            field(
                "municipality_key", description="Municipality key (AGS), given or from coordinates"
            ),
            field("municipality_name"),
            field("latitude", description="Latitude WGS84 (given, or the municipality's centre)"),
            field("longitude", description="Longitude WGS84"),
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
            *_SOURCE_COLUMNS,
        ),
    )
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
            codes=AREA_STATUS,
        ),
        _c("plan", "VARCHAR", "Plan the area comes from", "Plan", "Plan"),
        field("area_km2", nullable=False),
        field("centroid_latitude", description="Latitude of a point inside the area"),
        field("centroid_longitude", description="Longitude of a point inside the area"),
        field("min_longitude"),
        field("min_latitude"),
        field("max_longitude"),
        field("max_latitude"),
        _c(
            "is_geometry_repaired",
            "BOOLEAN",
            "Invalid geometry was repaired (make_valid)",
            "Geometrie repariert",
            "Geometry repaired",
            nullable=False,
        ),
        field("geometry_wkb", description="Polygon in WGS84 as WKB", nullable=False),
        field(
            "geometry_geojson",
            description="Polygon in WGS84, simplified for display, GeoJSON",
            nullable=False,
        ),
        *_SOURCE_COLUMNS,
    ),
)

#: The office's core tables.
OFFICE_CORE_TABLES: tuple[Table, ...] = (WIND_PERMITS_TABLE, HYDROGEN_TABLE, WIND_AREAS_TABLE)
