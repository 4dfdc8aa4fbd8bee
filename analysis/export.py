"""Downloads: page tables, units and municipality figures as CSV for German Excel, units as XLSX.

CSV: ``;`` separator, decimal comma, dates ``dd.mm.yyyy``, UTF-8 with BOM. Its
first line is the attribution and data date (and ``Demo-Daten`` for demo
builds), the second the header: labels with units (``Bruttoleistung (kW)``)
from ``etl.schema``; yes/no columns read ``ja``/``nein`` (en: ``yes``/``no``).
Every export says what it holds: the first column ``Datenart`` is
``Demo-Daten`` for demo builds, and the file name starts with ``Demo-Daten``.
Text cells starting with ``= + - @`` (or tab / carriage return) get a leading
apostrophe so spreadsheet programs never run them as formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date

import pandas as pd

from analysis import format as fmt
from analysis.i18n import carrier_label, status_label, t
from etl import schema
from etl.schema.display import table_display

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DEMO_LABEL = "Demo-Daten"


def safe_text(value: object) -> object:
    """Neutralise a text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def yes_no(value: object, lang: str) -> str:
    """``ja``/``nein`` (en: ``yes``/``no``) for a yes/no cell; empty when missing."""
    if fmt.is_missing(value):
        return ""
    return t("export_yes" if bool(value) else "export_no", lang)


def source_line(lang: str, is_demo: bool, data_date: date | None) -> str:
    """Attribution, data date and (for demo builds) ``Demo-Daten``, for the top of a file."""
    parts = [t("attribution_mastr", lang), t("data_date", lang, date=fmt.day(data_date, lang))]
    if is_demo:
        parts.append(DEMO_LABEL)
    return " · ".join(parts)


def export_frame(
    units: pd.DataFrame, lang: str, is_demo: bool, missing: list[str] | None = None
) -> pd.DataFrame:
    """Units ready for export: readable codes, labelled columns, kind-of-data column first.

    ``missing``: what an incomplete build lacks; the kind-of-data column then says
    "UNVOLLSTÄNDIG – es fehlt: …" in every row.
    """
    df = units.copy()
    if "carrier" in df:
        df["carrier"] = df["carrier"].map(lambda c: carrier_label(c, lang))
    if "status" in df:
        df["status"] = df["status"].map(lambda s: status_label(s, lang))
    for col in df.columns:
        if pd.api.types.is_bool_dtype(df[col]):
            df[col] = df[col].map(lambda v: yes_no(v, lang))
        elif df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].map(safe_text)
    headers = {c: d.header for c, d in table_display(schema.UNITS.name, lang).items()}
    df = df.rename(columns={c: headers.get(c, c) for c in df.columns})
    kind = DEMO_LABEL if is_demo else t("export_real", lang)
    if missing:
        kind = f"{kind} – " + t("partial_label", lang, missing="; ".join(missing))
    df.insert(0, t("export_kind_column", lang), kind)
    return df


def to_csv_bytes(
    units: pd.DataFrame,
    lang: str = "de",
    is_demo: bool = False,
    data_date: date | None = None,
    missing: list[str] | None = None,
) -> bytes:
    """CSV for German Excel: source line, then ``;``, decimal comma, ``dd.mm.yyyy``, BOM.

    ``missing`` (an incomplete build): the source line and every row's kind-of-data
    cell name what is missing.
    """
    df = export_frame(units, lang, is_demo, missing)
    for col in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[col]):
            df[col] = df[col].dt.strftime("%d.%m.%Y")
    line = source_line(lang, is_demo, data_date)
    if missing:
        line += " · " + t("partial_label", lang, missing="; ".join(missing))
    return _csv(df, line)


def to_xlsx_bytes(
    units: pd.DataFrame,
    lang: str = "de",
    is_demo: bool = False,
    data_date: date | None = None,
    missing: list[str] | None = None,
) -> bytes:
    """XLSX with the units (sheet named ``Demo-Daten`` for demo builds) and a source sheet."""
    df = export_frame(units, lang, is_demo, missing)
    for col in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[col]):
            df[col] = df[col].dt.date
    buf = io.BytesIO()
    sheet = DEMO_LABEL if is_demo else t("export_sheet", lang)
    with pd.ExcelWriter(
        buf,
        engine="xlsxwriter",
        engine_kwargs={
            "options": {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            }
        },
    ) as writer:
        df.to_excel(writer, sheet_name=sheet, index=False)
        ws = writer.sheets[sheet]
        ws.freeze_panes(1, 0)
        ws.set_column(0, len(df.columns) - 1, 18)
        date_fmt = writer.book.add_format({"num_format": "dd.mm.yyyy"})
        for i, col in enumerate(df.columns):
            if len(df) and isinstance(
                df[col].dropna().iloc[0] if df[col].notna().any() else None, date
            ):
                ws.set_column(i, i, 14, date_fmt)
        info = pd.DataFrame(
            {
                "": [
                    t("demo_label", lang) if is_demo else t("export_real", lang),
                    *([t("partial_label", lang, missing="; ".join(missing))] if missing else []),
                    t("attribution_mastr", lang),
                    t("data_date", lang, date=data_date.isoformat() if data_date else "–"),
                ]
            }
        )
        info.to_excel(writer, sheet_name=t("export_source_sheet", lang), index=False, header=False)
    return buf.getvalue()


def file_name(base: str, ext: str, is_demo: bool, data_date: date | None) -> str:
    """``Demo-Daten_<base>_<date>.<ext>`` for demo builds, ``<base>_<date>.<ext>`` otherwise."""
    stamp = data_date.isoformat() if data_date else "ohne-datum"
    name = f"{base}_{stamp}.{ext}"
    return f"{DEMO_LABEL}_{name}" if is_demo else name


#: Columns of the municipality figures CSV (:func:`analysis.headline.municipality_figures`)
#: and the i18n key of each header; capacities in kW as in the database.
FIGURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("municipality_key", "csv_municipality_key"),
    ("municipality_name", "municipality"),
    ("area_km2", "csv_area_km2"),
    ("population", "mu_population"),
    ("installed_kw", "csv_installed_kw"),
    ("operating_units", "fig_units"),
    ("storage_kw", "csv_storage_kw"),
    ("storage_kwh", "csv_storage_kwh"),
    ("kw_per_km2", "axis_kw_km2"),
    ("kw_per_inhabitant", "axis_kw_inh"),
    ("rank_km2", "csv_rank_km2"),
    ("rank_km2_to", "csv_rank_km2_to"),
    ("rank_inhabitant", "csv_rank_inh"),
    ("rank_inhabitant_to", "csv_rank_inh_to"),
)


def figures_csv_bytes(
    figures: pd.DataFrame,
    lang: str = "de",
    is_demo: bool = False,
    unassigned: tuple[float, int] = (0.0, 0),
    data_date: date | None = None,
) -> bytes:
    """Every municipality's headline figures as CSV for German Excel (same numbers as the list).

    Ranks are whole numbers; a municipality without rank has empty rank cells.
    ``unassigned`` (kW, units in operation of units without a known municipality)
    becomes a last row when not empty, so the column sums are the district's figures.
    The first line names the source and data date (and ``Demo-Daten``).
    """
    df = figures[[c for c, _ in FIGURE_COLUMNS]].copy()
    if unassigned[1]:
        extra = {c: None for c, _ in FIGURE_COLUMNS}
        extra |= {
            "municipality_key": "",
            "municipality_name": t("fig_unassigned", lang),
            "installed_kw": unassigned[0],
            "operating_units": unassigned[1],
        }
        df = pd.concat([df, pd.DataFrame([extra])], ignore_index=True)
    for col in ("rank_km2", "rank_km2_to", "rank_inhabitant", "rank_inhabitant_to"):
        df[col] = df[col].astype("Int64")
    df["municipality_name"] = df["municipality_name"].map(safe_text)
    df = df.rename(columns={c: t(key, lang) for c, key in FIGURE_COLUMNS})
    kind = DEMO_LABEL if is_demo else t("export_real", lang)
    df.insert(0, t("export_kind_column", lang), kind)
    return _csv(df, source_line(lang, is_demo, data_date))


def _csv(df: pd.DataFrame, line: str) -> bytes:
    """``line`` (source and date) as the first row, then ``df`` for German Excel, with BOM."""
    first = io.StringIO()
    csv.writer(first, delimiter=";", lineterminator="\r\n").writerow([line])
    text = df.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return ("\ufeff" + first.getvalue() + text).encode("utf-8")


def table_csv_bytes(
    df: pd.DataFrame,
    columns: Mapping[str, tuple[str, object]],
    lang: str = "de",
    is_demo: bool = False,
    data_date: date | None = None,
    missing: list[str] | None = None,
) -> bytes:
    """A page table as the page shows it, as CSV for German Excel.

    ``columns`` is the page's ``{column: (header, kind)}`` (``dashboard.columns``):
    headers carry the units, numbers are rounded to the decimals shown, shares
    (``percent1``/``percent2``) are written in per cent, yes/no columns as
    ``ja``/``nein``, dates as ``dd.mm.yyyy``; text is safe against formulas. The
    first line is the source and data date (``Demo-Daten`` for demo builds, what
    is missing for an incomplete build), the first column the kind of data.
    """
    out = pd.DataFrame(index=df.index)
    for name, (header, kind) in columns.items():
        out[header] = _export_column(df[name], kind, lang)
    label = DEMO_LABEL if is_demo else t("export_real", lang)
    line = source_line(lang, is_demo, data_date)
    if missing:
        label += " – " + t("partial_label", lang, missing="; ".join(missing))
        line += " · " + t("partial_label", lang, missing="; ".join(missing))
    out.insert(0, t("export_kind_column", lang), label)
    return _csv(out, line)


def _export_column(values: pd.Series, kind: object, lang: str) -> pd.Series:
    """One column of a page table as written to CSV (see :func:`table_csv_bytes`)."""
    if isinstance(kind, int) and not isinstance(kind, bool):
        return pd.to_numeric(values, errors="coerce").round(kind)
    if isinstance(kind, str) and kind.startswith("percent"):
        decimals = int(kind[len("percent") :] or 1)
        return (pd.to_numeric(values, errors="coerce") * 100).round(decimals)
    if kind == "year":
        return pd.to_numeric(values, errors="coerce").astype("Int64")
    if kind == "bool":
        return values.map(lambda v: yes_no(v, lang))
    if kind == "date":
        return values.map(
            lambda v: "" if fmt.is_missing(v) else pd.Timestamp(v).strftime("%d.%m.%Y")
        )
    if isinstance(kind, Mapping):  # display labels of codes or ranks: the number stays
        return values
    return values.map(safe_text)
