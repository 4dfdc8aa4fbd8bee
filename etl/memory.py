"""Keep a build's resident memory small: allocator settings for a long ETL process.

A build allocates from three heaps: glibc ``malloc`` (Python, pandas, DuckDB),
Arrow's memory pool (pandas' Arrow-backed strings) and DuckDB's own caches.
Each keeps freed memory for reuse by default, which a short-lived build never
needs back: measured on the 10^6-unit bench zip, these settings took the
region build's peak (process tree) from 282 to about 240 MB at the same speed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

#: DuckDB settings of a build connection: hand freed memory back to the system early.
DUCKDB_ALLOCATOR = {
    "allocator_flush_threshold": "16MB",
    "allocator_bulk_deallocation_flush_threshold": "16MB",
}
_M_ARENA_MAX = -8  # glibc mallopt parameter


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


def lean_allocators() -> None:
    """At most two malloc arenas and Arrow on the system allocator (call once, early).

    glibc gives each thread (DuckDB's, Arrow's) an arena of its own that is
    rarely returned; Arrow's default pool (jemalloc) keeps freed pages for a
    while. Both cost tens of MB and nothing measurable in speed here.
    """
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_ARENA_MAX, 2)
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return
    pa.set_memory_pool(pa.system_memory_pool())
