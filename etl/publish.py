"""Atomic publishing of database builds, and which build is served.

A build is written to ``.energy-<UTC timestamp>.duckdb.partial`` — a name that
is not a build. Only after checkpoint, close and :func:`check_build` is it
renamed to ``energy-<UTC timestamp>.duckdb`` (:func:`complete_build`), and
only then does :func:`publish` switch the served database by atomically
replacing the small pointer file ``current.txt``. A failed or killed build
never touches the served file and is never listed, pruned into the kept set
or compared against; the next writer removes what it left
(:func:`remove_stale`, under the writer lock of :mod:`etl.lock`).

The pointer may only name a build file of this folder (``BUILD_PATTERN``: no
``/``, no ``..``, no absolute path). :func:`resolve_served` says which build
readers should open: the pointer's, or — when that one is missing, invalid or
cannot be read — the newest intact kept build, with the reason.

Old builds are pruned to the newest ``keep`` plus every build that stopped
being served less than ``grace_s`` seconds ago (``served-history.tsv``), so a
session still reading one is not cut off.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from etl.failures import EXIT_WRITER_BUSY

POINTER_NAME = "current.txt"
BUILD_PATTERN = re.compile(r"^energy-(\d{8}T\d{6}\d{6}Z)\.duckdb$")
PARTIAL_SUFFIX = ".partial"
HISTORY_NAME = "served-history.tsv"
#: Seconds a build that stopped being served is kept beyond the newest ``keep``.
DEFAULT_GRACE_S = 900.0
_HISTORY_LINES = 200
_DUCKDB_MAGIC = b"DUCK"
#: DuckDB's file header: the database blocks start after three 4 KiB headers.
_HEADER_BYTES = 3 * 4096


class PointerMovedError(RuntimeError):
    """The pointer changed while this build ran: it is not published (never backwards)."""

    exit_code = EXIT_WRITER_BUSY


@dataclass(frozen=True)
class Served:
    """Which build readers open, and why it is not the pointer's one (``problem``)."""

    path: Path | None
    pointer_name: str | None
    problem: str | None = None

    @property
    def fallback(self) -> bool:
        """Whether ``path`` is an older intact build instead of the pointer's one."""
        return self.problem is not None and self.path is not None


def new_build_path(processed_dir: Path) -> Path:
    """A fresh, unique (final) file name for the next build; build into :func:`partial_path`."""
    processed_dir.mkdir(parents=True, exist_ok=True)
    while True:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = processed_dir / f"energy-{stamp}.duckdb"
        if not path.exists() and not partial_path(path).exists():
            return path


def partial_path(build_path: Path) -> Path:
    """Where the build of ``build_path`` is written until it is complete."""
    return build_path.with_name(f".{build_path.name}{PARTIAL_SUFFIX}")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def list_builds(processed_dir: Path) -> list[Path]:
    """All complete builds in the folder, oldest first.

    A file with a ``.wal`` beside it was left by a build killed before the
    partial names existed: it is not complete.
    """
    if not processed_dir.exists():
        return []
    return sorted(
        p
        for p in processed_dir.iterdir()
        if BUILD_PATTERN.match(p.name) and p.is_file() and not _wal(p).exists()
    )


def remove_stale(processed_dir: Path) -> list[Path]:
    """Delete what killed builds left: partials, temp files, old-style unfinished builds.

    Call only while holding the writer lock (:func:`etl.lock.writer_lock`).
    """
    if not processed_dir.exists():
        return []
    served = read_pointer(processed_dir)
    removed = []
    for p in processed_dir.iterdir():
        stale = (p.name.startswith(".energy-") and ".duckdb.partial" in p.name) or (
            p.name.startswith(".") and p.name.endswith(".tmp")
        )
        if not stale and BUILD_PATTERN.match(p.name) and _wal(p).exists():
            stale = p.name != served  # killed before partial names existed
            if stale:
                _wal(p).unlink(missing_ok=True)
        if stale and p.is_file():
            p.unlink(missing_ok=True)
            removed.append(p)
        elif stale and p.is_dir():  # the staged units of a killed build (etl.staging)
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


#: Builds up to this size are read to the end when resolving the served build
#: (about 0.13 s for the 10 MB demo); larger ones get the quick checks only.
FULL_CHECK_MAX_BYTES = 512 * 1024 * 1024


def check_build(path: Path, full: bool = True) -> str | None:
    """Why ``path`` is not an intact build (one English line), or ``None`` when it is.

    Checks the DuckDB header, that the file is as long as its blocks, that it
    opens read-only with a ``meta_build`` naming a build, and (``full``) that
    every table reads to the end (DuckDB verifies each block's checksum).
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "the file is empty"
    if head[8:12] != _DUCKDB_MAGIC:
        return "not a DuckDB database file"
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        return f"cannot be opened: {_first_line(exc)}"
    try:
        block_size, blocks = con.execute(
            "SELECT block_size, total_blocks FROM pragma_database_size()"
        ).fetchone()
        needed = _HEADER_BYTES + block_size * blocks
        if size < needed:
            return f"truncated: {size:,} bytes, its blocks need {needed:,}"
        build_id = dict(con.execute("SELECT key, value FROM meta_build").fetchall()).get("build_id")
        if not build_id:
            return "meta_build names no build"
        tables = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        for (table,) in tables if full else []:
            # hashing every value reads every block (a third of the time of a fetch)
            con.execute(f'SELECT max(hash(COLUMNS(*))) FROM "{table}"').fetchall()
    except duckdb.Error as exc:
        return f"cannot be read: {_first_line(exc)}"
    finally:
        con.close()
    return None


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


_checked: dict[tuple, str | None] = {}


def check_build_cached(path: Path) -> str | None:
    """:func:`check_build`, remembered per file identity (path, inode, size, mtime)."""
    try:
        st = path.stat()
    except OSError as exc:
        return f"missing ({exc.strerror or exc})"
    key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in _checked:
        if len(_checked) > 64:
            _checked.clear()
        _checked[key] = check_build(path, full=st.st_size <= FULL_CHECK_MAX_BYTES)
    return _checked[key]


def read_pointer(processed_dir: Path) -> str | None:
    """The pointer's text (stripped), or ``None`` when nothing is published."""
    try:
        return (processed_dir / POINTER_NAME).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return "<unreadable pointer>"


def resolve_served(processed_dir: Path) -> Served:
    """The build to serve: the pointer's if it is a valid, intact build, else a fallback."""
    name = read_pointer(processed_dir)
    if name is None:
        return Served(None, None)
    if not BUILD_PATTERN.match(name):
        problem = f"the pointer {POINTER_NAME} names {name[:80]!r}, which is not a build file"
    else:
        problem = check_build_cached(processed_dir / name)
        if problem is None:
            return Served(processed_dir / name, name)
        problem = f"{name}: {problem}"
    for path in reversed(list_builds(processed_dir)):
        if path.name != name and check_build_cached(path) is None:
            return Served(path, name, problem)
    return Served(None, name, problem)


def served_database(processed_dir: Path) -> Path | None:
    """The build readers should open (see :func:`resolve_served`), or ``None``."""
    return resolve_served(processed_dir).path


def complete_build(partial: Path, build_path: Path) -> None:
    """Rename a checked, closed partial build to its build name (durably)."""
    problem = check_build(partial)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"the new build failed its final check: {problem}")
    os.replace(partial, build_path)
    _fsync_dir(build_path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_UNSET = object()


def publish(
    processed_dir: Path,
    build_path: Path,
    keep: int = 5,
    *,
    expected_pointer: str | object | None = _UNSET,
    grace_s: float = DEFAULT_GRACE_S,
    rollback: bool = False,
) -> None:
    """Make ``build_path`` the served database atomically, then prune old builds.

    ``expected_pointer`` is the pointer text read when the build started: if
    the pointer changed since, or names a newer build, :class:`PointerMovedError`
    is raised and nothing changes (the pointer never moves backwards, except for
    an explicit ``rollback`` to a kept build: ``energiezukunft rollback``).
    """
    if build_path.parent.resolve() != processed_dir.resolve():
        raise ValueError(f"{build_path} is not inside {processed_dir}")
    if not BUILD_PATTERN.match(build_path.name) or not build_path.is_file():
        raise ValueError(f"{build_path.name} is not a complete build")
    current = read_pointer(processed_dir)
    if expected_pointer is not _UNSET and current != expected_pointer:
        raise PointerMovedError(
            f"the pointer moved from {expected_pointer} to {current} while "
            f"{build_path.name} was built; not published"
        )
    if not rollback and current and BUILD_PATTERN.match(current) and current > build_path.name:
        raise PointerMovedError(
            f"the served build {current} is newer than {build_path.name}; not published"
        )
    pointer = processed_dir / POINTER_NAME
    tmp = processed_dir / f".{POINTER_NAME}.{os.getpid()}.tmp"
    tmp.write_text(build_path.name + "\n", encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, pointer)
    _fsync_dir(processed_dir)
    _record_served(processed_dir, build_path.name, current)
    prune(processed_dir, keep=keep, grace_s=grace_s)


def _record_served(processed_dir: Path, new: str, previous: str | None) -> None:
    """Append ``time, new, previous`` to the history (the previous build's end of service)."""
    path = processed_dir / HISTORY_NAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[-_HISTORY_LINES:]
    except OSError:
        lines = []
    now = datetime.now(UTC).isoformat(timespec="seconds")
    lines.append(f"{now}\t{new}\t{previous or ''}")
    tmp = processed_dir / f".{HISTORY_NAME}.{os.getpid()}.tmp"
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def recently_served(processed_dir: Path, grace_s: float, now: datetime | None = None) -> set[str]:
    """Builds that stopped being served less than ``grace_s`` seconds ago."""
    cutoff = (now or datetime.now(UTC)) - timedelta(seconds=grace_s)
    try:
        lines = (processed_dir / HISTORY_NAME).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    recent = set()
    for line in lines:
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2]:
            continue
        try:
            at = datetime.fromisoformat(parts[0])
        except ValueError:
            continue
        if at >= cutoff:
            recent.add(parts[2])
    return recent


def prune(processed_dir: Path, keep: int = 5, grace_s: float = DEFAULT_GRACE_S) -> list[Path]:
    """Delete complete builds beyond the newest ``keep``; never the served one, never one
    that stopped being served less than ``grace_s`` seconds ago."""
    served = read_pointer(processed_dir)
    protected = recently_served(processed_dir, grace_s) | {served or ""}
    builds = list_builds(processed_dir)
    removed = []
    for path in builds[: max(0, len(builds) - keep)]:
        if path.name in protected:
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed
