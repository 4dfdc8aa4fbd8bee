""" "Changes since": compare the served database with an earlier build or a date.

Two ways to define "since":

- **an earlier build** (:func:`compare_builds`): the ETL keeps the last few
  builds (:func:`etl.publish.list_builds`). Both files are attached read-only
  to one in-memory DuckDB connection and compared unit by unit (MaStR id):
  units newly in operation, newly planned, finally decommissioned, newly
  registered although commissioned earlier, gone from the register, and
  corrections of status or capacity of the same unit.
- **a date** (:func:`changes_since_date`): units of the served database whose
  commissioning, registration (planned units) or decommissioning date falls
  after the date. Corrections cannot be seen without an earlier build.

When the office's permit list (``core_office__wind_permits``) is loaded, wind
permits granted or applied for after the baseline date are added.

The result is a small table and a sentence a politician can read, in German
or English (:meth:`Changes.sentence`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from reports import text

#: Table of the office's wind permit list (written by :mod:`etl.office`).
PERMITS_TABLE = "core_office__wind_permits"

#: Order and meaning of the change categories.
CATEGORIES: tuple[str, ...] = (
    "commissioned",
    "planned",
    "decommissioned",
    "registered_late",
    "removed",
    "status_changed",
    "capacity_changed",
    "permit_granted",
    "permit_applied",
)

#: Capacity differences below this (kW) are rounding noise, not corrections.
CAPACITY_TOLERANCE_KW = 0.001

_SUMMARY_COLUMNS = ["category", "carrier", "unit_count", "capacity_kw"]


@dataclass
class Changes:
    """What changed between a baseline and the served database."""

    mode: str  # "build" or "date"
    since: date  # baseline date used in the sentence
    current_build_id: str | None
    current_data_date: date | None
    baseline_build_id: str | None = None
    municipality_key: str | None = None
    #: one row per category and carrier: unit_count, capacity_kw (for
    #: capacity_changed: the net change of capacity in kW)
    summary: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_SUMMARY_COLUMNS))
    #: units whose status or capacity changed (build mode only)
    corrections: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: which categories could be determined at all
    available: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    def totals(self, category: str) -> tuple[int, float]:
        """Units and capacity (kW) of a category over all carriers."""
        rows = self.summary[self.summary["category"] == category]
        return int(rows["unit_count"].sum()), float(rows["capacity_kw"].fillna(0).sum())

    def by_carrier(self, category: str) -> list[tuple[str, int, float]]:
        """(carrier, units, kW) of a category, largest capacity first."""
        rows = self.summary[self.summary["category"] == category].sort_values(
            ["capacity_kw", "unit_count"], ascending=False
        )
        return [
            (str(r.carrier), int(r.unit_count), float(r.capacity_kw or 0))
            for r in rows.itertuples()
        ]

    @property
    def is_empty(self) -> bool:
        """Nothing changed in any category that could be determined."""
        return bool(self.summary.empty or (self.summary["unit_count"] == 0).all())

    def table(self, lang: str = "de") -> pd.DataFrame:
        """The summary with readable labels, for the PDF and the dashboard."""
        t = text.labels(lang)
        rows = []
        for cat in CATEGORIES:
            for carrier, n, kw in self.by_carrier(cat):
                rows.append(
                    {
                        t["change"]: text.category_label(cat, lang),
                        t["carrier"]: text.carrier_label(carrier, lang),
                        t["units"]: text.fmt_int(n, lang),
                        t["capacity_mw"]: text.fmt_number(
                            kw / 1000, lang, decimals=1, signed=cat == "capacity_changed"
                        ),
                    }
                )
        return pd.DataFrame(rows, columns=[t["change"], t["carrier"], t["units"], t["capacity_mw"]])

    def sentence(self, lang: str = "de") -> str:
        """A few plain sentences summarising the changes (German or English)."""
        return text.changes_sentence(self, lang)


# --------------------------------------------------------------------------- #
# Entry points
# --------------------------------------------------------------------------- #
def previous_build(processed_dir: Path, current: Path) -> Path | None:
    """The newest kept build older than ``current``, or ``None``."""
    from etl.publish import check_build_cached, list_builds

    older = [p for p in list_builds(processed_dir) if p.name < current.name]
    intact = [p for p in older if check_build_cached(p) is None]  # never a broken file
    return intact[-1] if intact else None


def compare_builds(
    current: Path, previous: Path, *, municipality_key: str | None = None
) -> Changes:
    """Compare two database builds unit by unit (both opened read-only).

    ``municipality_key`` (an AGS or AGS prefix) limits the comparison to one
    municipality; units are placed by their key in the current build (units
    gone from the register by their key in the previous one).
    """
    if Path(current).resolve() == Path(previous).resolve():
        raise ValueError("the build to compare with is the served build itself")
    con = _connect(current=current, previous=previous)
    try:
        cur_meta = _meta(con, "cur")
        old_meta = _meta(con, "old")
        since = _meta_date(old_meta, "data_date") or _meta_date(old_meta, "built_at")
        if since is None:
            raise ValueError(f"{Path(previous).name} records neither data date nor build time")
        ch = Changes(
            mode="build",
            since=since,
            current_build_id=cur_meta.get("build_id"),
            current_data_date=_meta_date(cur_meta, "data_date"),
            baseline_build_id=old_meta.get("build_id") or Path(previous).stem,
            municipality_key=municipality_key,
            available=CATEGORIES[:7],
        )
        if (cur_meta.get("region_prefix") or "") != (old_meta.get("region_prefix") or ""):
            ch.notes.append(
                f"region differs: served build {cur_meta.get('region_prefix')!r}, "
                f"earlier build {old_meta.get('region_prefix')!r}"
            )
        if old_meta.get("is_demo") != cur_meta.get("is_demo"):
            ch.notes.append("one of the two builds holds demo data, the other real data")
        params = {"key": municipality_key or "", "since": since, "tol": CAPACITY_TOLERANCE_KW}
        summary = con.execute(_BUILD_SUMMARY_SQL, params).df()
        ch.corrections = con.execute(
            _CORRECTIONS_SQL, {"key": params["key"], "tol": params["tol"]}
        ).df()
        summary = pd.concat([summary, _permit_summary(con, "cur", since, municipality_key)])
        if _has_table(con, "cur", PERMITS_TABLE):
            ch.available = CATEGORIES
        ch.summary = _tidy(summary)
        return ch
    finally:
        con.close()


def changes_since_date(
    current: Path, since: date, *, municipality_key: str | None = None
) -> Changes:
    """Units of ``current`` whose dates fall after ``since`` (exclusive).

    Newly in operation: commissioning date after ``since``; newly planned:
    planned units registered after ``since``; decommissioned: final
    decommissioning after ``since``. Corrections need an earlier build.
    """
    con = _connect(current=current)
    try:
        meta = _meta(con, "cur")
        ch = Changes(
            mode="date",
            since=since,
            current_build_id=meta.get("build_id"),
            current_data_date=_meta_date(meta, "data_date"),
            municipality_key=municipality_key,
            available=("commissioned", "planned", "decommissioned"),
        )
        ch.notes.append(
            "corrections of status or capacity can only be shown against an earlier build"
        )
        params = {"key": municipality_key or "", "since": since}
        summary = con.execute(_DATE_SUMMARY_SQL, params).df()
        summary = pd.concat([summary, _permit_summary(con, "cur", since, municipality_key)])
        if _has_table(con, "cur", PERMITS_TABLE):
            ch.available = (*ch.available, "permit_granted", "permit_applied")
        ch.summary = _tidy(summary)
        return ch
    finally:
        con.close()


# --------------------------------------------------------------------------- #
# SQL
# --------------------------------------------------------------------------- #
_IN_AREA = "coalesce({t}.municipality_key, '') LIKE $key || '%'"

_BUILD_SUMMARY_SQL = f"""
WITH cur AS (
    SELECT * FROM cur.core_mastr__units c WHERE {_IN_AREA.format(t="c")}
), old AS (
    SELECT * FROM old.core_mastr__units o
), joined AS (
    SELECT cur.*, old.status AS old_status, old.gross_capacity_kw AS old_kw,
           old.unit_id_mastr IS NOT NULL AS in_old
    FROM cur LEFT JOIN old USING (unit_id_mastr)
), classified AS (
    SELECT carrier, gross_capacity_kw, CASE
        WHEN status = 'operating' AND (NOT in_old OR old_status = 'planned')
             AND (commissioning_date IS NULL OR commissioning_date > $since
                  OR old_status = 'planned')
            THEN 'commissioned'
        WHEN NOT in_old AND status <> 'planned'
             AND NOT (status = 'permanently_shut_down' AND decommissioning_date > $since)
            THEN 'registered_late'
        WHEN status = 'planned' AND NOT in_old
            THEN 'planned'
        WHEN status = 'permanently_shut_down'
             AND (NOT in_old OR old_status <> 'permanently_shut_down')
            THEN 'decommissioned'
        END AS category
    FROM joined
), removed AS (
    SELECT 'removed' AS category, o.carrier, o.gross_capacity_kw
    FROM old.core_mastr__units o
    WHERE {_IN_AREA.format(t="o")}
      AND o.unit_id_mastr NOT IN (SELECT unit_id_mastr FROM cur.core_mastr__units)
), corrected AS (
    SELECT carrier, gross_capacity_kw, old_kw, status, old_status
    FROM joined
    WHERE in_old AND NOT (status = 'operating' AND old_status = 'planned')
      AND NOT (status = 'permanently_shut_down' AND old_status <> 'permanently_shut_down')
)
SELECT category, carrier, count(*) AS unit_count, sum(gross_capacity_kw) AS capacity_kw
FROM classified WHERE category IS NOT NULL GROUP BY ALL
UNION ALL
SELECT category, carrier, count(*), sum(gross_capacity_kw) FROM removed GROUP BY ALL
UNION ALL
SELECT 'status_changed', carrier, count(*), sum(gross_capacity_kw)
FROM corrected WHERE status <> old_status GROUP BY ALL
UNION ALL
SELECT 'capacity_changed', carrier, count(*),
       sum(coalesce(gross_capacity_kw, 0) - coalesce(old_kw, 0))
FROM corrected
WHERE abs(coalesce(gross_capacity_kw, 0) - coalesce(old_kw, 0)) > $tol
   OR (gross_capacity_kw IS NULL) <> (old_kw IS NULL)
GROUP BY ALL
"""

_CORRECTIONS_SQL = f"""
SELECT c.unit_id_mastr, c.unit_name, c.carrier, c.municipality_name,
       o.status AS old_status, c.status AS new_status,
       o.gross_capacity_kw AS old_capacity_kw, c.gross_capacity_kw AS new_capacity_kw
FROM cur.core_mastr__units c JOIN old.core_mastr__units o USING (unit_id_mastr)
WHERE {_IN_AREA.format(t="c")}
  AND NOT (c.status = 'operating' AND o.status = 'planned')
  AND NOT (c.status = 'permanently_shut_down' AND o.status <> 'permanently_shut_down')
  AND (c.status <> o.status
       OR abs(coalesce(c.gross_capacity_kw, 0) - coalesce(o.gross_capacity_kw, 0)) > $tol
       OR (c.gross_capacity_kw IS NULL) <> (o.gross_capacity_kw IS NULL))
ORDER BY c.carrier, c.unit_id_mastr
"""

_DATE_SUMMARY_SQL = f"""
WITH cur AS (
    SELECT * FROM cur.core_mastr__units c WHERE {_IN_AREA.format(t="c")}
)
SELECT 'commissioned' AS category, carrier, count(*) AS unit_count,
       sum(gross_capacity_kw) AS capacity_kw
FROM cur WHERE commissioning_date > $since GROUP BY ALL
UNION ALL
SELECT 'planned', carrier, count(*), sum(gross_capacity_kw)
FROM cur WHERE status = 'planned' AND registration_date > $since GROUP BY ALL
UNION ALL
SELECT 'decommissioned', carrier, count(*), sum(gross_capacity_kw)
FROM cur WHERE decommissioning_date > $since GROUP BY ALL
"""


def _permit_summary(
    con: duckdb.DuckDBPyConnection, db: str, since: date, municipality_key: str | None
) -> pd.DataFrame:
    """Wind turbines permitted / applied for after ``since``, from the office's permit list.

    A procedure counts with its ``turbine_count`` and ``capacity_mw`` when its
    ``permit_date`` (granted) or ``application_date`` (applied for) is after
    ``since``, whatever its state today.
    """
    if not _has_table(con, db, PERMITS_TABLE):
        return pd.DataFrame(columns=_SUMMARY_COLUMNS)
    parts = [
        f"""
        SELECT '{cat}' AS category, 'wind_onshore' AS carrier,
               sum(turbine_count)::BIGINT AS unit_count, sum(capacity_mw) * 1000 AS capacity_kw
        FROM {db}.{PERMITS_TABLE}
        WHERE {col} > $since AND {_IN_AREA.format(t=PERMITS_TABLE)}
        HAVING count(*) > 0
        """
        for cat, col in (("permit_granted", "permit_date"), ("permit_applied", "application_date"))
    ]
    return con.execute(
        " UNION ALL ".join(parts), {"since": since, "key": municipality_key or ""}
    ).df()


# --------------------------------------------------------------------------- #
# Helpers
# --------------------------------------------------------------------------- #
def _connect(*, current: Path, previous: Path | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for alias, path in (("cur", current), ("old", previous)):
        if path is None:
            continue
        if not Path(path).exists():
            con.close()
            raise FileNotFoundError(f"database build not found: {path}")
        escaped = str(path).replace("'", "''")
        con.execute(f"ATTACH '{escaped}' AS {alias} (READ_ONLY)")
    return con


def _meta(con: duckdb.DuckDBPyConnection, db: str) -> dict[str, str | None]:
    return dict(con.execute(f"SELECT key, value FROM {db}.meta_build").fetchall())


def _meta_date(meta: dict[str, str | None], key: str) -> date | None:
    value = meta.get(key)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _has_table(con: duckdb.DuckDBPyConnection, db: str, table: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = ? AND table_name = ?",
            [db, table],
        ).fetchone()[0]
    )


def _tidy(summary: pd.DataFrame) -> pd.DataFrame:
    summary = summary[_SUMMARY_COLUMNS].copy()
    summary["unit_count"] = summary["unit_count"].fillna(0).astype("int64")
    summary["capacity_kw"] = summary["capacity_kw"].astype("float64")
    summary = summary[summary["unit_count"] > 0]
    order = {c: i for i, c in enumerate(CATEGORIES)}
    summary = summary.assign(_o=summary["category"].map(order)).sort_values(
        ["_o", "capacity_kw"], ascending=[True, False]
    )
    return summary.drop(columns="_o").reset_index(drop=True)
