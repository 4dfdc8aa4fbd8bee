"""A member's plain records matched whole by one regular expression (a Germany build).

The export writes each record's elements in one order (that of the XSD),
though the XSD allows any order. The order is learned from the member's own
records, and one pattern per member then matches a whole plain record and
captures the elements the reader uses: a block of records becomes a list of
tuples in C, without a Python step per element. A record the pattern does not
match (another order, an unknown or repeated element, attributes, comments,
CDATA …) sends its whole block to the record-by-record path of
:mod:`.scan`, which decides as before; the block also
teaches the pattern its order. A matched record gives exactly what that path
gives: the pattern accepts only the records that path reads with its plain
regular expression, and records holding ``&`` are parsed by it anyway.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Collection
from itertools import pairwise

from etl.readers.mastr_bulk.members import KEY, MemberKind
from etl.readers.mastr_bulk.outcome import (
    MemberResult,
    MemberTask,
    is_plain_key,
    member_ref,
    place_unit,
    problem,
)
from etl.readers.mastr_bulk.records import (
    SEP,
    TAG_NAME_RE,
    MalformedRecordError,
    parse_record,
)

#: After this many blocks it could not match, a member is read record by record.
MAX_MISSES = 16

Row = tuple[str | None, ...]


class RecordTemplate:
    """The learned element order of one member and the pattern built from it."""

    def __init__(self, row: str, capture: Collection[str]) -> None:
        self.row = row
        self.capture = frozenset(capture)
        #: captured element names, in the order of the groups of a matched row
        self.fields: tuple[str, ...] = ()
        self.misses = 0
        self._after: dict[str, set[str]] = {}  # element -> elements seen right after it
        self._first: dict[str, int] = {}  # element -> rank of its first appearance
        self._pattern: re.Pattern[str] | None = None

    @property
    def active(self) -> bool:
        """Whether blocks are still tried with the pattern."""
        return self._pattern is not None and self.misses < MAX_MISSES

    def learn(self, buf: str, end: int, names: Collection[str]) -> None:
        """Add the element order of the records in ``buf[:end]`` and rebuild the pattern.

        Only elements in ``names`` (those the member's records were read with)
        enter the pattern; a record with any other element is not matched. A
        record whose order contradicts the records learned before (a repeated
        element contradicts itself) teaches nothing: it is left to the slow path.
        """
        row = self.row
        changed = False
        record: list[str] = []
        for name in [*TAG_NAME_RE.findall(buf, 0, end), row]:
            if name == row:
                changed |= self._learn_record(record)
                record = []
            elif name in names:
                record.append(name)
        if changed or self._pattern is None:
            self._rebuild()

    def _learn_record(self, record: list[str]) -> bool:
        """Add one record's order unless it contradicts; whether anything was added."""
        if not record:
            return False
        new_names = list(dict.fromkeys(n for n in record if n not in self._first))
        new_edges = [(a, b) for a, b in pairwise(record) if b not in self._after.get(a, ())]
        if not new_names and not new_edges:
            return False
        for name in new_names:
            self._first[name] = len(self._first)
            self._after[name] = set()
        for a, b in new_edges:
            self._after[a].add(b)
        if _topological(self._after, self._first) is not None:
            return True
        for a, b in new_edges:  # a contradiction: forget this record
            self._after[a].discard(b)
        for name in new_names:
            del self._first[name], self._after[name]
        return False

    def _rebuild(self) -> None:
        order = _topological(self._after, self._first) or []
        row = re.escape(self.row)
        parts = [rf"\s*+<{row}>[^<]*+"]
        fields = []
        for name in order:
            tag = re.escape(name)
            if name in self.capture:
                parts.append(rf"(?:<{tag}>([^<]*+)</{tag}>[^<]*+)?+")
                fields.append(name)
            else:
                parts.append(rf"(?:<{tag}>[^<]*+</{tag}>[^<]*+)?+")
        parts.append(rf"</{row}>")
        self._pattern = re.compile("".join(parts))
        self.fields = tuple(fields)

    def match(self, buf: str, end: int) -> tuple[list[Row], dict[int, tuple[int, int]]] | None:
        """Rows of the records in ``buf[:end]``, or ``None`` when one record does not match.

        A row holds the captured elements' text in :attr:`fields` order (``None``:
        absent). Also returns ``{row index: (start, end)}`` of the records holding
        ``&`` (entities), which the caller parses record by record.
        """
        pattern = self._pattern
        if pattern is None:
            return None
        match = pattern.match
        rows: list[Row] = []
        append = rows.append
        amp: dict[int, tuple[int, int]] = {}
        pos = 0
        if buf.find("&", 0, end) < 0:
            while pos < end:
                m = match(buf, pos, end)
                if m is None:
                    self.misses += 1
                    return None
                append(m.groups())
                pos = m.end()
            return rows, amp
        find = buf.find
        while pos < end:
            m = match(buf, pos, end)
            if m is None:
                self.misses += 1
                return None
            stop = m.end()
            if find("&", pos, stop) >= 0:
                amp[len(rows)] = (pos, stop)
            append(m.groups())
            pos = stop
        return rows, amp


def _topological(after: dict[str, set[str]], first: dict[str, int]) -> list[str] | None:
    """The elements in an order all records keep (ties: first appearance); ``None``: none."""
    indegree = dict.fromkeys(after, 0)
    for successors in after.values():
        for name in successors:
            indegree[name] += 1
    ready = [(first[n], n) for n, d in indegree.items() if d == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, name = heapq.heappop(ready)
        order.append(name)
        for nxt in after[name]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                heapq.heappush(ready, (first[nxt], nxt))
    return order if len(order) == len(after) else None


def template_for(
    kind: MemberKind, task: MemberTask, fields: tuple[str, ...], nv_flags: dict[str, str]
) -> RecordTemplate | None:
    """A template when every record of the member is kept (a Germany build), else ``None``."""
    region = bool(task.region_prefix) and not kind.is_plant
    if region or (kind.is_plant and task.wanted_ids is not None):
        return None  # a region's few records are parsed one by one
    renamed = [*kind.renamed, *kind.renamed.values()]
    return RecordTemplate(kind.row, {*fields, *nv_flags, *renamed})


def read_block(
    template: RecordTemplate,
    buf: str,
    end: int,
    kind: MemberKind,
    task: MemberTask,
    res: MemberResult,
    parts: dict[str, list[str]],
    nv_flags: dict[str, str],
) -> bool:
    """Read a block with the member's template; ``False`` (nothing done) when a record misses.

    Gives what the record-by-record path gives for the same block: records
    holding ``&`` are parsed by :func:`parse_record`, unplain municipality keys
    are decided by :func:`.outcome.place_unit`, ``…_nv`` flags and old names are applied.
    """
    got = template.match(buf, end)
    if got is None:
        return False
    rows, amp = got
    row = kind.row
    base = res.records + 1
    res.records += len(rows)
    fields = template.fields
    special = set(amp)
    if not kind.is_plant:
        at = fields.index(KEY) if KEY in fields else None
        special.update(i for i, r in enumerate(rows) if at is None or not is_plain_key(r[at]))
    dropped = set()
    for i in sorted(special):
        number = base + i
        if i in amp:
            start, stop = amp[i]
            text = buf[start : stop - len(row) - 3]  # without the end tag
            try:
                rec = parse_record(text, row)
            except MalformedRecordError as exc:
                res.malformed += 1
                reason = f"record skipped: {exc}"
                ref = member_ref(row, number)
                res.problems.append(problem(ref, None, None, reason, text.strip()[:200]))
                dropped.add(i)
                continue
        else:
            rec = {f: v for f, v in zip(fields, rows[i], strict=True) if v is not None}
        if not kind.is_plant:
            prefix, catalog = task.region_prefix, task.catalog
            if not is_plain_key(rec.get(KEY)) and not place_unit(
                rec, kind, prefix, catalog, number, res
            ):
                dropped.add(i)
                continue
        rows[i] = tuple(map(rec.get, fields))
    numbers = [base + i for i in range(len(rows)) if i not in dropped]
    if dropped:
        rows = [r for i, r in enumerate(rows) if i not in dropped]
    if not rows:
        return True
    columns = dict(zip(fields, map(list, zip(*rows, strict=True)), strict=True))
    present = {f for f, col in columns.items() if col.count(None) != len(col)}
    for nv in present.intersection(nv_flags):  # `…_nv` = 1: value not available
        target = columns.get(nv_flags[nv])
        if target is not None:
            for j, flag in enumerate(columns[nv]):
                if flag is not None and flag.strip() == "1":
                    target[j] = None
    for old, new in kind.renamed.items():
        if old in present:
            target = columns.setdefault(new, [None] * len(rows))
            for j, value in enumerate(columns[old]):
                if value is not None and target[j] is None:
                    target[j] = value
    for f in parts:
        col = columns.get(f)
        if col is None:
            parts[f].append(SEP * (len(rows) - 1))
        else:
            parts[f].append(SEP.join([v or "" for v in col] if None in col else col))
    res.element_numbers.extend(numbers)
    res.rows += len(rows)
    return True
