"""The building blocks of the schema: code lists, columns and tables.

A :class:`Column` is defined once with its DuckDB type, unit, description,
German/English label, constraints, the policy for an invalid value
(``reject_row`` or ``clear_field``) and its display format. A :class:`Table`
lists its columns with grain and key. DDL, ``COMMENT ON`` statements,
validation, the data dictionary and the dashboard's column configuration are
all generated from these objects.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

OnInvalid = Literal["reject_row", "clear_field"]
ON_INVALID: tuple[str, ...] = ("reject_row", "clear_field")


def normalise(text: object) -> str:
    """Fold a header or label for matching: case, umlauts, accents, punctuation, spaces."""
    s = str(text).strip().casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", s)


@dataclass(frozen=True)
class Code:
    """One value of a code list: the stored code and its labels.

    ``label_de``/``label_en`` are the display labels (dashboard, briefings).
    ``accepted`` are the spellings accepted in the office's input files; the
    first two are the German and English spellings the templates show.
    ``nouns_de``/``nouns_en`` are (singular, plural) nouns for one thing of
    this code in sentences (briefings), where the code has them.
    """

    code: str
    label_de: str
    label_en: str
    accepted: tuple[str, ...] = ()
    nouns_de: tuple[str, str] | None = None
    nouns_en: tuple[str, str] | None = None

    def label(self, lang: str = "de") -> str:
        """The display label in ``lang`` (German unless ``'en'``)."""
        return self.label_en if lang == "en" else self.label_de

    def nouns(self, lang: str = "de") -> tuple[str, str] | None:
        """(singular, plural) noun in ``lang``, or ``None`` when the code has none."""
        return self.nouns_en if lang == "en" else self.nouns_de


@dataclass(frozen=True)
class CodeList:
    """A closed list of codes with their labels (a column's allowed values)."""

    name: str
    description: str
    values: tuple[Code, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The stored codes, in order."""
        return tuple(v.code for v in self.values)

    def get(self, code: str) -> Code | None:
        """The :class:`Code` for ``code``, else ``None``."""
        for v in self.values:
            if v.code == code:
                return v
        return None

    def label(self, code: str, lang: str = "de") -> str:
        """The display label of ``code``; an unknown code comes back unchanged."""
        v = self.get(code)
        return code if v is None else v.label(lang)

    def labels(self, lang: str = "de") -> dict[str, str]:
        """Code -> display label in ``lang``."""
        return {v.code: v.label(lang) for v in self.values}

    def accepted_labels(self) -> dict[str, tuple[str, ...]]:
        """Code -> spellings accepted in input files (first: German, second: English)."""
        return {v.code: v.accepted for v in self.values}

    @functools.cached_property
    def _spellings(self) -> dict[str, str]:
        """Normalised code or accepted spelling -> code (the first code wins)."""
        out: dict[str, str] = {}
        for v in self.values:
            for spelling in (v.code, *v.accepted):
                out.setdefault(normalise(spelling), v.code)
        return out

    def code_for(self, text: str) -> str | None:
        """The code for an input spelling (German or English, any case), else ``None``."""
        return self._spellings.get(normalise(text))


#: Kinds of display, from the DuckDB type.
_KINDS = {
    "VARCHAR": "text",
    "DOUBLE": "number",
    "BIGINT": "integer",
    "BOOLEAN": "bool",
    "DATE": "date",
    "TIMESTAMP": "datetime",
    "BLOB": "binary",
}
#: Default decimals shown for a number by its unit.
_DECIMALS_BY_UNIT = {"kW": 1, "MW": 1, "kWh": 1, "km²": 2, "°": 5, "m": 1, "s": 1, "t/a": 0}


@dataclass(frozen=True)
class Column:
    """One column: its type, meaning, constraints, invalid-value policy and display."""

    name: str
    dtype: str  # DuckDB type
    description: str
    label_de: str
    label_en: str
    unit: str | None = None
    nullable: bool = True
    codes: CodeList | None = None
    min_value: float | None = None
    max_value: float | None = None
    length: int | None = None  # exact string length (AGS 8, PLZ 5)
    pattern: str | None = None  # regex the string must match
    on_invalid: OnInvalid = "reject_row"
    decimals: int | None = None  # shown decimals of a number (default by unit)

    def __post_init__(self) -> None:
        if self.dtype not in _KINDS:
            raise ValueError(f"{self.name}: unknown type {self.dtype!r}")
        if self.on_invalid not in ON_INVALID:
            raise ValueError(f"{self.name}: unknown policy {self.on_invalid!r}")
        if self.on_invalid == "clear_field" and not self.nullable:
            raise ValueError(f"{self.name}: a required column cannot be cleared")

    @property
    def allowed(self) -> tuple[str, ...] | None:
        """The allowed codes, or ``None`` when the column is not coded."""
        return self.codes.codes if self.codes else None

    @property
    def kind(self) -> str:
        """Display kind: number, integer, text, date, datetime, bool or binary."""
        return _KINDS[self.dtype]

    def label(self, lang: str = "de") -> str:
        """The column label in ``lang`` (German unless ``'en'``)."""
        return self.label_en if lang == "en" else self.label_de

    @property
    def shown_decimals(self) -> int | None:
        """Decimals to show (``None`` for non-numbers)."""
        if self.kind == "integer":
            return 0
        if self.kind != "number":
            return None
        if self.decimals is not None:
            return self.decimals
        return _DECIMALS_BY_UNIT.get(self.unit or "", 2)

    def check_sql(self) -> str | None:
        """SQL CHECK expression for this column, or ``None``."""
        parts = []
        q = f'"{self.name}"'
        if self.allowed:
            values = ", ".join(f"'{v}'" for v in self.allowed)
            parts.append(f"{q} IN ({values})")
        if self.min_value is not None:
            parts.append(f"{q} >= {self.min_value}")
        if self.max_value is not None:
            parts.append(f"{q} <= {self.max_value}")
        if self.length is not None:
            parts.append(f"length({q}) = {self.length}")
        if self.pattern is not None:
            parts.append(f"regexp_full_match({q}, '{self.pattern}')")
        return " AND ".join(parts) if parts else None


@dataclass(frozen=True)
class Table:
    """One table: grain, columns and key.

    ``grain_key`` names the columns that make a row unique (NULL counts as a
    value); it defaults to the primary key. Marts whose grain columns may be
    NULL declare a grain key but no primary key. ``index_key=False`` leaves the
    primary key out of the DDL (no index: the build checks it instead).
    """

    name: str
    description: str
    grain: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    grain_key: tuple[str, ...] = ()
    extra_checks: tuple[str, ...] = field(default_factory=tuple)
    index_key: bool = True

    def __post_init__(self) -> None:
        names = self.column_names
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: duplicate column names")
        for key in (*self.primary_key, *self.grain_key):
            if key not in names:
                raise ValueError(f"{self.name}: key column {key!r} is not a column")

    @property
    def layer(self) -> str:
        """``core``, ``out`` or ``meta``, from the table name."""
        return self.name.split("_", 1)[0]

    @property
    def column_names(self) -> list[str]:
        """The column names, in table order."""
        return [c.name for c in self.columns]

    @property
    def unique_key(self) -> tuple[str, ...]:
        """The columns a row is unique by (grain key, else primary key; may be empty)."""
        return self.grain_key or self.primary_key

    def column(self, name: str) -> Column:
        """Look a column up by name (``KeyError`` when absent)."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def ddl(self, replace: bool = False) -> str:
        """``CREATE TABLE`` statement with types, NOT NULL, CHECK and key."""
        lines = []
        for c in self.columns:
            line = f'    "{c.name}" {c.dtype}'
            if not c.nullable:
                line += " NOT NULL"
            check = c.check_sql()
            if check:
                line += f" CHECK ({check})"
            lines.append(line)
        if self.primary_key and self.index_key:
            keys = ", ".join(f'"{k}"' for k in self.primary_key)
            lines.append(f"    PRIMARY KEY ({keys})")
        for chk in self.extra_checks:
            lines.append(f"    CHECK ({chk})")
        body = ",\n".join(lines)
        verb = "CREATE OR REPLACE TABLE" if replace else "CREATE TABLE"
        return f"{verb} {self.name} (\n{body}\n);"

    def comments_sql(self) -> list[str]:
        """``COMMENT ON`` statements so the database documents itself."""
        out = [f"COMMENT ON TABLE {self.name} IS '{_sql_str(self.description)}';"]
        for c in self.columns:
            text = c.description + (f" [{c.unit}]" if c.unit else "")
            out.append(f"COMMENT ON COLUMN {self.name}.\"{c.name}\" IS '{_sql_str(text)}';")
        return out

    def create(self, con: object, replace: bool = False) -> None:
        """Create the table (and its comments) in a DuckDB connection."""
        con.execute(self.ddl(replace=replace))  # type: ignore[attr-defined]
        for stmt in self.comments_sql():
            con.execute(stmt)  # type: ignore[attr-defined]


def _sql_str(text: str) -> str:
    return text.replace("'", "''")


AGS_PATTERN = "[0-9]{8}"
PLZ_PATTERN = "[0-9]{5}"
MASTR_UNIT_PATTERN = "[A-Z]{3}[0-9]{12}"
