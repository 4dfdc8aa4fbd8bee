"""Capacity by carrier and status, additions and the time series.

The headline figures built from them are in :mod:`analysis.headline`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from analysis.db import query, scalar
from analysis.filters import Filters, where
from analysis.queries.build import data_date
from etl import schema


# --------------------------------------------------------------------------- #
# Capacity
# --------------------------------------------------------------------------- #
def capacity(db: str, f: Filters) -> pd.DataFrame:
    """Units and gross capacity by carrier and status.

    Columns ``carrier, status, unit_count, capacity_kw, storage_kwh`` (usable
    storage capacity, 0 for generators).
    """
    cond, params = where(f)
    return query(
        db,
        f"""
        SELECT carrier, status, sum(unit_count)::BIGINT AS unit_count,
               coalesce(sum(gross_capacity_kw), 0) AS capacity_kw,
               coalesce(sum(storage_energy_kwh), 0) AS storage_kwh
        FROM out_capacity_by_municipality {cond}
        GROUP BY ALL ORDER BY carrier, status
        """,
        tuple(params),
    )


def capacity_by_carrier(db: str, f: Filters) -> pd.DataFrame:
    """One row per carrier (fixed order): operating and planned units and kW."""
    cap = capacity(db, f.without("status"))
    rows = []
    for c in f.carriers or schema.CARRIERS:
        sub = cap[cap["carrier"] == c]
        op = sub[sub["status"] == "operating"]
        pl = sub[sub["status"] == "planned"]
        rows.append(
            {
                "carrier": c,
                "operating_units": int(op["unit_count"].sum()),
                "operating_kw": float(op["capacity_kw"].sum()),
                "planned_units": int(pl["unit_count"].sum()),
                "planned_kw": float(pl["capacity_kw"].sum()),
            }
        )
    return pd.DataFrame(rows)


def population(db: str, municipality: str | None = None) -> float | None:
    """Inhabitants of the region or one municipality (``None`` when not loaded)."""
    cond, params = ("WHERE municipality_key = ?", [municipality]) if municipality else ("", [])
    value = scalar(
        db,
        f"SELECT sum(population) FILTER (WHERE population IS NOT NULL) "
        f"FROM core_bkg__municipalities {cond}",
        tuple(params),
    )
    return None if value is None or pd.isna(value) or value <= 0 else float(value)


def additions(db: str, f: Filters, years: Sequence[int]) -> pd.DataFrame:
    """Units and kW commissioned per year (``year, unit_count, capacity_kw``) for ``years``."""
    cond, params = where(f, status=False)
    marks = ", ".join("?" for _ in years)
    df = query(
        db,
        f"""
        SELECT year(month) AS year, sum(unit_count)::BIGINT AS unit_count,
               sum(capacity_kw) AS capacity_kw
        FROM out_capacity_events {cond} AND event = 'commissioned' AND year(month) IN ({marks})
        GROUP BY ALL
        """,
        (*params, *years),
    )
    out = pd.DataFrame({"year": list(years)})
    out = out.merge(df, on="year", how="left").fillna({"unit_count": 0, "capacity_kw": 0.0})
    out["unit_count"] = out["unit_count"].astype("int64")
    return out


# --------------------------------------------------------------------------- #
# Time series
# --------------------------------------------------------------------------- #
def timeseries(db: str, f: Filters, freq: str = "year") -> pd.DataFrame:
    """Capacity over time per carrier, dense (every period × carrier).

    Columns: ``period`` (first day), ``carrier``, ``added_kw``, ``removed_kw``,
    ``planned_kw``, ``cumulative_kw`` (installed at the end of the period, history
    only), ``projected_kw`` (installed plus planned, from the data date's period
    on) and ``is_projection``. Planned units without a date or with a past date
    count in the period after the data date. The period filter limits the rows,
    not the cumulation; a period that reaches the data date's year keeps the projection.
    """
    if freq not in ("year", "month"):
        raise ValueError("freq must be 'year' or 'month'")
    cond, params = where(f, status=False)
    ref = data_date(db) or date.today()
    # a period reaching the data date keeps the projection beyond it (the slider ends there)
    year_to = None if f.year_to is not None and f.year_to >= ref.year else f.year_to
    step = "1 year" if freq == "year" else "1 month"
    carriers = list(f.carriers or schema.CARRIERS)
    marks = ", ".join("?" for _ in carriers)
    df = query(
        db,
        f"""
        WITH ref AS (SELECT CAST(date_trunc('{freq}', ?::DATE) AS DATE) AS p0),
        ev AS (
            SELECT carrier,
                   CASE WHEN event = 'planned'
                        THEN CAST(date_trunc('{freq}', greatest(
                             coalesce(month, ?::DATE + INTERVAL 1 MONTH),
                             ?::DATE + INTERVAL 1 MONTH)) AS DATE)
                        ELSE CAST(date_trunc('{freq}', month) AS DATE) END AS period,
                   event, capacity_kw
            FROM out_capacity_events {cond}
        ),
        agg AS (
            SELECT carrier, period,
                   sum(capacity_kw) FILTER (WHERE event = 'commissioned') AS added_kw,
                   sum(capacity_kw) FILTER (WHERE event = 'decommissioned') AS removed_kw,
                   sum(capacity_kw) FILTER (WHERE event = 'planned') AS planned_kw
            FROM ev GROUP BY ALL
        ),
        bounds AS (
            SELECT least(min(period), (SELECT p0 FROM ref)) AS lo,
                   greatest(max(period), (SELECT p0 FROM ref)) AS hi FROM agg
        ),
        grid AS (
            SELECT CAST(g.p AS DATE) AS period, c.carrier
            FROM bounds, generate_series(bounds.lo, bounds.hi, INTERVAL {step}) g(p),
                 (SELECT unnest([{marks}]) AS carrier) c
        ),
        dense AS (
            SELECT g.period, g.carrier,
                   coalesce(a.added_kw, 0) AS added_kw,
                   coalesce(a.removed_kw, 0) AS removed_kw,
                   coalesce(a.planned_kw, 0) AS planned_kw
            FROM grid g LEFT JOIN agg a USING (period, carrier)
        ),
        cum AS (
            SELECT *,
                   sum(added_kw - removed_kw) OVER w AS installed_kw,
                   sum(added_kw - removed_kw + planned_kw) OVER w AS with_planned_kw
            FROM dense
            WINDOW w AS (PARTITION BY carrier ORDER BY period
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        SELECT period, carrier, added_kw, removed_kw, planned_kw,
               CASE WHEN period <= (SELECT p0 FROM ref) THEN installed_kw END AS cumulative_kw,
               CASE WHEN period >= (SELECT p0 FROM ref) THEN with_planned_kw END AS projected_kw,
               period > (SELECT p0 FROM ref) AS is_projection
        FROM cum
        WHERE (? IS NULL OR year(period) >= ?) AND (? IS NULL OR year(period) <= ?)
        ORDER BY period, carrier
        """,
        (ref, ref, ref, *params, *carriers, f.year_from, f.year_from, year_to, year_to),
    )
    return df
