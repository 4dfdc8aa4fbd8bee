"""The HTML document around every page: its language, its tab title, how it prints, and
one history entry per page change.

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


#: Streamlit adds a browser history entry (``pushState``) whenever the query string
#: changes, so a filter or a map click that the app writes to the URL made Back need
#: two presses. Same-page URL updates replace the entry instead; a page change still
#: adds one. Installed once per browser tab.
HISTORY_JS = """
(function () {
  var w = window.parent || window;
  if (w.__ezHistory) { return; }
  w.__ezHistory = true;
  var push = w.history.pushState.bind(w.history);
  w.history.pushState = function (state, title, url) {
    try {
      var next = new URL(url, w.location.href);
      if (next.pathname === w.location.pathname) {
        return w.history.replaceState(state, title, url);
      }
    } catch (e) { /* fall through to a normal entry */ }
    return push(state, title, url);
  };
})();
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
        f"document.documentElement.lang = '{code}';{HISTORY_JS}</script>",
        unsafe_allow_javascript=True,
    )
