"""Download the official sources into data/raw (the only code that uses the network).

Modules, arrows one way: :mod:`.discovery` (which export is the newest: day and
release rule), :mod:`.transfer` (streamed, resumable, retried HTTP into a
``.part`` file), :mod:`.verify` (the zip is complete before it is placed),
:mod:`.sources` (MaStR export and VG250: find, fetch, verify, place, prune).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from etl.download.discovery import mastr_release
from etl.download.sources import Fetched, fetch_mastr, fetch_vg250, find_newest
from etl.download.transfer import DownloadError, ProgressCallback, TransferPolicy, new_session

__all__ = ["DownloadError", "Fetched", "download_sources", "mastr_release"]


def download_sources(
    raw_dir: Path,
    *,
    today: date | None = None,
    days_back: int = 3,
    policy: TransferPolicy | None = None,
    progress: dict[str, ProgressCallback] | None = None,
    force_vg250: bool = False,
) -> list[Fetched]:
    """Fetch the newest MaStR bulk export and (if missing) VG250 into ``raw_dir``.

    ``progress`` maps ``"mastr"`` / ``"vg250"`` to progress callbacks. Raises
    :class:`DownloadError`; nothing is placed for a file that failed.
    """
    policy = policy or TransferPolicy.from_env()
    progress = progress or {}
    raw_dir.mkdir(parents=True, exist_ok=True)
    with new_session() as session:
        found = find_newest(
            raw_dir, session, policy, today=today or date.today(), days_back=days_back
        )
        mastr = fetch_mastr(raw_dir, found, session, policy, progress.get("mastr"))
        vg250 = fetch_vg250(raw_dir, session, policy, progress.get("vg250"), force=force_vg250)
    return [mastr, vg250]
