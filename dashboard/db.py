"""Read-only access to the served database, with caches keyed on its file name.

The pointer (``current.txt``) is resolved on every call of :func:`served_db`,
so a new ETL build shows up on the next rerun without restarting the app. Each
build has a unique file name; that name is part of every cache key, so a cache
entry can never mix two builds. Queries run on their own cursor of a
read-only connection that is cached per file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl.config import Settings
from etl.publish import served_database


def processed_dir() -> Path:
    """The folder with database builds (``EZ_PROCESSED_DIR`` or ``data/processed``)."""
    return Settings.from_env().processed_dir


def served_db() -> str | None:
    """Path of the database the pointer names right now, or ``None``."""
    path = served_database(processed_dir())
    return str(path) if path is not None else None


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(db: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per database file (queries take their own cursor)."""
    return duckdb.connect(db, read_only=True)


@st.cache_data(max_entries=2048, show_spinner=False)
def query(db: str, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    """Run ``sql`` with ``params`` on database ``db`` and return a DataFrame (cached).

    ``db`` is the file path, so the build's unique file name is in the key.
    """
    cur = _connection(db).cursor()
    try:
        return cur.execute(sql, list(params)).df()
    finally:
        cur.close()


def scalar(db: str, sql: str, params: Sequence[object] = ()) -> object:
    """First value of the first row (``None`` when empty)."""
    df = query(db, sql, tuple(params))
    return None if df.empty else df.iat[0, 0]


def has_table(db: str, name: str) -> bool:
    """Whether the database has table ``name`` (marts of older builds may be missing)."""
    return bool(
        scalar(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", (name,))
    )


def clear_caches() -> None:
    """Drop every cached query result and connection (used by the cold benchmark)."""
    query.clear()
    _connection.clear()
