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
- The AGS must have 8 digits (a 7-digit key lost its leading zero and is
  reported, not repaired). Rows outside the build's region are ignored; keys in
  the region that are not among the loaded municipalities are reported.

The figures update ``population`` and ``population_date`` in
``core_bkg__municipalities``, so boundaries must be loaded first.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from etl import schema
from etl.sink import BuildSink, SinkCounts

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


def read_population(path: Path, sink: BuildSink) -> int:
    """Set ``population`` and ``population_date`` of the loaded municipalities.

    Returns how many municipalities received a figure. Every unusable row is
    recorded in ``meta_rejected_rows`` with file, row (1-based, header = 1),
    field and raw value.
    """
    started_at = datetime.now(UTC)
    t0 = time.perf_counter()
    path = Path(path)
    file_name = path.name
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    problems: list[pd.DataFrame] = []

    def add(mask, rows, ids, field, reason, raw_values, action="row_rejected") -> None:
        mask = mask.fillna(False).astype(bool)
        if mask.any():
            problems.append(
                pd.DataFrame(
                    {
                        "row_ref": rows[mask],
                        "record_id": ids[mask],
                        "field": field,
                        "reason": reason,
                        "raw_value": None if raw_values is None else raw_values[mask],
                        "action": action,
                    }
                )
            )

    def one(reason: str, action: str = "row_rejected", field: str | None = None) -> None:
        problems.append(
            pd.DataFrame([{"row_ref": "1", "field": field, "reason": reason, "action": action}])
        )

    def finish(counts: SinkCounts) -> int:
        if problems:
            sink.add_problems(
                pd.concat(problems, ignore_index=True), source=SOURCE, source_file=file_name
            )
        sink.add_load_run(
            SOURCE,
            path,
            counts,
            extract_date=None,
            duration_s=time.perf_counter() - t0,
            sha256=sha,
            started_at=started_at,
        )
        return counts.rows_loaded

    try:
        text, warning = _decode(raw)
    except UnicodeDecodeError:
        one("file is neither UTF-8 nor Windows-1252: nothing loaded")
        return finish(SinkCounts())
    if warning:
        one(warning, action="flagged")

    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records:
        one("empty file: nothing loaded")
        return finish(SinkCounts())
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
        one(
            f"file refused: no column {' and no column '.join(missing)} in the header "
            f"{records[0]}; nothing loaded",
            field=", ".join(missing),
        )
        return finish(SinkCounts(rows_read=len(records) - 1))
    if col_date is None:
        one("no date column (date/Stichtag): population loaded without date", action="flagged")

    body = [(i, r) for i, r in enumerate(records[1:], start=2) if any(c.strip() for c in r)]
    width = max(col_key, col_pop, col_date or 0) + 1
    short = [(i, r) for i, r in body if len(r) < width]
    for i, r in short:
        problems.append(
            pd.DataFrame(
                [
                    {
                        "row_ref": str(i),
                        "reason": f"row has {len(r)} fields, expected at least {width}",
                        "raw_value": delimiter.join(r)[:500],
                        "action": "row_rejected",
                    }
                ]
            )
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
    n_read = len(body) + len(short)
    key_field, pop_field = records[0][col_key].strip(), records[0][col_pop].strip()
    date_field = records[0][col_date].strip() if col_date is not None else None

    # Region of the build and the loaded municipalities.
    info = sink.con.execute(
        f"SELECT value FROM {schema.BUILD_INFO.name} WHERE key = 'region_prefix'"
    ).fetchone()
    region_prefix = (info[0] or "") if info else ""
    known = {
        r[0]
        for r in sink.con.execute(
            f"SELECT municipality_key FROM {schema.MUNICIPALITIES.name}"
        ).fetchall()
    }
    rows, ids = df["row"], df["ags"]

    # Keys: malformed keys are reported wherever they are; other checks only in the region.
    bad_key = ~df["ags"].str.fullmatch(r"\d{8}").fillna(False)
    lost_zero = bad_key & df["ags"].str.fullmatch(r"\d{7}").fillna(False)
    add(
        lost_zero,
        rows,
        ids,
        key_field,
        "AGS has 7 digits: leading zero lost (saved by Excel?); row not loaded",
        df["ags"],
    )
    add(
        bad_key & ~lost_zero, rows, ids, key_field, "AGS is not 8 digits: row not loaded", df["ags"]
    )
    in_region = ~bad_key & df["ags"].str.startswith(region_prefix).fillna(False)

    pop, bad_pop = parse_population(df["pop"])
    empty_pop = pop.isna() & ~bad_pop
    add(
        bad_pop & in_region,
        rows,
        ids,
        pop_field,
        "population is not a whole number (a '.' between groups of three digits is the only "
        "thousands separator allowed): row not loaded",
        df["pop"],
    )
    add(empty_pop & in_region, rows, ids, pop_field, "population empty: row not loaded", df["pop"])
    ok = in_region & ~bad_pop & ~empty_pop

    when, bad_date = parse_date(df["date"])
    add(
        bad_date & ok,
        rows,
        ids,
        date_field,
        "date is not YYYY-MM-DD or D.M.YYYY: population loaded without date",
        df["date"],
        "field_cleared",
    )
    when = when.mask(bad_date)

    dup = ok & df["ags"].where(ok).duplicated(keep="first")
    add(dup, rows, ids, key_field, "AGS repeated: the first row was used", df["ags"])
    ok &= ~dup

    if not known:
        one(
            "no municipalities loaded (no boundary file?): population cannot be assigned",
            field=key_field,
        )
        rejected = len(short) + int((bad_key | (in_region & ~ok)).sum()) + int(ok.sum())
        return finish(SinkCounts(rows_read=n_read, rows_rejected=rejected))
    unknown = ok & ~df["ags"].isin(known)
    add(
        unknown,
        rows,
        ids,
        key_field,
        "AGS not among the loaded municipalities (renamed or merged municipality?): row not loaded",
        df["ags"],
    )

    use = ok & ~unknown
    upd = pd.DataFrame(
        {
            "municipality_key": df.loc[use, "ags"],
            "population": pop[use],
            "population_date": when[use].astype("datetime64[s]"),
        }
    )
    if not upd.empty:
        sink.con.register("_population", upd)
        sink.con.execute(
            f"""
            UPDATE {schema.MUNICIPALITIES.name} AS m
            SET population = p.population, population_date = p.population_date
            FROM _population AS p WHERE m.municipality_key = p.municipality_key
            """
        )
        sink.con.unregister("_population")
    rejected = len(short) + int((bad_key | (in_region & ~ok) | unknown).sum())
    return finish(SinkCounts(rows_read=n_read, rows_loaded=len(upd), rows_rejected=rejected))
