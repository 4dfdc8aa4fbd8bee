"""Erklärung zur Barrierefreiheit: what is and is not accessible, feedback and date."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis import format as fmt
from analysis.i18n import t
from dashboard import state

#: When the statement was last assessed (update with the text).
STATEMENT_DATE = date(2026, 12, 3)
#: The statement's sections: (heading key, text key).
SECTIONS = (
    ("ax_status_title", "ax_status"),
    ("ax_met_title", "ax_met"),
    ("ax_not_met_title", "ax_not_met"),
    ("ax_feedback_title", "ax_feedback"),
    ("ax_enforcement_title", "ax_enforcement"),
)


def render() -> None:
    """Lay out the accessibility statement (shown also without a database)."""
    lang = state.lang()
    st.title(t("ax_title", lang))
    st.write(t("ax_intro", lang))
    for title, body in SECTIONS:
        st.subheader(t(title, lang))
        st.markdown(t(body, lang))
    st.caption(t("ax_date", lang, date=fmt.day(STATEMENT_DATE, lang)))


render()
