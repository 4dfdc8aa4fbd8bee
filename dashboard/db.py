"""The dashboard's adapter to the analysis layer: the served database and cached queries.

The pointer (``current.txt``) is resolved on every call of :func:`served_db`,
so a new ETL build shows up on the next rerun without restarting the app. Each
build has a unique file name; that name is part of every cache key, so a cache
entry can never mix two builds. :func:`use_cached_queries` routes every query
of :mod:`analysis` through ``st.cache_data``; the analysis layer itself knows
nothing of Streamlit.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import db as analysis_db
from analysis import office_queries, queries
from etl.config import Settings
from etl.publish import Served, resolve_served


def processed_dir() -> Path:
    """The folder with database builds (``EZ_PROCESSED_DIR`` or ``data/processed``)."""
    return Settings.from_env().processed_dir


def served_state() -> Served:
    """The build to show right now: the pointer's, or — when that one cannot be used —
    the newest intact kept build, with the reason (:func:`etl.publish.resolve_served`)."""
    return resolve_served(processed_dir())


def served_db() -> str | None:
    """Path of the database to show right now (see :func:`served_state`), or ``None``."""
    path = served_state().path
    return str(path) if path is not None else None


@st.cache_data(max_entries=2048, show_spinner=False)
def _cached_query(db: str, sql: str, params: tuple = ()) -> pd.DataFrame:
    """:func:`analysis.db.run_query`, cached; ``db`` (the build's file path) is in the key."""
    return analysis_db.run_query(db, sql, params)


def clear_caches() -> None:
    """Drop every cached query result, derived object and connection (cold benchmark)."""
    _cached_query.clear()
    queries.municipality_geojson.cache_clear()
    office_queries.wind_areas_geojson.cache_clear()
    office_queries.region_context.cache_clear()
    analysis_db.close_connections()


def use_cached_queries() -> None:
    """Route every query of :mod:`analysis` through the Streamlit cache (the app calls this)."""
    analysis_db.set_query_runner(_cached_query)
