"""How long each listed wind project spent in each stage of its procedure."""

from __future__ import annotations

from datetime import date

import pandas as pd


def stage_durations(permits: pd.DataFrame, reference: date) -> pd.DataFrame:
    """Days each listed project spent (so far) in applied, approved and under construction."""
    ref = pd.Timestamp(reference)
    rows = []
    order = {"applied": 0, "approved": 1, "under_construction": 2, "operating": 3}
    for p in permits.itertuples():
        level = order.get(p.status)
        stages = (
            ("applied", p.application_date, p.permit_date),
            (
                "approved",
                p.permit_date,
                p.construction_start_date
                if pd.notna(p.construction_start_date)
                else p.commissioning_date,
            ),
            ("under_construction", p.construction_start_date, p.commissioning_date),
        )
        for stage, start, end in stages:
            if pd.isna(start):
                continue
            ongoing = level is not None and order[stage] == level
            if level is None or order[stage] > level:
                continue  # rejected/withdrawn, or a stage not reached
            if ongoing:
                end_ts = ref
                end = None
            elif pd.notna(end):
                end_ts = pd.Timestamp(end)
            else:
                continue
            days = (end_ts - pd.Timestamp(start)).days
            if days < 0:
                continue
            rows.append(
                {
                    "procedure_id": p.procedure_id,
                    "municipality_key": p.municipality_key,
                    "stage": stage,
                    "start_date": start,
                    "end_date": None if ongoing else end,
                    "days": days,
                    "is_ongoing": ongoing,
                    "reference_date": reference,
                }
            )
    cols = [
        "procedure_id",
        "municipality_key",
        "stage",
        "start_date",
        "end_date",
        "days",
        "is_ongoing",
        "reference_date",
    ]
    return pd.DataFrame(rows, columns=cols)
