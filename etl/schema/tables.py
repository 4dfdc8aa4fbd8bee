"""The catalogue of every table the build writes: static, complete, in build order."""

from __future__ import annotations

from etl.schema.core import MUNICIPALITIES, UNITS
from etl.schema.marts import UNIT_MARTS
from etl.schema.meta import BUILD_INFO, LOAD_RUNS, REJECTED_ROWS, SCHEMA_DRIFT
from etl.schema.model import Table
from etl.schema.neighbours import NEIGHBOUR_WIND
from etl.schema.office import OFFICE_CORE_TABLES
from etl.schema.office_marts import OFFICE_MARTS

#: Core and meta tables the sink creates before any reader runs.
CORE_TABLES: tuple[Table, ...] = (
    UNITS,
    MUNICIPALITIES,
    LOAD_RUNS,
    REJECTED_ROWS,
    SCHEMA_DRIFT,
    BUILD_INFO,
    NEIGHBOUR_WIND,
    *OFFICE_CORE_TABLES,
)
#: Every ``out_*`` mart.
MARTS: tuple[Table, ...] = (*UNIT_MARTS, *OFFICE_MARTS)
#: Every table of the build.
TABLES: tuple[Table, ...] = (*CORE_TABLES, *MARTS)

_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
if len(_BY_NAME) != len(TABLES):
    raise ValueError("two tables share a name")


def table(name: str) -> Table:
    """Look a table up by name (``KeyError`` when unknown)."""
    return _BY_NAME[name]
