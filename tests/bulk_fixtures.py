"""Builders for small MaStR bulk export fixtures in the real format.

Records are plain dicts of MaStR element name -> value in the order of the
official XSDs; :func:`write_zip` writes them with
:func:`etl.demo.bulk_zip.write_bulk_zip` (UTF-16 LE with BOM, split parts
with the repeated boundary record, ``Katalogwerte.xml``). Other tests may use
these builders too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from etl.demo.bulk_zip import write_bulk_zip

ZIP_NAME = "Gesamtdatenexport_20261121_25.2.zip"

#: Catalogue ids (as in the real Katalogwerte.xml).
STATUS = {"planned": 31, "operating": 35, "temporarily_shut_down": 37, "permanently_shut_down": 38}
ONSHORE, OFFSHORE = 888, 889
GROUND, BUILDING, OTHER_STRUCTURE, BALCONY = 852, 853, 2484, 2961
ENERGY = {"wind": 2497, "solar": 2495, "biomass": 2493, "hydro": 2498, "storage": 2496}
BATTERY = 524
MV = 1407
ENERCON = 1586

_PREFIX = {"wind": "SEE9", "solar": "SEE8", "biomass": "SEE7", "hydro": "SEE6", "storage": "SEE5"}


def unit_id(kind: str, n: int) -> str:
    """A valid MaStR unit id (``SEE`` + 12 digits) for test unit ``n``."""
    return f"{_PREFIX[kind]}{n:011d}"


def plant_id(n: int) -> str:
    """A storage plant id (``SSE`` + 12 digits)."""
    return f"SSE{n:012d}"


def unit(
    kind: str,
    n: int,
    *,
    key: str | None = "13076001",
    status: str | int = "operating",
    gross_kw: object = 10.0,
    net_kw: object = None,
    district: str = "Ludwigslust-Parchim",
    **extra: object,
) -> dict[str, object]:
    """One unit record of ``kind`` (wind, solar, biomass, hydro, storage) in XSD order.

    ``extra`` sets or overrides elements by name (``None`` removes one).
    """
    rec: dict[str, object] = {
        "EinheitMastrNummer": unit_id(kind, n),
        "DatumLetzteAktualisierung": "2024-05-02T11:30:05.1746875",
        "LokationMaStRNummer": f"SEL{n:012d}",
        "NetzbetreiberpruefungStatus": 2954,
        "Land": 84,
        "Bundesland": MV,
        "Landkreis": district,
        "Gemeinde": "Teststadt",
        "Gemeindeschluessel": key,
        "Postleitzahl": "19370",
        "Ort": "Parchim",
        "Laengengrad": None,
        "Breitengrad": None,
        "Registrierungsdatum": "2020-01-15",
        "Inbetriebnahmedatum": "2020-03-01",
        "EinheitSystemstatus": 472,
        "EinheitBetriebsstatus": STATUS[status] if isinstance(status, str) else status,
        "NameStromerzeugungseinheit": f"Test {kind} {n}",
        "Weic_nv": 1,
        "Kraftwerksnummer_nv": 1,
        "Energietraeger": ENERGY[kind],
        "Bruttoleistung": gross_kw,
        "Nettonennleistung": gross_kw if net_kw is None else net_kw,
    }
    if kind == "wind":
        rec.update(
            {
                "NameWindpark": "Windpark Test",
                "WindAnLandOderAufSee": ONSHORE,
                "Hersteller": ENERCON,
                "Typenbezeichnung": "E-138 EP3",
                "Nabenhoehe": 131.0,
                "Rotordurchmesser": 138.25,
            }
        )
    elif kind == "solar":
        rec.update({"ArtDerSolaranlage": BUILDING, "Nutzungsbereich": 713})
    elif kind == "storage":
        rec.update({"SpeMastrNummer": plant_id(n), "Technologie": BATTERY})
    rec["EegMaStRNummer"] = f"EEG{n:012d}"
    for k, v in extra.items():
        rec[k] = v
    return {k: v for k, v in rec.items() if v is not None}


def plant(n: int, kwh: object, *, updated: str = "2024-05-02T11:30:05.1") -> dict[str, object]:
    """One storage plant record (``AnlagenStromSpeicher``) with its usable capacity."""
    return {
        "MaStRNummer": plant_id(n),
        "Registrierungsdatum": "2020-01-15",
        "DatumLetzteAktualisierung": updated,
        "NutzbareSpeicherkapazitaet": kwh,
        "VerknuepfteEinheitenMaStRNummern": unit_id("storage", n),
        "AnlageBetriebsstatus": 35,
    }


def write_zip(
    folder: Path,
    records: Mapping[str, Iterable[Mapping[str, object]]],
    *,
    name: str = ZIP_NAME,
    **kwargs: object,
) -> Path:
    """Write a bulk export zip named like the real one into ``folder``."""
    return write_bulk_zip(folder / name, records, **kwargs)  # type: ignore[arg-type]


def utf16_member(root: str, body: str, *, prolog: str = "") -> bytes:
    """A hand-written member (UTF-16 LE with BOM), for deliberately unusual content."""
    text = f'<?xml version="1.0" encoding="utf-16"?>\r\n{prolog}<{root}>{body}\r\n</{root}>'
    return text.encode("utf-16")
