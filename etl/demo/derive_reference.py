"""Derive the demo's real reference set from ``../shared/realdata`` (run by hand, output committed).

Usage (from the repository root)::

    python -m etl.demo.derive_reference [--realdata ../shared/realdata] \\
        [--out etl/demo/data/lup_reference.geojson]

Reads, as described in ``realdata/README.md`` and ``realdata/reference-figures/README.md``:

- ``vg5000_mv_2021.gpkg``, layer ``vg5000_gem``: the 142 municipalities of
  Ludwigslust-Parchim (AGS ``13076…``) with ARS, GEN, BEZ and geometry (EPSG:25832).
  VG5000 is already generalised (2,456 vertices for the district); the script
  only rounds the coordinates to whole metres. "© GeoBasis-DE / BKG 2021 (Daten verändert)".
- ``germanzero_population_2021_LUP_13076.csv``: population at 31.12.2021 (Destatis).
- ``germanzero_area_2021_LUP_13076.csv``: land area 2021 in hectares (Regionalstatistik 33111).
- ``germanzero_renewable_energy_{2021,2024}_LUP_13076.csv``: installed gross kW of PV,
  onshore wind, biomass and hydro at the 2021 and 2024 cut-offs (MaStR via GermanZero).

The 2021 file still lists seven keys of municipalities merged in 2019; their values
are added to the municipality that absorbed them (:data:`MERGED_2019`), so that
both cut-offs are on the 142 municipalities of the 2021 boundaries. The script
checks that the 142 municipalities sum to the district row of every file.

Writes one GeoJSON file (EPSG:25832, one feature per line, sorted by AGS) whose
features carry ``ags``, ``ars``, ``name``, ``bez``, ``population_2021``,
``land_area_ha_2021``, ``kw_2021`` and ``kw_2024`` (by carrier: ``solar``,
``wind_onshore``, ``biomass``, ``hydro``), plus a top-level ``reference`` member
with sources, attribution and the district rows. The same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

#: Default paths: the shared folder beside the checkout, the committed output.
REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdata"
OUTPUT = Path(__file__).resolve().parent / "data" / "lup_reference.geojson"
REGION = "13076"
CUTOFFS = {"2021": "2021-12-31", "2024": "2024-12-31"}
#: GermanZero column -> the project's carrier code.
CARRIERS = {"pv": "solar", "wind_on": "wind_onshore", "biomass": "biomass", "water": "hydro"}
#: Keys merged in 2019 that the 2021 capacity file still lists -> the municipality that
#: absorbed them (VG5000 ``WSK``; GermanZero spreads a merged set's capacity by population,
#: so members of one set have the same carrier shares, which confirms the pairs).
MERGED_2019 = {
    "13076095": "13076168",  # Marnitz, Suckow, Tessenow -> Ruhner Berge (2019-01-01)
    "13076132": "13076168",
    "13076137": "13076168",
    "13076123": "13076169",  # the two predecessors of Toddin (2019-05-26)
    "13076139": "13076169",
    "13076043": "13076089",  # -> Lübz (2019-05-26; same carrier shares as Lübz)
    "13076084": "13076046",  # -> Göhlen (2019-05-26; the last municipality with that date)
}
ATTRIBUTION = (
    "Grenzen: © GeoBasis-DE / BKG 2021 (Daten verändert); Einwohner 31.12.2021: "
    "© Statistisches Bundesamt (Destatis), 2022; Fläche: Statistische Ämter des Bundes und "
    "der Länder, Regionalstatistik 33111; installierte Leistung: Marktstammdatenregister "
    "© Bundesnetzagentur (über GermanZero localzero-data-public); alle dl-de/by-2-0"
)


def _read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["ags"]: row for row in csv.DictReader(fh)}


def _capacities(path: Path, keys: set[str]) -> tuple[dict[str, dict[str, float]], dict]:
    """kW by carrier for the 142 keys (merged keys folded in) and the district row."""
    rows = _read_csv(path)
    district = {CARRIERS[c]: float(v) for c, v in rows.pop(f"{REGION}000").items() if c != "ags"}
    out = {k: dict.fromkeys(CARRIERS.values(), 0.0) for k in keys}
    for ags, row in rows.items():
        target = MERGED_2019.get(ags, ags)
        if target not in out:
            raise ValueError(f"{path.name}: AGS {ags} is neither a municipality nor a known merger")
        for col, carrier in CARRIERS.items():
            out[target][carrier] += float(row[col])
    for carrier, total in district.items():
        summed = sum(v[carrier] for v in out.values())
        if abs(summed - total) > 1.0:
            raise ValueError(f"{path.name}: {carrier} sums to {summed:.3f} kW, district {total}")
    rounded = {k: {c: round(x, 3) for c, x in v.items()} for k, v in out.items()}
    return rounded, district


def _ring(coords) -> list[list[int]]:
    return [[round(x), round(y)] for x, y in coords]


def _geometry(geom) -> dict:
    """A MultiPolygon with coordinates rounded to whole metres."""
    from shapely.geometry import MultiPolygon

    polys = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    return {
        "type": "MultiPolygon",
        "coordinates": [
            [_ring(p.exterior.coords)] + [_ring(r.coords) for r in p.interiors] for p in polys
        ],
    }


def derive(realdata: Path, out: Path) -> dict:
    """Write the reference set from ``realdata`` to ``out``; returns a short summary."""
    import geopandas as gpd

    figures = realdata / "reference-figures"
    gdf = gpd.read_file(realdata / "vg5000_mv_2021.gpkg", layer="vg5000_gem")
    gdf = gdf[gdf["AGS"].str.startswith(REGION)].sort_values("AGS")
    keys = set(gdf["AGS"])
    population = _read_csv(figures / "germanzero_population_2021_LUP_13076.csv")
    area = _read_csv(figures / "germanzero_area_2021_LUP_13076.csv")
    kw, district = {}, {}
    for year in CUTOFFS:
        name = f"germanzero_renewable_energy_{year}_LUP_13076.csv"
        kw[year], district[year] = _capacities(figures / name, keys)
    features = []
    for row in gdf.itertuples():
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "ags": row.AGS,
                    "ars": row.ARS,
                    "name": row.GEN,
                    "bez": row.BEZ,
                    "population_2021": int(population[row.AGS]["total"]),
                    "land_area_ha_2021": int(area[row.AGS]["land_total"]),
                    "kw_2021": kw["2021"][row.AGS],
                    "kw_2024": kw["2024"][row.AGS],
                },
                "geometry": _geometry(row.geometry),
            }
        )
    reference = {
        "region": REGION,
        "municipalities": len(features),
        "cutoffs": CUTOFFS,
        "district_kw": district,
        "district_population_2021": int(population[f"{REGION}000"]["total"]),
        "district_land_area_ha_2021": int(area[f"{REGION}000"]["land_total"]),
        "attribution": ATTRIBUTION,
        "derived_by": "python -m etl.demo.derive_reference",
    }
    head = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "reference": reference,
    }
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1] + ', "features": [']
    lines += [
        json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + ","
        for f in features
    ]
    lines[-1] = lines[-1][:-1]
    lines.append("]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    area_km2 = float(gdf.area.sum()) / 1e6
    return {"municipalities": len(features), "area_km2": round(area_km2, 1), "out": str(out)}


def main(argv: list[str] | None = None) -> None:
    """Command-line entry: ``python -m etl.demo.derive_reference``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realdata", type=Path, default=REALDATA)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    print(derive(args.realdata, args.out))


if __name__ == "__main__":
    main()
