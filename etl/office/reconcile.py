"""Reconcile the permit list with the MaStR, and count the pipeline once.

Matching, in this order (each MaStR unit belongs to at most one entry):

1. ``mastr_unit_id``: the entry names the unit's MaStR number (SEE…).
2. ``mastr_permit_id``: the entry names a permit number (SGE…) that the unit
   carries (``permit_id_mastr``).
3. ``municipality_capacity_date``: entries that name no MaStR number are
   matched to a group of unmatched wind units in the same municipality (same
   wind park name, status and year of (planned) commissioning) whose capacity
   is within 10 % of the entry (25 % if the number of turbines is equal) and
   whose date is within 24 months of the entry's (when both are known).

Entries the list marks withdrawn or rejected are matched too (step 3 only
against planned units): the list wins over a stale MaStR "In Planung".

Findings (``out_permit_reconciliation``) say where the sources disagree; the
pipeline (``out_wind_pipeline``) counts every MaStR planned wind unit once —
except units matched to a withdrawn or rejected entry, which stay listed with
0 MW counted — and adds each applied, approved or under-construction list
entry (matched or not) only with the capacity its matched MaStR units do not
already cover, so a project in both sources is counted once, with the larger
of its two capacities. A list entry's repowering (``replaced_capacity_mw``)
is carried as ``replaced_mw``: gross = sum(counted_mw), net = gross minus
sum(replaced_mw).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from etl.office.durations import stage_durations
from etl.schema.codes import PIPELINE_STATUSES

#: Capacity difference (MW and share) above which list and MaStR "differ".
CAPACITY_TOLERANCE_MW = 0.5
CAPACITY_TOLERANCE_SHARE = 0.05
#: Heuristic matching: capacity tolerance, with equal turbine count, and date window.
MATCH_CAPACITY_SHARE = 0.10
MATCH_CAPACITY_SHARE_SAME_COUNT = 0.25
MATCH_MAX_MONTHS = 24

_ACTIVE_LIST = ("applied", "approved", "under_construction")
#: List statuses that take a project out of the pipeline whatever the MaStR says.
CLOSED_LIST = ("rejected", "withdrawn")


def _units(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        """
        SELECT unit_id_mastr, status, gross_capacity_kw, municipality_key, municipality_name,
               wind_park_name, permit_id_mastr, commissioning_date, planned_commissioning_date
        FROM core_mastr__units WHERE carrier = 'wind_onshore'
        """
    ).df()


def _permits(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT * FROM core_office__wind_permits ORDER BY procedure_id").df()


def _split(s: object) -> list[str]:
    if s is None or (isinstance(s, float) and pd.isna(s)) or s is pd.NA:
        return []
    return [x for x in str(s).split(",") if x]


def _months_between(a: object, b: object) -> float | None:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return None
    a, b = pd.Timestamp(a), pd.Timestamp(b)
    return abs((a - b).days) / 30.44


def _match(procedure_id: object, unit_id: str, method: str) -> dict:
    return {"procedure_id": procedure_id, "unit_id_mastr": unit_id, "match_method": method}


def _matches_by_number(permits: pd.DataFrame, units: pd.DataFrame, used: set[str]) -> list[dict]:
    """Matches by the MaStR unit numbers, then by the permit numbers the entries name."""
    rows: list[dict] = []
    by_id = units.set_index("unit_id_mastr", drop=False)
    for p in permits.itertuples():
        for uid in _split(p.unit_ids_mastr):
            if uid in by_id.index and uid not in used:
                rows.append(_match(p.procedure_id, uid, "mastr_unit_id"))
                used.add(uid)
    for p in permits.itertuples():
        gens = set(_split(p.permit_ids_mastr))
        if not gens:
            continue
        hit = units[units["permit_id_mastr"].isin(gens) & ~units["unit_id_mastr"].isin(used)]
        for uid in hit["unit_id_mastr"]:
            rows.append(_match(p.procedure_id, uid, "mastr_permit_id"))
            used.add(uid)
    return rows


def _unit_groups(units: pd.DataFrame, used: set[str]) -> list[dict]:
    """Unmatched, not shut-down units grouped by municipality, park, status and year."""
    free = units[
        ~units["unit_id_mastr"].isin(used) & units["status"].ne("permanently_shut_down")
    ].copy()
    free["_date"] = free["commissioning_date"].fillna(free["planned_commissioning_date"])
    free["_year"] = pd.to_datetime(free["_date"]).dt.year.fillna(0).astype(int)
    free["_park"] = free["wind_park_name"].fillna("")
    groups = []
    for (muni, park, status, year), g in free.groupby(
        ["municipality_key", "_park", "status", "_year"], dropna=False
    ):
        groups.append(
            {
                "municipality_key": muni,
                "park": park,
                "status": status,
                "year": year,
                "mw": g["gross_capacity_kw"].sum() / 1000,
                "n": len(g),
                "date": g["_date"].dropna().min() if g["_date"].notna().any() else None,
                "ids": list(g["unit_id_mastr"]),
            }
        )
    return groups


def _best_group(p, groups: list[dict], candidates: list[int], taken: set[int]) -> int | None:
    """The group of units that fits entry ``p`` best (capacity, count, date), else ``None``.

    A withdrawn or rejected entry only takes a group of planned units.
    """
    entry_date = (
        p.commissioning_date if pd.notna(p.commissioning_date) else p.expected_commissioning_date
    )
    best: tuple[float, int] | None = None
    for gi in candidates:
        g = groups[gi]
        if gi in taken or g["mw"] <= 0:
            continue
        if p.status in CLOSED_LIST and g["status"] != "planned":
            continue
        rel = abs(g["mw"] - p.capacity_mw) / p.capacity_mw
        same_count = g["n"] == p.turbine_count
        limit = MATCH_CAPACITY_SHARE_SAME_COUNT if same_count else MATCH_CAPACITY_SHARE
        if rel > limit:
            continue
        months = _months_between(entry_date, g["date"])
        if months is not None and months > MATCH_MAX_MONTHS:
            continue
        score = rel + (months or 0) / 120 + (0 if same_count else 0.05)
        if best is None or score < best[0]:
            best = (score, gi)
    return None if best is None else best[1]


def _matches_by_heuristic(permits: pd.DataFrame, units: pd.DataFrame, used: set[str]) -> list[dict]:
    """Matches for entries that name no MaStR number: municipality, capacity and date."""
    rows: list[dict] = []
    unnamed = permits[permits["unit_ids_mastr"].isna() & permits["permit_ids_mastr"].isna()]
    if unnamed.empty:
        return rows
    # Only the entries' municipalities can match: grouping every unit of a
    # Germany-wide build for a district's list took seconds.
    near = units[units["municipality_key"].isin(unnamed["municipality_key"].dropna())]
    groups = _unit_groups(near, used)
    taken: set[int] = set()
    by_muni: dict[object, list[int]] = {}
    for gi, g in enumerate(groups):
        by_muni.setdefault(g["municipality_key"], []).append(gi)
    # Live entries first: a closed entry never takes units a live one fits.
    live = unnamed[unnamed["status"].isin([*_ACTIVE_LIST, "operating"])]
    closed = unnamed[unnamed["status"].isin(CLOSED_LIST)]
    candidates = pd.concat(
        [
            live.sort_values("capacity_mw", ascending=False),
            closed.sort_values("capacity_mw", ascending=False),
        ]
    )
    for p in candidates.itertuples():
        gi = _best_group(p, groups, by_muni.get(p.municipality_key, []), taken)
        if gi is not None:
            taken.add(gi)
            for uid in groups[gi]["ids"]:
                rows.append(_match(p.procedure_id, uid, "municipality_capacity_date"))
    return rows


def match_permits(permits: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Pair list entries with MaStR wind units (see module docstring)."""
    used: set[str] = set()
    rows = _matches_by_number(permits, units, used)
    rows += _matches_by_heuristic(permits, units, used)
    out = pd.DataFrame(rows, columns=["procedure_id", "unit_id_mastr", "match_method"])
    unit_info = units.set_index("unit_id_mastr")[["status", "gross_capacity_kw"]]
    out = out.join(unit_info, on="unit_id_mastr").rename(
        columns={"status": "unit_status", "gross_capacity_kw": "unit_capacity_kw"}
    )
    return out


def _finding(kind: str, detail: str, **kw: object) -> dict:
    return {"finding": kind, "detail": detail, **kw}


_FINDING_COLUMNS = [
    "finding",
    "procedure_id",
    "project_name",
    "unit_ids_mastr",
    "municipality_key",
    "municipality_name",
    "list_status",
    "mastr_status",
    "list_capacity_mw",
    "mastr_capacity_mw",
    "list_turbines",
    "mastr_turbines",
    "detail",
]


def _entry_findings(p, m: pd.DataFrame, unit_ids: set[str]) -> list[dict]:
    """Findings for one list entry ``p`` and its matched MaStR units ``m``."""
    out: list[dict] = []
    base = {
        "procedure_id": p.procedure_id,
        "project_name": p.project_name,
        "municipality_key": p.municipality_key,
        "municipality_name": p.municipality_name,
        "list_status": p.status,
        "list_capacity_mw": p.capacity_mw,
        "list_turbines": p.turbine_count,
    }
    missing = [u for u in _split(p.unit_ids_mastr) if u not in unit_ids]
    if missing:
        out.append(
            _finding(
                "mastr_id_not_found",
                f"{len(missing)} MaStR number(s) of the list are not wind units of the region "
                "in the MaStR extract",
                unit_ids_mastr=",".join(missing),
                **base,
            )
        )
    if m.empty:
        if p.status in ("under_construction", "operating"):
            out.append(
                _finding(
                    "no_mastr_match",
                    f"{p.status.replace('_', ' ')} in the list, but no matching wind unit "
                    "in the MaStR (not registered?)",
                    **base,
                )
            )
        return out
    mw = m["unit_capacity_kw"].sum() / 1000
    n = len(m)
    statuses = m["unit_status"].value_counts()
    both = {
        **base,
        "unit_ids_mastr": ",".join(m["unit_id_mastr"]),
        "mastr_capacity_mw": mw,
        "mastr_turbines": n,
        "mastr_status": statuses.index[0],
    }
    out += _status_findings(p, statuses, n, both)
    diff = mw - p.capacity_mw
    if abs(diff) > max(CAPACITY_TOLERANCE_MW, CAPACITY_TOLERANCE_SHARE * p.capacity_mw):
        out.append(
            _finding(
                "capacity_differs",
                f"capacity {p.capacity_mw:.1f} MW in the list, {mw:.1f} MW in the MaStR "
                f"({diff:+.1f} MW)",
                **both,
            )
        )
    elif n != p.turbine_count:
        out.append(
            _finding(
                "turbine_count_differs",
                f"{p.turbine_count} turbines in the list, {n} unit(s) in the MaStR",
                **both,
            )
        )
    return out


def _status_findings(p, statuses: pd.Series, n: int, both: dict) -> list[dict]:
    """Findings where the entry's status and its units' MaStR statuses disagree."""
    out: list[dict] = []
    n_op = int(statuses.get("operating", 0))
    n_planned = int(statuses.get("planned", 0))
    if p.status in _ACTIVE_LIST and n_op:
        out.append(
            _finding(
                "list_permitted_mastr_operating",
                f"{p.status} in the list, but {n_op} of {n} unit(s) already operating in the MaStR",
                **{**both, "mastr_status": "operating"},
            )
        )
    if p.status == "operating" and n_planned:
        out.append(
            _finding(
                "list_operating_mastr_planned",
                f"operating in the list, but {n_planned} of {n} unit(s) still planned in the MaStR",
                **{**both, "mastr_status": "planned"},
            )
        )
    if p.status in CLOSED_LIST and (n_op or n_planned):
        removed = " (planned units not counted in the pipeline)" if n_planned else ""
        out.append(
            _finding(
                "list_closed_mastr_active",
                f"{p.status} in the list, but {n_op + n_planned} unit(s) planned or operating "
                f"in the MaStR{removed}",
                **both,
            )
        )
    return out


def _unlisted_findings(
    permits: pd.DataFrame, units: pd.DataFrame, matches: pd.DataFrame
) -> list[dict]:
    """MaStR units no list entry covers: planned, or commissioned since the list began."""
    out: list[dict] = []
    matched = set(matches["unit_id_mastr"])
    coverage_start = permits["application_date"].dropna().min() if len(permits) else None
    free = units[~units["unit_id_mastr"].isin(matched)].copy()
    relevant = free["status"].eq("planned")
    if coverage_start is not None and pd.notna(coverage_start):
        relevant |= free["status"].eq("operating") & (
            pd.to_datetime(free["commissioning_date"]) >= pd.Timestamp(coverage_start)
        )
    free = free[relevant]
    free["_park"] = free["wind_park_name"].fillna("")
    # One aggregation, not a Python step per group: all of Germany has thousands.
    groups = free.groupby(["municipality_key", "_park", "status"], dropna=False).agg(
        turbines=("unit_id_mastr", "size"),
        kw=("gross_capacity_kw", "sum"),
        ids=("unit_id_mastr", ",".join),
        name=("municipality_name", lambda names: names.iloc[0]),
    )
    for (muni, park, status), turbines, kw, ids, name in zip(
        groups.index, groups["turbines"], groups["kw"], groups["ids"], groups["name"], strict=True
    ):
        mw = kw / 1000
        what = "planned" if status == "planned" else "operating (commissioned since the list began)"
        out.append(
            _finding(
                "mastr_missing_from_list",
                f"{turbines} wind unit(s) {what} in the MaStR, {mw:.1f} MW, not in the list",
                project_name=park or None,
                unit_ids_mastr=ids,
                municipality_key=muni,
                municipality_name=name,
                mastr_status=status,
                mastr_capacity_mw=mw,
                mastr_turbines=turbines,
            )
        )
    return out


def find_disagreements(
    permits: pd.DataFrame, units: pd.DataFrame, matches: pd.DataFrame
) -> pd.DataFrame:
    """Where the list and the MaStR disagree (one row per finding)."""
    out: list[dict] = []
    unit_ids = set(units["unit_id_mastr"])
    for p in permits.itertuples():
        m = matches[matches["procedure_id"] == p.procedure_id]
        out += _entry_findings(p, m, unit_ids)
    out += _unlisted_findings(permits, units, matches)
    return pd.DataFrame(out, columns=_FINDING_COLUMNS)


_PIPELINE_COLUMNS = [
    "item_type",
    "item_id",
    "procedure_id",
    "project_name",
    "municipality_key",
    "stage",
    "turbine_count",
    "capacity_mw",
    "counted_mw",
    "replaced_mw",
    "note",
]


def _mastr_items(permits: pd.DataFrame, units: pd.DataFrame, matches: pd.DataFrame) -> list[dict]:
    """One item per MaStR planned wind unit; 0 MW counted when its entry is closed."""
    status_of = permits.set_index("procedure_id")["status"].to_dict()
    name_of = permits.set_index("procedure_id")["project_name"].to_dict()
    entry_of = dict(zip(matches["unit_id_mastr"], matches["procedure_id"], strict=True))
    items: list[dict] = []
    for u in units[units["status"] == "planned"].itertuples():
        pid = entry_of.get(u.unit_id_mastr)
        st = status_of.get(pid) if pid else None
        mw = (u.gross_capacity_kw or 0) / 1000
        closed = st in CLOSED_LIST
        if closed:
            note = f"planned in the MaStR, but {st} in the list ({pid}): not counted"
        else:
            note = "planned in the MaStR" + (f", listed as {pid}" if pid else ", not in the list")
        items.append(
            {
                "item_type": "mastr_unit",
                "item_id": u.unit_id_mastr,
                "procedure_id": pid,
                "project_name": name_of.get(pid) if pid else u.wind_park_name,
                "municipality_key": u.municipality_key,
                "stage": st if st in _ACTIVE_LIST else "approved",
                "turbine_count": 0 if closed else 1,
                "capacity_mw": mw,
                "counted_mw": 0.0 if closed else mw,
                "replaced_mw": 0.0,
                "note": note,
            }
        )
    return items


def _replaced_mw(p) -> float:
    """MW the entry's project dismantles (repowering), 0 when not given."""
    v = getattr(p, "replaced_capacity_mw", None)
    return 0.0 if v is None or pd.isna(v) else float(v)


def pipeline_items(
    permits: pd.DataFrame, units: pd.DataFrame, matches: pd.DataFrame
) -> pd.DataFrame:
    """The pipeline without double counting (see module docstring)."""
    items = _mastr_items(permits, units, matches)
    # A list entry is covered by its matched MaStR units that are planned (counted above)
    # or already in operation (counted as installed): only the rest is added.
    live = matches[matches["unit_status"].isin(["planned", "operating", "temporarily_shut_down"])]
    covered = live.groupby("procedure_id")["unit_capacity_kw"].sum() / 1000
    covered_n = live.groupby("procedure_id").size()
    for p in permits[permits["status"].isin(PIPELINE_STATUSES)].itertuples():
        cov = float(covered.get(p.procedure_id, 0.0))
        counted = max(0.0, p.capacity_mw - cov)
        if cov:
            note = (
                f"{p.capacity_mw:.1f} MW in the list, {cov:.1f} MW of it already counted as "
                "MaStR units (planned or operating)"
            )
        else:
            note = "in the list only"
        replaced = _replaced_mw(p)
        if replaced:
            note += f"; repowering: {replaced:.1f} MW to be dismantled"
        items.append(
            {
                "item_type": "list_entry",
                "item_id": p.procedure_id,
                "procedure_id": p.procedure_id,
                "project_name": p.project_name,
                "municipality_key": p.municipality_key,
                "stage": p.status,
                "turbine_count": max(
                    0, int(p.turbine_count) - int(covered_n.get(p.procedure_id, 0))
                ),
                "capacity_mw": p.capacity_mw,
                "counted_mw": counted,
                "replaced_mw": replaced,
                "note": note,
            }
        )
    return pd.DataFrame(items, columns=_PIPELINE_COLUMNS)


def reconcile(con: duckdb.DuckDBPyConnection, reference: date) -> dict[str, pd.DataFrame]:
    """All permit marts from the core tables in ``con``."""
    permits, units = _permits(con), _units(con)
    matches = match_permits(permits, units)
    return {
        "out_permit_mastr_matches": matches,
        "out_permit_reconciliation": find_disagreements(permits, units, matches),
        "out_wind_pipeline": pipeline_items(permits, units, matches),
        "out_permit_stage_durations": stage_durations(permits, reference),
    }
