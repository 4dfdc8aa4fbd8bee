"""Download the official sources into data/raw (the only code that uses the network).

Files are downloaded to a temporary name and moved into place only when
complete, so a failed or offline download changes nothing.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from rich.console import Console

MASTR_URL = "https://download.marktstammdatenregister.de/Gesamtdatenexport_{date}_{release}.zip"
VG250_URL = (
    "https://daten.gdz.bkg.bund.de/produkte/vg/vg250_ebenen_0101/aktuell/"
    "vg250_01-01.utm32s.gpkg.ebenen.zip"
)
TIMEOUT_S = 20


class DownloadError(RuntimeError):
    """A download failed; the message is one line for the user."""


def mastr_release(day: date) -> str:
    """MaStR release in the file name: YY.1 from April, YY.2 from October."""
    yy = day.year % 100
    if day.month >= 10:
        return f"{yy}.2"
    if day.month >= 4:
        return f"{yy}.1"
    return f"{yy - 1}.2"


def _fetch(url: str, target: Path, console: Console | None) -> Path:
    tmp = target.with_name(f".{target.name}.part")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as resp, open(tmp, "wb") as fh:
            shutil.copyfileobj(resp, fh, length=1 << 20)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise DownloadError(
            f"cannot download {url}: {reason} (offline?); nothing was changed"
        ) from exc
    tmp.replace(target)
    if console:
        console.print(f"saved {target.name} ({target.stat().st_size / 1e6:,.1f} MB)")
    return target


def download_sources(
    raw_dir: Path, today: date | None = None, progress_console: Console | None = None
) -> list[Path]:
    """Fetch today's MaStR bulk export and the VG250 GeoPackage into ``raw_dir``."""
    import zipfile

    today = today or date.today()
    raw_dir.mkdir(parents=True, exist_ok=True)
    stamp = today.strftime("%Y%m%d")
    name = f"Gesamtdatenexport_{stamp}_{mastr_release(today)}.zip"
    mastr = _fetch(
        MASTR_URL.format(date=stamp, release=mastr_release(today)), raw_dir / name, progress_console
    )
    vg_zip = _fetch(VG250_URL, raw_dir / ".vg250.zip", progress_console)
    with zipfile.ZipFile(vg_zip) as zf:
        member = next((m for m in zf.namelist() if m.endswith(".gpkg")), None)
        if member is None:
            raise DownloadError("the VG250 download holds no GeoPackage")
        target = raw_dir / "DE_VG250.gpkg"
        with zf.open(member) as src, open(target.with_suffix(".part"), "wb") as dst:
            shutil.copyfileobj(src, dst, length=1 << 20)
        target.with_suffix(".part").replace(target)
    vg_zip.unlink()
    return [mastr, target]
