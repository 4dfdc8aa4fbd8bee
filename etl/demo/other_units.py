"""Demo biomass, hydro and storage units.

Biomass and hydro units add up to each municipality's real totals at the 2021
and 2024 cut-offs (reference set; biomass with data-quality case 2, a latitude
typo). Storage is not in the reference: a few thousand home batteries drawn by
population and ~20 large batteries (≈ 28 MW) plus planned ones, all invented;
each storage unit has its ``AnlagenStromSpeicher`` record with the usable
capacity in kWh.
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
from etl.demo.geography import MUNICIPALITIES
from etl.demo.records import (
    Generator,
    day,
    in_year,
    num,
    ordered,
    phases,
    shutdown_2022_2024,
    split_exact,
    weighted,
)

_BIOGAS_SIZES = (75, 150, 250, 265, 330, 400, 500, 526, 537, 550, 600, 637, 715, 800, 843,
                 999, 1_000, 1_200, 1_415, 1_560, 2_000, 2_400)  # fmt: skip
_BIOMASS_NAMES = ("Biogasanlage", "BHKW", "BHKW Biogas", "Satelliten-BHKW")
_PHASE_YEARS = {"stay": (1999, 2021), "gone": (1999, 2008), "new": (2022, 2024)}


def _plant_sizes(rng: random.Random, total_kw: float, sizes: tuple[float, ...]) -> list[float]:
    """Plant sizes from ``sizes`` adding up to exactly ``total_kw`` (the last takes the rest)."""

    def draw(rest: float) -> float:
        fitting = [x for x in sizes if x <= rest]
        return float(rng.choice(fitting)) if fitting else rest

    return split_exact(total_kw, draw)


def biomass_records(gen: Generator) -> list[dict[str, object]]:
    """Biomass units adding up to each municipality's real totals; quality case 2; shutdowns."""
    rng = random.Random(f"{SEED}-biomass")
    out: list[dict[str, object]] = []
    seq = iter(range(1, 10_000))

    def unit(muni, kw, status=OPERATING, commissioned=None, shut=None, temp=None):
        xy = gen.layout.sample_point(rng, muni.ags)
        name = f"{rng.choice(_BIOMASS_NAMES)} Demo {next(seq):03d}"
        rec = gen.base(rng, muni, xy=xy, net_kw=round(kw * 0.96, 3), status=status,
                       commissioned=commissioned, shut_down=shut, temp_shut=temp)  # fmt: skip
        rec.update(
            {
                "NichtVorhandenInMigriertenEinheiten": 0,
                "NameStromerzeugungseinheit": name,
                "Energietraeger": BIOMASS,
                "Bruttoleistung": num(kw),
                "Nettonennleistung": num(round(kw * 0.96, 3)),
                "EegMaStRNummer": gen.ids.new("EEG"),
            }
        )
        out.append(ordered("biomass", rec))
        return out[-1]

    typo_done = temp_done = False
    for muni in MUNICIPALITIES:
        for total, phase in phases(muni.kw_2021["biomass"], muni.kw_2024["biomass"]):
            y0, y1 = _PHASE_YEARS[phase]
            for kw in _plant_sizes(rng, total, _BIOGAS_SIZES):
                commissioned = in_year(rng, rng.randint(y0, y1))
                if phase == "gone":
                    unit(muni, kw, SHUT_DOWN, commissioned, shut=shutdown_2022_2024(rng))
                    continue
                rec = unit(muni, kw, commissioned=commissioned)
                if not typo_done and phase == "stay" and kw >= 500:
                    # Quality case 2: latitude typo (48.x instead of 53.x), far outside.
                    rec["Breitengrad"] = num(float(str(rec["Breitengrad"])) - 5.0, 6)
                    typo_done = True
                elif not temp_done and phase == "stay" and kw >= 500 and muni.ags > "13076100":
                    rec["EinheitBetriebsstatus"] = TEMP_SHUT
                    rec["DatumBeginnVoruebergehendeStilllegung"] = "2026-02-01"
                    rec["DatumLetzteAktualisierung"] = "2026-02-03T09:15:00.0000000"
                    out[-1] = ordered("biomass", rec)
                    temp_done = True
    # Shut down after the end of EEG payments, before 2021: in the register, in no total.
    with_biomass = [m for m in MUNICIPALITIES if m.kw_2021["biomass"] > 0]
    for _ in range(5):
        muni = with_biomass[rng.randrange(len(with_biomass))]
        commissioned = day(rng, date(1999, 1, 1), date(2000, 12, 31))
        unit(muni, float(rng.choice(_BIOGAS_SIZES[:10])), SHUT_DOWN, commissioned,
             shut=day(rng, date(2020, 1, 1), date(2021, 6, 30)))  # fmt: skip
    return sorted(out, key=lambda r: str(r["EinheitMastrNummer"]))


_HYDRO_SIZES = (50.0, 75.0, 110.0, 150.0, 190.0, 250.0, 360.0)


def hydro_records(gen: Generator) -> list[dict[str, object]]:
    """Run-of-river plants adding up to each municipality's real hydro totals."""
    rng = random.Random(f"{SEED}-hydro")
    out = []
    seq = iter(range(1, 100))
    for muni in MUNICIPALITIES:
        for total, phase in phases(muni.kw_2021["hydro"], muni.kw_2024["hydro"]):
            for kw in _plant_sizes(rng, total, _HYDRO_SIZES):
                name = f"Demo-Wasserkraftanlage {next(seq):02d}"
                xy = gen.layout.sample_point(rng, muni.ags)
                years = {"stay": (1992, 2021), "gone": (1992, 2005), "new": (2022, 2024)}[phase]
                commissioned = in_year(rng, rng.randint(*years))
                shut = shutdown_2022_2024(rng) if phase == "gone" else None
                rec = gen.base(rng, muni, xy=xy, net_kw=kw,
                               status=SHUT_DOWN if shut else OPERATING,
                               commissioned=commissioned, shut_down=shut)  # fmt: skip
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
            xy = gen.layout.sample_point(rng, muni.ags)
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
        name = f"{rng.choice(('Batteriespeicher', 'Großbatteriespeicher', 'BESS'))} Demo {kw}"
        unit(muni, float(kw), kw * hours, name, commissioned=commissioned)
    for i, kw in enumerate(_PLANNED_BATTERIES):
        muni = gen.muni_weighted(rng, rural_weight=2.0, town_weight=1.0)
        planned = day(rng, date(2027, 1, 1), date(2028, 6, 30))
        unit(muni, float(kw), kw * 2.0, f"Demo-Speicherprojekt {chr(65 + i)}", status=PLANNED,
             planned=planned)  # fmt: skip
    units.sort(key=lambda r: str(r["EinheitMastrNummer"]))
    plants.sort(key=lambda r: str(r["MaStRNummer"]))
    return units, plants
