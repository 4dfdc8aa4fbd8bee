"""Reading one member: scan the records, pre-filter the region, parse, collect findings.

Runs in a worker process or in the caller (see :mod:`.pool`). A block of
records whose municipality keys are all written in the plain form
``<Gemeindeschluessel>12345678</Gemeindeschluessel>`` is filtered by a
substring test on the region prefix; any record whose key is written in
another way (entities, CDATA, whitespace, attributes, comments, absent …) is
parsed in full and decided by :func:`etl.region.parse_ags` and
:class:`etl.region.Region`, so the filter is exact. A Germany build keeps
every record: its blocks are read by a template learned from the member's
element order (:mod:`.template`), record by record where it does not match.
Imports neither pandas nor DuckDB (a Germany build's workers import pyarrow to
hand their columns over as Arrow arrays): the worker processes stay small.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from itertools import compress, repeat
from typing import BinaryIO

from etl.readers.mastr_bulk.frames import split_columns
from etl.readers.mastr_bulk.inflate import InflatedMember, supported
from etl.readers.mastr_bulk.members import KEY, KINDS, PLANT_FIELDS, UNIT_FIELDS, MemberKind
from etl.readers.mastr_bulk.outcome import (
    MemberResult,
    MemberTask,
    is_plain_key,
    member_ref,
    place_unit,
    problem,
)
from etl.readers.mastr_bulk.records import (
    FIELD_RE,
    SEP,
    TAG_NAME_RE,
    MalformedRecordError,
    StreamState,
    UnsafeXmlError,
    parse_record,
    record_blocks,
)
from etl.readers.mastr_bulk.recovery import LocalMemberStream
from etl.readers.mastr_bulk.template import read_block, template_for

KEY_SIMPLE_RE = re.compile(r"<Gemeindeschluessel>([0-9]{8})</Gemeindeschluessel>")


_KEY_OR_END: dict[str, re.Pattern[str]] = {}


def _has_declaration(buf: str, end: int) -> bool:
    """Whether ``buf[:end]`` holds ``<!`` or ``<?`` (comment, CDATA, DTD, instruction)."""
    for mark in ("!", "?"):
        i = buf.find(mark, 0, end)
        while i >= 0:
            if i > 0 and buf[i - 1] == "<":
                return True
            i = buf.find(mark, i + 1, end)
    return False


def _fast_region_select(
    buf: str, end: int, row: str, prefix: str
) -> tuple[int, list[tuple[int, str]]] | None:
    """Region filter for a block whose keys are all plain; ``None`` when one is not.

    Returns the number of records and ``(index, record text)`` of those whose
    ``Gemeindeschluessel`` starts with ``prefix``. The block qualifies when it
    has no comment, CDATA, DTD or processing instruction and its records are
    exactly "one plain 8-digit key, then the record end" each (checked with one
    regular-expression pass), so a substring test on the key decides exactly.
    """
    pat = _KEY_OR_END.get(row)
    if pat is None:
        pat = _KEY_OR_END[row] = re.compile(
            rf"<(?:Gemeindeschluessel>([0-9]{{8}})</Gemeindeschluessel>|/{re.escape(row)}>)"
        )
    toks = pat.findall(buf, 0, end)
    keys = toks[0::2]
    n = len(keys)
    if len(toks) != 2 * n or "" in keys or toks[1::2].count("") != n:
        return None
    if _has_declaration(buf, end):
        return None
    end_tag = f"</{row}>"
    needle = f"<{KEY}>{prefix}"
    indices = list(compress(range(n), map(str.startswith, keys, repeat(prefix))))
    out: list[tuple[int, str]] = []
    pos = 0
    for i in indices:
        pos = buf.find(needle, pos, end)
        start = buf.rfind(end_tag, 0, pos)
        start = 0 if start < 0 else start + len(end_tag)
        stop = buf.find(end_tag, pos, end)
        out.append((i, buf[start:stop]))
        pos = stop
    return n, out


def _slow_region_select(recs: list[str], prefix: str) -> list[int]:
    """Record by record: plain keys decide at once, anything else is parsed in full."""
    out: list[int] = []
    for i, rec in enumerate(recs):
        if rec.count(KEY) == 2 and not _has_declaration(rec, len(rec)):
            m = KEY_SIMPLE_RE.search(rec)
            if m is not None:
                if m.group(1).startswith(prefix):
                    out.append(i)
                continue
        out.append(i)  # unusual form or no key: decided after full parsing
    return out


def scan_member(task: MemberTask, stream: BinaryIO | None = None) -> MemberResult:
    """Read one member: select the region's records, parse them, collect problems.

    Opens the member from ``task.zip_path`` unless ``stream`` is given. Never
    raises for bad content: refusals and damage are returned in the result.
    """
    kind = KINDS[task.kind_key]
    res = MemberResult(member=task.member, kind_key=kind.key)
    state = StreamState()
    try:
        if stream is not None:
            _scan_stream(stream, kind, task, res, state)
        elif task.data_offset is not None:
            with open(task.zip_path, "rb") as fh:
                local = LocalMemberStream(fh, task.data_offset, task.method, task.compressed_size)
                _scan_stream(local, kind, task, res, state)
        else:
            with zipfile.ZipFile(task.zip_path) as zf:
                info = zf.getinfo(task.member)
                if supported(info):
                    with open(task.zip_path, "rb") as fh:
                        _scan_stream(InflatedMember(fh, info), kind, task, res, state)
                else:
                    with zf.open(info) as raw:
                        _scan_stream(raw, kind, task, res, state)
    except UnsafeXmlError as exc:
        res.refused = str(exc)
        res.rows, res.columns, res.element_numbers = 0, {}, []
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, MalformedRecordError) as exc:
        res.error = f"{type(exc).__name__}: {exc}"
    res.bytes_read = state.bytes_read
    res.replaced_chars = state.replaced_chars
    res.encoding_mismatch = state.encoding_mismatch
    if task.arrow_columns and res.rows:
        # Splitting here takes it off the main process, which types the rows
        # in turn and is what a Germany build waits for.
        fields = PLANT_FIELDS if kind.is_plant else UNIT_FIELDS
        res.arrays = split_columns(res.columns, res.rows, fields)
        res.columns = {}
    return res


def _scan_stream(
    stream: BinaryIO, kind: MemberKind, task: MemberTask, res: MemberResult, state: StreamState
) -> None:
    row = kind.row
    fields = PLANT_FIELDS if kind.is_plant else UNIT_FIELDS
    parts: dict[str, list[str]] = {f: [] for f in fields}
    try:
        _scan_blocks(stream, kind, task, res, state, parts)
    finally:  # keep what was read before any damage
        res.columns = {f: SEP.join(p) for f, p in parts.items()}
    tail = state.trailing.strip()
    if f"<{row}" in tail:
        res.malformed += 1
        res.problems.append(
            problem(
                member_ref(row, res.records + 1),
                None,
                None,
                f"record skipped: the member ends inside the record (no </{row}>)",
                tail[:200],
            )
        )
        # The member is cut: every record after this point is missing.
        res.error = res.error or f"truncated member: it ends inside a record (no </{row}>)"


def _scan_blocks(
    stream: BinaryIO,
    kind: MemberKind,
    task: MemberTask,
    res: MemberResult,
    state: StreamState,
    parts: dict[str, list[str]],
) -> None:
    row = kind.row
    end_tag = f"</{row}>"
    fields = PLANT_FIELDS if kind.is_plant else UNIT_FIELDS
    nv_flags = {f + "_nv": f for f in fields}
    prefix = task.region_prefix
    catalog = task.catalog
    findall = FIELD_RE.findall
    row_start = re.compile(rf"\s*<{re.escape(row)}>").match
    template = template_for(kind, task, fields, nv_flags)
    first_block = True
    for buf, end in record_blocks(stream, row, state):
        base = res.records + 1
        if first_block:  # a sample of the element names for drift detection
            res.seen.update(TAG_NAME_RE.findall(buf, 0, end))
            res.seen.discard(row)
            first_block = False
            if template is not None:
                template.learn(buf, end, res.seen)
        if template is not None and template.active:
            if read_block(template, buf, end, kind, task, res, parts, nv_flags):
                continue
            learn_from = (buf, end)
        else:
            learn_from = None
        fast = None
        if prefix and not kind.is_plant:
            fast = _fast_region_select(buf, end, row, prefix)
        if fast is not None:
            res.records += fast[0]
            chosen = fast[1]
        else:
            recs = buf[:end].split(end_tag)
            recs.pop()  # text after the last end tag (empty)
            res.records += len(recs)
            if kind.is_plant:
                selected = _select_plants(buf, end, recs, task.wanted_ids)
            elif prefix:
                selected = _slow_region_select(recs, prefix)
            else:
                selected = range(len(recs))
            chosen = [(i, recs[i]) for i in selected]
        kept: list[dict[str, str]] = []
        numbers: list[int] = []
        for i, text in chosen:
            number = base + i
            try:
                # the common case of parse_record, inlined: plain children only
                pairs = findall(text)
                if (
                    text.count("<") == 2 * len(pairs) + 1
                    and "&" not in text
                    and row_start(text) is not None
                ):
                    rec = dict(pairs)
                else:
                    rec = parse_record(text, row)
            except MalformedRecordError as exc:
                res.malformed += 1
                res.problems.append(
                    problem(
                        member_ref(row, number),
                        None,
                        None,
                        f"record skipped: {exc}",
                        text.strip()[:200],
                    )
                )
                continue
            if kind.is_plant:
                plant = (rec.get("MaStRNummer") or "").strip()
                if task.wanted_ids is not None and plant not in task.wanted_ids:
                    continue
            else:
                key = rec.get(KEY)
                plain_key = is_plain_key(key)
                if not (plain_key and key.startswith(prefix)) and not (
                    not plain_key and place_unit(rec, kind, prefix, catalog, number, res)
                ):
                    continue
            kept.append(rec)
            numbers.append(number)
        names = set().union(*kept)
        res.seen.update(names)
        if learn_from is not None and template is not None:
            template.learn(*learn_from, res.seen)  # the order of a block it did not match
        if not kept:
            continue
        for nv in names.intersection(nv_flags):  # `…_nv` = 1: value not available
            for rec in kept:
                if rec.get(nv, "").strip() == "1":
                    rec.pop(nv_flags[nv], None)
        for old, new in kind.renamed.items():
            if old in names:
                for rec in kept:
                    if old in rec and new not in rec:
                        rec[new] = rec[old]
        for f in fields:
            parts[f].append(SEP.join(map(dict.get, kept, repeat(f), repeat(""))))
        res.element_numbers.extend(numbers)
        res.rows += len(kept)


def _select_plants(
    buf: str, end: int, recs: list[str], wanted: frozenset[str] | None
) -> list[int] | range:
    n = len(recs)
    if wanted is None:
        return range(n)
    if not wanted:
        return []
    ids = _PLANT_ID_RE.findall(buf, 0, end)
    plain = len(ids) == n and buf.count("MaStRNummer", 0, end) == 2 * n
    if plain and not _has_declaration(buf, end):
        return [i for i, v in enumerate(ids) if v in wanted]
    return range(n)  # unusual form: parse all, filter after parsing


_PLANT_ID_RE = re.compile(r"<MaStRNummer>([^<]*)</MaStRNummer>")
