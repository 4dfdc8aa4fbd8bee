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


#: Units checked at once: the check streams the units in chunks of this many
#: rows, so its memory does not grow with the export (all of Germany: millions).
CHUNK_ROWS = 250_000


def check_coordinates(con: duckdb.DuckDBPyConnection, region_prefix: str) -> int:
    """Clear and report points outside the unit's municipality or the region; return how many."""
    munis = con.execute(
        f"SELECT municipality_key, geometry_wkb FROM {schema.MUNICIPALITIES.name} "
        "WHERE geometry_wkb IS NOT NULL"
    ).df()
    box = _box(con, region_prefix, loaded=not munis.empty)
    where = """
        WHERE u.latitude IS NOT NULL AND u.longitude IS NOT NULL
          AND u.carrier <> 'wind_offshore'
    """
    polygons = None
    if not munis.empty:
        # One projection for all chunks: centred on the median latitude of the
        # units whose own municipality is loaded (as if they were checked at once).
        own_lat = con.execute(
            f"""
            SELECT u.latitude FROM {schema.UNITS.name} u {where}
              AND u.municipality_key IN (
                  SELECT municipality_key FROM {schema.MUNICIPALITIES.name}
                  WHERE geometry_wkb IS NOT NULL)
            """
        ).fetchnumpy()["latitude"]
        if len(own_lat):
            polygons = _Polygons(munis, float(pd.Series(own_lat).median()))
    stream = con.sql(
        f"""
        SELECT u.unit_id_mastr, u.source, u.source_file, r.row_ref, u.municipality_key,
               u.latitude, u.longitude
        FROM {schema.UNITS.name} u LEFT JOIN _unit_refs r USING (unit_id_mastr) {where}
        """
    ).to_arrow_reader(CHUNK_ROWS)
    found = [f for batch in stream if not (f := _outside(batch.to_pandas(), polygons, box)).empty]
    if not found:
        return 0
    findings = pd.concat(found, ignore_index=True)
    con.register("_coord_findings", findings)
    con.execute(f"INSERT INTO {schema.REJECTED_ROWS.name} BY NAME SELECT * FROM _coord_findings")
    con.execute(
        f"""
        UPDATE {schema.UNITS.name} SET latitude = NULL, longitude = NULL
        WHERE unit_id_mastr IN (SELECT unit_id_mastr FROM _coord_findings)
        """
    )
    con.unregister("_coord_findings")
    return len(findings)


def _outside(
    units: pd.DataFrame,
    polygons: _Polygons | None,
    box: tuple[float, float, float, float],
) -> pd.DataFrame:
    """The findings for the units of one chunk whose point lies outside (may be empty)."""
    if units.empty:
        return units.iloc[:0]
    own = (
        units["municipality_key"].isin(polygons.keys)
        if polygons is not None
        else pd.Series(False, index=units.index)
    )
    outside = pd.Series(False, index=units.index)
    reason = pd.Series(pd.NA, index=units.index, dtype="string")
    if polygons is not None and own.any():
        far = polygons.far(units[own])
        outside[far.index[far]] = True
        reason[far.index[far]] = [
            f"coordinates more than {TOLERANCE_KM:g} km outside the unit's municipality {k}: "
            "coordinates cleared, unit kept (counted in its municipality)"
            for k in units.loc[far.index[far], "municipality_key"]
        ]
    lon0, lat0, lon1, lat1 = box
    rest = ~own
    out_box = rest & ~(
        units["longitude"].between(lon0, lon1) & units["latitude"].between(lat0, lat1)
    )
    outside |= out_box
    reason[out_box] = (
        f"coordinates outside the region's bounds ({lon0:.2f}–{lon1:.2f}° E, "
        f"{lat0:.2f}–{lat1:.2f}° N): coordinates cleared, unit kept (counted in its municipality)"
    )
    bad = units[outside]
    return pd.DataFrame(
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


class _Polygons:
    """The loaded municipalities' polygons on a local equirectangular projection (km)."""

    def __init__(self, munis: pd.DataFrame, median_latitude: float) -> None:
        import shapely

        self.kx = _KM_PER_DEG_LAT * np.cos(float(np.radians(median_latitude)))
        geoms = shapely.from_wkb([bytes(b) for b in munis["geometry_wkb"]])
        self.geoms = shapely.transform(geoms, self._to_km)
        self.by_key = dict(zip(munis["municipality_key"], range(len(geoms)), strict=True))
        self.keys = set(self.by_key)

    def _to_km(self, coords: np.ndarray) -> np.ndarray:
        return coords * np.array([self.kx, _KM_PER_DEG_LAT])

    def far(self, units: pd.DataFrame) -> pd.Series:
        """Per unit: lies more than the tolerance away from its own municipality's polygon."""
        import shapely

        polys = self.geoms[[self.by_key[k] for k in units["municipality_key"]]]
        xy = self._to_km(units[["longitude", "latitude"]].to_numpy(dtype=float))
        dist = shapely.distance(polys, shapely.points(xy))
        return pd.Series(dist > TOLERANCE_KM, index=units.index)
