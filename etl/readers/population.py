"""Reader for population per municipality (a small CSV the office maintains).

Format: one row per municipality with three columns, e.g.::

    AGS;population;date
    13076001;512;2024-12-31

- Header names may be German or English (case and spaces do not matter):
  key ``AGS`` / ``Gemeindeschlüssel`` / ``municipality_key``; inhabitants
  ``population`` / ``Einwohner`` / ``EWZ``; date ``date`` / ``Stichtag`` /
  ``Stand``. The date column is optional (then the date stays empty and this
  is reported once).
- Separator ``;``, ``,`` or TAB (detected from the header line); UTF-8 with or
  without BOM, Windows-1252 is decoded with a warning.
- Population: whole numbers. German thousands separators (``12.345``,
  ``1.234.567``) are accepted **only in the population column** and only in
  correct groups of three; anything else (``12,345``, ``12.34``, ``-5``) is
  reported, never guessed.
- Dates: ISO ``2024-12-31`` or German ``31.12.2024``.
- The AGS is read with :func:`etl.region.parse_ags_series` (a 7-digit key is
  repaired and reported, other malformed keys are reported wherever they are).
  Rows outside the build's region are ignored; keys in the region that are not
  among the loaded municipalities are reported.

The figures update ``population`` and ``population_date`` in
``core_bkg__municipalities``, so boundaries must be loaded first.

This is the smallest reader and the example of the contract in
:mod:`etl.readers.base`: ``SOURCE`` plus ``read(path, run, region)``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from etl import schema
from etl.readers.base import LoadRun
from etl.region import REASON_AGS_INVALID, REASON_AGS_REPAIRED, Region, parse_ags_series

SOURCE = "population"

#: Accepted header names (case-folded, spaces/underscores/hyphens removed).
KEY_NAMES = frozenset(
    {
        "ags",
        "gemeindeschlüssel",
        "gemeindeschluessel",
        "municipalitykey",
        "amtlichergemeindeschlüssel",
    }
)
POPULATION_NAMES = frozenset(
    {"population", "einwohner", "einwohnerzahl", "ewz", "bevölkerung", "inhabitants"}
)
DATE_NAMES = frozenset({"date", "stichtag", "stand", "datum", "populationdate", "referencedate"})

_RE_PLAIN_INT = r"\d+"
_RE_GERMAN_GROUPED = r"\d{1,3}(?:\.\d{3})+"


def _fold(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.replace("\ufeff", "")).casefold()


def _decode(raw: bytes) -> tuple[str, str | None]:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8"), None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "file is not UTF-8: decoded as Windows-1252 (cp1252)"


def parse_population(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers, optionally with German thousands dots; returns (values, bad mask)."""
    s = s.astype("string").str.strip()
    empty = s.isna() | (s == "")
    ok = s.str.fullmatch(_RE_PLAIN_INT).fillna(False) | s.str.fullmatch(_RE_GERMAN_GROUPED).fillna(
        False
    )
    values = pd.to_numeric(s.where(ok).str.replace(".", "", regex=False), errors="coerce")
    return values.astype("Int64"), ~ok & ~empty


def parse_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO or German dates; returns (values, bad mask)."""
    s = s.astype("string").str.strip()
    empty = s.isna() | (s == "")
    iso = pd.to_datetime(
        s.where(s.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False)),
        format="%Y-%m-%d",
        errors="coerce",
    )
    german = pd.to_datetime(
        s.where(s.str.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}").fillna(False)),
        format="%d.%m.%Y",
        errors="coerce",
    )
    values = iso.fillna(german)
    return values, ~empty & values.isna()


@dataclass
class _Table:
    """The file's rows as strings, with the header names as written."""

    df: pd.DataFrame  # columns row, ags, pop, date
    rows_read: int
    rows_short: int
    key_field: str
    pop_field: str
    date_field: str | None


def _table(text: str, run: LoadRun) -> _Table | None:
    """Split the text into rows and map the header; ``None`` when the file is refused."""
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records:
        run.finding("empty file: nothing loaded", row_ref="1")
        return None
    header = [_fold(h) for h in records[0]]
    col_key = next((i for i, h in enumerate(header) if h in KEY_NAMES), None)
    col_pop = next((i for i, h in enumerate(header) if h in POPULATION_NAMES), None)
    col_date = next((i for i, h in enumerate(header) if h in DATE_NAMES), None)
    if col_key is None or col_pop is None:
        missing = [
            name
            for name, col in (("AGS/Gemeindeschlüssel", col_key), ("population/Einwohner", col_pop))
            if col is None
        ]
        run.finding(
            f"file refused: no column {' and no column '.join(missing)} in the header "
            f"{records[0]}; nothing loaded",
            row_ref="1",
            field=", ".join(missing),
        )
        run.count(read=len(records) - 1)
        return None
    if col_date is None:
        run.finding(
            "no date column (date/Stichtag): population loaded without date",
            row_ref="1",
            action="flagged",
        )

    body = [(i, r) for i, r in enumerate(records[1:], start=2) if any(c.strip() for c in r)]
    width = max(col_key, col_pop, col_date or 0) + 1
    short = [(i, r) for i, r in body if len(r) < width]
    for i, r in short:
        run.finding(
            f"row has {len(r)} fields, expected at least {width}",
            row_ref=i,
            raw_value=delimiter.join(r)[:500],
        )
    body = [(i, r) for i, r in body if len(r) >= width]
    df = pd.DataFrame(
        {
            "row": pd.Series([str(i) for i, _ in body], dtype="string"),
            "ags": pd.Series([r[col_key].strip() for _, r in body], dtype="string"),
            "pop": pd.Series([r[col_pop] for _, r in body], dtype="string"),
            "date": pd.Series(
                [r[col_date] if col_date is not None else "" for _, r in body], dtype="string"
            ),
        }
    )
    return _Table(
        df=df,
        rows_read=len(body) + len(short),
        rows_short=len(short),
        key_field=records[0][col_key].strip(),
        pop_field=records[0][col_pop].strip(),
        date_field=records[0][col_date].strip() if col_date is not None else None,
    )


def _known_keys(run: LoadRun) -> set[str]:
    return {
        r[0]
        for r in run.sink.con.execute(
            f"SELECT municipality_key FROM {schema.MUNICIPALITIES.name}"
        ).fetchall()
    }


def _update(run: LoadRun, upd: pd.DataFrame) -> None:
    if upd.empty:
        return
    con = run.sink.con
    con.register("_population", upd)
    con.execute(
        f"""
        UPDATE {schema.MUNICIPALITIES.name} AS m
        SET population = p.population, population_date = p.population_date
        FROM _population AS p WHERE m.municipality_key = p.municipality_key
        """
    )
    con.unregister("_population")


def read(path: Path, run: LoadRun, region: Region) -> date | None:
    """Set ``population`` and ``population_date`` of the loaded municipalities.

    ``run.loaded`` is how many municipalities received a figure. Every unusable
    row is a finding with file, row (1-based, header = 1), field and raw value.
    The file has no extract date: returns ``None``.
    """
    try:
        text, warning = _decode(Path(path).read_bytes())
    except UnicodeDecodeError:
        run.finding("file is neither UTF-8 nor Windows-1252: nothing loaded", row_ref="1")
        return None
    if warning:
        run.finding(warning, row_ref="1", action="flagged")
    table = _table(text, run)
    if table is None:
        return None
    df, key_field = table.df, table.key_field
    rows = df["row"]

    def report(
        mask: pd.Series,
        field: str | None,
        reason: str,
        raw: pd.Series,
        action: str = "row_rejected",
    ) -> None:
        """One finding per row where ``mask`` holds."""
        run.findings_where(
            mask, rows=rows, ids=df["ags"], field=field, reason=reason, raw=raw, action=action
        )

    # Keys: malformed keys are reported wherever they are; other checks only in the region.
    keys, repaired, bad_key = parse_ags_series(df["ags"])
    bad_key |= keys.isna() & ~bad_key  # an empty key is no municipality either
    report(repaired, key_field, REASON_AGS_REPAIRED, df["ags"], "flagged")
    report(bad_key, key_field, f"{REASON_AGS_INVALID}: row not loaded", df["ags"])
    in_region = ~bad_key & region.mask(keys)

    pop, bad_pop = parse_population(df["pop"])
    empty_pop = pop.isna() & ~bad_pop
    report(
        bad_pop & in_region,
        table.pop_field,
        "population is not a whole number (a '.' between groups of three digits is the only "
        "thousands separator allowed): row not loaded",
        df["pop"],
    )
    report(empty_pop & in_region, table.pop_field, "population empty: row not loaded", df["pop"])
    ok = in_region & ~bad_pop & ~empty_pop

    when, bad_date = parse_date(df["date"])
    report(
        bad_date & ok,
        table.date_field,
        "date is not YYYY-MM-DD or D.M.YYYY: population loaded without date",
        df["date"],
        "field_cleared",
    )
    when = when.mask(bad_date)

    dup = ok & keys.where(ok).duplicated(keep="first")
    report(dup, key_field, "AGS repeated: the first row was used", df["ags"])
    ok &= ~dup

    known = _known_keys(run)
    not_loaded = int((bad_key | (in_region & ~ok)).sum())
    if not known:
        run.finding(
            "no municipalities loaded (no boundary file?): population cannot be assigned",
            row_ref="1",
            field=key_field,
        )
        run.count(read=table.rows_read, rejected=table.rows_short + not_loaded + int(ok.sum()))
        return None
    unknown = ok & ~keys.isin(known)
    report(
        unknown,
        key_field,
        "AGS not among the loaded municipalities (renamed or merged municipality?): row not loaded",
        df["ags"],
    )
    use = ok & ~unknown
    upd = pd.DataFrame(
        {
            "municipality_key": keys[use],
            "population": pop[use],
            "population_date": when[use].astype("datetime64[s]"),
        }
    )
    _update(run, upd)
    run.count(
        read=table.rows_read,
        loaded=len(upd),
        rejected=table.rows_short + not_loaded + int(unknown.sum()),
    )
    return None
