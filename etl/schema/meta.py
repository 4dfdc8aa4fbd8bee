"""Meta tables: what the build read, rejected and found (``meta_<entity>``)."""

from __future__ import annotations

from etl.schema.codes import DRIFT_CHANGE, REJECT_ACTION
from etl.schema.fields import field
from etl.schema.model import Column, Table

_c = Column

LOAD_RUNS = Table(
    name="meta_load_runs",
    description="One row per source file read by the build.",
    grain="one row per source file (and member group) read",
    columns=(
        _c("source", "VARCHAR", "Reader name", "Quelle", "Source", nullable=False),
        _c("source_file", "VARCHAR", "File name", "Datei", "File", nullable=False),
        _c("file_size_bytes", "BIGINT", "File size", "Größe", "Size", unit="B"),
        _c("sha256", "VARCHAR", "SHA-256 of the file", "SHA-256", "SHA-256"),
        _c("extract_date", "DATE", "Date of the extract", "Datenstand", "Data date"),
        _c("rows_read", "BIGINT", "Records read (in region or not)", "Gelesen", "Read"),
        _c("rows_loaded", "BIGINT", "Records loaded", "Geladen", "Loaded"),
        _c("rows_rejected", "BIGINT", "Records rejected", "Abgelehnt", "Rejected"),
        _c("duration_s", "DOUBLE", "Wall time", "Dauer", "Duration", unit="s"),
        _c("started_at", "TIMESTAMP", "Start time (UTC)", "Start", "Started"),
    ),
)

REJECTED_ROWS = Table(
    name="meta_rejected_rows",
    description=(
        "Every problem the readers and the build checks found: rejected rows, cleared fields "
        "and flagged values, each with its place in the source, the field as the source names "
        "it, the raw value and the reason in English and German. Nothing is dropped silently."
    ),
    grain="one row per problem found",
    columns=(
        _c("source", "VARCHAR", "Reader name", "Quelle", "Source", nullable=False),
        _c("source_file", "VARCHAR", "File name", "Datei", "File", nullable=False),
        _c(
            "member",
            "VARCHAR",
            "Member of the zip (bulk export), when the file is an archive",
            "Teildatei",
            "Member",
        ),
        _c(
            "row_ref",
            "VARCHAR",
            "Row number (CSV, 1-based incl. header) or element number (XML)",
            "Zeile/Element",
            "Row/element",
        ),
        field(
            "unit_id_mastr", description="MaStR number of the unit concerned, where there is one"
        ),
        _c("record_id", "VARCHAR", "Id of the record when known", "Datensatz", "Record"),
        _c(
            "source_field",
            "VARCHAR",
            "Field as the source names it (element or column header)",
            "Feld in der Quelle",
            "Source field",
        ),
        _c("field", "VARCHAR", "Schema column concerned", "Spalte", "Column"),
        _c("raw_value", "VARCHAR", "The value as read", "Rohwert", "Raw value"),
        _c(
            "action",
            "VARCHAR",
            "row_rejected: not loaded; field_cleared: row loaded without the value; "
            "flagged: loaded as is, marked",
            "Folge",
            "Action",
            nullable=False,
            codes=REJECT_ACTION,
        ),
        _c(
            "reason",
            "VARCHAR",
            "What is wrong (English)",
            "Grund (englisch)",
            "Reason",
            nullable=False,
        ),
        _c("reason_de", "VARCHAR", "What is wrong (German)", "Grund", "Reason (German)"),
    ),
)

SCHEMA_DRIFT = Table(
    name="meta_schema_drift",
    description="Fields that differ from what the reader expects (added or missing by name).",
    grain="one row per source file and field",
    columns=(
        _c("source", "VARCHAR", "Reader name", "Quelle", "Source", nullable=False),
        _c("source_file", "VARCHAR", "File or zip member", "Datei", "File", nullable=False),
        _c("field", "VARCHAR", "Field name", "Feld", "Field", nullable=False),
        _c(
            "change",
            "VARCHAR",
            "added (unknown to the reader) or missing (expected)",
            "Änderung",
            "Change",
            nullable=False,
            codes=DRIFT_CHANGE,
        ),
        _c("note", "VARCHAR", "Explanation", "Hinweis", "Note"),
    ),
)

BUILD_INFO = Table(
    name="meta_build",
    description="Facts about this database build (key/value).",
    grain="one row per key",
    primary_key=("key",),
    columns=(
        _c("key", "VARCHAR", "Key", "Schlüssel", "Key", nullable=False),
        _c("value", "VARCHAR", "Value", "Wert", "Value"),
    ),
)
