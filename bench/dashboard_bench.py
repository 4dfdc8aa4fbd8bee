"""Synthetic databases for benchmarks: millions of units in seconds, pure DuckDB SQL.

For benchmarking only. The tables are created from the one schema
(:class:`etl.sink.BuildSink`); units are generated with ``range()`` and a
seeded ``random()``; municipalities are copied from an existing build (e.g. the
demo database) or, without one, laid out as a grid of rectangles over the
district. The marts are then built exactly as in the ETL.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import shapely

from etl import marts
from etl.sink import STAGE_UNITS, BuildSink

#: Bounding box of Ludwigslust-Parchim (approximate, WGS84).
LUP_BBOX = (10.55, 53.05, 12.35, 53.95)


def _grid_municipalities(con: duckdb.DuckDBPyConnection, n: int = 142) -> None:
    """Insert ``n`` rectangular demo municipalities covering the district's box."""
    cols = 12
    rows = -(-n // cols)
    lon0, lat0, lon1, lat1 = LUP_BBOX
    dlon, dlat = (lon1 - lon0) / cols, (lat1 - lat0) / rows
    records = []
    for i in range(n):
        r, c = divmod(i, cols)
        x0, y0 = lon0 + c * dlon, lat0 + r * dlat
        poly = shapely.box(x0, y0, x0 + dlon, y0 + dlat)
        area = (dlon * 111.32 * 0.6) * (dlat * 111.32)
        records.append(
            (
                f"13076{i + 1:03d}",
                f"Gemeinde {i + 1:03d}",
                "Gemeinde",
                area,
                500 + (i * 7919) % 4000,
                "2024-12-31",
                y0 + dlat / 2,
                x0 + dlon / 2,
                x0,
                y0,
                x0 + dlon,
                y0 + dlat,
                shapely.to_wkb(poly),
                json.dumps(shapely.geometry.mapping(poly)),
                True,
                "synthetic",
            )
        )
    con.executemany(
        "INSERT INTO core_bkg__municipalities VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        records,
    )


def make_synthetic_db(
    path: Path,
    n_units: int,
    *,
    municipalities_from: Path | None = None,
    seed: float = 0.42,
    data_date: str = "2026-11-20",
) -> Path:
    """Write a database with ``n_units`` synthetic units at ``path`` and build its marts.

    The carrier mix, capacities and statuses are shaped like a rural German
    district (most units small rooftop PV and home batteries, without public
    coordinates below 30 kW).
    """
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        sink = BuildSink(con)
        con.execute(f"DROP TABLE {STAGE_UNITS}")
        if municipalities_from is not None:
            con.execute(f"ATTACH '{municipalities_from}' AS src (READ_ONLY)")
            con.execute(
                "INSERT INTO core_bkg__municipalities SELECT * FROM src.core_bkg__municipalities"
            )
            con.execute("DETACH src")
        if not con.execute("SELECT count(*) FROM core_bkg__municipalities").fetchone()[0]:
            _grid_municipalities(con)
        for key, value in {
            "is_demo": True,
            "region_prefix": "13076",
            "region_name": "Landkreis Ludwigslust-Parchim",
            "data_date": data_date,
            "build_id": path.stem,
            "built_at": "2026-11-20T00:00:00+00:00",
        }.items():
            sink.set_info(key, value)
        con.execute(f"SELECT setseed({seed})")
        con.execute(
            "CREATE TEMP TABLE _m AS SELECT "
            "row_number() OVER (ORDER BY municipality_key) - 1 AS i, * "
            "FROM core_bkg__municipalities"
        )
        n_muni = con.execute("SELECT count(*) FROM _m").fetchone()[0]
        con.execute(
            f"""
            INSERT INTO core_mastr__units
            WITH r AS (
                SELECT i, random() AS rc, random() AS rk, random() AS rs, random() AS rd,
                       random() AS rx, random() AS ry, random() AS rm
                FROM range({n_units}) t(i)
            ),
            c AS (
                SELECT *,
                  CASE WHEN rc < 0.70 THEN 'pv_building' WHEN rc < 0.72 THEN 'pv_other'
                       WHEN rc < 0.735 THEN 'pv_ground' WHEN rc < 0.955 THEN 'storage'
                       WHEN rc < 0.975 THEN 'wind_onshore' WHEN rc < 0.985 THEN 'biomass'
                       WHEN rc < 0.99 THEN 'hydro' ELSE 'other' END AS carrier,
                  CASE WHEN rs < 0.92 THEN 'operating' WHEN rs < 0.96 THEN 'planned'
                       WHEN rs < 0.97 THEN 'temporarily_shut_down'
                       ELSE 'permanently_shut_down' END AS status,
                  CAST(floor(rm * {n_muni}) AS BIGINT) AS mi
                FROM r
            ),
            k AS (
                SELECT c.*, m.municipality_key, m.municipality_name,
                  m.min_longitude, m.max_longitude, m.min_latitude, m.max_latitude,
                  round(CASE carrier
                    WHEN 'pv_building' THEN 2 + 60 * pow(rk, 3)
                    WHEN 'pv_other' THEN 1 + 40 * pow(rk, 2)
                    WHEN 'pv_ground' THEN 100 + 20000 * pow(rk, 3)
                    WHEN 'storage' THEN 3 + 30 * pow(rk, 4)
                    WHEN 'wind_onshore' THEN 1500 + 5000 * rk
                    WHEN 'biomass' THEN 50 + 1500 * rk
                    WHEN 'hydro' THEN 5 + 200 * rk
                    ELSE 10 + 500 * rk END, 1) AS kw,
                  DATE '1991-01-01' + CAST(floor(pow(rd, 0.6) * 13000) AS INTEGER) AS cdate
                FROM c JOIN _m m ON m.i = c.mi
            )
            SELECT
                'SEE' || lpad(CAST(i AS VARCHAR), 12, '0'),
                'Synthetische Einheit ' || i,
                carrier, status, kw, kw * 0.95,
                CASE WHEN status = 'planned' THEN NULL ELSE least(cdate, DATE '{data_date}') END,
                CASE WHEN status = 'planned'
                     THEN DATE '{data_date}' + CAST(floor(rd * 1500) AS INTEGER) END,
                CASE WHEN status = 'permanently_shut_down'
                     THEN least(cdate, DATE '{data_date}') + CAST(floor(rx * 3000) AS INTEGER)
                     END,
                CASE WHEN status = 'temporarily_shut_down' THEN DATE '{data_date}' - 30 END,
                DATE '{data_date}' - 100,
                TIMESTAMP '{data_date} 00:00:00',
                municipality_key, municipality_name, '19370', 'Ort', 'Mecklenburg-Vorpommern',
                'Ludwigslust-Parchim',
                CASE WHEN kw >= 30 THEN min_latitude + ry * (max_latitude - min_latitude) END,
                CASE WHEN kw >= 30 THEN min_longitude + rx * (max_longitude - min_longitude) END,
                NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                CASE WHEN carrier = 'storage' THEN kw * 1.5 END,
                NULL, FALSE, 'mastr_bulk', 'synthetic', DATE '{data_date}'
            FROM k
            """
        )
        con.execute(
            "INSERT INTO meta_load_runs VALUES ('mastr_bulk', 'synthetic', NULL, NULL, "
            f"DATE '{data_date}', {n_units}, {n_units}, 0, 0, now()::TIMESTAMP)"
        )
        marts.build_marts(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path
