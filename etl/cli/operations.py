"""Running it on a server: ``energiezukunft download | refresh | builds | rollback``.

Plain functions; :mod:`etl.cli.app` registers them as commands.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from etl.cli.common import (
    ProcessedOpt,
    RawOpt,
    RegionOpt,
    console,
    err_console,
    fail,
    rich_progress,
    settings_from_options,
    transfer_progress,
)

DaysBackOpt = typer.Option(
    3, "--days-back", min=0, help="Also try this many days before today (the export appears late)"
)


def download(
    raw_dir: Path | None = RawOpt,
    days_back: int = DaysBackOpt,
    vg250: bool = typer.Option(
        False, "--vg250", help="Download VG250 again even if DE_VG250.gpkg is there"
    ),
) -> None:
    """Fetch the newest MaStR bulk export and (if missing) BKG VG250 into data/raw.

    Tries today, then up to --days-back days before, each with the expected and the
    neighbouring MaStR release; resumes interrupted transfers; places a file only
    after its zip was verified. Exit 1 with a one-line reason when it fails.
    """
    from etl.download import DownloadError, download_sources

    settings = settings_from_options(None, raw_dir, None)
    try:
        with transfer_progress() as progress:
            files = download_sources(
                settings.raw_dir,
                days_back=days_back,
                force_vg250=vg250,
                progress={"mastr": progress("MaStR export"), "vg250": progress("VG250")},
            )
    except DownloadError as exc:
        fail(str(exc))
    for f in files:
        state = "downloaded" if f.new else "already there"
        console.print(f"{state}: {f.path} ({f.size_bytes / 1e6:,.1f} MB)", highlight=False)


def refresh(
    region: str | None = RegionOpt,
    raw_dir: Path | None = RawOpt,
    processed_dir: Path | None = ProcessedOpt,
    days_back: int = DaysBackOpt,
    keep_builds: int | None = typer.Option(
        None, "--keep-builds", min=1, help="Builds kept for rollback (default 5)"
    ),
    keep_exports: int = typer.Option(
        2, "--keep-exports", min=1, help="Downloaded exports kept in data/raw"
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Say what would be done (asks the server, changes nothing)"
    ),
    force: bool = typer.Option(
        False, "--force", help="Build even when the newest export was built already"
    ),
    accept_changes: str | None = typer.Option(
        None,
        "--accept-changes",
        metavar="REASON",
        help="Publish even if the publish gate refuses the build; the reason is recorded",
    ),
) -> None:
    """Download the newest export (if newer), build, gate, publish and clean up, for a scheduler.

    Exit codes: 0 published, 10 nothing new, 3 build failed, 4 refused by the publish
    gate, 5 another build holds the writer lock, 6 download failed, 1 other error.
    One JSON line per step goes to <processed>/logs/refresh-YYYYMMDD.jsonl.
    """
    from etl.refresh import Hooks, RefreshOptions, run_refresh
    from etl.refresh.pipeline import with_keep

    try:
        settings = with_keep(settings_from_options(region, raw_dir, processed_dir), keep_builds)
    except ValueError as exc:
        fail(str(exc))
    if accept_changes is not None and not accept_changes.strip():
        fail('--accept-changes needs a reason, e.g. --accept-changes "MaStR cleaned up PV"')
    options = RefreshOptions(
        days_back=days_back, keep_exports=keep_exports, dry_run=dry_run, force=force,
        accept_changes=accept_changes,
    )  # fmt: skip
    on_wait = lambda msg: err_console.print(f"[yellow]waiting:[/] {msg}", highlight=False)  # noqa: E731
    with transfer_progress() as transfers, rich_progress() as rows:
        result = run_refresh(settings, options, Hooks(transfers, rows, on_wait))
    for line in result.plan:
        console.print(f"- {line}", highlight=False, soft_wrap=True)
    if result.table:
        console.print(result.table, highlight=False, markup=False)
    ok = result.exit_code in (0, 10)
    style = "bold green" if ok else "bold red"
    label = f"dry run, would end as {result.outcome}" if dry_run else result.outcome
    console.print(f"[{style}]{label}[/] (exit {result.exit_code}): ", end="")
    console.print(result.message, highlight=False, markup=False, soft_wrap=True)
    if result.log is not None and result.log.write:
        console.print(f"log: {result.log.path}", highlight=False, soft_wrap=True)
    raise typer.Exit(result.exit_code)


def builds(processed_dir: Path | None = ProcessedOpt) -> None:
    """List the kept builds: data date, units, MW, publish gate decision; * marks the served one."""
    from etl.refresh.builds import kept_builds

    settings = settings_from_options(None, None, processed_dir)
    kept = kept_builds(settings.processed_dir)
    if not kept:
        fail(f"no builds in {settings.processed_dir}: run `energiezukunft refresh` or `etl`")
    table = Table(title=f"Builds in {settings.processed_dir}")
    for col in ("", "build", "data date", "built", "units", "MW", "gate", "data"):
        table.add_column(
            col, justify="right" if col in ("units", "MW") else "left", no_wrap=col == "build"
        )
    for b in kept:
        data = "" if b.is_demo is None else ("demo" if b.is_demo else "real")
        table.add_row(
            "*" if b.served else "",
            b.name.removesuffix(".duckdb"),
            b.data_date or "",
            (b.built_at or "")[:16],
            "" if b.units is None else f"{b.units:,}",
            "" if b.gross_mw is None else f"{b.gross_mw:,.1f}",
            b.gate_decision or "",
            data or b.note,
        )
    console.print(table)


def rollback(
    build: str = typer.Argument(..., help="A kept build, e.g. energy-20261201T050000000000Z"),
    processed_dir: Path | None = ProcessedOpt,
) -> None:
    """Point the dashboard back at a kept build (atomic pointer swap; see `builds`)."""
    from etl.lock import WriterBusyError, writer_lock
    from etl.refresh.builds import rollback as do_rollback

    settings = settings_from_options(None, None, processed_dir)
    try:
        with writer_lock(settings.processed_dir, purpose="rollback", wait_s=settings.writer_wait_s):
            path = do_rollback(
                settings.processed_dir, build, settings.keep_builds, settings.prune_grace_s
            )
    except WriterBusyError as exc:
        fail(str(exc), code=exc.exit_code)
    except ValueError as exc:
        fail(str(exc))
    console.print(f"served now: {path.name} (the dashboard shows it on its next rerun)")
