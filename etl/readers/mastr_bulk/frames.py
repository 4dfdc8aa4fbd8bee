"""The raw text columns of member results: as Arrow arrays (for DuckDB) or a pandas frame.

Values arrive joined by ``SEP`` (one string per column and member, cheap to
pickle); they are split with Arrow's string kernels, stripped of white space,
and empty text is missing. A Germany build's workers split them themselves
(:func:`split_columns`) and hand over the arrays. Unit records are typed from
the arrays in DuckDB (:mod:`etl.readers.mastr_bulk.units_sql`); the storage
plants use the frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from etl.readers.mastr_bulk.records import SEP

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from etl.readers.mastr_bulk.outcome import MemberResult


def split_columns(
    columns: Mapping[str, str], rows: int, fields: tuple[str, ...]
) -> dict[str, pa.Array]:
    """One member's joined columns as Arrow arrays: split, stripped, empty text missing."""
    import pyarrow as pa
    import pyarrow.compute as pc

    missing = pa.scalar(None, pa.string())
    data = {}
    for name in fields:
        joined = pa.array([columns[name]], pa.string())
        arr = pc.list_flatten(pc.split_pattern(joined, SEP))
        arr = pc.utf8_trim_whitespace(arr)
        arr = pc.if_else(pc.equal(arr, ""), missing, arr)
        if len(arr) != rows:  # never expected: the columns must line up
            raise RuntimeError(f"column {name} has {len(arr)} values for {rows} records")
        data[name] = arr
    return data


def raw_arrays(results: list[MemberResult], fields: tuple[str, ...]) -> dict[str, pa.ChunkedArray]:
    """The raw text of ``fields`` of member results, one value per kept record.

    A result split by its worker already (:attr:`MemberResult.arrays`, a
    Germany build) is used as it is; the others are split here.
    """
    import pyarrow as pa

    parts = [
        r.arrays if r.arrays is not None else split_columns(r.columns, r.rows, fields)
        for r in results
        if r.rows
    ]
    return {name: pa.chunked_array([p[name] for p in parts], pa.string()) for name in fields}


def columns_frame(results: list[MemberResult], fields: tuple[str, ...]) -> pd.DataFrame:
    """The raw text columns of member results as a frame of strings, one row per record."""
    import pandas as pd

    arrays = raw_arrays(results, fields)
    return pd.DataFrame(
        {name: pd.Series(arr.combine_chunks(), dtype="string") for name, arr in arrays.items()}
    )
