"""Vectorised validation of frames against a table definition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.schema.checks_sql import constraint_rules
from etl.schema.model import Column, Table

if TYPE_CHECKING:  # pandas on use: a district build reads its sources without it
    import pandas as pd

_PANDAS_DTYPES = {
    "VARCHAR": "string",
    "DOUBLE": "Float64",
    "BIGINT": "Int64",
    "BOOLEAN": "boolean",
}
PROBLEM_COLUMNS: tuple[str, ...] = (
    "row_ref",
    "record_id",
    "field",
    "reason",
    "raw_value",
    "action",
)


@dataclass
class ValidationResult:
    """Rows that passed and one problem record per failed check."""

    valid: pd.DataFrame
    problems: pd.DataFrame  # columns of REJECTED_ROWS minus source/source_file
    valid_index: pd.Index  # positions of the valid rows in the input frame


def empty_frame(tbl: Table) -> pd.DataFrame:
    """An empty frame with the table's columns and pandas dtypes."""
    import pandas as pd

    return conform(pd.DataFrame({c: [] for c in tbl.column_names}), tbl)


def conform(df: pd.DataFrame, tbl: Table) -> pd.DataFrame:
    """Order and type the columns of ``df`` as the table defines them.

    Raises ``ValueError`` naming the missing columns; extra columns are dropped.
    """
    import pandas as pd

    missing = [c for c in tbl.column_names if c not in df.columns]
    if missing:
        raise ValueError(f"{tbl.name}: missing columns {missing}")
    out = df[tbl.column_names].copy()
    for c in tbl.columns:
        if c.dtype in _PANDAS_DTYPES:
            out[c.name] = out[c.name].astype(_PANDAS_DTYPES[c.dtype])
        elif c.dtype == "DATE":
            out[c.name] = pd.to_datetime(out[c.name], errors="raise").astype("datetime64[s]")
        elif c.dtype == "TIMESTAMP":
            out[c.name] = pd.to_datetime(out[c.name], errors="raise").astype("datetime64[us]")
    return out


def _failed_checks(s: pd.Series, col: Column) -> list[tuple[pd.Series, str]]:
    """(mask, reason) for each constraint of ``col`` that values of ``s`` break."""
    present = s.notna()
    masks = {
        "allowed": lambda: ~s.isin(col.allowed or ()),
        "min": lambda: s < col.min_value,
        "max": lambda: s > col.max_value,
        "length": lambda: s.str.len() != col.length,
        "pattern": lambda: ~s.str.fullmatch(col.pattern or "").fillna(False),
    }
    return [(present & masks[rule](), reason) for rule, reason, _ in constraint_rules(col)]


def validate(
    df: pd.DataFrame,
    tbl: Table,
    row_refs: pd.Series | None = None,
    record_ids: pd.Series | None = None,
    check_key: bool = True,
) -> ValidationResult:
    """Check a frame against the table definition, row by row, vectorised.

    A missing required value, or a value breaking allowed codes, range, length
    or pattern, is handled by the column's policy: ``reject_row`` removes the
    row, ``clear_field`` keeps the row without the value. A repeated primary
    key rejects the later row. Every problem is reported (one per field).
    ``row_refs`` names each row in messages (CSV row, XML element).
    ``check_key=False`` leaves duplicate keys to a later step.
    """
    import pandas as pd

    df = conform(df.reset_index(drop=True), tbl)
    if row_refs is not None:
        row_refs = row_refs.reset_index(drop=True)
    if row_refs is None:
        row_refs = pd.Series(range(1, len(df) + 1), index=df.index).astype("string")
    if record_ids is None:
        pk = tbl.primary_key[0] if tbl.primary_key else None
        record_ids = df[pk] if pk else pd.Series(pd.NA, index=df.index, dtype="string")
    bad = pd.Series(False, index=df.index)
    problems: list[pd.DataFrame] = []

    def report(mask: pd.Series, col: Column, reason: str, action: str) -> None:
        nonlocal bad
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        if action == "row_rejected":
            bad |= mask
        else:
            reason = f"{reason}: value cleared"
        problems.append(
            pd.DataFrame(
                {
                    "row_ref": row_refs[mask].astype("string"),
                    "record_id": record_ids[mask].astype("string"),
                    "field": col.name,
                    "reason": reason,
                    "raw_value": df.loc[mask, col.name].astype("string"),
                    "action": action,
                }
            )
        )

    for col in tbl.columns:
        s = df[col.name]
        if not col.nullable:
            report(s.isna(), col, f"{col.name} is required", "row_rejected")
        action = "row_rejected" if col.on_invalid == "reject_row" else "field_cleared"
        cleared = pd.Series(False, index=df.index)
        for mask, reason in _failed_checks(s, col):
            report(mask, col, reason, action)
            cleared |= mask.fillna(False).astype(bool)
        if action == "field_cleared" and cleared.any():
            df.loc[cleared, col.name] = pd.NA
    if check_key and tbl.primary_key:
        dup = df.duplicated(list(tbl.primary_key), keep="first") & ~bad
        if dup.any():
            report(
                dup,
                tbl.column(tbl.primary_key[0]),
                "duplicate id: an earlier row with the same key was kept",
                "row_rejected",
            )

    problem_df = (
        pd.concat(problems, ignore_index=True)
        if problems
        else pd.DataFrame({c: pd.Series(dtype="string") for c in PROBLEM_COLUMNS})
    )
    return ValidationResult(
        valid=df[~bad].reset_index(drop=True),
        problems=problem_df,
        valid_index=df.index[~bad],
    )
