"""``energiezukunft briefing …``: PDF briefings from the served database.

- ``briefing district``: the whole region
- ``briefing municipality <AGS>``: one municipality
- ``briefing all --out DIR``: every municipality (with a progress bar)

``--lang en`` for English; ``--since YYYY-MM-DD`` or ``--compare-build FILE``
for the "changes since" section (default: the previous kept build, if any).
Each PDF is added to ``index.csv`` in its folder with data date and build.
:mod:`etl.cli.app` mounts this sub-app as ``briefing``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from etl.cli.common import (
    ProcessedOpt,
    console,
    err_console,
    fail,
    served_or_fail,
    settings_from_options,
)

app = typer.Typer(
    help="PDF briefings for the district or a municipality (with 'changes since').",
    no_args_is_help=True,
    add_completion=False,
)

LangOpt = typer.Option("de", "--lang", help="Language of the briefing: de (default) or en")
SinceOpt = typer.Option(
    None,
    "--since",
    help="Changes since this date (YYYY-MM-DD), from commissioning/registration dates",
)
CompareOpt = typer.Option(
    None,
    "--compare-build",
    help="Changes compared with this earlier database build (energy-….duckdb); "
    "default: the previous kept build",
)
OutOpt = typer.Option(
    None, "--out", help="Folder for the PDFs and index.csv (default data/processed/briefings)"
)


def _parse_since(since: str | None) -> date | None:
    if since is None:
        return None
    try:
        return date.fromisoformat(since)
    except ValueError:
        fail(f"--since {since!r} is not a date: use YYYY-MM-DD, e.g. 2026-07-01")
    return None  # pragma: no cover


def _context(
    processed_dir: Path | None, lang: str, since: str | None, compare_build: Path | None
) -> tuple[Path, Path, dict]:
    """Served database, processed folder and the options common to all commands."""
    from reports.text import LANGS

    if lang not in LANGS:
        fail(f"--lang {lang!r} is not supported: use de or en")
    if since is not None and compare_build is not None:
        fail("use either --since or --compare-build, not both")
    settings = settings_from_options(None, None, processed_dir)
    db = served_or_fail(settings.processed_dir)
    if compare_build is not None:
        if not compare_build.exists() and (settings.processed_dir / compare_build).exists():
            compare_build = settings.processed_dir / compare_build
        if not compare_build.exists():
            fail(f"--compare-build {compare_build}: no such database file")
    opts = {
        "lang": lang,
        "since": _parse_since(since),
        "compare_build": compare_build,
        "processed_dir": settings.processed_dir,
    }
    return db, settings.processed_dir, opts


def _out_dir(out: Path | None, processed_dir: Path) -> Path:
    from reports.archive import default_dir

    return out if out is not None else default_dir(processed_dir)


def _generate_one(db: Path, out_dir: Path, municipality: str | None, opts: dict) -> Path:
    from reports.content import generate

    try:
        return generate(db, out_dir, municipality_key=municipality, **opts)
    except (ValueError, FileNotFoundError, KeyError) as exc:
        fail(str(exc))
    raise AssertionError  # pragma: no cover


@app.command()
def district(
    lang: str = LangOpt,
    since: str | None = SinceOpt,
    compare_build: Path | None = CompareOpt,
    out: Path | None = OutOpt,
    processed_dir: Path | None = ProcessedOpt,
) -> None:
    """Briefing for the whole region of the served database."""
    db, pdir, opts = _context(processed_dir, lang, since, compare_build)
    path = _generate_one(db, _out_dir(out, pdir), None, opts)
    console.print(f"wrote {path}", soft_wrap=True, highlight=False)


@app.command()
def municipality(
    ags: str = typer.Argument(..., help="8-digit municipality key (AGS), e.g. 13076001"),
    lang: str = LangOpt,
    since: str | None = SinceOpt,
    compare_build: Path | None = CompareOpt,
    out: Path | None = OutOpt,
    processed_dir: Path | None = ProcessedOpt,
) -> None:
    """Briefing for one municipality."""
    if not (len(ags) == 8 and ags.isdigit()):
        fail(f"{ags!r} is not a municipality key: use the 8-digit AGS, e.g. 13076001")
    db, pdir, opts = _context(processed_dir, lang, since, compare_build)
    path = _generate_one(db, _out_dir(out, pdir), ags, opts)
    console.print(f"wrote {path}", soft_wrap=True, highlight=False)


@app.command(name="all")
def all_(
    out: Path = typer.Option(..., "--out", help="Folder for the PDFs and index.csv"),
    lang: str = LangOpt,
    since: str | None = SinceOpt,
    compare_build: Path | None = CompareOpt,
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="Only the first N municipalities (by name), for a trial run"
    ),
    district_too: bool = typer.Option(
        True, "--district/--no-district", help="Also write the district briefing"
    ),
    processed_dir: Path | None = ProcessedOpt,
) -> None:
    """Briefings for every municipality of the region (and the district) into one folder."""
    from reports.content import generate, municipality_keys

    db, _, opts = _context(processed_dir, lang, since, compare_build)
    keys = municipality_keys(db)
    if limit is not None:
        keys = keys[:limit]
    if not keys:
        fail("the served database holds no municipalities")
    targets: list[str | None] = ([None] if district_too else []) + list(keys)
    written: list[Path] = []
    failed: list[tuple[str, str]] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        disable=not err_console.is_terminal,
    ) as progress:
        task = progress.add_task("briefings", total=len(targets))
        for key in targets:
            progress.update(task, description=f"briefing {key or 'district'}")
            try:
                written.append(generate(db, out, municipality_key=key, **opts))
            except Exception as exc:  # one bad municipality must not stop the batch
                failed.append((key or "district", f"{type(exc).__name__}: {exc}"))
            progress.advance(task)
    console.print(f"wrote {len(written)} briefings to {out} (index: {out / 'index.csv'})")
    for key, reason in failed:
        err_console.print(f"[bold red]failed:[/] {key}: {reason}", highlight=False)
    if failed:
        raise typer.Exit(1)
