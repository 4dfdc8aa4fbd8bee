"""Command-line interface: ``energiezukunft etl | info | schema | download | refresh |
builds | rollback | briefing``.

Modules, arrows one way: :mod:`.app` (the Typer app) imports :mod:`.database`
(build and inspect), :mod:`.operations` (download, refresh, builds, rollback:
running it on a server) and :mod:`.briefing` (PDF briefings); all use
:mod:`.common` (consoles, options, failure, progress).
"""

from __future__ import annotations

from etl.memory import lean_allocators

# Before pandas, Arrow and DuckDB allocate: a build's peak memory is lower by
# tens of MB at the same speed (see etl.memory).
lean_allocators()

from etl.cli.app import app, main  # noqa: E402

__all__ = ["app", "main"]
