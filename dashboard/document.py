"""The HTML document around every page: its language, its tab title and how it prints.

Streamlit serves one ``index.html`` with ``<html lang="en">`` and one title for
all pages. Screen readers and translation tools read ``lang``, so it is set to
the chosen UI language on every run; the tab title names the page. Printing
leaves out the sidebar, the toolbar and the header and lets tables use the
full width.
"""

from __future__ import annotations

import streamlit as st

from analysis.i18n import normalise_language

APP_TITLE = "Energiezukunft LUP"

#: Print stylesheet: no sidebar, header or toolbars; the main block takes the page width.
PRINT_CSS = """
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stElementToolbar"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; width: 100% !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 1rem !important; }
}
"""


def page_title(page_title: str) -> str:
    """The browser tab title of a page: ``Karte · Energiezukunft LUP``."""
    return f"{page_title} · {APP_TITLE}"


def set_document(lang: str, title: str) -> None:
    """Tab title of the current page, ``<html lang>`` and the print stylesheet (every run)."""
    st.set_page_config(page_title=page_title(title))
    code = normalise_language(lang)  # only 'de' or 'en' reaches the script
    st.html(
        f"<style>{PRINT_CSS}</style>"
        f"<script>window.parent.document.documentElement.lang = '{code}';"
        f"document.documentElement.lang = '{code}';</script>",
        unsafe_allow_javascript=True,
    )
