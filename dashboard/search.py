"""Finding a municipality without the sidebar: the search box and a row of page links.

The search is one ``st.selectbox`` whose options are the municipalities (AGS)
labelled "Name · PLZ 19288, 19294"; Streamlit filters them as the user types,
so a name fragment or a postcode finds the municipality. Choosing one selects
it for every page (``?gemeinde=<AGS>``) and opens its profile.
"""

from __future__ import annotations

import streamlit as st

from analysis import queries
from analysis.i18n import t
from dashboard import components, state

#: The municipality profile page (``st.switch_page`` target).
PROFILE_PAGE = "dashboard/pages/municipality.py"
#: Pages linked on the start page, so a phone reaches them without opening the sidebar.
LINKED_PAGES: tuple[tuple[str, str, str], ...] = (
    ("dashboard/pages/map.py", "nav_map", ":material/map:"),
    (PROFILE_PAGE, "nav_municipality", ":material/location_city:"),
    ("dashboard/pages/growth.py", "nav_growth", ":material/trending_up:"),
    ("dashboard/pages/hydrogen.py", "nav_hydrogen", ":material/water_drop:"),
    ("dashboard/pages/data_quality.py", "nav_data", ":material/fact_check:"),
)
_OPEN_FLAG = "ez_open_profile"


def _chosen() -> None:
    """``on_change``: select the chosen municipality and ask for its profile."""
    key = st.session_state.get("w_search")
    if key:
        state.set_municipality(key)
        st.session_state[_OPEN_FLAG] = True
    st.session_state["w_search"] = None  # the box is for finding, not a filter


def take_open_request() -> bool:
    """Whether a municipality was just chosen in the search (asked once per choice)."""
    return bool(st.session_state.pop(_OPEN_FLAG, False))


def option_labels(
    names: dict[str, str], postcodes: dict[str, tuple[str, ...]], lang: str
) -> dict[str, str]:
    """AGS → "Name · PLZ 19288, 19294" (the name alone without postcodes)."""
    return {
        key: t("st_option_postcodes", lang, name=name, postcodes=", ".join(postcodes[key]))
        if postcodes.get(key)
        else name
        for key, name in names.items()
    }


def municipality_search(ctx: components.PageContext) -> None:
    """The search box (names and postcodes, type-ahead)."""
    labels = option_labels(
        queries.municipality_names(ctx.db), queries.municipality_postcodes(ctx.db), ctx.lang
    )
    st.selectbox(
        ctx.t("st_search_label"),
        options=list(labels),
        index=None,
        format_func=lambda k: labels.get(k, k),
        placeholder=ctx.t("st_search_placeholder"),
        help=ctx.t("st_search_help"),
        key="w_search",
        on_change=_chosen,
    )


def page_links(ctx: components.PageContext) -> None:
    """A wrapping row of links to the main pages (visible on a phone, unlike the sidebar)."""
    with st.container(horizontal=True, gap="small"):
        for path, title_key, icon in LINKED_PAGES:
            st.page_link(path, label=ctx.t(title_key), icon=icon)
