"""The rebuild after an upload: the served build's region, and proof that the rows arrived.

:func:`etl.office.upload.load_upload` saves a checked file and rebuilds. The
rebuild must be the served build's region — the check ran against that
region's municipalities — whatever the app's environment says:
:func:`rebuild_settings` takes the region from the served build's
``meta_build`` and refuses when ``EZ_REGION`` is set to another one.
:func:`rows_check` is run on the new build before it is published: the build
must hold exactly the checked rows of the saved file, else nothing is
published and the upload is not reported as loaded.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping

import duckdb

from etl import publish
from etl.config import Settings, region_name, validate_region_prefix
from etl.schema.office import HYDROGEN_TABLE, WIND_AREAS_TABLE, WIND_PERMITS_TABLE

_TABLES = {
    "wind_permits": WIND_PERMITS_TABLE.name,
    "hydrogen_projects": HYDROGEN_TABLE.name,
    "wind_areas": WIND_AREAS_TABLE.name,
}


class UploadRebuildError(RuntimeError):
    """The rebuild after an upload was refused; ``code`` is the i18n key, ``params`` its values."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(message)


def served_region(settings: Settings) -> str | None:
    """The region prefix recorded in the served build, or ``None`` when nothing is served."""
    path = publish.served_database(settings.processed_dir)
    if path is None:
        return None
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT value FROM meta_build WHERE key = 'region_prefix'").fetchone()
    finally:
        con.close()
    return (row[0] or "") if row else None


def rebuild_settings(settings: Settings, environ: Mapping[str, str] | None = None) -> Settings:
    """``settings`` with the served build's region; refuse when ``EZ_REGION`` names another."""
    served = served_region(settings)
    if served is None:
        return settings
    env = os.environ if environ is None else environ
    if "EZ_REGION" in env:
        configured = validate_region_prefix(env["EZ_REGION"])
        if configured != served:
            raise UploadRebuildError(
                "upl_region_mismatch",
                f"EZ_REGION={configured!r} but the served build is region {served!r}: "
                "the upload was checked against the served region; nothing was rebuilt",
                configured=f"{region_name(configured)} ({configured or 'alle'})",
                served=f"{region_name(served)} ({served or 'alle'})",
            )
    return dataclasses.replace(settings, region_prefix=served)


#: A check run on the finished build before it is published.
BuildCheck = Callable[[duckdb.DuckDBPyConnection], None]


def rows_check(kind: str, source_file: str, expected: int) -> BuildCheck:
    """A check for :func:`etl.build.build_database`: the new build holds ``expected`` rows
    of ``source_file`` in the table of ``kind``."""
    table = _TABLES[kind]

    def verify(con: duckdb.DuckDBPyConnection) -> None:
        (found,) = con.execute(
            f"SELECT count(*) FROM {table} WHERE source_file = ?", [source_file]
        ).fetchone()
        if found != expected:
            raise UploadRebuildError(
                "upl_not_in_build",
                f"the new build holds {found} of the {expected} checked rows of {source_file} "
                f"({table}); not published",
                found=found,
                expected=expected,
                file=source_file,
            )

    return verify
