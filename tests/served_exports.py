"""What the refresh tests' local HTTP server offers: exports named by day and a VG250 zip.

Exports are small MaStR bulk zips in the real format (``tests/bulk_fixtures.py``);
the VG250 zip holds a real GeoPackage (``tests/geo_fixtures.py``) in the BKG's
folder layout. :func:`offering` starts the server (``tests/http_server.py``)
and points ``EZ_MASTR_URL``/``EZ_VG250_URL`` at it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

from etl.download.discovery import mastr_release
from tests import bulk_fixtures as bf
from tests.geo_fixtures import write_vg250_gpkg
from tests.http_server import LocalServer, serve

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)


def export_name(day: date) -> str:
    """The export's name on ``day``, as the Bundesnetzagentur names it."""
    return f"Gesamtdatenexport_{day:%Y%m%d}_{mastr_release(day)}.zip"


def export_bytes(tmp: Path, n_wind: int, key: str = "13076001") -> bytes:
    """An export with ``n_wind`` wind units of 3 MW and 20 PV units of 10 kW in ``key``."""
    records = {
        "wind": [bf.unit("wind", i, key=key, gross_kw=3000.0) for i in range(n_wind)],
        "solar": [bf.unit("solar", i, key=key, gross_kw=10.0) for i in range(20)],
    }
    tmp.mkdir(parents=True, exist_ok=True)
    return bf.write_zip(tmp, records, name=f"e{n_wind}{key}.zip").read_bytes()


def vg250_zip_bytes(tmp: Path) -> bytes:
    """A VG250 download: the GeoPackage in the BKG's folder layout inside a zip."""
    tmp.mkdir(parents=True, exist_ok=True)
    gpkg = write_vg250_gpkg(tmp / "DE_VG250.gpkg")
    with zipfile.ZipFile(tmp / "vg250.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(gpkg, "vg250_01-01.utm32s.gpkg.ebenen/vg250_ebenen_0101/DE_VG250.gpkg")
    return (tmp / "vg250.zip").read_bytes()


@contextmanager
def offering(monkeypatch: pytest.MonkeyPatch, vg250_zip: bytes) -> Iterator[LocalServer]:
    """A local server offering VG250; downloads go there, quickly retried, no proxy."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("EZ_DOWNLOAD_RETRIES", "1")
    monkeypatch.setenv("EZ_DOWNLOAD_BACKOFF_S", "0.05")
    monkeypatch.setenv("EZ_DOWNLOAD_READ_TIMEOUT_S", "5")
    with serve() as srv:
        monkeypatch.setenv("EZ_MASTR_URL", srv.base_url + "/Gesamtdatenexport_{date}_{release}.zip")
        monkeypatch.setenv("EZ_VG250_URL", srv.base_url + "/vg250.zip")
        srv.add("/vg250.zip", vg250_zip)
        yield srv
