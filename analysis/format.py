"""Number and date formatting for German (default) and English, in one place.

German: ``1.234,5 MW``, ``25.11.2026``; English: ``1,234.5 MW``, ``25 Nov 2026``.
Every number the dashboard shows as text goes through these functions; plotly
figures get the matching separators from :func:`plotly_separators`.
"""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DASH = "–"


def is_missing(value: object) -> bool:
    """Whether ``value`` is empty (``None``, NaN, NaT)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value: float | int | None, decimals: int = 0, lang: str = "de") -> str:
    """A number with thousands separators: ``number(1234.5, 1)`` → ``1.234,5`` (de)."""
    if is_missing(value):
        return DASH
    value = float(value)
    if math.isinf(value):
        return DASH
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def with_unit(value: float | int | None, unit: str, decimals: int = 1, lang: str = "de") -> str:
    """A number and its unit, separated by a non-breaking space: ``1.234,5 MW``."""
    text = number(value, decimals, lang)
    return text if text == DASH else f"{text}\u00a0{unit}"


def mw(kw: float | int | None, decimals: int = 1, lang: str = "de") -> str:
    """Capacity given in kW, shown in MW: ``mw(1234500)`` → ``1.234,5 MW``."""
    return with_unit(None if is_missing(kw) else float(kw) / 1000, "MW", decimals, lang)


def mwh(value_mwh: float | int | None, decimals: int = 0, lang: str = "de") -> str:
    """Energy in MWh, switching to GWh above 10,000 MWh."""
    if is_missing(value_mwh):
        return DASH
    if abs(float(value_mwh)) >= 10_000:
        return with_unit(float(value_mwh) / 1000, "GWh", 1, lang)
    return with_unit(value_mwh, "MWh", decimals, lang)


def percent(share: float | None, decimals: int = 1, lang: str = "de") -> str:
    """A share (0.256) as percent: ``25,6 %`` (de) / ``25.6%`` (en)."""
    if is_missing(share):
        return DASH
    text = number(float(share) * 100, decimals, lang)
    return f"{text}\u00a0%" if lang == "de" else f"{text}%"


def integer(value: float | int | None, lang: str = "de") -> str:
    """A count: ``12.345`` (de) / ``12,345`` (en)."""
    return number(value, 0, lang)


def euro(value: float | None, lang: str = "de") -> str:
    """An amount in euro, rounded to whole euro: ``12.345 €`` / ``€12,345``."""
    if is_missing(value):
        return DASH
    text = number(value, 0, lang)
    return f"{text}\u00a0€" if lang == "de" else f"€{text}"


def day(value: date | datetime | str | None, lang: str = "de") -> str:
    """A date: ``25.11.2026`` (de) / ``25 Nov 2026`` (en)."""
    if is_missing(value) or value == "":
        return DASH
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if lang == "de":
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"


def plotly_separators(lang: str = "de") -> str:
    """plotly ``layout.separators``: decimal mark then thousands separator."""
    return ",." if lang == "de" else ".,"


def plotly_date_format(lang: str = "de", monthly: bool = False) -> str:
    """d3 time format for hover labels of dates."""
    if monthly:
        return "%m/%Y" if lang == "de" else "%b %Y"
    return "%d.%m.%Y" if lang == "de" else "%d %b %Y"
