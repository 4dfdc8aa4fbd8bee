"""Tables of the dashboard pages, built from query results: numbers stay numbers.

Each function returns a DataFrame with English snake_case columns holding
numbers, dates or readable labels of codes (carrier, status, stage …), never
numbers formatted as text, so tables sort numerically. Capacities that the
queries return in kW and the pages show in MW are converted here; shares are
fractions (``0.256``). How a column looks (header, decimals, unit) is the
dashboard's column configuration (``dashboard/columns.py``).
"""

from __future__ import annotations

import pandas as pd

from analysis import headline
from analysis.figures.style import carrier_order
from analysis.i18n import TEXTS, carrier_label, status_label, t
from etl import schema
from etl.schema.reasons import UNTRANSLATED


def _share(values: pd.Series) -> pd.Series:
    """Each value as a fraction of the total (missing when the total is 0)."""
    total = float(values.sum())
    return values / total if total else pd.Series([None] * len(values), index=values.index)


def carrier_table(by_carrier: pd.DataFrame, generation: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Overview: per carrier with capacity in operation or planned.

    ``by_carrier`` from :func:`analysis.queries.capacity_by_carrier`,
    ``generation`` from :func:`analysis.estimates.generation_by_carrier` (same rows).
    """
    shown = ((by_carrier["operating_kw"] > 0) | (by_carrier["planned_kw"] > 0)).to_numpy()
    gen = generation[shown]
    by = by_carrier[shown]
    return pd.DataFrame(
        {
            "carrier": [carrier_label(c, lang) for c in gen["carrier"]],
            "operating_mw": (gen["capacity_kw"] / 1000).to_numpy(),
            "operating_units": by["operating_units"].to_numpy(),
            "planned_mw": (by["planned_kw"] / 1000).to_numpy(),
            "full_load_hours": gen["full_load_hours"].to_numpy(),
            "generation_mwh": gen["generation_mwh"].to_numpy(),
        }
    )


def mix_table(generation: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Energy mix: capacity and estimated generation per carrier, with shares."""
    cap_share = _share(generation["capacity_kw"])
    gen_share = _share(generation["generation_mwh"])
    shown = generation["capacity_kw"] > 0
    gen = generation[shown]
    return pd.DataFrame(
        {
            "carrier": [carrier_label(c, lang) for c in gen["carrier"]],
            "operating_mw": (gen["capacity_kw"] / 1000).to_numpy(),
            "capacity_share": cap_share[shown].to_numpy(dtype="float64"),
            "generation_mwh": gen["generation_mwh"].to_numpy(),
            "generation_share": gen_share[shown].to_numpy(dtype="float64"),
            "full_load_hours": gen["full_load_hours"].to_numpy(),
        }
    )


def additions_by_year(ts: pd.DataFrame) -> pd.DataFrame:
    """Growth: MW commissioned per year (newest first), one column per carrier code.

    ``ts`` from :func:`analysis.queries.timeseries`; projected periods and
    carriers without additions are left out.
    """
    hist = ts[~ts["is_projection"]].assign(year=pd.to_datetime(ts["period"]).dt.year)
    yearly = hist.groupby(["year", "carrier"], as_index=False)["added_kw"].sum()
    pivot = yearly.pivot(index="year", columns="carrier", values="added_kw").fillna(0.0)
    pivot = pivot[[c for c in carrier_order(pivot.columns) if pivot[c].sum() > 0]] / 1000
    pivot = pivot.sort_index(ascending=False)
    pivot.columns.name = None
    return pivot.reset_index()


def ranking_table(ranking: pd.DataFrame) -> pd.DataFrame:
    """Municipalities by capacity per km², ranked ones first (from
    :func:`analysis.headline.municipality_figures`); the rank is a number (the first
    place of a tie), so the column sorts; :func:`rank_labels` gives its text.
    ``municipality_key`` (not shown) says which municipality a clicked row is."""
    table = ranking.sort_values(["rank_km2", "municipality_name"], na_position="last")
    return pd.DataFrame(
        {
            "municipality_key": table["municipality_key"].to_numpy(),
            "rank_km2": pd.to_numeric(table["rank_km2"], errors="coerce").to_numpy(dtype="float64"),
            "municipality_name": table["municipality_name"].to_numpy(),
            "operating_mw": (table["installed_kw"] / 1000).to_numpy(dtype="float64"),
            "kw_per_km2": table["kw_per_km2"].to_numpy(dtype="float64"),
            "kw_per_inhabitant": table["kw_per_inhabitant"].to_numpy(dtype="float64"),
        }
    )


def rank_labels(ranking: pd.DataFrame, lang: str) -> dict[object, str]:
    """Shown text of each rank per km² ("Platz 3", "Platz 3–5" for a tie, ``None``: "kein
    Platz"); tied municipalities share the first place, so the first place names the text."""
    labels: dict[object, str] = {None: t("fig_rank_none", lang)}
    for _, row in ranking.iterrows():
        if not pd.isna(row["rank_km2"]):
            labels[float(row["rank_km2"])] = headline.rank_text(row, "km2", lang)
    return labels


def turbines_table(turbines: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Wind turbines with an area share in a municipality (EEG §6)."""
    return pd.DataFrame(
        {
            "unit_id_mastr": turbines["unit_id_mastr"].to_numpy(),
            "status": [status_label(s, lang) for s in turbines["status"]],
            "gross_capacity_kw": turbines["gross_capacity_kw"].to_numpy(dtype="float64"),
            "standing_in": turbines["standing_in"].to_numpy(),
            "share": turbines["share"].to_numpy(dtype="float64"),
        }
    )


def units_table(units: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Units for display: carrier and status as readable labels, the rest unchanged."""
    out = units.copy()
    if "carrier" in out:
        out["carrier"] = out["carrier"].map(lambda c: carrier_label(c, lang))
    if "status" in out:
        out["status"] = out["status"].map(lambda s: status_label(s, lang))
    return out


def load_runs_table(runs: pd.DataFrame, lang: str = "de") -> pd.DataFrame:
    """Source files of the build (source as a label), with the file size in MB."""
    out = runs.copy()
    out["source"] = [_source_label(s, lang) for s in runs["source"]]
    out["file_size_bytes"] = out["file_size_bytes"].astype("float64") / 1e6
    return out.rename(columns={"file_size_bytes": "file_size_mb"})


def _source_label(source: object, lang: str) -> str:
    key = f"src_{source}"
    return t(key, lang) if key in TEXTS else str(source)


def _column_labels(lang: str) -> dict[str, str]:
    """Schema column -> label (the unit table's label wins where names repeat)."""
    labels: dict[str, str] = {}
    for tbl in reversed(schema.TABLES):
        labels.update(schema.labels(tbl.name, lang))
    labels.update(schema.labels(schema.UNITS.name, lang))
    return labels


def _column_label(column: object, labels: dict[str, str]) -> object:
    if column is None or pd.isna(column):
        return pd.NA
    return "/".join(labels.get(part, part) for part in str(column).split("/"))


def _reason(frame: pd.DataFrame, lang: str) -> pd.Series:
    """The German reason for ``de`` (English where a reason has no German text yet)."""
    if lang != "de" or "reason_de" not in frame:
        return frame["reason"]
    german = frame["reason_de"].astype("string")
    usable = german.notna() & ~german.str.startswith(UNTRANSLATED).fillna(False)
    return german.where(usable, frame["reason"])


def problem_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Findings by action, source, field and reason: codes as labels, the reason in ``lang``."""
    labels = _column_labels(lang)
    return pd.DataFrame(
        {
            "action": [t(f"action_{a}", lang) for a in summary["action"]],
            "source": [_source_label(s, lang) for s in summary["source"]],
            "source_field": summary["source_field"],
            "field": [_column_label(f, labels) for f in summary["field"]],
            "reason": _reason(summary, lang),
            "count": summary["count"],
        }
    )


#: Columns of a finding shown on the data-quality page, in this order.
FINDING_COLUMNS = (
    "source_file",
    "member",
    "row_ref",
    "unit_id_mastr",
    "source_field",
    "field",
    "raw_value",
    "action",
    "reason",
)


def problem_examples_table(examples: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Single findings with their place in the source; codes as labels, reason in ``lang``."""
    labels = _column_labels(lang)
    out = examples.copy()
    out["action"] = [t(f"action_{a}", lang) for a in examples["action"]]
    out["field"] = [_column_label(f, labels) for f in examples["field"]]
    out["reason"] = _reason(examples, lang)
    return out[list(FINDING_COLUMNS)]


def drift_table(drift: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Schema drift with the source as a label and the change as text."""
    return drift.assign(
        source=[_source_label(s, lang) for s in drift["source"]],
        change=[t(f"drift_{c}", lang) if f"drift_{c}" in TEXTS else c for c in drift["change"]],
    )


def gate_losses(decision: dict, lang: str) -> str:
    """What made the gate refuse: the refused rows as readable text (else the recorded reasons)."""
    table = gate_table([r for r in decision.get("rows") or [] if r.get("refused")], lang)
    parts = [f"{r.item} {r.old} → {r.new} ({r.change})" for r in table.itertuples()]
    return "; ".join(parts) or "; ".join(decision.get("reasons") or []) or "–"


def gate_table(rows: list[dict], lang: str) -> pd.DataFrame:
    """The publish gate's comparison rows with readable items."""

    def item(text: str) -> str:
        head, _, what = text.partition(": ")
        if " × " in head and what in ("units", "MW"):
            carrier, status = head.split(" × ", 1)
            kind = t("gate_units", lang) if what == "units" else t("gate_mw", lang)
            return f"{carrier_label(carrier, lang)} × {status_label(status, lang)}: {kind}"
        known = {"municipalities with units": "gate_municipalities", "data date": "gate_data_date"}
        return t(known[text], lang) if text in known else text

    return pd.DataFrame(
        {
            "item": [item(str(r.get("item", ""))) for r in rows],
            "old": [r.get("old") for r in rows],
            "new": [r.get("new") for r in rows],
            "change": [r.get("change") for r in rows],
            "refused": ["✗" if r.get("refused") else "" for r in rows],
        }
    )
