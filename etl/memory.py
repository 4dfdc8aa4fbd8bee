"""Keep a build's resident memory small: allocator settings for a long ETL process.

A build allocates from three heaps: glibc ``malloc`` (Python, pandas, DuckDB),
Arrow's memory pool (pandas' Arrow-backed strings) and DuckDB's own caches.
Each keeps freed memory for reuse by default, which a short-lived build never
needs back. Measured on the 10^6-unit bench zip, these settings, with pandas
and Arrow imported only after a district's workers have exited, took the
region build's peak (process tree) from 282 to about 193 MB at the same speed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import sys

#: DuckDB settings of a district build's connection: hand freed memory back to the
#: system early (1 MB: the district build's peak 10 MB lower than with 16 MB). Not for
#: larger regions or Germany: there it cost 1.2-1.4 s of system time at 10^6 units
#: (Germany), for 14 MB.
DUCKDB_ALLOCATOR = {
    "allocator_flush_threshold": "1MB",
    "allocator_bulk_deallocation_flush_threshold": "1MB",
}
#: Shortest region prefix of a district (``13076``): its build is small enough for one thread.
DISTRICT_PREFIX_LEN = 5
_M_ARENA_MAX = -8  # glibc mallopt parameters
_M_MMAP_THRESHOLD = -3
#: Blocks from this size on are mapped and unmapped on their own, never kept in the heap.
#: glibc otherwise raises this threshold after a large block is freed (the zip's
#: hash reads 8 MiB blocks), and later blocks below it stay in the heap: a district
#: build then peaked at 195 or 213 MB by timing alone; fixed, at 191-194 MB. 1 MiB
#: costs a Germany build nothing measurable (128 KiB cost it 2-4 s in system time).
MMAP_THRESHOLD = 1 << 20


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt  # noqa: B018 - glibc only (musl and macOS have no mallopt)
    except (OSError, AttributeError):
        return None
    return libc


def build_connection_config(region_prefix: str, memory_limit: str) -> dict[str, str | int]:
    """DuckDB settings of a build's connection.

    A district's build (prefix of five digits or more) types tens of thousands
    of rows, not millions: one DuckDB thread does it as fast and holds about
    20 MB less than one per core, and freed memory goes back at once
    (:data:`DUCKDB_ALLOCATOR`). Larger regions and Germany use every core and
    DuckDB's own allocator thresholds.
    """
    config: dict[str, str | int] = {"memory_limit": memory_limit}
    if len(region_prefix) >= DISTRICT_PREFIX_LEN:
        config.update(DUCKDB_ALLOCATOR, threads=1)
    return config


def lean_allocators() -> None:
    """At most two malloc arenas, a fixed mmap threshold and Arrow on the system allocator.

    Call once, early. glibc gives each thread (DuckDB's, Arrow's) an arena of
    its own that is rarely returned; Arrow's default pool keeps freed pages for
    a while. Both cost tens of MB and nothing measurable in speed here.
    """
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_ARENA_MAX, 2)
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    # Arrow reads its default pool from the environment when it is first imported;
    # importing it here would cost a district build 40 MB while its workers read.
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    pa = sys.modules.get("pyarrow")
    if pa is not None and os.environ["ARROW_DEFAULT_MEMORY_POOL"] == "system":
        pa.set_memory_pool(pa.system_memory_pool())
