"""Command-line interface: ``energiezukunft etl | info | schema | download | refresh |
builds | rollback | briefing``.

Modules, arrows one way: :mod:`.app` (the Typer app) imports :mod:`.database`
(build and inspect), :mod:`.operations` (download, refresh, builds, rollback:
running it on a server) and :mod:`.briefing` (PDF briefings); all use
:mod:`.common` (consoles, options, failure, progress).
"""

from __future__ import annotations

from etl.cli.app import app, main

__all__ = ["app", "main"]
