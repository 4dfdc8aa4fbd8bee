"""The region and the municipality key (AGS): one parser, one predicate.

Every reader decides "is this unit in the region?" with :class:`Region` and
reads a Gemeindeschlüssel with :func:`parse_ags` / :func:`parse_ags_series`,
so the rule is the same for the MaStR bulk export, the web CSV, VG250,
population and the office lists:

- an AGS is 8 digits (``13076001``); whitespace around it is ignored;
- a 7-digit key is an 8-digit key whose leading zero was lost (a spreadsheet
  stored it as a number, states 01–09): it is repaired by padding and the
  repair is reported, never silently accepted;
- anything else is invalid; the caller reports it with the raw value;
- a region is a prefix of the AGS: ``''`` is Germany, ``13`` a Land,
  ``13076`` a district, 8 digits one municipality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.config import region_name, validate_region_prefix

if TYPE_CHECKING:  # the bulk reader's worker processes use parse_ags without pandas
    import pandas as pd

AGS_PATTERN = "[0-9]{8}"
_AGS_RE = re.compile(AGS_PATTERN)
_LOST_ZERO_RE = re.compile("[0-9]{7}")

#: Finding texts, one wording for every reader.
REASON_AGS_REPAIRED = "AGS had 7 digits: leading zero lost (saved as a number?); repaired"
REASON_AGS_INVALID = "AGS is not an 8-digit municipality key"


@dataclass(frozen=True)
class ParsedAgs:
    """Result of reading one municipality key."""

    key: str | None
    """The 8-digit key, or ``None`` when the raw value is empty or invalid."""
    repaired: bool = False
    """The raw value had 7 digits and was padded with a leading zero."""
    invalid: bool = False
    """The raw value was not empty but is no municipality key."""


def parse_ags(raw: object) -> ParsedAgs:
    """Read one Gemeindeschlüssel from a raw cell or XML text."""
    if raw is None or (isinstance(raw, float) and raw != raw):
        return ParsedAgs(None)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw) != int(raw):
            return ParsedAgs(None, invalid=True)
        raw = str(int(raw))
    text = str(raw).strip()
    if not text:
        return ParsedAgs(None)
    if _AGS_RE.fullmatch(text):
        return ParsedAgs(text)
    if _LOST_ZERO_RE.fullmatch(text):
        return ParsedAgs("0" + text, repaired=True)
    return ParsedAgs(None, invalid=True)


def parse_ags_series(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Vectorised :func:`parse_ags`: ``(keys, repaired, invalid)`` for a column.

    ``keys`` is a string Series with ``<NA>`` where there is no valid key;
    ``repaired`` and ``invalid`` are boolean masks for the findings.
    """
    text = raw.astype("string").str.strip()
    # numbers read as floats ("13076001.0") are keys that lost their type, not new values
    text = text.str.replace(r"^([0-9]+)\.0$", r"\1", regex=True)
    empty = text.isna() | (text == "")
    valid = text.str.fullmatch(AGS_PATTERN).fillna(False).astype(bool)
    lost_zero = text.str.fullmatch("[0-9]{7}").fillna(False).astype(bool)
    keys = text.where(valid)
    keys = keys.mask(lost_zero, "0" + text)
    invalid = ~empty & ~valid & ~lost_zero
    return keys.astype("string"), lost_zero, invalid


@dataclass(frozen=True)
class Region:
    """A region of Germany, given as a prefix of the 8-digit AGS."""

    prefix: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefix", validate_region_prefix(self.prefix))

    @property
    def name(self) -> str:
        """Readable name (``Landkreis Ludwigslust-Parchim``, ``Deutschland`` …)."""
        return region_name(self.prefix)

    @property
    def is_germany(self) -> bool:
        """The region is all of Germany (units without a key, e.g. offshore, belong to it)."""
        return not self.prefix

    def contains(self, key: str | None) -> bool:
        """Whether a parsed 8-digit key lies in the region (``None`` only for Germany)."""
        if key is None:
            return self.is_germany
        return key.startswith(self.prefix)

    def mask(self, keys: pd.Series) -> pd.Series:
        """Vectorised :meth:`contains` over parsed keys (``<NA>`` only for Germany)."""
        if self.is_germany:
            import pandas as pd

            return pd.Series(True, index=keys.index)
        return keys.str.startswith(self.prefix).fillna(False).astype(bool)

    def sql(self, column: str = "municipality_key") -> tuple[str, list[object]]:
        """SQL predicate and parameters selecting the region's rows."""
        if self.is_germany:
            return "TRUE", []
        return f"starts_with({column}, ?)", [self.prefix]
