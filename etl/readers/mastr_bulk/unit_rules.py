"""The bulk reader's findings as SQL: one rule per check, all in one pass over a batch.

Each rule is ``(condition, field, source field, reason SQL, raw value SQL,
action)``; :func:`findings_sql` turns a list of them into one query that gives
one finding row per rule a row breaks. :func:`reader_findings_sql` holds the
reader's own rules (ids, status, carrier, numbers, dates, catalogue codes and
the schema ranges of optional values); the schema's own checks follow from
:func:`etl.schema.checks_sql.table_checks`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from etl.readers.mastr_bulk.members import CATALOG_COLUMNS, DATE_COLUMNS, NUMBER_COLUMNS

if TYPE_CHECKING:
    from etl.schema.model import Column, Table

Rule = tuple[str, str, str | None, str, str, str]


def units_table() -> Table:
    """The unit table's definition (imported on use: the reader's worker processes
    import this module and must stay free of pandas, which ``etl.schema`` loads)."""
    from etl import schema

    return schema.UNITS


def q(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str | None) -> str:
    """A SQL string literal (or NULL)."""
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"


def reader_findings_sql(decided: str) -> str:
    """The reader's findings (ids, status, carrier, values), over every row of the batch."""
    rules: list[Rule] = [
        # condition, field, source_field, reason (SQL), raw value (SQL), action
        (
            "NOT id_ok",
            "unit_id_mastr",
            None,
            lit("EinheitMastrNummer missing or not a MaStR unit number: unit not loaded"),
            "uid",
            "row_rejected",
        ),
        (
            "status_raw IS NULL",
            "status",
            None,
            lit("EinheitBetriebsstatus missing: unit not loaded"),
            "status_raw",
            "row_rejected",
        ),
        (
            "status_raw IS NOT NULL AND status_text IS NULL",
            "status",
            None,
            lit("EinheitBetriebsstatus code not in Katalogwerte.xml: unit not loaded"),
            "status_raw",
            "row_rejected",
        ),
        (
            "status_text IS NOT NULL AND status_code IS NULL",
            "status",
            None,
            lit("EinheitBetriebsstatus decodes to an unknown status text: unit not loaded"),
            "status_text",
            "row_rejected",
        ),
        (
            "kind = 'wind' AND wind_code IS NULL",
            "carrier",
            "WindAnLandOderAufSee",
            lit(
                "WindAnLandOderAufSee missing: onshore assumed when the unit has a "
                "municipality key, else offshore"
            ),
            "wind_code",
            "flagged",
        ),
        (
            "wind_unknown AND wind_text IS NULL",
            "carrier",
            "WindAnLandOderAufSee",
            lit("WindAnLandOderAufSee code not in Katalogwerte.xml: unit not loaded"),
            "wind_code",
            "row_rejected",
        ),
        (
            "wind_unknown AND wind_text IS NOT NULL",
            "carrier",
            "WindAnLandOderAufSee",
            lit("WindAnLandOderAufSee decodes to neither onshore nor offshore: unit not loaded"),
            "wind_code",
            "row_rejected",
        ),
        (
            "solar_unknown",
            "carrier",
            "ArtDerSolaranlage",
            lit("ArtDerSolaranlage code not in Katalogwerte.xml: unit not loaded"),
            "solar_code",
            "row_rejected",
        ),
    ]
    for target, element in NUMBER_COLUMNS.items():
        reason = f"{element} is not a number (decimal point expected): value cleared"
        rules.append(_cleared(target, reason))
    for target, element in DATE_COLUMNS.items():
        rules.append(_cleared(target, f"{element} is not a date YYYY-MM-DD: value cleared"))
    rules.append(
        _cleared("last_update", "DatumLetzteAktualisierung is not an ISO timestamp: value cleared")
    )
    for target, element in CATALOG_COLUMNS.items():
        raw = q("raw_" + target)
        if target == "energy_source":
            rules.append(
                (
                    "energy_unknown",
                    target,
                    None,
                    f"'Energietraeger code ' || {raw} || ' not in Katalogwerte.xml: unit "
                    "quarantined (not counted under any carrier)'",
                    raw,
                    "row_rejected",
                )
            )
            continue
        reason = f"{element} code not in Katalogwerte.xml: value cleared"
        rules.append(_cleared(target, reason))
    for c, broken in breakable_columns():
        reason = f"{c.name} breaks {c.check_sql()}: value cleared"
        rules.append(
            (
                broken,
                c.name,
                None,
                lit(reason),
                f"CAST({q(c.name)} AS VARCHAR)",
                "field_cleared",
            )
        )
    return findings_sql(rules, decided)


def _cleared(target: str, reason: str) -> Rule:
    raw = q("raw_" + target)
    return (
        f"{raw} IS NOT NULL AND {q(target)} IS NULL",
        target,
        None,
        lit(reason),
        raw,
        "field_cleared",
    )


def breakable_columns() -> list[tuple[Column, str]]:
    """Optional unit columns with a range, length or pattern, and the SQL of a break.

    Such a value is cleared (the unit stays); the municipality key is left to the
    schema's own check, which rejects the unit.
    """
    from etl.schema.checks_sql import constraint_rules

    out = []
    for c in units_table().columns:
        if not c.nullable or c.name == "municipality_key":
            continue
        tests = [fails for rule, _, fails in constraint_rules(c) if rule != "allowed"]
        if tests:
            out.append((c, f"coalesce({' OR '.join(tests)}, false)"))
    return out


def findings_sql(rules: list[Rule], source: str) -> str:
    """One finding row per rule a row breaks, in one pass over ``source``.

    Each row gets the list of the rules it breaks (as structs), which is
    unnested; rows breaking none are filtered out first.
    """
    items = ", ".join(
        f"CASE WHEN coalesce({cond}, false) THEN {{'rule': {i}, 'field': {lit(fld)}, "
        f"'source_field': CAST({lit(src)} AS VARCHAR), 'reason': CAST({reason} AS VARCHAR), "
        f"'raw_value': CAST({raw} AS VARCHAR), 'action': {lit(action)}}} END"
        for i, (cond, fld, src, reason, raw, action) in enumerate(rules)
    )
    anything = " OR ".join(f"coalesce({cond}, false)" for cond, *_ in rules)
    return f"""
        SELECT pos, f.rule AS rule, row_ref, uid AS record_id, f.field AS field,
               f.source_field AS source_field, f.reason AS reason, f.raw_value AS raw_value,
               f.action AS action, source_file
        FROM (
            SELECT pos, row_ref, uid, source_file,
                   unnest(list_filter([{items}], lambda x: x IS NOT NULL)) AS f
            FROM ({source}) WHERE {anything}
        )
    """
