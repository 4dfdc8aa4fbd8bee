"""Core tables: clean, typed, keyed data from the sources (``core_<source>__<entity>``)."""

from __future__ import annotations

from etl.schema.codes import SOURCE
from etl.schema.fields import field
from etl.schema.model import PLZ_PATTERN, Column, Table

_c = Column

UNITS = Table(
    name="core_mastr__units",
    description="Generation and storage units from the Marktstammdatenregister, one row per unit.",
    grain="one row per MaStR unit (EinheitMastrNummer)",
    primary_key=("unit_id_mastr",),
    # No index for the key: for all of Germany (6 million units) DuckDB's index
    # alone needs more than the build's memory limit. Duplicates are resolved in
    # SQL (etl.finalize.resolve_duplicates) and a build in which one survives is
    # refused (etl.finalize.validate_build).
    index_key=False,
    columns=(
        field("unit_id_mastr", nullable=False),
        _c("unit_name", "VARCHAR", "Display name of the unit", "Name", "Name"),
        field("carrier"),
        field("status"),
        field("gross_capacity_kw", max_value=3_000_000),
        _c(
            "net_capacity_kw",
            "DOUBLE",
            "Net rated capacity (Nettonennleistung)",
            "Nettonennleistung",
            "Net capacity",
            unit="kW",
            min_value=0,
            max_value=3_000_000,
            on_invalid="clear_field",
        ),
        field("commissioning_date"),
        field("planned_commissioning_date"),
        _c(
            "decommissioning_date",
            "DATE",
            "Date of final decommissioning (DatumEndgueltigeStilllegung)",
            "Endgültige Stilllegung",
            "Decommissioning",
        ),
        _c(
            "temporary_shutdown_date",
            "DATE",
            "Start of temporary shutdown (DatumBeginnVoruebergehendeStilllegung)",
            "Vorübergehende Stilllegung",
            "Temporary shutdown",
        ),
        _c(
            "registration_date",
            "DATE",
            "Registration date in the MaStR",
            "Registrierung",
            "Registration",
        ),
        _c(
            "last_update",
            "TIMESTAMP",
            "Last update of the record in the MaStR",
            "Letzte Aktualisierung",
            "Last update",
        ),
        field("municipality_key"),
        field("municipality_name", description="Municipality name as registered"),
        _c(
            "postcode", "VARCHAR", "Postcode (Postleitzahl)", "PLZ", "Postcode", pattern=PLZ_PATTERN
        ),
        _c("place", "VARCHAR", "Place (Ort)", "Ort", "Place"),
        _c("federal_state", "VARCHAR", "Federal state (Bundesland)", "Bundesland", "State"),
        _c(
            "district_name",
            "VARCHAR",
            "District as registered (Landkreis text)",
            "Landkreis",
            "District",
        ),
        field(
            "latitude",
            description="Latitude WGS84 (Breitengrad); public only for units ≥ 30 kW",
            on_invalid="clear_field",
        ),
        field("longitude", on_invalid="clear_field"),
        _c(
            "energy_source",
            "VARCHAR",
            "Energy source as decoded from the MaStR catalogue",
            "Energieträger (MaStR)",
            "Energy source (MaStR)",
        ),
        _c("wind_park_name", "VARCHAR", "Wind park name (NameWindpark)", "Windpark", "Wind park"),
        _c(
            "hub_height_m",
            "DOUBLE",
            "Hub height (Nabenhoehe)",
            "Nabenhöhe",
            "Hub height",
            unit="m",
            min_value=0,
            max_value=300,
            on_invalid="clear_field",
        ),
        _c(
            "rotor_diameter_m",
            "DOUBLE",
            "Rotor diameter (Rotordurchmesser)",
            "Rotordurchmesser",
            "Rotor diameter",
            unit="m",
            min_value=0,
            max_value=300,
            on_invalid="clear_field",
        ),
        _c(
            "manufacturer",
            "VARCHAR",
            "Turbine manufacturer (Hersteller)",
            "Hersteller",
            "Manufacturer",
        ),
        _c("model", "VARCHAR", "Type designation (Typenbezeichnung)", "Typ", "Model"),
        _c(
            "storage_technology",
            "VARCHAR",
            "Storage technology (Technologie)",
            "Speichertechnologie",
            "Storage technology",
        ),
        _c(
            "storage_energy_kwh",
            "DOUBLE",
            "Usable storage capacity (NutzbareSpeicherkapazitaet of the storage plant)",
            "Speicherkapazität",
            "Storage energy",
            unit="kWh",
            min_value=0,
            on_invalid="clear_field",
        ),
        _c(
            "permit_id_mastr",
            "VARCHAR",
            "MaStR number of the permit (GenMastrNummer)",
            "Genehmigungs-Nr.",
            "Permit id",
        ),
        _c(
            "is_capacity_suspect",
            "BOOLEAN",
            "Capacity is implausible for this kind of unit (e.g. kW entered as W)",
            "Leistung auffällig",
            "Capacity suspect",
            nullable=False,
        ),
        _c(
            "source",
            "VARCHAR",
            "Which reader produced the row",
            "Quelle",
            "Source",
            nullable=False,
            codes=SOURCE,
        ),
        field("source_file", description="File (and zip member) the row came from"),
        field("extract_date"),
    ),
)

MUNICIPALITIES = Table(
    name="core_bkg__municipalities",
    description="Municipalities of the configured region with boundaries (BKG VG250 or demo).",
    grain="one row per municipality (AGS)",
    primary_key=("municipality_key",),
    columns=(
        field("municipality_key", description="Official municipality key (AGS)", nullable=False),
        field("municipality_name", description="Name (GEN)", nullable=False),
        _c("municipality_type", "VARCHAR", "Type (BEZ), e.g. Stadt or Gemeinde", "Art", "Type"),
        field("area_km2"),
        _c("population", "BIGINT", "Inhabitants", "Einwohner", "Population", min_value=0),
        _c(
            "population_date",
            "DATE",
            "Reference date of the population figure",
            "Stand Einwohner",
            "Population date",
        ),
        field("centroid_latitude", description="Latitude of a point inside the municipality"),
        field("centroid_longitude", description="Longitude of a point inside the municipality"),
        field("min_longitude"),
        field("min_latitude"),
        field("max_longitude"),
        field("max_latitude"),
        field("geometry_wkb", description="Boundary in WGS84 as WKB"),
        field("geometry_geojson", description="Boundary in WGS84, simplified for display, GeoJSON"),
        _c(
            "is_synthetic_geometry",
            "BOOLEAN",
            "Boundary is a demo shape, not a real boundary",
            "Demo-Geometrie",
            "Demo geometry",
            nullable=False,
        ),
        field("source_file"),
    ),
)
