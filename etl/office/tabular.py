"""Read the cells of an office list from XLSX or CSV, without trusting the file.

XLSX is opened with openpyxl and ``data_only=False`` so that formulas stay
visible: a formula is never evaluated, it is reported. CSV is read as text in
whatever encoding and separator it uses (UTF-8 with or without BOM, or
Windows-1252; ``;``, ``,`` or tab). Nothing is converted here: every cell is
returned as found, with its position, and the header row is located by
matching the column names of a :class:`~etl.office.spec.ListSpec`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from etl.office.spec import LIST_SPECS, ListSpec, normalise

#: Largest office list accepted (rows below the header).
MAX_ROWS = 20_000
#: Largest uncompressed size of an XLSX (protects against zip bombs).
MAX_XLSX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 15


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong format, no header, too big …)."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Cell:
    """One cell as found in the file."""

    value: object  # str | int | float | datetime | date | bool | None
    is_formula: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.is_formula and (
            self.value is None or (isinstance(self.value, str) and not self.value.strip())
        )


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
        except zipfile.BadZipFile:
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


def _cell_from_openpyxl(cell) -> Cell:
    value = cell.value
    if cell.data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        text = getattr(value, "text", value)
        return Cell(str(text), is_formula=True)
    if isinstance(value, time):
        value = value.isoformat()
    return Cell(value)


def read_xlsx_sheets(data: bytes) -> dict[str, list[list[Cell]]]:
    """All worksheets of an XLSX as rows of cells (formulas kept as formulas)."""
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        total = sum(i.file_size for i in zf.infolist())
        if total > MAX_XLSX_UNCOMPRESSED_BYTES:
            raise FileProblem(
                "xlsx_too_large",
                f"the workbook unpacks to {total / 1e6:.0f} MB, more than a list needs",
                size_mb=round(total / 1e6),
            )
        if any(n.lower().endswith("vbaproject.bin") for n in zf.namelist()):
            raise FileProblem(
                "xlsx_macros", "the workbook contains macros (VBA); save it as plain .xlsx"
            )
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise FileProblem(
            "xlsx_unreadable", f"the workbook cannot be read: {exc}", error=str(exc)
        ) from exc
    sheets: dict[str, list[list[Cell]]] = {}
    try:
        for ws in wb.worksheets:
            if ws.max_row > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise FileProblem(
                    "too_many_rows",
                    f"sheet {ws.title!r} has {ws.max_row} rows, more than {MAX_ROWS}",
                    rows=ws.max_row,
                    limit=MAX_ROWS,
                )
            sheets[ws.title] = [[_cell_from_openpyxl(c) for c in row] for row in ws.iter_rows()]
    finally:
        wb.close()
    return sheets


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
    for i, raw in enumerate(reader):
        if i > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise FileProblem(
                "too_many_rows", f"the file has more than {MAX_ROWS} rows", limit=MAX_ROWS
            )
        rows.append([Cell(v, is_formula=v.lstrip().startswith("=")) for v in raw])
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


def detect_kind(data: bytes, filename: str = "") -> str:
    """Which office list a table file holds (by its headers), or raise :class:`FileProblem`."""
    fmt = sniff_format(data)
    if fmt == "xlsx":
        candidates = list(read_xlsx_sheets(data).values())
    elif fmt == "csv":
        candidates = [read_csv_rows(data)]
    else:
        raise FileProblem(
            "not_a_table", f"{filename or 'the file'} is not an XLSX or CSV file", format=fmt
        )
    best: tuple[int, str] | None = None
    for rows in candidates:
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


def read_grid(data: bytes, spec: ListSpec) -> Grid:
    """The table of ``spec`` in an XLSX or CSV file, or raise :class:`FileProblem`."""
    fmt = sniff_format(data)
    if fmt == "xlsx":
        sheets = read_xlsx_sheets(data)
        best: tuple[int, str, int] | None = None
        for name, rows in sheets.items():
            found = find_table(rows, spec)
            if found and (best is None or found[1] > best[2]):
                best = (found[0], name, found[1])
        if best is None:
            raise FileProblem(
                "no_header",
                f"no sheet has the column names of the {spec.title_en.lower()}",
                list=spec.title_en,
            )
        return to_grid(sheets[best[1]], best[0], sheet=best[1])
    if fmt == "csv":
        rows = read_csv_rows(data)
        found = find_table(rows, spec)
        if found is None:
            raise FileProblem(
                "no_header",
                f"no header row with the column names of the {spec.title_en.lower()}",
                list=spec.title_en,
            )
        return to_grid(rows, found[0])
    if fmt == "xls":
        raise FileProblem("xls_format", "old Excel format (.xls): save the file as .xlsx")
    raise FileProblem("not_a_table", "the file is neither XLSX nor CSV", format=fmt)


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
