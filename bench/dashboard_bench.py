"""Dashboard benchmark: server-side page times on the demo and on a large synthetic database.

``run()`` (called by ``python -m bench``) times every page with AppTest
(median of 5, cold and warm cache) on the demo database and on databases of
synthetic units (10^6 by default; ``python -m bench.dashboard_bench 1e6 6e6``),
and the size of the figures the pages send.

Synthetic databases: millions of units in seconds, pure DuckDB SQL, for
benchmarking only. The tables are created from the one schema
(:class:`etl.sink.BuildSink`); units are generated with ``range()`` and a
seeded ``random()``; municipalities are copied from an existing build (e.g. the
demo database) or, without one, laid out as a grid of rectangles over the
district. The marts are then built exactly as in the ETL.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import time
from pathlib import Path

import duckdb
import shapely

from etl import marts
from etl.sink import BuildSink

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
        sink.discard_staged()
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


# --------------------------------------------------------------------------- #
# The benchmark
# --------------------------------------------------------------------------- #
#: Page files in navigation order (as in ``streamlit_app.PAGES``).
BENCH_PAGES: tuple[str, ...] = (
    "overview",
    "growth",
    "map",
    "mix",
    "municipality",
    "data_quality",
)
REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "work" / "dashboard"
RESULTS = REPO / "bench" / "results" / "dashboard.md"


def _publish_copy(db: Path, processed: Path) -> Path:
    """Make ``db`` the served database of folder ``processed`` (pointer file)."""
    processed.mkdir(parents=True, exist_ok=True)
    (processed / "current.txt").write_text(db.name + "\n", encoding="utf-8")
    return processed


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1)


def time_pages(
    processed: Path,
    repeats: int = 5,
    pages: tuple[str, ...] = BENCH_PAGES,
    municipality: str | None = None,
) -> list[dict[str, object]]:
    """Server-side time to run each page with AppTest: median of ``repeats``, cold and warm.

    Cold: Streamlit's data and resource caches cleared before the run (query
    results and the read-only connection; the OS file cache stays warm). Warm:
    the same page rerun with filled caches. Also returns the size of the plotly
    figure JSON each page sends (the map's is the big one).
    """
    from streamlit.testing.v1 import AppTest

    from dashboard.db import clear_caches

    os.environ["EZ_PROCESSED_DIR"] = str(processed)
    os.environ["EZ_MAP_TILES"] = "offline"
    for name in (
        "streamlit.runtime.scriptrunner_utils.script_run_context",
        "streamlit.runtime.caching.cache_data_api",
    ):
        logging.getLogger(name).setLevel(logging.ERROR)
    rows = []
    for page in pages:
        cold: list[float] = []
        warm: list[float] = []
        payload = 0
        for _ in range(repeats):
            at = AppTest.from_file(str(REPO / "streamlit_app.py"), default_timeout=600)
            if municipality and page == "municipality":
                at.query_params["municipality"] = municipality
            at.run()
            if page != "overview":
                at.switch_page(f"dashboard/pages/{page}.py")
            clear_caches()
            t0 = time.perf_counter()
            at.run()
            cold.append(time.perf_counter() - t0)
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].value}")
        for _ in range(repeats):
            t0 = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - t0)
        payload = sum(len(c.proto.spec) for c in at.get("plotly_chart"))
        rows.append(
            {
                "page": page,
                "cold_ms": _median_ms(cold),
                "warm_ms": _median_ms(warm),
                "figure_json_bytes": payload,
            }
        )
    return rows


def run(
    console: object | None = None,
    *,
    sizes: tuple[int, ...] = (1_000_000,),
    repeats: int = 5,
    work_dir: Path = WORK,
    write_results: bool = True,
) -> list[dict[str, object]]:
    """Benchmark every page on the demo database and on synthetic ones of ``sizes`` units.

    Returns one row per database and page (``database, units, page, cold_ms,
    warm_ms, figure_json_bytes``), prints them (to a rich ``console`` when
    given) and writes ``bench/results/dashboard.md``.
    """
    import duckdb

    from etl.build import build_database
    from etl.config import Settings
    from etl.publish import served_database

    say = console.print if console is not None else print  # type: ignore[attr-defined]
    work_dir.mkdir(parents=True, exist_ok=True)
    demo_settings = Settings(raw_dir=work_dir / "raw", processed_dir=work_dir / "demo")
    say("dashboard bench: building the demo database …")
    build_database(demo_settings, force_demo=True)
    demo_db = served_database(demo_settings.processed_dir)
    assert demo_db is not None
    databases = [("demo", demo_settings.processed_dir, demo_db)]
    for n in sizes:
        large_dir = work_dir / f"large-{n}"
        large_db = large_dir / "energy-20261120T000000000000Z.duckdb"
        if not large_db.exists():
            say(f"dashboard bench: generating {n:,} synthetic units …")
            large_dir.mkdir(parents=True, exist_ok=True)
            t0 = time.perf_counter()
            make_synthetic_db(large_db, n, municipalities_from=demo_db)
            say(f"  done in {time.perf_counter() - t0:.1f} s")
        _publish_copy(large_db, large_dir)
        databases.append((f"synthetic {n:,}", large_dir, large_db))

    rows: list[dict[str, object]] = []
    load_before = os.getloadavg()[0]
    for label, processed, db in databases:
        con = duckdb.connect(str(db), read_only=True)
        n_units = con.execute("SELECT count(*) FROM core_mastr__units").fetchone()[0]
        muni = con.execute(
            "SELECT municipality_key FROM out_capacity_by_municipality "
            "GROUP BY ALL ORDER BY sum(unit_count) DESC LIMIT 1"
        ).fetchone()[0]
        con.close()
        for r in time_pages(processed, repeats, municipality=muni):
            rows.append({"database": label, "units": n_units, **r})
    lines = [
        "| database | units | page | cold median (ms) | warm median (ms) | figure JSON (KB) |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['database']} | {r['units']:,} | {r['page']} | {r['cold_ms']:,.0f} | "
            f"{r['warm_ms']:,.0f} | {int(r['figure_json_bytes']) / 1024:,.0f} |"
        )
    table = "\n".join(lines)
    load = (
        f"Load average (1 min) before/after: {load_before:.1f} / "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores."
    )
    say(table)
    say(load)
    if write_results:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            "# Dashboard benchmark\n\n"
            "Server-side time to run each page with Streamlit AppTest, median of "
            f"{repeats}; cold = Streamlit caches cleared (query results and connection), "
            "warm = rerun with filled caches. The municipality page runs with the "
            "municipality of most units selected, the others for the whole region. Figure JSON = "
            "size of the plotly figures the page sends to the browser. Written by "
            "`bench/dashboard_bench.py`.\n\n" + load + "\n\n" + table + "\n",
            encoding="utf-8",
        )
    return rows


if __name__ == "__main__":
    import sys

    run(sizes=tuple(int(float(a)) for a in sys.argv[1:]) or (1_000_000,))
