"""What the bulk reader knows about the export's members.

Element names come from the official XSDs (revision 25.2, in
``shared/reference/mastr-export/xsd/``): the unit kinds and the storage
plants, the elements each needs, old names, the columns they map to and the
built-in catalogue used when a zip has none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

SOURCE = "mastr_bulk"
#: The element holding the municipality key (AGS).
KEY = "Gemeindeschluessel"

_BULK_NAME = re.compile(r"Gesamtdatenexport_(\d{4})(\d{2})(\d{2})", re.IGNORECASE)


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
        """The storage plants (kWh), not a unit kind."""
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
MEMBER_RE = re.compile(
    r"^(?:.*/)?(" + "|".join(k.stem for k in KINDS.values()) + r")(?:_(\d+))?\.xml$"
)
CATALOG_MEMBER = "Katalogwerte.xml"

#: Raw elements extracted for units: name in the output frame -> element name.
UNIT_FIELDS: tuple[str, ...] = (
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
PLANT_FIELDS: tuple[str, ...] = (
    "MaStRNummer",
    "NutzbareSpeicherkapazitaet",
    "DatumLetzteAktualisierung",
)

#: Schema column <- element (plain copies of text).
TEXT_COLUMNS = {
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
NUMBER_COLUMNS = {
    "gross_capacity_kw": "Bruttoleistung",
    "net_capacity_kw": "Nettonennleistung",
    "latitude": "Breitengrad",
    "longitude": "Laengengrad",
    "hub_height_m": "Nabenhoehe",
    "rotor_diameter_m": "Rotordurchmesser",
}
DATE_COLUMNS = {
    "commissioning_date": "Inbetriebnahmedatum",
    "planned_commissioning_date": "GeplantesInbetriebnahmedatum",
    "decommissioning_date": "DatumEndgueltigeStilllegung",
    "temporary_shutdown_date": "DatumBeginnVoruebergehendeStilllegung",
    "registration_date": "Registrierungsdatum",
}
#: Catalogue-coded elements decoded to text (not critical: unknown code -> cleared).
CATALOG_COLUMNS = {
    "federal_state": "Bundesland",
    "energy_source": "Energietraeger",
    "manufacturer": "Hersteller",
    "storage_technology": "Technologie",
}
#: Schema column -> element, for the findings (``source_field``).
SOURCE_FIELDS = {
    **TEXT_COLUMNS,
    **NUMBER_COLUMNS,
    **DATE_COLUMNS,
    **CATALOG_COLUMNS,
    "status": "EinheitBetriebsstatus",
    "last_update": "DatumLetzteAktualisierung",
    "carrier": "Energietraeger",
    "storage_energy_kwh": "NutzbareSpeicherkapazitaet",
    "latitude/longitude": "Breitengrad/Laengengrad",
}
#: Only these kinds carry the element in a meaning the column has.
KIND_ONLY = {
    "wind_park_name": {"wind"},
    "hub_height_m": {"wind"},
    "rotor_diameter_m": {"wind"},
    "manufacturer": {"wind"},
    "model": {"wind"},
    "storage_technology": {"storage"},
}

#: Catalogue texts (normalised) of the operating status -> schema code.
STATUS_TEXTS = {
    "in planung": "planned",
    "in betrieb": "operating",
    "vorübergehend stillgelegt": "temporarily_shut_down",
    "endgültig stillgelegt": "permanently_shut_down",
}
#: Catalogue used when the zip has no Katalogwerte.xml (release 25.2 ids).
FALLBACK_CATALOG = {
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
    "2493": "Biomasse",
    "2495": "Solare Strahlungsenergie",
    "2496": "Speicher",
    "2497": "Wind",
    "2498": "Wasser",
}


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


def members_date(stamps: list[tuple[int, int, int, int, int, int]]) -> date | None:
    """Data date of an export whose name holds none: the newest date of its members."""
    days = []
    for stamp in stamps:
        if tuple(stamp[:3]) <= (1980, 1, 1):  # the zip format's "no date"
            continue
        try:
            days.append(date(*stamp[:3]))
        except ValueError:
            continue
    return max(days) if days else None


def classify_member(name: str) -> tuple[MemberKind, int] | None:
    """Kind and part number of a zip member this reader loads, else ``None``."""
    m = MEMBER_RE.match(name)
    if not m:
        return None
    return KINDS_BY_STEM[m.group(1)], int(m.group(2) or 0)


KINDS_BY_STEM = {k.stem: k for k in KINDS.values()}


def norm(text: str | None) -> str:
    """Catalogue text compared without case and repeated whitespace."""
    return " ".join((text or "").split()).casefold()


def ordered_members(names: list[str]) -> list[tuple[str, MemberKind]]:
    """Unit members in kind order and part number, storage plants last."""
    order = {k.key: i for i, k in enumerate((*UNIT_KINDS, PLANT_KIND))}
    found = []
    for name in names:
        hit = classify_member(name)
        if hit:
            found.append((order[hit[0].key], hit[1], name, hit[0]))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    return [(name, kind) for _, _, name, kind in found]
