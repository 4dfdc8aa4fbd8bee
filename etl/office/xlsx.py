"""Read the cells of an XLSX workbook in streaming mode, with limits applied while reading.

The workbook's small parts (workbook, relationships, styles, shared strings)
are unpacked in chunks under one byte budget (:mod:`etl.office.archive`) into
a stored copy in which every worksheet is an empty placeholder; openpyxl reads
that copy in read-only mode for the sheet names, date formats and shared
strings. Each worksheet is then streamed from the original archive, chunk by
chunk, through a secure XML parser (defusedxml: no DTDs, no entities), and
each cell is decoded by openpyxl's own cell parser, so formulas stay formulas
(never evaluated) and dates are dates. Reading stops at the first row past
:data:`~etl.office.cells.MAX_ROWS`, the first value past
:data:`~etl.office.cells.MAX_COLUMNS`, past :data:`~etl.office.cells.MAX_CELLS`
filled cells or past the byte budget, and the refusal names that limit: the
cost of a hostile file is bounded by the limits, not by its declared size.
"""

from __future__ import annotations

import io
import zipfile
from datetime import time
from pathlib import PurePosixPath

from etl.office.archive import Budget, MemberReader, damaged, open_zip, read_member
from etl.office.cells import (
    HEADER_SEARCH_ROWS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_XLSX_UNCOMPRESSED_BYTES,
    MAX_XML_CELLS,
    Cell,
    FileProblem,
    too_many_cells,
    too_many_columns,
    too_many_rows,
)

_PLACEHOLDER = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData/></worksheet>"
)


def _is_worksheet(name: str) -> bool:
    p = PurePosixPath(name)
    return p.parent.name == "worksheets" and p.suffix.lower() == ".xml"


def _skeleton(zf: zipfile.ZipFile, budget: Budget) -> bytes:
    """A stored copy of the workbook's XML parts with every worksheet left empty."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in zf.infolist():
            name = info.filename
            if info.is_dir() or PurePosixPath(name).suffix.lower() not in (".xml", ".rels"):
                continue
            if _is_worksheet(name):
                dst.writestr(name, _PLACEHOLDER)
                continue
            content = read_member(zf, info, budget)
            # openpyxl keeps every shared string in memory: count them before it reads them
            if name.lower().endswith("sharedstrings.xml"):
                strings = content.count(b"si>") // 2 + content.count(b"si/>")
                if strings > MAX_CELLS:
                    raise too_many_cells()
            dst.writestr(name, content)
    return out.getvalue()


class _Counter:
    """Filled cells and cell elements read so far in one workbook."""

    def __init__(self) -> None:
        self.filled = 0
        self.elements = 0

    def add(self, filled: bool) -> None:
        self.elements += 1
        if self.elements > MAX_XML_CELLS:
            raise too_many_cells(MAX_XML_CELLS)
        if filled:
            self.filled += 1
            if self.filled > MAX_CELLS:
                raise too_many_cells()


def _cell(parsed: dict) -> Cell:
    value = parsed["value"]
    if parsed["data_type"] == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        return Cell(str(getattr(value, "text", value)), is_formula=True)
    if isinstance(value, time):
        value = value.isoformat()
    return Cell(value)


def _stream_sheet(stream, parser, counter: _Counter) -> list[list[Cell]]:
    """Rows of cells of one worksheet XML stream (see module docstring for the limits)."""
    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG
    from openpyxl.xml.functions import iterparse

    rows: list[list[Cell]] = []
    current: dict[int, Cell] = {}
    row_number = 0
    parent = None
    for event, el in iterparse(stream, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == ROW_TAG:
                r = el.get("r")
                row_number = int(float(r)) if r else row_number + 1
                if row_number > MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise too_many_rows(row_number)
                parser.row_counter, parser.col_counter = row_number, 0
                current = {}
            elif tag.endswith("}sheetData"):
                parent = el
            continue
        if tag == CELL_TAG:
            filled = len(el) > 0
            counter.add(filled)
            if filled:
                parsed = parser.parse_cell(el)
                cell = _cell(parsed)
                if parsed["column"] > MAX_COLUMNS and not cell.is_empty:
                    raise too_many_columns(parsed["column"], row_number)
                if parsed["column"] <= MAX_COLUMNS:
                    current[parsed["column"]] = cell
            else:
                r = el.get("r")
                parser.col_counter = parser.col_counter + 1 if not r else parser.col_counter
            el.clear()
        elif tag == ROW_TAG:
            rows.extend([] for _ in range(row_number - 1 - len(rows)))
            width = max(current, default=0)
            rows.append([current.get(i, Cell(None)) for i in range(1, width + 1)])
            if parent is not None:
                parent.clear()  # drop the finished row elements
    return rows


def read_xlsx_sheets(data: bytes) -> dict[str, list[list[Cell]]]:
    """All worksheets of an XLSX as rows of cells (formulas kept as formulas)."""
    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    zf = open_zip(data)
    with zf:
        if any(n.lower().endswith("vbaproject.bin") for n in zf.namelist()):
            raise FileProblem(
                "xlsx_macros", "the workbook contains macros (VBA); save it as plain .xlsx"
            )
        budget = Budget(MAX_XLSX_UNCOMPRESSED_BYTES)
        skeleton = _skeleton(zf, budget)
        try:
            wb = openpyxl.load_workbook(io.BytesIO(skeleton), read_only=True, data_only=False)
        except Exception as exc:  # openpyxl raises many kinds for broken files
            raise FileProblem(
                "xlsx_unreadable", f"the workbook cannot be read: {exc}", error=str(exc)[:200]
            ) from exc
        sheets: dict[str, list[list[Cell]]] = {}
        counter = _Counter()
        names = set(zf.namelist())
        for ws in wb.worksheets:
            path = ws._worksheet_path  # the part named by the workbook's relationships
            if path not in names:
                raise FileProblem("xlsx_unreadable", f"sheet {ws.title!r} is missing", error=path)
            parser = WorkSheetParser(
                None,
                ws._shared_strings,
                data_only=False,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            with MemberReader(zf, zf.getinfo(path), budget) as stream:
                try:
                    sheets[ws.title] = _stream_sheet(stream, parser, counter)
                except FileProblem:
                    raise
                except Exception as exc:  # XML syntax, DTD/entities (defusedxml), bad values
                    raise damaged(path, exc) from exc
        wb.close()
    return sheets
