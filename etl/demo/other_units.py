"""Demo biomass, hydro and storage units.

Biomass 100 MW (with data-quality case 2, a latitude typo), hydro 2.3 MW on
the district's rivers, a few thousand home batteries and ~20 large batteries
(≈ 28 MW) plus planned ones; each storage unit has its ``AnlagenStromSpeicher``
record with the usable capacity in kWh.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from etl.demo.constants import (
    BATTERY,
    BIOMASS,
    COORDINATE_THRESHOLD_KW,
    DEMO_EXTRACT_DATE,
    HYDRO,
    LITHIUM,
    OPERATING,
    PLANNED,
    SEED,
    SHUT_DOWN,
    STORAGE,
    TEMP_SHUT,
)
from etl.demo.records import Generator, day, num, ordered, weighted

_BIOMASS_TOTAL_KW = 100_000.0
_BIOGAS_SIZES = (250, 265, 330, 400, 500, 526, 537, 550, 600, 637, 715, 800, 843, 999, 1_000,
                 1_200, 1_415, 1_560, 2_000, 2_400)  # fmt: skip


def biomass_records(gen: Generator) -> list[dict[str, object]]:
    """Biogas units, the wood-fired plant closing 100 MW, shut down units, quality case 2."""
    rng = random.Random(f"{SEED}-biomass")
    out: list[dict[str, object]] = []

    def unit(muni, kw, name, status=OPERATING, commissioned=None, shut=None, temp=None, xy=None):
        if xy is None:
            xy = gen.layout.sample_point(rng, muni.ags)[:2]
        rec = gen.base(rng, muni, xy=xy, net_kw=kw, status=status, commissioned=commissioned,
                       shut_down=shut, temp_shut=temp)  # fmt: skip
        rec.update(
            {
                "NichtVorhandenInMigriertenEinheiten": 0,
                "NameStromerzeugungseinheit": name,
                "Energietraeger": BIOMASS,
                "Bruttoleistung": num(kw),
                "Nettonennleistung": num(round(kw * 0.96, 1)),
                "EegMaStRNummer": gen.ids.new("EEG"),
            }
        )
        out.append(ordered("biomass", rec))
        return rec

    total = 0.0
    years = {y: (4 if 2004 <= y <= 2014 else 1) for y in range(1999, 2025)}
    for i in range(64):
        muni = gen.muni_weighted(rng, rural_weight=5.0, town_weight=1.0)
        kw = float(rng.choice(_BIOGAS_SIZES))
        year = weighted(rng, list(years), list(years.values()))
        name = rng.choice(("Biogasanlage", "BHKW", "BHKW Biogas", "Satelliten-BHKW")) + (
            f" {muni.name}" if i % 3 else " 1"
        )
        unit(muni, kw, name, commissioned=day(rng, date(year, 1, 1), date(year, 12, 31)))
        total += kw
    # Quality case 2: latitude typo (48.x instead of 53.x): far outside the district.
    karrenzin = gen.by_ags["13076068"]
    rec = unit(karrenzin, 550.0, "Biogasanlage Karrenzin", commissioned=date(2010, 9, 1))
    out[-1]["Breitengrad"] = num(float(str(rec["Breitengrad"])) - 5.0, 6)
    total += 550.0
    # The district's wood-fired plant closes the total to 100 MW.
    rest = _BIOMASS_TOTAL_KW - total
    if not 5_000 <= rest <= 60_000:
        raise RuntimeError(f"demo biomass cannot be closed with {rest} kW")
    unit(gen.by_ags["13076060"], rest, "Biomasseheizkraftwerk Hagenow",
         commissioned=date(2006, 11, 2))  # fmt: skip
    for _ in range(5):  # shut down after the end of EEG payments
        muni = gen.muni_weighted(rng, rural_weight=5.0, town_weight=1.0)
        commissioned = day(rng, date(1999, 1, 1), date(2004, 12, 31))
        unit(muni, float(rng.choice(_BIOGAS_SIZES[:10])), f"BHKW {muni.name} alt",
             status=SHUT_DOWN, commissioned=commissioned,
             shut=day(rng, date(2020, 1, 1), date(2026, 6, 30)))  # fmt: skip
    unit(gen.by_ags["13076166"], 537.0, "Biogasanlage Ganzlin 2", status=TEMP_SHUT,
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


def hydro_records(gen: Generator) -> list[dict[str, object]]:
    """The run-of-river plants of :data:`_HYDRO_PLANTS`."""
    rng = random.Random(f"{SEED}-hydro")
    out = []
    for ags, name, kw, year in _HYDRO_PLANTS:
        muni = gen.by_ags[ags]
        xy = gen.layout.sample_point(rng, ags)[:2]
        commissioned = day(rng, date(year, 1, 1), date(year, 12, 31))
        rec = gen.base(rng, muni, xy=xy, net_kw=kw, status=OPERATING, commissioned=commissioned)
        rec.update(
            {
                "NameStromerzeugungseinheit": name,
                "Energietraeger": HYDRO,
                "Bruttoleistung": num(kw),
                "Nettonennleistung": num(kw),
                "NameKraftwerk": name,
                "EegMaStRNummer": gen.ids.new("EEG"),
            }
        )
        out.append(ordered("hydro", rec))
    return sorted(out, key=lambda r: str(r["EinheitMastrNummer"]))


_HOME_BATTERIES = 3_400
#: Large batteries in operation (kW, hours of storage); ≈ 28 MW in total.
_LARGE_BATTERIES = (
    4_000, 3_500, 2_800, 2_500, 2_000, 2_000, 1_800, 1_500, 1_250, 1_200,
    1_000, 1_000, 800, 750, 600, 500, 500, 400, 250, 200,
)  # fmt: skip
_PLANNED_BATTERIES = (25_000, 20_000, 15_000, 12_500, 10_000)


def storage_records(gen: Generator) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Battery units and their storage plant records (usable capacity in kWh)."""
    rng = random.Random(f"{SEED}-storage")
    units: list[dict[str, object]] = []
    plants: list[dict[str, object]] = []

    def unit(muni, kw, kwh, name, status=OPERATING, commissioned=None, planned=None, xy=None):
        if xy is None and kw >= COORDINATE_THRESHOLD_KW:
            xy = gen.layout.sample_point(rng, muni.ags)[:2]
        plant_id = gen.ids.new("SSE")
        rec = gen.base(rng, muni, xy=xy, net_kw=kw, status=status, commissioned=commissioned,
                       planned=planned)  # fmt: skip
        rec.update(
            {
                "NameStromerzeugungseinheit": name,
                "Energietraeger": STORAGE,
                "Bruttoleistung": num(kw),
                "Nettonennleistung": num(kw),
                "Batterietechnologie": LITHIUM,
                "SpeMastrNummer": plant_id,
                "Technologie": BATTERY,
            }
        )
        units.append(ordered("storage", rec))
        plants.append(
            ordered(
                "storage_plants",
                {
                    "MaStRNummer": plant_id,
                    "Registrierungsdatum": rec["Registrierungsdatum"],
                    "DatumLetzteAktualisierung": rec["DatumLetzteAktualisierung"],
                    "NutzbareSpeicherkapazitaet": num(kwh),
                    "VerknuepfteEinheitenMaStRNummern": rec["EinheitMastrNummer"],
                    "AnlageBetriebsstatus": status,
                },
            )
        )

    years = {2014: 1, 2015: 1, 2016: 2, 2017: 2, 2018: 3, 2019: 4, 2020: 6, 2021: 8, 2022: 11,
             2023: 16, 2024: 15, 2025: 13, 2026: 10}  # fmt: skip
    for _ in range(_HOME_BATTERIES):
        muni = gen.muni_by_population(rng)
        year = weighted(rng, list(years), list(years.values()))
        end = date(year, 12, 31) if year < 2026 else DEMO_EXTRACT_DATE - timedelta(days=15)
        kwh = rng.choice((5.0, 5.8, 6.5, 7.7, 8.2, 9.6, 10.0, 10.24, 11.5, 12.8, 15.36, 20.0))
        kw = round(min(12.0, max(3.0, kwh * rng.uniform(0.45, 0.8))), 1)
        name = rng.choice(("Batteriespeicher", "Stromspeicher", "Heimspeicher", "PV-Speicher"))
        unit(muni, kw, kwh, name, commissioned=day(rng, date(year, 1, 1), end))
    for kw in _LARGE_BATTERIES:
        muni = gen.muni_weighted(rng, rural_weight=2.0, town_weight=2.0)
        hours = rng.choice((1.0, 1.0, 1.5, 2.0))
        commissioned = day(rng, date(2019, 1, 1), date(2026, 8, 31))
        name = f"{rng.choice(('Batteriespeicher', 'Großbatteriespeicher', 'BESS'))} {muni.name}"
        unit(muni, float(kw), kw * hours, name, commissioned=commissioned)
    for kw in _PLANNED_BATTERIES:
        muni = gen.muni_weighted(rng, rural_weight=2.0, town_weight=1.0)
        planned = day(rng, date(2027, 1, 1), date(2028, 6, 30))
        unit(muni, float(kw), kw * 2.0, f"Großbatteriespeicher {muni.name}", status=PLANNED,
             planned=planned)  # fmt: skip
    units.sort(key=lambda r: str(r["EinheitMastrNummer"]))
    plants.sort(key=lambda r: str(r["MaStRNummer"]))
    return units, plants
