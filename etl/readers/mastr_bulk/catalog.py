"""The zip's own catalogue (``Katalogwerte.xml``): catalogue id -> value text."""

from __future__ import annotations

from typing import BinaryIO

from etl.readers.mastr_bulk.records import (
    MalformedRecordError,
    StreamState,
    parse_record,
    record_blocks,
)


def read_catalog(stream: BinaryIO) -> tuple[dict[str, str], list[str]]:
    """``Katalogwerte.xml`` as ``{Id: Wert}``, plus messages about skipped records."""
    catalog: dict[str, str] = {}
    issues: list[str] = []
    state = StreamState()
    n = 0
    for buf, end in record_blocks(stream, "Katalogwert", state, chunk_bytes=1 << 20):
        recs = buf[:end].split("</Katalogwert>")
        recs.pop()
        for rec_text in recs:
            n += 1
            try:
                rec = parse_record(rec_text, "Katalogwert")
            except MalformedRecordError as exc:
                issues.append(f"Katalogwert #{n}: {exc}")
                continue
            key = (rec.get("Id") or "").strip()
            if key:
                catalog[key] = (rec.get("Wert") or "").strip()
    return catalog, issues
