"""Readers: one module per source, one contract (see :mod:`etl.readers.base`).

Kept light on purpose: the bulk reader's worker processes import
``etl.readers.mastr_bulk.scan`` and must not pull in pandas or DuckDB.
"""

from etl.readers.base import (
    LoadRun,
    ProgressFactory,
    Reader,
    extract_date_from_name,
    load,
)

__all__ = ["LoadRun", "ProgressFactory", "Reader", "extract_date_from_name", "load"]
