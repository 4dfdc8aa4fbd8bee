"""Filters, language and assumptions: session state that survives page changes, and the URL.

Streamlit forgets a widget's state when a page without that widget runs. So
the selection is kept under our own session keys (``ez_*``); each widget
(``w_*``) is seeded from them before it is drawn and copied back after. The
selection is written to the URL query parameters on every run (``lang``,
``carrier``, ``status``, ``gemeinde`` (the municipality's AGS; older links with
``municipality`` still work), ``period`` and, when changed from its default, the
consumption assumption ``consumption`` in MWh per inhabitant, and the map's metric
``kennzahl`` and view ``ansicht``) and read from them when a session starts, so a
view can be shared as a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import streamlit as st

from analysis.estimates import DEFAULT_ASSUMPTIONS, Assumptions
from analysis.figures.maps import MAP_LAYERS, MAP_METRICS
from analysis.filters import Filters
from analysis.i18n import DEFAULT_LANGUAGE, normalise_language, t
from etl.schema import CARRIERS, STATUSES

_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")
#: Accepted consumption assumption (MWh per inhabitant and year), as in the editor.
CONSUMPTION_RANGE: tuple[float, float] = (0.1, 100.0)
_AGS = re.compile(r"^\d{8}$")


# --------------------------------------------------------------------------- #
# Parsing and writing query parameters (pure)
# --------------------------------------------------------------------------- #
def parse_params(params: Mapping[str, object]) -> dict[str, object]:
    """Session values from URL query parameters; invalid values are ignored."""

    def one(name: str) -> str:
        v = params.get(name)
        if isinstance(v, list | tuple):
            v = ",".join(str(x) for x in v)
        return "" if v is None else str(v)

    out: dict[str, object] = {}
    if one("lang"):
        out["ez_lang"] = normalise_language(one("lang"))
    carriers = tuple(c for c in one("carrier").split(",") if c in CARRIERS)
    if carriers:
        out["ez_carriers"] = carriers
    statuses = tuple(s for s in one("status").split(",") if s in STATUSES)
    if statuses:
        out["ez_statuses"] = statuses
    municipality = one("gemeinde") or one("municipality")  # older links say "municipality"
    if _AGS.match(municipality):
        out["ez_municipality"] = municipality
    m = _PERIOD.match(one("period"))
    if m and int(m.group(1)) <= int(m.group(2)):
        out["ez_period"] = (int(m.group(1)), int(m.group(2)))
    consumption = _consumption(one("consumption"))
    if consumption is not None:
        out["ez_consumption"] = consumption
    if one("kennzahl") in MAP_METRICS:
        out["ez_map_metric"] = one("kennzahl")
    if one("ansicht") in MAP_LAYERS:
        out["ez_map_layer"] = one("ansicht")
    return out


def _consumption(text: str) -> float | None:
    """A consumption assumption from the URL (``4.3`` or ``4,3``), ``None`` if implausible."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if CONSUMPTION_RANGE[0] <= value <= CONSUMPTION_RANGE[1] else None


def params_for(
    lang: str,
    f: Filters,
    consumption: float | None = None,
    map_metric: str | None = None,
    map_layer: str | None = None,
) -> dict[str, str]:
    """URL query parameters for a language, selection, consumption and the map's metric and
    view (``kennzahl``, ``ansicht``); defaults are left out."""
    out: dict[str, str] = {}
    if lang != DEFAULT_LANGUAGE:
        out["lang"] = lang
    if f.carriers:
        out["carrier"] = ",".join(f.carriers)
    if f.statuses:
        out["status"] = ",".join(f.statuses)
    if f.municipality:
        out["gemeinde"] = f.municipality
    if f.year_from is not None and f.year_to is not None:
        out["period"] = f"{f.year_from}-{f.year_to}"
    if (
        consumption is not None
        and consumption != DEFAULT_ASSUMPTIONS.consumption_mwh_per_inhabitant
    ):
        out["consumption"] = f"{consumption:g}"
    if map_metric in MAP_METRICS and map_metric != MAP_METRICS[0]:
        out["kennzahl"] = map_metric
    if map_layer in MAP_LAYERS and map_layer != MAP_LAYERS[0]:
        out["ansicht"] = map_layer
    return out


# --------------------------------------------------------------------------- #
# Session state
# --------------------------------------------------------------------------- #
def init_session() -> None:
    """Seed the session from the URL once per session (call first on every run)."""
    ss = st.session_state
    if ss.get("ez_initialised"):
        return
    ss["ez_lang"] = DEFAULT_LANGUAGE
    ss["ez_carriers"] = ()
    ss["ez_statuses"] = ()
    ss["ez_municipality"] = None
    ss["ez_period"] = None
    ss.update(parse_params(st.query_params.to_dict()))
    ss["ez_initialised"] = True


def lang() -> str:
    """The UI language of this session."""
    return st.session_state.get("ez_lang", DEFAULT_LANGUAGE)


def current_filters() -> Filters:
    """The selection of this session."""
    ss = st.session_state
    period = ss.get("ez_period")
    return Filters(
        carriers=tuple(ss.get("ez_carriers") or ()),
        statuses=tuple(ss.get("ez_statuses") or ()),
        municipality=ss.get("ez_municipality") or None,
        year_from=period[0] if period else None,
        year_to=period[1] if period else None,
    )


def set_municipality(key: str | None) -> None:
    """Select a municipality (e.g. from a map click) for all pages."""
    st.session_state["ez_municipality"] = key


def _as_tuple(value: object) -> tuple:
    return tuple(value or ())  # type: ignore[arg-type]


def _or_none(value: object) -> object:
    return value or None


def sync_url() -> None:
    """Write the current language and selection to the URL (only when it changed)."""
    ss = st.session_state
    wanted = params_for(
        lang(),
        current_filters(),
        current_assumptions().consumption_mwh_per_inhabitant,
        ss.get("ez_map_metric"),
        ss.get("ez_map_layer"),
    )
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _bound(widget_key: str, state_key: str, default: object) -> None:
    """Seed widget state from the persistent value before the widget is drawn.

    Widgets on different pages are different widgets for Streamlit, even with
    the same key, so the value is always restored from the persistent key;
    changes reach the persistent key through the widget's ``on_change``.
    """
    value = st.session_state.get(state_key)
    if isinstance(value, tuple) and not isinstance(default, tuple):
        value = list(value)  # multiselects hold lists
    st.session_state[widget_key] = default if value is None else value


def _store(widget_key: str, state_key: str, convert: Callable[[object], object]) -> None:
    """``on_change`` callback: copy the widget's new value to the persistent key."""
    st.session_state[state_key] = convert(st.session_state.get(widget_key))


def remembered(widget_key: str, state_key: str, default: object) -> dict[str, object]:
    """Seed a page's own widget from its persistent value (e.g. from the URL).

    Returns the keyword arguments (``key``, ``on_change``, ``args``) that copy a
    change back, to pass to the widget; do not pass a default to it as well.
    """
    _bound(widget_key, state_key, default)
    return {"key": widget_key, "on_change": _store, "args": (widget_key, state_key, _or_none)}


def language_selector(label: str) -> str:
    """The language switch (sidebar); returns the chosen language."""
    _bound("w_lang", "ez_lang", DEFAULT_LANGUAGE)
    st.sidebar.radio(
        label,
        options=["de", "en"],
        format_func=lambda v: t("language_name", v),
        horizontal=True,
        key="w_lang",
        on_change=_store,
        args=("w_lang", "ez_lang", normalise_language),
    )
    return lang()


def filter_widgets(
    show: Iterable[str],
    *,
    texts: Callable[[str], str],
    carrier_label: Callable[[str], str],
    status_label: Callable[[str], str],
    municipalities: Mapping[str, str],
    years: tuple[int, int] | None,
) -> Filters:
    """Draw the filters ``show`` in the sidebar and return the whole selection.

    Filters a page does not show keep their value for the other pages.
    ``municipalities`` maps AGS to name (in display order); ``years`` bounds
    the period slider.
    """
    show = set(show)
    sb = st.sidebar
    sb.subheader(texts("filters"))
    if "carrier" in show:
        _bound("w_carrier", "ez_carriers", [])
        sb.multiselect(
            texts("filter_carrier"),
            options=list(CARRIERS),
            format_func=carrier_label,
            placeholder=texts("all_carriers"),
            help=texts("filter_help"),
            key="w_carrier",
            on_change=_store,
            args=("w_carrier", "ez_carriers", _as_tuple),
        )
    if "status" in show:
        _bound("w_status", "ez_statuses", [])
        sb.multiselect(
            texts("filter_status"),
            options=list(STATUSES),
            format_func=status_label,
            placeholder=texts("all_statuses"),
            key="w_status",
            on_change=_store,
            args=("w_status", "ez_statuses", _as_tuple),
        )
    if "municipality" in show:
        options = ["", *municipalities.keys()]
        current = st.session_state.get("ez_municipality")
        if current and current not in municipalities:
            st.session_state["ez_municipality"] = None
        _bound("w_municipality", "ez_municipality", "")
        sb.selectbox(
            texts("filter_municipality"),
            options=options,
            format_func=lambda k: municipalities.get(k, texts("all_municipalities")),
            key="w_municipality",
            on_change=_store,
            args=("w_municipality", "ez_municipality", _or_none),
        )
    if "period" in show and years is not None and years[0] < years[1]:
        lo, hi = years
        period = st.session_state.get("ez_period")
        if period and not (lo <= period[0] <= period[1] <= hi):
            period = (max(lo, min(period[0], hi)), min(hi, max(period[1], lo)))
            st.session_state["ez_period"] = period
        _bound("w_period", "ez_period", (lo, hi))

        def to_period(v: object) -> tuple[int, int] | None:
            if not v:
                return None
            a, b = int(v[0]), int(v[1])  # type: ignore[index]
            return None if (a, b) == (lo, hi) else (a, b)

        sb.slider(
            texts("filter_period"),
            min_value=lo,
            max_value=hi,
            key="w_period",
            on_change=_store,
            args=("w_period", "ez_period", to_period),
        )
    return current_filters()


# --------------------------------------------------------------------------- #
# Assumptions (edited on the overview page, used everywhere)
# --------------------------------------------------------------------------- #
def current_assumptions() -> Assumptions:
    """The estimation assumptions of this session (defaults until edited)."""
    ss = st.session_state
    hours = {c: float(ss[f"ez_flh_{c}"]) for c in CARRIERS if ss.get(f"ez_flh_{c}") is not None}
    a = DEFAULT_ASSUMPTIONS.with_hours(hours) if hours else DEFAULT_ASSUMPTIONS
    if ss.get("ez_consumption") is not None:
        a = Assumptions(
            full_load_hours=a.full_load_hours,
            consumption_mwh_per_inhabitant=float(ss["ez_consumption"]),
            eeg_ct_per_kwh=a.eeg_ct_per_kwh,
            eeg_wind_radius_m=a.eeg_wind_radius_m,
        )
    return a
