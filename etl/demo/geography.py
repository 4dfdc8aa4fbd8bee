"""The demo's municipalities and their shapes: a hexagon tessellation over the district.

The 42 municipalities carry real names and keys (all 16 towns and 26 rural
municipalities), each placed near its real location. The shapes are hexagons
over the district's rough extent, so they can never pass for real boundaries.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.demo.constants import CRS_UTM

if TYPE_CHECKING:
    from pyproj import Transformer

#: The district's rough extent (WGS84), tessellated with hexagons.
_MIN_LON, _MIN_LAT, _MAX_LON, _MAX_LAT = 10.60, 53.11, 12.37, 53.80


@dataclass(frozen=True)
class DemoMunicipality:
    """A real municipality of Ludwigslust-Parchim as it appears in the demo."""

    ags: str
    ars: str
    name: str
    bez: str  # "Stadt" or "Gemeinde"
    lon: float  # approximate real location: where its hexagon is placed
    lat: float
    population: int
    postcode: str

    @property
    def is_town(self) -> bool:
        """True for a town (``Stadt``)."""
        return self.bez == "Stadt"


def _m(
    ags: str, ars: str, name: str, bez: str, lon: float, lat: float, pop: int, plz: str
) -> DemoMunicipality:
    return DemoMunicipality(ags, ars, name, bez, lon, lat, pop, plz)


#: The demo municipalities: real names, keys (AGS, ARS) and rough locations; invented
#: populations (rural ones larger than real, since 42 municipalities stand for 142).
MUNICIPALITIES: tuple[DemoMunicipality, ...] = (
    _m("13076108", "130760108108", "Parchim", "Stadt", 11.82, 53.43, 18_150, "19370"),
    _m("13076090", "130760090090", "Ludwigslust", "Stadt", 11.46, 53.31, 12_280, "19288"),
    _m("13076060", "130760060060", "Hagenow", "Stadt", 11.19, 53.43, 11_960, "19230"),
    _m("13076014", "130760014014", "Boizenburg/Elbe", "Stadt", 10.72, 53.38, 10_870, "19258"),
    _m("13076105", "130765660105", "Neustadt-Glewe", "Stadt", 11.58, 53.41, 6_540, "19306"),
    _m("13076152", "130765666152", "Wittenburg", "Stadt", 11.06, 53.48, 6_330, "19243"),
    _m("13076089", "130765655089", "Lübz", "Stadt", 12.02, 53.44, 6_180, "19386"),
    _m("13076114", "130765663114", "Plau am See", "Stadt", 12.28, 53.50, 5_960, "19395"),
    _m("13076050", "130765657050", "Grabow", "Stadt", 11.56, 53.28, 5_690, "19300"),
    _m("13076159", "130765667159", "Zarrentin am Schaalsee", "Stadt", 10.97, 53.59, 5_280, "19246"),
    _m("13076025", "130765668025", "Crivitz", "Stadt", 11.63, 53.60, 4_960, "19089"),
    _m("13076088", "130760088088", "Lübtheen", "Stadt", 11.09, 53.29, 4_610, "19249"),
    _m("13076128", "130765664128", "Sternberg", "Stadt", 11.83, 53.72, 4_170, "19406"),
    _m("13076048", "130765656048", "Goldberg", "Stadt", 12.11, 53.58, 3_480, "19399"),
    _m("13076034", "130765654034", "Dömitz", "Stadt", 11.24, 53.15, 2_990, "19303"),
    _m("13076020", "130765664020", "Brüel", "Stadt", 11.68, 53.73, 2_560, "19412"),
    _m("13076142", "130765667142", "Vellahn", "Gemeinde", 10.95, 53.41, 3_420, "19260"),
    _m("13076153", "130765666153", "Wittendörp", "Gemeinde", 11.08, 53.54, 4_750, "19243"),
    _m("13076168", "130765655168", "Ruhner Berge", "Gemeinde", 11.93, 53.33, 3_280, "19376"),
    _m("13076166", "130765663166", "Ganzlin", "Gemeinde", 12.21, 53.37, 4_460, "19395"),
    _m("13076143", "130765654143", "Vielank", "Gemeinde", 11.20, 53.24, 3_010, "19303"),
    _m("13076032", "130765656032", "Dobbertin", "Gemeinde", 12.10, 53.63, 2_870, "19399"),
    _m("13076049", "130765657049", "Gorlosen", "Gemeinde", 11.45, 53.19, 3_190, "19294"),
    _m("13076118", "130765659118", "Rastow", "Gemeinde", 11.42, 53.44, 5_080, "19077"),
    _m("13076005", "130765668005", "Banzkow", "Gemeinde", 11.52, 53.49, 5_720, "19079"),
    _m("13076078", "130765664078", "Kuhlen-Wendorf", "Gemeinde", 11.63, 53.69, 2_940, "19412"),
    _m("13076126", "130765662126", "Spornitz", "Gemeinde", 11.70, 53.41, 3_350, "19372"),
    _m("13076164", "130765662164", "Obere Warnow", "Gemeinde", 11.89, 53.52, 3_080, "19374"),
    _m("13076055", "130765652055", "Greven", "Gemeinde", 10.76, 53.47, 4_280, "19258"),
    _m("13076001", "130765659001", "Alt Krenzlin", "Gemeinde", 11.28, 53.31, 3_270, "19288"),
    _m("13076033", "130765668033", "Dobin am See", "Gemeinde", 11.55, 53.75, 3_560, "19089"),
    _m("13076086", "130765659086", "Lübesse", "Gemeinde", 11.46, 53.51, 4_590, "19077"),
    _m("13076113", "130765668113", "Plate", "Gemeinde", 11.51, 53.56, 6_180, "19086"),
    _m("13076136", "130765652136", "Teldau", "Gemeinde", 10.81, 53.33, 2_760, "19273"),
    _m("13076036", "130765665036", "Dümmer", "Gemeinde", 11.22, 53.56, 3_710, "19073"),
    _m("13076130", "130765665130", "Stralendorf", "Gemeinde", 11.31, 53.58, 4_860, "19073"),
    _m("13076125", "130765655125", "Siggelkow", "Gemeinde", 11.97, 53.38, 2_980, "19376"),
    _m("13076096", "130765656096", "Mestlin", "Gemeinde", 11.93, 53.59, 2_820, "19374"),
    _m("13076006", "130765663006", "Barkhagen", "Gemeinde", 12.21, 53.49, 2_690, "19395"),
    _m("13076068", "130765662068", "Karrenzin", "Gemeinde", 11.79, 53.34, 2_910, "19372"),
    _m("13076103", "130765654103", "Neu Kaliß", "Gemeinde", 11.32, 53.17, 4_340, "19294"),
    _m("13076107", "130765665107", "Pampow", "Gemeinde", 11.35, 53.57, 6_030, "19075"),
)

#: Quality case 5: a municipality key that is not in the boundary data, as for units
#: registered before a merger (Marnitz joined Ruhner Berge in 2019).
OBSOLETE_KEY = ("13076095", "Marnitz", "19376")


# --------------------------------------------------------------------------- #
# Geometry: a hexagon tessellation over the district's rough extent
# --------------------------------------------------------------------------- #
_HEX_SIZE_M = 4_000.0  # centre to corner
_HEX_HALF_WIDTH_M = 3_464.0  # ≈ sqrt(3)/2 * size, rounded so shared corners are exact
_HEX_REACH_M = 7_000.0  # hexagons farther than this from every municipality are dropped
# Corner offsets in lattice units (half widths, half sizes), pointy-top hexagon.
_HEX_CORNERS = ((0, 2), (1, 1), (1, -1), (0, -2), (-1, -1), (-1, 1))


@dataclass(frozen=True)
class Hex:
    """One hexagon of the lattice, addressed by its centre in half widths and half sizes."""

    col2: int  # centre x in half widths (even/odd by row)
    row3: int  # centre y in half sizes (3 per row)

    def centre(self, x0: float, y0: float) -> tuple[float, float]:
        """Centre (EPSG:25832 metres) of the lattice with origin ``(x0, y0)``."""
        return x0 + self.col2 * _HEX_HALF_WIDTH_M, y0 + self.row3 * _HEX_SIZE_M / 2

    def corners(self, x0: float, y0: float) -> list[tuple[float, float]]:
        """The six corners in metres (shared exactly with the neighbours)."""
        return [
            (x0 + (self.col2 + dx) * _HEX_HALF_WIDTH_M, y0 + (self.row3 + dy) * _HEX_SIZE_M / 2)
            for dx, dy in _HEX_CORNERS
        ]

    def neighbours(self) -> list[Hex]:
        """The six adjacent hexagons."""
        steps = ((2, 0), (-2, 0), (1, 3), (-1, 3), (1, -3), (-1, -3))
        return [Hex(self.col2 + a, self.row3 + b) for a, b in steps]


@dataclass
class Layout:
    """Where each municipality's hexagons lie (EPSG:25832)."""

    x0: float
    y0: float
    hexes: dict[str, list[Hex]]  # AGS -> hexagons

    def sample_point(
        self, rng: random.Random, ags: str, spread: float = 0.9
    ) -> tuple[float, float, Hex]:
        """A random point inside one of the municipality's hexagons (inscribed circle)."""
        h = rng.choice(self.hexes[ags])
        cx, cy = h.centre(self.x0, self.y0)
        r = _HEX_HALF_WIDTH_M * spread * math.sqrt(rng.random())
        a = rng.random() * 2 * math.pi
        return cx + r * math.cos(a), cy + r * math.sin(a), h


def to_utm() -> Transformer:
    """WGS84 longitude/latitude to the demo's UTM coordinates."""
    from pyproj import Transformer

    return Transformer.from_crs(4326, CRS_UTM, always_xy=True)


def to_wgs84() -> Transformer:
    """The demo's UTM coordinates to WGS84 longitude/latitude."""
    from pyproj import Transformer

    return Transformer.from_crs(CRS_UTM, 4326, always_xy=True)


def build_layout() -> Layout:
    """Tessellate the district's extent and give every municipality connected hexagons.

    Each municipality first gets the free hexagon nearest to its real location;
    the remaining hexagons near the district then grow the neighbouring
    municipality whose location is nearest.
    """
    tr = to_utm()
    x0, y0 = tr.transform(_MIN_LON, _MIN_LAT)
    x1, y1 = tr.transform(_MAX_LON, _MAX_LAT)
    x0, y0 = round(x0), round(y0)
    sites = {m.ags: tr.transform(m.lon, m.lat) for m in MUNICIPALITIES}
    rows = int((y1 - y0) / (1.5 * _HEX_SIZE_M)) + 2
    cols = int((x1 - x0) / (2 * _HEX_HALF_WIDTH_M)) + 2
    grid = [Hex(2 * c + (r % 2), 3 * r) for r in range(-1, rows) for c in range(-1, cols)]

    def d2(h: Hex, ags: str) -> float:
        cx, cy = h.centre(x0, y0)
        sx, sy = sites[ags]
        return (cx - sx) ** 2 + (cy - sy) ** 2

    near = {h for h in grid if min(d2(h, a) for a in sites) < _HEX_REACH_M**2}
    # Close holes and narrow bays: hexagons mostly surrounded by kept ones.
    near |= {h for h in grid if sum(n in near for n in h.neighbours()) >= 4}
    grid = [h for h in grid if h in near]
    owner: dict[Hex, str] = {}
    for _, h, ags in sorted(
        ((d2(h, a), h, a) for h in grid for a in sites),
        key=lambda t: (t[0], t[1].row3, t[1].col2, t[2]),
    ):
        if h not in owner and ags not in owner.values():
            owner[h] = ags
    changed = True
    while changed:
        changed = False
        for h in grid:
            if h in owner:
                continue
            owners = sorted({owner[n] for n in h.neighbours() if n in owner})
            if owners:
                owner[h] = min(owners, key=lambda a: d2(h, a))
                changed = True
    hexes: dict[str, list[Hex]] = {m.ags: [] for m in MUNICIPALITIES}
    for h in grid:
        if h in owner:
            hexes[owner[h]].append(h)
    return Layout(float(x0), float(y0), hexes)
