"""Fetch the MaStR bulk export and BKG VG250 into ``data/raw``: find, transfer, verify, place.

A file is placed under its final name only after its zip was verified
(:mod:`.verify`); until then it lives as a hidden ``.part`` file that no reader
sees. Older exports stay until :func:`prune_exports` is called, which
``energiezukunft refresh`` does only after the new build is published.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests

from etl.download import discovery, transfer
from etl.download.transfer import DownloadError, ProgressCallback, TransferPolicy
from etl.download.verify import VerifyError, verify_mastr_zip, verify_vg250_zip

#: BKG VG250, municipalities as of 1 January, UTM32s, GeoPackage with one layer per level
#: (``EZ_VG250_URL`` overrides it).
VG250_URL = (
    "https://daten.gdz.bkg.bund.de/produkte/vg/vg250_ebenen_0101/aktuell/"
    "vg250_01-01.utm32s.gpkg.ebenen.zip"
)
VG250_FILE = "DE_VG250.gpkg"
_EXPORT = re.compile(r"^Gesamtdatenexport_(\d{8})_[\d.]+\.zip$")


@dataclass
class Fetched:
    """One file that is in place after a fetch."""

    path: Path
    new: bool
    url: str | None = None
    size_bytes: int = 0
    duration_s: float = 0.0


@dataclass(frozen=True)
class Found:
    """The newest export: where it is offered and whether we have it already."""

    candidate: discovery.Candidate
    present: bool
    size_bytes: int | None
    tried: int


def mastr_url_template() -> str:
    """The export address pattern (``EZ_MASTR_URL`` or the official one)."""
    return os.environ.get("EZ_MASTR_URL") or discovery.MASTR_URL


def vg250_url() -> str:
    """The VG250 address (``EZ_VG250_URL`` or the official one)."""
    return os.environ.get("EZ_VG250_URL") or VG250_URL


def find_newest(
    raw_dir: Path,
    session: requests.Session,
    policy: TransferPolicy,
    *,
    today: date,
    days_back: int = discovery.DEFAULT_DAYS_BACK,
) -> Found:
    """The newest export that is in ``raw_dir`` already or offered by the server.

    Days are tried newest first (today, then up to ``days_back`` before), each with
    the expected and the neighbouring releases. Raises :class:`DownloadError` when
    none is found.
    """
    tried = 0
    cands = discovery.candidates(today, days_back, mastr_url_template())
    for day in sorted({c.day for c in cands}, reverse=True):
        of_day = [c for c in cands if c.day == day]
        for c in of_day:
            if (raw_dir / c.file_name).exists():
                size = (raw_dir / c.file_name).stat().st_size
                return Found(c, present=True, size_bytes=size, tried=tried)
        for c in of_day:
            tried += 1
            size = transfer.exists(session, c.url, policy)
            if size is not None:
                return Found(c, present=False, size_bytes=None if size < 0 else size, tried=tried)
    raise DownloadError(
        f"no MaStR export offered for {today:%Y-%m-%d} or the {days_back} days before "
        f"({tried} addresses tried, e.g. {cands[0].url}); nothing was changed"
    )


def fetch_mastr(
    raw_dir: Path,
    found: Found,
    session: requests.Session,
    policy: TransferPolicy,
    progress: ProgressCallback | None = None,
) -> Fetched:
    """Download, verify and place the export ``found`` (nothing to do when present)."""
    target = raw_dir / found.candidate.file_name
    if found.present:
        return Fetched(target, new=False, size_bytes=target.stat().st_size)
    started = time.perf_counter()
    part = transfer.fetch(session, found.candidate.url, target, policy, progress)
    try:
        verify_mastr_zip(part)
    except VerifyError as exc:
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"refused {found.candidate.url}: {exc}; the file was deleted and nothing was placed"
        ) from exc
    part.replace(target)
    return Fetched(
        target, True, found.candidate.url, target.stat().st_size, time.perf_counter() - started
    )


def fetch_vg250(
    raw_dir: Path,
    session: requests.Session,
    policy: TransferPolicy,
    progress: ProgressCallback | None = None,
    *,
    force: bool = False,
) -> Fetched:
    """Download VG250, verify its zip and place its GeoPackage as ``DE_VG250.gpkg``.

    Skipped when the GeoPackage is there already (VG250 changes once a year) unless ``force``.
    """
    target = raw_dir / VG250_FILE
    if target.exists() and not force:
        return Fetched(target, new=False, size_bytes=target.stat().st_size)
    started = time.perf_counter()
    url = vg250_url()
    part = transfer.fetch(session, url, raw_dir / "vg250.zip", policy, progress)
    try:
        member = verify_vg250_zip(part)
    except VerifyError as exc:
        part.unlink(missing_ok=True)
        raise DownloadError(f"refused {url}: {exc}; nothing was placed") from exc
    tmp = transfer.part_path(target)
    with zipfile.ZipFile(part) as zf, zf.open(member) as src, open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst, length=1 << 20)
    tmp.replace(target)
    part.unlink()
    return Fetched(target, True, url, target.stat().st_size, time.perf_counter() - started)


def exports(raw_dir: Path) -> list[Path]:
    """The MaStR exports in ``raw_dir`` named as downloaded, oldest first."""
    if not raw_dir.exists():
        return []
    found = [p for p in raw_dir.iterdir() if _EXPORT.match(p.name)]
    return sorted(found, key=lambda p: (_EXPORT.match(p.name).group(1), p.name))  # type: ignore[union-attr]


def prune_exports(raw_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` downloaded exports, and the ``.part`` files of
    exports older than the newest one (abandoned transfers); return what was deleted."""
    found = exports(raw_dir)
    old = found[: max(0, len(found) - max(1, keep))]
    if found:
        newest = _EXPORT.match(found[-1].name).group(1)  # type: ignore[union-attr]
        for part in raw_dir.glob(".Gesamtdatenexport_*.zip.part"):
            m = _EXPORT.match(part.name[1:].removesuffix(".part"))
            if m and m.group(1) < newest:
                old.append(part)
    for path in old:
        path.unlink(missing_ok=True)
    return old
