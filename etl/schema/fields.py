"""Fields that several tables share, defined once: same quantity, same name everywhere.

A table takes a shared field with :func:`field` and may narrow it for its own
rows (``nullable=False``, a tighter range, a more specific description); the
type, unit, labels, code list and pattern stay those defined here.
"""

from __future__ import annotations

from dataclasses import replace

from etl.schema.codes import CARRIER, STATUS
from etl.schema.model import AGS_PATTERN, MASTR_UNIT_PATTERN, Column

_NARROWING = {"description", "nullable", "min_value", "max_value", "on_invalid", "decimals"}

SHARED: dict[str, Column] = {
    c.name: c
    for c in (
        Column(
            "unit_id_mastr",
            "VARCHAR",
            "MaStR number of the unit (EinheitMastrNummer)",
            "MaStR-Nr.",
            "MaStR id",
            pattern=MASTR_UNIT_PATTERN,
        ),
        Column(
            "municipality_key",
            "VARCHAR",
            "Official municipality key (AGS, Gemeindeschluessel)",
            "Gemeindeschlüssel",
            "Municipality key",
            length=8,
            pattern=AGS_PATTERN,
        ),
        Column("municipality_name", "VARCHAR", "Municipality name", "Gemeinde", "Municipality"),
        Column(
            "carrier",
            "VARCHAR",
            "Energy carrier and kind of installation",
            "Energieträger",
            "Carrier",
            nullable=False,
            codes=CARRIER,
        ),
        Column(
            "status",
            "VARCHAR",
            "Operating status (EinheitBetriebsstatus)",
            "Status",
            "Status",
            nullable=False,
            codes=STATUS,
        ),
        Column(
            "gross_capacity_kw",
            "DOUBLE",
            "Gross capacity (Bruttoleistung)",
            "Bruttoleistung",
            "Gross capacity",
            unit="kW",
            min_value=0,
        ),
        Column(
            "latitude",
            "DOUBLE",
            "Latitude WGS84 (Breitengrad)",
            "Breitengrad",
            "Latitude",
            unit="°",
            min_value=47.0,
            max_value=55.5,
        ),
        Column(
            "longitude",
            "DOUBLE",
            "Longitude WGS84 (Laengengrad)",
            "Längengrad",
            "Longitude",
            unit="°",
            min_value=5.5,
            max_value=15.5,
        ),
        Column(
            "commissioning_date",
            "DATE",
            "Commissioning date (Inbetriebnahmedatum)",
            "Inbetriebnahme",
            "Commissioning",
        ),
        Column(
            "planned_commissioning_date",
            "DATE",
            "Planned commissioning date (GeplantesInbetriebnahmedatum)",
            "Geplante Inbetriebnahme",
            "Planned commissioning",
        ),
        Column(
            "area_km2",
            "DOUBLE",
            "Area computed in EPSG:25832",
            "Fläche",
            "Area",
            unit="km²",
            min_value=0,
        ),
        Column(
            "centroid_latitude",
            "DOUBLE",
            "Latitude of a point inside the shape",
            "Breitengrad (Mitte)",
            "Latitude (centre)",
            unit="°",
        ),
        Column(
            "centroid_longitude",
            "DOUBLE",
            "Longitude of a point inside the shape",
            "Längengrad (Mitte)",
            "Longitude (centre)",
            unit="°",
        ),
        Column("min_longitude", "DOUBLE", "Bounding box: west", "West", "West", unit="°"),
        Column("min_latitude", "DOUBLE", "Bounding box: south", "Süd", "South", unit="°"),
        Column("max_longitude", "DOUBLE", "Bounding box: east", "Ost", "East", unit="°"),
        Column("max_latitude", "DOUBLE", "Bounding box: north", "Nord", "North", unit="°"),
        Column("geometry_wkb", "BLOB", "Shape in WGS84 as WKB", "Geometrie", "Geometry"),
        Column(
            "geometry_geojson",
            "VARCHAR",
            "Shape in WGS84, simplified for display, GeoJSON",
            "Geometrie (Anzeige)",
            "Geometry (display)",
        ),
        Column(
            "source_file",
            "VARCHAR",
            "File the row came from",
            "Quelldatei",
            "Source file",
            nullable=False,
        ),
        Column("extract_date", "DATE", "Date of the source extract", "Datenstand", "Data date"),
        Column(
            "procedure_id",
            "VARCHAR",
            "Id of the permit procedure",
            "Verfahrens-Nr.",
            "Procedure id",
        ),
        Column("project_id", "VARCHAR", "Id of the hydrogen project", "Projekt-ID", "Project id"),
        Column("project_name", "VARCHAR", "Project name", "Projektname", "Project name"),
        Column("unit_count", "BIGINT", "Number of units", "Anzahl", "Units", min_value=0),
    )
}


def field(name: str, **narrowing: object) -> Column:
    """The shared field ``name``, narrowed for one table.

    Only the description, nullability, range, invalid-value policy and shown
    decimals may differ per table; anything else raises ``TypeError``.
    """
    wrong = set(narrowing) - _NARROWING
    if wrong:
        raise TypeError(f"{name}: a shared field's {sorted(wrong)} cannot differ per table")
    return replace(SHARED[name], **narrowing)  # type: ignore[arg-type]
