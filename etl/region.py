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


#: Bounding boxes (min lon, min lat, max lon, max lat, WGS84) by AGS prefix: the
#: 16 Länder and the districts of Mecklenburg-Vorpommern (BKG VG2500, 2021),
#: used to check coordinates when no boundaries are loaded.
REGION_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    "": (5.5, 47.0, 15.5, 55.5),
    "01": (7.85, 53.35, 11.35, 55.1),
    "02": (8.1, 53.35, 10.35, 53.97),
    "03": (6.6, 51.28, 11.65, 53.9),
    "04": (8.45, 53.0, 8.99, 53.61),
    "05": (5.85, 50.32, 9.47, 52.54),
    "06": (7.77, 49.39, 10.24, 51.66),
    "07": (6.1, 48.96, 8.51, 50.95),
    "08": (7.5, 47.53, 10.5, 49.8),
    "09": (8.97, 47.27, 13.84, 50.57),
    "10": (6.35, 49.11, 7.41, 49.64),
    "11": (13.08, 52.33, 13.77, 52.68),
    "12": (11.26, 51.36, 14.77, 53.56),
    "13": (10.59, 53.11, 14.42, 54.69),
    "13003": (11.997, 54.051, 12.291, 54.243),
    "13004": (11.301, 53.545, 11.506, 53.682),
    "13071": (12.276, 53.163, 13.797, 54.008),
    "13072": (11.532, 53.567, 12.814, 54.274),
    "13073": (12.283, 53.974, 13.735, 54.685),
    "13074": (10.748, 53.567, 11.811, 54.029),
    "13075": (12.984, 53.255, 14.412, 54.194),
    "13076": (10.593, 53.116, 12.351, 53.798),
    "14": (11.87, 50.17, 15.04, 51.69),
    "15": (10.56, 50.93, 13.19, 53.05),
    "16": (9.87, 50.2, 12.66, 51.65),
}


def region_bounds(prefix: str) -> tuple[float, float, float, float]:
    """Bounding box of the region (its own, else its Land's, else Germany's)."""
    for n in range(len(prefix), -1, -1):
        if prefix[:n] in REGION_BOUNDS:
            return REGION_BOUNDS[prefix[:n]]
    return REGION_BOUNDS[""]


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
