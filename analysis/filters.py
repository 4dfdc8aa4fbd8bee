"""The selection (carriers, statuses, municipality, period) and its translation to SQL.

:class:`Filters` is what pages, briefings and queries share; the dashboard
keeps it in the session and the URL (``dashboard/state.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Which filters exist (pages choose the ones that make sense for them).
FILTER_NAMES: tuple[str, ...] = ("carrier", "status", "municipality", "period")


@dataclass(frozen=True)
class Filters:
    """The current selection; empty tuples / ``None`` mean "all"."""

    carriers: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    municipality: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def without(self, *names: str) -> Filters:
        """A copy with some filters reset to "all" (for pages that ignore them)."""
        return Filters(
            carriers=() if "carrier" in names else self.carriers,
            statuses=() if "status" in names else self.statuses,
            municipality=None if "municipality" in names else self.municipality,
            year_from=None if "period" in names else self.year_from,
            year_to=None if "period" in names else self.year_to,
        )


def _in(column: str, values: Sequence[str]) -> tuple[str, list[object]]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def where(
    f: Filters,
    *,
    carrier: bool = True,
    status: bool = True,
    municipality: bool = True,
    prefix: str = "",
) -> tuple[str, list[object]]:
    """``WHERE`` clause (or ``WHERE TRUE``) and parameters for the chosen filters."""
    parts: list[str] = []
    params: list[object] = []
    if carrier and f.carriers:
        sql, p = _in(f"{prefix}carrier", f.carriers)
        parts.append(sql)
        params += p
    if status and f.statuses:
        sql, p = _in(f"{prefix}status", f.statuses)
        parts.append(sql)
        params += p
    if municipality and f.municipality:
        parts.append(f"{prefix}municipality_key = ?")
        params.append(f.municipality)
    return "WHERE " + (" AND ".join(parts) if parts else "TRUE"), params


def period_sql(f: Filters, prefix: str = "") -> tuple[str, list[object]]:
    """Condition on the (planned) commissioning year for unit lists."""
    if f.year_from is None or f.year_to is None:
        return "TRUE", []
    return (
        f"year(coalesce({prefix}commissioning_date, {prefix}planned_commissioning_date)) "
        "BETWEEN ? AND ?",
        [f.year_from, f.year_to],
    )
