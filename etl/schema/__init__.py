"""The one schema of the project.

Every table the ETL writes is defined here once: columns with type, unit,
description, German and English labels, constraints, allowed codes (with
their labels), the policy for invalid values and the display format. The
DuckDB DDL and comments, the vectorised validation of reader output, the data
dictionary in ``docs/schema.md`` and the dashboard's column configuration are
all generated from these definitions.

Table names follow a layer scheme (as in PUDL): ``core_<source>__<entity>`` are
clean, typed, keyed tables; ``out_<entity>`` are marts precomputed for the
dashboard; ``meta_<entity>`` describe the build itself.

Modules: :mod:`.model` (Column, Table, CodeList), :mod:`.codes` (code lists),
:mod:`.fields` (fields several tables share, defined once), :mod:`.core`,
:mod:`.meta`, :mod:`.office`, :mod:`.marts`, :mod:`.office_marts` (the
tables), :mod:`.tables` (the static catalogue), :mod:`.validate`,
:mod:`.docs` and :mod:`.display`.
"""

from __future__ import annotations

from etl.schema.codes import (
    CARRIER,
    CARRIER_GROUP,
    CARRIERS,
    CODE_LISTS,
    NON_RENEWABLE_CARRIERS,
    REJECT_ACTIONS,
    RENEWABLE_CARRIERS,
    SOURCES,
    STATUS,
    STATUSES,
    STORAGE_CARRIERS,
)
from etl.schema.core import MUNICIPALITIES, UNITS
from etl.schema.display import ColumnDisplay, column_display, labels, table_display
from etl.schema.docs import data_dictionary_markdown
from etl.schema.meta import BUILD_INFO, LOAD_RUNS, REJECTED_ROWS, SCHEMA_DRIFT
from etl.schema.model import (
    AGS_PATTERN,
    MASTR_UNIT_PATTERN,
    PLZ_PATTERN,
    Code,
    CodeList,
    Column,
    Table,
    normalise,
)
from etl.schema.tables import CORE_TABLES, MARTS, TABLES, table
from etl.schema.validate import ValidationResult, conform, empty_frame, validate

__all__ = [
    "AGS_PATTERN",
    "BUILD_INFO",
    "CARRIER",
    "CARRIERS",
    "CARRIER_GROUP",
    "CODE_LISTS",
    "CORE_TABLES",
    "LOAD_RUNS",
    "MARTS",
    "MASTR_UNIT_PATTERN",
    "MUNICIPALITIES",
    "NON_RENEWABLE_CARRIERS",
    "PLZ_PATTERN",
    "REJECTED_ROWS",
    "REJECT_ACTIONS",
    "RENEWABLE_CARRIERS",
    "SCHEMA_DRIFT",
    "SOURCES",
    "STATUS",
    "STATUSES",
    "STORAGE_CARRIERS",
    "TABLES",
    "UNITS",
    "Code",
    "CodeList",
    "Column",
    "ColumnDisplay",
    "Table",
    "ValidationResult",
    "column_display",
    "conform",
    "data_dictionary_markdown",
    "empty_frame",
    "labels",
    "normalise",
    "table",
    "table_display",
    "validate",
]
