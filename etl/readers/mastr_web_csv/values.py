"""Cell values of the web CSV: labels to codes, numbers and dates (vectorised).

Every cell is read as a string and each column is parsed on purpose: a number
holding a dot (``1.234,5`` or ``2.000``) is reported, not guessed. The date
style is decided once per file from all date cells: dotted dates are German
``d.m.yyyy``; slashed dates are ``M/D/YYYY`` or ``D/M/YYYY`` depending on which
one every slashed date fits. When both fit (every part ≤ 12) the slashed dates
are ambiguous and refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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

_RE_DOT_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
_RE_SLASH_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
_RE_ISO_DATE = r"\d{4}-\d{2}-\d{2}"
_RE_TIME = r"(?: \d{1,2}:\d{2}(?::\d{2})?)?"


@dataclass
class DateStyle:
    """How slashed dates of one file are read: 'mdy', 'dmy', or None (refused)."""

    slash_order: str | None
    message: str | None = None


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


def decide_date_style(cells: pd.Series) -> DateStyle:
    """Decide once per file how slashed dates are read, from all date cells.

    Dotted dates are always German ``d.m.yyyy``. Slashed dates fit ``M/D/YYYY``
    when no first part exceeds 12 and ``D/M/YYYY`` when no second part does; when
    exactly one fits it is used, otherwise (both fit: ambiguous, or neither:
    inconsistent) slashed dates are refused.
    """
    cells = cells.astype("string").str.strip()
    sub = cells[_slashed(cells)]
    if sub.empty:
        return DateStyle(None)
    parts = sub.str.split("/", n=2, expand=True)
    a = parts[0].astype(int)
    b = parts[1].astype(int)
    fits_mdy = bool((a <= 12).all() and (b <= 31).all())
    fits_dmy = bool((b <= 12).all() and (a <= 31).all())
    if fits_mdy and not fits_dmy:
        return DateStyle("mdy")
    if fits_dmy and not fits_mdy:
        return DateStyle("dmy")
    if fits_mdy and fits_dmy:
        return DateStyle(
            None,
            f"ambiguous date style: all {len(sub)} slashed dates (e.g. '{sub.iloc[0]}') fit "
            "both month/day/year (US) and day/month/year; dates refused rather than guessed. "
            "Export again with German dates (d.m.yyyy)",
        )
    return DateStyle(
        None,
        "inconsistent date style: some slashed dates only fit month/day/year, others only "
        "day/month/year; dates refused. Export again with German dates (d.m.yyyy)",
    )


def parse_dates(
    s: pd.Series, style: DateStyle, with_time: bool = False
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
