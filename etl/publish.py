"""Atomic publishing of database builds.

Each build is written to a new file ``energy-<UTC timestamp>.duckdb``. Only
after it is validated and closed does ``publish`` switch the served database,
by atomically replacing the small pointer file ``current.txt``. A failed or
killed build never touches the served file. Readers resolve the pointer on
each request and open the file read-only, keyed on its name.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

POINTER_NAME = "current.txt"
BUILD_PATTERN = re.compile(r"^energy-(\d{8}T\d{6}\d{6}Z)\.duckdb$")


def new_build_path(processed_dir: Path) -> Path:
    """A fresh, unique file name for the next build."""
    processed_dir.mkdir(parents=True, exist_ok=True)
    while True:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = processed_dir / f"energy-{stamp}.duckdb"
        if not path.exists():
            return path


def list_builds(processed_dir: Path) -> list[Path]:
    """All complete builds in the folder, oldest first."""
    if not processed_dir.exists():
        return []
    return sorted(p for p in processed_dir.iterdir() if BUILD_PATTERN.match(p.name))


def served_database(processed_dir: Path) -> Path | None:
    """The database the pointer names, or ``None`` if nothing is published yet."""
    pointer = processed_dir / POINTER_NAME
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = processed_dir / name
    return path if name and path.exists() else None


def publish(processed_dir: Path, build_path: Path, keep: int = 5) -> None:
    """Make ``build_path`` the served database atomically, then prune old builds."""
    if build_path.parent.resolve() != processed_dir.resolve():
        raise ValueError(f"{build_path} is not inside {processed_dir}")
    pointer = processed_dir / POINTER_NAME
    tmp = processed_dir / f".{POINTER_NAME}.{os.getpid()}.tmp"
    tmp.write_text(build_path.name + "\n", encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, pointer)
    prune(processed_dir, keep=keep)


def prune(processed_dir: Path, keep: int = 5) -> list[Path]:
    """Delete all but the newest ``keep`` builds; never the served one."""
    served = served_database(processed_dir)
    builds = list_builds(processed_dir)
    removed = []
    for path in builds[: max(0, len(builds) - keep)]:
        if served is not None and path.resolve() == served.resolve():
            continue
        for p in (path, path.with_name(path.name + ".wal")):
            p.unlink(missing_ok=True)
        removed.append(path)
    return removed
