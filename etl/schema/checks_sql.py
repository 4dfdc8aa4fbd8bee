"""A table's column checks as SQL: the same rules and reasons as :func:`etl.schema.validate`.

Used where rows are typed in DuckDB (the bulk reader) instead of pandas: each
check is a condition that holds for a row breaking it, with the reason the
findings show and what happens to the row (rejected) or the value (cleared).
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.schema.model import Column, Table


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def constraint_rules(col: Column) -> list[tuple[str, str, str]]:
    """``(rule, reason, SQL condition for a present value breaking it)`` per constraint.

    ``rule`` is ``allowed``, ``min``, ``max``, ``length`` or ``pattern``; the
    reasons are the ones every source's findings show.
    """
    q = _q(col.name)
    rules = []
    if col.allowed:
        values = ", ".join(_lit(v) for v in col.allowed)
        rules.append(
            ("allowed", f"{col.name} not one of {', '.join(col.allowed)}", f"{q} NOT IN ({values})")
        )
    if col.min_value is not None:
        rules.append(("min", f"{col.name} below {col.min_value:g}", f"{q} < {col.min_value}"))
    if col.max_value is not None:
        rules.append(("max", f"{col.name} above {col.max_value:g}", f"{q} > {col.max_value}"))
    if col.length is not None:
        rules.append(
            (
                "length",
                f"{col.name} must have {col.length} characters",
                f"length({q}) <> {col.length}",
            )
        )
    if col.pattern is not None:
        rules.append(
            (
                "pattern",
                f"{col.name} does not match {col.pattern}",
                f"NOT regexp_full_match({q}, {_lit(col.pattern)})",
            )
        )
    return rules


@dataclass(frozen=True)
class SqlCheck:
    """One check of a column: the SQL condition of a failing row, its reason and action."""

    column: str
    condition: str
    reason: str
    action: str  # row_rejected | field_cleared


def table_checks(tbl: Table) -> list[SqlCheck]:
    """Every column check of ``tbl`` in the order :func:`etl.schema.validate` runs them.

    Duplicate keys are not among them: they are resolved after staging.
    """
    checks = []
    for col in tbl.columns:
        q = _q(col.name)
        if not col.nullable:
            checks.append(
                SqlCheck(col.name, f"{q} IS NULL", f"{col.name} is required", "row_rejected")
            )
        reject = col.on_invalid == "reject_row"
        for _rule, reason, fails in constraint_rules(col):
            checks.append(
                SqlCheck(
                    col.name,
                    f"{q} IS NOT NULL AND ({fails})",
                    reason if reject else f"{reason}: value cleared",
                    "row_rejected" if reject else "field_cleared",
                )
            )
    return checks


def valid_rows_sql(checks: list[SqlCheck], relation: str) -> str:
    """The rows of ``relation`` that pass ``checks``, values failing a clearing check emptied."""
    rejected = " OR ".join(
        f"coalesce({c.condition}, false)" for c in checks if c.action == "row_rejected"
    )
    cleared: dict[str, list[str]] = {}
    for c in checks:
        if c.action == "field_cleared":
            cleared.setdefault(c.column, []).append(f"coalesce({c.condition}, false)")
    replace = ", ".join(
        f"CASE WHEN {' OR '.join(conds)} THEN NULL ELSE {_q(col)} END AS {_q(col)}"
        for col, conds in cleared.items()
    )
    select = "SELECT * " + (f"REPLACE ({replace}) " if replace else "")
    return select + f"FROM ({relation}) WHERE NOT ({rejected or 'false'})"
