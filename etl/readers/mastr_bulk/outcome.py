"""What a worker hands back for one member, and how a record's problems and key are decided.

Shared by the block scanner (:mod:`.scan`) and the template path
(:mod:`.template`); imports neither pandas nor DuckDB.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from etl.readers.mastr_bulk.members import KEY, MemberKind, norm
from etl.region import REASON_AGS_REPAIRED, Region, parse_ags

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass
class MemberTask:
    """What a worker needs to read one member."""

    zip_path: str
    member: str
    kind_key: str
    region_prefix: str
    catalog: dict[str, str]
    wanted_ids: frozenset[str] | None = None  # storage plants: only these ids
    #: hand the columns over as Arrow arrays (a Germany build's workers split them)
    arrow_columns: bool = False
    data_offset: int | None = None  # sequential mode: local data start
    method: int | None = None
    compressed_size: int | None = None


@dataclass
class MemberResult:
    """Rows (raw text, column-wise) and problems of one member."""

    member: str
    kind_key: str
    records: int = 0  # records read, in region or not
    rows: int = 0  # records kept (in region, parsed)
    columns: dict[str, str] = field(default_factory=dict)  # name -> values joined by SEP
    #: the same columns as Arrow arrays instead (``MemberTask.arrow_columns``)
    arrays: dict[str, pa.Array] | None = None
    element_numbers: list[int] = field(default_factory=list)
    key_rejected: int = 0  # records rejected for their municipality key
    malformed: int = 0
    problems: list[dict[str, str | None]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    error: str | None = None
    refused: str | None = None
    bytes_read: int = 0
    replaced_chars: bool = False
    encoding_mismatch: tuple[str, str] | None = None  # (declared, actual)


def problem(
    row_ref: str | None,
    record_id: str | None,
    fld: str | None,
    reason: str,
    raw: str | None,
    action: str = "row_rejected",
) -> dict[str, str | None]:
    return {
        "row_ref": row_ref,
        "record_id": record_id,
        "field": fld,
        "reason": reason,
        "raw_value": None if raw is None else str(raw)[:500],
        "action": action,
    }


def _is_offshore(rec: dict[str, str], catalog: Mapping[str, str]) -> bool:
    code = (rec.get("WindAnLandOderAufSee") or rec.get("Lage") or "").strip()
    return "auf see" in norm(catalog.get(code))


def member_ref(row: str, number: int) -> str:
    """Reference of a record in its member: ``EinheitSolar #12`` (element number)."""
    return f"{row} #{number}"


def is_plain_key(key: str | None) -> bool:
    """Whether a municipality key is written as eight ASCII digits (decided as it is)."""
    return key is not None and len(key) == 8 and key.isascii() and key.isdigit()


def place_unit(
    rec: dict[str, str],
    kind: MemberKind,
    prefix: str,
    catalog: Mapping[str, str],
    number: int,
    res: MemberResult,
) -> bool:
    """Decide by the parsed municipality key whether a unit belongs to the region."""
    raw_key = rec.get(KEY)
    parsed = parse_ags(raw_key)
    if parsed.key is not None:
        rec[KEY] = parsed.key
        if parsed.repaired:
            res.problems.append(
                problem(
                    member_ref(kind.row, number),
                    rec.get("EinheitMastrNummer"),
                    "municipality_key",
                    REASON_AGS_REPAIRED,
                    raw_key,
                    "flagged",
                )
            )
        return Region(prefix).contains(parsed.key)
    key = raw_key.strip() if raw_key is not None else None
    if kind.key == "wind" and _is_offshore(rec, catalog):
        rec.pop(KEY, None)
        return not prefix  # offshore units have no key: kept for Germany only
    ref = member_ref(kind.row, number)
    uid = rec.get("EinheitMastrNummer")
    what = "missing" if not key else "malformed"
    if not prefix:
        rec.pop(KEY, None)
        res.problems.append(
            problem(
                ref,
                uid,
                "municipality_key",
                f"municipality key {what}: unit kept for Germany without a municipality",
                raw_key,
                "field_cleared" if key else "flagged",
            )
        )
        return True
    res.key_rejected += 1
    res.problems.append(
        problem(
            ref,
            uid,
            "municipality_key",
            f"municipality key {what}: the unit cannot be placed in a region and was not loaded",
            raw_key,
        )
    )
    return False
