"""The ``energiezukunft`` Typer app: registers the commands of the sibling modules."""

from __future__ import annotations

import typer

import etl.cli.briefing as briefing
import etl.cli.database as database
import etl.cli.operations as operations

app = typer.Typer(
    help="Energiezukunft LUP: build and inspect the energy database.",
    no_args_is_help=True,
    add_completion=False,
)
app.command()(database.etl)
app.command()(database.info)
app.command()(operations.download)
app.command()(operations.refresh)
app.command()(operations.builds)
app.command()(operations.rollback)
app.command()(database.schema)
app.add_typer(briefing.app, name="briefing")


def main() -> None:  # pragma: no cover - console entry
    """Run the CLI."""
    app()
