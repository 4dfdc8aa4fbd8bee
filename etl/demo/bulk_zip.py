"""Write MaStR bulk export zips ("Gesamtdatenexport") in the real format.

Used to generate the demo data, the test fixtures and the benchmark inputs, so
that all of them go through the real reader. Format facts (see
``shared/reference/mastr-format.md`` and the official XSDs): one XML file per
object type, large types split into ``…_1.xml … _N.xml`` of about 100,000
records, **UTF-16 little-endian with BOM**, ISO dates, decimal point, optional
empty fields absent, catalogue values as numeric ids decoded by
``Katalogwerte.xml``. Like the real export, the last record of one part is
repeated as the first record of the next.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

NEWLINE = "\r\n"


@dataclass(frozen=True)
class MemberSpec:
    """File stem, root element and row element of one object type."""

    stem: str
    root: str
    row: str
    split: bool  # numbered parts (EinheitenSolar_1.xml …) or one file


MEMBERS: dict[str, MemberSpec] = {
    "wind": MemberSpec("EinheitenWind", "EinheitenWind", "EinheitWind", split=False),
    "solar": MemberSpec("EinheitenSolar", "EinheitenSolar", "EinheitSolar", split=True),
    "biomass": MemberSpec("EinheitenBiomasse", "EinheitenBiomasse", "EinheitBiomasse", False),
    "hydro": MemberSpec("EinheitenWasser", "EinheitenWasser", "EinheitWasser", split=False),
    "storage": MemberSpec(
        "EinheitenStromSpeicher", "EinheitenStromSpeicher", "EinheitStromSpeicher", split=True
    ),
    "storage_plants": MemberSpec(
        "AnlagenStromSpeicher", "AnlagenStromSpeicher", "AnlageStromSpeicher", split=True
    ),
    "permits": MemberSpec(
        "EinheitenGenehmigung", "EinheitenGenehmigung", "EinheitGenehmigung", split=False
    ),
}

#: Catalogue values used by the readers: (Id, Wert, KatalogKategorieId).
#: Ids and texts as in the real Katalogwerte.xml and the web filters (status, Länder,
#: manufacturers, storage and battery technology); category ids and the wind
#: technology ids are local to this project.
CATALOG: tuple[tuple[int, str, int], ...] = (
    (31, "In Planung", 1),
    (35, "In Betrieb", 1),
    (37, "Vorübergehend stillgelegt", 1),
    (38, "Endgültig stillgelegt", 1),
    (2493, "Biomasse", 2),
    (2495, "Solare Strahlungsenergie", 2),
    (2496, "Speicher", 2),
    (2497, "Wind", 2),
    (2498, "Wasser", 2),
    (84, "Deutschland", 3),
    (1400, "Brandenburg", 4),
    (1401, "Berlin", 4),
    (1402, "Baden-Württemberg", 4),
    (1403, "Bayern", 4),
    (1404, "Bremen", 4),
    (1405, "Hessen", 4),
    (1406, "Hamburg", 4),
    (1407, "Mecklenburg-Vorpommern", 4),
    (1408, "Niedersachsen", 4),
    (1409, "Nordrhein-Westfalen", 4),
    (1410, "Rheinland-Pfalz", 4),
    (1411, "Schleswig-Holstein", 4),
    (1412, "Saarland", 4),
    (1413, "Sachsen", 4),
    (1414, "Sachsen-Anhalt", 4),
    (1415, "Thüringen", 4),
    (1416, "Ausschließliche Wirtschaftszone", 4),
    (888, "Windkraft an Land", 5),
    (889, "Windkraft auf See", 5),
    (852, "Freifläche", 6),
    (853, "Bauliche Anlagen (Hausdach, Gebäude und Fassade)", 6),
    (2484, "Bauliche Anlagen (Sonstige)", 6),
    (2961, "Steckerfertige Erzeugungsanlage (sog. Plug-In- oder Balkonkraftwerk)", 6),
    (3002, "Gewässer", 6),
    (2954, "Geprüft", 7),
    (2955, "Ungeprüft", 7),
    (3075, "Nicht vorgesehen", 7),
    (524, "Batterie", 8),
    (525, "Druckluft", 8),
    (526, "Schwungrad", 8),
    (1537, "Pumpspeicher", 8),
    (3067, "Wasserstoffspeicher", 8),
    (727, "Lithium-Batterie", 9),
    (728, "Blei-Batterie", 9),
    (729, "Redox-Flow-Batterie", 9),
    (732, "Sonstige Batterie", 9),
    (1586, "ENERCON GmbH", 10),
    (1660, "Vestas Deutschland GmbH", 10),
    (1627, "Nordex Energy GmbH", 10),
    (1628, "Nordex SE", 10),
    (1001679, "Siemens Gamesa Renewable Energy GmbH & Co. KG", 10),
    (1597, "GE Wind Energy GmbH", 10),
    (1645, "Senvion Deutschland GmbH", 10),
    (1587, "eno energy GmbH", 10),
    (2888, "REpower Systems SE", 10),
    (2480, "Horizontalläufer", 11),
    (2481, "Vertikalläufer", 11),
)


def _xml_decl_and_root(root: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-16"?>'
        + NEWLINE
        + f'<{root} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
    )


def record_xml(row_element: str, fields: Mapping[str, object]) -> str:
    """One record as the export writes it: fields in the given order, empty ones absent."""
    parts = [NEWLINE, "  <", row_element, ">"]
    for name, value in fields.items():
        if value is None or value == "":
            continue
        parts += [NEWLINE, "    <", name, ">", escape(str(value)), "</", name, ">"]
    parts += [NEWLINE, "  </", row_element, ">"]
    return "".join(parts)


def _member_info(
    zf: zipfile.ZipFile, name: str, date_time: tuple[int, int, int, int, int, int] | None
) -> str | zipfile.ZipInfo:
    """The member name, or a ``ZipInfo`` with a fixed timestamp (for byte-identical zips)."""
    if date_time is None:
        return name
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zf.compression
    info._compresslevel = zf.compresslevel  # public as ``compress_level`` from Python 3.13
    info.external_attr = 0o600 << 16
    return info


def _write_member(
    zf: zipfile.ZipFile,
    name: str,
    root: str,
    row: str,
    records: Iterable[Mapping[str, object]],
    date_time: tuple[int, int, int, int, int, int] | None = None,
) -> None:
    with zf.open(_member_info(zf, name, date_time), "w", force_zip64=True) as fh:
        fh.write(_xml_decl_and_root(root).encode("utf-16"))  # with BOM
        buf: list[str] = []
        size = 0
        for rec in records:
            text = record_xml(row, rec)
            buf.append(text)
            size += len(text)
            if size > 1 << 20:
                fh.write("".join(buf).encode("utf-16-le"))
                buf, size = [], 0
        buf.append(f"{NEWLINE}</{root}>")
        fh.write("".join(buf).encode("utf-16-le"))


def _parts(
    records: Iterable[Mapping[str, object]], rows_per_file: int, repeat_boundary: bool
) -> Iterator[list[Mapping[str, object]]]:
    part: list[Mapping[str, object]] = []
    fresh = 0  # records in ``part`` that no earlier part held
    for rec in records:
        part.append(rec)
        fresh += 1
        if len(part) >= rows_per_file:
            yield part
            part = [part[-1]] if repeat_boundary else []
            fresh = 0
    if fresh:
        yield part


def write_bulk_zip(
    path: Path,
    records: Mapping[str, Iterable[Mapping[str, object]]],
    *,
    catalog: Iterable[tuple[int, str, int]] = CATALOG,
    rows_per_file: int = 100_000,
    repeat_boundary_record: bool = True,
    compresslevel: int = 6,
    extra_members: Mapping[str, bytes] | None = None,
    date_time: tuple[int, int, int, int, int, int] | None = None,
) -> Path:
    """Write a ``Gesamtdatenexport_*.zip``.

    ``records`` maps a key of :data:`MEMBERS` (``wind``, ``solar`` …) to
    records, each a mapping of MaStR element name to value (in XSD order;
    ``None`` or ``""`` means absent). Split types are written in parts of
    ``rows_per_file`` records. ``extra_members`` adds raw members as given
    (e.g. a deliberately broken file for a test). ``date_time`` fixes the
    members' timestamps so that equal input gives a byte-identical zip.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(
        path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel
    ) as zf:
        _write_member(
            zf,
            "Katalogwerte.xml",
            "Katalogwerte",
            "Katalogwert",
            ({"Id": i, "Wert": w, "KatalogKategorieId": k} for i, w, k in catalog),
            date_time,
        )
        for key, recs in records.items():
            spec = MEMBERS[key]
            if spec.split:
                for n, part in enumerate(_parts(recs, rows_per_file, repeat_boundary_record), 1):
                    _write_member(zf, f"{spec.stem}_{n}.xml", spec.root, spec.row, part, date_time)
            else:
                _write_member(zf, f"{spec.stem}.xml", spec.root, spec.row, recs, date_time)
        for name, data in (extra_members or {}).items():
            zf.writestr(_member_info(zf, name, date_time), data)
    return path
