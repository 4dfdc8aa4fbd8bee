"""The publish gate: a new build replaces the served one only if it is not clearly worse.

Called by :func:`etl.build.build_database` after validation and before the
pointer swap. It compares the new build with the served one:

- units and MW (gross) per carrier × status,
- the number of municipalities with units,
- the data date.

The build is refused when a carrier × status group loses more than the
threshold (default 5 %, ``EZ_GATE_THRESHOLD`` or ``--gate-threshold``) of its
units or MW, a carrier disappears, the number of municipalities with units
drops by more than the threshold, or the data date goes backwards. The first
build (nothing served), demo builds, builds over a demo build and builds of
another region pass. ``--accept-changes "reason"`` publishes a refused build
and records the reason.

The decision is stored in the new build's ``meta_build`` (keys ``gate_*``) and,
for every run that reaches the gate, in ``<processed>/gate-last.json``; a
refused build is moved to ``<processed>/refused/`` for inspection.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

#: Default share of units or MW a carrier × status group may lose.
DEFAULT_THRESHOLD = 0.05
LAST_DECISION_NAME = "gate-last.json"
REFUSED_DIR = "refused"
#: Refused builds kept for inspection (older ones are deleted).
KEEP_REFUSED = 3


@dataclass
class Snapshot:
    """What the gate compares of one build."""

    groups: dict[tuple[str, str], tuple[int, float]]  # (carrier, status) -> (units, MW)
    municipalities: int
    data_date: str | None
    is_demo: bool
    region_prefix: str | None
    build: str


@dataclass
class GateRow:
    """One line of the comparison table."""

    item: str
    old: str
    new: str
    change: str
    refused: bool = False


@dataclass
class GateDecision:
    """The gate's verdict on a new build."""

    decision: str  # passed | refused | accepted | first_build | demo | not_compared
    reasons: list[str] = field(default_factory=list)
    rows: list[GateRow] = field(default_factory=list)
    compared_with: str | None = None
    accepted_reason: str | None = None
    threshold: float = DEFAULT_THRESHOLD
    build: str | None = None
    decided_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def publishes(self) -> bool:
        """Whether the build may be published."""
        return self.decision != "refused"

    def table(self) -> str:
        """The comparison as a plain-text table (printed when a build is refused)."""
        if not self.rows:
            return ""
        head = ("carrier × status / item", "served", "new", "change", "")
        lines = [head] + [
            (r.item, r.old, r.new, r.change, "REFUSED" if r.refused else "") for r in self.rows
        ]
        widths = [max(len(line[i]) for line in lines) for i in range(5)]
        out = []
        for n, line in enumerate(lines):
            cells = [line[0].ljust(widths[0])]
            cells += [c.rjust(w) for c, w in zip(line[1:4], widths[1:4], strict=True)]
            out.append("  ".join(cells) + ("  " + line[4] if line[4] else ""))
            if n == 0:
                out.append("  ".join("-" * w for w in widths[:4]))
        return "\n".join(out)

    def to_json(self) -> str:
        """The decision as JSON (``gate-last.json`` and ``meta_build``)."""
        return json.dumps(asdict(self), ensure_ascii=False)


def snapshot(con: duckdb.DuckDBPyConnection, build: str) -> Snapshot:
    """The gate's figures of an open build database."""
    groups = {
        (str(c), str(s)): (int(n), float(mw or 0.0))
        for c, s, n, mw in con.execute(
            "SELECT carrier, status, count(*), sum(gross_capacity_kw) / 1000.0 "
            "FROM core_mastr__units GROUP BY ALL"
        ).fetchall()
    }
    (munis,) = con.execute(
        "SELECT count(DISTINCT municipality_key) FROM core_mastr__units"
    ).fetchone()
    meta = dict(con.execute("SELECT key, value FROM meta_build").fetchall())
    return Snapshot(
        groups=groups,
        municipalities=int(munis),
        data_date=meta.get("data_date"),
        is_demo=meta.get("is_demo") == "True",
        region_prefix=meta.get("region_prefix"),
        build=build,
    )


def served_snapshot(processed_dir: Path) -> Snapshot | None:
    """The served build's snapshot, or ``None`` when nothing is served (or it cannot be read)."""
    from etl import publish

    path = publish.served_database(processed_dir)
    if path is None:
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        return snapshot(con, path.name)
    except duckdb.Error:
        return None
    finally:
        con.close()


def _pct(old: float, new: float) -> str:
    if old == 0:
        return "new" if new else "±0"
    return f"{(new - old) / old * 100:+.1f} %"


def _loses(old: float, new: float, threshold: float) -> bool:
    return old > 0 and (old - new) / old > threshold + 1e-12


def compare(new: Snapshot, old: Snapshot, threshold: float) -> GateDecision:
    """Compare two builds; ``refused`` when the new one loses more than ``threshold``."""
    decision = GateDecision("passed", compared_with=old.build, threshold=threshold, build=new.build)
    for key in sorted(set(old.groups) | set(new.groups)):
        ou, omw = old.groups.get(key, (0, 0.0))
        nu, nmw = new.groups.get(key, (0, 0.0))
        lost = _loses(ou, nu, threshold) or _loses(omw, nmw, threshold)
        name = f"{key[0]} × {key[1]}"
        decision.rows.append(GateRow(f"{name}: units", f"{ou:,}", f"{nu:,}", _pct(ou, nu), lost))
        decision.rows.append(
            GateRow(f"{name}: MW", f"{omw:,.1f}", f"{nmw:,.1f}", _pct(omw, nmw), lost)
        )
        if lost:
            decision.reasons.append(
                f"{name} loses more than {threshold:.0%}: {ou:,} → {nu:,} units, "
                f"{omw:,.1f} → {nmw:,.1f} MW"
            )
    old_carriers = {c for c, _ in old.groups}
    new_carriers = {c for c, _ in new.groups}
    for carrier in sorted(old_carriers - new_carriers):
        decision.reasons.append(f"carrier {carrier} disappears")
    lost = _loses(old.municipalities, new.municipalities, threshold)
    decision.rows.append(
        GateRow(
            "municipalities with units",
            str(old.municipalities),
            str(new.municipalities),
            _pct(old.municipalities, new.municipalities),
            lost,
        )
    )
    if lost:
        decision.reasons.append(
            f"municipalities with units drop from {old.municipalities} to {new.municipalities}"
        )
    backwards = bool(old.data_date and new.data_date and new.data_date < old.data_date)
    decision.rows.append(
        GateRow("data date", old.data_date or "–", new.data_date or "–", "", backwards)
    )
    if backwards:
        decision.reasons.append(f"data date goes backwards: {old.data_date} → {new.data_date}")
    if decision.reasons:
        decision.decision = "refused"
    return decision


def evaluate(
    new: Snapshot,
    old: Snapshot | None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    accept_changes: str | None = None,
) -> GateDecision:
    """The gate's decision for ``new`` against the served ``old`` (``None``: nothing served)."""
    if old is None:
        return GateDecision("first_build", threshold=threshold, build=new.build)
    if new.is_demo:
        return GateDecision("demo", compared_with=old.build, threshold=threshold, build=new.build)
    if old.is_demo or old.region_prefix != new.region_prefix:
        why = "served build is demo data" if old.is_demo else "served build is another region"
        return GateDecision(
            "not_compared", [why], compared_with=old.build, threshold=threshold, build=new.build
        )
    decision = compare(new, old, threshold)
    if decision.decision == "refused" and accept_changes:
        decision.decision = "accepted"
        decision.accepted_reason = accept_changes
    elif accept_changes:
        decision.accepted_reason = accept_changes
    return decision


def record(con: duckdb.DuckDBPyConnection, decision: GateDecision) -> None:
    """Store the decision in the build's ``meta_build`` (keys ``gate_*``)."""
    facts = {
        "gate_decision": decision.decision,
        "gate_reasons": "; ".join(decision.reasons) or None,
        "gate_compared_with": decision.compared_with,
        "gate_accepted_reason": decision.accepted_reason,
        "gate_json": decision.to_json(),
    }
    for key, value in facts.items():
        con.execute("INSERT OR REPLACE INTO meta_build VALUES (?, ?)", [key, value])


def write_last(processed_dir: Path, decision: GateDecision) -> None:
    """Write ``gate-last.json`` atomically (the dashboard shows the last decision)."""
    processed_dir.mkdir(parents=True, exist_ok=True)
    target = processed_dir / LAST_DECISION_NAME
    tmp = processed_dir / f".{LAST_DECISION_NAME}.{os.getpid()}.tmp"
    tmp.write_text(decision.to_json() + "\n", encoding="utf-8")
    os.replace(tmp, target)


def read_last(processed_dir: Path) -> GateDecision | None:
    """The last decision written by :func:`write_last`, if any."""
    try:
        data = json.loads((processed_dir / LAST_DECISION_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rows = [GateRow(**r) for r in data.pop("rows", [])]
    return GateDecision(rows=rows, **data)


def keep_aside(processed_dir: Path, build_path: Path, name: str | None = None) -> Path:
    """Move a refused build to ``refused/`` (never served, never pruned with the builds),
    as ``name`` (default: its own name; a partial file gets its build's name)."""
    folder = processed_dir / REFUSED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or build_path.name)
    os.replace(build_path, target)
    build_path.with_name(build_path.name + ".wal").unlink(missing_ok=True)
    kept = sorted(folder.glob("*.duckdb"))
    for old in kept[: max(0, len(kept) - KEEP_REFUSED)]:
        old.unlink(missing_ok=True)
    return target
