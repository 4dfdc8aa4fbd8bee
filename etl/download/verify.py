"""Check a downloaded zip before it is placed: a half-downloaded export is never used.

A zip is accepted when its central directory can be read, every member that
matters inflates with the right CRC (read streamed in 1 MiB blocks, so memory
stays bounded for a 20 GiB export) and the members it must have are there:
``Katalogwerte.xml`` and at least one unit member for a MaStR export, a
GeoPackage for VG250.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from etl.readers.mastr_bulk.members import CATALOG_MEMBER, MEMBER_RE

_BLOCK = 1 << 20


class VerifyError(ValueError):
    """The file is not a complete, readable zip of the expected kind."""


def _test_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Inflate one member to the end; :mod:`zipfile` checks its CRC at EOF."""
    try:
        with zf.open(info) as fh:
            while fh.read(_BLOCK):
                pass
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise VerifyError(f"member {info.filename}: {exc}") from exc


def _verify(path: Path, wanted: Callable[[str], bool]) -> list[str]:
    """Open ``path``'s central directory and test the members ``wanted`` selects."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise VerifyError(f"{path.name}: no readable zip directory ({exc})") from exc
    with zf:
        names = zf.namelist()
        for info in zf.infolist():
            if wanted(info.filename):
                _test_member(zf, info)
    return names


def verify_mastr_zip(path: Path) -> int:
    """Check a MaStR bulk export; return the number of unit members tested.

    Tests ``Katalogwerte.xml`` and every unit and storage-plant member (the ones
    the reader uses). Raises :class:`VerifyError` with the reason.
    """
    names = _verify(path, lambda n: bool(MEMBER_RE.match(n)) or n.endswith(CATALOG_MEMBER))
    if not any(n.rsplit("/", 1)[-1] == CATALOG_MEMBER for n in names):
        raise VerifyError(f"{path.name}: {CATALOG_MEMBER} is missing")
    units = [n for n in names if MEMBER_RE.match(n)]
    if not units:
        raise VerifyError(f"{path.name}: no unit member (Einheiten*.xml)")
    return len(units)


def verify_vg250_zip(path: Path) -> str:
    """Check a VG250 download (every member's CRC); return the GeoPackage member's name."""
    names = _verify(path, lambda n: True)
    gpkg = [n for n in names if n.lower().endswith(".gpkg")]
    if not gpkg:
        raise VerifyError(f"{path.name}: holds no GeoPackage (*.gpkg)")
    return gpkg[0]
