"""Marts (``out_*`` tables) precomputed during the build for the dashboard.

Each mart states its grain. Pages read marts, so they stay fast at any size.
"""

from __future__ import annotations

import duckdb

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
}


def build_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Create every mart from the core tables."""
    for name, sql in MARTS.items():
        con.execute(f"CREATE OR REPLACE TABLE {name} AS {sql}")
