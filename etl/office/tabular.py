"""Read the cells of an office list from XLSX or CSV, without trusting the file.

XLSX is streamed by :mod:`etl.office.xlsx` (formulas stay visible: a formula
is never evaluated, it is reported). CSV is read as text in whatever encoding
and separator it uses (UTF-8 with or without BOM, or Windows-1252; ``;``,
``,`` or tab). Both apply the limits of :mod:`etl.office.cells` (rows,
columns, filled cells) while reading and refuse the file at the first row past
a limit. Nothing is converted here: every cell is returned as found, with its
position, and the header row is located by matching the column names of a
:class:`~etl.office.spec.ListSpec`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from etl.office.cells import (
    HEADER_SEARCH_ROWS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    Cell,
    FileProblem,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)
from etl.office.spec import LIST_SPECS, ListSpec, normalise
from etl.office.xlsx import read_xlsx_sheets

__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_ROWS",
    "Cell",
    "FileProblem",
    "Grid",
    "detect_kind",
    "read_csv_rows",
    "read_grid",
    "read_tables",
    "read_xlsx_sheets",
    "sniff_format",
]


@dataclass
class Grid:
    """The table found in a file: header texts and the data rows below them."""

    headers: list[str]
    rows: list[tuple[int, list[Cell]]]  # (row number as the user sees it, cells)
    sheet: str | None = None
    header_row: int = 1
    notes: list[str] = field(default_factory=list)


def sniff_format(data: bytes) -> str:
    """What a file really is, from its first bytes: xlsx, xls, gpkg, zip, csv or unknown."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except Exception:  # BadZipFile, struct and value errors of a broken directory
            return "unknown"
        if "xl/workbook.xml" in names or (
            "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
        ):
            return "xlsx"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if _decode_text(data[:65536], probe=True) is not None:
        return "csv"
    return "unknown"


def _decode_text(data: bytes, probe: bool = False) -> str | None:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    for enc in ("utf-8-sig", "utf-16", "cp1252"):
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            if probe and enc == "utf-8-sig":
                # a probe may cut a multi-byte character at the end
                try:
                    text = data[:-3].decode(enc)
                except UnicodeDecodeError:
                    continue
            else:
                continue
        if enc == "cp1252" and any(ord(ch) < 32 and ch not in "\r\n\t" for ch in text[:4096]):
            return None
        return text
    return None


def read_csv_rows(data: bytes) -> list[list[Cell]]:
    """The rows of a CSV file as text cells (a cell starting with ``=`` is a formula)."""
    text = _decode_text(data)
    if text is None:
        raise FileProblem(
            "csv_encoding", "the file is not text in UTF-8 or Windows-1252 (is it a CSV?)"
        )
    lines = text.splitlines()
    head = "\n".join(lines[:HEADER_SEARCH_ROWS])
    counts = {sep: head.count(sep) for sep in (";", "\t", ",")}
    sep = max(counts, key=lambda s: counts[s])
    if counts[sep] == 0:
        sep = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"')
    rows: list[list[Cell]] = []
    filled = 0
    try:
        for i, raw in enumerate(reader, start=1):
            if i > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise too_many_rows(i)
            cells = [Cell(v, is_formula=v.lstrip().startswith("=")) for v in raw]
            while cells and cells[-1].is_empty:
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise too_many_columns(len(cells), i)
            filled += sum(1 for c in cells if not c.is_empty)
            if filled > MAX_CELLS:
                raise too_many_cells()
            rows.append(cells)
    except csv.Error as exc:  # e.g. a field longer than csv.field_size_limit()
        raise FileProblem(
            "csv_unreadable", f"the file cannot be read as CSV: {exc}", error=str(exc)[:200]
        ) from exc
    return rows


def _header_score(cells: list[Cell], spec: ListSpec) -> int:
    keys = {normalise(c.value) for c in cells if not c.is_empty and not c.is_formula}
    return sum(1 for f in spec.fields if f.match_keys & keys)


def find_table(rows: list[list[Cell]], spec: ListSpec) -> tuple[int, int] | None:
    """Index of the header row and how many columns of ``spec`` it names, or ``None``."""
    best: tuple[int, int] | None = None
    for i, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _header_score(cells, spec)
        if score >= 2 and (best is None or score > best[1]):
            best = (i, score)
    return best


def to_grid(rows: list[list[Cell]], header_index: int, sheet: str | None = None) -> Grid:
    """Cut the rows below the header into a :class:`Grid` (trailing empty rows dropped)."""
    header_cells = rows[header_index]
    headers = ["" if c.is_empty else str(c.value).strip() for c in header_cells]
    # Keep unnamed columns that hold values (they are reported), drop empty ones.
    width = max(
        (i + 1 for cells in rows[header_index:] for i, c in enumerate(cells) if not c.is_empty),
        default=0,
    )
    headers = (headers + [""] * width)[:width]
    body = []
    for offset, cells in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = list(cells[: len(headers)]) + [Cell(None)] * (len(headers) - len(cells))
        body.append((offset, cells))
    while body and all(c.is_empty for c in body[-1][1]):
        body.pop()
    return Grid(headers=headers, rows=body, sheet=sheet, header_row=header_index + 1)


#: The tables of a file: sheet name (``None`` for CSV) -> rows of cells.
Tables = dict[str | None, list[list[Cell]]]


def read_tables(data: bytes) -> Tables:
    """Every table of an XLSX (one per sheet) or CSV file, or raise :class:`FileProblem`.

    Read once and pass to :func:`detect_kind` and :func:`read_grid`.
    """
    fmt = sniff_format(data)
    if fmt == "xlsx":
        return dict(read_xlsx_sheets(data))
    if fmt == "csv":
        return {None: read_csv_rows(data)}
    if fmt == "xls":
        raise FileProblem("xls_format", "old Excel format (.xls): save the file as .xlsx")
    raise FileProblem("not_a_table", "the file is neither XLSX nor CSV", format=fmt)


def detect_kind(data: bytes, filename: str = "", tables: Tables | None = None) -> str:
    """Which office list a table file holds (by its headers), or raise :class:`FileProblem`."""
    if tables is None:
        fmt = sniff_format(data)
        if fmt not in ("xlsx", "csv"):
            raise FileProblem(
                "not_a_table", f"{filename or 'the file'} is not an XLSX or CSV file", format=fmt
            )
        tables = read_tables(data)
    best: tuple[int, str] | None = None
    for rows in tables.values():
        for kind, spec in LIST_SPECS.items():
            found = find_table(rows, spec)
            if found:
                distinct = found[1] - _shared_score(rows[found[0]], spec)
                score = found[1] * 10 + distinct
                if best is None or score > best[0]:
                    best = (score, kind)
    if best is None:
        raise FileProblem(
            "no_header",
            "no header row of a known list found (use the template's column names)",
        )
    return best[1]


def _shared_score(cells: list[Cell], spec: ListSpec) -> int:
    """How many of the matched headers exist in every list (Status, Quelle …)."""
    others = [s for s in LIST_SPECS.values() if s.kind != spec.kind]
    keys = {normalise(c.value) for c in cells if not c.is_empty and not c.is_formula}
    shared = 0
    for f in spec.fields:
        if f.match_keys & keys and any(
            any(g.match_keys & f.match_keys for g in o.fields) for o in others
        ):
            shared += 1
    return shared


def read_grid(data: bytes, spec: ListSpec, tables: Tables | None = None) -> Grid:
    """The table of ``spec`` in an XLSX or CSV file, or raise :class:`FileProblem`."""
    if tables is None:
        tables = read_tables(data)
    best: tuple[int, str | None, int] | None = None
    for name, rows in tables.items():
        found = find_table(rows, spec)
        if found and (best is None or found[1] > best[2]):
            best = (found[0], name, found[1])
    if best is None:
        where = "no sheet has" if None not in tables else "no header row with"
        raise FileProblem(
            "no_header",
            f"{where} the column names of the {spec.title_en.lower()}",
            list=spec.title_en,
        )
    return to_grid(tables[best[1]], best[0], sheet=best[1])


def read_path(path: Path) -> bytes:
    """The bytes of a file (lists are small; a size limit protects the reader)."""
    size = path.stat().st_size
    if size > 50 * 1024 * 1024:
        raise FileProblem(
            "file_too_large", f"{path.name} has {size / 1e6:.0f} MB; an office list is smaller"
        )
    return path.read_bytes()


def cell_text(cell: Cell) -> str:
    """The cell as the user would read it (for messages and raw values)."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.strftime("%d.%m.%Y") if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.strftime("%d.%m.%Y")
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
