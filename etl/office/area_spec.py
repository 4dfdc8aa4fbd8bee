"""What the wind-area files look like to staff: file names and attributes with help texts."""

from __future__ import annotations

from etl.office.fields import AreaAttribute

#: File name prefixes of the wind areas (GeoPackage, Shapefile or zipped Shapefile).
WIND_AREA_PREFIXES: tuple[str, ...] = (
    "windgebiete",
    "windeignungsgebiete",
    "wind_areas",
    "windflaechen",
)
WIND_AREAS_SOURCE = "office_wind_areas"
WIND_AREAS_TEMPLATE_STEM = "windgebiete_vorlage"


WIND_AREA_ATTRIBUTES: tuple[AreaAttribute, ...] = (
    AreaAttribute(
        "area_id",
        "id",
        "Eindeutige Nummer des Gebiets (z. B. WEG 12/24). Fehlt sie, wird die Feature-Nr. "
        "verwendet.",
        "Unique id of the area (e.g. WEG 12/24). If absent, the feature number is used.",
        ("id", "nr", "nummer", "gebietsnr", "gebiet_nr", "area_id", "kennung"),
    ),
    AreaAttribute(
        "area_name",
        "name",
        "Name des Gebiets.",
        "Name of the area.",
        ("name", "bezeichnung", "gebiet", "area_name", "bez"),
    ),
    AreaAttribute(
        "status",
        "status",
        "Entwurf oder ausgewiesen (auch: draft, designated, festgelegt).",
        "draft or designated (German: Entwurf, ausgewiesen, festgelegt).",
        ("status", "planstatus", "stand", "state"),
        required=True,
    ),
    AreaAttribute(
        "plan",
        "plan",
        "Plan, aus dem das Gebiet stammt (z. B. RREP WM, 2. Entwurf 2024).",
        "Plan the area comes from (e.g. RREP WM, 2nd draft 2024).",
        ("plan", "planwerk", "quelle", "source", "regionalplan"),
    ),
)
