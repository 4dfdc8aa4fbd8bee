"""Demo wind onshore units: named parks of period turbines, calibrated to exact totals.

In operation: exactly :data:`~etl.demo.constants.DEMO_WIND_OPERATING_KW`, a mix
of 1990s turbines (0.5–2 MW), 2010s turbines (2–3.6 MW) and recent ones
(4–7 MW). Registered as planned: exactly
:data:`~etl.demo.constants.DEMO_WIND_PLANNED_KW` in 2027–2029. Repowered parks
are permanently shut down, two old turbines temporarily.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from etl.demo.constants import (
    DEMO_EXTRACT_DATE,
    DEMO_WIND_PLANNED_KW,
    ONSHORE,
    OPERATING,
    PLANNED,
    SEED,
    SHUT_DOWN,
    TEMP_SHUT,
    WIND,
)
from etl.demo.geography import DemoMunicipality
from etl.demo.records import Generator, day, num, ordered

# Manufacturer catalogue ids.
_ENERCON, _VESTAS, _NORDEX, _NORDEX_SE = 1586, 1660, 1627, 1628
_SGRE, _GE, _SENVION, _ENO, _REPOWER = 1001679, 1597, 1645, 1587, 2888


@dataclass(frozen=True)
class _Turbine:
    """A turbine model: rating, rotor, hub heights and the years it was sold."""

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


class WindFleet:
    """The demo's wind units, drawn park by park from one seed."""

    def __init__(self, gen: Generator) -> None:
        self.gen = gen
        self.rng = random.Random(f"{SEED}-wind")
        self.records_: list[dict[str, object]] = []
        self.park_names: set[str] = set()

    def park_name(self, muni: DemoMunicipality) -> str:
        """A park name in the municipality not used before."""
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
                commissioned = day(rng, start, last)
            planned = None
            if planned_year is not None:
                planned = day(rng, date(planned_year, 1, 1), date(planned_year, 12, 31))
            shut = None
            if shut_down_year is not None:
                shut = day(rng, date(shut_down_year, 1, 1), date(shut_down_year, 12, 31))
                shut = min(shut, DEMO_EXTRACT_DATE - timedelta(days=5))
            temp = day(rng, date(2025, 3, 1), date(2026, 9, 30)) if temp_shut else None
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
                    "Energietraeger": WIND,
                    "Bruttoleistung": num(kw),
                    "Nettonennleistung": num(kw),
                    "NameWindpark": name,
                    "WindAnLandOderAufSee": ONSHORE,
                    "Hersteller": model.maker,
                    "Typenbezeichnung": model.model,
                    "Nabenhoehe": num(hub, 1),
                    "Rotordurchmesser": num(model.rotor_m, 1),
                    "EegMaStRNummer": self.gen.ids.new("EEG"),
                }
            )
            self.records_.append(ordered("wind", rec))

    def models(self, year: int) -> list[_Turbine]:
        """The turbine models sold in ``year``."""
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
            if status == PLANNED:
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
        if status == PLANNED:
            self.park(_CLOSER, ratings, status=status, planned_year=year)
        else:
            self.park(_CLOSER, ratings, status=status, year=year)

    def records(self) -> list[dict[str, object]]:
        """All wind records: operating, shut down, temporarily shut down, planned."""
        rng = self.rng
        # Operating fleet, era by era; the last era closes the total exactly.
        carry = 0.0
        for i, (y0, y1, target) in enumerate(_WIND_ERAS):
            left = self.fill(target + carry, (y0, y1), OPERATING)
            if i < len(_WIND_ERAS) - 1:
                carry = left
            else:
                self.close(left, OPERATING, 2025)
        # Repowered 1990s parks: permanently shut down.
        for _ in range(12):
            year = rng.randint(1993, 2003)
            model = rng.choice([t for t in self.models(year) if t.kw <= 2000])
            self.park(
                model,
                [model.kw] * rng.randint(2, 6),
                status=SHUT_DOWN,
                year=year,
                shut_down_year=rng.randint(max(year + 18, 2014), 2026),
            )
        # Two old turbines temporarily shut down.
        old = next(t for t in _TURBINES if t.model == "E-40/6.44")
        self.park(old, [old.kw] * 2, status=TEMP_SHUT, year=1998, temp_shut=True)
        # Registered as planned, commissioning expected 2027-2029.
        left = self.fill(DEMO_WIND_PLANNED_KW, (2027, 2029), PLANNED)
        self.close(left, PLANNED, 2028)
        return self.records_
