"""Write tiny BKG VG250-style GeoPackages for tests.

Same layout as the real product: a layer ``vg250_gem`` (or ``vg5000_gem`` …)
in EPSG:25832 with the VG250 attribute columns (``OBJID``, ``ADE``, ``GF``,
``AGS``, ``GEN``, ``BEZ``, ``NUTS`` …), AGS as text with leading zero, and
several rows per AGS where VG250 splits land (``GF`` 4) and water (``GF`` 2).
Geometries are squares in UTM 32N around Ludwigslust-Parchim.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

#: Lower-left corner of the fixture grid (UTM 32N), near Ludwigslust (≈ 11.4 °E, 53.3 °N).
ORIGIN = (660_000.0, 5_910_000.0)
VG250_COLUMNS = (
    "OBJID",
    "BEGINN",
    "ADE",
    "GF",
    "BSG",
    "ARS",
    "AGS",
    "SDV_ARS",
    "GEN",
    "BEZ",
    "IBZ",
    "BEM",
    "NBD",
    "SN_L",
    "SN_R",
    "SN_K",
    "SN_V1",
    "SN_V2",
    "SN_G",
    "FK_S3",
    "NUTS",
    "ARS_0",
    "AGS_0",
    "WSK",
)


def square(col: int, row: int, size_m: float = 10_000.0) -> shapely.Polygon:
    """A square cell of the fixture grid (10 km sides by default = 100 km²)."""
    x0, y0 = ORIGIN[0] + col * size_m, ORIGIN[1] + row * size_m
    return shapely.box(x0, y0, x0 + size_m, y0 + size_m)


def wiggly_square(col: int, row: int, n: int = 4000, size_m: float = 10_000.0) -> shapely.Polygon:
    """A cell whose boundary has ``n`` vertices (a detailed boundary, area ≈ 100 km²)."""
    x0, y0 = ORIGIN[0] + col * size_m, ORIGIN[1] + row * size_m
    t = np.linspace(0, 4, n, endpoint=False)
    side = np.floor(t)
    f = t - side
    jitter = 30.0 * np.sin(f * np.pi * 40)
    xs = np.select(
        [side == 0, side == 1, side == 2, side == 3],
        [x0 + f * size_m, x0 + size_m + jitter, x0 + (1 - f) * size_m, x0 + jitter],
    )
    ys = np.select(
        [side == 0, side == 1, side == 2, side == 3],
        [y0 + jitter, y0 + f * size_m, y0 + size_m + jitter, y0 + (1 - f) * size_m],
    )
    return shapely.Polygon(np.column_stack([xs, ys]))


def bow_tie(col: int, row: int, size_m: float = 10_000.0) -> shapely.Polygon:
    """A self-intersecting (invalid) ring in a grid cell."""
    x0, y0 = ORIGIN[0] + col * size_m, ORIGIN[1] + row * size_m
    return shapely.Polygon(
        [(x0, y0), (x0 + size_m, y0 + size_m), (x0 + size_m, y0), (x0, y0 + size_m)]
    )


def municipality(
    ags: str, name: str, geometry: shapely.Geometry, *, gf: int = 4, bez: str = "Gemeinde", **extra
) -> dict:
    """One feature with the VG250 columns filled as the BKG does."""
    ars = ags[:5] + "0" + ags[5:].rjust(3, "0") + ags[5:]
    feature = {
        "OBJID": f"DEBKGVG2500{ags[-5:]}",
        "BEGINN": "2021-01-01",
        "ADE": 6,
        "GF": gf,
        "BSG": 1,
        "ARS": ars,
        "AGS": ags,
        "SDV_ARS": ars,
        "GEN": name,
        "BEZ": bez,
        "IBZ": 62 if bez == "Gemeinde" else 61,
        "BEM": "--",
        "NBD": "ja",
        "SN_L": ags[:2],
        "SN_R": ags[2],
        "SN_K": ags[3:5],
        "SN_V1": "00",
        "SN_V2": "00",
        "SN_G": ags[5:],
        "FK_S3": "G",
        "NUTS": "DE80O",
        "ARS_0": ars,
        "AGS_0": ags,
        "WSK": "2021-01-01",
        "geometry": geometry,
    }
    feature.update(extra)
    return feature


def lup_features() -> list[dict]:
    """Three LUP municipalities, one with a water row, and one from the neighbour district."""
    return [
        municipality("13076001", "Alt Krenzlin", square(0, 0)),
        municipality("13076088", "Ludwigslust", square(1, 0), bez="Stadt"),
        municipality("13076105", "Parchim", square(2, 0), bez="Stadt"),
        # water part of Parchim (GF 2): must not count as municipal land area
        municipality("13076105", "Parchim", square(3, 0), gf=2, bez="Stadt"),
        municipality("13074001", "Bad Kleinen", square(0, 1)),
    ]


def write_vg250_gpkg(
    path: Path,
    features: Iterable[Mapping] | None = None,
    *,
    layer: str = "vg250_gem",
    crs: str = "EPSG:25832",
    extra_layers: Mapping[str, Iterable[Mapping]] | None = None,
) -> Path:
    """Write features as a BKG GeoPackage layer (geometries given in EPSG:25832)."""
    feats = list(features if features is not None else lup_features())
    gdf = gpd.GeoDataFrame(feats, geometry="geometry", crs="EPSG:25832")
    if crs != "EPSG:25832":
        gdf = gdf.to_crs(crs)
    gdf.to_file(path, layer=layer, driver="GPKG", engine="pyogrio")
    for name, more in (extra_layers or {}).items():
        extra = gpd.GeoDataFrame(list(more), geometry="geometry", crs="EPSG:25832")
        extra.to_file(path, layer=name, driver="GPKG", engine="pyogrio")
    return path
