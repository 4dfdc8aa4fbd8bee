"""The upload flow of the dashboard, without Streamlit: check, save, rebuild, publish.

1. :func:`policy` decides whether uploading is allowed and where files go:

   - the served database holds **real** data: only with the secret from the
     environment variable ``EZ_UPLOAD_SECRET``; without it uploading is off;
     files go to ``<raw>/uploads/``;
   - the served database is the **demo**: no secret is needed, and files go
     only to ``<raw>/demo/uploads/``; the rebuild is a demo build again.

2. :func:`check_upload` identifies the file by its content (never by its
   extension), reads it with exactly the reader of the build and returns every
   problem per row. Only a result with no rejected row and no dropped value is
   loadable.
3. :func:`load_upload` saves a loadable file under a canonical name (older
   uploads of the same kind move to ``uploads/archive/``), runs
   :func:`etl.build.build_database` and so publishes atomically. If the build
   fails, the file is moved to ``uploads/failed/`` and the archived files are
   restored; the served database stays as it was.
"""

from __future__ import annotations

import hmac
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from etl.config import Settings
from etl.office import UPLOADS_DIR, candidates
from etl.office.lists import read_list
from etl.office.model import Issue, ListResult, RegionContext
from etl.office.spec import HYDROGEN, LIST_SPECS, WIND_PERMITS
from etl.office.tabular import FileProblem, detect_kind, read_tables, sniff_format

SECRET_ENV = "EZ_UPLOAD_SECRET"
#: Largest upload accepted (also set as ``server.maxUploadSize`` for Streamlit, in MB).
MAX_UPLOAD_MB = 10
#: Extensions offered in the file picker (the content decides what a file is).
ALLOWED_EXTENSIONS: tuple[str, ...] = ("xlsx", "csv", "gpkg", "zip")
_STEMS = {
    "wind_permits": WIND_PERMITS.file_prefixes[0],
    "hydrogen_projects": HYDROGEN.file_prefixes[0],
    "wind_areas": "windgebiete",
}
_FORMAT_EXT = {"xlsx": ".xlsx", "csv": ".csv", "gpkg": ".gpkg", "zip": ".zip"}


@dataclass(frozen=True)
class UploadPolicy:
    """Whether uploads are allowed, whether a secret is needed, where files go."""

    enabled: bool
    needs_secret: bool
    demo: bool
    target_dir: Path
    reason: str  # i18n key explaining the mode


def policy(settings: Settings, served_is_demo: bool, environ: dict | None = None) -> UploadPolicy:
    """The upload mode for the served database (see module docstring)."""
    env = os.environ if environ is None else environ
    if served_is_demo:
        return UploadPolicy(True, False, True, settings.demo_dir / UPLOADS_DIR, "upl_mode_demo")
    if not env.get(SECRET_ENV):
        return UploadPolicy(False, True, False, settings.raw_dir / UPLOADS_DIR, "upl_mode_off")
    return UploadPolicy(True, True, False, settings.raw_dir / UPLOADS_DIR, "upl_mode_secret")


def secret_ok(given: str | None, environ: dict | None = None) -> bool:
    """Compare the entered secret with ``EZ_UPLOAD_SECRET`` in constant time."""
    env = os.environ if environ is None else environ
    expected = env.get(SECRET_ENV) or ""
    return bool(expected) and hmac.compare_digest(
        (given or "").encode("utf-8"), expected.encode("utf-8")
    )


@dataclass
class UploadCheck:
    """What an uploaded file is and what the reader found in it."""

    kind: str | None  # wind_permits | hydrogen_projects | wind_areas
    file_format: str  # xlsx | csv | gpkg | zip | …
    result: ListResult | None
    problem: Issue | None = None  # the file as a whole was refused

    @property
    def loadable(self) -> bool:
        return self.problem is None and self.result is not None and self.result.is_loadable

    @property
    def issues(self) -> list[Issue]:
        """The kept problems (at most :data:`~etl.office.model.MAX_ISSUES`)."""
        if self.problem is not None:
            return [self.problem]
        return list(self.result.issues) if self.result is not None else []

    @property
    def error_count(self) -> int:
        """All errors, including those counted but not kept."""
        if self.problem is not None:
            return 1
        return self.result.error_count if self.result is not None else 0

    @property
    def warning_count(self) -> int:
        """All warnings, including those counted but not kept."""
        return self.result.warning_count if self.problem is None and self.result else 0

    @property
    def omitted_count(self) -> int:
        """Problems counted but not kept."""
        return self.result.omitted_count if self.problem is None and self.result else 0


def refusal(code: str, message: str, fmt: str, **params: object) -> UploadCheck:
    """A check result that refuses the whole file (``code`` names an ``iss_*`` text)."""
    return UploadCheck(None, fmt, None, Issue(code, message, "row_rejected", params=params))


_refuse = refusal


def check_upload(data: bytes, filename: str, ctx: RegionContext) -> UploadCheck:
    """Identify and validate an uploaded file (see module docstring).

    Never raises: a file that cannot be read, or any error while reading it,
    becomes a refusal that names the limit or the problem. Run it through
    :func:`etl.office.upload_child.check_in_child` to bound its time and memory.
    """
    fmt = Path(filename).suffix.lower().lstrip(".")
    try:
        return _check(data, filename, ctx)
    except FileProblem as exc:
        return refusal(exc.code, str(exc), fmt, **exc.params)
    except MemoryError:
        return refusal("upload_memory", "the check ran out of memory", fmt, limit="?")
    except Exception as exc:  # anything else is a refusal too, never a crash of the page
        error = f"{type(exc).__name__}: {exc}"[:200]
        return refusal("upload_error", f"the file cannot be checked: {error}", fmt, error=error)


def _check(data: bytes, filename: str, ctx: RegionContext) -> UploadCheck:
    ext = Path(filename).suffix.lower().lstrip(".")
    if ext not in ALLOWED_EXTENSIONS:
        return _refuse(
            "upload_type",
            f"file type .{ext} is not accepted",
            ext,
            allowed=", ".join(ALLOWED_EXTENSIONS),
        )
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        return _refuse("upload_size", "the file is too large", ext, limit=MAX_UPLOAD_MB)
    fmt = sniff_format(data)
    if fmt in ("xlsx", "csv"):
        if ext not in ("xlsx", "csv") or (fmt == "xlsx") != (ext == "xlsx"):
            return _refuse(
                "upload_mismatch",
                f"the file is named .{ext} but its content is {fmt.upper()}",
                fmt,
                ext=ext,
                content=fmt,
            )
        try:
            tables = read_tables(data)
            kind = detect_kind(data, filename, tables)
        except FileProblem as exc:
            return _refuse(exc.code, str(exc), fmt, **exc.params)
        result = read_list(data, LIST_SPECS[kind], ctx, source_file=filename, tables=tables)
        return UploadCheck(kind, fmt, result)
    if fmt in ("gpkg", "zip"):
        if ext not in ("gpkg", "zip") or (fmt == "gpkg") != (ext == "gpkg"):
            return _refuse(
                "upload_mismatch",
                f"the file is named .{ext} but its content is {fmt.upper()}",
                fmt,
                ext=ext,
                content=fmt,
            )
        from etl.office.wind_areas import read_wind_areas

        with tempfile.TemporaryDirectory(prefix="ez-upload-") as tmp:
            path = Path(tmp) / f"upload{_FORMAT_EXT[fmt]}"
            path.write_bytes(data)
            result = read_wind_areas(path, ctx, source_file=filename)
        return UploadCheck("wind_areas", fmt, result)
    return _refuse(
        "upload_unknown",
        "the content is neither XLSX, CSV, GeoPackage nor a zipped Shapefile",
        fmt,
    )


def target_name(kind: str, file_format: str, now: datetime | None = None) -> str:
    """Canonical file name of an upload, e.g. ``windpipeline_upload_20261121T101500Z.xlsx``."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{_STEMS[kind]}_upload_{stamp}{_FORMAT_EXT[file_format]}"


def save_upload(data: bytes, check: UploadCheck, pol: UploadPolicy) -> tuple[Path, list[Path]]:
    """Write a loadable upload into the policy's folder; archive older uploads of its kind.

    Returns (saved path, archived paths).
    """
    if not check.loadable or check.kind is None:
        raise ValueError("only a file without errors can be saved")
    folder = pol.target_dir
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / "archive"
    archived: list[Path] = []
    for old in candidates(folder.parent).get(check.kind, []):
        if old.parent == folder:
            archive.mkdir(exist_ok=True)
            dest = archive / old.name
            os.replace(old, dest)
            archived.append(dest)
    path = folder / target_name(check.kind, check.file_format)
    tmp = folder / f".{path.name}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path, archived


def load_upload(
    data: bytes,
    check: UploadCheck,
    pol: UploadPolicy,
    settings: Settings,
    environ: dict | None = None,
):
    """Save the upload, rebuild the served build's region and publish; undo the save if the
    build fails.

    Holds the writer lock (:mod:`etl.lock`) from saving the file to publishing, so a
    concurrent CLI build either runs before (and the upload's build includes its
    sources) or after (and includes the saved file). The new build is published
    only when it holds every checked row (:mod:`etl.office.rebuild`). Returns the
    :class:`etl.build.BuildReport`.
    """
    from etl.build import build_database
    from etl.lock import writer_lock
    from etl.office import rebuild

    with writer_lock(settings.processed_dir, purpose="upload", wait_s=settings.writer_wait_s):
        build_settings = rebuild.rebuild_settings(settings, environ)
        path, archived = save_upload(data, check, pol)
        expected = len(check.result.valid) if check.result is not None else 0
        try:
            return build_database(
                build_settings,
                force_demo=pol.demo,
                purpose="upload",
                verify=rebuild.rows_check(check.kind or "", path.name, expected),
            )
        except Exception:
            _set_aside(path, archived, pol)
            raise


def _set_aside(path: Path, archived: list[Path], pol: UploadPolicy) -> None:
    """Move a file whose build failed to ``failed/`` and restore the archived ones."""
    failed = pol.target_dir / "failed"
    failed.mkdir(exist_ok=True)
    shutil.move(str(path), failed / path.name)
    for a in archived:
        os.replace(a, pol.target_dir / a.name)
