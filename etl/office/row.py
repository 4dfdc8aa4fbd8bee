"""One row of an office list: its cells, parsed values and issues."""

from __future__ import annotations

from collections.abc import Callable

from etl.office import parse
from etl.office.fields import Field
from etl.office.model import Issue, RegionContext
from etl.office.tabular import Cell, Grid, cell_text


class ListRow:
    """Collects the values and issues of one row of a list."""

    def __init__(self, rownum: int, grid: Grid, mapping: dict[str, int], cells: list[Cell]):
        self.rownum = rownum
        self.grid = grid
        self.mapping = mapping
        self.cells = cells
        self.values: dict[str, object] = {}
        self.issues: list[Issue] = []
        self.rejected = False
        self.record_id: str | None = None

    def cell(self, name: str) -> Cell:
        """The cell of field ``name`` (an empty cell when the column is absent)."""
        idx = self.mapping.get(name)
        return Cell(None) if idx is None else self.cells[idx]

    def header(self, name: str) -> str | None:
        """The header of field ``name`` as written in the file, else ``None``."""
        idx = self.mapping.get(name)
        return None if idx is None else self.grid.headers[idx]

    def problem(
        self,
        f: Field | None,
        code: str,
        reason: str,
        *,
        action: str | None = None,
        column: str | None = None,
        raw: str | None = None,
        **params: object,
    ) -> None:
        """Record a problem; by default the schema column's policy decides its action."""
        if action is None:
            action = _default_action(f)
        if action == "row_rejected":
            self.rejected = True
        if action == "field_cleared" and f is not None:
            self.values[f.name] = None
            reason = f"{reason}; value dropped, row kept"
        if f is not None and column is None:
            column = self.header(f.name) or f.header_de
        if raw is None and f is not None:
            c = self.cell(f.name)
            raw = None if c.is_empty else cell_text(c)
        self.issues.append(
            Issue(
                code,
                reason,
                action,
                row=self.rownum,
                column=column,
                raw_value=raw,
                params=params,
                field_name=None if f is None else f.name,
            )
        )


def _default_action(f: Field | None) -> str:
    """``row_rejected`` or ``field_cleared``, from the policy of the field's schema column.

    A problem that belongs to no field rejects the row; an input-only field
    (no schema column) is optional, so its value is dropped.
    """
    if f is None:
        return "row_rejected"
    if f.column is None:
        return "field_cleared"
    return "row_rejected" if f.column.on_invalid == "reject_row" else "field_cleared"


_PARSERS: dict[str, Callable[[Cell], object]] = {
    "id": parse.text,
    "text": parse.text,
    "int": parse.integer,
    "number": parse.number,
    "date": parse.day,
    "month_date": lambda c: parse.day(c, allow_partial=True),
    "year": parse.year,
}


def parse_field(row: ListRow, f: Field, ctx: RegionContext) -> None:
    """Parse the cell of ``f`` into ``row.values``, recording any problem on the row."""
    cell = row.cell(f.name)
    if cell.is_formula:
        row.problem(
            f,
            "formula",
            f"cell contains a formula ({cell_text(cell)}); formulas are not evaluated: "
            "enter the value itself",
            formula=cell_text(cell),
        )
        return
    if cell.is_empty:
        row.values[f.name] = None
        if f.required:
            row.problem(f, "required", f"{f.header_en} is required")
        return
    try:
        if f.kind == "code":
            label = parse.text(cell)
            code = f.code_for(label or "")
            if code is None:
                allowed = ", ".join(f.display_codes("de"))
                row.problem(
                    f,
                    "unknown_code",
                    f"{label!r} is not a known {f.header_en.lower()} (allowed: {allowed})",
                    allowed=allowed,
                    value=label,
                )
                return
            row.values[f.name] = code
        elif f.kind == "ags":
            key, restored = parse.ags(cell)
            if not ctx.region.contains(key):
                row.problem(
                    f,
                    "ags_outside_region",
                    f"municipality key {key} lies outside the region (keys start with "
                    f"{ctx.prefix})",
                    action="row_rejected",
                    key=key,
                    prefix=ctx.prefix,
                )
                return
            row.values[f.name] = key
            if restored:
                row.problem(
                    f,
                    "ags_zero_restored",
                    f"municipality key {key}: the leading zero lost by Excel was restored",
                    action="flagged",
                    key=key,
                )
            if ctx.municipalities and key not in ctx.municipalities:
                row.problem(
                    f,
                    "ags_unknown",
                    f"municipality key {key} is not in the boundary data (merged or renamed "
                    "municipality?)",
                    action="flagged",
                    key=key,
                )
        elif f.kind == "mastr_ids":
            units, permits = parse.mastr_ids(cell)
            row.values["unit_ids_mastr"] = ",".join(units) or None
            row.values["permit_ids_mastr"] = ",".join(permits) or None
        else:
            value = _PARSERS[f.kind](cell)
            if isinstance(value, float | int) and not isinstance(value, bool):
                if f.min_value is not None and value < f.min_value:
                    row.problem(
                        f,
                        "below_min",
                        f"{cell_text(cell)} is below the smallest plausible value {f.min_value:g}",
                        value=cell_text(cell),
                        min=f"{f.min_value:g}",
                    )
                    return
                if f.max_value is not None and value > f.max_value:
                    row.problem(
                        f,
                        "above_max",
                        f"{cell_text(cell)} is above the largest plausible value {f.max_value:g}",
                        value=cell_text(cell),
                        max=f"{f.max_value:g}",
                    )
                    return
            row.values[f.name] = value
    except parse.ValueProblem as exc:
        if f.kind == "mastr_ids":
            row.values["unit_ids_mastr"] = None
            row.values["permit_ids_mastr"] = None
        row.problem(f, exc.code, str(exc), **exc.params)
