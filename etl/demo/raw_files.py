"""The demo's raw files in the real formats: MaStR bulk zip, VG250 GeoPackage, population CSV.

The GeoPackage and the population CSV carry real data (the reference set of
:mod:`etl.demo.geography`); the bulk zip's units are invented.

Each writer produces the same bytes on every run: the zip members and the
GeoPackage carry fixed timestamps.
"""

from __future__ import annotations

from pathlib import Path

from etl.demo.bulk_zip import write_bulk_zip
from etl.demo.constants import CRS_UTM, DEMO_EXTRACT_DATE, POPULATION_DATE
from etl.demo.geography import MUNICIPALITIES, Layout
from etl.demo.other_units import biomass_records, hydro_records, storage_records
from etl.demo.records import Generator
from etl.demo.solar import SolarFleet
from etl.demo.wind import WindFleet

#: Split parts of this many records, so that the demo has a repeated boundary record.
_ROWS_PER_PART = 5_000
#: Timestamp of the zip members: the night of the extract date.
_ZIP_TIMESTAMP = (DEMO_EXTRACT_DATE.year, DEMO_EXTRACT_DATE.month, DEMO_EXTRACT_DATE.day, 3, 12, 0)


def write_bulk(path: Path, gen: Generator) -> None:
    """The MaStR bulk export (``Gesamtdatenexport_*.zip``) with all demo units.

    The carriers draw their MaStR numbers from one generator, so their order
    here (storage first, then wind, solar, biomass, hydro) fixes the numbers.
    """
    storage_units, storage_plants = storage_records(gen)
    write_bulk_zip(
        path,
        {
            "wind": WindFleet(gen).records(),
            "solar": SolarFleet(gen).records(),
            "biomass": biomass_records(gen),
            "hydro": hydro_records(gen),
            "storage": storage_units,
            "storage_plants": storage_plants,
        },
        rows_per_file=_ROWS_PER_PART,
        date_time=_ZIP_TIMESTAMP,
    )


def write_boundaries(path: Path, layout: Layout) -> None:
    """Layer ``vg250_gem`` (EPSG:25832) with the VG250 columns and the real VG5000 boundaries."""
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import MultiPolygon

    rows, geoms = [], []
    for i, m in enumerate(MUNICIPALITIES, 1):
        shape = layout.shapes[m.ags]
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
            }
        )
    frame = gpd.GeoDataFrame(rows, geometry=geoms, crs=f"EPSG:{CRS_UTM}")
    # GeoPackages record a "last change" time: fix it so the file is byte-identical.
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{DEMO_EXTRACT_DATE}T03:12:00.000Z"})
    try:
        path.unlink(missing_ok=True)
        frame.to_file(path, layer="vg250_gem", driver="GPKG", engine="pyogrio")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def write_population(path: Path) -> None:
    """Population per municipality at 31.12.2021 (Destatis) as ``AGS;Einwohner;Stichtag``."""
    lines = ["AGS;Einwohner;Stichtag"]
    lines += [f"{m.ags};{m.population};{POPULATION_DATE.isoformat()}" for m in MUNICIPALITIES]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
