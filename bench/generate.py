"""Generate benchmark inputs: MaStR bulk export zips of a given number of units.

The zips are written by :func:`etl.demo.bulk_zip.write_bulk_zip`, so they
have the real format (UTF-16 LE members of about 100,000 records, split parts
with the repeated boundary record, ``Katalogwerte.xml``). Records carry the
elements a real record has (about 40 for PV), mostly PV plus wind, biomass,
hydro and storage, and about 1 % of the units lie in Ludwigslust-Parchim
(``Gemeindeschluessel`` 13076…), at most about 10,000 (the district of the
10^6 zip keeps its size in larger zips). Generated zips are cached by size.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from etl.demo.bulk_zip import write_bulk_zip

#: Share of units per member kind: roughly the real register (about 6 million
#: units, three quarters PV, a fifth home and grid batteries, few wind, biomass
#: and hydro units); wind is 1 % here against about 0.5 % in reality.
MIX = {"solar": 0.78, "storage": 0.20, "wind": 0.01, "biomass": 0.007, "hydro": 0.003}
#: Bump when the generated content changes: cached zips of other versions are ignored.
VERSION = 2
#: Share of units in the district 13076 up to 10^6 units; above that the district
#: keeps the size it has at 10^6 (about 10,000 units), so that the region build's
#: memory can be compared across sizes with a district of the same size.
REGION_SHARE = 0.01
REGION_UNITS_MAX = 10_000
REGION = "13076"
_OTHER_DISTRICTS = (
    "01001", "02000", "03241", "05315", "06412", "07111", "08111", "09162", "09564",
    "10041", "11000", "12054", "13003", "13071", "13072", "13074", "14612", "15003",
    "16051", "05913", "08221", "09184", "03459", "05111",
)  # fmt: skip
_PREFIX = {"wind": "SEE9", "solar": "SEE8", "biomass": "SEE7", "hydro": "SEE6", "storage": "SEE5"}
_ENERGY = {"wind": 2497, "solar": 2495, "biomass": 2493, "hydro": 2498, "storage": 2496}
_STATUS = (35, 35, 35, 35, 35, 35, 35, 35, 31, 37, 38)
_STREETS = ("Hauptstraße", "Dorfstraße", "Am Windpark", "Schulweg", "Lindenallee", "Feldweg")
_PLACES = ("Parchim", "Ludwigslust", "Hagenow", "Lübz", "Crivitz", "München", "Köln", "Kiel")


def zip_path(work_dir: Path, n_units: int) -> Path:
    """Where the cached zip for ``n_units`` lives."""
    return work_dir / f"n{n_units}-v{VERSION}" / "Gesamtdatenexport_20261121_25.2.zip"


def counts(n_units: int) -> dict[str, int]:
    """Units per kind for a total of ``n_units``."""
    out = {k: int(n_units * share) for k, share in MIX.items()}
    out["solar"] += n_units - sum(out.values())
    return out


def _common(rng: random.Random, kind: str, i: int, in_region: bool) -> dict[str, object]:
    if in_region:
        key = f"{REGION}{rng.randrange(1, 150):03d}"
        lat, lon = 53.1 + rng.random() * 0.7, 10.6 + rng.random() * 1.7
    else:
        key = f"{rng.choice(_OTHER_DISTRICTS)}{rng.randrange(1, 400):03d}"
        lat, lon = 47.5 + rng.random() * 7.5, 6.0 + rng.random() * 8.5
    status = rng.choice(_STATUS)
    big = kind != "solar" or rng.random() < 0.1
    gross = round(rng.uniform(1000, 6000), 1) if kind == "wind" else round(rng.uniform(2, 40), 3)
    if kind == "solar" and big:
        gross = round(rng.uniform(30, 20000), 3)
    year = rng.randrange(2000, 2026)
    rec: dict[str, object] = {
        "EinheitMastrNummer": f"{_PREFIX[kind]}{i:011d}",
        "DatumLetzteAktualisierung": f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        f"T{rng.randrange(24):02d}:{rng.randrange(60):02d}:05.1746875",
        "LokationMaStRNummer": f"SEL{i:012d}",
        "NetzbetreiberpruefungStatus": 2954,
        "NetzbetreiberpruefungDatum": f"{year}-06-01",
        "AnlagenbetreiberMastrNummer": f"ABR{rng.randrange(10**12):012d}",
        "Land": 84,
        "Bundesland": 1407 if key.startswith("13") else 1400 + rng.randrange(16),
        "Landkreis": "Ludwigslust-Parchim" if in_region else "Landkreis Irgendwo",
        "Gemeinde": rng.choice(_PLACES),
        "Gemeindeschluessel": key,
        "Postleitzahl": f"{rng.randrange(1000, 99999):05d}",
        "Gemarkung": "Gemarkung Test" if big else None,
        "FlurFlurstuecknummern": "Flur 1, Flurstück 12/3" if big else None,
        "Strasse": rng.choice(_STREETS) if big else None,
        "Hausnummer": str(rng.randrange(1, 120)) if big else None,
        "Hausnummer_nv": 0 if big else 1,
        "HausnummerNichtGefunden": 0,
        "Ort": rng.choice(_PLACES),
        "Laengengrad": round(lon, 6) if big else None,
        "Breitengrad": round(lat, 6) if big else None,
        "Registrierungsdatum": f"{year}-02-11",
        "Inbetriebnahmedatum": f"{year}-{rng.randrange(1, 13):02d}-15" if status != 31 else None,
        "GeplantesInbetriebnahmedatum": "2027-06-30" if status == 31 else None,
        "DatumEndgueltigeStilllegung": "2024-12-31" if status == 38 else None,
        "DatumBeginnVoruebergehendeStilllegung": "2024-06-01" if status == 37 else None,
        "EinheitSystemstatus": 472,
        "EinheitBetriebsstatus": status,
        "NichtVorhandenInMigriertenEinheiten": 0,
        "NameStromerzeugungseinheit": f"{kind.capitalize()} {rng.choice(_PLACES)} {i}",
        "Weic_nv": 1,
        "Kraftwerksnummer_nv": 1,
        "Energietraeger": _ENERGY[kind],
        "Bruttoleistung": gross,
        "Nettonennleistung": round(gross * 0.95, 3),
        "AnschlussAnHoechstOderHochSpannung": 0,
        "FernsteuerbarkeitNb": 1 if big else None,
        "Einspeisungsart": 689,
        "GenMastrNummer": f"SGE{i:012d}" if kind == "wind" else None,
    }
    return rec


def region_share(n_units: int) -> float:
    """Share of the units in 13076: 1 %, but at most :data:`REGION_UNITS_MAX` units in all."""
    return min(REGION_SHARE, REGION_UNITS_MAX / n_units) if n_units else REGION_SHARE


def _records(kind: str, n: int, seed: int, share: float) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    for i in range(1, n + 1):
        in_region = rng.random() < share
        rec = _common(rng, kind, i, in_region)
        if kind == "wind":
            rec.update(
                {
                    "NameWindpark": f"Windpark {rec['Gemeinde']}",
                    "WindAnLandOderAufSee": 888,
                    "Hersteller": rng.choice((1586, 1660, 1627, 1001679)),
                    "Technologie": 2480,
                    "Typenbezeichnung": rng.choice(("E-138 EP3", "V150-4.2", "N149/5.X")),
                    "Nabenhoehe": rng.choice((99.0, 131.0, 149.0, 166.0)),
                    "Rotordurchmesser": rng.choice((115.7, 138.25, 149.1, 150.0)),
                    "Nachtkennzeichnung": 1,
                    "Buergerenergie": 0,
                }
            )
        elif kind == "solar":
            rec.update(
                {
                    "ZugeordneteWirkleistungWechselrichter": rec["Bruttoleistung"],
                    "AnzahlModule": rng.randrange(4, 400),
                    "ArtDerSolaranlage": rng.choice((853, 853, 853, 852, 2484, 2961)),
                    "Leistungsbegrenzung": 802,
                    "EinheitlicheAusrichtungUndNeigungswinkel": 1,
                    "Hauptausrichtung": 699,
                    "HauptausrichtungNeigungswinkel": 809,
                    "Nutzungsbereich": 713,
                    "Buergerenergie": 0,
                }
            )
        elif kind == "biomass":
            rec.update({"Hauptbrennstoff": 2490, "Biomasseart": 2489, "Technologie": 2398})
        elif kind == "hydro":
            rec.update({"NameKraftwerk": f"Wasserkraft {i}", "ArtDerWasserkraftanlage": 1110})
        elif kind == "storage":
            rec.update(
                {
                    "Einsatzort": 1438,
                    "AcDcKoppelung": 1424,
                    "Batterietechnologie": 727,
                    "SpeMastrNummer": f"SSE{i:012d}",
                    "Technologie": 524,
                }
            )
        rec["EegMaStRNummer"] = f"EEG{i:012d}" if kind != "storage" else None
        yield rec


def _plants(n: int, seed: int) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    for i in range(1, n + 1):
        yield {
            "MaStRNummer": f"SSE{i:012d}",
            "Registrierungsdatum": "2023-02-11",
            "DatumLetzteAktualisierung": "2025-03-01T10:00:00.1234567",
            "NutzbareSpeicherkapazitaet": round(rng.uniform(4, 30), 3),
            "VerknuepfteEinheitenMaStRNummern": f"SEE5{i:011d}",
            "AnlageBetriebsstatus": 35,
        }


def generate(work_dir: Path, n_units: int, *, force: bool = False) -> Path:
    """Write (or reuse) the benchmark zip with ``n_units`` units; returns its path."""
    path = zip_path(work_dir, n_units)
    if path.exists() and not force:
        return path
    tmp = path.with_name(path.name + ".part")
    per_kind = counts(n_units)
    records: dict[str, object] = {
        kind: _records(kind, n, sorted(MIX).index(kind) * 7919 + n_units, region_share(n_units))
        for kind, n in per_kind.items()
    }
    records["storage_plants"] = _plants(per_kind["storage"], seed=n_units)
    write_bulk_zip(tmp, records, rows_per_file=100_000)  # type: ignore[arg-type]
    tmp.rename(path)
    return path
