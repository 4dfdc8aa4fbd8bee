"""Getting real data in: ``energiezukunft download``.

Plain functions; :mod:`etl.cli.app` registers them as commands.
"""

from __future__ import annotations

from pathlib import Path

import typer

from etl.cli.common import (
    RawOpt,
    console,
    fail,
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
    from etl.cli.common import settings_from_options
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
