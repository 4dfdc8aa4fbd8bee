"""A real local HTTP server for download tests (stdlib ``http.server`` in a thread).

It serves byte strings under paths, answers ``HEAD``, honours ``Range:
bytes=N-`` with ``206`` and ``Content-Range``, returns 404 for anything else,
and can misbehave on purpose, per path:

- ``drop_after``: the first GET sends this many bytes, then closes the connection;
- ``chunk``/``delay_s``: send the body in small chunks with a pause between them;
- ``stall_s``: the first GET stops sending for this long, once, halfway through the body.

Every request is recorded (method, path, Range header) for the assertions.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Served:
    """One file on the server and how it misbehaves."""

    body: bytes
    drop_after: int | None = None
    chunk: int = 64 * 1024
    delay_s: float = 0.0
    stall_s: float = 0.0
    gets: int = 0


@dataclass
class LocalServer:
    """Files by path and the log of requests."""

    base_url: str = ""
    files: dict[str, Served] = field(default_factory=dict)
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)

    def add(self, path: str, body: bytes, **how: object) -> str:
        """Serve ``body`` under ``path``; return its URL."""
        self.files[path] = Served(body, **how)  # type: ignore[arg-type]
        return self.base_url + path

    def gets(self, path: str) -> list[str | None]:
        """The Range headers of the GET requests for ``path`` (``None``: no range)."""
        return [r for m, p, r in self.requests if m == "GET" and p == path]


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _head(self, send_body: bool) -> None:
            server.requests.append((self.command, self.path, self.headers.get("Range")))
            served = server.files.get(self.path)
            if served is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, start = served.body, 0
            rng = self.headers.get("Range")
            if rng and rng.startswith("bytes=") and rng.endswith("-"):
                start = int(rng[6:-1])
                if start >= len(body):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(body)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body) - start))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("ETag", f'"{len(body)}"')
            self.end_headers()
            if send_body:
                served.gets += 1
                self._send(served, body[start:], first=served.gets == 1)

        def _send(self, served: Served, data: bytes, first: bool) -> None:
            sent = 0
            stalled = False
            while sent < len(data):
                if first and served.drop_after is not None and sent >= served.drop_after:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if first and served.stall_s and not stalled and sent >= len(data) // 2:
                    stalled = True
                    time.sleep(served.stall_s)
                step = served.chunk
                if first and served.drop_after is not None:
                    step = min(step, served.drop_after - sent)
                try:
                    self.wfile.write(data[sent : sent + step])
                    self.wfile.flush()
                except OSError:
                    return
                sent += step
                if served.delay_s:
                    time.sleep(served.delay_s)

        def do_HEAD(self) -> None:
            self._head(send_body=False)

        def do_GET(self) -> None:
            self._head(send_body=True)

    return Handler


@contextmanager
def serve() -> Iterator[LocalServer]:
    """Run a server on a free port of 127.0.0.1 for the duration of the block."""
    state = LocalServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
