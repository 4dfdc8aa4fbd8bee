"""The municipality profile (EEG basis), unit lists and data-quality counts.

The ranking of municipalities is a headline figure: :func:`analysis.headline.municipality_figures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.db import has_table, query, scalar
from analysis.filters import Filters, period_sql, where
from etl import schema

#: Rows shown in unit lists on pages (downloads have all rows).
UNIT_LIST_LIMIT = 500


# --------------------------------------------------------------------------- #
# Municipality profile
# --------------------------------------------------------------------------- #
def eeg(db: str, municipality: str) -> pd.DataFrame:
    """EEG §6 basis of one municipality per status (operating, planned)."""
    if not has_table(db, "out_eeg_by_municipality"):
        return pd.DataFrame(
            columns=["status", "wind_units", "wind_share_kw", "pv_ground_units", "pv_ground_kw"]
        )
    df = query(
        db,
        """
        SELECT status, wind_units, wind_share_kw, pv_ground_units, pv_ground_kw
        FROM out_eeg_by_municipality WHERE municipality_key = ?
        """,
        (municipality,),
    )
    base = pd.DataFrame({"status": ["operating", "planned"]})
    out = base.merge(df, on="status", how="left").fillna(0)
    for c in ("wind_units", "pv_ground_units"):
        out[c] = out[c].astype("int64")
    return out


def neighbour_turbines_missing(db: str) -> str | None:
    """Why turbines of neighbouring districts are missing from the EEG shares, else ``None``.

    ``no_bulk_export`` or ``no_boundaries`` (``meta_build.eeg_neighbours``); ``None`` when
    they were read, the region is Germany, or the build predates the step.
    """
    reason = scalar(db, "SELECT value FROM meta_build WHERE key = 'eeg_neighbours'")
    return reason if reason in ("no_bulk_export", "no_boundaries") else None


def eeg_turbines(db: str, municipality: str, limit: int | None = None) -> pd.DataFrame:
    """Wind turbines with an area share in ``municipality``, largest share first.

    At most ``limit`` rows (all when ``None``).
    """
    lim = "" if limit is None else f"LIMIT {int(limit)}"
    return query(
        db,
        f"""
        SELECT s.unit_id_mastr, s.status, s.gross_capacity_kw,
               coalesce(m.municipality_name, s.standing_municipality_key) AS standing_in,
               s.share
        FROM out_eeg_wind_shares s
        LEFT JOIN core_bkg__municipalities m ON m.municipality_key = s.standing_municipality_key
        WHERE s.municipality_key = ?
        ORDER BY s.share DESC, s.unit_id_mastr {lim}
        """,
        (municipality,),
    )


# --------------------------------------------------------------------------- #
# Units (lists and exports)
# --------------------------------------------------------------------------- #
def units_count(db: str, f: Filters) -> int:
    """Number of units matching all filters (incl. period)."""
    cond, params = where(f)
    per, pparams = period_sql(f)
    return int(
        scalar(
            db,
            f"SELECT count(*) FROM core_mastr__units {cond} AND {per}",
            (*params, *pparams),
        )
        or 0
    )


LIST_COLUMNS: tuple[str, ...] = (
    "unit_id_mastr",
    "unit_name",
    "carrier",
    "status",
    "gross_capacity_kw",
    "commissioning_date",
    "planned_commissioning_date",
    "municipality_name",
    "municipality_key",
)


def units(
    db: str, f: Filters, limit: int | None = UNIT_LIST_LIMIT, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Units matching all filters, largest first; ``limit=None`` for all (exports)."""
    cols = columns or LIST_COLUMNS
    unknown = set(cols) - set(schema.UNITS.column_names)
    if unknown:
        raise ValueError(f"unknown unit columns: {sorted(unknown)}")
    cond, params = where(f)
    per, pparams = period_sql(f)
    lim = "" if limit is None else f"LIMIT {int(limit)}"
    col_sql = ", ".join(f'"{c}"' for c in cols)
    return query(
        db,
        f"""
        SELECT {col_sql} FROM core_mastr__units {cond} AND {per}
        ORDER BY gross_capacity_kw DESC NULLS LAST, unit_id_mastr {lim}
        """,
        (*params, *pparams),
    )


# --------------------------------------------------------------------------- #
# Data quality
# --------------------------------------------------------------------------- #
def load_runs(db: str) -> pd.DataFrame:
    """The source files read by the build."""
    return query(
        db,
        "SELECT source, source_file, extract_date, rows_read, rows_loaded, rows_rejected, "
        "file_size_bytes, duration_s FROM meta_load_runs ORDER BY started_at, source_file",
    )


def problem_summary(db: str) -> pd.DataFrame:
    """Findings grouped by action, source, field and reason (``count``), most frequent first."""
    return query(
        db,
        """
        SELECT action, source, source_field, field, reason, reason_de, count(*) AS count
        FROM meta_rejected_rows GROUP BY ALL
        ORDER BY count DESC, action, source, source_field, field, reason
        """,
    )


def problem_examples(db: str, limit: int = 200) -> pd.DataFrame:
    """The first ``limit`` findings with every column, in the order recorded."""
    return query(
        db,
        "SELECT source, source_file, member, row_ref, unit_id_mastr, record_id, source_field, "
        f"field, raw_value, action, reason, reason_de FROM meta_rejected_rows LIMIT {int(limit)}",
    )


def schema_drift(db: str) -> pd.DataFrame:
    """Fields that differed from what the readers expect."""
    return query(db, "SELECT source, source_file, field, change, note FROM meta_schema_drift")


@dataclass(frozen=True)
class Quality:
    """Counts for the data-quality page."""

    units: int
    municipalities: int
    without_coordinates: int
    suspect_capacity: int
    rejected_rows: int
    cleared_fields: int
    flagged: int
    drift: int
    #: Units without coordinates below 30 kW net (gross when net is missing): the MaStR
    #: publishes no coordinates for them, so their missing coordinates are normal.
    without_coordinates_small: int = 0


def quality(db: str) -> Quality:
    """Headline counts of what is loaded and what was found."""
    row = query(
        db,
        """
        SELECT (SELECT count(*) FROM core_mastr__units),
               (SELECT count(*) FROM core_bkg__municipalities),
               (SELECT count(*) FROM core_mastr__units WHERE latitude IS NULL),
               (SELECT count(*) FROM core_mastr__units WHERE is_capacity_suspect),
               (SELECT count(*) FROM meta_rejected_rows WHERE action = 'row_rejected'),
               (SELECT count(*) FROM meta_rejected_rows WHERE action = 'field_cleared'),
               (SELECT count(*) FROM meta_rejected_rows WHERE action = 'flagged'),
               (SELECT count(*) FROM meta_schema_drift),
               (SELECT count(*) FROM core_mastr__units WHERE latitude IS NULL
                  AND coalesce(net_capacity_kw, gross_capacity_kw) < 30)
        """,
    ).iloc[0]
    return Quality(*(int(v) for v in row.tolist()))


def suspect_units(db: str, limit: int = 200) -> pd.DataFrame:
    """Units whose capacity was flagged as implausible (largest first)."""
    return query(
        db,
        f"""
        SELECT unit_id_mastr, unit_name, carrier, status, gross_capacity_kw, municipality_name
        FROM core_mastr__units WHERE is_capacity_suspect
        ORDER BY gross_capacity_kw DESC LIMIT {int(limit)}
        """,
    )
