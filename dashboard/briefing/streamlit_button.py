"""The "download briefing" button for the overview and municipality pages.

One call on a page: ``briefing_download_button(db, municipality_key, lang, assumptions)``.
The PDF is generated only when the button is clicked (a callable passed to
``st.download_button``), once per database build, region and language
(cached on the build's unique file name), and archived with the other
briefings (``data/processed/briefings/index.csv``) so it can be traced.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from analysis import i18n
from analysis.estimates import DEFAULT_ASSUMPTIONS, Assumptions

log = logging.getLogger(__name__)


@st.cache_data(max_entries=64, show_spinner=False)
def briefing_pdf(
    db: str,
    municipality_key: str | None,
    lang: str,
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
) -> bytes:
    """The briefing PDF for the served build ``db`` (cached per build, region, language
    and assumptions).

    "Changes since" compares with the previous kept build, if any. The PDF is
    archived next to the builds; an unwritable archive does not stop the
    download.
    """
    from reports import archive
    from reports.content import build_briefing
    from reports.pdf import render_pdf

    processed = Path(db).parent
    b = build_briefing(
        Path(db), municipality_key=municipality_key, lang=lang, processed_dir=processed
    )
    pdf = render_pdf(b)
    try:
        archive.archive(b, pdf, archive.default_dir(processed))
    except OSError as exc:  # e.g. a read-only deployment: the download still works
        log.warning("briefing not archived: %s", exc)
    return pdf


def briefing_file_name(municipality_key: str | None, lang: str, data_date: object) -> str:
    """Download name: ``Briefing_13076001_2026-09-21.pdf`` (English: ``…_en``)."""
    suffix = "" if lang == "de" else "_en"
    return f"Briefing_{municipality_key or 'Landkreis'}_{data_date or 'undatiert'}{suffix}.pdf"


def briefing_download_button(
    db: str | None,
    municipality_key: str | None = None,
    lang: str = "de",
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
) -> None:
    """Draw the download button for the briefing of the region or one municipality.

    ``assumptions``: the session's estimation assumptions, so the PDF's estimates
    are the ones the page shows.
    """
    if not db:
        return
    from analysis import queries

    name = briefing_file_name(municipality_key, lang, queries.data_date(db))
    label_key = "briefing_download_municipality" if municipality_key else "briefing_download"
    st.download_button(
        i18n.t(label_key, lang),
        data=lambda: briefing_pdf(db, municipality_key, lang, assumptions),
        file_name=name,
        mime="application/pdf",
        help=i18n.t("briefing_help", lang),
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key=f"briefing_{municipality_key or 'region'}_{lang}",
    )
