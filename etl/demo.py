"""Deterministic demo data for the offline first start.

When ``data/raw`` holds no real unit files, :func:`etl.build.build_database`
calls :func:`generate_demo`. It writes raw files **in the real formats** into
``data/raw/demo/``, which then go through the real readers (there is no second
code path for demo data):

- ``Gesamtdatenexport_20261120_26.2.zip``: a MaStR bulk export written by
  :func:`etl.mastr_bulk_writer.write_bulk_zip` (UTF-16 XML, catalogue ids,
  split parts with the repeated boundary record), with wind, PV, biomass,
  hydro and storage units (and ``AnlagenStromSpeicher`` with kWh) of
  Landkreis Ludwigslust-Parchim;
- ``demo_vg250.gpkg``: layer ``vg250_gem`` in EPSG:25832 with the VG250
  columns and ``DEMO = 1``. The shapes are a **hexagon tessellation** over the
  district's rough extent, so they can never pass for real boundaries. The 42
  municipalities carry real names and keys (all 16 towns and 26 rural
  municipalities), each placed near its real location;
- ``einwohner_demo.csv``: population per municipality (``AGS;Einwohner;Stichtag``,
  about 212,000 in total; the rural demo municipalities are larger than the
  real ones because 42 municipalities stand for all 142);
- the office's own demo lists, if :mod:`etl.office` provides ``write_demo_lists``.

Everything is derived from fixed seeds and a fixed extract date
(:data:`DEMO_EXTRACT_DATE`), so every run writes the same bytes. A small
``demo_manifest.json`` (generator version, a hash of the generator's code and
the SHA-256 of each file) lets repeated builds skip the generation.

Calibration (checked by ``tests/test_demo.py`` through the real build):

- wind onshore in operation: exactly :data:`DEMO_WIND_OPERATING_KW` (860 MW,
  the office's headline figure), a mix of 1990s turbines (0.5–2 MW), 2010s
  turbines (2–3.6 MW) and recent ones (4–7 MW) in named wind parks;
- wind registered as planned: :data:`DEMO_WIND_PLANNED_KW` in 2027–2029;
- repowered turbines permanently shut down, two temporarily shut down;
- PV ≈ 1,100 MW in operation: ~12,000 rooftop units, balcony units, other
  structures and ~40 ground-mounted parks (some registered as several units),
  plus a few planned parks; biomass 100 MW, hydro 2.3 MW; a few thousand home
  batteries and ~20 large batteries (≈ 28 MW) plus planned ones;
- coordinates only for units with at least 30 kW net (as in the real
  register), always inside the municipality's hexagon; postcodes 19xxx.

Deliberate data-quality cases (they show up on the data-quality page and in
``meta_rejected_rows``, none of them touches wind):

1. a rooftop PV unit entered with 12,000 kW instead of 12 kW (flagged as an
   implausible capacity, kept);
2. a biomass unit whose latitude has a typo (48.x instead of 53.x), far
   outside the district (coordinates cleared, unit kept);
3. the bulk export's repeated boundary record: ``EinheitenSolar`` is split into
   parts of 5,000 records (real exports use ~100,000), and the last record of
   one part repeats as the first of the next (merged silently as an exact
   repeat);
4. a rooftop PV unit that appears twice with different content (a later
   correction of its capacity): the most recently updated record is kept, the
   other is reported as a rejected duplicate;
5. a PV unit registered with a municipality key that is not in the boundary
   data (the key of a municipality merged away), flagged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from etl.files import sha256_file

#: Recorded in the manifest; together with a hash of the generator's code, a change
#: regenerates existing demo folders.
GENERATOR_VERSION = 1
#: Date of the demo extract (the bulk zip's name and ``DatumLetzteAktualisierung`` cap).
DEMO_EXTRACT_DATE = date(2026, 11, 20)
#: The demo covers Landkreis Ludwigslust-Parchim only.
DEMO_REGION_PREFIX = "13076"
#: Wind onshore "In Betrieb", gross, exactly (the office's headline figure: 860 MW).
DEMO_WIND_OPERATING_KW = 860_000.0
#: Wind onshore "In Planung", gross, exactly (another engineer calibrates the demo
#: permit list against this figure: MaStR planned + permits = 3,950 MW).
DEMO_WIND_PLANNED_KW = 402_460.0

BULK_ZIP_NAME = f"Gesamtdatenexport_{DEMO_EXTRACT_DATE:%Y%m%d}_26.2.zip"
BOUNDARIES_NAME = "demo_vg250.gpkg"
POPULATION_NAME = "einwohner_demo.csv"
MANIFEST_NAME = "demo_manifest.json"
POPULATION_DATE = date(2025, 12, 31)

_SEED = 13076
_CRS_UTM = 25832
#: Split parts of this many records, so that the demo has a repeated boundary record.
_ROWS_PER_PART = 5_000
#: Timestamp of the zip members: the night of the extract date.
_ZIP_TIMESTAMP = (DEMO_EXTRACT_DATE.year, DEMO_EXTRACT_DATE.month, DEMO_EXTRACT_DATE.day, 3, 12, 0)
#: Units below this net capacity have no public coordinates (MaStR publication rule).
COORDINATE_THRESHOLD_KW = 30.0
_DISTRICT = "Ludwigslust-Parchim"
_MIN_LON, _MIN_LAT, _MAX_LON, _MAX_LAT = 10.60, 53.11, 12.37, 53.80

# Catalogue ids (see etl.mastr_bulk_writer.CATALOG and the official XSDs).
_PLANNED, _OPERATING, _TEMP_SHUT, _SHUT_DOWN = 31, 35, 37, 38
_BIOMASS, _SOLAR, _STORAGE, _WIND, _HYDRO = 2493, 2495, 2496, 2497, 2498
_GERMANY, _MV, _ONSHORE, _CHECKED = 84, 1407, 888, 2954
_PV_GROUND, _PV_BUILDING, _PV_OTHER, _PV_BALCONY = 852, 853, 2484, 2961
_BATTERY, _LITHIUM = 524, 727
_ACTIVE = 472  # EinheitSystemstatus (XSD enumeration; not decoded by the readers)


@dataclass(frozen=True)
class DemoMunicipality:
    """A real municipality of Ludwigslust-Parchim as it appears in the demo."""

    ags: str
    ars: str
    name: str
    bez: str  # "Stadt" or "Gemeinde"
    lon: float  # approximate real location: where its hexagon is placed
    lat: float
    population: int
    postcode: str

    @property
    def is_town(self) -> bool:
        return self.bez == "Stadt"


def _m(
    ags: str, ars: str, name: str, bez: str, lon: float, lat: float, pop: int, plz: str
) -> DemoMunicipality:
    return DemoMunicipality(ags, ars, name, bez, lon, lat, pop, plz)


#: The demo municipalities: real names, keys (AGS, ARS) and rough locations; invented
#: populations (rural ones larger than real, since 42 municipalities stand for 142).
MUNICIPALITIES: tuple[DemoMunicipality, ...] = (
    _m("13076108", "130760108108", "Parchim", "Stadt", 11.82, 53.43, 18_150, "19370"),
    _m("13076090", "130760090090", "Ludwigslust", "Stadt", 11.46, 53.31, 12_280, "19288"),
    _m("13076060", "130760060060", "Hagenow", "Stadt", 11.19, 53.43, 11_960, "19230"),
    _m("13076014", "130760014014", "Boizenburg/Elbe", "Stadt", 10.72, 53.38, 10_870, "19258"),
    _m("13076105", "130765660105", "Neustadt-Glewe", "Stadt", 11.58, 53.41, 6_540, "19306"),
    _m("13076152", "130765666152", "Wittenburg", "Stadt", 11.06, 53.48, 6_330, "19243"),
    _m("13076089", "130765655089", "Lübz", "Stadt", 12.02, 53.44, 6_180, "19386"),
    _m("13076114", "130765663114", "Plau am See", "Stadt", 12.28, 53.50, 5_960, "19395"),
    _m("13076050", "130765657050", "Grabow", "Stadt", 11.56, 53.28, 5_690, "19300"),
    _m("13076159", "130765667159", "Zarrentin am Schaalsee", "Stadt", 10.97, 53.59, 5_280, "19246"),
    _m("13076025", "130765668025", "Crivitz", "Stadt", 11.63, 53.60, 4_960, "19089"),
    _m("13076088", "130760088088", "Lübtheen", "Stadt", 11.09, 53.29, 4_610, "19249"),
    _m("13076128", "130765664128", "Sternberg", "Stadt", 11.83, 53.72, 4_170, "19406"),
    _m("13076048", "130765656048", "Goldberg", "Stadt", 12.11, 53.58, 3_480, "19399"),
    _m("13076034", "130765654034", "Dömitz", "Stadt", 11.24, 53.15, 2_990, "19303"),
    _m("13076020", "130765664020", "Brüel", "Stadt", 11.68, 53.73, 2_560, "19412"),
    _m("13076142", "130765667142", "Vellahn", "Gemeinde", 10.95, 53.41, 3_420, "19260"),
    _m("13076153", "130765666153", "Wittendörp", "Gemeinde", 11.08, 53.54, 4_750, "19243"),
    _m("13076168", "130765655168", "Ruhner Berge", "Gemeinde", 11.93, 53.33, 3_280, "19376"),
    _m("13076166", "130765663166", "Ganzlin", "Gemeinde", 12.21, 53.37, 4_460, "19395"),
    _m("13076143", "130765654143", "Vielank", "Gemeinde", 11.20, 53.24, 3_010, "19303"),
    _m("13076032", "130765656032", "Dobbertin", "Gemeinde", 12.10, 53.63, 2_870, "19399"),
    _m("13076049", "130765657049", "Gorlosen", "Gemeinde", 11.45, 53.19, 3_190, "19294"),
    _m("13076118", "130765659118", "Rastow", "Gemeinde", 11.42, 53.44, 5_080, "19077"),
    _m("13076005", "130765668005", "Banzkow", "Gemeinde", 11.52, 53.49, 5_720, "19079"),
    _m("13076078", "130765664078", "Kuhlen-Wendorf", "Gemeinde", 11.63, 53.69, 2_940, "19412"),
    _m("13076126", "130765662126", "Spornitz", "Gemeinde", 11.70, 53.41, 3_350, "19372"),
    _m("13076164", "130765662164", "Obere Warnow", "Gemeinde", 11.89, 53.52, 3_080, "19374"),
    _m("13076055", "130765652055", "Greven", "Gemeinde", 10.76, 53.47, 4_280, "19258"),
    _m("13076001", "130765659001", "Alt Krenzlin", "Gemeinde", 11.28, 53.31, 3_270, "19288"),
    _m("13076033", "130765668033", "Dobin am See", "Gemeinde", 11.55, 53.75, 3_560, "19089"),
    _m("13076086", "130765659086", "Lübesse", "Gemeinde", 11.46, 53.51, 4_590, "19077"),
    _m("13076113", "130765668113", "Plate", "Gemeinde", 11.51, 53.56, 6_180, "19086"),
    _m("13076136", "130765652136", "Teldau", "Gemeinde", 10.81, 53.33, 2_760, "19273"),
    _m("13076036", "130765665036", "Dümmer", "Gemeinde", 11.22, 53.56, 3_710, "19073"),
    _m("13076130", "130765665130", "Stralendorf", "Gemeinde", 11.31, 53.58, 4_860, "19073"),
    _m("13076125", "130765655125", "Siggelkow", "Gemeinde", 11.97, 53.38, 2_980, "19376"),
    _m("13076096", "130765656096", "Mestlin", "Gemeinde", 11.93, 53.59, 2_820, "19374"),
    _m("13076006", "130765663006", "Barkhagen", "Gemeinde", 12.21, 53.49, 2_690, "19395"),
    _m("13076068", "130765662068", "Karrenzin", "Gemeinde", 11.79, 53.34, 2_910, "19372"),
    _m("13076103", "130765654103", "Neu Kaliß", "Gemeinde", 11.32, 53.17, 4_340, "19294"),
    _m("13076107", "130765665107", "Pampow", "Gemeinde", 11.35, 53.57, 6_030, "19075"),
)

#: Quality case 5: a municipality key that is not in the boundary data, as for units
#: registered before a merger (Marnitz joined Ruhner Berge in 2019).
_OBSOLETE_KEY = ("13076095", "Marnitz", "19376")


# --------------------------------------------------------------------------- #
# Geometry: a hexagon tessellation over the district's rough extent
# --------------------------------------------------------------------------- #
_HEX_SIZE_M = 4_000.0  # centre to corner
_HEX_HALF_WIDTH_M = 3_464.0  # ≈ sqrt(3)/2 * size, rounded so shared corners are exact
_HEX_REACH_M = 7_000.0  # hexagons farther than this from every municipality are dropped
# Corner offsets in lattice units (half widths, half sizes), pointy-top hexagon.
_HEX_CORNERS = ((0, 2), (1, 1), (1, -1), (0, -2), (-1, -1), (-1, 1))


@dataclass(frozen=True)
class _Hex:
    col2: int  # centre x in half widths (even/odd by row)
    row3: int  # centre y in half sizes (3 per row)

    def centre(self, x0: float, y0: float) -> tuple[float, float]:
        return x0 + self.col2 * _HEX_HALF_WIDTH_M, y0 + self.row3 * _HEX_SIZE_M / 2

    def corners(self, x0: float, y0: float) -> list[tuple[float, float]]:
        return [
            (x0 + (self.col2 + dx) * _HEX_HALF_WIDTH_M, y0 + (self.row3 + dy) * _HEX_SIZE_M / 2)
            for dx, dy in _HEX_CORNERS
        ]

    def neighbours(self) -> list[_Hex]:
        steps = ((2, 0), (-2, 0), (1, 3), (-1, 3), (1, -3), (-1, -3))
        return [_Hex(self.col2 + a, self.row3 + b) for a, b in steps]


@dataclass
class _Layout:
    """Where each municipality's hexagons lie (EPSG:25832)."""

    x0: float
    y0: float
    hexes: dict[str, list[_Hex]]  # AGS -> hexagons

    def sample_point(
        self, rng: random.Random, ags: str, spread: float = 0.9
    ) -> tuple[float, float, _Hex]:
        """A random point inside one of the municipality's hexagons (inscribed circle)."""
        h = rng.choice(self.hexes[ags])
        cx, cy = h.centre(self.x0, self.y0)
        r = _HEX_HALF_WIDTH_M * spread * math.sqrt(rng.random())
        a = rng.random() * 2 * math.pi
        return cx + r * math.cos(a), cy + r * math.sin(a), h


def _to_utm():
    from pyproj import Transformer

    return Transformer.from_crs(4326, _CRS_UTM, always_xy=True)


def _to_wgs84():
    from pyproj import Transformer

    return Transformer.from_crs(_CRS_UTM, 4326, always_xy=True)


def _layout() -> _Layout:
    """Tessellate the district's extent and give every municipality connected hexagons.

    Each municipality first gets the free hexagon nearest to its real location;
    the remaining hexagons near the district then grow the neighbouring
    municipality whose location is nearest.
    """
    tr = _to_utm()
    x0, y0 = tr.transform(_MIN_LON, _MIN_LAT)
    x1, y1 = tr.transform(_MAX_LON, _MAX_LAT)
    x0, y0 = round(x0), round(y0)
    sites = {m.ags: tr.transform(m.lon, m.lat) for m in MUNICIPALITIES}
    rows = int((y1 - y0) / (1.5 * _HEX_SIZE_M)) + 2
    cols = int((x1 - x0) / (2 * _HEX_HALF_WIDTH_M)) + 2
    grid = [_Hex(2 * c + (r % 2), 3 * r) for r in range(-1, rows) for c in range(-1, cols)]

    def d2(h: _Hex, ags: str) -> float:
        cx, cy = h.centre(x0, y0)
        sx, sy = sites[ags]
        return (cx - sx) ** 2 + (cy - sy) ** 2

    near = {h for h in grid if min(d2(h, a) for a in sites) < _HEX_REACH_M**2}
    # Close holes and narrow bays: hexagons mostly surrounded by kept ones.
    near |= {h for h in grid if sum(n in near for n in h.neighbours()) >= 4}
    grid = [h for h in grid if h in near]
    owner: dict[_Hex, str] = {}
    for _, h, ags in sorted(
        ((d2(h, a), h, a) for h in grid for a in sites),
        key=lambda t: (t[0], t[1].row3, t[1].col2, t[2]),
    ):
        if h not in owner and ags not in owner.values():
            owner[h] = ags
    changed = True
    while changed:
        changed = False
        for h in grid:
            if h in owner:
                continue
            owners = sorted({owner[n] for n in h.neighbours() if n in owner})
            if owners:
                owner[h] = min(owners, key=lambda a: d2(h, a))
                changed = True
    hexes: dict[str, list[_Hex]] = {m.ags: [] for m in MUNICIPALITIES}
    for h in grid:
        if h in owner:
            hexes[owner[h]].append(h)
    return _Layout(float(x0), float(y0), hexes)


# --------------------------------------------------------------------------- #
# Small helpers
# --------------------------------------------------------------------------- #
class _Ids:
    """Unique MaStR-style numbers: prefix + 12 digits (e.g. ``SEE912345678901``)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self, prefix: str) -> str:
        while True:
            value = f"{prefix}9{self.rng.randrange(10**11):011d}"
            if value not in self.used:
                self.used.add(value)
                return value


def _num(value: float, decimals: int = 3) -> str:
    """A decimal as the export writes it: point, no exponent, no trailing zeros."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _day(rng: random.Random, start: date, end: date) -> date:
    """A uniformly random day in [start, end]."""
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _stamp(rng: random.Random, start: date, end: date) -> str:
    """A ``DatumLetzteAktualisierung`` timestamp like ``2024-05-17T09:12:33.1234567``."""
    d = _day(rng, start, max(start, end))
    return (
        f"{d.isoformat()}T{rng.randrange(6, 20):02d}:{rng.randrange(60):02d}:"
        f"{rng.randrange(60):02d}.{rng.randrange(10**7):07d}"
    )


_MASTR_START = date(2019, 1, 31)
_MIGRATION_END = date(2021, 1, 31)


def _registered(rng: random.Random, commissioned: date | None, planned: date | None) -> date:
    """Registration date: migrated units 2019–2021, later ones around commissioning."""
    if commissioned is not None and commissioned < _MASTR_START:
        return _day(rng, _MASTR_START, _MIGRATION_END)
    if commissioned is not None:
        return min(commissioned + timedelta(days=rng.randrange(0, 45)), DEMO_EXTRACT_DATE)
    assert planned is not None
    return _day(rng, date(2023, 1, 1), DEMO_EXTRACT_DATE - timedelta(days=10))


def _weighted(rng: random.Random, items: Sequence, weights: Sequence[float]):
    return rng.choices(items, weights=weights, k=1)[0]


# Fields in XSD order per member (subset of the official sequences that the demo fills).
_LOCATION = (
    "EinheitMastrNummer",
    "DatumLetzteAktualisierung",
    "LokationMaStRNummer",
    "NetzbetreiberpruefungStatus",
    "NetzbetreiberpruefungDatum",
    "Land",
    "Bundesland",
    "Landkreis",
    "Gemeinde",
    "Gemeindeschluessel",
    "Postleitzahl",
    "Hausnummer_nv",
    "Ort",
    "Laengengrad",
    "Breitengrad",
    "Registrierungsdatum",
)
_UNIT_CORE = (
    "EinheitSystemstatus",
    "EinheitBetriebsstatus",
    "NichtVorhandenInMigriertenEinheiten",
    "NameStromerzeugungseinheit",
    "Weic_nv",
    "Kraftwerksnummer_nv",
    "Energietraeger",
    "Bruttoleistung",
    "Nettonennleistung",
)
_DATES_WIND = (
    "GeplantesInbetriebnahmedatum",
    "Inbetriebnahmedatum",
    "DatumEndgueltigeStilllegung",
    "DatumBeginnVoruebergehendeStilllegung",
)
_DATES_SOLAR = (
    "Inbetriebnahmedatum",
    "DatumEndgueltigeStilllegung",
    "DatumBeginnVoruebergehendeStilllegung",
    "GeplantesInbetriebnahmedatum",
)
_DATES_STORAGE = (
    "Inbetriebnahmedatum",
    "GeplantesInbetriebnahmedatum",
    "DatumEndgueltigeStilllegung",
    "DatumBeginnVoruebergehendeStilllegung",
)
_ORDER: dict[str, tuple[str, ...]] = {
    "wind": _LOCATION
    + _DATES_WIND
    + _UNIT_CORE
    + (
        "NameWindpark",
        "WindAnLandOderAufSee",
        "Hersteller",
        "Typenbezeichnung",
        "Nabenhoehe",
        "Rotordurchmesser",
        "EegMaStRNummer",
    ),
    "solar": _LOCATION
    + _DATES_SOLAR
    + _UNIT_CORE
    + (
        "ZugeordneteWirkleistungWechselrichter",
        "AnzahlModule",
        "ArtDerSolaranlage",
        "EegMaStRNummer",
        "GroesseDerInAnspruchGenommenenFlaecheInHektar",
        "NameDesSolarparks",
    ),
    "biomass": _LOCATION + _DATES_SOLAR + _UNIT_CORE + ("EegMaStRNummer",),
    "hydro": _LOCATION + _DATES_STORAGE + _UNIT_CORE + ("NameKraftwerk", "EegMaStRNummer"),
    "storage": _LOCATION
    + _DATES_STORAGE
    + _UNIT_CORE
    + ("Batterietechnologie", "SpeMastrNummer", "Technologie"),
    "storage_plants": (
        "MaStRNummer",
        "Registrierungsdatum",
        "DatumLetzteAktualisierung",
        "NutzbareSpeicherkapazitaet",
        "VerknuepfteEinheitenMaStRNummern",
        "AnlageBetriebsstatus",
    ),
}


def _ordered(kind: str, rec: dict[str, object]) -> dict[str, object]:
    """The record's fields in XSD order (raises on a field the order does not know)."""
    order = _ORDER[kind]
    unknown = set(rec) - set(order)
    if unknown:
        raise KeyError(f"{kind}: fields not in the XSD order list: {sorted(unknown)}")
    return {k: rec[k] for k in order if rec.get(k) is not None}


class _Generator:
    """Builds all demo records from one seed."""

    def __init__(self) -> None:
        self.layout = _layout()
        self.ids = _Ids(random.Random(f"{_SEED}-ids"))
        self.to_wgs84 = _to_wgs84()
        self.by_ags = {m.ags: m for m in MUNICIPALITIES}

    # -- common fields ------------------------------------------------------
    def base(
        self,
        rng: random.Random,
        muni: DemoMunicipality,
        *,
        xy: tuple[float, float] | None,
        net_kw: float,
        status: int,
        commissioned: date | None,
        planned: date | None = None,
        shut_down: date | None = None,
        temp_shut: date | None = None,
        location_id: str | None = None,
    ) -> dict[str, object]:
        """Identity, location, dates and status shared by all unit types."""
        lon = lat = None
        if xy is not None and net_kw >= COORDINATE_THRESHOLD_KW:
            lon, lat = self.to_wgs84.transform(*xy)
        registered = _registered(rng, commissioned, planned)
        last = max(d for d in (registered, shut_down, temp_shut) if d is not None)
        return {
            "EinheitMastrNummer": self.ids.new("SEE"),
            "DatumLetzteAktualisierung": _stamp(rng, last, DEMO_EXTRACT_DATE),
            "LokationMaStRNummer": location_id or self.ids.new("SEL"),
            "NetzbetreiberpruefungStatus": _CHECKED,
            "NetzbetreiberpruefungDatum": min(
                registered + timedelta(days=rng.randrange(20, 300)), DEMO_EXTRACT_DATE
            ).isoformat(),
            "Land": _GERMANY,
            "Bundesland": _MV,
            "Landkreis": _DISTRICT,
            "Gemeinde": muni.name,
            "Gemeindeschluessel": muni.ags,
            "Postleitzahl": muni.postcode,
            "Hausnummer_nv": 0,
            "Ort": muni.name,
            "Laengengrad": None if lon is None else _num(lon, 6),
            "Breitengrad": None if lat is None else _num(lat, 6),
            "Registrierungsdatum": registered.isoformat(),
            "Inbetriebnahmedatum": commissioned.isoformat() if commissioned else None,
            "GeplantesInbetriebnahmedatum": planned.isoformat() if planned else None,
            "DatumEndgueltigeStilllegung": shut_down.isoformat() if shut_down else None,
            "DatumBeginnVoruebergehendeStilllegung": temp_shut.isoformat() if temp_shut else None,
            "EinheitSystemstatus": _ACTIVE,
            "EinheitBetriebsstatus": status,
            "Weic_nv": 0,
            "Kraftwerksnummer_nv": 0,
        }

    def muni_weighted(
        self, rng: random.Random, rural_weight: float, town_weight: float
    ) -> DemoMunicipality:
        weights = [rural_weight if not m.is_town else town_weight for m in MUNICIPALITIES]
        return _weighted(rng, MUNICIPALITIES, weights)

    def muni_by_population(self, rng: random.Random) -> DemoMunicipality:
        return _weighted(rng, MUNICIPALITIES, [m.population for m in MUNICIPALITIES])

    # -- carriers -----------------------------------------------------------
    def wind(self) -> list[dict[str, object]]:
        return _WindFleet(self).records()

    def solar(self) -> list[dict[str, object]]:
        return _SolarFleet(self).records()

    def biomass(self) -> list[dict[str, object]]:
        return _biomass(self)

    def hydro(self) -> list[dict[str, object]]:
        return _hydro(self)

    def storage(self) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        return _storage(self)


# --------------------------------------------------------------------------- #
# Wind
# --------------------------------------------------------------------------- #
_ENERCON, _VESTAS, _NORDEX, _NORDEX_SE = 1586, 1660, 1627, 1628
_SGRE, _GE, _SENVION, _ENO, _REPOWER = 1001679, 1597, 1645, 1587, 2888


@dataclass(frozen=True)
class _Turbine:
    maker: int
    model: str
    kw: float
    rotor_m: float
    hubs_m: tuple[float, ...]
    first_year: int
    last_year: int


_TURBINES: tuple[_Turbine, ...] = (
    # 1990s / early 2000s
    _Turbine(_ENERCON, "E-40/5.40", 500, 40.3, (46, 50, 65), 1993, 1997),
    _Turbine(_ENERCON, "E-40/6.44", 600, 44.0, (46, 63, 78), 1997, 2003),
    _Turbine(_VESTAS, "V44-600", 600, 44.0, (45, 53), 1994, 1998),
    _Turbine(_ENERCON, "E-66/15.66", 1500, 66.0, (67, 85, 98), 1997, 2000),
    _Turbine(_NORDEX, "N60/1300", 1300, 60.0, (69, 85), 1998, 2002),
    _Turbine(_VESTAS, "V66-1.65 MW", 1650, 66.0, (67, 78), 1998, 2002),
    _Turbine(_ENERCON, "E-66/18.70", 1800, 70.0, (65, 85, 98), 2000, 2004),
    _Turbine(_VESTAS, "V80-2.0 MW", 2000, 80.0, (78, 100), 2001, 2006),
    _Turbine(_NORDEX, "N80/2500", 2500, 80.0, (80, 100), 2001, 2005),
    _Turbine(_GE, "GE 1.5sl", 1500, 77.0, (85, 100), 2003, 2008),
    # 2005-2014
    _Turbine(_ENERCON, "E-70 E4", 2300, 71.0, (85, 98, 113), 2005, 2013),
    _Turbine(_ENERCON, "E-82 E2", 2300, 82.0, (98, 108, 138), 2009, 2014),
    _Turbine(_VESTAS, "V90-2.0 MW", 2000, 90.0, (95, 105, 125), 2005, 2013),
    _Turbine(_NORDEX, "N90/2500", 2500, 90.0, (80, 100), 2005, 2011),
    _Turbine(_NORDEX, "N100/2500", 2500, 100.0, (100,), 2009, 2014),
    _Turbine(_REPOWER, "MM92", 2050, 92.5, (80, 100), 2006, 2013),
    _Turbine(_REPOWER, "3.2M114", 3200, 114.0, (123, 143), 2012, 2014),
    _Turbine(_GE, "GE 2.5-100", 2500, 100.0, (98,), 2010, 2013),
    # 2015-2020
    _Turbine(_ENERCON, "E-115", 3000, 115.7, (122, 135, 149), 2015, 2018),
    _Turbine(_ENERCON, "E-138 EP3 E2", 4200, 138.3, (111, 131, 160), 2019, 2022),
    _Turbine(_VESTAS, "V126-3.45 MW", 3450, 126.0, (117, 137, 147), 2015, 2019),
    _Turbine(_VESTAS, "V136-3.6 MW", 3600, 136.0, (112, 132, 149), 2017, 2020),
    _Turbine(_NORDEX, "N117/3600", 3600, 116.8, (91, 120, 141), 2015, 2019),
    _Turbine(_NORDEX_SE, "N131/3600", 3600, 131.0, (114, 134), 2016, 2020),
    _Turbine(_SENVION, "3.4M104", 3400, 104.0, (98, 128), 2014, 2018),
    _Turbine(_GE, "GE 2.75-120", 2750, 120.0, (110, 139), 2015, 2019),
    _Turbine(_ENO, "eno 114 3.5", 3500, 114.9, (92, 127), 2016, 2019),
    # 2021 onwards (and planned)
    _Turbine(_NORDEX_SE, "N149/5.X", 5700, 149.1, (125, 164), 2021, 2029),
    _Turbine(_NORDEX_SE, "N163/6.X", 6800, 163.0, (118, 164), 2023, 2029),
    _Turbine(_VESTAS, "V150-4.2 MW", 4200, 150.0, (105, 125, 166), 2020, 2023),
    _Turbine(_VESTAS, "V162-6.2 MW", 6200, 162.0, (119, 149, 169), 2022, 2029),
    _Turbine(_VESTAS, "V172-7.2 MW", 7200, 172.0, (150, 175), 2024, 2029),
    _Turbine(_ENERCON, "E-160 EP5 E3", 5560, 160.0, (120, 166), 2021, 2029),
    _Turbine(_ENERCON, "E-175 EP5", 6000, 175.0, (162,), 2024, 2029),
    _Turbine(_SGRE, "SG 6.6-170", 6600, 170.0, (115, 165), 2022, 2029),
    _Turbine(_SGRE, "SG 5.0-145", 5000, 145.0, (127,), 2020, 2023),
)
#: The Nordex "5.X" turbine can be registered with 5,000–5,900 kW: closes the totals exactly.
_CLOSER = next(t for t in _TURBINES if t.model == "N149/5.X")
_CLOSER_RANGE_KW = (5_000, 5_900)

#: Operating wind by commissioning era: (first year, last year, soft target kW).
_WIND_ERAS = (
    (1993, 2004, 95_000),
    (2005, 2014, 330_000),
    (2015, 2020, 215_000),
    (2021, 2026, 220_000),
)
_PARK_PREFIXES = ("Windpark", "Windpark", "Windfeld", "Bürgerwindpark", "WP")
_PARK_SUFFIXES = ("", "", " Nord", " Süd", " Ost", " West", " II", " III", " Erweiterung")


class _WindFleet:
    def __init__(self, gen: _Generator) -> None:
        self.gen = gen
        self.rng = random.Random(f"{_SEED}-wind")
        self.records_: list[dict[str, object]] = []
        self.park_names: set[str] = set()

    def park_name(self, muni: DemoMunicipality) -> str:
        for _ in range(50):
            name = f"{self.rng.choice(_PARK_PREFIXES)} {muni.name}{self.rng.choice(_PARK_SUFFIXES)}"
            if name not in self.park_names:
                self.park_names.add(name)
                return name
        name = f"Windpark {muni.name} {len(self.park_names)}"
        self.park_names.add(name)
        return name

    def park(
        self,
        model: _Turbine,
        ratings: Sequence[float],
        *,
        status: int,
        year: int | None = None,
        planned_year: int | None = None,
        shut_down_year: int | None = None,
        temp_shut: bool = False,
    ) -> None:
        """One wind park: turbines of one model on a small grid inside one municipality."""
        rng = self.rng
        muni = self.gen.muni_weighted(rng, rural_weight=4.0, town_weight=1.0)
        cx, cy, _ = self.gen.layout.sample_point(rng, muni.ags, spread=0.4)
        name = self.park_name(muni)
        hub = rng.choice(model.hubs_m)
        angle = rng.random() * math.pi
        cols = max(1, math.ceil(math.sqrt(len(ratings))))
        spacing = 3.5 * model.rotor_m + 60
        location = self.gen.ids.new("SEL")
        start = date(year, 1, 1) if year else None
        for i, kw in enumerate(ratings):
            gx, gy = (i % cols) - (cols - 1) / 2, (i // cols) - (len(ratings) - 1) // cols / 2
            dx = gx * spacing + rng.uniform(-40, 40)
            dy = gy * spacing * 1.4 + rng.uniform(-40, 40)
            x = cx + dx * math.cos(angle) - dy * math.sin(angle)
            y = cy + dx * math.sin(angle) + dy * math.cos(angle)
            commissioned = None
            if start is not None:
                last = date(year, 12, 31)
                if year == DEMO_EXTRACT_DATE.year:
                    last = DEMO_EXTRACT_DATE - timedelta(days=20)
                commissioned = _day(rng, start, last)
            planned = None
            if planned_year is not None:
                planned = _day(rng, date(planned_year, 1, 1), date(planned_year, 12, 31))
            shut = None
            if shut_down_year is not None:
                shut = _day(rng, date(shut_down_year, 1, 1), date(shut_down_year, 12, 31))
                shut = min(shut, DEMO_EXTRACT_DATE - timedelta(days=5))
            temp = _day(rng, date(2025, 3, 1), date(2026, 9, 30)) if temp_shut else None
            rec = self.gen.base(
                rng,
                muni,
                xy=(x, y),
                net_kw=kw,
                status=status,
                commissioned=commissioned,
                planned=planned,
                shut_down=shut,
                temp_shut=temp,
                location_id=location,
            )
            rec.update(
                {
                    "NameStromerzeugungseinheit": f"WEA {i + 1:02d} {name}",
                    "Energietraeger": _WIND,
                    "Bruttoleistung": _num(kw),
                    "Nettonennleistung": _num(kw),
                    "NameWindpark": name,
                    "WindAnLandOderAufSee": _ONSHORE,
                    "Hersteller": model.maker,
                    "Typenbezeichnung": model.model,
                    "Nabenhoehe": _num(hub, 1),
                    "Rotordurchmesser": _num(model.rotor_m, 1),
                    "EegMaStRNummer": self.gen.ids.new("EEG"),
                }
            )
            self.records_.append(_ordered("wind", rec))

    def models(self, year: int) -> list[_Turbine]:
        return [t for t in _TURBINES if t.first_year <= year <= t.last_year]

    def fill(self, target_kw: float, years: tuple[int, int], status: int) -> float:
        """Add parks until the remaining capacity is small; returns what remains."""
        rng = self.rng
        remaining = target_kw
        while True:
            year = rng.randint(*years)
            model = rng.choice(self.models(year))
            n = rng.choice((1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12))
            while n > 0 and remaining - n * model.kw < 30_000:
                n -= 1
            if n == 0:
                return remaining
            if status == _PLANNED:
                self.park(model, [model.kw] * n, status=status, planned_year=year)
            else:
                self.park(model, [model.kw] * n, status=status, year=year)
            remaining -= n * model.kw

    def close(self, remaining: float, status: int, year: int) -> None:
        """A last park of N149/5.X turbines that brings the total to the exact target."""
        lo, hi = _CLOSER_RANGE_KW
        n = math.ceil(remaining / hi)
        if not lo * n <= remaining <= hi * n:
            raise RuntimeError(f"demo wind total cannot be closed with {remaining} kW left")
        base = math.floor(remaining / n / 10) * 10
        ratings = [float(base)] * (n - 1) + [remaining - base * (n - 1)]
        if status == _PLANNED:
            self.park(_CLOSER, ratings, status=status, planned_year=year)
        else:
            self.park(_CLOSER, ratings, status=status, year=year)

    def records(self) -> list[dict[str, object]]:
        rng = self.rng
        # Operating fleet, era by era; the last era closes the total exactly.
        carry = 0.0
        for i, (y0, y1, target) in enumerate(_WIND_ERAS):
            left = self.fill(target + carry, (y0, y1), _OPERATING)
            if i < len(_WIND_ERAS) - 1:
                carry = left
            else:
                self.close(left, _OPERATING, 2025)
        # Repowered 1990s parks: permanently shut down.
        for _ in range(12):
            year = rng.randint(1993, 2003)
            model = rng.choice([t for t in self.models(year) if t.kw <= 2000])
            self.park(
                model,
                [model.kw] * rng.randint(2, 6),
                status=_SHUT_DOWN,
                year=year,
                shut_down_year=rng.randint(max(year + 18, 2014), 2026),
            )
        # Two old turbines temporarily shut down.
        old = next(t for t in _TURBINES if t.model == "E-40/6.44")
        self.park(old, [old.kw] * 2, status=_TEMP_SHUT, year=1998, temp_shut=True)
        # Registered as planned, commissioning expected 2027-2029.
        left = self.fill(DEMO_WIND_PLANNED_KW, (2027, 2029), _PLANNED)
        self.close(left, _PLANNED, 2028)
        return self.records_


# --------------------------------------------------------------------------- #
# Solar
# --------------------------------------------------------------------------- #
_ROOFTOP_UNITS = 12_000
_BALCONY_UNITS = 650
_OTHER_STRUCTURE_UNITS = 140
_GROUND_PARKS = 40
_GROUND_TOTAL_KW = 820_000.0
_PLANNED_PARKS = 6
#: Relative number of new rooftop units per year (EEG boom, then the recent surge).
_ROOF_YEARS = {
    2004: 1, 2005: 1, 2006: 1.5, 2007: 2, 2008: 3, 2009: 5, 2010: 8, 2011: 8, 2012: 7,
    2013: 4, 2014: 3, 2015: 2.5, 2016: 2.5, 2017: 3, 2018: 3.5, 2019: 4, 2020: 6, 2021: 7,
    2022: 9, 2023: 12, 2024: 11, 2025: 10, 2026: 8,
}  # fmt: skip
_ROOF_NAMES = ("PV-Anlage", "Photovoltaikanlage", "Solaranlage", "PV Dach", "PV Hausdach",
               "Dachanlage", "PV Garage", "PV Carport", "Solar Süddach", "PV Ost-West")  # fmt: skip
_BIG_ROOF_NAMES = ("PV Stall", "PV Halle", "PV Scheune", "Agrar PV Dach", "PV Gewerbehalle",
                   "PV Lagerhalle", "PV Milchviehanlage", "PV Dach Betrieb")  # fmt: skip
_PARK_KINDS = ("Solarpark", "Solarpark", "Solarpark", "Solarfeld", "Agri-PV", "Energiepark")


def _module_watt(year: int) -> float:
    return 180 + 11 * (year - 2004)


class _SolarFleet:
    def __init__(self, gen: _Generator) -> None:
        self.gen = gen
        self.rng = random.Random(f"{_SEED}-solar")
        self.out: list[dict[str, object]] = []
        self.park_names: set[str] = set()

    def unit(
        self,
        muni: DemoMunicipality,
        gross: float,
        net: float,
        kind: int,
        name: str,
        *,
        status: int = _OPERATING,
        commissioned: date | None = None,
        planned: date | None = None,
        shut_down: date | None = None,
        park: str | None = None,
        hectares: float | None = None,
        location_id: str | None = None,
        xy: tuple[float, float] | None = None,
    ) -> dict[str, object]:
        rng = self.rng
        if xy is None and net >= COORDINATE_THRESHOLD_KW:
            xy = self.gen.layout.sample_point(rng, muni.ags)[:2]
        rec = self.gen.base(
            rng,
            muni,
            xy=xy,
            net_kw=net,
            status=status,
            commissioned=commissioned,
            planned=planned,
            shut_down=shut_down,
            location_id=location_id,
        )
        year = (commissioned or planned or DEMO_EXTRACT_DATE).year
        rec.update(
            {
                "NameStromerzeugungseinheit": name,
                "Energietraeger": _SOLAR,
                "Bruttoleistung": _num(gross),
                "Nettonennleistung": _num(net),
                "ZugeordneteWirkleistungWechselrichter": _num(net),
                "AnzahlModule": max(1, round(gross * 1000 / _module_watt(min(year, 2026)))),
                "ArtDerSolaranlage": kind,
                "EegMaStRNummer": self.gen.ids.new("EEG"),
                "GroesseDerInAnspruchGenommenenFlaecheInHektar": (
                    None if hectares is None else _num(hectares, 2)
                ),
                "NameDesSolarparks": park,
            }
        )
        rec = _ordered("solar", rec)
        self.out.append(rec)
        return rec

    def commissioning(self, years: dict[int, float]) -> date:
        year = _weighted(self.rng, list(years), list(years.values()))
        end = date(year, 12, 31) if year < DEMO_EXTRACT_DATE.year else DEMO_EXTRACT_DATE
        return _day(self.rng, date(year, 1, 1), end - timedelta(days=15))

    def rooftop(self) -> None:
        rng = self.rng
        for _ in range(_ROOFTOP_UNITS):
            muni = self.gen.muni_by_population(rng)
            commissioned = self.commissioning(_ROOF_YEARS)
            u = rng.random()
            if u < 0.86:
                gross = round(min(29.9, max(2.4, rng.lognormvariate(math.log(9.5), 0.5))), 2)
                names = _ROOF_NAMES
            elif u < 0.975:
                gross = round(rng.uniform(30, 100), 2)
                names = _BIG_ROOF_NAMES
            else:
                gross = round(math.exp(rng.uniform(math.log(100), math.log(750))), 2)
                names = _BIG_ROOF_NAMES
            net = math.floor(gross * rng.choice((1.0, 0.95, 0.9, 0.85, 0.8)) * 10) / 10
            status, shut = _OPERATING, None
            if commissioned.year < 2013 and rng.random() < 0.006:
                status = _SHUT_DOWN
                shut = _day(rng, date(2021, 1, 1), DEMO_EXTRACT_DATE - timedelta(days=30))
            self.unit(
                muni,
                gross,
                net,
                _PV_BUILDING,
                rng.choice(names),
                status=status,
                commissioned=commissioned,
                shut_down=shut,
            )
        for _ in range(25):  # registered before construction
            muni = self.gen.muni_by_population(rng)
            planned = _day(rng, DEMO_EXTRACT_DATE + timedelta(days=20), date(2027, 9, 30))
            gross = round(rng.uniform(8, 250), 2)
            self.unit(muni, gross, gross, _PV_BUILDING, "PV-Anlage geplant", status=_PLANNED,
                      planned=planned)  # fmt: skip

    def balcony_and_other(self) -> None:
        rng = self.rng
        balcony_years = {2019: 1, 2020: 2, 2021: 3, 2022: 5, 2023: 12, 2024: 20, 2025: 22, 2026: 18}
        for _ in range(_BALCONY_UNITS):
            muni = self.gen.muni_by_population(rng)
            gross = rng.choice((0.6, 0.8, 0.82, 0.86, 0.88, 0.9, 1.0, 1.64, 2.0))
            net = min(gross, 0.6 if rng.random() < 0.3 else 0.8)
            self.unit(muni, gross, net, _PV_BALCONY, "Balkonkraftwerk",
                      commissioned=self.commissioning(balcony_years))  # fmt: skip
        for _ in range(_OTHER_STRUCTURE_UNITS):
            muni = self.gen.muni_by_population(rng)
            gross = round(math.exp(rng.uniform(math.log(5), math.log(400))), 2)
            name = rng.choice(("PV Carport", "PV Überdachung Parkplatz", "PV Lärmschutzwand",
                               "PV Fahrradunterstand", "PV Freiflächenüberdachung"))  # fmt: skip
            self.unit(muni, gross, round(gross * 0.9, 1), _PV_OTHER, name,
                      commissioned=self.commissioning(_ROOF_YEARS))  # fmt: skip

    def park_name(self, muni: DemoMunicipality) -> str:
        for suffix in ("", " Nord", " Süd", " II", " Ost", " West", " III", " IV"):
            name = f"{self.rng.choice(_PARK_KINDS)} {muni.name}{suffix}"
            if name not in self.park_names:
                self.park_names.add(name)
                return name
        raise RuntimeError(f"no free solar park name in {muni.name}")

    def ground_park(
        self,
        total_kw: float,
        *,
        status: int,
        commissioned: date | None = None,
        planned: date | None = None,
    ) -> None:
        """One park; large parks are registered as several units with the park's name."""
        rng = self.rng
        muni = self.gen.muni_weighted(rng, rural_weight=3.0, town_weight=1.0)
        name = self.park_name(muni)
        n_units = 1 if total_kw < 20_000 else min(5, 2 + int(total_kw // 40_000))
        cx, cy, _ = self.gen.layout.sample_point(rng, muni.ags, spread=0.7)
        location = self.gen.ids.new("SEL")
        share = round(total_kw / n_units, 2)
        parts = [share] * (n_units - 1) + [round(total_kw - share * (n_units - 1), 2)]
        for i, gross in enumerate(parts):
            xy = (cx + rng.uniform(-500, 500), cy + rng.uniform(-500, 500))
            unit_name = name if n_units == 1 else f"{name} BA {i + 1}"
            self.unit(
                muni,
                gross,
                round(gross * rng.uniform(0.84, 0.95), 1),
                _PV_GROUND,
                unit_name,
                status=status,
                commissioned=commissioned,
                planned=planned,
                park=name,
                hectares=gross / 1000 * rng.uniform(0.9, 1.3),
                location_id=location,
                xy=xy,
            )

    def ground(self) -> None:
        rng = self.rng
        sizes = [math.exp(rng.uniform(math.log(1_000), math.log(60_000))) for _ in range(36)]
        sizes += [150_000.0, 118_000.0, 90_000.0, 76_000.0][: _GROUND_PARKS - len(sizes)]
        scale = _GROUND_TOTAL_KW / sum(sizes)
        sizes = [min(150_000.0, max(1_000.0, round(s * scale, 1))) for s in sizes]
        sizes[0] = round(sizes[0] + _GROUND_TOTAL_KW - sum(sizes), 1)
        years = {y: (1 if y < 2019 else 3) for y in range(2009, 2027)}
        for kw in sizes:
            self.ground_park(kw, status=_OPERATING, commissioned=self.commissioning(years))
        for _ in range(_PLANNED_PARKS):
            kw = round(math.exp(rng.uniform(math.log(10_000), math.log(120_000))), 1)
            planned = _day(rng, date(2027, 1, 1), date(2028, 12, 31))
            self.ground_park(kw, status=_PLANNED, planned=planned)

    def quality_cases(self) -> None:
        """Quality cases 1, 4 and 5 of the module docstring."""
        rng = self.rng
        parchim = self.gen.by_ags["13076108"]
        # 1: 12 kW entered as 12,000 kW (so the register even publishes coordinates).
        self.unit(parchim, 12_000.0, 12_000.0, _PV_BUILDING, "PV-Anlage Wohnhaus",
                  commissioned=date(2023, 6, 14))  # fmt: skip
        # 5: a key that is not in the boundary data any more.
        ags, name, plz = _OBSOLETE_KEY
        ghost = DemoMunicipality(ags, "", name, "Gemeinde", 0, 0, 0, plz)
        self.unit(ghost, 9.6, 8.0, _PV_BUILDING, "PV-Anlage", commissioned=date(2012, 4, 3))
        # 4: the same unit twice with different content (capacity corrected later).
        muni = self.gen.by_ags["13076090"]
        first = self.unit(muni, 98.0, 90.0, _PV_BUILDING, "PV Dach Betrieb",
                          commissioned=date(2021, 8, 30))  # fmt: skip
        corrected = dict(first)
        corrected["Bruttoleistung"] = _num(99.82)
        corrected["DatumLetzteAktualisierung"] = _stamp(
            rng, DEMO_EXTRACT_DATE - timedelta(days=3), DEMO_EXTRACT_DATE
        )
        first["DatumLetzteAktualisierung"] = "2024-02-05T10:41:17.2830000"
        self.corrected = corrected

    def records(self) -> list[dict[str, object]]:
        self.rooftop()
        self.balcony_and_other()
        self.ground()
        self.quality_cases()
        out = sorted(self.out, key=lambda r: str(r["EinheitMastrNummer"]))
        out.append(self.corrected)  # the later correction lands in the last part
        return out


# --------------------------------------------------------------------------- #
# Biomass, hydro, storage
# --------------------------------------------------------------------------- #
_BIOMASS_TOTAL_KW = 100_000.0
_BIOGAS_SIZES = (250, 265, 330, 400, 500, 526, 537, 550, 600, 637, 715, 800, 843, 999, 1_000,
                 1_200, 1_415, 1_560, 2_000, 2_400)  # fmt: skip


def _biomass(gen: _Generator) -> list[dict[str, object]]:
    rng = random.Random(f"{_SEED}-biomass")
    out: list[dict[str, object]] = []

    def unit(muni, kw, name, status=_OPERATING, commissioned=None, shut=None, temp=None, xy=None):
        if xy is None:
            xy = gen.layout.sample_point(rng, muni.ags)[:2]
        rec = gen.base(rng, muni, xy=xy, net_kw=kw, status=status, commissioned=commissioned,
                       shut_down=shut, temp_shut=temp)  # fmt: skip
        rec.update(
            {
                "NichtVorhandenInMigriertenEinheiten": 0,
                "NameStromerzeugungseinheit": name,
                "Energietraeger": _BIOMASS,
                "Bruttoleistung": _num(kw),
                "Nettonennleistung": _num(round(kw * 0.96, 1)),
                "EegMaStRNummer": gen.ids.new("EEG"),
            }
        )
        out.append(_ordered("biomass", rec))
        return rec

    total = 0.0
    years = {y: (4 if 2004 <= y <= 2014 else 1) for y in range(1999, 2025)}
    for i in range(64):
        muni = gen.muni_weighted(rng, rural_weight=5.0, town_weight=1.0)
        kw = float(rng.choice(_BIOGAS_SIZES))
        year = _weighted(rng, list(years), list(years.values()))
        name = rng.choice(("Biogasanlage", "BHKW", "BHKW Biogas", "Satelliten-BHKW")) + (
            f" {muni.name}" if i % 3 else " 1"
        )
        unit(muni, kw, name, commissioned=_day(rng, date(year, 1, 1), date(year, 12, 31)))
        total += kw
    # Quality case 2: latitude typo (48.x instead of 53.x): far outside the district.
    karrenzin = gen.by_ags["13076068"]
    rec = unit(karrenzin, 550.0, "Biogasanlage Karrenzin", commissioned=date(2010, 9, 1))
    out[-1]["Breitengrad"] = _num(float(str(rec["Breitengrad"])) - 5.0, 6)
    total += 550.0
    # The district's wood-fired plant closes the total to 100 MW.
    rest = _BIOMASS_TOTAL_KW - total
    if not 5_000 <= rest <= 60_000:
        raise RuntimeError(f"demo biomass cannot be closed with {rest} kW")
    unit(gen.by_ags["13076060"], rest, "Biomasseheizkraftwerk Hagenow",
         commissioned=date(2006, 11, 2))  # fmt: skip
    for _ in range(5):  # shut down after the end of EEG payments
        muni = gen.muni_weighted(rng, rural_weight=5.0, town_weight=1.0)
        commissioned = _day(rng, date(1999, 1, 1), date(2004, 12, 31))
        unit(muni, float(rng.choice(_BIOGAS_SIZES[:10])), f"BHKW {muni.name} alt",
             status=_SHUT_DOWN, commissioned=commissioned,
             shut=_day(rng, date(2020, 1, 1), date(2026, 6, 30)))  # fmt: skip
    unit(gen.by_ags["13076166"], 537.0, "Biogasanlage Ganzlin 2", status=_TEMP_SHUT,
         commissioned=date(2011, 5, 20), temp=date(2026, 2, 1))  # fmt: skip
    return sorted(out, key=lambda r: str(r["EinheitMastrNummer"]))


#: Run-of-river plants on Elde, Sude, Stör and Warnow: exactly 2,300 kW in operation.
_HYDRO_PLANTS = (
    ("13076105", "Wasserkraftanlage Neustadt-Glewe", 620.0, 1995),
    ("13076034", "Wasserkraftwerk Dömitz", 480.0, 1998),
    ("13076050", "WKA Grabow Eldemühle", 360.0, 1993),
    ("13076089", "Wasserkraftanlage Lübz", 250.0, 2001),
    ("13076114", "WKA Plau Eldeschleuse", 190.0, 1997),
    ("13076108", "Walkmühle Parchim", 150.0, 1994),
    ("13076005", "WKA Banzkow Störschleuse", 110.0, 2003),
    ("13076014", "Wassermühle Boizenburg", 75.0, 2008),
    ("13076136", "Mühle Teldau Sude", 40.0, 2012),
    ("13076164", "Wassermühle Obere Warnow", 25.0, 2015),
)


def _hydro(gen: _Generator) -> list[dict[str, object]]:
    rng = random.Random(f"{_SEED}-hydro")
    out = []
    for ags, name, kw, year in _HYDRO_PLANTS:
        muni = gen.by_ags[ags]
        xy = gen.layout.sample_point(rng, ags)[:2]
        commissioned = _day(rng, date(year, 1, 1), date(year, 12, 31))
        rec = gen.base(rng, muni, xy=xy, net_kw=kw, status=_OPERATING, commissioned=commissioned)
        rec.update(
            {
                "NameStromerzeugungseinheit": name,
                "Energietraeger": _HYDRO,
                "Bruttoleistung": _num(kw),
                "Nettonennleistung": _num(kw),
                "NameKraftwerk": name,
                "EegMaStRNummer": gen.ids.new("EEG"),
            }
        )
        out.append(_ordered("hydro", rec))
    return sorted(out, key=lambda r: str(r["EinheitMastrNummer"]))


_HOME_BATTERIES = 3_400
#: Large batteries in operation (kW, hours of storage); ≈ 28 MW in total.
_LARGE_BATTERIES = (
    4_000, 3_500, 2_800, 2_500, 2_000, 2_000, 1_800, 1_500, 1_250, 1_200,
    1_000, 1_000, 800, 750, 600, 500, 500, 400, 250, 200,
)  # fmt: skip
_PLANNED_BATTERIES = (25_000, 20_000, 15_000, 12_500, 10_000)


def _storage(gen: _Generator) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    rng = random.Random(f"{_SEED}-storage")
    units: list[dict[str, object]] = []
    plants: list[dict[str, object]] = []

    def unit(muni, kw, kwh, name, status=_OPERATING, commissioned=None, planned=None, xy=None):
        if xy is None and kw >= COORDINATE_THRESHOLD_KW:
            xy = gen.layout.sample_point(rng, muni.ags)[:2]
        plant_id = gen.ids.new("SSE")
        rec = gen.base(rng, muni, xy=xy, net_kw=kw, status=status, commissioned=commissioned,
                       planned=planned)  # fmt: skip
        rec.update(
            {
                "NameStromerzeugungseinheit": name,
                "Energietraeger": _STORAGE,
                "Bruttoleistung": _num(kw),
                "Nettonennleistung": _num(kw),
                "Batterietechnologie": _LITHIUM,
                "SpeMastrNummer": plant_id,
                "Technologie": _BATTERY,
            }
        )
        units.append(_ordered("storage", rec))
        plants.append(
            _ordered(
                "storage_plants",
                {
                    "MaStRNummer": plant_id,
                    "Registrierungsdatum": rec["Registrierungsdatum"],
                    "DatumLetzteAktualisierung": rec["DatumLetzteAktualisierung"],
                    "NutzbareSpeicherkapazitaet": _num(kwh),
                    "VerknuepfteEinheitenMaStRNummern": rec["EinheitMastrNummer"],
                    "AnlageBetriebsstatus": status,
                },
            )
        )

    years = {2014: 1, 2015: 1, 2016: 2, 2017: 2, 2018: 3, 2019: 4, 2020: 6, 2021: 8, 2022: 11,
             2023: 16, 2024: 15, 2025: 13, 2026: 10}  # fmt: skip
    for _ in range(_HOME_BATTERIES):
        muni = gen.muni_by_population(rng)
        year = _weighted(rng, list(years), list(years.values()))
        end = date(year, 12, 31) if year < 2026 else DEMO_EXTRACT_DATE - timedelta(days=15)
        kwh = rng.choice((5.0, 5.8, 6.5, 7.7, 8.2, 9.6, 10.0, 10.24, 11.5, 12.8, 15.36, 20.0))
        kw = round(min(12.0, max(3.0, kwh * rng.uniform(0.45, 0.8))), 1)
        name = rng.choice(("Batteriespeicher", "Stromspeicher", "Heimspeicher", "PV-Speicher"))
        unit(muni, kw, kwh, name, commissioned=_day(rng, date(year, 1, 1), end))
    for kw in _LARGE_BATTERIES:
        muni = gen.muni_weighted(rng, rural_weight=2.0, town_weight=2.0)
        hours = rng.choice((1.0, 1.0, 1.5, 2.0))
        commissioned = _day(rng, date(2019, 1, 1), date(2026, 8, 31))
        name = f"{rng.choice(('Batteriespeicher', 'Großbatteriespeicher', 'BESS'))} {muni.name}"
        unit(muni, float(kw), kw * hours, name, commissioned=commissioned)
    for kw in _PLANNED_BATTERIES:
        muni = gen.muni_weighted(rng, rural_weight=2.0, town_weight=1.0)
        planned = _day(rng, date(2027, 1, 1), date(2028, 6, 30))
        unit(muni, float(kw), kw * 2.0, f"Großbatteriespeicher {muni.name}", status=_PLANNED,
             planned=planned)  # fmt: skip
    units.sort(key=lambda r: str(r["EinheitMastrNummer"]))
    plants.sort(key=lambda r: str(r["MaStRNummer"]))
    return units, plants


# --------------------------------------------------------------------------- #
# Files
# --------------------------------------------------------------------------- #
def _write_bulk(path: Path, gen: _Generator) -> None:
    from etl.mastr_bulk_writer import write_bulk_zip

    storage_units, storage_plants = gen.storage()
    write_bulk_zip(
        path,
        {
            "wind": gen.wind(),
            "solar": gen.solar(),
            "biomass": gen.biomass(),
            "hydro": gen.hydro(),
            "storage": storage_units,
            "storage_plants": storage_plants,
        },
        rows_per_file=_ROWS_PER_PART,
        date_time=_ZIP_TIMESTAMP,
    )


def _write_boundaries(path: Path, layout: _Layout) -> None:
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.ops import unary_union

    rows, geoms = [], []
    for i, m in enumerate(MUNICIPALITIES, 1):
        shape = unary_union([Polygon(h.corners(layout.x0, layout.y0)) for h in layout.hexes[m.ags]])
        geoms.append(shape if isinstance(shape, MultiPolygon) else MultiPolygon([shape]))
        rows.append(
            {
                "OBJID": f"DEMO{i:012d}",
                "ADE": 6,
                "GF": 4,
                "BSG": 1,
                "ARS": m.ars,
                "AGS": m.ags,
                "SDV_ARS": m.ars,
                "GEN": m.name,
                "BEZ": m.bez,
                "IBZ": 61 if m.is_town else 60,
                "BEM": "--",
                "NBD": "ja",
                "SN_L": m.ars[0:2],
                "SN_R": m.ars[2:3],
                "SN_K": m.ars[3:5],
                "SN_V1": m.ars[5:7],
                "SN_V2": m.ars[7:9],
                "SN_G": m.ars[9:12],
                "FK_S3": "G",
                "NUTS": "DE80O",
                "ARS_0": m.ars,
                "AGS_0": m.ags,
                "DEMO": 1,
            }
        )
    frame = gpd.GeoDataFrame(rows, geometry=geoms, crs=f"EPSG:{_CRS_UTM}")
    # GeoPackages record a "last change" time: fix it so the file is byte-identical.
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{DEMO_EXTRACT_DATE}T03:12:00.000Z"})
    try:
        path.unlink(missing_ok=True)
        frame.to_file(path, layer="vg250_gem", driver="GPKG", engine="pyogrio")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def _write_population(path: Path) -> None:
    lines = ["AGS;Einwohner;Stichtag"]
    lines += [f"{m.ags};{m.population};{POPULATION_DATE.isoformat()}" for m in MUNICIPALITIES]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


_OWN_FILES = (BULK_ZIP_NAME, BOUNDARIES_NAME, POPULATION_NAME)


def _fingerprint() -> str:
    """SHA-256 of the generator's code, so that any change to it regenerates the files."""
    from etl import mastr_bulk_writer

    h = hashlib.sha256()
    for source in (Path(__file__), Path(mastr_bulk_writer.__file__)):
        h.update(source.read_bytes())
    return h.hexdigest()


def _manifest_ok(demo_dir: Path) -> bool:
    """True when the demo files exist unchanged from the current generator."""
    try:
        manifest = json.loads((demo_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = manifest.get("files") or {}
    if (
        manifest.get("generator_version") != GENERATOR_VERSION
        or manifest.get("generator_fingerprint") != _fingerprint()
        or set(files) != set(_OWN_FILES)
    ):
        return False
    return all((demo_dir / n).is_file() and sha256_file(demo_dir / n) == files[n] for n in files)


def check_region(region_prefix: str) -> None:
    """Raise ``ValueError`` unless the demo data covers (part of) the region."""
    prefix = region_prefix.strip()
    if DEMO_REGION_PREFIX.startswith(prefix):
        return
    if prefix.startswith(DEMO_REGION_PREFIX) and any(
        m.ags.startswith(prefix) for m in MUNICIPALITIES
    ):
        return
    raise ValueError(
        f"region {region_prefix!r}: demo data exists only for Ludwigslust-Parchim "
        f"({DEMO_REGION_PREFIX}); put real MaStR files into data/raw"
    )


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """Write to a temporary name and move into place only when complete."""
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def generate_demo(demo_dir: Path, region_prefix: str = DEMO_REGION_PREFIX) -> list[Path]:
    """Write the demo raw files into ``demo_dir`` (skipped when they are already current).

    Returns the paths of the files the build should read. Raises ``ValueError``
    for a region the demo does not cover.
    """
    check_region(region_prefix)
    demo_dir = Path(demo_dir)
    demo_dir.mkdir(parents=True, exist_ok=True)
    paths = [demo_dir / n for n in _OWN_FILES]
    if not _manifest_ok(demo_dir):
        (demo_dir / MANIFEST_NAME).unlink(missing_ok=True)
        gen = _Generator()
        with _atomic(demo_dir / BULK_ZIP_NAME) as tmp:
            _write_bulk(tmp, gen)
        with _atomic(demo_dir / BOUNDARIES_NAME) as tmp:
            _write_boundaries(tmp, gen.layout)
        with _atomic(demo_dir / POPULATION_NAME) as tmp:
            _write_population(tmp)
        manifest = {
            "generator_version": GENERATOR_VERSION,
            "generator_fingerprint": _fingerprint(),
            "extract_date": DEMO_EXTRACT_DATE.isoformat(),
            "note": "Synthetic demo data (etl/demo.py), not real figures.",
            "files": {p.name: sha256_file(p) for p in paths},
        }
        (demo_dir / MANIFEST_NAME).write_text(
            json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    paths += _office_lists(demo_dir)
    return paths


def _office_lists(demo_dir: Path) -> list[Path]:
    """The office's own demo lists (wind permits, hydrogen projects, wind areas), if available."""
    try:
        from etl import office
    except ImportError:
        return []
    writer = getattr(office, "write_demo_lists", None)
    if writer is None:
        return []
    written = writer(demo_dir)
    if isinstance(written, (list, tuple)):
        return [Path(p) for p in written]
    return []
