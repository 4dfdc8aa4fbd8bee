"""Write MaStR web CSV exports and population CSVs in the real formats, for tests.

The web CSV format follows real exports of the "Erweiterte Öffentliche
Einheitenübersicht" (see ``shared/reference/mastr-format.md`` §2): UTF-8 with
BOM, ``;`` separator, every field double-quoted, decimal comma, dates
``d.m.yyyy`` without zero padding, and the header name with a leading TAB.
The two headers below are the real 56-column header (since April 2025) and
the real 50-column header of 2023 (``Lage der Einheit``, no ``Gemeinde`` /
``Landkreis``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

#: Real 56-column header (MaStR release 25.1 and later), in file order.
HEADER_56: tuple[str, ...] = (
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
    "\tMaStR-Nr. des Anlagenbetreibers",
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

#: Real 50-column header of 2023 exports (before release 25.1), in file order.
HEADER_50: tuple[str, ...] = (
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
    "Koordinate: Breitengrad (WGS84)",
    "Koordinate: Längengrad (WGS84)",
    "Anzahl der Solar-Module",
    "Hauptausrichtung der Solar-Module",
    "Name des Windparks",
    "Nabenhöhe der Windenergieanlage",
    "Rotordurchmesser der Windenergieanlage",
    "Hersteller der Windenergieanlage",
    "Typenbezeichnung",
    "Hauptbrennstoff der Einheit",
    "Nutzbare Speicherkapazität in kWh",
    "Technologie der Stromerzeugung",
    "Lage der Einheit",
    "Letzte Aktualisierung",
    "Datum der endgültigen Stilllegung",
    "Datum der geplanten Inbetriebnahme",
    "Name des Anlagenbetreibers (nur Org.)",
    "\tMaStR-Nr. des Anlagenbetreibers",
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


def wind_row(unit_id: str = "SEE900000000001", **values: str) -> dict[str, str]:
    """A wind unit in Ludwigslust-Parchim as the web export shows it (labels, German numbers)."""
    row = {
        "MaStR-Nr. der Einheit": unit_id,
        "Anzeige-Name der Einheit": "WEA 1 Windpark Test",
        "Betriebs-Status": "In Betrieb",
        "Energieträger": "Wind",
        "Bruttoleistung der Einheit": "4200",
        "Nettonennleistung der Einheit": "4200",
        "Inbetriebnahmedatum der Einheit": "5.11.2018",
        "Registrierungsdatum der Einheit": "12.2.2019",
        "Bundesland": "Mecklenburg-Vorpommern",
        "Postleitzahl": "19288",
        "Ort": "Ludwigslust",
        "Gemeindeschlüssel": "13076088",
        "Gemeinde": "Ludwigslust",
        "Landkreis": "Ludwigslust-Parchim",
        "Koordinate: Breitengrad (WGS84)": "53,329861",
        "Koordinate: Längengrad (WGS84)": "11,497222",
        "Technologie der Stromerzeugung": "Horizontalläufer",
        "Name des Windparks": "Windpark Test",
        "Wind an Land oder auf See": "Windkraft an Land",
        "Lage der Einheit": "Windkraft an Land",
        "Nabenhöhe der Windenergieanlage": "164,5",
        "Rotordurchmesser der Windenergieanlage": "138,25",
        "Hersteller der Windenergieanlage": "ENERCON GmbH",
        "Typenbezeichnung": "E-138 EP3",
        "Letzte Aktualisierung": "3.4.2024",
        "MaStR-Nr. der Genehmigung": "SGE912345678901",
    }
    row.update(values)
    return row


def pv_row(unit_id: str = "SEE900000000002", kind: str = "Freifläche", **values: str) -> dict:
    """A solar unit; ``kind`` is the label of ``Art der Solaranlage`` / ``Lage der Einheit``."""
    row = {
        "MaStR-Nr. der Einheit": unit_id,
        "Anzeige-Name der Einheit": "Solarpark Test",
        "Betriebs-Status": "In Betrieb",
        "Energieträger": "Solare Strahlungsenergie",
        "Bruttoleistung der Einheit": "9999,84",
        "Nettonennleistung der Einheit": "8500",
        "Inbetriebnahmedatum der Einheit": "30.6.2021",
        "Registrierungsdatum der Einheit": "14.7.2021",
        "Bundesland": "Mecklenburg-Vorpommern",
        "Postleitzahl": "19370",
        "Ort": "Parchim",
        "Gemeindeschlüssel": "13076105",
        "Gemeinde": "Parchim",
        "Landkreis": "Ludwigslust-Parchim",
        "Koordinate: Breitengrad (WGS84)": "53,4267",
        "Koordinate: Längengrad (WGS84)": "11,8442",
        "Art der Solaranlage": kind,
        "Lage der Einheit": kind,
        "Letzte Aktualisierung": "1.8.2021",
    }
    row.update(values)
    return row


def write_web_csv(
    path: Path,
    rows: Iterable[Mapping[str, str]],
    header: Sequence[str] = HEADER_56,
    *,
    bom: bool = True,
    encoding: str = "utf-8",
    newline: str = "\n",
) -> Path:
    """Write rows as the MaStR web export does: every field quoted, ``;``, BOM.

    Rows are mappings by column name (the header's TAB prefix is ignored when
    looking values up); columns a row does not name are written empty, and
    names not in ``header`` are left out, as the export of that generation would.
    """

    def quote(value: str) -> str:
        return '"' + str(value).replace('"', '""') + '"'

    lines = [";".join(quote(h) for h in header)]
    for row in rows:
        lines.append(";".join(quote(row.get(h.lstrip("\t"), "")) for h in header))
    text = newline.join(lines) + newline
    data = text.encode(encoding)
    if bom and encoding.replace("-", "").lower() == "utf8":
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def write_population_csv(
    path: Path,
    rows: Iterable[Sequence[str]],
    header: Sequence[str] = ("AGS", "population", "date"),
    *,
    sep: str = ";",
    encoding: str = "utf-8",
) -> Path:
    """Write a small population table (no quoting, like a hand-made office file)."""
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path
