"""The raw text columns of member results: as Arrow arrays (for DuckDB) or a pandas frame.

Values arrive joined by ``SEP`` (one string per column and member, cheap to
pickle); they are split with Arrow's string kernels, stripped of white space,
and empty text is missing. Unit records are typed from the arrays in DuckDB
(:mod:`etl.readers.mastr_bulk.units_sql`); the storage plants use the frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from etl.readers.mastr_bulk.records import SEP

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from etl.readers.mastr_bulk.outcome import MemberResult


def raw_arrays(results: list[MemberResult], fields: tuple[str, ...]) -> dict[str, pa.Array]:
    """The raw text of ``fields`` of member results, one value per kept record."""
    import pyarrow as pa
    import pyarrow.compute as pc

    results = [r for r in results if r.rows]
    n = sum(r.rows for r in results)
    missing = pa.scalar(None, pa.large_string())
    data = {}
    for name in fields:
        joined = SEP.join(r.columns[name] for r in results)
        arr = pc.list_flatten(pc.split_pattern(pa.array([joined], pa.large_string()), SEP))
        arr = pc.utf8_trim_whitespace(arr)
        arr = pc.if_else(pc.equal(arr, ""), missing, arr)
        if len(arr) != n:  # never expected: the columns must line up
            raise RuntimeError(f"column {name} has {len(arr)} values for {n} records")
        data[name] = arr
    return data


def columns_frame(results: list[MemberResult], fields: tuple[str, ...]) -> pd.DataFrame:
    """The raw text columns of member results as a frame of strings, one row per record."""
    import pandas as pd

    arrays = raw_arrays(results, fields)
    return pd.DataFrame({name: pd.Series(arr, dtype="string") for name, arr in arrays.items()})
