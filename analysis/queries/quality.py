"""Completeness of the served build: partial sources and the publish gate's decisions."""

from __future__ import annotations

import json
from pathlib import Path

from analysis.db import query

#: Written by the ETL next to the builds (``etl.gate.LAST_DECISION_NAME``).
GATE_LAST_FILE = "gate-last.json"


def _meta(db: str, *keys: str) -> dict[str, str | None]:
    marks = ", ".join("?" for _ in keys)
    df = query(db, f"SELECT key, value FROM meta_build WHERE key IN ({marks})", tuple(keys))
    return dict(zip(df["key"], df["value"], strict=True))


def partial_reasons(db: str, lang: str = "de") -> list[str]:
    """What is missing when the build was published with ``--accept-partial`` (else ``[]``).

    German reasons when the build recorded them (``partial_reasons_de``), else English.
    """
    meta = _meta(db, "partial", "partial_reasons", "partial_reasons_de")
    if str(meta.get("partial")).lower() != "true":
        return []
    text = (meta.get("partial_reasons_de") if lang == "de" else None) or meta.get("partial_reasons")
    try:
        reasons = json.loads(text or "[]")
    except ValueError:
        reasons = [text]
    return [str(r) for r in reasons] or ["?"]


def gate_decisions(db: str) -> tuple[dict | None, dict | None]:
    """The served build's gate decision and, when a later run was refused, that decision.

    Both as the dicts the ETL stores (``decision``, ``reasons``, ``rows``,
    ``compared_with``, ``accepted_reason``, ``threshold``, ``build``, ``decided_at``).
    """
    raw = _meta(db, "gate_json").get("gate_json")
    try:
        served = json.loads(raw) if raw else None
    except ValueError:
        served = None
    last = None
    try:
        last = json.loads((Path(db).parent / GATE_LAST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        last = None
    if last is not None and (
        last.get("decision") != "refused" or last.get("build") == Path(db).name
    ):
        last = None
    return served, last


#: Carrier groups a build is expected to hold (hydro is missing in many regions, so not here).
COVERAGE_GROUPS: dict[str, tuple[str, ...]] = {
    "wind": ("wind_onshore", "wind_offshore"),
    "pv": ("pv_ground", "pv_building", "pv_other"),
    "biomass": ("biomass",),
    "storage": ("storage",),
}
#: The office's lists, by their load-run source name.
OFFICE_LIST_SOURCES: tuple[str, ...] = (
    "office_wind_permits",
    "office_hydrogen_projects",
    "office_wind_areas",
)


def coverage(db: str) -> tuple[list[str], list[str], list[str]]:
    """What a build holds: loaded carrier groups, missing carrier groups, missing office lists.

    Groups are keys of :data:`COVERAGE_GROUPS`; lists are sources of
    :data:`OFFICE_LIST_SOURCES` without a load run in this build.
    """
    carriers = set(query(db, "SELECT DISTINCT carrier FROM core_mastr__units")["carrier"])
    loaded = [g for g, cs in COVERAGE_GROUPS.items() if carriers & set(cs)]
    missing = [g for g in COVERAGE_GROUPS if g not in loaded]
    sources = set(query(db, "SELECT DISTINCT source FROM meta_load_runs")["source"])
    lists = [s for s in OFFICE_LIST_SOURCES if s not in sources]
    return loaded, missing, lists
