"""Column configuration for tables: numbers stay numbers, and look as they always did.

Tables on the pages carry numbers and dates, never formatted strings, so
every column sorts numerically. How a column looks is said here, once: a page
describes its table as ``{column: (header, kind)}``, where ``kind`` is the
number of decimals (``0`` for counts), ``"percent1"``/``"percent2"`` (a share,
``0.256``, with 1 or 2 decimals), ``"year"``, ``"date"``, ``"bool"``, ``"text"``
or a mapping from value to shown text (a rank shown as "Platz 3–5" that sorts
as 3; the key ``None`` names the text of a missing value). Columns of schema
tables take header (label and unit) and decimals from ``etl.schema`` (:func:`schema_columns`).

The header goes into ``st.column_config``; the cell text comes from
:mod:`analysis.format` through a pandas ``Styler`` (display values only; the
data underneath stays numeric and sorts as numbers). Streamlit's own number
formats cannot do this: printf knows no decimal comma, ``"localized"`` follows
the browser's locale instead of the UI language, and a fixed ``step``
truncates instead of rounding (``778.999`` for 779,000).

Every table gets a CSV download under it (:func:`csv_download`), written by
:func:`analysis.export.table_csv_bytes` from the same data and headers: units in
the headers, ``ja``/``nein``, source and data date on the first line and
``Demo-Daten`` for demo builds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from analysis import export, queries
from analysis import format as fmt
from analysis.i18n import t
from etl.schema.display import ColumnDisplay, table_display

#: A table column as a page describes it: (header, kind).
Column = tuple[str, "int | str | Mapping[object, str]"]


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


def cell_format(
    kind: int | str | Mapping[object, str], lang: str, missing: str = fmt.DASH
) -> Callable | None:
    """The text of one cell of a column of ``kind`` (``None``: leave the cell as it is)."""

    def guarded(show: Callable[[object], str]) -> Callable[[object], str]:
        return lambda v: missing if fmt.is_missing(v) else show(v)

    if isinstance(kind, Mapping):
        labels = kind
        return lambda v: labels.get(None, missing) if fmt.is_missing(v) else labels.get(v, str(v))

    if isinstance(kind, int):
        return guarded(lambda v: fmt.number(v, kind, lang))  # type: ignore[arg-type]
    if kind.startswith("percent"):
        decimals = int(kind[len("percent") :] or 1)
        return guarded(lambda v: fmt.percent(v, decimals, lang))  # type: ignore[arg-type]
    if kind == "year":
        return guarded(lambda v: str(int(v)))  # type: ignore[call-overload]
    if kind == "date":
        return guarded(lambda v: fmt.day(v, lang))  # type: ignore[arg-type]
    return None


def styled(
    df: pd.DataFrame, columns: Mapping[str, Column], lang: str, missing: str = fmt.DASH
) -> Styler:
    """``df`` reduced to ``columns``, renamed to their headers, with display formats.

    Renaming keeps the table's own CSV download in the page's headers.
    """
    shown = df[list(columns)].rename(columns={n: h for n, (h, _) in columns.items()})
    formats = {
        header: f for header, kind in columns.values() if (f := cell_format(kind, lang, missing))
    }
    return shown.style.format(formats)


def config(columns: Mapping[str, Column]) -> dict[str, object]:
    """``column_config`` of a table: the header of each column (``bool`` as a checkbox)."""
    return {
        header: st.column_config.CheckboxColumn(header) if kind == "bool" else header
        for header, kind in columns.values()
    }


def table(
    df: pd.DataFrame,
    columns: Mapping[str, Column],
    lang: str,
    *,
    height: int | None = None,
    missing: str = fmt.DASH,
    download: bool | str = True,
    key: str | None = None,
    on_select: Callable[[], None] | None = None,
) -> None:
    """Draw ``df`` with the columns ``columns`` (in that order); ``missing`` for empty cells.

    ``download``: a CSV download under the table (a string names the file after
    the page's; ``False``: none, e.g. where the page offers its own export).
    ``on_select``: rows can be selected one at a time (widget ``key``); called on a change.
    """
    kwargs: dict[str, object] = {"hide_index": True, "width": "stretch", "placeholder": missing}
    if height is not None:
        kwargs["height"] = height
    if on_select is not None:
        kwargs |= {"key": key, "on_select": on_select, "selection_mode": "single-row"}
    st.dataframe(styled(df, columns, lang, missing), column_config=config(columns), **kwargs)
    if download:
        csv_download(df, columns, lang, download if isinstance(download, str) else None)


#: Session key of the page's URL path and of the number of tables drawn in this run.
_PAGE_KEY = "ez_page_url"
_COUNT_KEY = "ez_table_count"


def start_page(url_path: str) -> None:
    """Called by the app before a page runs: table downloads are named after the page."""
    st.session_state[_PAGE_KEY] = url_path or "tabelle"
    st.session_state[_COUNT_KEY] = 0


def csv_download(
    df: pd.DataFrame, columns: Mapping[str, Column], lang: str, name: str | None = None
) -> None:
    """The CSV download of a table, under it: file ``<page>[_<name>|_<n>]_<date>.csv``.

    The file is written only when the button is pressed (source, data date and
    demo label of the served database of this run).
    """
    db = st.session_state.get("ez_db_run")
    if not db or df.empty:
        return
    n = st.session_state.get(_COUNT_KEY, 0) + 1
    st.session_state[_COUNT_KEY] = n
    page = st.session_state.get(_PAGE_KEY, "tabelle")
    base = f"{page}_{name}" if isinstance(name, str) else f"{page}_{n}"
    demo = queries.is_demo(db)
    data_date = queries.data_date(db)

    def csv_bytes() -> bytes:
        missing = queries.partial_reasons(db, lang)
        return export.table_csv_bytes(df, columns, lang, demo, data_date, missing)

    st.download_button(
        t("table_csv", lang),
        data=csv_bytes,
        file_name=export.file_name(base, "csv", demo, data_date),
        mime="text/csv",
        icon=":material/download:",
        key=f"w_table_csv_{base}",
        on_click="ignore",
        type="tertiary",
    )
