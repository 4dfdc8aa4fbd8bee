"""Header generations of the web CSV export: column names, mapping, drift.

Columns are mapped **by name**; added, missing and renamed columns are
reported as drift. A file without one of the :data:`REQUIRED_COLUMNS` is
refused as a whole.
"""

from __future__ import annotations

import re

from etl.readers.base import LoadRun

#: The current header (56 columns, since MaStR release 25.1, April 2025), in file order.
#: The drift report compares every file with it.
CURRENT_HEADER: tuple[str, ...] = (
    "MaStR-Nr. der Einheit",
    "Anzeige-Name der Einheit",
    "Betriebs-Status",
    "Energieträger",
    "Bruttoleistung der Einheit",
    "Nettonennleistung der Einheit",
    "Inbetriebnahmedatum der Einheit",
    "Registrierungsdatum der Einheit",
    "Bundesland",
    "Postleitzahl",
    "Ort",
    "Straße",
    "Hausnummer",
    "Gemarkung",
    "Flurstück",
    "Gemeindeschlüssel",
    "Gemeinde",
    "Landkreis",
    "Koordinate: Breitengrad (WGS84)",
    "Koordinate: Längengrad (WGS84)",
    "Technologie der Stromerzeugung",
    "Art der Solaranlage",
    "Anzahl der Solar-Module",
    "Hauptausrichtung der Solar-Module",
    "Art der Bodenfläche (der PV-Anlage)",
    "Name des Windparks",
    "Wind an Land oder auf See",
    "Nabenhöhe der Windenergieanlage",
    "Rotordurchmesser der Windenergieanlage",
    "Hersteller der Windenergieanlage",
    "Typenbezeichnung",
    "Hauptbrennstoff der Einheit",
    "MaStR-Nr. der Speichereinheit",
    "Speichertechnologie",
    "Nutzbare Speicherkapazität in kWh",
    "Letzte Aktualisierung",
    "Datum der endgültigen Stilllegung",
    "Datum der geplanten Inbetriebnahme",
    "Name des Anlagenbetreibers (nur Org.)",
    "MaStR-Nr. des Anlagenbetreibers",
    "Volleinspeisung oder Teileinspeisung",
    "MaStR-Nr. der Genehmigung",
    "Name des Anschluss-Netzbetreibers",
    "MaStR-Nr. des Anschluss-Netzbetreibers",
    "Netzbetreiberprüfung",
    "Spannungsebene",
    "MaStR-Nr. der Lokation",
    "MaStR-Nr. der EEG-Anlage",
    "EEG-Anlagenschlüssel",
    "Inbetriebnahmedatum der EEG-Anlage",
    "Installierte Leistung der EEG-Anlage",
    "Zuschlagnummer (EEG/KWK-Ausschreibung)",
    "MaStR-Nr. der KWK-Anlage",
    "Inbetriebnahmedatum der KWK-Anlage",
    "Elektrische KWK-Leistung",
    "Thermische Nutzleistung in kW",
)

#: Columns of older header generations and what replaced them.
LEGACY_COLUMNS: dict[str, tuple[str, ...]] = {
    "Lage der Einheit": ("Art der Solaranlage", "Wind an Land oder auf See"),
}

#: Without these a file cannot be loaded at all.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "MaStR-Nr. der Einheit",
    "Betriebs-Status",
    "Energieträger",
    "Bruttoleistung der Einheit",
    "Gemeindeschlüssel",
)

COL_ID = "MaStR-Nr. der Einheit"
COL_STATUS = "Betriebs-Status"
COL_CARRIER = "Energieträger"
COL_GROSS = "Bruttoleistung der Einheit"
COL_AGS = "Gemeindeschlüssel"
COL_PLZ = "Postleitzahl"
COL_LAT = "Koordinate: Breitengrad (WGS84)"
COL_LON = "Koordinate: Längengrad (WGS84)"
COL_SOLAR_KIND = "Art der Solaranlage"
COL_WIND_LOCATION = "Wind an Land oder auf See"
COL_LEGACY_LOCATION = "Lage der Einheit"
COL_LAST_UPDATE = "Letzte Aktualisierung"

#: Text columns copied as they are: file column -> unit column.
TEXT_COLUMNS: dict[str, str] = {
    "Anzeige-Name der Einheit": "unit_name",
    "Bundesland": "federal_state",
    "Ort": "place",
    "Gemeinde": "municipality_name",
    "Landkreis": "district_name",
    "Name des Windparks": "wind_park_name",
    "Hersteller der Windenergieanlage": "manufacturer",
    "Typenbezeichnung": "model",
    "Speichertechnologie": "storage_technology",
    "MaStR-Nr. der Genehmigung": "permit_id_mastr",
}

#: Optional numeric columns (decimal comma): file column -> unit column.
NUMBER_COLUMNS: dict[str, str] = {
    "Nettonennleistung der Einheit": "net_capacity_kw",
    "Nabenhöhe der Windenergieanlage": "hub_height_m",
    "Rotordurchmesser der Windenergieanlage": "rotor_diameter_m",
    "Nutzbare Speicherkapazität in kWh": "storage_energy_kwh",
}

#: Date columns: file column -> unit column.
DATE_COLUMNS: dict[str, str] = {
    "Inbetriebnahmedatum der Einheit": "commissioning_date",
    "Registrierungsdatum der Einheit": "registration_date",
    "Datum der endgültigen Stilllegung": "decommissioning_date",
    "Datum der geplanten Inbetriebnahme": "planned_commissioning_date",
    COL_LAST_UPDATE: "last_update",
}


#: (schema column, file column) pairs for the findings, the usual name first.
SOURCE_FIELDS: tuple[tuple[str, str], ...] = (
    ("unit_id_mastr", COL_ID),
    ("status", COL_STATUS),
    ("carrier", COL_CARRIER),
    ("carrier", COL_SOLAR_KIND),
    ("carrier", COL_WIND_LOCATION),
    ("carrier", COL_LEGACY_LOCATION),
    ("gross_capacity_kw", COL_GROSS),
    ("municipality_key", COL_AGS),
    ("postcode", COL_PLZ),
    ("latitude", COL_LAT),
    ("longitude", COL_LON),
    ("latitude/longitude", f"{COL_LAT} / {COL_LON}"),
    *((c, h) for h, c in TEXT_COLUMNS.items()),
    *((c, h) for h, c in NUMBER_COLUMNS.items()),
    *((c, h) for h, c in DATE_COLUMNS.items()),
)


def normalise_header(name: str) -> str:
    """Header name without BOM, TAB and surrounding or repeated whitespace."""
    name = name.replace("\ufeff", "").replace("\xa0", " ")
    return re.sub(r"\s+", " ", name).strip()


def report_drift(run: LoadRun, header: list[str]) -> None:
    """Report columns renamed (older header), missing or unknown compared with the current one."""
    present = set(header)
    replaced: set[str] = set()
    for legacy, replacements in LEGACY_COLUMNS.items():
        if legacy in present:
            missing_new = [c for c in replacements if c not in present]
            if missing_new:
                replaced.update(missing_new)
                run.drift(
                    legacy,
                    "renamed",
                    f"older header (before MaStR release 25.1, April 2025): now "
                    f"{' / '.join(repr(c) for c in replacements)}; read from '{legacy}'",
                )
    for col in CURRENT_HEADER:
        if col not in present and col not in replaced:
            run.drift(
                col,
                "missing",
                "column of the current 56-column header not in this file"
                + ("; required: file refused" if col in REQUIRED_COLUMNS else ""),
            )
    known = set(CURRENT_HEADER) | set(LEGACY_COLUMNS)
    for col in header:
        if col not in known:
            run.drift(col, "added", "column unknown to the reader: ignored")
