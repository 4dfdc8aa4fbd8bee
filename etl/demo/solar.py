"""Demo PV units: rooftops, balcony units, other structures and ground-mounted parks.

For every municipality the PV units active by date add up to its real capacity
at 31.12.2021 and 31.12.2024 (reference set): rooftop units in proportion to its
population, the rest in larger roofs and ground-mounted parks (invented names,
"Demo-Solarpark 001" …; large parks registered as several units). Units added
after 2024 (rooftops, balcony units, a few parks) and the planned parks
("Demo-Solarprojekt A" …) are invented. Also the solar data-quality cases 1, 4
and 5 (see :mod:`etl.demo`), dated after the 2024 cut-off.
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
from etl.demo.geography import MUNICIPALITIES, OBSOLETE_KEY, DemoMunicipality
from etl.demo.records import (
    Generator,
    day,
    num,
    ordered,
    phases,
    shutdown_2022_2024,
    split_exact,
    stamp,
    weighted,
)

#: Rooftop units per inhabitant, by phase (``later``: 2025 up to the extract date).
_ROOFS_PER_INHABITANT = {"stay": 0.028, "gone": 0.002, "new": 0.02, "later": 0.012}
_BALCONY_PER_INHABITANT = {"new": 0.0015, "later": 0.002}
_LATER_PARKS_KW = (24_000.0, 18_500.0, 9_800.0)
_PLANNED_PARKS = 6
#: Relative number of new rooftop units per year (EEG boom, then the recent surge).
_ROOF_YEARS = {
    2004: 1, 2005: 1, 2006: 1.5, 2007: 2, 2008: 3, 2009: 5, 2010: 8, 2011: 8, 2012: 7,
    2013: 4, 2014: 3, 2015: 2.5, 2016: 2.5, 2017: 3, 2018: 3.5, 2019: 4, 2020: 6, 2021: 7,
    2022: 9, 2023: 12, 2024: 11, 2025: 10, 2026: 8,
}  # fmt: skip
_PHASE_YEARS = {
    "stay": {y: w for y, w in _ROOF_YEARS.items() if y <= 2021},
    "gone": {y: w for y, w in _ROOF_YEARS.items() if y <= 2012},
    "new": {y: w for y, w in _ROOF_YEARS.items() if 2022 <= y <= 2024},
    "later": {y: w for y, w in _ROOF_YEARS.items() if y >= 2025},
}
_ROOF_NAMES = ("PV-Anlage", "Photovoltaikanlage", "Solaranlage", "PV Dach", "PV Hausdach",
               "Dachanlage", "PV Garage", "PV Carport", "Solar Süddach", "PV Ost-West")  # fmt: skip
_BIG_ROOF_NAMES = ("PV Stall", "PV Halle", "PV Scheune", "Agrar PV Dach", "PV Gewerbehalle",
                   "PV Lagerhalle", "PV Milchviehanlage", "PV Dach Betrieb")  # fmt: skip
_OTHER_NAMES = ("PV Carport", "PV Überdachung Parkplatz", "PV Lärmschutzwand",
                "PV Fahrradunterstand", "PV Freiflächenüberdachung")  # fmt: skip


def _module_watt(year: int) -> float:
    """Typical module rating (W) in a commissioning year."""
    return 180 + 11 * (year - 2004)


class SolarFleet:
    """The demo's PV units, drawn from one seed."""

    def __init__(self, gen: Generator) -> None:
        self.gen = gen
        self.rng = random.Random(f"{SEED}-solar")
        self.out: list[dict[str, object]] = []
        self.parks = 0
        self.projects = 0

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
            xy = self.gen.layout.sample_point(rng, muni.ags)
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

    def roof_size(self) -> float:
        """Gross kW of a rooftop unit: mostly homes, some farm and business roofs."""
        rng = self.rng
        u = rng.random()
        if u < 0.86:
            return round(min(29.9, max(2.4, rng.lognormvariate(math.log(9.5), 0.5))), 2)
        if u < 0.975:
            return round(rng.uniform(30, 100), 2)
        return round(math.exp(rng.uniform(math.log(100), math.log(750))), 2)

    def fill(self, muni: DemoMunicipality, total_kw: float, phase: str) -> None:
        """PV units in ``muni`` adding up to exactly ``total_kw``, commissioned in ``phase``.

        First rooftop (and balcony) units in proportion to the population, then
        ground-mounted parks for what is left; the last unit takes the exact rest.
        """
        rng = self.rng
        roofs = round(muni.population * _ROOFS_PER_INHABITANT[phase])
        balcony = round(muni.population * _BALCONY_PER_INHABITANT.get(phase, 0.0))
        count = 0

        def draw(rest: float) -> float:
            nonlocal count
            count += 1
            if count <= balcony:
                size = rng.choice((0.6, 0.8, 0.82, 0.86, 0.88, 0.9, 1.0, 1.64, 2.0))
            elif count <= balcony + roofs:
                size = self.roof_size()
            else:
                size = math.exp(rng.uniform(math.log(750), math.log(60_000)))
            return rest if size > rest - 1.0 else size

        for i, gross in enumerate(split_exact(total_kw, draw)):
            self.add(muni, gross, phase, balcony_ok=i < balcony)

    def add(self, muni: DemoMunicipality, gross: float, phase: str, balcony_ok: bool) -> None:
        """One unit (or one park) of ``gross`` kW in ``phase``."""
        rng = self.rng
        commissioned = self.commissioning(_PHASE_YEARS[phase])
        status, shut = OPERATING, None
        if phase == "gone":
            status, shut = SHUT_DOWN, shutdown_2022_2024(rng)
        if gross > 750:
            self.ground_park(muni, gross, status=status, commissioned=commissioned, shut=shut)
            return
        if gross <= 2.0 and balcony_ok and phase in ("new", "later"):
            net = min(gross, 0.6 if rng.random() < 0.3 else 0.8)
            self.unit(muni, gross, net, PV_BALCONY, "Balkonkraftwerk", commissioned=commissioned)
            return
        net = math.floor(gross * rng.choice((1.0, 0.95, 0.9, 0.85, 0.8)) * 10) / 10
        if gross < 30:
            kind, name = PV_BUILDING, rng.choice(_ROOF_NAMES)
        elif rng.random() < 0.1:
            kind, name = PV_OTHER, rng.choice(_OTHER_NAMES)
        else:
            kind, name = PV_BUILDING, rng.choice(_BIG_ROOF_NAMES)
        self.unit(muni, gross, max(net, 0.1), kind, name, status=status,
                  commissioned=commissioned, shut_down=shut)  # fmt: skip

    def park_name(self, planned: bool) -> str:
        """An invented name: "Demo-Solarpark 001" (existing) or "Demo-Solarprojekt A" (planned)."""
        if planned:
            self.projects += 1
            return f"Demo-Solarprojekt {chr(64 + self.projects)}"
        self.parks += 1
        return f"Demo-Solarpark {self.parks:03d}"

    def ground_park(
        self,
        muni: DemoMunicipality,
        total_kw: float,
        *,
        status: int,
        commissioned: date | None = None,
        planned: date | None = None,
        shut: date | None = None,
    ) -> None:
        """One park; large parks are registered as several units with the park's name."""
        rng = self.rng
        name = self.park_name(planned=status == PLANNED)
        n_units = 1 if total_kw < 20_000 else min(5, 2 + int(total_kw // 40_000))
        cx, cy = self.gen.layout.sample_point(rng, muni.ags, spread=0.5)
        location = self.gen.ids.new("SEL")
        share = round(total_kw / n_units, 3)
        parts = [share] * (n_units - 1) + [round(total_kw - share * (n_units - 1), 3)]
        for i, gross in enumerate(parts):
            xy = self.gen.layout.pull_inside(
                muni.ags, (cx, cy), cx + rng.uniform(-500, 500), cy + rng.uniform(-500, 500)
            )
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
                shut_down=shut,
                park=name,
                hectares=gross / 1000 * rng.uniform(0.9, 1.3),
                location_id=location,
                xy=xy,
            )

    def reference_units(self) -> None:
        """The units behind every municipality's real totals of 2021 and 2024."""
        for muni in MUNICIPALITIES:
            for kw, phase in phases(muni.kw_2021["solar"], muni.kw_2024["solar"]):
                self.fill(muni, kw, phase)

    def later_units(self) -> None:
        """Invented additions since 2025: rooftops, balcony units, a few parks; planned parks."""
        rng = self.rng
        for muni in MUNICIPALITIES:
            roofs = round(muni.population * _ROOFS_PER_INHABITANT["later"])
            balcony = round(muni.population * _BALCONY_PER_INHABITANT["later"])
            for i in range(roofs + balcony):
                gross = (rng.choice((0.6, 0.8, 0.86, 0.9, 1.0, 2.0)) if i < balcony
                         else self.roof_size())  # fmt: skip
                self.add(muni, gross, "later", balcony_ok=i < balcony)
        rural = [m for m in MUNICIPALITIES if not m.is_town]
        for kw in _LATER_PARKS_KW:
            muni = weighted(rng, rural, [m.geometry.area for m in rural])
            self.ground_park(muni, kw, status=OPERATING,
                             commissioned=self.commissioning(_PHASE_YEARS["later"]))  # fmt: skip
        for _ in range(25):  # rooftops registered before construction
            muni = self.gen.muni_by_population(rng)
            planned = day(rng, DEMO_EXTRACT_DATE + timedelta(days=20), date(2027, 9, 30))
            gross = round(rng.uniform(8, 250), 2)
            self.unit(muni, gross, gross, PV_BUILDING, "PV-Anlage geplant", status=PLANNED,
                      planned=planned)  # fmt: skip
        for _ in range(_PLANNED_PARKS):
            muni = weighted(rng, rural, [m.geometry.area for m in rural])
            kw = round(math.exp(rng.uniform(math.log(10_000), math.log(120_000))), 1)
            planned = day(rng, date(2027, 1, 1), date(2028, 12, 31))
            self.ground_park(muni, kw, status=PLANNED, planned=planned)

    def quality_cases(self) -> None:
        """Quality cases 1, 4 and 5 of the module docstring."""
        rng = self.rng
        parchim = self.gen.by_ags["13076108"]
        # 1: 12 kW entered as 12,000 kW (so the register even publishes coordinates).
        self.unit(parchim, 12_000.0, 12_000.0, PV_BUILDING, "PV-Anlage Wohnhaus",
                  commissioned=date(2025, 6, 14))  # fmt: skip
        # 5: a key that is not in the boundary data any more.
        ags, name, plz = OBSOLETE_KEY
        ghost = DemoMunicipality(ags, "", name, "Gemeinde", 0, plz)
        self.unit(ghost, 9.6, 8.0, PV_BUILDING, "PV-Anlage", commissioned=date(2012, 4, 3))
        # 4: the same unit twice with different content (capacity corrected later).
        muni = self.gen.by_ags["13076090"]
        first = self.unit(muni, 98.0, 90.0, PV_BUILDING, "PV Dach Betrieb",
                          commissioned=date(2025, 8, 30))  # fmt: skip
        corrected = dict(first)
        corrected["Bruttoleistung"] = num(99.82)
        corrected["DatumLetzteAktualisierung"] = stamp(
            rng, DEMO_EXTRACT_DATE - timedelta(days=3), DEMO_EXTRACT_DATE
        )
        first["DatumLetzteAktualisierung"] = f"{first['Registrierungsdatum']}T10:41:17.2830000"
        self.corrected = corrected

    def records(self) -> list[dict[str, object]]:
        """All PV records; the later correction of case 4 comes last (in the last part)."""
        self.reference_units()
        self.later_units()
        self.quality_cases()
        out = sorted(self.out, key=lambda r: str(r["EinheitMastrNummer"]))
        out.append(self.corrected)  # the later correction lands in the last part
        return out
