"""The demo's municipalities: the 142 real municipalities of Ludwigslust-Parchim.

Read from the committed reference set ``etl/demo/data/lup_reference.geojson``
(derived from ``../shared/realdata`` by :mod:`etl.demo.derive_reference`):
real keys, names, boundaries (BKG VG5000, EPSG:25832), population at 31.12.2021
and installed capacity per carrier at the 2021 and 2024 cut-offs. Postcodes are
invented from a short list of real ones (the nearest listed town's), since the
units that carry them are invented too.
"""

from __future__ import annotations

import functools
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from etl.demo.constants import CRS_UTM

if TYPE_CHECKING:
    from pyproj import Transformer

REFERENCE_FILE = Path(__file__).resolve().parent / "data" / "lup_reference.geojson"
#: The reference set's carriers (GermanZero covers these four).
REFERENCE_CARRIERS = ("solar", "wind_onshore", "biomass", "hydro")
#: Real postcodes of a few places; every other municipality gets its nearest one's.
_POSTCODES = {
    "13076108": "19370", "13076090": "19288", "13076060": "19230", "13076014": "19258",
    "13076105": "19306", "13076152": "19243", "13076089": "19386", "13076114": "19395",
    "13076050": "19300", "13076159": "19246", "13076025": "19089", "13076088": "19249",
    "13076128": "19406", "13076048": "19399", "13076034": "19303", "13076020": "19412",
    "13076142": "19260", "13076166": "19395", "13076049": "19294", "13076118": "19077",
    "13076005": "19079", "13076126": "19372", "13076164": "19374", "13076001": "19288",
    "13076113": "19086", "13076136": "19273", "13076130": "19073", "13076107": "19075",
}  # fmt: skip


@dataclass(frozen=True)
class DemoMunicipality:
    """A real municipality of Ludwigslust-Parchim with its reference figures."""

    ags: str
    ars: str
    name: str
    bez: str  # "Stadt" or "Gemeinde"
    population: int
    postcode: str
    kw_2021: dict[str, float] = field(default_factory=dict, compare=False)
    kw_2024: dict[str, float] = field(default_factory=dict, compare=False)
    geometry: object = field(default=None, compare=False, repr=False)  # shapely, EPSG:25832

    @property
    def is_town(self) -> bool:
        """True for a town (``Stadt``)."""
        return self.bez == "Stadt"


@functools.cache
def reference() -> dict:
    """The committed reference set (GeoJSON as a dict)."""
    return json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


def _load() -> tuple[DemoMunicipality, ...]:
    from shapely.geometry import shape

    feats = reference()["features"]
    shapes = {f["properties"]["ags"]: shape(f["geometry"]) for f in feats}
    sites = {k: g.representative_point() for k, g in shapes.items()}
    known = sorted(_POSTCODES)

    def postcode(ags: str) -> str:
        if ags in _POSTCODES:
            return _POSTCODES[ags]
        p = sites[ags]
        return _POSTCODES[min(known, key=lambda k: (sites[k].distance(p), k))]

    out = []
    for f in feats:
        p = f["properties"]
        out.append(
            DemoMunicipality(
                ags=p["ags"],
                ars=p["ars"],
                name=p["name"],
                bez=p["bez"],
                population=int(p["population_2021"]),
                postcode=postcode(p["ags"]),
                kw_2021=dict(p["kw_2021"]),
                kw_2024=dict(p["kw_2024"]),
                geometry=shapes[p["ags"]],
            )
        )
    return tuple(out)


#: The 142 municipalities, sorted by AGS.
MUNICIPALITIES: tuple[DemoMunicipality, ...] = _load()

#: Quality case 5: a municipality key that is not in the boundary data, as for units
#: registered before a merger (Marnitz joined Ruhner Berge in 2019).
OBSOLETE_KEY = ("13076095", "Marnitz", "19376")


@dataclass
class Layout:
    """Where points of each municipality may lie: its real boundary (EPSG:25832)."""

    shapes: dict[str, object]
    _inner: dict[tuple[str, float], object] = field(default_factory=dict)

    def _shape(self, ags: str, spread: float):
        """The boundary, shrunk for parks (``spread`` < 1) so that they stay well inside."""
        import shapely

        key = (ags, round(spread, 2))
        if key not in self._inner:
            geom = self.shapes[ags]
            inner = geom.buffer(-400 * (1 - spread)) if spread < 1 else geom
            shape = inner if not inner.is_empty and inner.area > 0.05 * geom.area else geom
            shapely.prepare(shape)
            self._inner[key] = shape
        return self._inner[key]

    def sample_point(
        self, rng: random.Random, ags: str, spread: float = 0.9
    ) -> tuple[float, float]:
        """A random point inside the municipality (rejection sampling in its bounding box)."""
        from shapely import contains_xy

        shape = self._shape(ags, spread)
        minx, miny, maxx, maxy = shape.bounds
        for _ in range(1_000):
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            if contains_xy(shape, x, y):
                return x, y
        p = shape.representative_point()
        return p.x, p.y

    def pull_inside(
        self, ags: str, centre: tuple[float, float], x: float, y: float
    ) -> tuple[float, float]:
        """``(x, y)`` moved towards ``centre`` (inside) until it lies in the municipality."""
        from shapely import contains_xy

        shape = self._shape(ags, 0.9)
        cx, cy = centre
        for t in (1.0, 0.8, 0.6, 0.45, 0.3, 0.2, 0.1, 0.05):
            px, py = cx + (x - cx) * t, cy + (y - cy) * t
            if contains_xy(shape, px, py):
                return px, py
        return cx, cy

    def area_km2(self, ags: str) -> float:
        """The boundary's area in km²."""
        return float(self.shapes[ags].area) / 1e6


def to_utm() -> Transformer:
    """WGS84 longitude/latitude to the demo's UTM coordinates."""
    from pyproj import Transformer

    return Transformer.from_crs(4326, CRS_UTM, always_xy=True)


def to_wgs84() -> Transformer:
    """The demo's UTM coordinates to WGS84 longitude/latitude."""
    from pyproj import Transformer

    return Transformer.from_crs(CRS_UTM, 4326, always_xy=True)


def build_layout() -> Layout:
    """The municipalities' real boundaries, keyed by AGS."""
    return Layout({m.ags: m.geometry for m in MUNICIPALITIES})


def distance_km(a: DemoMunicipality, b: DemoMunicipality) -> float:
    """Distance between two municipalities' inner points, in km."""
    pa, pb = a.geometry.representative_point(), b.geometry.representative_point()
    return math.hypot(pa.x - pb.x, pa.y - pb.y) / 1000
