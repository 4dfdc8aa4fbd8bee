"""Strict reader for the office's table lists (wind permits, hydrogen projects).

:func:`read_list` turns the bytes of an XLSX or CSV file into the validated
rows of a ``core_office__*`` table plus one :class:`Issue` per problem,
naming the row (as the user sees it in Excel) and the column (as headed in
the file). Nothing is accepted silently: unknown statuses, keys outside the
region, text in number columns, duplicate ids, empty rows, formulas, unknown
columns are all reported. The same function serves the ETL and the upload
page, so what the page shows is exactly what the build will do.

Severity: a problem in a required column rejects the row (``row_rejected``);
in an optional column the value is dropped and the row kept
(``field_cleared``); plausibility warnings keep the row as is (``flagged``).
The upload page accepts a file only when nothing is rejected or cleared.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from etl import schema
from etl.office.checks import CHECKS, swap_hint
from etl.office.model import (
    ERROR_ACTIONS,
    Issue,
    ListResult,
    Municipality,
    RegionContext,
)
from etl.office.row import ListRow, parse_field
from etl.office.spec import ListSpec, normalise
from etl.office.tabular import FileProblem, Grid, Tables, read_grid

__all__ = [
    "ERROR_ACTIONS",
    "Issue",
    "ListResult",
    "Municipality",
    "RegionContext",
    "map_columns",
    "read_list",
    "read_list_file",
]


def map_columns(
    grid: Grid, spec: ListSpec
) -> tuple[dict[str, int], list[Issue], list[str], list[str]]:
    """Map the file's headers to the list's fields.

    Returns (field name -> column index, issues, unknown headers, missing fields).
    """
    mapping: dict[str, int] = {}
    issues: list[Issue] = []
    unknown: list[str] = []
    for idx, header in enumerate(grid.headers):
        if not header:
            if any(not cells[idx].is_empty for _, cells in grid.rows if idx < len(cells)):
                issues.append(
                    Issue(
                        "unnamed_column",
                        f"column {idx + 1} has values but no header: its values were ignored",
                        "flagged",
                        column=f"#{idx + 1}",
                        params={"index": idx + 1},
                    )
                )
            continue
        key = normalise(header)
        matches = [f for f in spec.fields if key in f.match_keys]
        if not matches:
            unknown.append(header)
            issues.append(
                Issue(
                    "unknown_column",
                    f"column {header!r} is not part of the template: its values were ignored",
                    "flagged",
                    column=header,
                    params={"column": header},
                )
            )
            continue
        f = matches[0]
        if f.name in mapping:
            issues.append(
                Issue(
                    "duplicate_column",
                    f"column {header!r} appears twice (as {grid.headers[mapping[f.name]]!r}): "
                    "the file cannot be read unambiguously",
                    "row_rejected",
                    column=header,
                    params={"column": header, "other": grid.headers[mapping[f.name]]},
                )
            )
            continue
        mapping[f.name] = idx
    missing = [f.name for f in spec.fields if f.name not in mapping]
    for name in missing:
        f = spec.field(name)
        if f.required:
            issues.append(
                Issue(
                    "missing_column",
                    f"required column {f.header_de!r} ({f.header_en}) is missing: "
                    "no row can be loaded",
                    "row_rejected",
                    column=f.header_de,
                    params={"column": f.header_de},
                )
            )
    return mapping, issues, unknown, missing


def _read_rows(
    grid: Grid,
    spec: ListSpec,
    mapping: dict[str, int],
    ctx: RegionContext,
    row_checks: Callable[[ListRow, RegionContext], None],
    result: ListResult,
) -> tuple[list[dict[str, object]], int]:
    """The accepted rows (as values) and the number of rows read; problems go to ``result``."""
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    read = 0
    key_field = spec.field(spec.key)
    for rownum, cells in grid.rows:
        if all(c.is_empty for c in cells):
            result.add_issues(
                [
                    Issue(
                        "empty_row",
                        "empty row between entries: skipped (delete it, or fill it in)",
                        "row_rejected",
                        row=rownum,
                    )
                ]
            )
            continue
        read += 1
        row = ListRow(rownum, grid, mapping, cells)
        for f in spec.fields:
            if f.name in mapping or f.required:
                parse_field(row, f, ctx)
            elif f.kind == "mastr_ids":
                row.values["unit_ids_mastr"] = None
                row.values["permit_ids_mastr"] = None
            else:
                row.values[f.name] = None
        key = row.values.get(spec.key)
        row.record_id = None if key is None else str(key)
        if key is not None:
            if key in seen:
                row.problem(
                    key_field,
                    "duplicate_id",
                    f"{key_field.header_en} {key!r} already used in row {seen[key]}: "
                    "each id only once",
                    action="row_rejected",
                    first_row=seen[key],
                    value=str(key),
                )
            else:
                seen[str(key)] = rownum
        if not row.rejected:
            row_checks(row, ctx)
        for i in row.issues:
            i.record_id = row.record_id
        result.add_issues(row.issues)
        if not row.rejected:
            rows.append({**row.values, "row_ref": str(rownum)})
    return rows, read


def read_list(
    data: bytes,
    spec: ListSpec,
    ctx: RegionContext,
    source_file: str = "upload",
    tables: Tables | None = None,
) -> ListResult:
    """Read and validate one office list from the bytes of an XLSX or CSV file.

    ``tables`` are the file's tables when already read (:func:`etl.office.tabular.read_tables`).
    """
    table = schema.table(spec.table_name)
    empty = schema.empty_frame(table)
    try:
        grid = read_grid(data, spec, tables)
    except FileProblem as exc:
        issue = Issue(exc.code, str(exc), "row_rejected", params=exc.params)
        return ListResult(spec, source_file, empty, [issue], file_problem=exc)
    mapping, issues, unknown, missing = map_columns(grid, spec)
    result = ListResult(
        spec,
        source_file,
        empty,
        issues,
        sheet=grid.sheet,
        unknown_columns=unknown,
        missing_columns=missing,
    )
    if any(i.code in ("missing_column", "duplicate_column") for i in issues):
        result.rows_read = sum(1 for _, cells in grid.rows if not all(c.is_empty for c in cells))
        return result
    rows, read = _read_rows(grid, spec, mapping, ctx, CHECKS[spec.kind], result)
    if spec.kind == "hydrogen_projects":
        swap_hint(result.issues, grid, mapping)
    result.rows_read = read
    if not rows:
        return result
    import pandas as pd

    df = pd.DataFrame(rows)
    df["source_file"] = source_file
    for c in table.column_names:
        if c not in df.columns:
            df[c] = None
    if "is_location_approximate" in df.columns:
        df["is_location_approximate"] = df["is_location_approximate"].fillna(False).astype(bool)
    # Last guard: the schema's own constraints (should never fire after the checks above).
    res = schema.validate(df[table.column_names], table, row_refs=df["row_ref"], check_key=True)
    for p in res.problems.itertuples():
        result.add_issues(
            [
                Issue(
                    "schema",
                    p.reason,
                    p.action,
                    row=int(p.row_ref) if p.row_ref and str(p.row_ref).isdigit() else None,
                    column=p.field,
                    raw_value=p.raw_value,
                    record_id=p.record_id,
                )
            ]
        )
    result.valid = res.valid
    return result


def read_list_file(path: Path, spec: ListSpec, ctx: RegionContext) -> ListResult:
    """:func:`read_list` for a file on disk."""
    from etl.office.tabular import read_path

    try:
        data = read_path(path)
    except FileProblem as exc:
        issue = Issue(exc.code, str(exc), "row_rejected", params=exc.params)
        return ListResult(
            spec,
            path.name,
            schema.empty_frame(schema.table(spec.table_name)),
            [issue],
            0,
            file_problem=exc,
        )
    return read_list(data, spec, ctx, source_file=path.name)
