"""Which MaStR bulk export is the newest one the server offers.

The Bundesnetzagentur publishes one export a day,
``Gesamtdatenexport_YYYYMMDD_YY.N.zip``, sometime during the morning; until
then only yesterday's file exists. ``YY.N`` is the MaStR release: ``YY.1``
from April, ``YY.2`` from October. A new release goes live during its first
day, so the export of 1 April and of 1 October still carries the old release;
the new one starts the day AFTER. The rule may be off by a day when the
release date moves, so every day is tried with the expected release and then
the neighbouring one (the release before, the release after).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

#: Official address; ``{date}`` is ``YYYYMMDD``, ``{release}`` ``YY.N``
#: (``EZ_MASTR_URL`` overrides it, e.g. for a mirror).
MASTR_URL = "https://download.marktstammdatenregister.de/Gesamtdatenexport_{date}_{release}.zip"
#: How many days before today are tried when today's export is not there yet.
DEFAULT_DAYS_BACK = 3


@dataclass(frozen=True)
class Candidate:
    """One export that may exist on the server."""

    day: date
    release: str
    url: str

    @property
    def file_name(self) -> str:
        """The export's file name, as the server names it."""
        return f"Gesamtdatenexport_{self.day:%Y%m%d}_{self.release}.zip"


def _release_of(day: date) -> tuple[int, int]:
    """(year, 1 or 2) of the release that exports carry on ``day``."""
    if (day.month, day.day) <= (4, 1):
        return (day.year - 1, 2)
    if (day.month, day.day) <= (10, 1):
        return (day.year, 1)
    return (day.year, 2)


def _fmt(release: tuple[int, int]) -> str:
    return f"{release[0] % 100:02d}.{release[1]}"


def mastr_release(day: date) -> str:
    """The MaStR release in the export's name on ``day``: ``YY.N``.

    ``26.1`` from 2 April 2026, ``26.2`` from 2 October 2026; 1 April and
    1 October still carry the previous release.
    """
    return _fmt(_release_of(day))


def neighbour_releases(day: date) -> tuple[str, str]:
    """The release before and the release after the expected one on ``day``."""
    year, n = _release_of(day)
    before = (year - 1, 2) if n == 1 else (year, 1)
    after = (year, 2) if n == 1 else (year + 1, 1)
    return _fmt(before), _fmt(after)


def candidates(
    today: date, days_back: int = DEFAULT_DAYS_BACK, url_template: str = MASTR_URL
) -> list[Candidate]:
    """Exports to try, newest first: today, then up to ``days_back`` days before.

    Each day is tried with its expected release, then the neighbouring ones.
    """
    out: list[Candidate] = []
    for back in range(days_back + 1):
        day = today - timedelta(days=back)
        for release in (mastr_release(day), *neighbour_releases(day)):
            url = url_template.format(date=f"{day:%Y%m%d}", release=release)
            out.append(Candidate(day, release, url))
    return out
