"""Marts (``out_*`` tables) precomputed during the build for the dashboard.

Each mart is declared in :mod:`etl.schema.marts` (grain, types, checks,
docs) and created from that DDL; this module holds the SQL that fills it.
Pages read marts, so they stay fast at any size: the dashboard never
aggregates the unit table row by row at request time except for the
(filtered, paged) unit list and the export.
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from etl.schema.marts import EEG_BY_MUNICIPALITY, EEG_WIND_SHARES, UNIT_MARTS
from etl.schema.model import Table

#: Radius around a wind turbine within which municipalities share the EEG §6
#: payment by area (EEG 2023 §6 (2)).
EEG_WIND_RADIUS_M = 2_500.0
#: § 6 EEG 2023 covers wind turbines with more than 1 MW installed capacity (kW).
EEG_MIN_WIND_KW = 1_000
#: Projected CRS for areas and buffers (ETRS89 / UTM 32N, as VG250).
METRIC_CRS = "EPSG:25832"

MARTS: dict[str, str] = {
    # one row per municipality key, carrier and status
    "out_capacity_by_municipality": """
        SELECT municipality_key, carrier, status,
               count(*) AS unit_count,
               sum(gross_capacity_kw) AS gross_capacity_kw,
               sum(net_capacity_kw) AS net_capacity_kw,
               sum(storage_energy_kwh) AS storage_energy_kwh
        FROM core_mastr__units
        GROUP BY ALL
    """,
    # one row per municipality key, carrier, month and event
    # (commissioned / decommissioned / planned). Commissioned counts every unit
    # that is or was installed (not 'planned') and has a commissioning date;
    # decommissioned is its final shutdown (date of final decommissioning, or
    # the record's last update for a shut-down unit without that date); a
    # shut-down unit with neither date is left out of the time series.
    # 'planned' is the planned commissioning month (NULL when unknown).
    "out_capacity_events": """
        WITH base AS (
            SELECT municipality_key, carrier, status, gross_capacity_kw,
                   commissioning_date, planned_commissioning_date,
                   CASE WHEN status = 'permanently_shut_down'
                        THEN coalesce(decommissioning_date, CAST(last_update AS DATE))
                        ELSE decommissioning_date END AS removal_date
            FROM core_mastr__units
        ),
        installed AS (
            SELECT * FROM base
            WHERE status <> 'planned' AND commissioning_date IS NOT NULL
              AND NOT (status = 'permanently_shut_down' AND removal_date IS NULL)
        ),
        events AS (
            SELECT municipality_key, carrier,
                   CAST(date_trunc('month', commissioning_date) AS DATE) AS month,
                   'commissioned' AS event, gross_capacity_kw
            FROM installed
            UNION ALL
            SELECT municipality_key, carrier,
                   CAST(date_trunc('month', removal_date) AS DATE) AS month,
                   'decommissioned' AS event, gross_capacity_kw
            FROM installed WHERE removal_date IS NOT NULL
            UNION ALL
            SELECT municipality_key, carrier,
                   CAST(date_trunc('month', planned_commissioning_date) AS DATE) AS month,
                   'planned' AS event, gross_capacity_kw
            FROM base WHERE status = 'planned'
        )
        SELECT municipality_key, carrier, month, event,
               count(*) AS unit_count,
               coalesce(sum(gross_capacity_kw), 0) AS capacity_kw
        FROM events
        GROUP BY ALL
        ORDER BY month, carrier
    """,
    # one row per unit with public coordinates, largest first (map points)
    "out_map_points": """
        SELECT unit_id_mastr, unit_name, carrier, status,
               gross_capacity_kw, latitude, longitude, municipality_key,
               commissioning_date, planned_commissioning_date
        FROM core_mastr__units
        WHERE latitude IS NOT NULL AND longitude IS NOT NULL
        ORDER BY gross_capacity_kw DESC NULLS LAST, unit_id_mastr
    """,
}


_DECLARED: dict[str, Table] = {t.name: t for t in UNIT_MARTS}


def _fill(con: duckdb.DuckDBPyConnection, table: Table, sql: str) -> None:
    """(Re)create ``table`` from its schema DDL and fill it from ``sql`` by column name."""
    table.create(con, replace=True)
    con.execute(f"INSERT INTO {table.name} BY NAME {sql}")


def build_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Create every unit mart from the core tables."""
    for name, sql in MARTS.items():
        _fill(con, _DECLARED[name], sql)
    build_eeg_wind_shares(con)
    _fill(con, EEG_BY_MUNICIPALITY, EEG_BY_MUNICIPALITY_SQL)


# one row per municipality key and status: wind capacity attributed by area
# share of the 2,500 m circles, and ground-mounted PV standing in the municipality
EEG_BY_MUNICIPALITY_SQL = """
    WITH wind AS (
        SELECT municipality_key, status,
               count(DISTINCT unit_id_mastr) AS wind_units,
               sum(share * gross_capacity_kw) AS wind_share_kw
        FROM out_eeg_wind_shares GROUP BY ALL
    ),
    pv AS (
        SELECT municipality_key, status,
               count(*) AS pv_ground_units,
               coalesce(sum(gross_capacity_kw), 0) AS pv_ground_kw
        FROM core_mastr__units
        WHERE carrier = 'pv_ground' AND status IN ('operating', 'planned')
          AND municipality_key IS NOT NULL
        GROUP BY ALL
    )
    SELECT coalesce(w.municipality_key, p.municipality_key) AS municipality_key,
           coalesce(w.status, p.status) AS status,
           coalesce(w.wind_units, 0) AS wind_units,
           coalesce(w.wind_share_kw, 0) AS wind_share_kw,
           coalesce(p.pv_ground_units, 0) AS pv_ground_units,
           coalesce(p.pv_ground_kw, 0) AS pv_ground_kw
    FROM wind w FULL OUTER JOIN pv p
      ON w.municipality_key = p.municipality_key AND w.status = p.status
"""


def build_eeg_wind_shares(con: duckdb.DuckDBPyConnection) -> int:
    """Mart ``out_eeg_wind_shares``: one row per wind turbine and affected municipality.

    Each operating or planned onshore turbine above 1 MW with coordinates — of
    the region, and of neighbouring districts within 2,500 m of its boundary
    (``core_mastr__neighbour_wind_units``) — is buffered by 2,500 m in
    EPSG:25832 and intersected with the loaded municipality boundaries;
    ``share`` is the intersected area divided by the circle's area (EEG 2023
    §6 (2)). Returns the number of rows written.
    """
    EEG_WIND_SHARES.create(con, replace=True)
    neighbours = (
        """
        UNION ALL
        SELECT unit_id_mastr, status, gross_capacity_kw, municipality_key, longitude, latitude,
               TRUE
        FROM core_mastr__neighbour_wind_units
        """
        if con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
            ["core_mastr__neighbour_wind_units"],
        ).fetchone()[0]
        else ""
    )
    turbines = con.execute(
        f"""
        SELECT unit_id_mastr, status, gross_capacity_kw, municipality_key AS standing_key,
               longitude, latitude, FALSE AS is_neighbour
        FROM core_mastr__units
        WHERE carrier = 'wind_onshore' AND status IN ('operating', 'planned')
          AND gross_capacity_kw > {EEG_MIN_WIND_KW}
          AND latitude IS NOT NULL AND longitude IS NOT NULL
        {neighbours}
        """
    ).df()
    munis = con.execute(
        """
        SELECT municipality_key, geometry_wkb FROM core_bkg__municipalities
        WHERE geometry_wkb IS NOT NULL
        """
    ).df()
    if turbines.empty or munis.empty:
        return 0
    import geopandas as gpd
    import shapely

    muni_gdf = gpd.GeoDataFrame(
        {"municipality_key": munis["municipality_key"].astype(str)},
        geometry=shapely.from_wkb([bytes(b) for b in munis["geometry_wkb"]]),
        crs="EPSG:4326",
    ).to_crs(METRIC_CRS)
    muni_gdf["geometry"] = muni_gdf.geometry.make_valid()
    pts = gpd.GeoDataFrame(
        turbines.drop(columns=["longitude", "latitude"]),
        geometry=gpd.points_from_xy(turbines["longitude"], turbines["latitude"]),
        crs="EPSG:4326",
    ).to_crs(METRIC_CRS)
    circles = pts.copy()
    circles["geometry"] = pts.geometry.buffer(EEG_WIND_RADIUS_M, quad_segs=32)
    circle_area = float(circles.geometry.area.iloc[0]) or math.pi * EEG_WIND_RADIUS_M**2
    inter = gpd.overlay(circles, muni_gdf, how="intersection", keep_geom_type=True)
    if inter.empty:
        return 0
    out = pd.DataFrame(
        {
            "unit_id_mastr": inter["unit_id_mastr"].astype(str),
            "status": inter["status"].astype(str),
            "gross_capacity_kw": inter["gross_capacity_kw"].astype(float),
            "standing_municipality_key": inter["standing_key"].astype("string"),
            "is_neighbour": inter["is_neighbour"].astype(bool),
            "municipality_key": inter["municipality_key"].astype(str),
            "intersect_km2": inter.geometry.area / 1e6,
        }
    )
    out["share"] = (out["intersect_km2"] * 1e6 / circle_area).clip(upper=1.0)
    out = out[out["share"] > 1e-6]
    con.register("_eeg_shares", out)
    con.execute(f"INSERT INTO {EEG_WIND_SHARES.name} BY NAME SELECT * FROM _eeg_shares")
    con.unregister("_eeg_shares")
    return len(out)
