"""Build and inspect the database: ``energiezukunft etl | info | schema``.

Plain functions; :mod:`etl.cli.app` registers them as commands.

Exit codes of ``energiezukunft etl`` (see :mod:`etl.failures`): 0 published;
1 any other error; 3 a source failed (nothing published); 4 the publish gate
refused the build (nothing published, the new build kept in
``<processed>/refused/``, the comparison table printed).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import typer
from rich.table import Table

from etl import publish
from etl.cli.common import (
    ProcessedOpt,
    RawOpt,
    RegionOpt,
    console,
    err_console,
    fail,
    rich_progress,
    served_or_fail,
    settings_from_options,
)


def etl(
    region: str | None = RegionOpt,
    raw_dir: Path | None = RawOpt,
    processed_dir: Path | None = ProcessedOpt,
    demo: bool = typer.Option(
        False, "--demo", help="Build the demo database even if real files exist"
    ),
    accept_partial: bool = typer.Option(
        False,
        "--accept-partial",
        help="Publish even if a source cannot be read completely (marked 'unvollständig')",
    ),
    accept_changes: str | None = typer.Option(
        None,
        "--accept-changes",
        metavar="REASON",
        help="Publish even if the publish gate refuses the build; the reason is recorded",
    ),
    gate_threshold: float | None = typer.Option(
        None,
        "--gate-threshold",
        help="Share of units or MW a carrier × status may lose (default 0.05, EZ_GATE_THRESHOLD)",
    ),
    wait: float | None = typer.Option(
        None,
        "--wait",
        metavar="SECONDS",
        help="How long to wait while another build writes (default 600, EZ_WRITER_WAIT; "
        "0 refuses at once)",
    ),
) -> None:
    """Build a new database from data/raw (or demo data), gate it and publish it atomically.

    Exit codes: 0 published, 1 error, 3 a source failed, 4 refused by the publish gate,
    5 another build was writing (nothing published).
    """
    from etl.build import build_database
    from etl.failures import GateRefusedError, SourceFailedError
    from etl.lock import WriterBusyError

    try:
        settings = settings_from_options(region, raw_dir, processed_dir)
        if gate_threshold is not None:
            settings = dataclasses.replace(settings, gate_threshold=gate_threshold)
        if wait is not None:
            settings = dataclasses.replace(settings, writer_wait_s=max(0.0, wait))
    except ValueError as exc:
        fail(str(exc))
    if accept_changes is not None and not accept_changes.strip():
        fail('--accept-changes needs a reason, e.g. --accept-changes "MaStR cleaned up PV"')
    try:
        with rich_progress() as progress:
            report = build_database(
                settings,
                progress=progress,
                force_demo=demo,
                accept_partial=accept_partial,
                accept_changes=accept_changes,
                on_wait=_say_waiting,
            )
    except GateRefusedError as exc:
        console.print(exc.table, highlight=False, markup=False)
        fail(f"{exc} (the served database is unchanged)", code=exc.exit_code)
    except (SourceFailedError, WriterBusyError, publish.PointerMovedError) as exc:
        fail(f"{exc} (the served database is unchanged)", code=exc.exit_code)
    except Exception as exc:  # one-line reason, the served database is unchanged
        fail(f"{type(exc).__name__}: {exc} (the previously served database is unchanged)")
    table = Table(title=f"Build {report.path.name}", show_header=True)
    table.add_column("item")
    table.add_column("value", justify="right")
    table.add_row("region", f"{settings.region_name} ({settings.region_prefix or 'all'})")
    table.add_row("data", "DEMO-DATEN (generated)" if report.is_demo else "real sources")
    for key, value in report.counts.items():
        table.add_row(key.replace("_", " "), f"{value:,}")
    table.add_row("duration", f"{report.duration_s:.1f} s")
    if report.gate is not None:
        table.add_row("publish gate", report.gate.decision)
    console.print(table)
    for reason in report.partial_reasons:
        err_console.print(f"[bold red]UNVOLLSTÄNDIG (partial):[/] {reason}", highlight=False)
    if report.gate is not None and report.gate.decision == "accepted":
        console.print(report.gate.table(), highlight=False, markup=False)
    _print_load_runs(report.path)


def _say_waiting(message: str) -> None:
    err_console.print(f"[yellow]waiting:[/] {message}", highlight=False)


def _print_load_runs(path: Path) -> None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT source, source_file, rows_read, rows_loaded, rows_rejected, duration_s "
            "FROM meta_load_runs ORDER BY started_at"
        ).fetchall()
    finally:
        con.close()
    table = Table(title="Files read")
    for col in ("source", "file", "read", "loaded", "rejected", "s"):
        table.add_column(
            col, justify="right" if col in ("read", "loaded", "rejected", "s") else "left"
        )
    for src, f, r, lo, rej, d in rows:
        table.add_row(src, f, f"{r or 0:,}", f"{lo or 0:,}", f"{rej or 0:,}", f"{d or 0:.2f}")
    console.print(table)


def info(processed_dir: Path | None = ProcessedOpt) -> None:
    """Show what the served database holds: sources, dates, counts by carrier and status."""
    from etl.info import database_summary

    settings = settings_from_options(None, None, processed_dir)
    path = served_or_fail(settings.processed_dir)
    try:
        summary = database_summary(path)
    except duckdb.Error as exc:
        fail(f"{path.name} cannot be read: {str(exc).strip().splitlines()[0][:200]}")
    label = (
        "DEMO-DATEN (real boundaries, population and municipal totals up to 2024; "
        "invented units, plans and lists)"
        if summary.is_demo
        else "real data"
    )
    console.print(f"[bold]{path.name}[/]  {summary.region_name} ({summary.region_prefix or 'all'})")
    console.print(f"data: {label}; data date: {summary.data_date or 'unknown'}")
    t = Table(title="Units by carrier and status")
    for col in ("carrier", "status", "units", "gross MW", "net MW"):
        t.add_column(col, justify="left" if col in ("carrier", "status") else "right")
    for r in summary.by_carrier_status:
        t.add_row(r.carrier, r.status, f"{r.units:,}", f"{r.gross_mw:,.1f}", f"{r.net_mw:,.1f}")
    console.print(t)
    s = Table(title="Sources")
    for col in ("source", "file", "extract date", "loaded", "rejected"):
        s.add_column(col)
    for src, f, d, lo, rej in summary.sources:
        s.add_row(src, f, str(d or ""), f"{lo or 0:,}", f"{rej or 0:,}")
    console.print(s)
    console.print(
        f"wind onshore in operation: {summary.wind_operating_mw:,.1f} MW; "
        f"wind planned (MaStR 'In Planung'): {summary.wind_planned_units} units, "
        f"{summary.wind_planned_mw:,.1f} MW; problems recorded: {summary.problems:,}"
    )


def schema(
    output: Path = typer.Option(Path("docs/schema.md"), help="Where to write the data dictionary"),
) -> None:
    """Write the data dictionary generated from the one schema definition."""
    from etl import schema as sch

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(sch.data_dictionary_markdown() + "\n", encoding="utf-8")
    console.print(f"wrote {output}")
