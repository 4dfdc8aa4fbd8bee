"""Running SQL on a served database (read-only), with a replaceable query runner.

Every query of the analysis layer goes through :func:`query`. By default it
runs on a read-only DuckDB connection per database file, without caching
results. The dashboard installs a caching runner with :func:`set_query_runner`
(see ``dashboard/db.py``); the database path is always the first argument,
so a cache keyed on the arguments never mixes two builds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import duckdb
import pandas as pd

#: ``runner(db, sql, params) -> DataFrame``; ``params`` is a tuple (hashable for caches).
QueryRunner = Callable[[str, str, tuple], pd.DataFrame]

#: Connections kept open (one per database file, oldest closed first).
MAX_CONNECTIONS = 4

_lock = threading.Lock()
_connections: dict[str, duckdb.DuckDBPyConnection] = {}


def connection(db: str) -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to ``db`` (queries take their own cursor)."""
    with _lock:
        con = _connections.get(db)
        if con is None:
            con = duckdb.connect(db, read_only=True)
            _connections[db] = con
            while len(_connections) > MAX_CONNECTIONS:
                _connections.pop(next(iter(_connections))).close()
        return con


def close_connections() -> None:
    """Close every open connection (tests and the cold benchmark)."""
    with _lock:
        for con in _connections.values():
            con.close()
        _connections.clear()


def run_query(db: str, sql: str, params: tuple = ()) -> pd.DataFrame:
    """Run ``sql`` with ``params`` on database file ``db`` (uncached)."""
    cur = connection(db).cursor()
    try:
        return cur.execute(sql, list(params)).df()
    finally:
        cur.close()


_runner: QueryRunner = run_query


def set_query_runner(runner: QueryRunner | None) -> None:
    """Route every query through ``runner`` (``None`` restores the plain :func:`run_query`)."""
    global _runner
    _runner = runner or run_query


def query(db: str, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    """Run ``sql`` with ``params`` on database ``db`` through the installed runner."""
    return _runner(db, sql, tuple(params))


def scalar(db: str, sql: str, params: Sequence[object] = ()) -> object:
    """First value of the first row (``None`` when empty)."""
    df = query(db, sql, params)
    return None if df.empty else df.iat[0, 0]


def has_table(db: str, name: str) -> bool:
    """Whether the database has table ``name`` (marts of older builds may be missing)."""
    return bool(
        scalar(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", (name,))
    )
