"""Summary of a database build (used by ``energiezukunft info`` and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class CarrierStatusRow:
    """Units and capacity (MW) of one carrier and status."""

    carrier: str
    status: str
    units: int
    gross_mw: float
    net_mw: float


@dataclass(frozen=True)
class DatabaseSummary:
    """What a build holds."""

    is_demo: bool
    region_prefix: str
    region_name: str
    data_date: date | None
    by_carrier_status: list[CarrierStatusRow]
    sources: list[tuple]
    wind_operating_mw: float
    wind_planned_units: int
    wind_planned_mw: float
    problems: int


def build_info(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """The key/value facts of ``meta_build``."""
    return dict(con.execute("SELECT key, value FROM meta_build").fetchall())


def database_summary(path: Path) -> DatabaseSummary:
    """Read the summary of the database at ``path`` (opened read-only)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        meta = build_info(con)
        rows = [
            CarrierStatusRow(*r)
            for r in con.execute(
                """
                SELECT carrier, status, count(*),
                       coalesce(sum(gross_capacity_kw), 0) / 1000,
                       coalesce(sum(net_capacity_kw), 0) / 1000
                FROM core_mastr__units GROUP BY ALL ORDER BY carrier, status
                """
            ).fetchall()
        ]
        sources = con.execute(
            "SELECT source, source_file, extract_date, rows_loaded, rows_rejected "
            "FROM meta_load_runs ORDER BY started_at"
        ).fetchall()
        problems = con.execute("SELECT count(*) FROM meta_rejected_rows").fetchone()[0]
    finally:
        con.close()
    wind_op = sum(
        r.gross_mw for r in rows if r.carrier == "wind_onshore" and r.status == "operating"
    )
    planned = [r for r in rows if r.carrier == "wind_onshore" and r.status == "planned"]
    data_date = meta.get("data_date")
    return DatabaseSummary(
        is_demo=meta.get("is_demo") == "True",
        region_prefix=meta.get("region_prefix") or "",
        region_name=meta.get("region_name") or "",
        data_date=date.fromisoformat(data_date) if data_date else None,
        by_carrier_status=rows,
        sources=sources,
        wind_operating_mw=wind_op,
        wind_planned_units=sum(r.units for r in planned),
        wind_planned_mw=sum(r.gross_mw for r in planned),
        problems=problems,
    )
