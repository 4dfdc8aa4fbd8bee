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
