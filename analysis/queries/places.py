"""Finding a municipality: its postcodes (from the units' Postleitzahl) and its neighbours.

Both are derived from the build, not from a postcode register:

- a municipality's postcodes are the MaStR ``Postleitzahl`` values of the units
  registered in it (:data:`POSTCODE_MIN_UNITS`, :data:`POSTCODE_MIN_SHARE`
  keep out stray or mistyped entries). A postcode can belong to several
  municipalities and a municipality without units has none; the search says
  "PLZ" next to the name, never that this is the municipality's only postcode;
- neighbours are the municipalities whose boundary touches (within
  :data:`NEIGHBOUR_TOLERANCE_DEG`) the municipality's boundary in
  ``core_bkg__municipalities``.
"""

from __future__ import annotations

import functools

from shapely.geometry import shape
from shapely.strtree import STRtree

from analysis.db import query
from analysis.queries.build import municipality_geojson

#: A postcode is listed for a municipality from this many units with it there …
POSTCODE_MIN_UNITS = 2
#: … that are at least this share of all units of the region with that postcode.
POSTCODE_MIN_SHARE = 0.05
#: Gap (degrees, about 30 m) still counted as a shared border: generalised
#: boundaries (VG250, VG5000) do not always meet exactly.
NEIGHBOUR_TOLERANCE_DEG = 0.0003


def municipality_postcodes(db: str) -> dict[str, tuple[str, ...]]:
    """AGS → the postcodes its units carry (most units first); see the module docstring."""
    df = query(
        db,
        """
        WITH n AS (
            SELECT municipality_key, postcode, count(*) AS units
            FROM core_mastr__units
            WHERE postcode IS NOT NULL AND municipality_key IS NOT NULL
            GROUP BY ALL
        )
        SELECT municipality_key, postcode, units,
               units / sum(units) OVER (PARTITION BY postcode) AS share
        FROM n ORDER BY municipality_key, units DESC, postcode
        """,
    )
    keep = df[(df["units"] >= POSTCODE_MIN_UNITS) & (df["share"] >= POSTCODE_MIN_SHARE)]
    out: dict[str, tuple[str, ...]] = {}
    for key, group in keep.groupby("municipality_key", sort=False):
        out[str(key)] = tuple(str(p) for p in group["postcode"])
    return out


@functools.lru_cache(maxsize=4)
def _adjacency(db: str) -> dict[str, tuple[str, ...]]:
    """AGS → the AGS of the municipalities sharing a border with it (for one build)."""
    features = municipality_geojson(db)["features"]
    keys = [str(f["id"]) for f in features]
    shapes = [shape(f["geometry"]) for f in features]
    tree = STRtree(shapes)
    out: dict[str, tuple[str, ...]] = {}
    for key, geom in zip(keys, shapes, strict=True):
        near = tree.query(geom.buffer(NEIGHBOUR_TOLERANCE_DEG), predicate="intersects")
        out[key] = tuple(sorted(keys[i] for i in near if keys[i] != key))
    return out


def neighbours(db: str, key: str) -> tuple[str, ...]:
    """The AGS of the municipalities bordering ``key`` (empty without boundaries)."""
    return _adjacency(db).get(key, ())
