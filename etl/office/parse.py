"""Parse one cell of an office list into a typed value, strictly.

German and English conventions are accepted where they are unambiguous:
decimal comma or point, German thousands separators, dates ``TT.MM.JJJJ`` or
ISO, Excel date cells. Anything else raises :class:`ValueProblem` with a code
(for translated messages) and an English message; nothing is guessed.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

from etl.office.tabular import Cell, cell_text
from etl.region import AGS_PATTERN, parse_ags

MIN_YEAR, MAX_YEAR = 1980, 2060
_MASTR_ID = re.compile(r"^[A-Z]{3}[0-9]{12}$")


class ValueProblem(Exception):
    """A cell value that cannot be used; ``code`` selects the translated message."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def text(cell: Cell) -> str | None:
    """Text value, stripped; ``None`` when empty."""
    if cell.is_empty:
        return None
    if isinstance(cell.value, bool):
        raise ValueProblem("not_text", "a true/false value where text is expected")
    s = cell_text(cell).strip()
    return s or None


_DE_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^[+-]?\d*\.\d+$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_AMBIGUOUS_POINT = re.compile(r"^[+-]?\d{1,3}\.\d{3}$")


def number(cell: Cell) -> float | None:
    """A number: Excel numbers, ``1.234,5``, ``1234,5``, ``1234.5``, ``1,234.5``.

    ``4.200`` is refused as ambiguous (4.2 or 4200?), text such as ``12 MW`` or
    ``ca. 30`` is refused as not a number.
    """
    if cell.is_empty:
        return None
    v = cell.value
    if isinstance(v, bool):
        raise ValueProblem("not_a_number", "a true/false value is not a number")
    if isinstance(v, int | float):
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueProblem("not_a_number", "not a finite number")
        return float(v)
    if isinstance(v, datetime | date):
        raise ValueProblem("date_not_number", "a date where a number is expected")
    s = str(v).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if _AMBIGUOUS_POINT.match(s):
        raise ValueProblem(
            "ambiguous_number",
            f"{s!r} is ambiguous (decimal point or German thousands separator?): "
            "write e.g. 4,2 or 4200",
            value=s,
        )
    if _DE_THOUSANDS.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _EN_THOUSANDS.match(s):
        return float(s.replace(",", ""))
    if _DECIMAL_COMMA.match(s):
        return float(s.replace(",", "."))
    if _DECIMAL_POINT.match(s) or _INTEGER.match(s):
        return float(s)
    shown = str(v).strip()
    raise ValueProblem(
        "not_a_number", f"{shown!r} is not a number (write only the number)", value=shown
    )


def integer(cell: Cell) -> int | None:
    """A whole number (``5``, ``5,0``); ``5,5`` is refused."""
    x = number(cell)
    if x is None:
        return None
    if not float(x).is_integer():
        raise ValueProblem("not_an_integer", f"{cell_text(cell)!r} is not a whole number")
    return int(x)


_DE_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_MONTH = re.compile(r"^(\d{1,2})[./](\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def _checked(y: int, m: int, d: int, raw: str) -> date:
    try:
        out = date(y, m, d)
    except ValueError:
        raise ValueProblem("invalid_date", f"{raw!r} is not a valid date", value=raw) from None
    if not MIN_YEAR <= out.year <= MAX_YEAR:
        raise ValueProblem(
            "implausible_date",
            f"{raw!r} lies outside {MIN_YEAR}–{MAX_YEAR}",
            value=raw,
            min=MIN_YEAR,
            max=MAX_YEAR,
        )
    return out


def day(cell: Cell, allow_partial: bool = False) -> date | None:
    """A date: Excel date cell, ``TT.MM.JJJJ`` or ``JJJJ-MM-TT``.

    With ``allow_partial`` also ``MM.JJJJ`` (first of the month) and ``JJJJ``
    (1 January). Two-digit years and US dates are refused.
    """
    if cell.is_empty:
        return None
    v = cell.value
    if isinstance(v, datetime):
        return _checked(v.year, v.month, v.day, cell_text(cell))
    if isinstance(v, date):
        return _checked(v.year, v.month, v.day, cell_text(cell))
    if isinstance(v, bool):
        raise ValueProblem("not_a_date", "a true/false value is not a date")
    if isinstance(v, int | float):
        if allow_partial and float(v).is_integer() and MIN_YEAR <= int(v) <= MAX_YEAR:
            return date(int(v), 1, 1)
        raise ValueProblem(
            "number_not_date",
            f"{cell_text(cell)!r} is a number, not a date (format the cell as a date)",
            value=cell_text(cell),
        )
    s = str(v).strip()
    if m := _DE_DATE.match(s):
        return _checked(int(m.group(3)), int(m.group(2)), int(m.group(1)), s)
    if m := _ISO_DATE.match(s):
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)), s)
    if allow_partial:
        if m := _MONTH.match(s):
            return _checked(int(m.group(2)), int(m.group(1)), 1, s)
        if m := _ISO_MONTH.match(s):
            return _checked(int(m.group(1)), int(m.group(2)), 1, s)
        if m := _YEAR.match(s):
            return _checked(int(m.group(1)), 1, 1, s)
    raise ValueProblem(
        "not_a_date",
        f"{s!r} is not a date (write TT.MM.JJJJ, e.g. 05.11.2024)",
        value=s,
    )


def year(cell: Cell) -> int | None:
    """A year ``JJJJ`` (a date cell gives its year)."""
    if cell.is_empty:
        return None
    if isinstance(cell.value, datetime | date):
        return cell.value.year
    y = integer(cell)
    if y is None:
        return None
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ValueProblem(
            "implausible_year", f"{y} is not a year between {MIN_YEAR} and {MAX_YEAR}", value=y
        )
    return y


def ags(cell: Cell) -> tuple[str | None, bool]:
    """An 8-digit municipality key; returns (key, leading zero restored).

    A number cell is read with :func:`etl.region.parse_ags` (Excel drops the
    leading zero of a number, so 7 digits are repaired and reported). A text
    cell kept its zeros: it must hold 8 digits (spaces are ignored).
    """
    if cell.is_empty:
        return None, False
    v = cell.value
    if isinstance(v, bool):
        raise ValueProblem("invalid_ags", "a true/false value is not a municipality key")
    if isinstance(v, int | float):
        if not float(v).is_integer():
            raise ValueProblem(
                "invalid_ags", f"{cell_text(cell)!r} is not an 8-digit key", value=cell_text(cell)
            )
        parsed = parse_ags(v)
        if parsed.key is not None:
            return parsed.key, parsed.repaired
        s = str(int(v))
    else:
        s = str(v).strip().replace(" ", "")
    if not re.fullmatch(AGS_PATTERN, s):
        raise ValueProblem(
            "invalid_ags",
            f"{cell_text(cell)!r} is not an 8-digit municipality key (e.g. 13076001)",
            value=cell_text(cell),
        )
    return s, False


def mastr_ids(cell: Cell) -> tuple[list[str], list[str]]:
    """MaStR numbers separated by comma, semicolon, space or line break.

    Returns (unit ids, permit ids); permit numbers start with ``SGE``.
    """
    if cell.is_empty:
        return [], []
    parts = [p for p in re.split(r"[,;\s]+", str(cell.value).strip().upper()) if p]
    bad = [p for p in parts if not _MASTR_ID.match(p)]
    if bad:
        raise ValueProblem(
            "invalid_mastr_id",
            f"{', '.join(bad)} is not a MaStR number (3 letters and 12 digits, e.g. "
            "SEE912345678901)",
            value=", ".join(bad),
        )
    units = list(dict.fromkeys(p for p in parts if not p.startswith("SGE")))
    permits = list(dict.fromkeys(p for p in parts if p.startswith("SGE")))
    return units, permits
