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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from etl import schema
from etl.office import parse
from etl.office.spec import HYDROGEN, WIND_PERMITS, Field, ListSpec, normalise
from etl.office.tabular import Cell, FileProblem, Grid, cell_text, read_grid

ERROR_ACTIONS = ("row_rejected", "field_cleared")
#: Plausible capacity per wind turbine (MW); outside it an entry is flagged.
MW_PER_TURBINE_RANGE = (0.5, 10.0)


@dataclass
class Issue:
    """One problem found in a list, ready for the rejected-rows table and the upload page."""

    code: str
    reason: str  # English text (stored in meta_rejected_rows)
    action: str  # row_rejected | field_cleared | flagged
    row: int | None = None  # row number as shown by Excel (None: the whole file)
    column: str | None = None  # column header as written in the file
    raw_value: str | None = None
    record_id: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.action in ERROR_ACTIONS


@dataclass
class Municipality:
    """What the readers need to know about one municipality of the region."""

    key: str
    name: str
    centroid_latitude: float | None = None
    centroid_longitude: float | None = None
    geometry: object | None = None  # shapely geometry in WGS84, if loaded


@dataclass
class RegionContext:
    """The region a list must lie in, and its municipalities (when boundaries are loaded)."""

    prefix: str
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    reference_date: date | None = None
    _tree: object | None = field(default=None, repr=False)

    def municipality_at(self, lon: float, lat: float) -> Municipality | None:
        """The municipality containing a point (needs geometries), else ``None``."""
        geoms = [m for m in self.municipalities.values() if m.geometry is not None]
        if not geoms:
            return None
        from shapely import STRtree
        from shapely.geometry import Point

        if self._tree is None:
            self._tree = (STRtree([m.geometry for m in geoms]), geoms)
        tree, items = self._tree
        pt = Point(lon, lat)
        for i in tree.query(pt, predicate="intersects"):
            return items[int(i)]
        return None

    @property
    def has_geometries(self) -> bool:
        return any(m.geometry is not None for m in self.municipalities.values())


@dataclass
class ListResult:
    """Validated rows of a list and every problem found."""

    spec: ListSpec
    source_file: str
    valid: pd.DataFrame
    issues: list[Issue]
    rows_read: int = 0
    sheet: str | None = None
    unknown_columns: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    file_problem: FileProblem | None = None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def is_loadable(self) -> bool:
        """True when the file can be loaded as is: no rejected row, no dropped value."""
        return self.file_problem is None and not self.errors and not self.valid.empty

    def issues_frame(self) -> pd.DataFrame:
        """Issues as a frame with the columns of ``meta_rejected_rows`` (plus code, params)."""
        cols = ["row_ref", "record_id", "field", "reason", "raw_value", "action", "code", "row"]
        if not self.issues:
            return pd.DataFrame({c: pd.Series(dtype="string") for c in cols})
        return pd.DataFrame(
            [
                {
                    "row_ref": None if i.row is None else str(i.row),
                    "record_id": i.record_id,
                    "field": i.column,
                    "reason": i.reason,
                    "raw_value": None if i.raw_value is None else str(i.raw_value)[:500],
                    "action": i.action,
                    "code": i.code,
                    "row": i.row,
                }
                for i in self.issues
            ]
        )


# --------------------------------------------------------------------------- #
# Column mapping
# --------------------------------------------------------------------------- #
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


# --------------------------------------------------------------------------- #
# The row loop
# --------------------------------------------------------------------------- #
class _Row:
    """Collects the values and issues of one row."""

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
        idx = self.mapping.get(name)
        return Cell(None) if idx is None else self.cells[idx]

    def header(self, name: str) -> str | None:
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
        if action is None:
            action = "row_rejected" if (f is None or f.required) else "field_cleared"
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
            )
        )


_PARSERS: dict[str, Callable[[Cell], object]] = {
    "id": parse.text,
    "text": parse.text,
    "int": parse.integer,
    "number": parse.number,
    "date": parse.day,
    "month_date": lambda c: parse.day(c, allow_partial=True),
    "year": parse.year,
}


def _parse_field(row: _Row, f: Field, ctx: RegionContext) -> None:
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
            if not key.startswith(ctx.prefix):
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


def _read_rows(
    grid: Grid,
    spec: ListSpec,
    mapping: dict[str, int],
    ctx: RegionContext,
    row_checks: Callable[[_Row, RegionContext], None],
) -> tuple[list[dict[str, object]], list[Issue], int]:
    rows: list[dict[str, object]] = []
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    read = 0
    key_field = spec.field(spec.key)
    for rownum, cells in grid.rows:
        if all(c.is_empty for c in cells):
            issues.append(
                Issue(
                    "empty_row",
                    "empty row between entries: skipped (delete it, or fill it in)",
                    "row_rejected",
                    row=rownum,
                )
            )
            continue
        read += 1
        row = _Row(rownum, grid, mapping, cells)
        for f in spec.fields:
            if f.name in mapping or f.required:
                _parse_field(row, f, ctx)
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
        issues.extend(row.issues)
        if not row.rejected:
            rows.append({**row.values, "row_ref": str(rownum)})
    return rows, issues, read


# --------------------------------------------------------------------------- #
# List-specific checks
# --------------------------------------------------------------------------- #
def _permit_checks(row: _Row, ctx: RegionContext) -> None:
    v = row.values
    f = WIND_PERMITS.field
    status = v.get("status")
    app, permit = v.get("application_date"), v.get("permit_date")
    if app and permit and permit < app:
        row.problem(
            f("permit_date"),
            "permit_before_application",
            "the permit date lies before the application date",
            action="flagged",
        )
    if status in ("approved", "under_construction", "operating") and not permit:
        row.problem(
            f("permit_date"),
            "permit_date_missing",
            f"status {status} but no permit date: the time in each stage cannot be shown",
            action="flagged",
            status=status,
        )
    if status == "applied" and permit:
        row.problem(
            f("permit_date"),
            "permit_date_but_applied",
            "status applied but a permit date is given: is the status out of date?",
            action="flagged",
        )
    if ctx.reference_date:
        for name in ("application_date", "permit_date", "commissioning_date"):
            d = v.get(name)
            if d and d > ctx.reference_date:
                row.problem(
                    f(name),
                    "date_in_future",
                    f"{f(name).header_en} lies in the future",
                    action="flagged",
                )
    mw, n = v.get("capacity_mw"), v.get("turbine_count")
    if mw and n:
        per = mw / n
        lo, hi = MW_PER_TURBINE_RANGE
        if not lo <= per <= hi:
            row.problem(
                f("capacity_mw"),
                "mw_per_turbine",
                f"{per:.2f} MW per turbine is implausible (kW entered as MW, or a wrong "
                "number of turbines?)",
                action="flagged",
                per_turbine=round(per, 2),
            )
    key = v.get("municipality_key")
    given = v.get("municipality_name_input")
    muni = ctx.municipalities.get(key) if key else None
    if muni and given and normalise(given) not in normalise(muni.name):
        row.problem(
            f("municipality_name_input"),
            "municipality_name_differs",
            f"the name {given!r} does not match key {key} ({muni.name}): the key is used",
            action="flagged",
            key=key,
            name=muni.name,
        )
    v["municipality_name"] = muni.name if muni else given


def _hydrogen_checks(row: _Row, ctx: RegionContext) -> None:
    v = row.values
    f = HYDROGEN.field
    lat, lon = v.get("latitude"), v.get("longitude")
    lat_cell, lon_cell = row.cell("latitude"), row.cell("longitude")
    if (lat is None) != (lon is None):
        if lat_cell.is_empty or lon_cell.is_empty:
            row.problem(
                f("latitude"),
                "coordinates_incomplete",
                "only one of latitude and longitude is given: both are needed",
                action="field_cleared",
                column=f"{row.header('latitude')}/{row.header('longitude')}",
                raw=f"{cell_text(lat_cell)}, {cell_text(lon_cell)}",
            )
        v["latitude"] = v["longitude"] = None
        lat = lon = None
    key = v.get("municipality_key")
    if lat is None and lon is None:
        if key is None:
            coord_headers = {row.header("latitude"), row.header("longitude")}
            coord_issues = [
                i
                for i in row.issues
                if i.is_error and (i.column in coord_headers or "/" in (i.column or ""))
            ]
            if coord_issues:
                for i in coord_issues:
                    i.action = "row_rejected"
                    i.reason = i.reason.replace(
                        "; value dropped, row kept", "; no other location given: row rejected"
                    )
                row.rejected = True
            else:
                row.problem(
                    f("municipality_key"),
                    "location_missing",
                    "neither a municipality key nor coordinates: the project cannot be placed",
                    action="row_rejected",
                )
            return
        muni = ctx.municipalities.get(key)
        v["latitude"] = muni.centroid_latitude if muni else None
        v["longitude"] = muni.centroid_longitude if muni else None
        v["is_location_approximate"] = True
        v["municipality_name"] = muni.name if muni else None
    else:
        v["is_location_approximate"] = False
        if ctx.has_geometries:
            at = ctx.municipality_at(lon, lat)
            if at is None:
                row.problem(
                    f("latitude"),
                    "coordinates_outside_region",
                    f"the coordinates {lat:.5f}, {lon:.5f} lie outside the region",
                    action="row_rejected",
                    column=f"{row.header('latitude')}/{row.header('longitude')}",
                    raw=f"{cell_text(lat_cell)}, {cell_text(lon_cell)}",
                )
                return
            if key and key != at.key:
                row.problem(
                    f("municipality_key"),
                    "coordinates_other_municipality",
                    f"the coordinates lie in {at.name} ({at.key}), not in {key}: {at.key} is used",
                    action="flagged",
                    key=key,
                    found=at.key,
                    name=at.name,
                )
            v["municipality_key"] = at.key
            v["municipality_name"] = at.name
        else:
            muni = ctx.municipalities.get(key) if key else None
            v["municipality_name"] = muni.name if muni else None
    if v.get("project_type") == "electrolysis" and v.get("electrolyser_mw") is None:
        row.problem(
            f("electrolyser_mw"),
            "electrolyser_mw_missing",
            "an electrolysis project without electrolyser capacity (MW)",
            action="flagged",
        )


_CHECKS = {"wind_permits": _permit_checks, "hydrogen_projects": _hydrogen_checks}


def _swap_hint(issues: list[Issue], rows_grid: Grid, mapping: dict[str, int]) -> None:
    """Say so when latitude and longitude look swapped (11.x as latitude, 53.x as longitude)."""
    for i in issues:
        if i.code in ("below_min", "above_max") and i.column in (
            rows_grid.headers[mapping["latitude"]] if "latitude" in mapping else None,
            rows_grid.headers[mapping["longitude"]] if "longitude" in mapping else None,
        ):
            i.reason += " (latitude and longitude swapped?)"


def read_list(
    data: bytes, spec: ListSpec, ctx: RegionContext, source_file: str = "upload"
) -> ListResult:
    """Read and validate one office list from the bytes of an XLSX or CSV file."""
    table = schema.table(spec.table_name)
    empty = schema.empty_frame(table)
    try:
        grid = read_grid(data, spec)
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
    rows, row_issues, read = _read_rows(grid, spec, mapping, ctx, _CHECKS[spec.kind])
    if spec.kind == "hydrogen_projects":
        _swap_hint(row_issues, grid, mapping)
    result.issues.extend(row_issues)
    result.rows_read = read
    if not rows:
        return result
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
        result.issues.append(
            Issue(
                "schema",
                p.reason,
                "row_rejected",
                row=int(p.row_ref) if p.row_ref and str(p.row_ref).isdigit() else None,
                column=p.field,
                raw_value=p.raw_value,
                record_id=p.record_id,
            )
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
