"""Checking each unit's point against its own municipality (or the region's bounds).

With boundaries loaded, a unit whose municipality is loaded must lie within
:data:`TOLERANCE_KM` of that municipality's polygon; a unit whose municipality
is not loaded, or any unit when no boundaries are loaded, must lie within the
region's bounding box (:func:`etl.region.region_bounds`, or the loaded
municipalities' box). A point outside is cleared and reported with file,
record (element or CSV row) and MaStR unit number. Vectorised with shapely on
a local equirectangular projection (km), so the check stays well under a
second for the district.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from etl import schema
from etl.region import region_bounds

#: How far (km) a point may lie outside its own municipality's polygon.
TOLERANCE_KM = 1.0
#: Margin (degrees) around a bounding box before a point counts as outside.
BOX_MARGIN_DEG = 0.05
_KM_PER_DEG_LAT = 110.574


def check_coordinates(con: duckdb.DuckDBPyConnection, region_prefix: str) -> int:
    """Clear and report points outside the unit's municipality or the region; return how many."""
    units = con.execute(
        f"""
        SELECT u.unit_id_mastr, u.source, u.source_file, r.row_ref, u.municipality_key,
               u.latitude, u.longitude
        FROM {schema.UNITS.name} u LEFT JOIN _unit_refs r USING (unit_id_mastr)
        WHERE u.latitude IS NOT NULL AND u.longitude IS NOT NULL
          AND u.carrier <> 'wind_offshore'
        """
    ).df()
    if units.empty:
        return 0
    munis = con.execute(
        f"SELECT municipality_key, geometry_wkb FROM {schema.MUNICIPALITIES.name} "
        "WHERE geometry_wkb IS NOT NULL"
    ).df()
    own = units["municipality_key"].isin(set(munis["municipality_key"]))
    outside = pd.Series(False, index=units.index)
    reason = pd.Series(pd.NA, index=units.index, dtype="string")
    if own.any():
        far = _far_from_own(units[own], munis)
        outside[far.index[far]] = True
        reason[far.index[far]] = [
            f"coordinates more than {TOLERANCE_KM:g} km outside the unit's municipality {k}: "
            "coordinates cleared, unit kept (counted in its municipality)"
            for k in units.loc[far.index[far], "municipality_key"]
        ]
    lon0, lat0, lon1, lat1 = _box(con, region_prefix, loaded=not munis.empty)
    rest = ~own
    out_box = rest & ~(
        units["longitude"].between(lon0, lon1) & units["latitude"].between(lat0, lat1)
    )
    outside |= out_box
    reason[out_box] = (
        f"coordinates outside the region's bounds ({lon0:.2f}–{lon1:.2f}° E, "
        f"{lat0:.2f}–{lat1:.2f}° N): coordinates cleared, unit kept (counted in its municipality)"
    )
    if not outside.any():
        return 0
    bad = units[outside]
    findings = pd.DataFrame(
        {
            "source": bad["source"],
            "source_file": bad["source_file"],
            "row_ref": bad["row_ref"],
            "unit_id_mastr": bad["unit_id_mastr"],
            "record_id": bad["unit_id_mastr"],
            "field": "latitude/longitude",
            "raw_value": [
                f"{la:.6f}, {lo:.6f}"
                for la, lo in zip(bad["latitude"], bad["longitude"], strict=True)
            ],
            "action": "field_cleared",
            "reason": reason[outside],
        }
    ).astype("string")
    con.register("_coord_findings", findings)
    con.execute(f"INSERT INTO {schema.REJECTED_ROWS.name} BY NAME SELECT * FROM _coord_findings")
    con.execute(
        f"""
        UPDATE {schema.UNITS.name} SET latitude = NULL, longitude = NULL
        WHERE unit_id_mastr IN (SELECT unit_id_mastr FROM _coord_findings)
        """
    )
    con.unregister("_coord_findings")
    return len(bad)


def _box(
    con: duckdb.DuckDBPyConnection, prefix: str, *, loaded: bool
) -> tuple[float, float, float, float]:
    """The loaded municipalities' box when there are any, else the region's known box."""
    box = region_bounds(prefix)
    if loaded:
        row = con.execute(
            f"SELECT min(min_longitude), min(min_latitude), max(max_longitude), "
            f"max(max_latitude) FROM {schema.MUNICIPALITIES.name}"
        ).fetchall()[0]
        if row[0] is not None:
            box = row
    m = BOX_MARGIN_DEG
    return (box[0] - m, box[1] - m, box[2] + m, box[3] + m)


def _far_from_own(units: pd.DataFrame, munis: pd.DataFrame) -> pd.Series:
    """Per unit: lies more than the tolerance away from its own municipality's polygon."""
    import shapely

    lat0 = float(np.radians(units["latitude"].median()))
    kx = _KM_PER_DEG_LAT * np.cos(lat0)

    def to_km(coords: np.ndarray) -> np.ndarray:
        return coords * np.array([kx, _KM_PER_DEG_LAT])

    geoms = shapely.from_wkb([bytes(b) for b in munis["geometry_wkb"]])
    geoms = shapely.transform(geoms, to_km)
    by_key = dict(zip(munis["municipality_key"], range(len(geoms)), strict=True))
    polys = geoms[[by_key[k] for k in units["municipality_key"]]]
    points = shapely.points(to_km(units[["longitude", "latitude"]].to_numpy(dtype=float)))
    dist = shapely.distance(polys, points)
    return pd.Series(dist > TOLERANCE_KM, index=units.index)
