"""Demo PV units: rooftops, balcony units, other structures and ground-mounted parks.

About 1,100 MW in operation: ~12,000 rooftop units, balcony units, other
structures and ~40 ground-mounted parks (large ones registered as several
units), plus a few planned parks. Also the solar data-quality cases 1, 4 and 5
(see :mod:`etl.demo`).
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from etl.demo.constants import (
    COORDINATE_THRESHOLD_KW,
    DEMO_EXTRACT_DATE,
    OPERATING,
    PLANNED,
    PV_BALCONY,
    PV_BUILDING,
    PV_GROUND,
    PV_OTHER,
    SEED,
    SHUT_DOWN,
    SOLAR,
)
from etl.demo.geography import OBSOLETE_KEY, DemoMunicipality
from etl.demo.records import Generator, day, num, ordered, stamp, weighted

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
    """Typical module rating (W) in a commissioning year."""
    return 180 + 11 * (year - 2004)


class SolarFleet:
    """The demo's PV units, drawn from one seed."""

    def __init__(self, gen: Generator) -> None:
        self.gen = gen
        self.rng = random.Random(f"{SEED}-solar")
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
        status: int = OPERATING,
        commissioned: date | None = None,
        planned: date | None = None,
        shut_down: date | None = None,
        park: str | None = None,
        hectares: float | None = None,
        location_id: str | None = None,
        xy: tuple[float, float] | None = None,
    ) -> dict[str, object]:
        """Add one PV unit (coordinates only from 30 kW net) and return its record."""
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
                "Energietraeger": SOLAR,
                "Bruttoleistung": num(gross),
                "Nettonennleistung": num(net),
                "ZugeordneteWirkleistungWechselrichter": num(net),
                "AnzahlModule": max(1, round(gross * 1000 / _module_watt(min(year, 2026)))),
                "ArtDerSolaranlage": kind,
                "EegMaStRNummer": self.gen.ids.new("EEG"),
                "GroesseDerInAnspruchGenommenenFlaecheInHektar": (
                    None if hectares is None else num(hectares, 2)
                ),
                "NameDesSolarparks": park,
            }
        )
        rec = ordered("solar", rec)
        self.out.append(rec)
        return rec

    def commissioning(self, years: dict[int, float]) -> date:
        """A commissioning day in a year drawn with the given weights."""
        year = weighted(self.rng, list(years), list(years.values()))
        end = date(year, 12, 31) if year < DEMO_EXTRACT_DATE.year else DEMO_EXTRACT_DATE
        return day(self.rng, date(year, 1, 1), end - timedelta(days=15))

    def rooftop(self) -> None:
        """Rooftop units (a few shut down) and rooftop units registered as planned."""
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
            status, shut = OPERATING, None
            if commissioned.year < 2013 and rng.random() < 0.006:
                status = SHUT_DOWN
                shut = day(rng, date(2021, 1, 1), DEMO_EXTRACT_DATE - timedelta(days=30))
            self.unit(
                muni,
                gross,
                net,
                PV_BUILDING,
                rng.choice(names),
                status=status,
                commissioned=commissioned,
                shut_down=shut,
            )
        for _ in range(25):  # registered before construction
            muni = self.gen.muni_by_population(rng)
            planned = day(rng, DEMO_EXTRACT_DATE + timedelta(days=20), date(2027, 9, 30))
            gross = round(rng.uniform(8, 250), 2)
            self.unit(muni, gross, gross, PV_BUILDING, "PV-Anlage geplant", status=PLANNED,
                      planned=planned)  # fmt: skip

    def balcony_and_other(self) -> None:
        """Balcony units and units on other structures (carports, noise barriers …)."""
        rng = self.rng
        balcony_years = {2019: 1, 2020: 2, 2021: 3, 2022: 5, 2023: 12, 2024: 20, 2025: 22, 2026: 18}
        for _ in range(_BALCONY_UNITS):
            muni = self.gen.muni_by_population(rng)
            gross = rng.choice((0.6, 0.8, 0.82, 0.86, 0.88, 0.9, 1.0, 1.64, 2.0))
            net = min(gross, 0.6 if rng.random() < 0.3 else 0.8)
            self.unit(muni, gross, net, PV_BALCONY, "Balkonkraftwerk",
                      commissioned=self.commissioning(balcony_years))  # fmt: skip
        for _ in range(_OTHER_STRUCTURE_UNITS):
            muni = self.gen.muni_by_population(rng)
            gross = round(math.exp(rng.uniform(math.log(5), math.log(400))), 2)
            name = rng.choice(("PV Carport", "PV Überdachung Parkplatz", "PV Lärmschutzwand",
                               "PV Fahrradunterstand", "PV Freiflächenüberdachung"))  # fmt: skip
            self.unit(muni, gross, round(gross * 0.9, 1), PV_OTHER, name,
                      commissioned=self.commissioning(_ROOF_YEARS))  # fmt: skip

    def park_name(self, muni: DemoMunicipality) -> str:
        """A solar park name in the municipality not used before."""
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
                PV_GROUND,
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
        """Ground-mounted parks in operation (closing their total) and planned ones."""
        rng = self.rng
        sizes = [math.exp(rng.uniform(math.log(1_000), math.log(60_000))) for _ in range(36)]
        sizes += [150_000.0, 118_000.0, 90_000.0, 76_000.0][: _GROUND_PARKS - len(sizes)]
        scale = _GROUND_TOTAL_KW / sum(sizes)
        sizes = [min(150_000.0, max(1_000.0, round(s * scale, 1))) for s in sizes]
        sizes[0] = round(sizes[0] + _GROUND_TOTAL_KW - sum(sizes), 1)
        years = {y: (1 if y < 2019 else 3) for y in range(2009, 2027)}
        for kw in sizes:
            self.ground_park(kw, status=OPERATING, commissioned=self.commissioning(years))
        for _ in range(_PLANNED_PARKS):
            kw = round(math.exp(rng.uniform(math.log(10_000), math.log(120_000))), 1)
            planned = day(rng, date(2027, 1, 1), date(2028, 12, 31))
            self.ground_park(kw, status=PLANNED, planned=planned)

    def quality_cases(self) -> None:
        """Quality cases 1, 4 and 5 of the module docstring."""
        rng = self.rng
        parchim = self.gen.by_ags["13076108"]
        # 1: 12 kW entered as 12,000 kW (so the register even publishes coordinates).
        self.unit(parchim, 12_000.0, 12_000.0, PV_BUILDING, "PV-Anlage Wohnhaus",
                  commissioned=date(2023, 6, 14))  # fmt: skip
        # 5: a key that is not in the boundary data any more.
        ags, name, plz = OBSOLETE_KEY
        ghost = DemoMunicipality(ags, "", name, "Gemeinde", 0, 0, 0, plz)
        self.unit(ghost, 9.6, 8.0, PV_BUILDING, "PV-Anlage", commissioned=date(2012, 4, 3))
        # 4: the same unit twice with different content (capacity corrected later).
        muni = self.gen.by_ags["13076090"]
        first = self.unit(muni, 98.0, 90.0, PV_BUILDING, "PV Dach Betrieb",
                          commissioned=date(2021, 8, 30))  # fmt: skip
        corrected = dict(first)
        corrected["Bruttoleistung"] = num(99.82)
        corrected["DatumLetzteAktualisierung"] = stamp(
            rng, DEMO_EXTRACT_DATE - timedelta(days=3), DEMO_EXTRACT_DATE
        )
        first["DatumLetzteAktualisierung"] = "2024-02-05T10:41:17.2830000"
        self.corrected = corrected

    def records(self) -> list[dict[str, object]]:
        """All PV records; the later correction of case 4 comes last (in the last part)."""
        self.rooftop()
        self.balcony_and_other()
        self.ground()
        self.quality_cases()
        out = sorted(self.out, key=lambda r: str(r["EinheitMastrNummer"]))
        out.append(self.corrected)  # the later correction lands in the last part
        return out
