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
- Units are selected by ``Gemeindeschlüssel`` prefix (the region).
- Every problem is recorded with the file, the row number (1-based, the header
  is row 1), the column name as in the file and the raw value.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from etl import schema
from etl.build import extract_date_from_name
from etl.sink import BuildSink, SinkCounts

log = logging.getLogger(__name__)

SOURCE = "mastr_web_csv"

# --------------------------------------------------------------------------- #
# Header generations
# --------------------------------------------------------------------------- #
#: The current header (56 columns, since MaStR release 25.1, April 2025), in file order.
#: The drift report compares every file with it.
CURRENT_HEADER: tuple[str, ...] = (
    "MaStR-Nr. der Einheit",
    "Anzeige-Name der Einheit",
    "Betriebs-Status",
    "Energieträger",
    "Bruttoleistung der Einheit",
    "Nettonennleistung der Einheit",
    "Inbetriebnahmedatum der Einheit",
    "Registrierungsdatum der Einheit",
    "Bundesland",
    "Postleitzahl",
    "Ort",
    "Straße",
    "Hausnummer",
    "Gemarkung",
    "Flurstück",
    "Gemeindeschlüssel",
    "Gemeinde",
    "Landkreis",
    "Koordinate: Breitengrad (WGS84)",
    "Koordinate: Längengrad (WGS84)",
    "Technologie der Stromerzeugung",
    "Art der Solaranlage",
    "Anzahl der Solar-Module",
    "Hauptausrichtung der Solar-Module",
    "Art der Bodenfläche (der PV-Anlage)",
    "Name des Windparks",
    "Wind an Land oder auf See",
    "Nabenhöhe der Windenergieanlage",
    "Rotordurchmesser der Windenergieanlage",
    "Hersteller der Windenergieanlage",
    "Typenbezeichnung",
    "Hauptbrennstoff der Einheit",
    "MaStR-Nr. der Speichereinheit",
    "Speichertechnologie",
    "Nutzbare Speicherkapazität in kWh",
    "Letzte Aktualisierung",
    "Datum der endgültigen Stilllegung",
    "Datum der geplanten Inbetriebnahme",
    "Name des Anlagenbetreibers (nur Org.)",
    "MaStR-Nr. des Anlagenbetreibers",
    "Volleinspeisung oder Teileinspeisung",
    "MaStR-Nr. der Genehmigung",
    "Name des Anschluss-Netzbetreibers",
    "MaStR-Nr. des Anschluss-Netzbetreibers",
    "Netzbetreiberprüfung",
    "Spannungsebene",
    "MaStR-Nr. der Lokation",
    "MaStR-Nr. der EEG-Anlage",
    "EEG-Anlagenschlüssel",
    "Inbetriebnahmedatum der EEG-Anlage",
    "Installierte Leistung der EEG-Anlage",
    "Zuschlagnummer (EEG/KWK-Ausschreibung)",
    "MaStR-Nr. der KWK-Anlage",
    "Inbetriebnahmedatum der KWK-Anlage",
    "Elektrische KWK-Leistung",
    "Thermische Nutzleistung in kW",
)

#: Columns of older header generations and what replaced them.
LEGACY_COLUMNS: dict[str, tuple[str, ...]] = {
    "Lage der Einheit": ("Art der Solaranlage", "Wind an Land oder auf See"),
}

#: Without these a file cannot be loaded at all.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "MaStR-Nr. der Einheit",
    "Betriebs-Status",
    "Energieträger",
    "Bruttoleistung der Einheit",
    "Gemeindeschlüssel",
)

COL_ID = "MaStR-Nr. der Einheit"
COL_STATUS = "Betriebs-Status"
COL_CARRIER = "Energieträger"
COL_GROSS = "Bruttoleistung der Einheit"
COL_AGS = "Gemeindeschlüssel"
COL_PLZ = "Postleitzahl"
COL_LAT = "Koordinate: Breitengrad (WGS84)"
COL_LON = "Koordinate: Längengrad (WGS84)"
COL_SOLAR_KIND = "Art der Solaranlage"
COL_WIND_LOCATION = "Wind an Land oder auf See"
COL_LEGACY_LOCATION = "Lage der Einheit"
COL_LAST_UPDATE = "Letzte Aktualisierung"

#: Text columns copied as they are: file column -> unit column.
TEXT_COLUMNS: dict[str, str] = {
    "Anzeige-Name der Einheit": "unit_name",
    "Bundesland": "federal_state",
    "Ort": "place",
    "Gemeinde": "municipality_name",
    "Landkreis": "district_name",
    "Name des Windparks": "wind_park_name",
    "Hersteller der Windenergieanlage": "manufacturer",
    "Typenbezeichnung": "model",
    "Speichertechnologie": "storage_technology",
    "MaStR-Nr. der Genehmigung": "permit_id_mastr",
}

#: Optional numeric columns (decimal comma): file column -> unit column.
NUMBER_COLUMNS: dict[str, str] = {
    "Nettonennleistung der Einheit": "net_capacity_kw",
    "Nabenhöhe der Windenergieanlage": "hub_height_m",
    "Rotordurchmesser der Windenergieanlage": "rotor_diameter_m",
    "Nutzbare Speicherkapazität in kWh": "storage_energy_kwh",
}

#: Date columns: file column -> unit column.
DATE_COLUMNS: dict[str, str] = {
    "Inbetriebnahmedatum der Einheit": "commissioning_date",
    "Registrierungsdatum der Einheit": "registration_date",
    "Datum der endgültigen Stilllegung": "decommissioning_date",
    "Datum der geplanten Inbetriebnahme": "planned_commissioning_date",
    COL_LAST_UPDATE: "last_update",
}

# --------------------------------------------------------------------------- #
# Labels -> codes
# --------------------------------------------------------------------------- #
STATUS_LABELS: dict[str, str] = {
    "in betrieb": "operating",
    "in planung": "planned",
    "vorübergehend stillgelegt": "temporarily_shut_down",
    "endgültig stillgelegt": "permanently_shut_down",
}

#: Energieträger label (case-folded) -> kind; wind and solar are refined by location.
CARRIER_LABELS: dict[str, str] = {
    "wind": "wind",
    "solare strahlungsenergie": "solar",
    "biomasse": "biomass",
    "wasser": "hydro",
    "speicher": "storage",
}
#: Energieträger labels of the MaStR outside our carrier list: loaded as ``other``.
OTHER_CARRIER_LABELS: frozenset[str] = frozenset(
    {
        "klärschlamm",
        "nicht biogener abfall",
        "erdgas",
        "andere gase",
        "braunkohle",
        "steinkohle",
        "mineralölprodukte",
        "grubengas",
        "geothermie",
        "kernenergie",
        "wärme",
        "solarthermie",
        "wasserstoff",
        "druck aus gasleitungen",
        "druck aus wasserleitungen",
        "sonstige",
    }
)

# --------------------------------------------------------------------------- #
# Value patterns
# --------------------------------------------------------------------------- #
_RE_DECIMAL_COMMA = r"[+-]?\d+(?:,\d+)?"
_RE_GROUPED = r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?"
_RE_DOT_DECIMAL = r"[+-]?\d*\.\d+"
_RE_AGS = r"\d{8}"
_RE_PLZ = r"\d{5}"
_RE_DOT_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
_RE_SLASH_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
_RE_ISO_DATE = r"\d{4}-\d{2}-\d{2}"
_RE_TIME = r"(?: \d{1,2}:\d{2}(?::\d{2})?)?"

_PROBLEM_COLS = ["row_ref", "record_id", "field", "reason", "raw_value", "action"]


class WebCsvError(ValueError):
    """A web CSV file that cannot be loaded at all (reason in the message)."""


@dataclass
class _Decoded:
    text: str
    encoding: str
    warning: str | None = None


@dataclass
class _DateStyle:
    """How slashed dates of one file are read: 'mdy', 'dmy', or None (refused)."""

    slash_order: str | None
    message: str | None = None


# --------------------------------------------------------------------------- #
# Decoding and CSV parsing
# --------------------------------------------------------------------------- #
_MOJIBAKE_TAIL = "".join(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))
_RE_MOJIBAKE = re.compile("Ã[" + re.escape(_MOJIBAKE_TAIL) + "]")


def decode_bytes(raw: bytes, file_name: str) -> _Decoded:
    """Decode the file, or raise :class:`WebCsvError`; never returns mojibake.

    UTF-8 (with or without BOM) is expected. UTF-16 with BOM and Windows-1252 are
    decoded with a warning; text that was UTF-8 decoded as Windows-1252 and saved
    again (``Ã¤`` for ``ä``) is repaired with a warning.
    """
    if raw.startswith(codecs.BOM_UTF8):
        try:
            text = raw[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WebCsvError(
                f"{file_name}: starts with a UTF-8 byte order mark but byte {exc.start} "
                f"({raw[exc.start + 3 : exc.start + 4]!r}) is not UTF-8; the file is damaged "
                "or mixes encodings. Export it again from the MaStR."
            ) from exc
        result = _Decoded(text, "utf-8-sig")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise WebCsvError(f"{file_name}: UTF-16 byte order mark but invalid UTF-16") from exc
        result = _Decoded(
            text, "utf-16", "file is UTF-16, not the UTF-8 of the MaStR export: decoded as UTF-16"
        )
    else:
        try:
            result = _Decoded(raw.decode("utf-8"), "utf-8")
        except UnicodeDecodeError as exc:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError as exc2:
                raise WebCsvError(
                    f"{file_name}: neither UTF-8 nor Windows-1252 (byte {exc.start} is "
                    f"{raw[exc.start : exc.start + 1]!r}); refused so that no garbled text "
                    "is loaded. Export it again from the MaStR."
                ) from exc2
            result = _Decoded(
                text,
                "cp1252",
                "file is not UTF-8 (re-saved by Excel?): decoded as Windows-1252 (cp1252); "
                "check umlauts in names",
            )
    result.text = unicodedata.normalize("NFC", result.text)
    if _RE_MOJIBAKE.search(result.text):
        try:
            repaired = result.text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError) as exc:
            raise WebCsvError(
                f"{file_name}: text contains garbled umlauts (e.g. 'Ã¤' for 'ä') that cannot "
                "be repaired; export the file again from the MaStR"
            ) from exc
        result = _Decoded(
            repaired,
            result.encoding + "+repaired",
            "text was double-encoded (UTF-8 read as Windows-1252 and saved again, "
            "'Ã¤' for 'ä'): repaired",
        )
    result.text = result.text.removeprefix("\ufeff")
    return result


def normalise_header(name: str) -> str:
    """Header name without BOM, TAB and surrounding or repeated whitespace."""
    name = name.replace("\ufeff", "").replace("\xa0", " ")
    return re.sub(r"\s+", " ", name).strip()


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    # count separators outside quotes
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {sep: outside.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda s: counts[s]) if any(counts.values()) else ";"


def _parse_csv(text: str) -> tuple[list[str], list[list[str]], str]:
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    rows = list(reader)
    if not rows:
        return [], [], delimiter
    return rows[0], rows[1:], delimiter


# --------------------------------------------------------------------------- #
# Column parsers (vectorised, string in, typed out plus a "bad" mask)
# --------------------------------------------------------------------------- #
def parse_german_number(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse decimal-comma numbers without thousands separator.

    Returns ``(values, bad_mask, reasons)``. Empty cells are missing, not bad.
    Values with a dot are never guessed: ``1.234,5`` (thousands separator) and
    ``2.000`` / ``2.5`` (dot) are reported as bad.
    """
    s = s.astype("string").str.strip()
    empty = s.isna() | (s == "")
    ok = s.str.fullmatch(_RE_DECIMAL_COMMA).fillna(False) & ~empty
    values = pd.to_numeric(s.where(ok).str.replace(",", ".", regex=False), errors="coerce")
    values = values.astype("Float64")
    bad = ~ok & ~empty
    reasons = pd.Series(pd.NA, index=s.index, dtype="string")
    grouped = bad & s.str.fullmatch(_RE_GROUPED).fillna(False)
    dotted = bad & ~grouped & s.str.fullmatch(_RE_DOT_DECIMAL).fillna(False)
    reasons[grouped] = (
        "number with a dot as thousands separator, which this export never uses "
        "(decimal comma, no grouping): not read, check the source"
    )
    reasons[dotted] = (
        "number with a decimal point: ambiguous in a decimal-comma export "
        "(thousands separator or decimal?), not read"
    )
    reasons[bad & ~grouped & ~dotted] = "not a number"
    return values, bad, reasons


def _slashed(cells: pd.Series) -> pd.Series:
    return cells.str.fullmatch(_RE_SLASH_DATE + _RE_TIME).fillna(False)


def decide_date_style(cells: pd.Series) -> _DateStyle:
    """Decide once per file how slashed dates are read, from all date cells.

    Dotted dates are always German ``d.m.yyyy``. Slashed dates fit ``M/D/YYYY``
    when no first part exceeds 12 and ``D/M/YYYY`` when no second part does; when
    exactly one fits it is used, otherwise (both fit: ambiguous, or neither:
    inconsistent) slashed dates are refused.
    """
    cells = cells.astype("string").str.strip()
    sub = cells[_slashed(cells)]
    if sub.empty:
        return _DateStyle(None)
    parts = sub.str.split("/", n=2, expand=True)
    a = parts[0].astype(int)
    b = parts[1].astype(int)
    fits_mdy = bool((a <= 12).all() and (b <= 31).all())
    fits_dmy = bool((b <= 12).all() and (a <= 31).all())
    if fits_mdy and not fits_dmy:
        return _DateStyle("mdy")
    if fits_dmy and not fits_mdy:
        return _DateStyle("dmy")
    if fits_mdy and fits_dmy:
        return _DateStyle(
            None,
            f"ambiguous date style: all {len(sub)} slashed dates (e.g. '{sub.iloc[0]}') fit "
            "both month/day/year (US) and day/month/year; dates refused rather than guessed. "
            "Export again with German dates (d.m.yyyy)",
        )
    return _DateStyle(
        None,
        "inconsistent date style: some slashed dates only fit month/day/year, others only "
        "day/month/year; dates refused. Export again with German dates (d.m.yyyy)",
    )


def parse_dates(
    s: pd.Series, style: _DateStyle, with_time: bool = False
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse one date column under the file's date style.

    Returns ``(values, bad_mask, refused_mask)``: ``bad`` are cells that are not
    a valid date; ``refused`` are slashed dates when the file's style is undecided.
    A time of day (``5.11.2018 13:45``) is kept only when ``with_time``.
    """
    s = s.astype("string").str.strip()
    empty = s.isna() | (s == "")
    parsed = pd.Series(pd.NaT, index=s.index, dtype="datetime64[us]")
    refused = pd.Series(False, index=s.index)
    slash_fmt = {"mdy": "%m/%d/%Y", "dmy": "%d/%m/%Y"}.get(style.slash_order or "")
    forms = (
        (_RE_DOT_DATE, "%d.%m.%Y"),
        (_RE_ISO_DATE, "%Y-%m-%d"),
        (_RE_SLASH_DATE, slash_fmt),
    )
    times = (("", ""), (r" \d{1,2}:\d{2}", " %H:%M"), (r" \d{1,2}:\d{2}:\d{2}", " %H:%M:%S"))
    for date_re, date_fmt in forms:
        for time_re, time_fmt in times:
            hit = s.str.fullmatch(date_re + time_re).fillna(False)
            if not hit.any():
                continue
            if date_fmt is None:
                refused |= hit
                continue
            parsed[hit] = pd.to_datetime(s[hit], format=date_fmt + time_fmt, errors="coerce")
    if not with_time:
        parsed = parsed.dt.normalize()
    bad = ~empty & ~refused & parsed.isna()
    return parsed, bad, refused


# --------------------------------------------------------------------------- #
# The reader
# --------------------------------------------------------------------------- #
class _Problems:
    """Collects problem records of one file."""

    def __init__(self) -> None:
        self.frames: list[pd.DataFrame] = []

    def add(
        self,
        mask: pd.Series,
        rows: pd.Series,
        ids: pd.Series,
        field: str,
        reason: str | pd.Series,
        raw: pd.Series | None,
        action: str,
    ) -> None:
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        self.frames.append(
            pd.DataFrame(
                {
                    "row_ref": rows[mask].astype("string"),
                    "record_id": ids[mask].astype("string"),
                    "field": field,
                    "reason": reason[mask] if isinstance(reason, pd.Series) else reason,
                    "raw_value": None if raw is None else raw[mask].astype("string").str[:500],
                    "action": action,
                }
            )
        )

    def one(
        self,
        reason: str,
        *,
        field: str | None = None,
        row_ref: str | None = None,
        raw_value: str | None = None,
        action: str = "row_rejected",
    ) -> None:
        self.frames.append(
            pd.DataFrame(
                [
                    {
                        "row_ref": row_ref,
                        "record_id": None,
                        "field": field,
                        "reason": reason,
                        "raw_value": raw_value,
                        "action": action,
                    }
                ]
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self.frames:
            return pd.DataFrame(columns=_PROBLEM_COLS)
        return pd.concat([f[_PROBLEM_COLS] for f in self.frames], ignore_index=True)


def _report_drift(sink: BuildSink, file_name: str, header: list[str]) -> None:
    present = set(header)
    replaced: set[str] = set()
    for legacy, replacements in LEGACY_COLUMNS.items():
        if legacy in present:
            missing_new = [c for c in replacements if c not in present]
            if missing_new:
                replaced.update(missing_new)
                sink.add_drift(
                    SOURCE,
                    file_name,
                    legacy,
                    "renamed",
                    f"older header (before MaStR release 25.1, April 2025): now "
                    f"{' / '.join(repr(c) for c in replacements)}; read from '{legacy}'",
                )
    for col in CURRENT_HEADER:
        if col not in present and col not in replaced:
            sink.add_drift(
                SOURCE,
                file_name,
                col,
                "missing",
                "column of the current 56-column header not in this file"
                + ("; required: file refused" if col in REQUIRED_COLUMNS else ""),
            )
    known = set(CURRENT_HEADER) | set(LEGACY_COLUMNS)
    for col in header:
        if col not in known:
            sink.add_drift(SOURCE, file_name, col, "added", "column unknown to the reader: ignored")


def _carriers(df: pd.DataFrame, rows: pd.Series, ids: pd.Series, problems: _Problems) -> pd.Series:
    label = df[COL_CARRIER].str.strip()
    folded = label.str.casefold()
    kind = folded.map(CARRIER_LABELS).astype("string")
    empty = label.isna() | (label == "")
    known_other = folded.isin(OTHER_CARRIER_LABELS)
    unknown = kind.isna() & ~known_other & ~empty
    problems.add(
        unknown,
        rows,
        ids,
        COL_CARRIER,
        "unknown Energieträger label: loaded as carrier 'other'",
        label,
        "flagged",
    )
    kind = kind.mask(kind.isna() & ~empty, "other")

    def location(primary: str) -> pd.Series:
        if primary in df.columns:
            return df[primary].fillna("")
        if COL_LEGACY_LOCATION in df.columns:
            return df[COL_LEGACY_LOCATION].fillna("")
        return pd.Series("", index=df.index, dtype="string")

    solar_loc = location(COL_SOLAR_KIND).str.casefold()
    wind_loc = location(COL_WIND_LOCATION).str.casefold()
    solar_field = COL_SOLAR_KIND if COL_SOLAR_KIND in df.columns else COL_LEGACY_LOCATION
    wind_field = COL_WIND_LOCATION if COL_WIND_LOCATION in df.columns else COL_LEGACY_LOCATION

    carrier = kind.map(
        {"biomass": "biomass", "hydro": "hydro", "storage": "storage", "other": "other"}
    ).astype("string")
    # Solar: ground-mounted, building, or other (balcony, water, other structures).
    solar = kind == "solar"
    ground = solar_loc.str.contains("freifl", regex=False)
    building = solar_loc.str.contains("hausdach|gebäude", regex=True)
    other_pv = solar_loc.str.contains(
        "sonstige|steckerfertig|balkon|gewässer|parkplatz|plug", regex=True
    )
    carrier[solar & ground] = "pv_ground"
    carrier[solar & ~ground & building] = "pv_building"
    carrier[solar & carrier.isna()] = "pv_other"
    problems.add(
        solar & ~ground & ~building & ~other_pv & (solar_loc != ""),
        rows,
        ids,
        solar_field,
        "unknown kind of solar installation: loaded as pv_other",
        df[solar_field] if solar_field in df.columns else None,
        "flagged",
    )
    problems.add(
        solar & (solar_loc == ""),
        rows,
        ids,
        solar_field,
        "kind of solar installation not given: loaded as pv_other",
        None,
        "flagged",
    )
    # Wind: onshore or offshore.
    wind = kind == "wind"
    offshore = wind_loc.str.contains("auf see", regex=False)
    onshore = wind_loc.str.contains("an land", regex=False)
    carrier[wind & offshore] = "wind_offshore"
    carrier[wind & ~offshore] = "wind_onshore"
    problems.add(
        wind & ~offshore & ~onshore,
        rows,
        ids,
        wind_field,
        "wind unit without 'an Land'/'auf See': loaded as wind_onshore",
        df[wind_field] if wind_field in df.columns else None,
        "flagged",
    )
    return carrier


def read_web_csv(path: Path, sink: BuildSink, region_prefix: str) -> date | None:
    """Read one MaStR web CSV export into the build; return its extract date.

    The extract date comes from the file name when it holds a date
    (``…_20231026.csv``), else it is the newest ``Letzte Aktualisierung`` in the
    file. Returns ``None`` when the file was refused (the reason is recorded in
    ``meta_rejected_rows``; other files of the build still load).
    """
    started_at = datetime.now(UTC)
    t0 = time.perf_counter()
    path = Path(path)
    file_name = path.name
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    problems = _Problems()

    def finish(counts: SinkCounts, extract: date | None) -> date | None:
        sink.add_problems(problems.frame(), source=SOURCE, source_file=file_name)
        sink.add_load_run(
            SOURCE,
            path,
            counts,
            extract_date=extract,
            duration_s=time.perf_counter() - t0,
            sha256=sha,
            started_at=started_at,
        )
        return extract

    try:
        decoded = decode_bytes(raw, file_name)
    except WebCsvError as exc:
        log.warning("%s", exc)
        problems.one(f"file refused: {exc}", action="row_rejected")
        return finish(SinkCounts(), None)
    if decoded.warning:
        log.warning("%s: %s", file_name, decoded.warning)
        problems.one(decoded.warning, row_ref="1", action="flagged")

    header_raw, records, delimiter = _parse_csv(decoded.text)
    header = [normalise_header(h) for h in header_raw]
    if delimiter != ";":
        problems.one(
            f"separator is {delimiter!r}, not the ';' of the MaStR export (re-saved?): "
            "read with that separator",
            row_ref="1",
            action="flagged",
        )
    _report_drift(sink, file_name, header)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        msg = (
            f"file refused: {file_name} lacks the required column(s) "
            f"{', '.join(repr(c) for c in missing)}; nothing loaded from this file"
        )
        log.warning("%s", msg)
        problems.one(msg, field=", ".join(missing), row_ref="1", action="row_rejected")
        return finish(SinkCounts(rows_read=len(records)), None)
    dup_names = sorted({h for h in header if header.count(h) > 1})
    if dup_names:
        problems.one(
            f"column name(s) appear twice: {', '.join(dup_names)}; the first is used",
            row_ref="1",
            action="flagged",
        )

    # Records -> frame of strings; wrong field counts are rejected.
    n_cols = len(header)
    row_numbers: list[int] = []
    good: list[list[str]] = []
    n_read = 0
    for i, rec in enumerate(records, start=2):
        if not rec or all(not c.strip() for c in rec):
            continue  # blank line
        n_read += 1
        if len(rec) != n_cols:
            problems.one(
                f"row has {len(rec)} fields, the header has {n_cols}: row not loaded",
                row_ref=str(i),
                raw_value=delimiter.join(rec)[:500],
            )
            continue
        row_numbers.append(i)
        good.append(rec)
    keep = [header.index(h) for h in dict.fromkeys(header)]  # first of duplicates
    df = pd.DataFrame(
        [[r[k] for k in keep] for r in good], columns=[header[k] for k in keep], dtype="string"
    )
    for c in df.columns:
        df[c] = df[c].str.strip()
    rows = pd.Series(row_numbers, dtype="int64").astype("string")
    rejected_count = n_read - len(df)

    # Date style: decided once from all date cells of the file.
    date_cols = [c for c in df.columns if "datum" in c.casefold() or c == COL_LAST_UPDATE]
    all_dates = pd.concat([df[c] for c in date_cols], ignore_index=True) if date_cols else None
    style = decide_date_style(all_dates) if all_dates is not None else _DateStyle(None)

    # Extract date: the file name, else the newest "Letzte Aktualisierung".
    extract = extract_date_from_name(file_name)
    if extract is None and COL_LAST_UPDATE in df.columns:
        last, _, _ = parse_dates(df[COL_LAST_UPDATE], style)
        if last.notna().any():
            extract = last.max().date()

    # Region: by Gemeindeschlüssel prefix. Malformed keys are reported wherever they are.
    ids = df[COL_ID].astype("string")
    ags = df[COL_AGS].astype("string")
    ags_empty = ags.isna() | (ags == "")
    ags_bad = ~ags_empty & ~ags.str.fullmatch(_RE_AGS).fillna(False)
    short_digits = ags_bad & ags.str.fullmatch(r"\d{7}").fillna(False)
    problems.add(
        short_digits,
        rows,
        ids,
        COL_AGS,
        "Gemeindeschlüssel has 7 digits: leading zero lost (file saved by Excel?); "
        "row not loaded, export again",
        ags,
        "row_rejected",
    )
    problems.add(
        ags_bad & ~short_digits,
        rows,
        ids,
        COL_AGS,
        "Gemeindeschlüssel is not 8 digits: row not loaded",
        ags,
        "row_rejected",
    )
    carrier_label = df[COL_CARRIER].str.casefold()
    offshore_hint = pd.Series(False, index=df.index)
    for loc_col in (COL_WIND_LOCATION, COL_LEGACY_LOCATION):
        if loc_col in df.columns:
            offshore_hint |= df[loc_col].str.casefold().str.contains("auf see").fillna(False)
    no_ags_reported = ags_empty & bool(region_prefix) & ~((carrier_label == "wind") & offshore_hint)
    problems.add(
        no_ags_reported,
        rows,
        ids,
        COL_AGS,
        "no Gemeindeschlüssel: the unit cannot be assigned to the region, row not loaded",
        ags,
        "row_rejected",
    )
    rejected_count += int((ags_bad | no_ags_reported).sum())
    if region_prefix:
        in_region = ~ags_bad & ~ags_empty & ags.str.startswith(region_prefix).fillna(False)
    else:
        in_region = ~ags_bad

    df = df[in_region].reset_index(drop=True)
    rows = rows[in_region].reset_index(drop=True)
    ids = ids[in_region].reset_index(drop=True)

    counts = SinkCounts(rows_read=n_read, rows_rejected=rejected_count)
    if df.empty:
        return finish(counts, extract)

    out = pd.DataFrame(index=df.index)
    reject = pd.Series(False, index=df.index)
    out["unit_id_mastr"] = ids.str.upper()

    # Status
    status_label = df[COL_STATUS]
    out["status"] = status_label.str.casefold().map(STATUS_LABELS).astype("string")
    bad_status = out["status"].isna()
    problems.add(
        bad_status,
        rows,
        ids,
        COL_STATUS,
        "unknown or empty Betriebs-Status: row not loaded (expected In Betrieb, In Planung, "
        "Vorübergehend stillgelegt, Endgültig stillgelegt)",
        status_label,
        "row_rejected",
    )
    reject |= bad_status

    # Carrier
    out["carrier"] = _carriers(df, rows, ids, problems)
    out["energy_source"] = df[COL_CARRIER].replace("", pd.NA)
    bad_carrier = out["carrier"].isna()
    problems.add(
        bad_carrier,
        rows,
        ids,
        COL_CARRIER,
        "Energieträger empty: row not loaded",
        df[COL_CARRIER],
        "row_rejected",
    )
    reject |= bad_carrier

    # Gross capacity (required)
    gross, gross_bad, gross_reason = parse_german_number(df[COL_GROSS])
    gross_empty = df[COL_GROSS].isna() | (df[COL_GROSS] == "")
    problems.add(
        gross_bad,
        rows,
        ids,
        COL_GROSS,
        gross_reason + ": row not loaded",
        df[COL_GROSS],
        "row_rejected",
    )
    problems.add(
        gross_empty & ~gross_bad,
        rows,
        ids,
        COL_GROSS,
        "Bruttoleistung empty: row not loaded",
        df[COL_GROSS],
        "row_rejected",
    )
    reject |= gross_bad | gross_empty
    out["gross_capacity_kw"] = gross

    # Optional numbers
    for col, target in NUMBER_COLUMNS.items():
        if col not in df.columns:
            out[target] = pd.Series(pd.NA, index=df.index, dtype="Float64")
            continue
        values, bad, reason = parse_german_number(df[col])
        problems.add(bad, rows, ids, col, reason + ": value cleared", df[col], "field_cleared")
        out[target] = values

    # Coordinates: both or none.
    lat_raw = df[COL_LAT] if COL_LAT in df.columns else pd.Series(pd.NA, index=df.index)
    lon_raw = df[COL_LON] if COL_LON in df.columns else pd.Series(pd.NA, index=df.index)
    lat, lat_bad, lat_reason = parse_german_number(lat_raw.astype("string"))
    lon, lon_bad, lon_reason = parse_german_number(lon_raw.astype("string"))
    lat_col, lon_col = schema.UNITS.column("latitude"), schema.UNITS.column("longitude")
    lat_out = lat.notna() & ~lat.between(lat_col.min_value, lat_col.max_value)
    lon_out = lon.notna() & ~lon.between(lon_col.min_value, lon_col.max_value)
    problems.add(
        lat_bad, rows, ids, COL_LAT, lat_reason + ": coordinates cleared", lat_raw, "field_cleared"
    )
    problems.add(
        lon_bad, rows, ids, COL_LON, lon_reason + ": coordinates cleared", lon_raw, "field_cleared"
    )
    problems.add(
        lat_out,
        rows,
        ids,
        COL_LAT,
        f"latitude outside Germany ({lat_col.min_value:g}–{lat_col.max_value:g}°): "
        "coordinates cleared",
        lat_raw,
        "field_cleared",
    )
    problems.add(
        lon_out,
        rows,
        ids,
        COL_LON,
        f"longitude outside Germany ({lon_col.min_value:g}–{lon_col.max_value:g}°): "
        "coordinates cleared",
        lon_raw,
        "field_cleared",
    )
    one_only = (lat.isna() & ~lat_bad) ^ (lon.isna() & ~lon_bad)
    problems.add(
        one_only,
        rows,
        ids,
        f"{COL_LAT} / {COL_LON}",
        "only one coordinate given: coordinates cleared",
        lat_raw.astype("string").fillna("") + " / " + lon_raw.astype("string").fillna(""),
        "field_cleared",
    )
    clear_xy = lat_bad | lon_bad | lat_out | lon_out | one_only
    out["latitude"] = lat.mask(clear_xy)
    out["longitude"] = lon.mask(clear_xy)

    # Dates
    for col, target in DATE_COLUMNS.items():
        if col not in df.columns:
            out[target] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[s]")
            continue
        values, bad, refused = parse_dates(df[col], style, with_time=(target == "last_update"))
        problems.add(
            bad,
            rows,
            ids,
            col,
            "not a valid date (d.m.yyyy): value cleared",
            df[col],
            "field_cleared",
        )
        if refused.any():
            first, last = rows[refused].iloc[0], rows[refused].iloc[-1]
            problems.one(
                f"{style.message}: {int(refused.sum())} value(s) of this column cleared",
                field=col,
                row_ref=f"{first}–{last}" if first != last else first,
                raw_value=str(df.loc[refused, col].iloc[0]),
                action="field_cleared",
            )
        out[target] = values.mask(refused | bad)

    # Codes and texts
    out["municipality_key"] = df[COL_AGS].replace("", pd.NA)
    plz = df[COL_PLZ] if COL_PLZ in df.columns else pd.Series(pd.NA, index=df.index)
    plz = plz.astype("string").replace("", pd.NA)
    plz_bad = plz.notna() & ~plz.str.fullmatch(_RE_PLZ).fillna(False)
    problems.add(
        plz_bad,
        rows,
        ids,
        COL_PLZ,
        "Postleitzahl is not 5 digits (leading zero lost?): value cleared",
        plz,
        "field_cleared",
    )
    out["postcode"] = plz.mask(plz_bad)
    for col, target in TEXT_COLUMNS.items():
        out[target] = (
            df[col].replace("", pd.NA)
            if col in df.columns
            else pd.Series(pd.NA, index=df.index, dtype="string")
        )
    out["temporary_shutdown_date"] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[s]")
    out["is_capacity_suspect"] = False
    out["source"] = SOURCE
    out["source_file"] = file_name
    out["extract_date"] = pd.Timestamp(extract) if extract else pd.NaT

    # Optional fields outside the schema's ranges are cleared (not the whole row).
    for target in ("net_capacity_kw", "hub_height_m", "rotor_diameter_m", "storage_energy_kwh"):
        col_def = schema.UNITS.column(target)
        v = out[target]
        outside = v.notna() & (
            (v < col_def.min_value if col_def.min_value is not None else False)
            | (v > col_def.max_value if col_def.max_value is not None else False)
        )
        src_col = next(k for k, t in NUMBER_COLUMNS.items() if t == target)
        problems.add(
            outside,
            rows,
            ids,
            src_col,
            f"{col_def.label_de} outside the plausible range "
            f"({col_def.min_value:g}–{col_def.max_value if col_def.max_value else '∞'}): "
            "value cleared",
            df[src_col] if src_col in df.columns else None,
            "field_cleared",
        )
        out[target] = v.mask(outside)

    rejected_count += int(reject.sum())
    keep_rows = ~reject
    staged = sink.add_units(
        out[keep_rows].reset_index(drop=True),
        source=SOURCE,
        source_file=file_name,
        row_refs=rows[keep_rows].reset_index(drop=True),
    )
    counts = SinkCounts(
        rows_read=n_read,
        rows_loaded=staged.rows_loaded,
        rows_rejected=rejected_count + staged.rows_rejected,
    )
    return finish(counts, extract)
