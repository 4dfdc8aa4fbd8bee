"""The one schema of the project.

Every table the ETL writes is defined here once: columns with type, unit,
description, German and English labels, constraints and allowed values. The
DuckDB DDL, the vectorised validation of reader output, the data dictionary in
``docs/schema.md`` and the dashboard's column labels are all generated from
these definitions.

Table names follow a layer scheme (as in PUDL): ``core_<source>__<entity>`` are
clean, typed, keyed tables; ``out_<entity>`` are marts precomputed for the
dashboard; ``meta_<entity>`` describe the build itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

# --------------------------------------------------------------------------- #
# Code lists (values are the stored codes; labels live in dashboard i18n).
# --------------------------------------------------------------------------- #
CARRIERS: tuple[str, ...] = (
    "wind_onshore",
    "wind_offshore",
    "pv_ground",
    "pv_building",
    "pv_other",
    "biomass",
    "hydro",
    "storage",
    "other",
)
STATUSES: tuple[str, ...] = (
    "operating",
    "planned",
    "temporarily_shut_down",
    "permanently_shut_down",
)
SOURCES: tuple[str, ...] = ("mastr_bulk", "mastr_web_csv")
REJECT_ACTIONS: tuple[str, ...] = ("row_rejected", "field_cleared", "flagged")


@dataclass(frozen=True)
class Column:
    """One column: its type, meaning and constraints."""

    name: str
    dtype: str  # DuckDB type
    description: str
    label_de: str
    label_en: str
    unit: str | None = None
    nullable: bool = True
    allowed: tuple[str, ...] | None = None
    min_value: float | None = None
    max_value: float | None = None
    length: int | None = None  # exact string length (AGS 8, PLZ 5)
    pattern: str | None = None  # regex the string must match

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
    """One table: grain, columns and primary key."""

    name: str
    description: str
    grain: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    extra_checks: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def ddl(self) -> str:
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
        if self.primary_key:
            keys = ", ".join(f'"{k}"' for k in self.primary_key)
            lines.append(f"    PRIMARY KEY ({keys})")
        for chk in self.extra_checks:
            lines.append(f"    CHECK ({chk})")
        body = ",\n".join(lines)
        return f"CREATE TABLE {self.name} (\n{body}\n);"

    def comments_sql(self) -> list[str]:
        """``COMMENT ON`` statements so the database documents itself."""
        out = [f"COMMENT ON TABLE {self.name} IS '{_sql_str(self.description)}';"]
        for c in self.columns:
            text = c.description + (f" [{c.unit}]" if c.unit else "")
            out.append(f"COMMENT ON COLUMN {self.name}.\"{c.name}\" IS '{_sql_str(text)}';")
        return out


def _sql_str(text: str) -> str:
    return text.replace("'", "''")


def _c(name: str, dtype: str, description: str, de: str, en: str, **kw) -> Column:
    return Column(name, dtype, description, de, en, **kw)


AGS_PATTERN = "[0-9]{8}"
PLZ_PATTERN = "[0-9]{5}"

# --------------------------------------------------------------------------- #
# Tables
# --------------------------------------------------------------------------- #
UNITS = Table(
    name="core_mastr__units",
    description="Generation and storage units from the Marktstammdatenregister, one row per unit.",
    grain="one row per MaStR unit (EinheitMastrNummer)",
    primary_key=("unit_id_mastr",),
    columns=(
        _c(
            "unit_id_mastr",
            "VARCHAR",
            "MaStR number of the unit (EinheitMastrNummer)",
            "MaStR-Nr.",
            "MaStR id",
            nullable=False,
            pattern="[A-Z]{3}[0-9]{12}",
        ),
        _c("unit_name", "VARCHAR", "Display name of the unit", "Name", "Name"),
        _c(
            "carrier",
            "VARCHAR",
            "Energy carrier and kind of installation",
            "Energieträger",
            "Carrier",
            nullable=False,
            allowed=CARRIERS,
        ),
        _c(
            "status",
            "VARCHAR",
            "Operating status (EinheitBetriebsstatus)",
            "Status",
            "Status",
            nullable=False,
            allowed=STATUSES,
        ),
        _c(
            "gross_capacity_kw",
            "DOUBLE",
            "Gross capacity (Bruttoleistung)",
            "Bruttoleistung",
            "Gross capacity",
            unit="kW",
            min_value=0,
            max_value=3_000_000,
        ),
        _c(
            "net_capacity_kw",
            "DOUBLE",
            "Net rated capacity (Nettonennleistung)",
            "Nettonennleistung",
            "Net capacity",
            unit="kW",
            min_value=0,
            max_value=3_000_000,
        ),
        _c(
            "commissioning_date",
            "DATE",
            "Commissioning date (Inbetriebnahmedatum)",
            "Inbetriebnahme",
            "Commissioning",
        ),
        _c(
            "planned_commissioning_date",
            "DATE",
            "Planned commissioning date (GeplantesInbetriebnahmedatum)",
            "Geplante Inbetriebnahme",
            "Planned commissioning",
        ),
        _c(
            "decommissioning_date",
            "DATE",
            "Date of final decommissioning (DatumEndgueltigeStilllegung)",
            "Endgültige Stilllegung",
            "Decommissioning",
        ),
        _c(
            "temporary_shutdown_date",
            "DATE",
            "Start of temporary shutdown (DatumBeginnVoruebergehendeStilllegung)",
            "Vorübergehende Stilllegung",
            "Temporary shutdown",
        ),
        _c(
            "registration_date",
            "DATE",
            "Registration date in the MaStR",
            "Registrierung",
            "Registration",
        ),
        _c(
            "last_update",
            "TIMESTAMP",
            "Last update of the record in the MaStR",
            "Letzte Aktualisierung",
            "Last update",
        ),
        _c(
            "municipality_key",
            "VARCHAR",
            "Official municipality key (AGS, Gemeindeschluessel)",
            "Gemeindeschlüssel",
            "Municipality key",
            length=8,
            pattern=AGS_PATTERN,
        ),
        _c(
            "municipality_name",
            "VARCHAR",
            "Municipality name as registered",
            "Gemeinde",
            "Municipality",
        ),
        _c(
            "postcode", "VARCHAR", "Postcode (Postleitzahl)", "PLZ", "Postcode", pattern=PLZ_PATTERN
        ),
        _c("place", "VARCHAR", "Place (Ort)", "Ort", "Place"),
        _c("federal_state", "VARCHAR", "Federal state (Bundesland)", "Bundesland", "State"),
        _c(
            "district_name",
            "VARCHAR",
            "District as registered (Landkreis text)",
            "Landkreis",
            "District",
        ),
        _c(
            "latitude",
            "DOUBLE",
            "Latitude WGS84 (Breitengrad); public only for units ≥ 30 kW",
            "Breitengrad",
            "Latitude",
            unit="°",
            min_value=47.0,
            max_value=55.5,
        ),
        _c(
            "longitude",
            "DOUBLE",
            "Longitude WGS84 (Laengengrad)",
            "Längengrad",
            "Longitude",
            unit="°",
            min_value=5.5,
            max_value=15.5,
        ),
        _c(
            "energy_source",
            "VARCHAR",
            "Energy source as decoded from the MaStR catalogue",
            "Energieträger (MaStR)",
            "Energy source (MaStR)",
        ),
        _c("wind_park_name", "VARCHAR", "Wind park name (NameWindpark)", "Windpark", "Wind park"),
        _c(
            "hub_height_m",
            "DOUBLE",
            "Hub height (Nabenhoehe)",
            "Nabenhöhe",
            "Hub height",
            unit="m",
            min_value=0,
            max_value=300,
        ),
        _c(
            "rotor_diameter_m",
            "DOUBLE",
            "Rotor diameter (Rotordurchmesser)",
            "Rotordurchmesser",
            "Rotor diameter",
            unit="m",
            min_value=0,
            max_value=300,
        ),
        _c(
            "manufacturer",
            "VARCHAR",
            "Turbine manufacturer (Hersteller)",
            "Hersteller",
            "Manufacturer",
        ),
        _c("model", "VARCHAR", "Type designation (Typenbezeichnung)", "Typ", "Model"),
        _c(
            "storage_technology",
            "VARCHAR",
            "Storage technology (Technologie)",
            "Speichertechnologie",
            "Storage technology",
        ),
        _c(
            "storage_energy_kwh",
            "DOUBLE",
            "Usable storage capacity (NutzbareSpeicherkapazitaet of the storage plant)",
            "Speicherkapazität",
            "Storage energy",
            unit="kWh",
            min_value=0,
        ),
        _c(
            "permit_id_mastr",
            "VARCHAR",
            "MaStR number of the permit (GenMastrNummer)",
            "Genehmigungs-Nr.",
            "Permit id",
        ),
        _c(
            "is_capacity_suspect",
            "BOOLEAN",
            "Capacity is implausible for this kind of unit (e.g. kW entered as W)",
            "Leistung auffällig",
            "Capacity suspect",
            nullable=False,
        ),
        _c(
            "source",
            "VARCHAR",
            "Which reader produced the row",
            "Quelle",
            "Source",
            nullable=False,
            allowed=SOURCES,
        ),
        _c(
            "source_file",
            "VARCHAR",
            "File (and zip member) the row came from",
            "Quelldatei",
            "Source file",
            nullable=False,
        ),
        _c("extract_date", "DATE", "Date of the source extract", "Datenstand", "Data date"),
    ),
)

MUNICIPALITIES = Table(
    name="core_bkg__municipalities",
    description="Municipalities of the configured region with boundaries (BKG VG250 or demo).",
    grain="one row per municipality (AGS)",
    primary_key=("municipality_key",),
    columns=(
        _c(
            "municipality_key",
            "VARCHAR",
            "Official municipality key (AGS)",
            "Gemeindeschlüssel",
            "Municipality key",
            nullable=False,
            length=8,
            pattern=AGS_PATTERN,
        ),
        _c(
            "municipality_name", "VARCHAR", "Name (GEN)", "Gemeinde", "Municipality", nullable=False
        ),
        _c("municipality_type", "VARCHAR", "Type (BEZ), e.g. Stadt or Gemeinde", "Art", "Type"),
        _c(
            "area_km2",
            "DOUBLE",
            "Area computed in EPSG:25832",
            "Fläche",
            "Area",
            unit="km²",
            min_value=0,
        ),
        _c("population", "BIGINT", "Inhabitants", "Einwohner", "Population", min_value=0),
        _c(
            "population_date",
            "DATE",
            "Reference date of the population figure",
            "Stand Einwohner",
            "Population date",
        ),
        _c(
            "centroid_latitude",
            "DOUBLE",
            "Latitude of a point inside the municipality",
            "Breitengrad (Mitte)",
            "Latitude (centre)",
            unit="°",
        ),
        _c(
            "centroid_longitude",
            "DOUBLE",
            "Longitude of a point inside the municipality",
            "Längengrad (Mitte)",
            "Longitude (centre)",
            unit="°",
        ),
        _c("min_longitude", "DOUBLE", "Bounding box: west", "West", "West", unit="°"),
        _c("min_latitude", "DOUBLE", "Bounding box: south", "Süd", "South", unit="°"),
        _c("max_longitude", "DOUBLE", "Bounding box: east", "Ost", "East", unit="°"),
        _c("max_latitude", "DOUBLE", "Bounding box: north", "Nord", "North", unit="°"),
        _c("geometry_wkb", "BLOB", "Boundary in WGS84 as WKB", "Geometrie", "Geometry"),
        _c(
            "geometry_geojson",
            "VARCHAR",
            "Boundary in WGS84, simplified for display, GeoJSON",
            "Geometrie (Anzeige)",
            "Geometry (display)",
        ),
        _c(
            "is_synthetic_geometry",
            "BOOLEAN",
            "Boundary is a demo shape, not a real boundary",
            "Demo-Geometrie",
            "Demo geometry",
            nullable=False,
        ),
        _c(
            "source_file",
            "VARCHAR",
            "File the row came from",
            "Quelldatei",
            "Source file",
            nullable=False,
        ),
    ),
)

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
        "Every problem the readers found: rejected rows, cleared fields and flagged values. "
        "Nothing is dropped silently."
    ),
    grain="one row per problem found",
    columns=(
        _c("source", "VARCHAR", "Reader name", "Quelle", "Source", nullable=False),
        _c("source_file", "VARCHAR", "File (and zip member)", "Datei", "File", nullable=False),
        _c(
            "row_ref",
            "VARCHAR",
            "Row number (CSV, 1-based incl. header) or element number (XML)",
            "Zeile/Element",
            "Row/element",
        ),
        _c("record_id", "VARCHAR", "Id of the record when known", "Datensatz", "Record"),
        _c("field", "VARCHAR", "Field (column or element name)", "Feld", "Field"),
        _c("reason", "VARCHAR", "What is wrong", "Grund", "Reason", nullable=False),
        _c("raw_value", "VARCHAR", "The value as read", "Rohwert", "Raw value"),
        _c(
            "action",
            "VARCHAR",
            "row_rejected: not loaded; field_cleared: row loaded without the value; "
            "flagged: loaded as is, marked",
            "Folge",
            "Action",
            nullable=False,
            allowed=REJECT_ACTIONS,
        ),
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
            allowed=("added", "missing", "renamed"),
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

TABLES: tuple[Table, ...] = (
    UNITS,
    MUNICIPALITIES,
    LOAD_RUNS,
    REJECTED_ROWS,
    SCHEMA_DRIFT,
    BUILD_INFO,
)


def register_table(table: Table) -> Table:
    """Add a table defined by another module (e.g. the office lists) to the schema."""
    global TABLES
    if table.name not in {t.name for t in TABLES}:
        TABLES = (*TABLES, table)
    return table


def table(name: str) -> Table:
    """Look a table up by name."""
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)


def all_ddl() -> str:
    """DDL for every table, with comments."""
    stmts: list[str] = []
    for t in TABLES:
        stmts.append(t.ddl())
        stmts.extend(t.comments_sql())
    return "\n".join(stmts)


# --------------------------------------------------------------------------- #
# Vectorised validation
# --------------------------------------------------------------------------- #
_PANDAS_DTYPES = {
    "VARCHAR": "string",
    "DOUBLE": "Float64",
    "BIGINT": "Int64",
    "BOOLEAN": "boolean",
}


@dataclass
class ValidationResult:
    """Rows that passed and one problem record per failed check."""

    valid: pd.DataFrame
    problems: pd.DataFrame  # columns of REJECTED_ROWS minus source/source_file
    valid_index: pd.Index  # positions of the valid rows in the input frame


def empty_frame(tbl: Table) -> pd.DataFrame:
    """An empty frame with the table's columns and pandas dtypes."""
    return conform(pd.DataFrame({c: [] for c in tbl.column_names}), tbl)


def conform(df: pd.DataFrame, tbl: Table) -> pd.DataFrame:
    """Order and type the columns of ``df`` as the table defines them.

    Raises ``ValueError`` naming the missing columns; extra columns are dropped.
    """
    missing = [c for c in tbl.column_names if c not in df.columns]
    if missing:
        raise ValueError(f"{tbl.name}: missing columns {missing}")
    out = df[tbl.column_names].copy()
    for c in tbl.columns:
        if c.dtype in _PANDAS_DTYPES:
            out[c.name] = out[c.name].astype(_PANDAS_DTYPES[c.dtype])
        elif c.dtype == "DATE":
            out[c.name] = pd.to_datetime(out[c.name], errors="raise").astype("datetime64[s]")
        elif c.dtype == "TIMESTAMP":
            out[c.name] = pd.to_datetime(out[c.name], errors="raise").astype("datetime64[us]")
    return out


def validate(
    df: pd.DataFrame,
    tbl: Table,
    row_refs: pd.Series | None = None,
    record_ids: pd.Series | None = None,
    check_key: bool = True,
) -> ValidationResult:
    """Check a frame against the table definition, row by row, vectorised.

    Rows breaking NOT NULL, allowed values, ranges, length or pattern, or
    repeating the primary key, are removed and reported (one problem per
    field). ``row_refs`` names each row in messages (CSV row, XML element).
    ``check_key=False`` leaves duplicate keys to a later step.
    """
    df = conform(df.reset_index(drop=True), tbl)
    if row_refs is not None:
        row_refs = row_refs.reset_index(drop=True)
    if row_refs is None:
        row_refs = pd.Series(range(1, len(df) + 1), index=df.index).astype("string")
    if record_ids is None:
        pk = tbl.primary_key[0] if tbl.primary_key else None
        record_ids = df[pk] if pk else pd.Series(pd.NA, index=df.index, dtype="string")
    bad = pd.Series(False, index=df.index)
    problems: list[pd.DataFrame] = []

    def report(mask: pd.Series, col: Column, reason: str) -> None:
        nonlocal bad
        mask = mask.fillna(False).astype(bool)
        if not mask.any():
            return
        bad |= mask
        problems.append(
            pd.DataFrame(
                {
                    "row_ref": row_refs[mask].astype("string"),
                    "record_id": record_ids[mask].astype("string"),
                    "field": col.name,
                    "reason": reason,
                    "raw_value": df.loc[mask, col.name].astype("string"),
                    "action": "row_rejected",
                }
            )
        )

    for col in tbl.columns:
        s = df[col.name]
        if not col.nullable:
            report(s.isna(), col, f"{col.name} is required")
        present = s.notna()
        if col.allowed:
            report(
                present & ~s.isin(col.allowed),
                col,
                f"{col.name} not one of {', '.join(col.allowed)}",
            )
        if col.min_value is not None:
            report(present & (s < col.min_value), col, f"{col.name} below {col.min_value:g}")
        if col.max_value is not None:
            report(present & (s > col.max_value), col, f"{col.name} above {col.max_value:g}")
        if col.length is not None:
            report(
                present & (s.str.len() != col.length),
                col,
                f"{col.name} must have {col.length} characters",
            )
        if col.pattern is not None:
            report(
                present & ~s.str.fullmatch(col.pattern).fillna(False),
                col,
                f"{col.name} does not match {col.pattern}",
            )
    if check_key and tbl.primary_key:
        dup = df.duplicated(list(tbl.primary_key), keep="first") & ~bad
        if dup.any():
            report(
                dup,
                tbl.column(tbl.primary_key[0]),
                "duplicate id: an earlier row with the same key was kept",
            )

    problem_cols = ["row_ref", "record_id", "field", "reason", "raw_value", "action"]
    problem_df = (
        pd.concat(problems, ignore_index=True)
        if problems
        else pd.DataFrame({c: pd.Series(dtype="string") for c in problem_cols})
    )
    return ValidationResult(
        valid=df[~bad].reset_index(drop=True),
        problems=problem_df,
        valid_index=df.index[~bad],
    )


def labels(table_name: str, lang: str = "de") -> dict[str, str]:
    """Column labels for the dashboard, from the schema."""
    t = table(table_name)
    return {c.name: (c.label_de if lang == "de" else c.label_en) for c in t.columns}


def data_dictionary_markdown(tables: Iterable[Table] | None = None) -> str:
    """The data dictionary (docs/schema.md) generated from the schema."""
    out = ["# Data dictionary", "", "Generated from `etl/schema.py` (`energiezukunft schema`).", ""]
    for t in tables or TABLES:
        out += [f"## `{t.name}`", "", t.description, "", f"Grain: {t.grain}.", ""]
        if t.primary_key:
            out += [f"Primary key: `{', '.join(t.primary_key)}`", ""]
        out += ["| column | type | unit | constraint | description |", "|---|---|---|---|---|"]
        for c in t.columns:
            cons = c.check_sql() or ""
            if not c.nullable:
                cons = ("NOT NULL; " + cons).rstrip("; ")
            cons = cons.replace("|", "\\|")
            out.append(f"| `{c.name}` | {c.dtype} | {c.unit or ''} | {cons} | {c.description} |")
        out.append("")
    return "\n".join(out)
