"""The data dictionary (``docs/schema.md``), generated from the schema."""

from __future__ import annotations

from collections.abc import Iterable

from etl.schema.codes import CODE_LISTS
from etl.schema.model import Table
from etl.schema.tables import TABLES


def data_dictionary_markdown(tables: Iterable[Table] | None = None) -> str:
    """The data dictionary as Markdown: every table with grain, key and columns; code lists."""
    out = [
        "# Data dictionary",
        "",
        "Generated from `etl/schema/` (`energiezukunft schema`).",
        "",
    ]
    for t in tables or TABLES:
        out += [f"## `{t.name}`", "", t.description, "", f"Grain: {t.grain}.", ""]
        if t.primary_key:
            how = "" if t.index_key else " (checked by the build, no index)"
            out += [f"Primary key: `{', '.join(t.primary_key)}`{how}", ""]
        elif t.grain_key:
            out += [f"Unique by: `{', '.join(t.grain_key)}` (NULL counts as a value)", ""]
        out += [
            "| column | type | unit | constraint | if invalid | description |",
            "|---|---|---|---|---|---|",
        ]
        for c in t.columns:
            cons = c.check_sql() or ""
            if not c.nullable:
                cons = ("NOT NULL; " + cons).rstrip("; ")
            cons = cons.replace("|", "\\|")
            policy = c.on_invalid.replace("_", " ") if cons else ""
            out.append(
                f"| `{c.name}` | {c.dtype} | {c.unit or ''} | {cons} | {policy} | {c.description} |"
            )
        out.append("")
    out += _code_lists_markdown()
    return "\n".join(out)


def _code_lists_markdown() -> list[str]:
    """Every code list with its German and English labels."""
    out = ["## Code lists", ""]
    for codes in CODE_LISTS.values():
        out += [f"### `{codes.name}`", "", codes.description + ".", ""]
        out += ["| code | German | English |", "|---|---|---|"]
        out += [f"| `{c.code}` | {c.label_de} | {c.label_en} |" for c in codes.values]
        out.append("")
    return out
