"""Reader for the MaStR web CSV export ("Erweiterte Öffentliche Einheitenübersicht").

This is the file staff download from the public unit search of the
Marktstammdatenregister (default name ``Stromerzeuger.csv``, at most 25,000 rows).
Format facts (``shared/reference/mastr-format.md`` §2, checked against two real
exports):

- UTF-8 with BOM (one 2023 sample has none), ``;`` separator, every field quoted;
- decimal comma and **no** thousands separator, capacities in kW;
- dates ``d.m.yyyy`` without zero padding, or US ``M/D/YYYY`` in re-saved files;
- one header name starts with a TAB (``"\\tMaStR-Nr. des Anlagenbetreibers"``);
- several header generations (46/49, 50, 55, 56 columns): before release 25.1
  (April 2025) a single ``Lage der Einheit`` column held what is now
  ``Art der Solaranlage`` and ``Wind an Land oder auf See``; the 2023 header has
  no ``Gemeinde``/``Landkreis``;
- cell values are labels (``In Betrieb``, ``Solare Strahlungsenergie``), not codes.

How the reader copes:

- Columns are mapped **by name**; added, missing and renamed columns are recorded
  in ``meta_schema_drift``. A file without one of the :data:`REQUIRED_COLUMNS` is
  refused as a whole (one clear problem record naming the missing columns).
- The bytes are decoded as UTF-8 (with or without BOM). A Windows-1252 file or
  UTF-8 that was double-encoded (``EnergietrÃ¤ger``) is decoded correctly and a
  warning is recorded; anything else is refused. Mojibake is never loaded.
- Every cell is read as a string and each column is parsed on purpose: a number
  holding a dot (``1.234,5`` or ``2.000``) is reported, not guessed.
- The date style is decided once per file from all date cells: dotted dates are
  German ``d.m.yyyy``; slashed dates are ``M/D/YYYY`` or ``D/M/YYYY`` depending on
  which one every slashed date fits. When both fit (every part ≤ 12) the slashed
  dates are ambiguous and cleared with one file-level message per column.
- Units are selected by ``Gemeindeschlüssel`` (:class:`etl.region.Region`); a
  7-digit key is repaired and reported (:func:`etl.region.parse_ags_series`).
- Every problem is recorded with the file, the row number (1-based, the header
  is row 1), the column name as in the file and the raw value.

Modules: :mod:`.decode` (bytes to records), :mod:`.header` (column names,
drift), :mod:`.values` (labels, numbers, dates), :mod:`.columns` (typed unit
columns); this module reads one file under the reader contract.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pandas as pd

from etl.readers.base import LoadRun, extract_date_from_name
from etl.readers.mastr_web_csv.columns import Cells, unit_frame
from etl.readers.mastr_web_csv.decode import WebCsvError, decode_bytes, parse_csv
from etl.readers.mastr_web_csv.header import (
    COL_AGS,
    COL_CARRIER,
    COL_ID,
    COL_LAST_UPDATE,
    COL_LEGACY_LOCATION,
    COL_WIND_LOCATION,
    REQUIRED_COLUMNS,
    SOURCE_FIELDS,
    normalise_header,
    report_drift,
)
from etl.readers.mastr_web_csv.values import DateStyle, decide_date_style, parse_dates
from etl.region import REASON_AGS_INVALID, REASON_AGS_REPAIRED, Region, parse_ags_series

log = logging.getLogger(__name__)

SOURCE = "mastr_web_csv"


def _header_and_records(raw: bytes, run: LoadRun) -> tuple[list[str], list[list[str]], str] | None:
    """Decoded, split and checked file; ``None`` when it is refused (finding reported)."""
    try:
        decoded = decode_bytes(raw, run.file_name)
    except WebCsvError as exc:
        log.warning("%s", exc)
        run.fail(f"file refused: {exc}")
        return None
    if decoded.warning:
        log.warning("%s: %s", run.file_name, decoded.warning)
        run.finding(decoded.warning, row_ref="1", action="flagged")
    header_raw, records, delimiter = parse_csv(decoded.text)
    header = [normalise_header(h) for h in header_raw]
    if delimiter != ";":
        run.finding(
            f"separator is {delimiter!r}, not the ';' of the MaStR export (re-saved?): "
            "read with that separator",
            row_ref="1",
            action="flagged",
        )
    report_drift(run, header)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        msg = (
            f"file refused: {run.file_name} lacks the required column(s) "
            f"{', '.join(repr(c) for c in missing)}; nothing loaded from this file"
        )
        log.warning("%s", msg)
        run.count(read=len(records))
        run.fail(msg, field=", ".join(missing), row_ref="1")
        return None
    dup_names = sorted({h for h in header if header.count(h) > 1})
    if dup_names:
        run.finding(
            f"column name(s) appear twice: {', '.join(dup_names)}; the first is used",
            row_ref="1",
            action="flagged",
        )
    return header, records, delimiter


def _string_frame(
    header: list[str], records: list[list[str]], delimiter: str, run: LoadRun
) -> tuple[pd.DataFrame, pd.Series]:
    """Records as a frame of stripped strings and their row numbers (header = row 1).

    Blank lines are skipped; records with the wrong number of fields are rejected.
    """
    n_cols = len(header)
    row_numbers: list[int] = []
    good: list[list[str]] = []
    for i, rec in enumerate(records, start=2):
        if not rec or all(not c.strip() for c in rec):
            continue  # blank line
        run.count(read=1)
        if len(rec) != n_cols:
            run.finding(
                f"row has {len(rec)} fields, the header has {n_cols}: row not loaded",
                row_ref=str(i),
                raw_value=delimiter.join(rec)[:500],
            )
            run.count(rejected=1)
            continue
        row_numbers.append(i)
        good.append(rec)
    keep = [header.index(h) for h in dict.fromkeys(header)]  # first of duplicates
    df = pd.DataFrame(
        [[r[k] for k in keep] for r in good], columns=[header[k] for k in keep], dtype="string"
    )
    for c in df.columns:
        df[c] = df[c].str.strip()
    return df, pd.Series(row_numbers, dtype="int64").astype("string")


def _date_style_and_extract(df: pd.DataFrame, file_name: str) -> tuple[DateStyle, date | None]:
    """The file's date style (from all date cells) and its extract date.

    The extract date comes from the file name, else the newest ``Letzte Aktualisierung``.
    """
    date_cols = [c for c in df.columns if "datum" in c.casefold() or c == COL_LAST_UPDATE]
    all_dates = pd.concat([df[c] for c in date_cols], ignore_index=True) if date_cols else None
    style = decide_date_style(all_dates) if all_dates is not None else DateStyle(None)
    extract = extract_date_from_name(file_name)
    if extract is None and COL_LAST_UPDATE in df.columns:
        last, _, _ = parse_dates(df[COL_LAST_UPDATE], style)
        if last.notna().any():
            extract = last.max().date()
    return style, extract


def _select_region(
    df: pd.DataFrame, rows: pd.Series, run: LoadRun, region: Region
) -> tuple[pd.Series, pd.Series]:
    """Keys (7-digit ones repaired) and the mask of rows in ``region``.

    Malformed keys are reported wherever they are; a unit without a key is
    reported unless it is offshore wind (which has none by nature).
    """
    ids = df[COL_ID].astype("string")
    raw = df[COL_AGS].astype("string")
    keys, repaired, invalid = parse_ags_series(raw)
    ags_empty = raw.isna() | (raw == "")

    def report(mask: pd.Series, reason: str, action: str) -> None:
        """One finding on the key column per row where ``mask`` holds."""
        run.findings_where(
            mask, rows=rows, ids=ids, field=COL_AGS, reason=reason, raw=raw, action=action
        )

    report(repaired, REASON_AGS_REPAIRED, "flagged")
    report(invalid, f"{REASON_AGS_INVALID}: row not loaded", "row_rejected")
    carrier_label = df[COL_CARRIER].str.casefold()
    offshore_hint = pd.Series(False, index=df.index)
    for loc_col in (COL_WIND_LOCATION, COL_LEGACY_LOCATION):
        if loc_col in df.columns:
            offshore_hint |= df[loc_col].str.casefold().str.contains("auf see").fillna(False)
    no_ags = ags_empty & (not region.is_germany) & ~((carrier_label == "wind") & offshore_hint)
    report(
        no_ags,
        "no Gemeindeschlüssel: the unit cannot be assigned to the region, row not loaded",
        "row_rejected",
    )
    run.count(rejected=int((invalid | no_ags).sum()))
    return keys, ~invalid & region.mask(keys)


def read(path: Path, run: LoadRun, region: Region) -> date | None:
    """Read one MaStR web CSV export into the build; return its extract date.

    The extract date comes from the file name when it holds a date
    (``…_20231026.csv``), else it is the newest ``Letzte Aktualisierung`` in the
    file. Returns ``None`` when the file was refused (the reason is a finding;
    other files of the build still load).
    """
    run.sink.register_field_names(SOURCE, SOURCE_FIELDS)
    parsed = _header_and_records(Path(path).read_bytes(), run)
    if parsed is None:
        return None
    df, rows = _string_frame(*parsed, run)
    style, extract = _date_style_and_extract(df, run.file_name)
    keys, in_region = _select_region(df, rows, run, region)
    df = df[in_region].reset_index(drop=True)
    rows = rows[in_region].reset_index(drop=True)
    keys = keys[in_region].reset_index(drop=True)
    if df.empty:
        return extract
    cells = Cells(df, rows, df[COL_ID].astype("string"), run)
    reject = unit_frame(cells, keys, style, extract, SOURCE)
    run.count(rejected=int(reject.sum()))
    keep = ~reject
    staged = run.sink.add_units(
        cells.out[keep].reset_index(drop=True),
        source=SOURCE,
        source_file=run.file_name,
        row_refs=rows[keep].reset_index(drop=True),
    )
    run.count(loaded=staged.rows_loaded, rejected=staged.rows_rejected)
    return extract
