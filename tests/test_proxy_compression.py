"""The documented reverse proxy compresses what a first visit downloads.

Streamlit sends its scripts uncompressed (about 9 MB on a first visit). The nginx site in
``deploy/nginx/energiezukunft.conf`` must gzip them; ``bench/proxy.py`` runs nginx with
exactly that site's compression lines, and ``make bench`` reports the bytes through it.
Here: Streamlit's own largest script, served by a plain local HTTP server, fetched through
that nginx. nginx comes from Debian (``.ci/run`` installs it).
"""

from __future__ import annotations

import functools
import gzip
import shutil
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import streamlit

from bench.proxy import bytes_sent, compression_directives, nginx_proxy

STATIC = Path(streamlit.__file__).parent / "static"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _static_server() -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(STATIC))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str, encoding: str | None) -> tuple[str | None, bytes]:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return r.headers.get("Content-Encoding"), r.read()


def test_deploy_site_compresses_scripts_and_json() -> None:
    directives = compression_directives()
    assert "gzip on;" in directives
    (types,) = [d for d in directives if d.startswith("gzip_types")]
    for mime in ("application/javascript", "text/javascript", "text/css", "application/json"):
        assert mime in types.split()


def test_streamlits_largest_script_arrives_gzipped_through_the_documented_proxy() -> None:
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx is missing: apt-get install nginx (see .ci/run)")
    script = max((STATIC / "static" / "js").glob("*.js"), key=lambda p: p.stat().st_size)
    original = script.read_bytes()
    assert len(original) > 1_000_000  # plotly's bundle: the bulk of a first visit
    with _static_server() as origin, nginx_proxy(origin) as proxy:
        assert proxy is not None
        url = f"{proxy}/static/js/{script.name}"
        encoding, body = _get(url, "gzip")
        assert encoding == "gzip"
        assert gzip.decompress(body) == original
        assert len(body) < len(original) / 3
        plain_encoding, plain = _get(url, None)  # a client without gzip still gets the script
        assert plain_encoding is None and plain == original
        deadline = time.monotonic() + 5  # nginx logs a request just after sending it
        while bytes_sent(proxy) < len(body) + len(plain) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert bytes_sent(proxy) >= len(body) + len(plain)
