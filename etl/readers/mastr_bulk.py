"""Reader for the MaStR bulk export (``Gesamtdatenexport_YYYYMMDD_YY.N.zip``).

The export is one zip with one UTF-16 XML file per object type (large types
split into ``…_1.xml … _N.xml``). This reader streams the unit members
(wind, solar, biomass, hydro, storage) and then the storage plants straight
out of the zip, without unpacking to disk and without building a tree:

1. each member is inflated and decoded in chunks and split into records on the
   row end tag (``</EinheitSolar>``);
2. a block of records whose municipality keys are all written in the plain
   form ``<Gemeindeschluessel>12345678</Gemeindeschluessel>`` is filtered by a
   substring test on the region prefix; any record whose key is written in
   another way (entities, CDATA, whitespace, attributes, comments, absent …)
   is parsed in full and decided by its parsed key, so the filter is exact;
3. records in the region are parsed by element name (any order) with a strict
   regular expression for plain ``<Name>text</Name>`` children, falling back
   to lxml (entities, DTDs and network off) for anything else; a record that
   is not well-formed is reported with its element number and skipped;
4. catalogue ids are decoded with the zip's own ``Katalogwerte.xml``;
   values are typed and checked in columnar batches and handed to
   :meth:`etl.sink.BuildSink.add_units`.

Members are read by a small pool of worker processes when the zip is large
(both cores of the target machine), else in the calling process. A truncated
zip (no central directory) is read member by member from its local headers;
damaged members load the records read before the damage. Members with a DTD
or entity declarations are refused unread (XXE, entity expansion).
"""

from __future__ import annotations

import codecs
import mmap
import os
import pickle
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, repeat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from etl.region import REASON_AGS_REPAIRED, Region, parse_ags

if TYPE_CHECKING:  # the worker processes import this module without pandas/duckdb
    import pandas as pd

    from etl.readers.base import LoadRun, ProgressFactory
    from etl.region import Region

SOURCE = "mastr_bulk"

#: Bytes inflated per read. Larger chunks mean fewer Python steps, more memory.
CHUNK_BYTES = 1 << 20
#: A record larger than this (characters) is treated as damage, not buffered forever.
MAX_RECORD_CHARS = 32 << 20
#: Use worker processes when the relevant members inflate to more than this.
PARALLEL_MIN_BYTES = 64 << 20
#: Rows collected before they are typed and staged (small members are batched).
BATCH_ROWS = 50_000
#: Rows typed and handed to the sink at once (bounds the memory of one step).
SLICE_ROWS = 50_000

_BULK_NAME = re.compile(r"Gesamtdatenexport_(\d{4})(\d{2})(\d{2})", re.IGNORECASE)
_FIELD_RE = re.compile(r"<([A-Za-z_][\w.\-]*)>([^<]*)</\1>")
_TAG_NAME_RE = re.compile(r"<([A-Za-z_][\w.\-]*)[\s/>]")
_ENTITY_RE = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_KEY = "Gemeindeschluessel"
_KEY_SIMPLE_RE = re.compile(r"<Gemeindeschluessel>([0-9]{8})</Gemeindeschluessel>")
_AGS_RE = re.compile(r"[0-9]{8}")
_UNSAFE_MARKERS = ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
_SEP = "\x00"  # cannot occur in XML text; separates values of a column in transfer


# --------------------------------------------------------------------------- #
# What the reader knows about the members (element names from the official
# XSDs, revision 25.2, in shared/reference/mastr-export/xsd/).
# --------------------------------------------------------------------------- #
_COMMON = [
    "EinheitMastrNummer",
    "DatumLetzteAktualisierung",
    "LokationMaStRNummer",
    "NetzbetreiberpruefungStatus",
    "NetzbetreiberpruefungDatum",
    "AnlagenbetreiberMastrNummer",
    "Land",
    "Bundesland",
    "Landkreis",
    "Gemeinde",
    "Gemeindeschluessel",
    "Postleitzahl",
    "Gemarkung",
    "FlurFlurstuecknummern",
    "Strasse",
    "StrasseNichtGefunden",
    "Hausnummer",
    "Hausnummer_nv",
    "HausnummerNichtGefunden",
    "Adresszusatz",
    "Ort",
    "Laengengrad",
    "Breitengrad",
    "Registrierungsdatum",
    "GeplantesInbetriebnahmedatum",
    "Inbetriebnahmedatum",
    "DatumEndgueltigeStilllegung",
    "DatumBeginnVoruebergehendeStilllegung",
    "DatumWiederaufnahmeBetrieb",
    "EinheitSystemstatus",
    "EinheitBetriebsstatus",
    "BestandsanlageMastrNummer",
    "NichtVorhandenInMigriertenEinheiten",
    "AltAnlagenbetreiberMastrNummer",
    "DatumDesBetreiberwechsels",
    "DatumRegistrierungDesBetreiberwechsels",
    "NameStromerzeugungseinheit",
    "Weic",
    "Weic_nv",
    "WeicDisplayName",
    "Kraftwerksnummer",
    "Kraftwerksnummer_nv",
    "Energietraeger",
    "Bruttoleistung",
    "Nettonennleistung",
    "AnschlussAnHoechstOderHochSpannung",
    "Einsatzverantwortlicher",
    "FernsteuerbarkeitNb",
    "FernsteuerbarkeitDv",
    "Einspeisungsart",
    "GenMastrNummer",
    "EegMaStRNummer",
    "InbetriebnahmedatumAmAktuellenStandort",
]
_KNOWN_EXTRA = {
    "wind": "NameWindpark WindAnLandOderAufSee Seelage "
    "GebietNachDemFlaechenentwicklungsplanNordsee "
    "GebietNachDemFlaechenentwicklungsplanOstsee Hersteller Technologie Typenbezeichnung "
    "Nabenhoehe Rotordurchmesser Rotorblattenteisungssystem "
    "AuflageAbschaltungLeistungsbegrenzung AuflagenAbschaltungSchallimmissionsschutzNachts "
    "AuflagenAbschaltungSchallimmissionsschutzTagsueber "
    "AuflagenAbschaltungSchattenwurf AuflagenAbschaltungTierschutz AuflagenAbschaltungEiswurf "
    "AuflagenAbschaltungSonstige Nachtkennzeichnung Buergerenergie Wassertiefe Kuestenentfernung "
    "TechnologieFlugwindenergieanlage Flughoehe Flugradius",
    "solar": "ZugeordneteWirkleistungWechselrichter AnzahlModule ArtDerSolaranlage "
    "Leistungsbegrenzung EinheitlicheAusrichtungUndNeigungswinkel Hauptausrichtung "
    "HauptausrichtungNeigungswinkel Nebenausrichtung NebenausrichtungNeigungswinkel "
    "Nutzungsbereich Buergerenergie GroesseDerInAnspruchGenommenenFlaecheInHektar "
    "UeberwiegendeNutzungsartDerFlaecheVorErrichtungDerSolaranlage SpeicherAmGleichenOrt "
    "NameDesSolarparks VorherigerNutzungsartenbereichDerFlaeche "
    "ZusaetzlicheMerkmaleDerFlaecheUndDerAktuellenFlaechennutzung LichteHoehe",
    "biomass": "Hauptbrennstoff Biomasseart Technologie KwkMaStRNummer NetzreserveZugeordnet "
    "DatumNetzreserve KapazitaetsreserveZugeordnet DatumKapazitaetsreserve",
    "hydro": "NameKraftwerk ArtDerWasserkraftanlage MinderungStromerzeugung "
    "BestandteilGrenzkraftwerk NettonennleistungDeutschland ArtDesZuflusses "
    "NetzreserveZugeordnet DatumNetzreserve KapazitaetsreserveZugeordnet DatumKapazitaetsreserve",
    "storage": "Einsatzort AcDcKoppelung Batterietechnologie PumpbetriebLeistungsaufnahme "
    "PumpbetriebKontinuierlichRegelbar Pumpspeichertechnologie Notstromaggregat "
    "BestandteilGrenzkraftwerk NettonennleistungDeutschland ZugeordnenteWirkleistungWechselrichter "
    "SpeMastrNummer EegAnlagentyp Technologie GemeinsamRegistrierteSolareinheitMastrNummer "
    "NetzreserveZugeordnet DatumNetzreserve KapazitaetsreserveZugeordnet DatumKapazitaetsreserve",
}
_PLANT_ELEMENTS = [
    "MaStRNummer",
    "Registrierungsdatum",
    "DatumLetzteAktualisierung",
    "NutzbareSpeicherkapazitaet",
    "VerknuepfteEinheitenMaStRNummern",
    "AnlageBetriebsstatus",
]

#: Elements the reader relies on: reported as ``missing`` when a member has none.
_EXPECTED_COMMON = (
    "EinheitMastrNummer",
    "DatumLetzteAktualisierung",
    "EinheitBetriebsstatus",
    "Energietraeger",
    "Bruttoleistung",
    "Gemeindeschluessel",
)


@dataclass(frozen=True)
class MemberKind:
    """One object type of the export that this reader loads."""

    key: str
    stem: str  # file name without part number and extension
    row: str  # row element
    carrier: str | None  # fixed carrier, or None when decided per record
    known: frozenset[str]  # element names of the current XSD
    expected: tuple[str, ...]  # elements the reader needs
    renamed: Mapping[str, str]  # old element name -> current name

    @property
    def is_plant(self) -> bool:
        return self.key == "storage_plants"


def _kind(
    key: str,
    stem: str,
    row: str,
    carrier: str | None,
    extra_expected: tuple[str, ...] = (),
    renamed: Mapping[str, str] | None = None,
) -> MemberKind:
    known = frozenset(_COMMON + _KNOWN_EXTRA[key].split())
    return MemberKind(
        key, stem, row, carrier, known, _EXPECTED_COMMON + tuple(extra_expected), renamed or {}
    )


UNIT_KINDS: tuple[MemberKind, ...] = (
    _kind(
        "wind",
        "EinheitenWind",
        "EinheitWind",
        None,
        ("Nettonennleistung", "WindAnLandOderAufSee"),
        {
            "Lage": "WindAnLandOderAufSee",
            "ClusterNordsee": "GebietNachDemFlaechenentwicklungsplanNordsee",
            "ClusterOstsee": "GebietNachDemFlaechenentwicklungsplanOstsee",
        },
    ),
    _kind(
        "solar",
        "EinheitenSolar",
        "EinheitSolar",
        None,
        ("Nettonennleistung", "ArtDerSolaranlage"),
        {"Lage": "ArtDerSolaranlage"},
    ),
    _kind("biomass", "EinheitenBiomasse", "EinheitBiomasse", "biomass"),
    _kind("hydro", "EinheitenWasser", "EinheitWasser", "hydro", ("Nettonennleistung",)),
    _kind(
        "storage",
        "EinheitenStromSpeicher",
        "EinheitStromSpeicher",
        "storage",
        ("SpeMastrNummer",),
    ),
)
PLANT_KIND = MemberKind(
    "storage_plants",
    "AnlagenStromSpeicher",
    "AnlageStromSpeicher",
    None,
    frozenset(_PLANT_ELEMENTS),
    ("MaStRNummer", "NutzbareSpeicherkapazitaet"),
    {},
)
KINDS: dict[str, MemberKind] = {k.key: k for k in (*UNIT_KINDS, PLANT_KIND)}
_MEMBER_RE = re.compile(
    r"^(?:.*/)?(" + "|".join(k.stem for k in KINDS.values()) + r")(?:_(\d+))?\.xml$"
)
CATALOG_MEMBER = "Katalogwerte.xml"

#: Raw elements extracted for units: name in the output frame -> element name.
_UNIT_FIELDS: tuple[str, ...] = (
    "EinheitMastrNummer",
    "NameStromerzeugungseinheit",
    "EinheitBetriebsstatus",
    "Bruttoleistung",
    "Nettonennleistung",
    "Inbetriebnahmedatum",
    "GeplantesInbetriebnahmedatum",
    "DatumEndgueltigeStilllegung",
    "DatumBeginnVoruebergehendeStilllegung",
    "Registrierungsdatum",
    "DatumLetzteAktualisierung",
    "Gemeindeschluessel",
    "Gemeinde",
    "Postleitzahl",
    "Ort",
    "Bundesland",
    "Landkreis",
    "Breitengrad",
    "Laengengrad",
    "Energietraeger",
    "NameWindpark",
    "Nabenhoehe",
    "Rotordurchmesser",
    "Hersteller",
    "Typenbezeichnung",
    "Technologie",
    "SpeMastrNummer",
    "GenMastrNummer",
    "WindAnLandOderAufSee",
    "ArtDerSolaranlage",
)
_PLANT_FIELDS: tuple[str, ...] = (
    "MaStRNummer",
    "NutzbareSpeicherkapazitaet",
    "DatumLetzteAktualisierung",
)

#: Schema column <- element (plain copies of text).
_TEXT_COLUMNS = {
    "unit_id_mastr": "EinheitMastrNummer",
    "unit_name": "NameStromerzeugungseinheit",
    "municipality_key": "Gemeindeschluessel",
    "municipality_name": "Gemeinde",
    "postcode": "Postleitzahl",
    "place": "Ort",
    "district_name": "Landkreis",
    "wind_park_name": "NameWindpark",
    "model": "Typenbezeichnung",
    "permit_id_mastr": "GenMastrNummer",
}
_NUMBER_COLUMNS = {
    "gross_capacity_kw": "Bruttoleistung",
    "net_capacity_kw": "Nettonennleistung",
    "latitude": "Breitengrad",
    "longitude": "Laengengrad",
    "hub_height_m": "Nabenhoehe",
    "rotor_diameter_m": "Rotordurchmesser",
}
_DATE_COLUMNS = {
    "commissioning_date": "Inbetriebnahmedatum",
    "planned_commissioning_date": "GeplantesInbetriebnahmedatum",
    "decommissioning_date": "DatumEndgueltigeStilllegung",
    "temporary_shutdown_date": "DatumBeginnVoruebergehendeStilllegung",
    "registration_date": "Registrierungsdatum",
}
#: Catalogue-coded elements decoded to text (not critical: unknown code -> cleared).
_CATALOG_COLUMNS = {
    "federal_state": "Bundesland",
    "energy_source": "Energietraeger",
    "manufacturer": "Hersteller",
    "storage_technology": "Technologie",
}
#: Only these kinds carry the element in a meaning the column has.
_KIND_ONLY = {
    "wind_park_name": {"wind"},
    "hub_height_m": {"wind"},
    "rotor_diameter_m": {"wind"},
    "manufacturer": {"wind"},
    "model": {"wind"},
    "storage_technology": {"storage"},
}

#: Catalogue texts (normalised) of the operating status -> schema code.
_STATUS_TEXTS = {
    "in planung": "planned",
    "in betrieb": "operating",
    "vorübergehend stillgelegt": "temporarily_shut_down",
    "endgültig stillgelegt": "permanently_shut_down",
}
#: Catalogue used when the zip has no Katalogwerte.xml (release 25.2 ids).
_FALLBACK_CATALOG = {
    "31": "In Planung",
    "35": "In Betrieb",
    "37": "Vorübergehend stillgelegt",
    "38": "Endgültig stillgelegt",
    "888": "Windkraft an Land",
    "889": "Windkraft auf See",
    "852": "Freifläche",
    "853": "Bauliche Anlagen (Hausdach, Gebäude und Fassade)",
    "2484": "Bauliche Anlagen (Sonstige)",
    "2961": "Steckerfertige Erzeugungsanlage (sog. Plug-In- oder Balkonkraftwerk)",
    "3002": "Gewässer",
}


class UnsafeXmlError(ValueError):
    """A member declares a DTD or entities; it is refused without being parsed."""


class MalformedRecordError(ValueError):
    """One record is not well-formed XML."""


# --------------------------------------------------------------------------- #
# Small helpers
# --------------------------------------------------------------------------- #
def bulk_extract_date(name: str) -> date | None:
    """Extract date from ``Gesamtdatenexport_YYYYMMDD_YY.N.zip`` (``None`` if absent)."""
    m = _BULK_NAME.search(name)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def classify_member(name: str) -> tuple[MemberKind, int] | None:
    """Kind and part number of a zip member this reader loads, else ``None``."""
    m = _MEMBER_RE.match(name)
    if not m:
        return None
    return KINDS_BY_STEM[m.group(1)], int(m.group(2) or 0)


KINDS_BY_STEM = {k.stem: k for k in KINDS.values()}


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _unescape(value: str) -> str:
    """Resolve the predefined XML entities and character references; raise on others."""
    if value.count("&") != len(_ENTITY_RE.findall(value)):
        raise MalformedRecordError("undefined entity reference")

    def sub(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith("#x"):
            return chr(int(ref[2:], 16))
        if ref.startswith("#"):
            return chr(int(ref[1:]))
        return _ENTITIES[ref]

    try:
        return _ENTITY_RE.sub(sub, value)
    except (ValueError, OverflowError) as exc:
        raise MalformedRecordError("invalid character reference") from exc


_LXML_PARSER = None


def _lxml_record(text: str, row: str) -> dict[str, str]:
    """Parse one record with lxml, entities/DTD/network off (the slow, general path)."""
    global _LXML_PARSER
    from lxml import etree

    if _LXML_PARSER is None:
        _LXML_PARSER = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
    if any(m in text for m in _UNSAFE_MARKERS):
        raise MalformedRecordError("DTD or entity declaration inside a record")
    try:
        root = etree.fromstring(text + f"</{row}>", _LXML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise MalformedRecordError(f"not well-formed XML: {exc}") from exc
    if etree.QName(root).localname != row:
        raise MalformedRecordError(f"unexpected element <{root.tag}> instead of <{row}>")
    out: dict[str, str] = {}
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if any(isinstance(c.tag, str) for c in child):
            raise MalformedRecordError(f"element {child.tag} has nested elements")
        out[etree.QName(child).localname] = "".join(child.itertext())
    return out


def parse_record(text: str, row: str) -> dict[str, str]:
    """Children of one record as ``{element name: text}``, by name, any order.

    ``text`` is the record without its end tag. Plain ``<Name>text</Name>``
    children are read with a regular expression; a record with anything else
    (attributes, CDATA, comments, nested or self-closing elements, unusual
    whitespace in tags) is parsed by lxml. Raises :class:`MalformedRecordError`.
    """
    pairs = _FIELD_RE.findall(text)
    if text.count("<") == 2 * len(pairs) + 1 and text.lstrip().startswith(f"<{row}>"):
        rec = dict(pairs)
        if "&" in text:
            rec = {k: (_unescape(v) if "&" in v else v) for k, v in rec.items()}
        return rec
    return _lxml_record(text, row)


def _decoder(head: bytes) -> tuple[codecs.IncrementalDecoder, int]:
    """Incremental decoder for a member from its first bytes, and the BOM length."""
    if head.startswith(codecs.BOM_UTF16_LE):
        return codecs.getincrementaldecoder("utf-16-le")(errors="replace"), 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return codecs.getincrementaldecoder("utf-16-be")(errors="replace"), 2
    if head.startswith(codecs.BOM_UTF8):
        return codecs.getincrementaldecoder("utf-8")(errors="replace"), 3
    if head[:2] == b"<\x00":
        return codecs.getincrementaldecoder("utf-16-le")(errors="replace"), 0
    if head[:2] == b"\x00<":
        return codecs.getincrementaldecoder("utf-16-be")(errors="replace"), 0
    return codecs.getincrementaldecoder("utf-8")(errors="replace"), 0


@dataclass
class _StreamState:
    bytes_read: int = 0
    replaced_chars: bool = False
    trailing: str = ""  # text after the last complete record


def record_blocks(
    stream: BinaryIO, row: str, state: _StreamState, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[tuple[str, int]]:
    """Yield ``(text, end)``: ``text[:end]`` is a block of complete records of a member.

    The block starts at a record (or the whitespace before it) and ends with
    ``</row>``; it is not sliced out, so callers search it with ``pos/endpos``.
    Raises :class:`UnsafeXmlError` when the prolog declares a DTD or entities.
    Errors of the underlying stream (damaged or truncated member) propagate
    after the blocks read before them were yielded.
    """
    end_tag = f"</{row}>"
    start_re = re.compile(rf"<{re.escape(row)}[\s>/]")
    first = stream.read(chunk_bytes)
    state.bytes_read += len(first)
    dec, bom = _decoder(first)
    text = dec.decode(first[bom:], final=not first)
    # Prolog: everything before the first row element.
    while True:
        m = start_re.search(text)
        prolog = text[: m.start()] if m else text
        if any(marker in prolog for marker in _UNSAFE_MARKERS):
            raise UnsafeXmlError("the member declares a DTD or entities (<!DOCTYPE/<!ENTITY)")
        if m:
            text = text[m.start() :]
            break
        data = stream.read(chunk_bytes)
        state.bytes_read += len(data)
        if not data:
            state.trailing = text
            return
        text += dec.decode(data)
    buf = text
    while True:
        j = buf.rfind(end_tag)
        if j >= 0:
            j += len(end_tag)
            if "\ufffd" in buf:
                state.replaced_chars = True
            if _SEP in buf:
                buf = buf.replace(_SEP, "\ufffd")
            yield buf, j
            buf = buf[j:]
        elif len(buf) > MAX_RECORD_CHARS:
            raise MalformedRecordError(f"no </{row}> within {MAX_RECORD_CHARS} characters")
        data = stream.read(chunk_bytes)
        state.bytes_read += len(data)
        if not data:
            buf += dec.decode(b"", final=True)
            state.trailing = buf
            return
        buf += dec.decode(data)


# --------------------------------------------------------------------------- #
# Reading one member (runs in a worker process or in the caller)
# --------------------------------------------------------------------------- #
@dataclass
class MemberTask:
    """What a worker needs to read one member."""

    zip_path: str
    member: str
    kind_key: str
    region_prefix: str
    catalog: dict[str, str]
    wanted_ids: frozenset[str] | None = None  # storage plants: only these ids
    data_offset: int | None = None  # sequential mode: local data start
    method: int | None = None
    compressed_size: int | None = None


@dataclass
class MemberResult:
    """Rows (raw text, column-wise) and problems of one member."""

    member: str
    kind_key: str
    records: int = 0  # records read, in region or not
    rows: int = 0  # records kept (in region, parsed)
    columns: dict[str, str] = field(default_factory=dict)  # name -> values joined by _SEP
    element_numbers: list[int] = field(default_factory=list)
    key_rejected: int = 0  # records rejected for their municipality key
    malformed: int = 0
    problems: list[dict[str, str | None]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    error: str | None = None
    refused: str | None = None
    bytes_read: int = 0
    replaced_chars: bool = False


def _problem(
    row_ref: str | None,
    record_id: str | None,
    fld: str | None,
    reason: str,
    raw: str | None,
    action: str = "row_rejected",
) -> dict[str, str | None]:
    return {
        "row_ref": row_ref,
        "record_id": record_id,
        "field": fld,
        "reason": reason,
        "raw_value": None if raw is None else str(raw)[:500],
        "action": action,
    }


_KEY_OR_END: dict[str, re.Pattern[str]] = {}


def _has_declaration(buf: str, end: int) -> bool:
    """Whether ``buf[:end]`` holds ``<!`` or ``<?`` (comment, CDATA, DTD, instruction)."""
    for mark in ("!", "?"):
        i = buf.find(mark, 0, end)
        while i >= 0:
            if i > 0 and buf[i - 1] == "<":
                return True
            i = buf.find(mark, i + 1, end)
    return False


def _fast_region_select(
    buf: str, end: int, row: str, prefix: str
) -> tuple[int, list[tuple[int, str]]] | None:
    """Region filter for a block whose keys are all plain; ``None`` when one is not.

    Returns the number of records and ``(index, record text)`` of those whose
    ``Gemeindeschluessel`` starts with ``prefix``. The block qualifies when it
    has no comment, CDATA, DTD or processing instruction and its records are
    exactly "one plain 8-digit key, then the record end" each (checked with one
    regular-expression pass), so a substring test on the key decides exactly.
    """
    pat = _KEY_OR_END.get(row)
    if pat is None:
        pat = _KEY_OR_END[row] = re.compile(
            rf"<(?:Gemeindeschluessel>([0-9]{{8}})</Gemeindeschluessel>|/{re.escape(row)}>)"
        )
    toks = pat.findall(buf, 0, end)
    keys = toks[0::2]
    n = len(keys)
    if len(toks) != 2 * n or "" in keys or toks[1::2].count("") != n:
        return None
    if _has_declaration(buf, end):
        return None
    end_tag = f"</{row}>"
    needle = f"<{_KEY}>{prefix}"
    indices = list(compress(range(n), map(str.startswith, keys, repeat(prefix))))
    out: list[tuple[int, str]] = []
    pos = 0
    for i in indices:
        pos = buf.find(needle, pos, end)
        start = buf.rfind(end_tag, 0, pos)
        start = 0 if start < 0 else start + len(end_tag)
        stop = buf.find(end_tag, pos, end)
        out.append((i, buf[start:stop]))
        pos = stop
    return n, out


def _slow_region_select(recs: list[str], prefix: str) -> list[int]:
    """Record by record: plain keys decide at once, anything else is parsed in full."""
    out: list[int] = []
    for i, rec in enumerate(recs):
        if rec.count(_KEY) == 2 and not _has_declaration(rec, len(rec)):
            m = _KEY_SIMPLE_RE.search(rec)
            if m is not None:
                if m.group(1).startswith(prefix):
                    out.append(i)
                continue
        out.append(i)  # unusual form or no key: decided after full parsing
    return out


def _is_offshore(rec: dict[str, str], catalog: Mapping[str, str]) -> bool:
    code = (rec.get("WindAnLandOderAufSee") or rec.get("Lage") or "").strip()
    return "auf see" in _norm(catalog.get(code))


def _member_ref(row: str, number: int) -> str:
    return f"{row} #{number}"


def scan_member(task: MemberTask, stream: BinaryIO | None = None) -> MemberResult:
    """Read one member: select the region's records, parse them, collect problems.

    Opens the member from ``task.zip_path`` unless ``stream`` is given. Never
    raises for bad content: refusals and damage are returned in the result.
    """
    kind = KINDS[task.kind_key]
    res = MemberResult(member=task.member, kind_key=kind.key)
    state = _StreamState()
    try:
        if stream is not None:
            _scan_stream(stream, kind, task, res, state)
        elif task.data_offset is not None:
            with open(task.zip_path, "rb") as fh:
                local = _LocalMemberStream(fh, task.data_offset, task.method, task.compressed_size)
                _scan_stream(local, kind, task, res, state)
        else:
            with zipfile.ZipFile(task.zip_path) as zf, zf.open(task.member) as raw:
                _scan_stream(raw, kind, task, res, state)
    except UnsafeXmlError as exc:
        res.refused = str(exc)
        res.rows, res.columns, res.element_numbers = 0, {}, []
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, MalformedRecordError) as exc:
        res.error = f"{type(exc).__name__}: {exc}"
    res.bytes_read = state.bytes_read
    res.replaced_chars = state.replaced_chars
    return res


def _scan_stream(
    stream: BinaryIO, kind: MemberKind, task: MemberTask, res: MemberResult, state: _StreamState
) -> None:
    row = kind.row
    fields = _PLANT_FIELDS if kind.is_plant else _UNIT_FIELDS
    parts: dict[str, list[str]] = {f: [] for f in fields}
    try:
        _scan_blocks(stream, kind, task, res, state, parts)
    finally:  # keep what was read before any damage
        res.columns = {f: _SEP.join(p) for f, p in parts.items()}
    tail = state.trailing.strip()
    if f"<{row}" in tail:
        res.malformed += 1
        res.problems.append(
            _problem(
                _member_ref(row, res.records + 1),
                None,
                None,
                f"record skipped: the member ends inside the record (no </{row}>)",
                tail[:200],
            )
        )


def _scan_blocks(
    stream: BinaryIO,
    kind: MemberKind,
    task: MemberTask,
    res: MemberResult,
    state: _StreamState,
    parts: dict[str, list[str]],
) -> None:
    row = kind.row
    end_tag = f"</{row}>"
    fields = _PLANT_FIELDS if kind.is_plant else _UNIT_FIELDS
    nv_flags = {f + "_nv": f for f in fields}
    prefix = task.region_prefix
    catalog = task.catalog
    findall = _FIELD_RE.findall
    row_start = re.compile(rf"\s*<{re.escape(row)}>").match
    first_block = True
    for buf, end in record_blocks(stream, row, state):
        base = res.records + 1
        if first_block:  # a sample of the element names for drift detection
            res.seen.update(_TAG_NAME_RE.findall(buf, 0, end))
            res.seen.discard(row)
            first_block = False
        fast = None
        if prefix and not kind.is_plant:
            fast = _fast_region_select(buf, end, row, prefix)
        if fast is not None:
            res.records += fast[0]
            chosen = fast[1]
        else:
            recs = buf[:end].split(end_tag)
            recs.pop()  # text after the last end tag (empty)
            res.records += len(recs)
            if kind.is_plant:
                selected = _select_plants(buf, end, recs, task.wanted_ids)
            elif prefix:
                selected = _slow_region_select(recs, prefix)
            else:
                selected = range(len(recs))
            chosen = [(i, recs[i]) for i in selected]
        kept: list[dict[str, str]] = []
        numbers: list[int] = []
        for i, text in chosen:
            number = base + i
            try:
                # the common case of parse_record, inlined: plain children only
                pairs = findall(text)
                if (
                    text.count("<") == 2 * len(pairs) + 1
                    and "&" not in text
                    and row_start(text) is not None
                ):
                    rec = dict(pairs)
                else:
                    rec = parse_record(text, row)
            except MalformedRecordError as exc:
                res.malformed += 1
                res.problems.append(
                    _problem(
                        _member_ref(row, number),
                        None,
                        None,
                        f"record skipped: {exc}",
                        text.strip()[:200],
                    )
                )
                continue
            if kind.is_plant:
                plant = (rec.get("MaStRNummer") or "").strip()
                if task.wanted_ids is not None and plant not in task.wanted_ids:
                    continue
            else:
                key = rec.get(_KEY)
                plain_key = key is not None and len(key) == 8 and key.isascii() and key.isdigit()
                if not (plain_key and key.startswith(prefix)) and not (
                    not plain_key and _place(rec, kind, prefix, catalog, number, res)
                ):
                    continue
            kept.append(rec)
            numbers.append(number)
        if not kept:
            continue
        names = set().union(*kept)
        res.seen.update(names)
        for nv in names.intersection(nv_flags):  # `…_nv` = 1: value not available
            for rec in kept:
                if rec.get(nv, "").strip() == "1":
                    rec.pop(nv_flags[nv], None)
        for old, new in kind.renamed.items():
            if old in names:
                for rec in kept:
                    if old in rec and new not in rec:
                        rec[new] = rec[old]
        for f in fields:
            parts[f].append(_SEP.join(map(dict.get, kept, repeat(f), repeat(""))))
        res.element_numbers.extend(numbers)
        res.rows += len(kept)


def _select_plants(
    buf: str, end: int, recs: list[str], wanted: frozenset[str] | None
) -> list[int] | range:
    n = len(recs)
    if wanted is None:
        return range(n)
    if not wanted:
        return []
    ids = _PLANT_ID_RE.findall(buf, 0, end)
    plain = len(ids) == n and buf.count("MaStRNummer", 0, end) == 2 * n
    if plain and not _has_declaration(buf, end):
        return [i for i, v in enumerate(ids) if v in wanted]
    return range(n)  # unusual form: parse all, filter after parsing


_PLANT_ID_RE = re.compile(r"<MaStRNummer>([^<]*)</MaStRNummer>")


def _place(
    rec: dict[str, str],
    kind: MemberKind,
    prefix: str,
    catalog: Mapping[str, str],
    number: int,
    res: MemberResult,
) -> bool:
    """Decide by the parsed municipality key whether a unit belongs to the region."""
    raw_key = rec.get(_KEY)
    parsed = parse_ags(raw_key)
    if parsed.key is not None:
        rec[_KEY] = parsed.key
        if parsed.repaired:
            res.problems.append(
                _problem(
                    _member_ref(kind.row, number),
                    rec.get("EinheitMastrNummer"),
                    "municipality_key",
                    REASON_AGS_REPAIRED,
                    raw_key,
                    "flagged",
                )
            )
        return Region(prefix).contains(parsed.key)
    key = raw_key.strip() if raw_key is not None else None
    if kind.key == "wind" and _is_offshore(rec, catalog):
        rec.pop(_KEY, None)
        return not prefix  # offshore units have no key: kept for Germany only
    ref = _member_ref(kind.row, number)
    uid = rec.get("EinheitMastrNummer")
    what = "missing" if not key else "malformed"
    if not prefix:
        rec.pop(_KEY, None)
        res.problems.append(
            _problem(
                ref,
                uid,
                "municipality_key",
                f"municipality key {what}: unit kept for Germany without a municipality",
                raw_key,
                "field_cleared" if key else "flagged",
            )
        )
        return True
    res.key_rejected += 1
    res.problems.append(
        _problem(
            ref,
            uid,
            "municipality_key",
            f"municipality key {what}: the unit cannot be placed in a region and was not loaded",
            raw_key,
        )
    )
    return False


# --------------------------------------------------------------------------- #
# Zips without a central directory (truncated downloads)
# --------------------------------------------------------------------------- #
class _LocalMemberStream:
    """Inflate one member from its local header on, until its end or the file's end."""

    def __init__(self, fh: BinaryIO, offset: int, method: int | None, size: int | None) -> None:
        self._fh = fh
        self._fh.seek(offset)
        self._method = method
        self._left = size
        self._inflater = zlib.decompressobj(-15) if method == 8 else None
        self._pending = b""
        self._eof = False

    def read(self, n: int = -1) -> bytes:
        if self._eof:
            return b""
        n = CHUNK_BYTES if n is None or n < 0 else n
        if self._inflater is None:  # stored
            if self._left is None:
                raise EOFError("stored member without size: cannot be read sequentially")
            data = self._fh.read(min(n, self._left))
            self._left -= len(data)
            if not data and self._left > 0:
                raise EOFError("the file ends inside the member (truncated zip)")
            self._eof = self._left == 0
            return data
        out = []
        got = 0
        while got < n:
            if self._inflater.unconsumed_tail:
                src = self._inflater.unconsumed_tail
            else:
                src = self._fh.read(1 << 20)
                if not src:
                    if got:
                        break
                    raise EOFError("the file ends inside the member (truncated zip)")
            chunk = self._inflater.decompress(src, n - got)
            out.append(chunk)
            got += len(chunk)
            if self._inflater.eof:
                self._eof = True
                break
        return b"".join(out)


def _scan_local_headers(path: Path) -> list[tuple[str, int, int, int | None]]:
    """Members found by their local headers: (name, data offset, method, compressed size)."""
    found = []
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            return []
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            pos = mm.find(b"PK\x03\x04")
            while pos >= 0 and pos + 30 <= size:
                (_, _, flags, method, _, _, _, csize, _, nlen, xlen) = struct.unpack(
                    "<IHHHHHIIIHH", mm[pos : pos + 30]
                )
                name_bytes = mm[pos + 30 : pos + 30 + nlen]
                name = name_bytes.decode("utf-8" if flags & 0x800 else "cp437", "replace")
                if method in (0, 8) and (_MEMBER_RE.match(name) or name == CATALOG_MEMBER):
                    data = pos + 30 + nlen + xlen
                    comp = None if flags & 0x08 or csize == 0xFFFFFFFF else csize
                    found.append((name, data, method, comp))
                pos = mm.find(b"PK\x03\x04", pos + 4)
    seen: set[str] = set()
    unique = []
    for item in found:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    return unique


# --------------------------------------------------------------------------- #
# Worker processes
# --------------------------------------------------------------------------- #
class _WorkerPool:
    """A few plain worker processes reading members (``python -c … worker_main()``).

    Workers are started as fresh interpreters that import only this module (no
    pandas, no DuckDB, and never the caller's main script), so each stays small.
    Tasks and results travel pickled over the workers' stdin/stdout.
    """

    def __init__(self, n: int) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        cmd = [
            sys.executable,
            "-c",
            "from etl.readers.mastr_bulk import worker_main; worker_main()",
        ]
        self.procs = [
            subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            for _ in range(max(1, n))
        ]

    def __enter__(self) -> _WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        for p in self.procs:
            try:
                if p.stdin:
                    p.stdin.close()
            except OSError:
                pass
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def map_ordered(self, tasks: list[MemberTask]) -> Iterator[MemberResult]:
        """Run ``tasks`` on the workers; yield results in task order (one task per worker)."""
        queue = list(tasks)
        inflight: list[subprocess.Popen[bytes]] = []
        idle = list(self.procs)
        while queue or inflight:
            while queue and idle:
                proc = idle.pop(0)
                assert proc.stdin is not None
                pickle.dump(queue.pop(0), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
                inflight.append(proc)
            proc = inflight.pop(0)
            assert proc.stdout is not None
            try:
                res = pickle.load(proc.stdout)
            except EOFError as exc:
                raise RuntimeError(
                    f"a MaStR reader worker process died (exit code {proc.poll()})"
                ) from exc
            idle.append(proc)
            yield res


def worker_main() -> None:
    """Entry point of a worker process: read tasks from stdin, write results to stdout."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            task = pickle.load(stdin)
        except EOFError:
            return
        pickle.dump(scan_member(task), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


# --------------------------------------------------------------------------- #
# Catalogue
# --------------------------------------------------------------------------- #
def read_catalog(stream: BinaryIO) -> tuple[dict[str, str], list[str]]:
    """``Katalogwerte.xml`` as ``{Id: Wert}``, plus messages about skipped records."""
    catalog: dict[str, str] = {}
    issues: list[str] = []
    state = _StreamState()
    n = 0
    for buf, end in record_blocks(stream, "Katalogwert", state, chunk_bytes=1 << 20):
        recs = buf[:end].split("</Katalogwert>")
        recs.pop()
        for rec_text in recs:
            n += 1
            try:
                rec = parse_record(rec_text, "Katalogwert")
            except MalformedRecordError as exc:
                issues.append(f"Katalogwert #{n}: {exc}")
                continue
            key = (rec.get("Id") or "").strip()
            if key:
                catalog[key] = (rec.get("Wert") or "").strip()
    return catalog, issues


# --------------------------------------------------------------------------- #
# The reader (main process): members -> typed frames -> sink
# --------------------------------------------------------------------------- #
class _BulkReader:
    def __init__(
        self,
        path: Path,
        load_run: LoadRun,
        region_prefix: str,
        extract_date: date | None,
        progress: ProgressFactory | None,
        workers: int | None,
    ) -> None:
        self.path = path
        self.load_run = load_run
        self.prefix = region_prefix
        self.extract_date = extract_date
        self.progress = progress
        self.workers = workers
        self.catalog: dict[str, str] = {}
        self.has_links = False
        self._pending: list[MemberResult] = []
        self._pending_rows = 0
        self.con = load_run.sink.con

    # -- problems ------------------------------------------------------------
    def _file(self, member: str | None = None) -> str:
        return f"{self.path.name}/{member}" if member else self.path.name

    def report(self, member: str | None, reason: str, **kw: object) -> None:
        self.load_run.finding(reason, source_file=self._file(member), **kw)  # type: ignore[arg-type]

    # -- entry -----------------------------------------------------------------
    def run(self) -> None:
        try:
            zf = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile as exc:
            self._run_sequential(exc)
            return
        with zf:
            infos = zf.infolist()
            names = [i.filename for i in infos]
            self._load_catalog_zip(zf, names)
            members = _ordered_members(names)
            sizes = {i.filename: i.file_size for i in infos}
        if not members:
            raise ValueError(
                f"{self.path.name}: no unit members (EinheitenWind.xml, EinheitenSolar_N.xml …) "
                "in this zip: is it a MaStR Gesamtdatenexport?"
            )
        tasks = [self._task(name, kind) for name, kind in members if not kind.is_plant]
        plants = [(name, kind) for name, kind in members if kind.is_plant]
        total = sum(sizes.get(n, 0) for n, _ in members)
        # Progress counts records (rows/s); their total is unknown until read.
        advance = self.progress("MaStR bulk export: records", None) if self.progress else None
        workers = self.workers
        if workers is None:
            workers = min(2, os.cpu_count() or 1) if total > PARALLEL_MIN_BYTES else 0
        if workers > 1 and len(tasks) + len(plants) > 1:
            self._run_pool(tasks, plants, workers, advance)
        else:
            for t in tasks:
                self._consume(scan_member(t), advance)
            wanted = self._wanted_plant_ids()
            for name, kind in plants:
                self._consume(scan_member(self._task(name, kind, wanted)), advance)
        self._finish_storage(bool(plants))

    def _task(
        self, name: str, kind: MemberKind, wanted: frozenset[str] | None = None
    ) -> MemberTask:
        return MemberTask(str(self.path), name, kind.key, self.prefix, self.catalog, wanted)

    def _run_pool(
        self,
        tasks: list[MemberTask],
        plants: list[tuple[str, MemberKind]],
        workers: int,
        advance: Callable[[int], None] | None,
    ) -> None:
        with _WorkerPool(workers) as pool:
            for res in pool.map_ordered(tasks):
                self._consume(res, advance)
            wanted = self._wanted_plant_ids()
            for res in pool.map_ordered([self._task(n, k, wanted) for n, k in plants]):
                self._consume(res, advance)

    def _run_sequential(self, exc: Exception) -> None:
        headers = _scan_local_headers(self.path)
        members = _ordered_members([h[0] for h in headers])
        if not members:
            raise ValueError(
                f"{self.path.name} is not a readable zip ({exc}) and no MaStR member could be "
                "found in it: download it again"
            ) from exc
        self.report(
            None,
            f"zip directory unreadable ({exc}): the file is probably truncated; members were read "
            "one by one from their local headers",
            action="flagged",
        )
        where = {h[0]: h for h in headers}
        if CATALOG_MEMBER in where:
            _, off, method, size = where[CATALOG_MEMBER]
            with open(self.path, "rb") as fh:
                try:
                    self._set_catalog(read_catalog(_LocalMemberStream(fh, off, method, size)))
                except (UnsafeXmlError, zlib.error, EOFError) as err:
                    self._catalog_missing(f"{CATALOG_MEMBER} unreadable ({err})")
        else:
            self._catalog_missing(f"{CATALOG_MEMBER} not found")
        advance = (
            self.progress("MaStR bulk export (damaged zip): records", None)
            if self.progress
            else None
        )

        def task(name: str, kind: MemberKind, wanted: frozenset[str] | None) -> MemberTask:
            _, off, method, size = where[name]
            t = self._task(name, kind, wanted)
            t.data_offset, t.method, t.compressed_size = off, method, size
            return t

        plants = [(n, k) for n, k in members if k.is_plant]
        for name, kind in members:
            if not kind.is_plant:
                self._consume(scan_member(task(name, kind, None)), advance)
        wanted = self._wanted_plant_ids()
        for name, kind in plants:
            self._consume(scan_member(task(name, kind, wanted)), advance)
        self._finish_storage(bool(plants))

    # -- catalogue -------------------------------------------------------------
    def _load_catalog_zip(self, zf: zipfile.ZipFile, names: list[str]) -> None:
        name = next((n for n in names if n.rsplit("/", 1)[-1] == CATALOG_MEMBER), None)
        if name is None:
            self._catalog_missing(f"{CATALOG_MEMBER} not in the zip")
            return
        try:
            with zf.open(name) as fh:
                self._set_catalog(read_catalog(fh))
        except (UnsafeXmlError, zlib.error, EOFError, zipfile.BadZipFile) as exc:
            self._catalog_missing(f"{CATALOG_MEMBER} unreadable ({exc})")

    def _set_catalog(self, result: tuple[dict[str, str], list[str]]) -> None:
        self.catalog, issues = result
        for msg in issues[:1000]:
            self.report(CATALOG_MEMBER, f"catalogue record skipped: {msg}")
        if not self.catalog:
            self._catalog_missing(f"{CATALOG_MEMBER} has no values")

    def _catalog_missing(self, why: str) -> None:
        self.catalog = dict(_FALLBACK_CATALOG)
        self.report(
            CATALOG_MEMBER,
            f"{why}: status and carrier decoded with the built-in codes of release 25.2, "
            "other catalogue fields left empty",
            action="flagged",
        )

    # -- one member's result -----------------------------------------------------
    def _consume(self, res: MemberResult, advance: Callable[[int], None] | None) -> None:
        kind = KINDS[res.kind_key]
        member = res.member
        if advance is not None and not kind.is_plant:
            advance(res.records)
        if res.refused:
            self.report(
                member,
                f"member refused and skipped, not parsed: {res.refused} — external entities and "
                "entity expansion are never resolved",
            )
            return
        if not kind.is_plant:
            self.load_run.count(read=res.records, rejected=res.key_rejected + res.malformed)
        if res.problems:
            self._problems(res.problems, member)
        if res.replaced_chars:
            self.report(
                member,
                "invalid UTF-16 sequences were replaced by U+FFFD",
                action="flagged",
            )
        if res.error:
            self.report(
                member,
                f"member damaged ({res.error}): the {res.records} records read before the "
                "damage were loaded, the rest of the member is missing",
                row_ref=f"after {_member_ref(kind.row, res.records)}",
            )
        self._drift(res, kind)
        if kind.is_plant:
            self._load_plants(res)
        else:
            self._load_units(res, kind)

    def _problems(self, problems: list[dict[str, str | None]], member: str) -> None:
        import pandas as pd

        self.load_run.findings(pd.DataFrame(problems), source_file=self._file(member))

    def _drift(self, res: MemberResult, kind: MemberKind) -> None:
        if not res.seen or res.refused:
            return
        file = self._file(res.member)
        seen = res.seen
        renamed_to = {new for old, new in kind.renamed.items() if old in seen}
        drift = self.load_run.drift
        for old, new in kind.renamed.items():
            if old in seen:
                drift(old, "renamed", f"old name of {new}: read as {new}", source_file=file)
        for name in sorted(seen - kind.known - set(kind.renamed)):
            drift(name, "added", "element not in the reader's XSD (release 25.2)", source_file=file)
        for name in kind.expected:
            if name not in seen and name not in renamed_to:
                drift(
                    name,
                    "missing",
                    "element the reader uses does not occur in the records read",
                    source_file=file,
                )

    # -- units -----------------------------------------------------------------
    def _load_units(self, res: MemberResult, kind: MemberKind) -> None:
        """Queue a member's rows; small members are batched so per-call costs stay low."""
        if not res.rows:
            return
        self._pending.append(res)
        self._pending_rows += res.rows
        if self._pending_rows >= BATCH_ROWS:
            self._flush_units()

    def _flush_units(self) -> None:
        """Type, check and stage the queued rows (``add_units`` per slice of the batch)."""
        if not self._pending:
            return
        import pandas as pd

        pending, self._pending, self._pending_rows = self._pending, [], 0
        raw_all = _columns_frame(pending, _UNIT_FIELDS)
        kinds_all = pd.Series([r.kind_key for r in pending for _ in range(r.rows)], dtype="string")
        files_all = pd.Series(
            [self._file(r.member) for r in pending for _ in range(r.rows)], dtype="string"
        )
        refs_all = pd.Series(
            [_member_ref(KINDS[r.kind_key].row, n) for r in pending for n in r.element_numbers],
            dtype="string",
        )
        for start in range(0, len(raw_all), SLICE_ROWS):
            sl = slice(start, start + SLICE_ROWS)
            raw = raw_all.iloc[sl].reset_index(drop=True)
            kinds = kinds_all.iloc[sl].reset_index(drop=True)
            refs = refs_all.iloc[sl].reset_index(drop=True)
            files = files_all.iloc[sl].reset_index(drop=True)
            df, problems, keep = build_units_frame(
                raw, kinds, self.catalog, refs, files, self.extract_date
            )
            self._add_problems(problems)
            k = keep.to_numpy()
            self.load_run.count(rejected=int((~k).sum()))
            df = df[k].reset_index(drop=True)
            kept_refs = refs[k].reset_index(drop=True)
            storage = (kinds[k] == "storage").to_numpy()
            if storage.any():
                links = pd.DataFrame(
                    {
                        "unit_id": df.loc[storage, "unit_id_mastr"],
                        "spe_id": raw.loc[k, "SpeMastrNummer"].reset_index(drop=True)[storage],
                        "row_ref": kept_refs[storage],
                        "source_file": df.loc[storage, "source_file"],
                    }
                )
                self._add_links(links[links["spe_id"].notna()])
            # Rows carry their member in ``source_file``; every value the schema could
            # reject was checked above, so the sink reports nothing under the zip name.
            counts = self.load_run.sink.add_units(df, SOURCE, self.path.name, row_refs=kept_refs)
            self.load_run.count(loaded=counts.rows_loaded, rejected=counts.rows_rejected)

    def _add_links(self, links: pd.DataFrame) -> None:
        """Remember which storage plant each staged storage unit belongs to (in DuckDB)."""
        import pyarrow as pa

        self.con.execute(
            "CREATE TEMP TABLE IF NOT EXISTS _bulk_links "
            "(unit_id VARCHAR, spe_id VARCHAR, row_ref VARCHAR, source_file VARCHAR)"
        )
        self.con.register("_bulk_links_batch", pa.Table.from_pandas(links, preserve_index=False))
        self.con.execute("INSERT INTO _bulk_links SELECT * FROM _bulk_links_batch")
        self.con.unregister("_bulk_links_batch")
        self.has_links = True

    def _add_problems(self, problems: pd.DataFrame) -> None:
        """Record problems that carry their own ``source_file`` column."""
        if problems.empty:
            return
        self.load_run.findings(problems)

    def _wanted_plant_ids(self) -> frozenset[str] | None:
        self._flush_units()
        if not self.prefix:
            return None
        if not self.has_links:
            return frozenset()
        ids = self.con.execute("SELECT DISTINCT spe_id FROM _bulk_links").fetchall()
        return frozenset(i for (i,) in ids)

    # -- storage plants (kWh) ----------------------------------------------------
    def _load_plants(self, res: MemberResult) -> None:
        if not res.rows:
            return
        import pandas as pd

        raw = _columns_frame([res], _PLANT_FIELDS)
        refs = pd.Series(
            [_member_ref(PLANT_KIND.row, n) for n in res.element_numbers], dtype="string"
        )
        kwh = pd.to_numeric(raw["NutzbareSpeicherkapazitaet"], errors="coerce")
        bad = raw["NutzbareSpeicherkapazitaet"].notna() & (kwh.isna() | (kwh < 0))
        if bad.any():
            self.load_run.findings(
                pd.DataFrame(
                    {
                        "row_ref": refs[bad],
                        "record_id": raw.loc[bad, "MaStRNummer"],
                        "field": "storage_energy_kwh",
                        "reason": "NutzbareSpeicherkapazitaet is not a non-negative number: "
                        "storage energy left empty",
                        "raw_value": raw.loc[bad, "NutzbareSpeicherkapazitaet"],
                        "action": "field_cleared",
                    }
                ),
                source_file=self._file(res.member),
            )
            kwh = kwh.mask(bad)
        updated = pd.to_datetime(
            raw["DatumLetzteAktualisierung"], format="ISO8601", errors="coerce"
        )
        frame = pd.DataFrame(
            {"plant_id": raw["MaStRNummer"].str.strip(), "kwh": kwh, "updated": updated}
        )
        self.con.register("_bulk_plants_batch", frame)
        self.con.execute(
            "CREATE TEMP TABLE IF NOT EXISTS _bulk_plants "
            "(plant_id VARCHAR, kwh DOUBLE, updated TIMESTAMP)"
        )
        self.con.execute("INSERT INTO _bulk_plants SELECT * FROM _bulk_plants_batch")
        self.con.unregister("_bulk_plants_batch")

    def _finish_storage(self, had_plants: bool) -> None:
        """Join the storage units' energy (kWh) from the storage plants in the staging table."""
        from etl.sink import STAGE_UNITS

        self._flush_units()
        con = self.con
        if not self.has_links:
            con.execute("DROP TABLE IF EXISTS _bulk_plants")
            return
        con.execute(
            "CREATE TEMP TABLE IF NOT EXISTS _bulk_plants "
            "(plant_id VARCHAR, kwh DOUBLE, updated TIMESTAMP)"
        )
        con.execute(
            """
            CREATE TEMP TABLE _bulk_plant_kwh AS
            SELECT plant_id, arg_max(kwh, updated) AS kwh FROM _bulk_plants GROUP BY plant_id
            """
        )
        con.execute(
            f"""
            UPDATE {STAGE_UNITS} AS u SET storage_energy_kwh = p.kwh
            FROM _bulk_links l JOIN _bulk_plant_kwh p ON p.plant_id = l.spe_id
            WHERE u.unit_id_mastr = l.unit_id AND u.source = '{SOURCE}'
              AND u.source_file = l.source_file AND u.carrier = 'storage'
            """
        )
        orphans = con.execute(
            """
            SELECT l.row_ref, l.unit_id AS record_id, 'storage_energy_kwh' AS field,
                   'no storage plant (AnlagenStromSpeicher) with this SpeMastrNummer: '
                   || 'storage energy unknown' AS reason,
                   l.spe_id AS raw_value, 'flagged' AS action, l.source_file
            FROM (SELECT DISTINCT ON (unit_id, spe_id) * FROM _bulk_links ORDER BY row_ref) l
            LEFT JOIN _bulk_plant_kwh p ON p.plant_id = l.spe_id
            WHERE p.plant_id IS NULL
            """
        ).df()
        con.execute("DROP TABLE _bulk_links")
        con.execute("DROP TABLE _bulk_plant_kwh")
        con.execute("DROP TABLE _bulk_plants")
        self._add_problems(orphans)


def _ordered_members(names: list[str]) -> list[tuple[str, MemberKind]]:
    """Unit members in kind order and part number, storage plants last."""
    order = {k.key: i for i, k in enumerate((*UNIT_KINDS, PLANT_KIND))}
    found = []
    for name in names:
        hit = classify_member(name)
        if hit:
            found.append((order[hit[0].key], hit[1], name, hit[0]))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    return [(name, kind) for _, _, name, kind in found]


def _columns_frame(results: list[MemberResult], fields: tuple[str, ...]) -> pd.DataFrame:
    """The raw text columns of member results, one row per kept record.

    Values arrive joined by ``_SEP`` (one string per column and member, cheap to
    pickle); they are split with pyarrow, stripped, and empty text is missing.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    results = [r for r in results if r.rows]
    n = sum(r.rows for r in results)
    data = {}
    for name in fields:
        joined = _SEP.join(r.columns[name] for r in results)
        arr = pc.list_flatten(pc.split_pattern(pa.array([joined], pa.large_string()), _SEP))
        arr = pc.utf8_trim_whitespace(arr)
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.large_string()), arr)
        if len(arr) != n:  # never expected: the columns must line up
            raise RuntimeError(f"column {name} has {len(arr)} values for {n} records")
        data[name] = pd.Series(arr, dtype="string")
    return pd.DataFrame(data)


# --------------------------------------------------------------------------- #
# Typing and checking a batch (vectorised)
# --------------------------------------------------------------------------- #
_EMPTY_PROBLEM_COLUMNS = ("row_ref", "record_id", "field", "reason", "raw_value", "action")


def build_units_frame(
    raw: pd.DataFrame,
    kinds: pd.Series,
    catalog: Mapping[str, str],
    refs: pd.Series,
    files: pd.Series,
    extract_date: date | None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Turn raw element text into schema columns (a batch may mix member kinds).

    ``kinds`` holds each row's member kind (``wind``, ``solar`` …), ``refs``
    its element reference and ``files`` its ``zip/member``. Returns the unit
    frame, the problems found (with a ``source_file`` column), and a mask of
    rows to keep: rows with a missing or unknown id, status or carrier code are
    rejected; other bad values are cleared and reported.
    """
    import pandas as pd

    from etl import schema

    idx = raw.index
    problems: list[pd.DataFrame] = []
    keep = pd.Series(True, index=idx)
    uid = raw["EinheitMastrNummer"]

    def col(name: str) -> pd.Series:
        return raw[name] if name in raw else pd.Series(pd.NA, index=idx, dtype="string")

    def report(mask: pd.Series, fld: str, reason: str, values: pd.Series, action: str) -> None:
        mask = mask.fillna(False).astype(bool)
        if mask.any():
            problems.append(
                pd.DataFrame(
                    {
                        "row_ref": refs[mask],
                        "record_id": uid[mask],
                        "field": fld,
                        "reason": reason,
                        "raw_value": values[mask].astype("string"),
                        "action": action,
                        "source_file": files[mask],
                    }
                )
            )

    id_pattern = schema.UNITS.column("unit_id_mastr").pattern or ".*"
    bad_id = uid.isna() | ~uid.str.fullmatch(id_pattern).fillna(False).astype(bool)
    report(
        bad_id,
        "unit_id_mastr",
        "EinheitMastrNummer missing or not a MaStR unit number: unit not loaded",
        uid,
        "row_rejected",
    )
    keep &= ~bad_id

    def only(target: str, s: pd.Series) -> pd.Series:
        """Blank a column for kinds whose element means something else."""
        allowed = _KIND_ONLY.get(target)
        return s if allowed is None else s.where(kinds.isin(allowed))

    out: dict[str, pd.Series] = {}
    for target, element in _TEXT_COLUMNS.items():
        out[target] = only(target, col(element))

    # Status (critical): missing or unknown code or text -> row rejected.
    status_raw = col("EinheitBetriebsstatus")
    status_text = status_raw.map(catalog, na_action="ignore")
    status_codes = {k: _STATUS_TEXTS.get(_norm(v)) for k, v in catalog.items()}
    status = status_raw.map(status_codes, na_action="ignore")
    report(
        status_raw.isna(),
        "status",
        "EinheitBetriebsstatus missing: unit not loaded",
        status_raw,
        "row_rejected",
    )
    report(
        status_raw.notna() & status_text.isna(),
        "status",
        "EinheitBetriebsstatus code not in Katalogwerte.xml: unit not loaded",
        status_raw,
        "row_rejected",
    )
    report(
        status_text.notna() & status.isna(),
        "status",
        "EinheitBetriebsstatus decodes to an unknown status text: unit not loaded",
        status_text,
        "row_rejected",
    )
    keep &= status.notna()
    out["status"] = status.astype("string")
    out["carrier"] = _carrier(raw, kinds, catalog, col, report, keep)

    for target, element in _NUMBER_COLUMNS.items():
        s = only(target, col(element))
        num = pd.to_numeric(s, errors="coerce")
        report(
            s.notna() & num.isna(),
            target,
            f"{element} is not a number (decimal point expected): value cleared",
            s,
            "field_cleared",
        )
        out[target] = num.astype("Float64")
    for target, element in _DATE_COLUMNS.items():
        s = col(element)
        d = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
        report(
            s.notna() & d.isna(),
            target,
            f"{element} is not a date YYYY-MM-DD: value cleared",
            s,
            "field_cleared",
        )
        out[target] = d
    s = col("DatumLetzteAktualisierung")
    ts = pd.to_datetime(s, format="ISO8601", errors="coerce")
    report(
        s.notna() & ts.isna(),
        "last_update",
        "DatumLetzteAktualisierung is not an ISO timestamp: value cleared",
        s,
        "field_cleared",
    )
    out["last_update"] = ts
    for target, element in _CATALOG_COLUMNS.items():
        s = only(target, col(element))
        text = s.map(catalog, na_action="ignore")
        report(
            s.notna() & text.isna(),
            target,
            f"{element} code not in Katalogwerte.xml: value cleared",
            s,
            "field_cleared",
        )
        out[target] = text.astype("string")
    out["storage_energy_kwh"] = pd.Series(pd.NA, index=idx, dtype="Float64")
    out["is_capacity_suspect"] = pd.Series(False, index=idx, dtype="boolean")
    out["source"] = pd.Series(SOURCE, index=idx, dtype="string")
    out["source_file"] = files.astype("string")
    out["extract_date"] = pd.Series(
        pd.Timestamp(extract_date) if extract_date else pd.NaT, index=idx
    )
    df = pd.DataFrame(out)[schema.UNITS.column_names]

    # Optional values breaking a schema constraint are cleared (the unit stays).
    for c in schema.UNITS.columns:
        if not c.nullable or c.name == "municipality_key":
            continue
        s = df[c.name]
        present = s.notna()
        if not present.any():
            continue
        bad = pd.Series(False, index=idx)
        if c.min_value is not None:
            bad |= present & (s < c.min_value)
        if c.max_value is not None:
            bad |= present & (s > c.max_value)
        if c.length is not None:
            bad |= present & (s.str.len() != c.length)
        if c.pattern is not None:
            bad |= present & ~s.str.fullmatch(c.pattern).fillna(False)
        bad = bad.fillna(False).astype(bool)
        if bad.any():
            rule = c.check_sql() or ""
            report(bad, c.name, f"{c.name} breaks {rule}: value cleared", s, "field_cleared")
            df.loc[bad, c.name] = pd.NA
    half = df["latitude"].isna() ^ df["longitude"].isna()
    if half.any():  # one coordinate without the other is no position
        df.loc[half, ["latitude", "longitude"]] = pd.NA
    problem_df = (
        pd.concat(problems, ignore_index=True)
        if problems
        else pd.DataFrame({c: pd.Series(dtype="string") for c in _EMPTY_PROBLEM_COLUMNS})
    )
    return df, problem_df, keep


def _carrier(
    raw: pd.DataFrame,
    kinds: pd.Series,
    catalog: Mapping[str, str],
    col: Callable[[str], pd.Series],
    report: Callable[..., None],
    keep: pd.Series,
) -> pd.Series:
    """Carrier per row: fixed by member kind, or from the wind/solar location codes."""

    fixed = {k.key: k.carrier for k in UNIT_KINDS if k.carrier}
    normed = {k: _norm(v) for k, v in catalog.items()}
    carrier = kinds.map(fixed).astype("string")
    wind = kinds == "wind"
    if wind.any():
        code = col("WindAnLandOderAufSee").where(wind)
        text = code.map(normed, na_action="ignore")
        onshore = text.str.contains("an land", regex=False).fillna(False).astype(bool)
        offshore = text.str.contains("auf see", regex=False).fillna(False).astype(bool)
        carrier[onshore] = "wind_onshore"
        carrier[offshore] = "wind_offshore"
        missing = wind & code.isna()
        has_key = col(_KEY).notna()
        carrier[missing & has_key] = "wind_onshore"
        carrier[missing & ~has_key] = "wind_offshore"
        report(
            missing,
            "carrier",
            "WindAnLandOderAufSee missing: onshore assumed when the unit has a municipality "
            "key, else offshore",
            code,
            "flagged",
        )
        unknown = wind & code.notna() & ~onshore & ~offshore
        report(
            unknown & text.isna(),
            "carrier",
            "WindAnLandOderAufSee code not in Katalogwerte.xml: unit not loaded",
            code,
            "row_rejected",
        )
        report(
            unknown & text.notna(),
            "carrier",
            "WindAnLandOderAufSee decodes to neither onshore nor offshore: unit not loaded",
            code,
            "row_rejected",
        )
        keep &= ~unknown
    solar = kinds == "solar"
    if solar.any():
        code = col("ArtDerSolaranlage").where(solar)
        text = code.map(normed, na_action="ignore")
        carrier[solar] = "pv_other"
        ground = text.str.startswith("freifl").fillna(False).astype(bool)
        building = (
            (text.str.contains("hausdach", regex=False) | text.str.contains("gebäude", regex=False))
            .fillna(False)
            .astype(bool)
        )
        carrier[solar & ground] = "pv_ground"
        carrier[solar & building] = "pv_building"
        unknown = solar & code.notna() & text.isna()
        report(
            unknown,
            "carrier",
            "ArtDerSolaranlage code not in Katalogwerte.xml: unit not loaded",
            code,
            "row_rejected",
        )
        keep &= ~unknown
    return carrier


# --------------------------------------------------------------------------- #
# Entry point
# --------------------------------------------------------------------------- #
def read(path: Path, run: LoadRun, region: Region, *, workers: int | None = None) -> date | None:
    """Load the units of one MaStR bulk export zip into ``run.sink``; return its extract date.

    Only units whose ``Gemeindeschluessel`` lies in ``region`` are loaded (all
    of Germany: offshore wind included). Every problem is a finding, drift is
    reported per member (element names of the first records of each member and
    of every record parsed). Counts: ``rows_read`` is every unit record read
    (boundary repeats included), ``rows_loaded`` the rows staged,
    ``rows_rejected`` the rows not loaded for a problem; the remaining records
    lie outside the region. ``workers``: number of worker processes (``None``:
    both cores for large zips, ``0``: none). The zip's SHA-256 is computed by
    the run in a background thread while the members are read.
    """
    path = Path(path)
    extract_date = bulk_extract_date(path.name)
    reader = _BulkReader(path, run, region.prefix, extract_date, run.progress, workers)
    reader.run()
    return extract_date
