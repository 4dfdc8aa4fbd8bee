"""One writer at a time per processed folder: the writer lock.

Every process that builds and publishes into a processed folder — the CLI
``etl``, the dashboard's rebuild after an upload, the scheduled ``refresh`` —
holds :func:`writer_lock` from reading the sources to switching the pointer.
A second writer waits (printing who holds the lock) up to ``wait_s`` seconds,
then gives up with :class:`WriterBusyError`; ``wait_s=0`` refuses at once.

The lock is an ``fcntl.flock`` on ``<processed>/.writer.lock``: the kernel
releases it when the holder exits, also after ``kill -9``, so a crashed build
never leaves a stale lock. The file names the holder (purpose, pid, start) for
the waiting message. The lock is re-entrant within one thread (the upload flow
holds it around saving the file *and* the build it runs), and exclusive between
threads and processes.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from etl.failures import EXIT_WRITER_BUSY

LOCK_NAME = ".writer.lock"
#: Default seconds a second writer waits for the first (``EZ_WRITER_WAIT``).
DEFAULT_WAIT_S = 600.0
_POLL_S = 0.2

_held = threading.local()


class WriterBusyError(RuntimeError):
    """Another build holds the writer lock of the folder; nothing was read or published."""

    exit_code = EXIT_WRITER_BUSY

    def __init__(self, processed_dir: Path, holder: str, waited_s: float) -> None:
        self.processed_dir = processed_dir
        self.holder = holder
        self.waited_s = waited_s
        super().__init__(
            f"another build is writing to {processed_dir} ({holder}); "
            f"gave up after waiting {waited_s:.0f} s — try again when it has finished"
        )


def holder(processed_dir: Path) -> str:
    """Who holds (or last held) the lock, as written by the holder; '' when unknown."""
    try:
        return (processed_dir / LOCK_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def is_held_here(processed_dir: Path) -> bool:
    """Whether the current thread holds the writer lock of ``processed_dir``."""
    return getattr(_held, "counts", {}).get(_key(processed_dir), 0) > 0


def _key(processed_dir: Path) -> str:
    return str(processed_dir.resolve())


def _try_lock(fh) -> bool:
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def writer_lock(
    processed_dir: Path,
    *,
    purpose: str = "build",
    wait_s: float = DEFAULT_WAIT_S,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the writer lock of ``processed_dir`` for the ``with`` block.

    When another writer holds it, ``on_wait`` (if given) is called once with a
    message naming the holder, and the lock is retried until ``wait_s`` seconds
    have passed; then :class:`WriterBusyError` is raised. Re-entrant in the
    same thread (the inner ``with`` neither waits nor releases).
    """
    processed_dir.mkdir(parents=True, exist_ok=True)
    key = _key(processed_dir)
    counts: dict[str, int] = _held.__dict__.setdefault("counts", {})
    if counts.get(key, 0) > 0:
        counts[key] += 1
        try:
            yield
        finally:
            counts[key] -= 1
        return
    fh = open(processed_dir / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115 - held across yield
    try:
        started = time.monotonic()
        if not _try_lock(fh):
            if on_wait is not None:
                on_wait(
                    f"another build is writing to {processed_dir} ({holder(processed_dir)}); "
                    f"waiting up to {wait_s:.0f} s"
                )
            while not _try_lock(fh):
                waited = time.monotonic() - started
                if waited >= wait_s:
                    raise WriterBusyError(processed_dir, holder(processed_dir), waited)
                time.sleep(min(_POLL_S, max(0.0, wait_s - waited)))
        fh.seek(0)
        fh.truncate()
        since = datetime.now(UTC).isoformat(timespec="seconds")
        fh.write(f"{purpose}, pid {os.getpid()}, since {since}\n")
        fh.flush()
        counts[key] = 1
        try:
            yield
        finally:
            counts[key] = 0
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    finally:
        fh.close()
