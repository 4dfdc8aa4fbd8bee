"""Which raw files a build reads: one :class:`Sources` per raw folder.

A new source adds its reader module to :data:`READERS` and its file rule to
:func:`discover_sources` / :meth:`Sources.for_reader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_BULK_PATTERN = re.compile(r"^Gesamtdatenexport_(\d{8})(?:_[\d.]+)?\.zip$", re.IGNORECASE)
_WEB_CSV_MARKER = "MaStR-Nr. der Einheit"

#: The reader modules of :mod:`etl.readers`, in reading order (boundaries
#: before the population that updates them).
READERS: tuple[str, ...] = ("vg250", "population", "mastr_bulk", "mastr_web_csv")


@dataclass
class Sources:
    """Raw files found for one build."""

    bulk_zips: list[Path] = field(default_factory=list)
    web_csvs: list[Path] = field(default_factory=list)
    boundaries: Path | None = None
    population: Path | None = None
    office_lists: dict[str, Path] = field(default_factory=dict)

    @property
    def has_unit_data(self) -> bool:
        """Whether any MaStR unit file was found (else the build uses demo data)."""
        return bool(self.bulk_zips or self.web_csvs)

    def for_reader(self, name: str) -> list[Path]:
        """The files of one reader (its module name in :mod:`etl.readers`), in reading order."""
        by_reader = {
            "vg250": [self.boundaries] if self.boundaries else [],
            "population": [self.population] if self.population else [],
            "mastr_bulk": self.bulk_zips,
            "mastr_web_csv": self.web_csvs,
        }
        return list(by_reader[name])


def _is_web_csv(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    for enc in ("utf-8-sig", "cp1252", "utf-16"):
        try:
            if _WEB_CSV_MARKER in head.decode(enc, errors="strict"):
                return True
        except UnicodeDecodeError:
            continue
    return False


def discover_sources(raw_dir: Path) -> Sources:
    """Find the raw files in ``raw_dir`` (not in its ``demo/`` or ``templates/`` folders).

    - ``Gesamtdatenexport_YYYYMMDD_*.zip``: MaStR bulk export (newest one wins)
    - ``*.csv`` whose header names ``MaStR-Nr. der Einheit``: MaStR web CSV exports
    - ``*.gpkg`` (VG250/VG5000/VG2500): municipal boundaries
    - ``einwohner*.csv`` / ``population*.csv``: population per municipality
    - office lists (wind permits, hydrogen projects, wind areas): see :mod:`etl.office`
    """
    src = Sources()
    if not raw_dir.exists():
        return src
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    bulk = [p for p in files if _BULK_PATTERN.match(p.name)]
    if bulk:
        src.bulk_zips = [max(bulk, key=lambda p: _BULK_PATTERN.match(p.name).group(1))]
    for p in files:
        low = p.name.lower()
        if p.suffix.lower() == ".gpkg" and src.boundaries is None and "wind" not in low:
            src.boundaries = p
        elif p.suffix.lower() == ".csv" and low.startswith(("einwohner", "population")):
            src.population = p
        elif p.suffix.lower() == ".csv" and _is_web_csv(p):
            src.web_csvs.append(p)
    try:
        from etl import office
    except ImportError:  # office lists not available
        office = None
    if office is not None:
        src.office_lists = office.discover(raw_dir)
    return src
