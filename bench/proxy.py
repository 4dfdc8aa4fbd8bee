"""A local nginx in front of a dashboard process, with the compression of the deployment docs.

The browser benchmark measures bytes "through the proxy" with exactly the compression
directives of ``deploy/nginx/energiezukunft.conf`` (every ``gzip*``/``brotli*`` line of its
HTTPS server block), without TLS, on a free port of 127.0.0.1. nginx runs in the foreground
(``daemon off``) with its pid, logs and temp files in a throw-away folder, and is stopped on
exit. Without an ``nginx`` binary :func:`nginx_proxy` yields ``None`` (the bench says n/a).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.app_process import free_port, stop

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "deploy" / "nginx" / "energiezukunft.conf"
#: Directives copied from the deployment site: compression only.
_COMPRESSION = re.compile(r"^\s*(gzip\w*|brotli\w*)\s+[^;]*;", re.MULTILINE)


def compression_directives(site: Path = SITE) -> list[str]:
    """The compression directives (``gzip …;``, ``brotli …;``) of the deployment site."""
    return [m.group(0).strip() for m in _COMPRESSION.finditer(site.read_text(encoding="utf-8"))]


def _config(folder: Path, port: int, upstream: str, directives: list[str]) -> str:
    compression = "\n        ".join(directives)
    temp = "\n    ".join(
        f"{kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    modules = "\n".join(
        f"load_module {p};"
        for p in sorted(Path("/usr/lib/nginx/modules").glob("ngx_http_brotli_*_module.so"))
        if any(d.startswith("brotli") for d in directives)
    )
    return f"""{modules}
worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    log_format ez_bytes '$bytes_sent';
    access_log {folder / "bytes.log"} ez_bytes;
    {temp}
    map $http_upgrade $ez_connection {{
        default upgrade;
        ""      close;
    }}
    server {{
        listen 127.0.0.1:{port};
        {compression}
        location / {{
            proxy_pass {upstream};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $ez_connection;
            proxy_set_header Host $host;
            proxy_read_timeout 1h;
        }}
    }}
}}
"""


def bytes_sent(url: str) -> int:
    """Bytes nginx has sent to clients so far (closed requests and WebSockets), from its log.

    A WebSocket is logged when it closes, with everything sent over it (Streamlit's
    permessage-deflate frames as they are on the wire)."""
    log = _LOGS[url]
    if not log.exists():
        return 0
    return sum(int(line) for line in log.read_text(encoding="ascii").split() if line.isdigit())


_LOGS: dict[str, Path] = {}


@contextmanager
def nginx_proxy(upstream: str) -> Iterator[str | None]:
    """Run nginx in front of ``upstream`` (``http://127.0.0.1:PORT``) and yield its base URL.

    Yields ``None`` when nginx is not installed.
    """
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="ez-nginx-") as tmp:
        folder = Path(tmp)
        # Started as root, nginx's worker runs as an unprivileged user; it buffers a
        # large response to proxy_temp_path inside this folder, which must then be
        # reachable (0700 made such responses end short now and then).
        folder.chmod(0o755)
        port = free_port()
        conf = folder / "nginx.conf"
        conf.write_text(_config(folder, port, upstream, compression_directives()), encoding="utf-8")
        proc = subprocess.Popen(
            [nginx, "-p", str(folder), "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 15
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        log = (folder / "error.log").read_text(errors="replace")
                        raise RuntimeError(f"nginx did not start: {log}") from None
                    time.sleep(0.1)
            url = f"http://127.0.0.1:{port}"
            _LOGS[url] = folder / "bytes.log"
            yield url
        finally:
            stop(proc, timeout=10)
