"""The kept builds (``energiezukunft builds``) and pointing the dashboard back at one
(``energiezukunft rollback``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import publish


@dataclass(frozen=True)
class KeptBuild:
    """One database build in the processed folder."""

    name: str
    served: bool
    data_date: str | None
    built_at: str | None
    units: int | None
    gross_mw: float | None
    gate_decision: str | None
    is_demo: bool | None
    note: str = ""


def _describe(path: Path, served: Path | None) -> KeptBuild:
    is_served = served is not None and path.name == served.name
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:  # e.g. a build still being written holds its lock
        first = str(exc).splitlines()[0][:80]
        return KeptBuild(path.name, is_served, None, None, None, None, None, None, first)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta_build").fetchall())
        units, kw = con.execute(
            "SELECT count(*), sum(gross_capacity_kw) FROM core_mastr__units"
        ).fetchone()
    except duckdb.Error as exc:
        return KeptBuild(path.name, is_served, None, None, None, None, None, None, str(exc)[:80])
    finally:
        con.close()
    return KeptBuild(
        name=path.name,
        served=is_served,
        data_date=meta.get("data_date"),
        built_at=meta.get("built_at"),
        units=int(units),
        gross_mw=round(float(kw or 0) / 1000, 1),
        gate_decision=meta.get("gate_decision"),
        is_demo=meta.get("is_demo") == "True",
    )


def kept_builds(processed_dir: Path) -> list[KeptBuild]:
    """Every complete build in ``processed_dir``, oldest first, with its headline figures."""
    served = publish.served_database(processed_dir)
    return [_describe(p, served) for p in publish.list_builds(processed_dir)]


def resolve_build(processed_dir: Path, build: str) -> Path:
    """The kept build named ``build`` (file name, or its stem). Raises ``ValueError``."""
    name = Path(build).name
    if not name.endswith(".duckdb"):
        name += ".duckdb"
    path = processed_dir / name
    if not publish.BUILD_PATTERN.match(name) or not path.exists():
        kept = ", ".join(p.name for p in publish.list_builds(processed_dir)) or "none"
        raise ValueError(f"no kept build {build!r} in {processed_dir} (kept: {kept})")
    return path


def rollback(processed_dir: Path, build: str, keep: int, grace_s: float) -> Path:
    """Point the served database at the kept build ``build`` (atomic pointer swap).

    Call while holding the writer lock. Raises ``ValueError`` for an unknown or
    unreadable build.
    """
    path = resolve_build(processed_dir, build)
    problem = publish.check_build(path)
    if problem is not None:
        raise ValueError(f"{path.name} cannot be served: {problem}")
    publish.publish(processed_dir, path, keep=keep, grace_s=grace_s, rollback=True)
    return path
