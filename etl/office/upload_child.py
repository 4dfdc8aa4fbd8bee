"""Run the upload check in a child process with memory and time limits, one at a time.

The check (:func:`etl.office.upload.check_upload`) reads files from strangers.
Its own limits (rows, columns, cells, unpacked bytes) bound the work; this
module bounds what is left, whatever the file does:

- the check runs in a fresh child process (``spawn``: the threaded app server
  is never forked) that first imports what the check needs, then limits its
  address space to what it holds plus :data:`MEMORY_MB` (``RLIMIT_AS``) and
  its CPU time (``RLIMIT_CPU``);
- the parent waits at most :data:`SECONDS` for the answer once the child is
  ready, then kills it;
- only one check runs at a time in the server; a second upload waits up to
  :data:`WAIT_SECONDS` for the first, then is refused;
- every way the child can fail (out of memory, killed, crashed, too slow)
  becomes a refusal naming the limit;
- the file's bytes go to the child through their own pipe after it started,
  not in ``spawn``'s start-up data: a child that dies while starting can then
  never block the server (the parent's write would wait for a reader forever);
- the child is started without the app's ``__main__``: Streamlit runs each page
  as ``__main__``, and ``spawn`` would re-run that script in the child.

``EZ_UPLOAD_CHECK_MB`` and ``EZ_UPLOAD_CHECK_SECONDS`` override the limits.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
import types
from dataclasses import dataclass
from pathlib import Path

from etl.office.model import RegionContext
from etl.office.upload import UploadCheck, check_upload, refusal

#: Extra memory the check may use (MB of address space above the loaded child).
MEMORY_MB = 300
#: Wall-clock seconds the check may take once the child is ready.
SECONDS = 10
#: Seconds the child may take to start and import its modules.
START_SECONDS = 60
#: Seconds a second upload waits for the running check.
WAIT_SECONDS = 30

_ONE_AT_A_TIME = threading.Lock()
_MAIN_SWAP = threading.Lock()
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChildStats:
    """What the check cost in the child: wall seconds, CPU seconds, peak and base RSS (MB)."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    base_mb: float

    @property
    def extra_mb(self) -> float:
        """Peak resident memory above the child's memory before the check."""
        return self.peak_mb - self.base_mb


def _limits() -> tuple[int, int]:
    mb = int(os.environ.get("EZ_UPLOAD_CHECK_MB", MEMORY_MB))
    seconds = int(os.environ.get("EZ_UPLOAD_CHECK_SECONDS", SECONDS))
    return mb, seconds


def _address_space() -> int:
    """Bytes of address space this process holds now (``/proc/self/statm``)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _preload(fmt: str) -> None:
    """Import what the check of ``fmt`` needs, so the limits measure the check alone."""
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401

    import etl.office.lists

    if fmt in ("zip", "gpkg"):
        import geopandas  # noqa: F401
        import pyogrio  # noqa: F401
        import pyproj  # noqa: F401
        import shapely  # noqa: F401

        import etl.office.wind_areas  # noqa: F401


def _child(conn, data_conn, filename: str, ctx: RegionContext, mb: int, seconds: int) -> None:
    """The child's work: load, limit, receive the file, check, send ``(check, stats)``."""
    fmt = Path(filename).suffix.lower().lstrip(".")
    _preload(fmt)
    limit = _address_space() + mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = usage.ru_utime + usage.ru_stime
    cpu_limit = int(cpu0) + seconds + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 2))
    conn.send("ready")
    data = data_conn.recv_bytes()
    data_conn.close()
    start = time.perf_counter()
    check = check_upload(data, filename, ctx)
    if check.problem is not None and check.problem.code == "upload_memory":
        check = _memory_refusal(fmt, mb)
    after = resource.getrusage(resource.RUSAGE_SELF)
    stats = ChildStats(
        seconds=time.perf_counter() - start,
        cpu_seconds=after.ru_utime + after.ru_stime - cpu0,
        peak_mb=after.ru_maxrss / 1024,
        base_mb=usage.ru_maxrss / 1024,
    )
    del data
    conn.send((check, stats))
    conn.close()


def _memory_refusal(fmt: str, mb: int) -> UploadCheck:
    return refusal(
        "upload_memory", f"checking the file needs more than {mb} MB of memory", fmt, limit=mb
    )


def _time_refusal(fmt: str, seconds: int) -> UploadCheck:
    return refusal(
        "upload_timeout", f"checking the file takes longer than {seconds} s", fmt, limit=seconds
    )


def check_in_child(
    data: bytes, filename: str, ctx: RegionContext
) -> tuple[UploadCheck, ChildStats | None]:
    """:func:`~etl.office.upload.check_upload` under the limits of the module docstring.

    Returns the check and what it cost (``None`` when the child did not finish).
    """
    fmt = Path(filename).suffix.lower().lstrip(".")
    if not _ONE_AT_A_TIME.acquire(timeout=WAIT_SECONDS):
        return refusal(
            "upload_busy", "another upload is being checked; try again", fmt, seconds=WAIT_SECONDS
        ), None
    try:
        return _run(data, filename, ctx, fmt)
    finally:
        _ONE_AT_A_TIME.release()


def _run(
    data: bytes, filename: str, ctx: RegionContext, fmt: str
) -> tuple[UploadCheck, ChildStats | None]:
    mb, seconds = _limits()
    mp = multiprocessing.get_context("spawn")
    receiver, sender = mp.Pipe(duplex=False)
    data_receiver, data_sender = mp.Pipe(duplex=False)
    args = (sender, data_receiver, filename, ctx, mb, seconds)
    proc = mp.Process(target=_child, args=args, daemon=True)
    _start_without_main(proc)
    sender.close()
    data_receiver.close()
    try:
        if not receiver.poll(START_SECONDS):
            return _failed(proc, fmt, mb, seconds, "start"), None
        if receiver.recv() != "ready":
            return _failed(proc, fmt, mb, seconds, "start"), None
        data_sender.send_bytes(data)  # a child that dies meanwhile gives BrokenPipeError
        if not receiver.poll(seconds):
            return _time_refusal(fmt, seconds), None
        check, stats = receiver.recv()
        _log.info(
            "upload check of %s: %.2f s, %.0f MB extra", filename, stats.seconds, stats.extra_mb
        )
        return check, stats
    except (EOFError, OSError):  # the child died before answering
        return _failed(proc, fmt, mb, seconds, "died"), None
    except Exception as exc:  # an answer that cannot be read is a refusal too
        _log.exception("upload check answer unreadable")
        error = f"{type(exc).__name__}: {exc}"[:200]
        return refusal(
            "upload_error", f"the file cannot be checked: {error}", fmt, error=error
        ), None
    finally:
        receiver.close()
        data_sender.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)


def _start_without_main(proc: multiprocessing.process.BaseProcess) -> None:
    """Start ``proc`` while ``__main__`` is an empty module, so the child imports no app script."""
    with _MAIN_SWAP:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            proc.start()
        finally:
            sys.modules["__main__"] = main


def _failed(proc, fmt: str, mb: int, seconds: int, stage: str) -> UploadCheck:
    """The refusal for a child that never answered: too slow, or stopped by a limit or a crash."""
    proc.join(2)
    code = proc.exitcode
    _log.warning("upload check child failed (%s), exit code %s", stage, code)
    if code is None:  # still running: it did not even start in time
        return _time_refusal(fmt, START_SECONDS)
    if code == -signal.SIGXCPU:
        return _time_refusal(fmt, seconds)
    return refusal(
        "upload_crashed",
        f"the check stopped (exit code {code}), probably at its memory limit of {mb} MB",
        fmt,
        limit=mb,
        exit_code=code,
    )
