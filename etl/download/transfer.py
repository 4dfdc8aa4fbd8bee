"""Move bytes from a web server into a ``.part`` file: streamed, resumable, retried.

- The timeout is per read (``requests``' read timeout applies to each socket
  read), never per file: a multi-gigabyte export may take an hour, but a
  server that sends nothing for ``read_timeout_s`` is given up on.
- After an interruption (connection dropped, read timeout, 5xx) the transfer
  waits (exponential backoff) and resumes with ``Range: bytes=<have>-``; a
  server that ignores the range (``200``) or whose file changed (``If-Range``)
  sends the whole file again, which then replaces the partial one.
- Proxies come from the standard environment variables (``HTTPS_PROXY``,
  ``HTTP_PROXY``, ``NO_PROXY``), as ``requests`` reads them.
- The ``.part`` file is kept after a failed transfer so that the next run
  resumes it; it is hidden (``.name.part``), so no reader ever sees it.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from etl import __version__

#: Called with (bytes so far, total bytes or ``None``) after every chunk.
ProgressCallback = Callable[[int, int | None], None]
USER_AGENT = f"energiezukunft-lup/{__version__} (+python-requests)"
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


class DownloadError(RuntimeError):
    """A download failed; the message is one line for the user."""


@dataclass(frozen=True)
class TransferPolicy:
    """Timeouts, retries and chunk size of a transfer."""

    connect_timeout_s: float = 30.0
    #: Seconds one read may wait for data (not the whole file).
    read_timeout_s: float = 120.0
    retries: int = 6
    #: First wait after a failure; doubled after each further failure.
    backoff_s: float = 5.0
    chunk_bytes: int = 1 << 20

    @classmethod
    def from_env(cls) -> TransferPolicy:
        """Defaults, overridden by ``EZ_DOWNLOAD_RETRIES``, ``EZ_DOWNLOAD_BACKOFF_S`` and
        ``EZ_DOWNLOAD_READ_TIMEOUT_S``."""
        kwargs: dict[str, float | int] = {}
        if os.environ.get("EZ_DOWNLOAD_RETRIES"):
            kwargs["retries"] = int(os.environ["EZ_DOWNLOAD_RETRIES"])
        if os.environ.get("EZ_DOWNLOAD_BACKOFF_S"):
            kwargs["backoff_s"] = float(os.environ["EZ_DOWNLOAD_BACKOFF_S"])
        if os.environ.get("EZ_DOWNLOAD_READ_TIMEOUT_S"):
            kwargs["read_timeout_s"] = float(os.environ["EZ_DOWNLOAD_READ_TIMEOUT_S"])
        return cls(**kwargs)  # type: ignore[arg-type]

    @property
    def timeout(self) -> tuple[float, float]:
        """``requests``' (connect, read) timeout."""
        return (self.connect_timeout_s, self.read_timeout_s)


class _Interrupted(Exception):
    """The transfer stopped early and may be resumed."""


def new_session() -> requests.Session:
    """A session with our User-Agent that takes proxies from the environment."""
    session = requests.Session()
    session.trust_env = True
    session.headers.update({"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    return session


def part_path(target: Path) -> Path:
    """The hidden partial file next to ``target``."""
    return target.with_name(f".{target.name}.part")


def exists(session: requests.Session, url: str, policy: TransferPolicy) -> int | None:
    """Size in bytes (or ``-1`` if unknown) when ``url`` exists, ``None`` on 404/410.

    Tries ``HEAD`` and falls back to a streamed ``GET`` that is closed at once
    when the server does not allow ``HEAD``. Network errors and 5xx are retried.
    """
    for attempt in range(policy.retries + 1):
        try:
            resp = session.head(url, timeout=policy.timeout, allow_redirects=True)
            if resp.status_code in (405, 501):
                with session.get(url, timeout=policy.timeout, stream=True) as get:
                    resp = get
            if resp.status_code in (404, 410):
                return None
            if resp.status_code < 500:
                resp.raise_for_status()
                return int(resp.headers.get("Content-Length", -1))
            reason = f"HTTP {resp.status_code}"
        except requests.HTTPError as exc:
            raise DownloadError(f"cannot download {url}: {exc}") from exc
        except requests.RequestException as exc:
            reason = _reason(exc)
        if attempt == policy.retries:
            raise DownloadError(f"cannot reach {url}: {reason} (offline?); nothing was changed")
        time.sleep(policy.backoff_s * 2**attempt)
    raise AssertionError  # pragma: no cover


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:200] + "…"


def fetch(
    session: requests.Session,
    url: str,
    target: Path,
    policy: TransferPolicy,
    progress: ProgressCallback | None = None,
) -> Path:
    """Download ``url`` into ``target``'s ``.part`` file and return that ``.part`` path.

    Resumes an existing ``.part``; retries interruptions with backoff. The caller
    verifies the ``.part`` and moves it into place. Raises :class:`DownloadError`.
    """
    part = part_path(target)
    part.parent.mkdir(parents=True, exist_ok=True)
    state: dict[str, object] = {"validator": None, "total": None}
    failures = 0
    while True:
        try:
            if _transfer_once(session, url, part, policy, progress, state):
                return part
        except _Interrupted as exc:
            reason = str(exc)
        except requests.RequestException as exc:
            reason = _reason(exc)
        failures += 1
        if failures > policy.retries:
            have = part.stat().st_size if part.exists() else 0
            raise DownloadError(
                f"cannot download {url}: {reason}; gave up after {policy.retries} retries "
                f"({have:,} bytes kept in {part.name} for the next run); nothing was changed"
            )
        time.sleep(policy.backoff_s * 2 ** (failures - 1))


def _transfer_once(
    session: requests.Session,
    url: str,
    part: Path,
    policy: TransferPolicy,
    progress: ProgressCallback | None,
    state: dict[str, object],
) -> bool:
    """One request: append to or restart ``part``. True when the file is complete."""
    have = part.stat().st_size if part.exists() else 0
    headers = {}
    if have:
        headers["Range"] = f"bytes={have}-"
        if state["validator"]:
            headers["If-Range"] = str(state["validator"])
    with session.get(url, headers=headers, stream=True, timeout=policy.timeout) as resp:
        if resp.status_code == 416 and have and have == state["total"]:
            return True
        if resp.status_code in (404, 410):
            raise DownloadError(f"cannot download {url}: HTTP {resp.status_code} (gone)")
        if resp.status_code >= 500:
            raise _Interrupted(f"HTTP {resp.status_code}")
        if resp.status_code == 416:  # our partial file is not a prefix of theirs: restart
            part.unlink(missing_ok=True)
            raise _Interrupted("HTTP 416 (partial file discarded)")
        try:
            resp.raise_for_status()
        except requests.HTTPError as exc:
            raise DownloadError(f"cannot download {url}: {exc}") from exc
        resumed = _resume_mode(resp, have, state)
        if resumed is None:
            part.unlink(missing_ok=True)
            raise _Interrupted(f"unexpected Content-Range {resp.headers.get('Content-Range')!r}")
        mode, have = resumed
        state["validator"] = resp.headers.get("ETag") or resp.headers.get("Last-Modified")
        with open(part, mode) as fh:
            if progress:
                progress(have, state["total"])  # type: ignore[arg-type]
            for chunk in resp.iter_content(chunk_size=policy.chunk_bytes):
                fh.write(chunk)
                have += len(chunk)
                if progress:
                    progress(have, state["total"])  # type: ignore[arg-type]
    total = state["total"]
    if total is not None and have < int(total):  # type: ignore[call-overload]
        raise _Interrupted(f"connection closed at {have:,} of {total:,} bytes")
    return True


def _resume_mode(
    resp: requests.Response, have: int, state: dict[str, object]
) -> tuple[str, int] | None:
    """``("ab", have)`` when the server continues at ``have``, ``("wb", 0)`` for a whole
    file, ``None`` when a partial answer starts elsewhere."""
    if resp.status_code == 206:
        m = _CONTENT_RANGE.match(resp.headers.get("Content-Range", ""))
        if m and int(m.group(1)) == have:
            state["total"] = int(m.group(3)) if m.group(3) != "*" else None
            return "ab", have
        return None
    length = resp.headers.get("Content-Length")
    state["total"] = int(length) if length is not None else None
    return "wb", 0
