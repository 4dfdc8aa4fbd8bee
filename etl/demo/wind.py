"""Demo wind onshore units: invented parks that add up to each municipality's real totals.

For every municipality the turbines active by date (commissioned, not finally
shut down) add up to its real capacity at 31.12.2021 and 31.12.2024 (reference
set, :mod:`etl.demo.geography`): a mix of 1990s turbines (0.5–2 MW), 2010s
turbines (2–3.6 MW) and recent ones, some repowered in 2022–2024. Additions
after 2024 are invented and bring wind "In Betrieb" at the extract date to
exactly :data:`~etl.demo.constants.DEMO_WIND_OPERATING_KW`; registered as
planned: exactly :data:`~etl.demo.constants.DEMO_WIND_PLANNED_KW` in 2027–2029
("Demo-Windprojekt A" …). Parks older than the reference carry invented names
("Demo-Windpark 001" …); two old turbines are temporarily shut down.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from etl.demo.constants import (
    DEMO_WIND_OPERATING_KW,
    DEMO_WIND_PLANNED_KW,
    ONSHORE,
    OPERATING,
    PLANNED,
    SEED,
    SHUT_DOWN,
    TEMP_SHUT,
    WIND,
)
from etl.demo.geography import MUNICIPALITIES, DemoMunicipality
from etl.demo.records import (
    PHASE_YEARS,
    Generator,
    day,
    in_year,
    num,
    ordered,
    phases,
    shutdown_2022_2024,
    weighted,
)
from etl.office.cells import column_letters

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
_PARK_SIZES = (1, 2, 2, 3, 3, 4, 5, 6, 8, 10)
#: Commissioning years of the turbines active in 2021, drawn with these weights.
_STOCK_YEARS = {y: (1 if y < 1998 else 2 if y < 2005 else 4 if y < 2017 else 2)
                for y in range(1993, 2022)}  # fmt: skip
_TEMP_SHUT_KW = 600.0  # two E-40/6.44 turbines of 1998


class WindFleet:
    """The demo's wind units, drawn park by park from one seed."""

    def __init__(self, gen: Generator) -> None:
        self.gen = gen
        self.rng = random.Random(f"{SEED}-wind")
        self.records_: list[dict[str, object]] = []
        self.parks = 0
        self.projects = 0

    def park_name(self, planned: bool) -> str:
        """An invented name: "Demo-Windpark 001" (existing) or "Demo-Windprojekt A" (planned)."""
        if planned:
            self.projects += 1
            return f"Demo-Windprojekt {column_letters(self.projects)}"
        self.parks += 1
        return f"Demo-Windpark {self.parks:03d}"

    def park(
        self,
        muni: DemoMunicipality,
        model: _Turbine,
        ratings: Sequence[float],
        *,
        status: int,
        year: int | None = None,
        planned_year: int | None = None,
        shut_down: date | None = None,
        temp_shut: bool = False,
    ) -> None:
        """One wind park: turbines of one model on a small grid inside one municipality."""
        rng = self.rng
        cx, cy = self.gen.layout.sample_point(rng, muni.ags, spread=0.3)
        name = self.park_name(planned=status == PLANNED)
        hub = rng.choice(model.hubs_m)
        angle = rng.random() * math.pi
        cols = max(1, math.ceil(math.sqrt(len(ratings))))
        spacing = 3.5 * model.rotor_m + 60
        location = self.gen.ids.new("SEL")
        commissioned = in_year(rng, year) if year else None
        for i, kw in enumerate(ratings):
            gx, gy = (i % cols) - (cols - 1) / 2, (i // cols) - (len(ratings) - 1) // cols / 2
            dx = gx * spacing + rng.uniform(-40, 40)
            dy = gy * spacing * 1.4 + rng.uniform(-40, 40)
            x = cx + dx * math.cos(angle) - dy * math.sin(angle)
            y = cy + dx * math.sin(angle) + dy * math.cos(angle)
            x, y = self.gen.layout.pull_inside(muni.ags, (cx, cy), x, y)
            planned = None
            if planned_year is not None:
                planned = day(rng, date(planned_year, 1, 1), date(planned_year, 12, 31))
            temp = day(rng, date(2025, 3, 1), date(2026, 9, 30)) if temp_shut else None
            rec = self.gen.base(
                rng,
                muni,
                xy=(x, y),
                net_kw=kw,
                status=status,
                commissioned=commissioned,
                planned=planned,
                shut_down=shut_down,
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

    def year(self, years: tuple[int, int]) -> int:
        """A commissioning year in ``years`` (older stock weighted by :data:`_STOCK_YEARS`)."""
        pool = [y for y in range(years[0], years[1] + 1)]
        return weighted(self.rng, pool, [_STOCK_YEARS.get(y, 1) for y in pool])

    def fill(
        self,
        muni: DemoMunicipality,
        total_kw: float,
        years: tuple[int, int],
        status: int,
        shut_down: Callable[[], date] | None = None,
    ) -> None:
        """Parks in ``muni`` whose turbines add up to exactly ``total_kw``.

        A rest smaller than any model of the year is added to the park's last
        turbine (below 500 kW) or becomes one turbine registered with that capacity.
        """
        rng = self.rng
        rest = round(total_kw, 3)
        while rest > 0:
            year = self.year(years)
            models = self.models(year)
            fitting = [t for t in models if t.kw <= rest]
            if fitting:
                model = rng.choice(fitting)
                n = min(int(rest // model.kw), rng.choice(_PARK_SIZES))
                ratings = [model.kw] * n
            else:
                model = min(models, key=lambda t: t.kw)
                ratings = [rest]
            rest = round(rest - sum(ratings), 3)
            if 0 < rest < 500:
                ratings[-1] = round(ratings[-1] + rest, 3)
                rest = 0.0
            kw = {"status": status}
            if status == PLANNED:
                kw["planned_year"] = year
            else:
                kw["year"] = year
            if shut_down is not None:
                kw["shut_down"] = shut_down()
            self.park(muni, model, ratings, **kw)

    def reference_fleet(self) -> float:
        """The parks behind the municipalities' real totals; returns kW active at the end of 2024
        that are not temporarily shut down."""
        rng = self.rng
        with_wind = [m for m in MUNICIPALITIES if m.kw_2024.get("wind_onshore", 0) > 0]
        # Two old turbines, temporarily shut down since 2025, in the largest wind municipality.
        largest = max(with_wind, key=lambda m: (m.kw_2024["wind_onshore"], m.ags))
        old = next(t for t in _TURBINES if t.model == "E-40/6.44")
        self.park(largest, old, [_TEMP_SHUT_KW] * 2, status=TEMP_SHUT, year=1998, temp_shut=True)
        active_2024 = 0.0
        for muni in MUNICIPALITIES:
            k21 = muni.kw_2021.get("wind_onshore", 0.0)
            k24 = muni.kw_2024.get("wind_onshore", 0.0)
            for kw, kind in phases(k21, k24):
                if muni is largest and kind == "stay":
                    kw = round(kw - 2 * _TEMP_SHUT_KW, 3)
                if kind == "stay":
                    self.fill(muni, kw, (1993, 2021), OPERATING)
                    active_2024 += kw
                elif kind == "gone":  # repowered between the cut-offs
                    self.fill(muni, kw, (1993, 2004), SHUT_DOWN,
                              shut_down=lambda: shutdown_2022_2024(rng))  # fmt: skip
                else:
                    self.fill(muni, kw, PHASE_YEARS["new"], OPERATING)
                    active_2024 += kw
        # Repowered 1990s parks shut down before 2021: in the register, in no total.
        for i in range(10):
            muni = with_wind[rng.randrange(len(with_wind))]
            year = rng.randint(1993, 1999)
            model = rng.choice([t for t in self.models(year) if t.kw <= 2000])
            shut = day(rng, date(2014, 1, 1), date(2021, 6, 30))
            self.park(muni, model, [model.kw] * (2 + i % 4), status=SHUT_DOWN, year=year,
                      shut_down=shut)  # fmt: skip
        return active_2024

    def records(self) -> list[dict[str, object]]:
        """All wind records: the reference fleet, later additions, planned parks."""
        rng = self.rng
        active = self.reference_fleet()
        with_wind = [m for m in MUNICIPALITIES if m.kw_2024.get("wind_onshore", 0) > 0]
        # Invented additions 2025-2026, up to exactly the operating target.
        rest = round(DEMO_WIND_OPERATING_KW - active, 3)
        while rest > 0:
            muni = with_wind[rng.randrange(len(with_wind))]
            part = rest if rest < 20_000 else round(rng.uniform(8_000, 20_000), -2)
            self.fill(muni, part, PHASE_YEARS["later"], OPERATING)
            rest = round(rest - part, 3)
        # Registered as planned, commissioning expected 2027-2029 (invented projects).
        rural = [m for m in MUNICIPALITIES if not m.is_town]
        rest = DEMO_WIND_PLANNED_KW
        while rest > 0:
            muni = weighted(rng, rural, [m.geometry.area for m in rural])
            part = rest if rest < 60_000 else round(rng.uniform(20_000, 60_000), -2)
            self.fill(muni, part, (2027, 2029), PLANNED)
            rest = round(rest - part, 3)
        return self.records_
