"""What every office-file reader shares: a cell as found, the whole-file refusal, the limits.

The limits are applied while a file is read (never from what its headers
declare), so a hostile or broken file is refused early and names the limit.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Largest office list accepted (rows below the header).
MAX_ROWS = 20_000
#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 15
#: Most columns with a value in any row (the templates have 16 and 18).
MAX_COLUMNS = 60
#: Most non-empty cells in one file (all sheets together): 20,000 rows × 20 columns.
MAX_CELLS = 400_000
#: Most cell elements (empty ones included) in one workbook.
MAX_XML_CELLS = 2_000_000
#: Largest total unpacked size of an XLSX, counted while unpacking.
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024


class FileProblem(Exception):
    """The file as a whole cannot be read (wrong format, no header, too big …)."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(code, message)  # both in args, so the problem survives pickling
        self.code = code
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return self.message


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


def column_letters(index: int) -> str:
    """Excel's column name of a 1-based column index (1 -> A, 27 -> AA)."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def too_many_columns(column: int, row: int) -> FileProblem:
    """The refusal for a value beyond :data:`MAX_COLUMNS`."""
    return FileProblem(
        "too_many_columns",
        f"row {row} has a value in column {column_letters(column)} ({column}); "
        f"a list has at most {MAX_COLUMNS} columns",
        limit=MAX_COLUMNS,
        column=column_letters(column),
        row=row,
    )


def too_many_rows(row: int) -> FileProblem:
    """The refusal for a row beyond :data:`MAX_ROWS` (plus the header search)."""
    return FileProblem(
        "too_many_rows",
        f"the file has more than {MAX_ROWS} rows (row {row} was reached)",
        limit=MAX_ROWS,
        rows=row,
    )


def too_many_cells(limit: int = MAX_CELLS) -> FileProblem:
    """The refusal for more than ``limit`` cells."""
    return FileProblem(
        "too_many_cells", f"the file has more than {limit} filled cells", limit=limit
    )
