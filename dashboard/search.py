"""Finding a municipality without the sidebar: the search box and a row of page links.

The search is one ``st.selectbox`` whose options are the municipalities (AGS)
labelled "Name · PLZ 19288, 19294"; Streamlit filters them as the user types,
so a name fragment or a postcode finds the municipality. Choosing one selects
it for every page (``?gemeinde=<AGS>``) and opens its profile.
"""

from __future__ import annotations

from collections.abc import Callable

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


def request_profile(key: str) -> None:
    """Select municipality ``key`` for every page and ask for its profile (a search choice,
    a map click); the next page run opens it (:func:`open_requested_profile`)."""
    state.set_municipality(key)
    st.session_state[_OPEN_FLAG] = True


def take_open_request() -> bool:
    """Whether a municipality was just chosen or clicked (asked once per choice)."""
    return bool(st.session_state.pop(_OPEN_FLAG, False))


def open_requested_profile() -> None:
    """Switch to the profile if a municipality was just chosen or clicked."""
    if take_open_request():
        st.switch_page(PROFILE_PAGE)


def clicked_municipality(event: object) -> str | None:
    """The municipality key (AGS) of the first clicked point or area of a map, if any.

    Map traces carry the key as the first ``customdata`` value, or as ``location``.
    """
    try:
        points = event.selection.points  # type: ignore[attr-defined]
    except AttributeError:
        try:
            points = event["selection"]["points"]  # type: ignore[index]
        except (KeyError, TypeError):
            return None
    for p in points or []:
        custom = p.get("customdata") if isinstance(p, dict) else None
        key = custom[0] if isinstance(custom, list | tuple) and custom else p.get("location")
        if isinstance(key, str) and len(key) == 8 and key.isdigit():
            return key
    return None


def open_on_click(widget_key: str) -> Callable[[], None]:
    """The ``on_select`` callback of map ``widget_key``: a clicked municipality opens its
    profile."""

    def on_select() -> None:
        key = clicked_municipality(st.session_state.get(widget_key))
        if key:
            request_profile(key)

    return on_select


def _chosen() -> None:
    """``on_change``: select the chosen municipality and ask for its profile."""
    key = st.session_state.get("w_search")
    if key:
        request_profile(key)
    st.session_state["w_search"] = None  # the box is for finding, not a filter


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
