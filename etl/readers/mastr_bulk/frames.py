"""The raw text columns of member results as a pandas frame (the storage plants).

Unit records are typed in DuckDB instead (:mod:`etl.readers.mastr_bulk.units_sql`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from etl.readers.mastr_bulk.records import SEP

if TYPE_CHECKING:
    import pandas as pd

    from etl.readers.mastr_bulk.scan import MemberResult


def columns_frame(results: list[MemberResult], fields: tuple[str, ...]) -> pd.DataFrame:
    """The raw text columns of member results, one row per kept record.

    Values arrive joined by ``SEP`` (one string per column and member, cheap to
    pickle); they are split with pyarrow, stripped, and empty text is missing.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    results = [r for r in results if r.rows]
    n = sum(r.rows for r in results)
    data = {}
    for name in fields:
        joined = SEP.join(r.columns[name] for r in results)
        arr = pc.list_flatten(pc.split_pattern(pa.array([joined], pa.large_string()), SEP))
        arr = pc.utf8_trim_whitespace(arr)
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.large_string()), arr)
        if len(arr) != n:  # never expected: the columns must line up
            raise RuntimeError(f"column {name} has {len(arr)} values for {n} records")
        data[name] = pd.Series(arr, dtype="string")
    return pd.DataFrame(data)
