"""Erklärung zur Barrierefreiheit: what is and is not accessible, feedback and date."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis import format as fmt
from analysis.i18n import t
from dashboard import state

#: When the statement was last assessed (update with the text).
STATEMENT_DATE = date(2026, 12, 3)


def render() -> None:
    """Lay out the accessibility statement (shown also without a database)."""
    lang = state.lang()
    st.title(t("ax_title", lang))
    st.write(t("ax_intro", lang))
    for section in ("status", "met", "not_met", "feedback", "enforcement"):
        st.subheader(t(f"ax_{section}_title", lang))
        st.markdown(t(f"ax_{section}", lang))
    st.caption(t("ax_date", lang, date=fmt.day(STATEMENT_DATE, lang)))


render()
