"""Spatial marts of the office pages: wind-area shares, turbines in areas, H2 neighbourhood.

Computed once in the build (shapely, EPSG:25832 for areas), so the pages only
read finished tables.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from etl.schema.codes import RENEWABLE_CARRIERS
from etl.schema.office_marts import NEARBY_RADII_KM

AREA_CRS = "EPSG:25832"


def _to_metric(geoms: list) -> list:
    import shapely
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:4326", AREA_CRS, always_xy=True)
    return [
        None if g is None else shapely.transform(g, tr.transform, interleaved=False) for g in geoms
    ]


def area_by_municipality(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Wind area per municipality by status, overlaps merged (designated wins over draft)."""
    cols = [
        "municipality_key",
        "municipality_name",
        "municipality_area_km2",
        "designated_km2",
        "draft_km2",
        "any_km2",
    ]
    munis = con.execute(
        "SELECT municipality_key, municipality_name, area_km2, geometry_wkb "
        "FROM core_bkg__municipalities WHERE geometry_wkb IS NOT NULL ORDER BY 1"
    ).fetchall()
    areas = con.execute("SELECT status, geometry_wkb FROM core_office__wind_areas").fetchall()
    if not munis:
        return pd.DataFrame(columns=cols)
    from shapely import STRtree, union_all, wkb  # only with boundaries (about 18 MB)

    m_geoms = _to_metric([wkb.loads(bytes(r[3])) for r in munis])
    by_status = {"designated": [], "draft": []}
    for status, g in areas:
        by_status[status].append(wkb.loads(bytes(g)))
    designated = union_all(_to_metric(by_status["designated"])) if by_status["designated"] else None
    draft_all = union_all(_to_metric(by_status["draft"])) if by_status["draft"] else None
    draft = draft_all.difference(designated) if draft_all is not None and designated else draft_all
    rows = []
    tree = STRtree(m_geoms)

    def inside(shape) -> dict[int, float]:
        if shape is None or shape.is_empty:
            return {}
        return {
            int(i): m_geoms[int(i)].intersection(shape).area / 1e6
            for i in tree.query(shape, predicate="intersects")
        }

    d_km2, dr_km2 = inside(designated), inside(draft)
    for i, (key, name, area_km2, _) in enumerate(munis):
        d, dr = d_km2.get(i, 0.0), dr_km2.get(i, 0.0)
        rows.append(
            {
                "municipality_key": key,
                "municipality_name": name,
                "municipality_area_km2": area_km2,
                "designated_km2": d,
                "draft_km2": dr,
                "any_km2": d + dr,
            }
        )
    return pd.DataFrame(rows, columns=cols)


def units_in_areas(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every MaStR wind-onshore unit: inside a designated or a draft area, outside, or unknown."""
    units = con.execute(
        "SELECT unit_id_mastr, municipality_key, status, gross_capacity_kw, longitude, latitude "
        "FROM core_mastr__units WHERE carrier = 'wind_onshore'"
    ).df()
    areas = con.execute(
        "SELECT area_id, status, geometry_wkb FROM core_office__wind_areas "
        "ORDER BY CASE status WHEN 'designated' THEN 0 ELSE 1 END, area_id"
    ).fetchall()
    units["area_id"] = None
    units["location"] = "no_coordinates"
    has = units["longitude"].notna() & units["latitude"].notna()
    units.loc[has, "location"] = "outside"
    if areas and has.any():
        from shapely import STRtree, points, wkb  # only with wind areas (about 18 MB)

        geoms = [wkb.loads(bytes(a[2])) for a in areas]
        tree = STRtree(geoms)
        idx = units.index[has]
        pts = points(units.loc[has, "longitude"].to_numpy(), units.loc[has, "latitude"].to_numpy())
        pairs = tree.query(pts, predicate="within")
        best: dict[int, int] = {}
        for p_i, a_i in zip(pairs[0], pairs[1], strict=True):
            p_i, a_i = int(p_i), int(a_i)
            if p_i not in best or a_i < best[p_i]:  # designated sorted first
                best[p_i] = a_i
        for p_i, a_i in best.items():
            units.loc[idx[p_i], "area_id"] = areas[a_i][0]
            units.loc[idx[p_i], "location"] = areas[a_i][1]
    return units[
        ["unit_id_mastr", "municipality_key", "status", "gross_capacity_kw", "area_id", "location"]
    ]


def hydrogen_nearby(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Operating and planned renewable capacity near each hydrogen project."""
    carriers = ", ".join(f"'{c}'" for c in RENEWABLE_CARRIERS)
    max_r = max(NEARBY_RADII_KM)
    radii = ", ".join(f"({r})" for r in NEARBY_RADII_KM)
    return con.execute(
        f"""
        WITH u AS (
            SELECT * FROM core_mastr__units
            WHERE carrier IN ({carriers}) AND status IN ('operating', 'planned')
        ),
        p AS (SELECT * FROM core_office__hydrogen_projects),
        same AS (
            SELECT p.project_id, 'municipality' AS scope, CAST(NULL AS BIGINT) AS radius_km,
                   u.carrier, u.status, count(*) AS unit_count,
                   sum(u.gross_capacity_kw) AS capacity_kw
            FROM p JOIN u ON u.municipality_key = p.municipality_key
            GROUP BY ALL
        ),
        dist AS (
            SELECT p.project_id, u.carrier, u.status, u.gross_capacity_kw,
                   2 * 6371.0088 * asin(sqrt(
                       pow(sin(radians(u.latitude - p.latitude) / 2), 2)
                       + cos(radians(p.latitude)) * cos(radians(u.latitude))
                       * pow(sin(radians(u.longitude - p.longitude) / 2), 2))) AS km
            FROM p JOIN u
              ON p.latitude IS NOT NULL AND u.latitude IS NOT NULL
             AND abs(u.latitude - p.latitude) <= {max_r} / 111.0
             AND abs(u.longitude - p.longitude) <= {max_r} / (111.0 * cos(radians(p.latitude)))
        ),
        ring AS (
            SELECT d.project_id, 'radius' AS scope, r.radius_km, d.carrier, d.status,
                   count(*) AS unit_count, sum(d.gross_capacity_kw) AS capacity_kw
            FROM dist d JOIN (VALUES {radii}) AS r(radius_km) ON d.km <= r.radius_km
            GROUP BY ALL
        )
        SELECT * FROM same UNION ALL SELECT * FROM ring
        ORDER BY project_id, scope, radius_km, carrier, status
        """
    ).df()
