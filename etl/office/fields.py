"""The shapes of an office list spec: a list, its fields, the wind-area attributes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from etl.schema import Column, normalise
from etl.schema import table as schema_table

# --------------------------------------------------------------------------- #
# Fields and lists
# --------------------------------------------------------------------------- #
KINDS = ("id", "text", "int", "number", "date", "month_date", "year", "code", "ags", "mastr_ids")


@dataclass(frozen=True)
class Field:
    """One column of an office list as staff fill it in.

    ``name`` is the stored column of the list's table (or, for ``mastr_ids``
    and ``municipality_name_input``, an input-only name); the list spec binds
    the schema column, from which ``required``, ``codes`` and the range come.
    """

    name: str
    header_de: str
    header_en: str
    kind: str
    help_de: str
    help_en: str
    example: str = ""
    aliases: tuple[str, ...] = ()
    column: Column | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")

    @property
    def required(self) -> bool:
        """A value is required (the schema column is NOT NULL)."""
        return self.column is not None and not self.column.nullable

    @property
    def codes(self) -> dict[str, tuple[str, ...]] | None:
        """Code -> accepted spellings (first German, second English), for coded columns."""
        if self.column is None or self.column.codes is None:
            return None
        return self.column.codes.accepted_labels()

    @property
    def min_value(self) -> float | None:
        """Smallest plausible value (from the schema)."""
        return self.column.min_value if self.column is not None else None

    @property
    def max_value(self) -> float | None:
        """Largest plausible value (from the schema)."""
        return self.column.max_value if self.column is not None else None

    @property
    def match_keys(self) -> set[str]:
        """Normalised header spellings that identify this column."""
        return {normalise(h) for h in (self.header_de, self.header_en, self.name, *self.aliases)}

    def code_for(self, raw: str) -> str | None:
        """The stored code for a label (German or English, any case), or ``None``."""
        if self.column is None or self.column.codes is None:
            return None
        return self.column.codes.code_for(raw)

    def display_codes(self, lang: str = "de") -> list[str]:
        """The labels to show for the allowed values (German first label, or English)."""
        idx = 0 if lang == "de" else 1
        return [labels[idx] for labels in (self.codes or {}).values()]


@dataclass(frozen=True)
class ListSpec:
    """One office list: its columns, key, table and file naming."""

    kind: str  # "wind_permits" | "hydrogen_projects"
    table_name: str
    source: str  # reader name in meta tables
    title_de: str
    title_en: str
    file_prefixes: tuple[str, ...]  # lower-case file name prefixes for discovery
    template_stem: str
    sheet_de: str
    fields: tuple[Field, ...] = field(default_factory=tuple)
    key: str = ""
    intro_de: str = ""
    intro_en: str = ""

    def __post_init__(self) -> None:
        columns = {c.name: c for c in schema_table(self.table_name).columns}
        bound = tuple(replace(f, column=columns.get(f.name)) for f in self.fields)
        object.__setattr__(self, "fields", bound)

    def field(self, name: str) -> Field:
        """The field called ``name`` (``KeyError`` when absent)."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def required(self) -> list[Field]:
        """The fields that must have a value."""
        return [f for f in self.fields if f.required]


@dataclass(frozen=True)
class AreaAttribute:
    """An attribute of the wind-area layer and the names it may have."""

    name: str
    header_de: str
    help_de: str
    help_en: str
    aliases: tuple[str, ...]
    required: bool = False
