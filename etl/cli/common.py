"""What every CLI command shares: consoles, options, settings, failure and progress display."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.text import Text

from etl.config import Settings, validate_region_prefix

console = Console()
err_console = Console(stderr=True)

RegionOpt = typer.Option(
    None, "--region", help="AGS prefix: 13076 (default), 13074, 13 (a Land), '' (Germany)"
)
RawOpt = typer.Option(None, "--raw-dir", help="Folder with raw files (default data/raw)")
ProcessedOpt = typer.Option(
    None, "--processed-dir", help="Folder with database builds (default data/processed)"
)


class RateColumn(ProgressColumn):
    """Rows per second of a task."""

    def render(self, task: Task) -> Text:
        """The task's speed as ``1,234 rows/s`` (empty before the first step)."""
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "", style="progress.data.speed")


def settings_from_options(
    region: str | None, raw_dir: Path | None, processed_dir: Path | None
) -> Settings:
    """Settings from the environment, overridden by the options given on the command line."""
    return Settings.from_env(
        region_prefix=None if region is None else validate_region_prefix(region),
        raw_dir=raw_dir,
        processed_dir=processed_dir,
    )


def fail(message: str, code: int = 1) -> None:
    """Print a one-line reason and exit non-zero."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def served_or_fail(processed_dir: Path) -> Path:
    """The served build; one line and exit 1 when none is published or it cannot be read.

    A broken served build is never replaced silently on the command line: the
    message names the problem and the newest intact build the dashboard shows.
    """
    from etl.publish import resolve_served

    served = resolve_served(processed_dir)
    if served.problem is not None:
        shown = f"; the dashboard shows {served.path.name} instead" if served.path else ""
        fail(f"the served build cannot be used: {served.problem}{shown}")
    if served.path is None:
        fail(f"no database published in {processed_dir}: run `energiezukunft etl`")
    return served.path  # type: ignore[return-value]


@contextmanager
def rich_progress() -> Iterator[Callable[[str, int | None], Callable[[int], None]]]:
    """A progress factory for long steps: rows/s, elapsed and ETA."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,
    ) as prog:

        def factory(description: str, total: int | None) -> Callable[[int], None]:
            task = prog.add_task(description, total=total)
            return lambda n: prog.advance(task, n)

        yield factory


@contextmanager
def transfer_progress() -> Iterator[Callable[[str], Callable[[int, int | None], None]]]:
    """A progress factory for downloads: bytes, rate and ETA (on stderr, when a terminal)."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,
    ) as prog:

        def factory(description: str) -> Callable[[int, int | None], None]:
            task = prog.add_task(description, total=None)

            def update(done: int, total: int | None) -> None:
                prog.update(task, completed=done, total=total)

            return update

        yield factory
