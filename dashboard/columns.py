"""Column configuration for tables: numbers stay numbers, the browser formats them.

Tables on the pages carry numbers and dates, never formatted strings, so
every column sorts numerically. How a column looks is said here, once:

* German: ``"localized"`` (the browser's locale, ``1.234,5`` in a German
  browser) with the decimals fixed by ``step``; English: printf with
  thousands separators (``1,234.5``), as :mod:`analysis.format` writes them.
* Shares are fractions (``0.256``) shown as percent (``25,6 %``).
* Dates: ``25.11.2026`` (de) / ``25 Nov 2026`` (en); years without separators.

A page describes its table as ``{column: (header, kind)}``; ``kind`` is the
number of decimals (``0`` for counts), ``"percent1"``/``"percent2"`` (a share
with 1 or 2 decimals), ``"year"``, ``"date"``, ``"bool"`` or ``"text"``. Columns of
schema tables take label, unit and decimals from ``etl.schema``
(:func:`schema_columns`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import streamlit as st

from etl.schema.display import ColumnDisplay, table_display

#: A table column as a page describes it: (header, kind).
Column = tuple[str, "int | str"]
_DATE_FORMAT = {"de": "DD.MM.YYYY", "en": "D MMM YYYY"}


def number(label: str, lang: str, decimals: int = 1, help: str | None = None) -> object:
    """A number column with ``decimals`` decimals and thousands separators."""
    if lang == "en":
        fmt = f"%,.{decimals}f" if decimals else "%,d"
        return st.column_config.NumberColumn(label, format=fmt, help=help)
    return st.column_config.NumberColumn(
        label, format="localized", step=10.0**-decimals if decimals else 1, help=help
    )


def percent(label: str, decimals: int = 1, help: str | None = None) -> object:
    """A share (fraction, ``0.256``) shown as percent with ``decimals`` decimals."""
    return st.column_config.NumberColumn(
        label, format="percent", step=10.0 ** -(decimals + 2), help=help
    )


def date(label: str, lang: str, help: str | None = None) -> object:
    """A date column: ``25.11.2026`` (de) / ``25 Nov 2026`` (en)."""
    return st.column_config.DateColumn(
        label, format=_DATE_FORMAT.get(lang, "DD.MM.YYYY"), help=help
    )


def one(header: str, kind: int | str, lang: str) -> object:
    """The configuration of one column described as ``(header, kind)``."""
    if isinstance(kind, int):
        return number(header, lang, kind)
    if kind.startswith("percent"):
        return percent(header, int(kind[len("percent") :] or 1))
    if kind == "year":
        return st.column_config.NumberColumn(header, format="%d")
    if kind == "date":
        return date(header, lang)
    if kind == "bool":
        return st.column_config.CheckboxColumn(header)
    return st.column_config.TextColumn(header)


def config(columns: Mapping[str, Column], lang: str) -> dict[str, object]:
    """``column_config`` for a table described as ``{column: (header, kind)}``."""
    return {name: one(header, kind, lang) for name, (header, kind) in columns.items()}


def _kind(display: ColumnDisplay) -> int | str:
    """The page kind of a schema column: its decimals, ``date``, ``bool`` or ``text``."""
    if display.kind in ("number", "integer"):
        return display.decimals or 0
    if display.kind in ("date", "datetime"):
        return "date"
    return "bool" if display.kind == "bool" else "text"


def schema_columns(
    table: str, df: pd.DataFrame, lang: str, columns: Iterable[str] | None = None
) -> dict[str, Column]:
    """``{column: (header, kind)}`` for columns of schema table ``table``.

    Header (label and unit, ``Bruttoleistung (kW)``) and decimals come from
    :func:`etl.schema.display.column_display`; a column the schema does not
    know keeps its name and is shown as text.
    """
    known = table_display(table, lang)
    out: dict[str, Column] = {}
    for name in columns if columns is not None else df.columns:
        d = known.get(name)
        out[name] = (d.header, _kind(d)) if d is not None else (name, "text")
    return out


def table(
    df: pd.DataFrame,
    columns: Mapping[str, Column],
    lang: str,
    *,
    height: int | None = None,
    key: str | None = None,
) -> None:
    """Draw ``df`` with the columns ``columns`` (in that order), formatted by the browser.

    The frame's columns are renamed to their headers, so the table's own CSV
    download carries the same headers as the page.
    """
    kwargs: dict[str, object] = {"hide_index": True, "width": "stretch"}
    if height is not None:
        kwargs["height"] = height
    if key is not None:
        kwargs["key"] = key
    headers = {name: header for name, (header, _) in columns.items()}
    shown = df[list(columns)].rename(columns=headers)
    config = {header: one(header, kind, lang) for header, kind in columns.values()}
    st.dataframe(shown, column_config=config, **kwargs)
