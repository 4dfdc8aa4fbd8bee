"""How the dashboard shows a column: label, unit, number format and kind.

Streamlit-free on purpose: the dashboard turns a :class:`ColumnDisplay` into
``st.column_config`` (so tables carry numbers and sort numerically), and the
PDF briefings and exports read the same labels.

Use::

    from etl.schema.display import column_display

    d = column_display("core_mastr__units", "gross_capacity_kw", "en")
    d.label          # 'Gross capacity'
    d.unit           # 'kW'
    d.header         # 'Gross capacity (kW)'
    d.kind           # 'number'  (number | integer | text | date | datetime | bool | binary)
    d.decimals       # 1
    d.number_format  # '%.1f'  (printf style, as st.column_config.NumberColumn takes it)
    d.date_format    # None here; 'DD.MM.YYYY' (de) / 'YYYY-MM-DD' (en) for dates
    d.help           # the column's description (with unit), for tooltips

A column that a page computes itself (not in a table) is not covered here.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.schema.tables import table as lookup

_DATE_FORMATS = {"de": "DD.MM.YYYY", "en": "YYYY-MM-DD"}
_DATETIME_FORMATS = {"de": "DD.MM.YYYY HH:mm", "en": "YYYY-MM-DD HH:mm"}


@dataclass(frozen=True)
class ColumnDisplay:
    """Display settings of one column in one language."""

    label: str
    unit: str | None
    kind: str  # number | integer | text | date | datetime | bool | binary
    decimals: int | None  # numbers and integers only
    number_format: str | None  # printf style ('%.1f', '%d'); None for non-numbers
    date_format: str | None  # moment.js style for dates and timestamps; else None
    help: str

    @property
    def header(self) -> str:
        """The label with the unit in brackets, e.g. ``'Bruttoleistung (kW)'``."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


def column_display(table: str, column: str, lang: str = "de") -> ColumnDisplay:
    """Display settings of ``table.column`` in ``lang`` (``'de'`` or ``'en'``).

    Raises ``KeyError`` for an unknown table or column.
    """
    col = lookup(table).column(column)
    lang = "en" if lang == "en" else "de"
    decimals = col.shown_decimals
    number_format = None
    if col.kind == "integer":
        number_format = "%d"
    elif col.kind == "number":
        number_format = f"%.{decimals}f"
    date_format = None
    if col.kind == "date":
        date_format = _DATE_FORMATS[lang]
    elif col.kind == "datetime":
        date_format = _DATETIME_FORMATS[lang]
    return ColumnDisplay(
        label=col.label(lang),
        unit=col.unit,
        kind=col.kind,
        decimals=decimals,
        number_format=number_format,
        date_format=date_format,
        help=col.description + (f" [{col.unit}]" if col.unit else ""),
    )


def table_display(table: str, lang: str = "de") -> dict[str, ColumnDisplay]:
    """:func:`column_display` for every column of ``table``, in table order."""
    return {c.name: column_display(table, c.name, lang) for c in lookup(table).columns}


def labels(table_name: str, lang: str = "de") -> dict[str, str]:
    """Column labels (without unit) of a table, for renaming frames."""
    return {c.name: c.label(lang) for c in lookup(table_name).columns}
