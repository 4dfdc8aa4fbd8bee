"""Command-line interface: ``energiezukunft etl | info | download | schema | briefing``.

Modules, arrows one way: :mod:`.app` (the Typer app) imports :mod:`.database`
(build and inspect) and :mod:`.briefing` (PDF briefings); both use
:mod:`.common` (consoles, options, failure, progress).
"""

from __future__ import annotations

from etl.cli.app import app, main

__all__ = ["app", "main"]
