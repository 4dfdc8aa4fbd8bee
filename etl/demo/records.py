"""What every demo unit record shares: MaStR numbers, number and date formats, XSD field order.

:class:`Generator` holds the state all carriers draw from (the municipalities'
real boundaries, one MaStR number generator) and writes the fields common to every unit type.
The carriers (:mod:`.wind`, :mod:`.solar`, :mod:`.other_units`) add their own
fields; the order in which they run is fixed in :mod:`.generate`, because
they share the MaStR number generator.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TypeVar

from etl.demo.constants import (
    ACTIVE,
    CHECKED,
    COORDINATE_THRESHOLD_KW,
    DEMO_EXTRACT_DATE,
    DISTRICT,
    GERMANY,
    MECKLENBURG_VORPOMMERN,
    SEED,
)
from etl.demo.geography import (
    MUNICIPALITIES,
    DemoMunicipality,
    build_layout,
    to_wgs84,
)

T = TypeVar("T")


def split_exact(total: float, draw: Callable[[float], float]) -> list[float]:
    """Sizes that add up to ``total`` exactly (to the watt): ``draw(rest)`` proposes the next.

    A proposal that is not smaller than what is left (or not positive) closes the
    list with the rest, so the last size is whatever remains.
    """
    sizes: list[float] = []
    rest = round(total, 3)
    while rest > 0:
        size = round(draw(rest), 3)
        if size <= 0 or size >= rest:
            sizes.append(rest)
            break
        sizes.append(size)
        rest = round(rest - size, 3)
    return sizes


def phases(kw_2021: float, kw_2024: float) -> list[tuple[float, str]]:
    """How a municipality's reference capacity splits by commissioning and shutdown period.

    ``stay`` is commissioned by 2021 and still active at the end of 2024, ``gone``
    commissioned by 2021 and finally shut down in 2022-2024, ``new`` commissioned in
    2022-2024; so the date rule gives ``kw_2021`` at 31.12.2021 and ``kw_2024`` at
    31.12.2024.
    """
    out = [(round(min(kw_2021, kw_2024), 3), "stay")]
    if kw_2021 > kw_2024:
        out.append((round(kw_2021 - kw_2024, 3), "gone"))
    if kw_2024 > kw_2021:
        out.append((round(kw_2024 - kw_2021, 3), "new"))
    return [(kw, kind) for kw, kind in out if kw > 0]


#: Commissioning years of each phase (``stay``/``gone`` start at the carrier's first year).
PHASE_YEARS = {"new": (2022, 2024), "later": (2025, DEMO_EXTRACT_DATE.year)}
CUTOFF_2021, CUTOFF_2024 = date(2021, 12, 31), date(2024, 12, 31)


def in_year(rng: random.Random, year: int) -> date:
    """A day in ``year``, never after the extract date minus two weeks."""
    end = min(date(year, 12, 31), DEMO_EXTRACT_DATE - timedelta(days=15))
    return day(rng, date(year, 1, 1), end)


def shutdown_2022_2024(rng: random.Random) -> date:
    """A final shutdown day between the two cut-offs."""
    return day(rng, date(2022, 1, 15), date(2024, 12, 15))


class UnitIds:
    """Unique MaStR-style numbers: prefix + 12 digits (e.g. ``SEE912345678901``)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def new(self, prefix: str) -> str:
        """A number not handed out before (``SEE`` unit, ``SEL`` location, ``EEG`` …)."""
        while True:
            value = f"{prefix}9{self.rng.randrange(10**11):011d}"
            if value not in self.used:
                self.used.add(value)
                return value


def num(value: float, decimals: int = 3) -> str:
    """A decimal as the export writes it: point, no exponent, no trailing zeros."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def day(rng: random.Random, start: date, end: date) -> date:
    """A uniformly random day in [start, end]."""
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def stamp(rng: random.Random, start: date, end: date) -> str:
    """A ``DatumLetzteAktualisierung`` timestamp like ``2024-05-17T09:12:33.1234567``."""
    d = day(rng, start, max(start, end))
    return (
        f"{d.isoformat()}T{rng.randrange(6, 20):02d}:{rng.randrange(60):02d}:"
        f"{rng.randrange(60):02d}.{rng.randrange(10**7):07d}"
    )


_MASTR_START = date(2019, 1, 31)
_MIGRATION_END = date(2021, 1, 31)


def _registered(rng: random.Random, commissioned: date | None, planned: date | None) -> date:
    """Registration date: migrated units 2019–2021, later ones around commissioning."""
    if commissioned is not None and commissioned < _MASTR_START:
        return day(rng, _MASTR_START, _MIGRATION_END)
    if commissioned is not None:
        return min(commissioned + timedelta(days=rng.randrange(0, 45)), DEMO_EXTRACT_DATE)
    assert planned is not None
    return day(rng, date(2023, 1, 1), DEMO_EXTRACT_DATE - timedelta(days=10))


def weighted(rng: random.Random, items: Sequence[T], weights: Sequence[float]) -> T:
    """One item, drawn with the given weights."""
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


def ordered(kind: str, rec: dict[str, object]) -> dict[str, object]:
    """The record's fields in XSD order (raises on a field the order does not know)."""
    order = _ORDER[kind]
    unknown = set(rec) - set(order)
    if unknown:
        raise KeyError(f"{kind}: fields not in the XSD order list: {sorted(unknown)}")
    return {k: rec[k] for k in order if rec.get(k) is not None}


class Generator:
    """Builds all demo records from one seed."""

    def __init__(self) -> None:
        self.layout = build_layout()
        self.ids = UnitIds(random.Random(f"{SEED}-ids"))
        self.to_wgs84 = to_wgs84()
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
            "DatumLetzteAktualisierung": stamp(rng, last, DEMO_EXTRACT_DATE),
            "LokationMaStRNummer": location_id or self.ids.new("SEL"),
            "NetzbetreiberpruefungStatus": CHECKED,
            "NetzbetreiberpruefungDatum": min(
                registered + timedelta(days=rng.randrange(20, 300)), DEMO_EXTRACT_DATE
            ).isoformat(),
            "Land": GERMANY,
            "Bundesland": MECKLENBURG_VORPOMMERN,
            "Landkreis": DISTRICT,
            "Gemeinde": muni.name,
            "Gemeindeschluessel": muni.ags,
            "Postleitzahl": muni.postcode,
            "Hausnummer_nv": 0,
            "Ort": muni.name,
            "Laengengrad": None if lon is None else num(lon, 6),
            "Breitengrad": None if lat is None else num(lat, 6),
            "Registrierungsdatum": registered.isoformat(),
            "Inbetriebnahmedatum": commissioned.isoformat() if commissioned else None,
            "GeplantesInbetriebnahmedatum": planned.isoformat() if planned else None,
            "DatumEndgueltigeStilllegung": shut_down.isoformat() if shut_down else None,
            "DatumBeginnVoruebergehendeStilllegung": temp_shut.isoformat() if temp_shut else None,
            "EinheitSystemstatus": ACTIVE,
            "EinheitBetriebsstatus": status,
            "Weic_nv": 0,
            "Kraftwerksnummer_nv": 0,
        }

    def muni_weighted(
        self, rng: random.Random, rural_weight: float, town_weight: float
    ) -> DemoMunicipality:
        """A municipality drawn with one weight for towns and one for rural municipalities."""
        weights = [rural_weight if not m.is_town else town_weight for m in MUNICIPALITIES]
        return weighted(rng, MUNICIPALITIES, weights)

    def muni_by_population(self, rng: random.Random) -> DemoMunicipality:
        """A municipality drawn in proportion to its population."""
        return weighted(rng, MUNICIPALITIES, [m.population for m in MUNICIPALITIES])
