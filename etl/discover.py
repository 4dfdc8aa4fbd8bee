"""Which raw files a build reads: one :class:`Sources` per raw folder.

A new source adds its reader module to :data:`READERS` and its file rule to
:func:`discover_sources` / :meth:`Sources.for_reader`.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_BULK_PATTERN = re.compile(r"^Gesamtdatenexport_(\d{8})(?:_[\d.]+)?\.zip$", re.IGNORECASE)
#: Members that make a zip a MaStR bulk export, whatever the zip is called.
_BULK_MEMBER = re.compile(r"^(?:.*/)?(Katalogwerte|Einheiten[A-Za-z]+(?:_\d+)?)\.xml$")
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
    #: Files in the folder that no reader takes, with the reason (for error messages).
    ignored: list[tuple[Path, str]] = field(default_factory=list)

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


def bulk_members(path: Path) -> list[str]:
    """Names of MaStR members in a zip (from its directory, else its first local header).

    A truncated download has no central directory; its first member is still
    named in the local header at offset 0, which is enough to recognise it.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            return [n for n in zf.namelist() if _BULK_MEMBER.match(n)]
    except (zipfile.BadZipFile, OSError):
        pass
    try:
        with open(path, "rb") as fh:
            head = fh.read(30 + 1024)
    except OSError:
        return []
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        return []
    name_len = struct.unpack("<H", head[26:28])[0]
    name = head[30 : 30 + name_len].decode("utf-8", "replace")
    return [name] if _BULK_MEMBER.match(name) else []


def _bulk_date(path: Path) -> date:
    """Date for choosing the newest export: from the name, else the zip's member dates."""
    m = _BULK_PATTERN.match(path.name) or re.search(r"(\d{8})", path.name)
    if m:
        try:
            return date(int(m.group(1)[:4]), int(m.group(1)[4:6]), int(m.group(1)[6:]))
        except ValueError:
            pass
    try:
        with zipfile.ZipFile(path) as zf:
            return max(date(*i.date_time[:3]) for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return date.min


def _why_ignored(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return "zip without MaStR members (Katalogwerte.xml, Einheiten*.xml)"
    if suffix == ".csv":
        return f"CSV whose header does not name {_WEB_CSV_MARKER!r} (not a MaStR web export)"
    return "not a recognised source (bulk zip, web CSV, GeoPackage, population or office list)"


def discover_sources(raw_dir: Path) -> Sources:
    """Find the raw files in ``raw_dir`` (not in its ``demo/`` or ``templates/`` folders).

    - ``*.zip`` holding MaStR members (``Katalogwerte.xml``, ``Einheiten*.xml``),
      whatever its name: MaStR bulk export (newest one wins, by the date in the
      name, else by its members' dates)
    - ``*.csv`` whose header names ``MaStR-Nr. der Einheit``: MaStR web CSV exports
    - ``*.gpkg`` (VG250/VG5000/VG2500): municipal boundaries
    - ``einwohner*.csv`` / ``population*.csv``: population per municipality
    - office lists (wind permits, hydrogen projects, wind areas): see :mod:`etl.office`
    """
    src = Sources()
    if not raw_dir.exists():
        return src
    files = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    bulk = [p for p in files if p.suffix.lower() == ".zip" and bulk_members(p)]
    if bulk:
        newest = max(bulk, key=lambda p: (_bulk_date(p), p.name))
        src.bulk_zips = [newest]
        src.ignored += [(p, "an older MaStR bulk export") for p in bulk if p != newest]
    taken = set(bulk)
    for p in files:
        low = p.name.lower()
        if p.suffix.lower() == ".gpkg" and src.boundaries is None and "wind" not in low:
            src.boundaries = p
        elif p.suffix.lower() == ".csv" and low.startswith(("einwohner", "population")):
            src.population = p
        elif p.suffix.lower() == ".csv" and _is_web_csv(p):
            src.web_csvs.append(p)
        else:
            continue
        taken.add(p)
    try:
        from etl import office
    except ImportError:  # office lists not available
        office = None
    if office is not None:
        src.office_lists = office.discover(raw_dir)
        taken |= set(src.office_lists.values())
    src.ignored += [(p, _why_ignored(p)) for p in files if p not in taken and p not in bulk]
    return src
