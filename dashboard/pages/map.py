"""Karte: unit points, per-municipality aggregates and a switchable choropleth."""

from __future__ import annotations

import streamlit as st

from analysis import figures, queries
from analysis import format as fmt
from dashboard import components, state

METRICS: tuple[str, ...] = ("mw", "kw_km2", "kw_inh", "mwh_inh")


def _clicked_municipality(event: object) -> str | None:
    """The municipality key of the first clicked point or area, if any."""
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


def _on_select() -> None:
    """Remember a clicked municipality (runs once per new selection)."""
    key = _clicked_municipality(st.session_state.get("map_chart"))
    if key:
        state.set_municipality(key)
        st.session_state["ez_goto_profile"] = True


def render() -> None:
    """Lay out the map page."""
    ctx = components.context()
    if ctx is None:
        return
    if st.session_state.pop("ez_goto_profile", False):
        st.switch_page("dashboard/pages/municipality.py")
    lang = ctx.lang
    components.page_header(ctx, "map_title", "map_intro")
    f = components.sidebar_filters(ctx, ("carrier", "status", "municipality")).without("period")

    c1, c2 = st.columns([2, 1])
    metric = (
        c1.segmented_control(
            ctx.t("map_metric"),
            options=list(METRICS),
            format_func=lambda m: ctx.t(f"metric_{m}"),
            default="mw",
            key="w_map_metric",
        )
        or "mw"
    )
    counts = queries.map_point_counts(ctx.db, f)
    auto_kw = queries.top_point_threshold(ctx.db, f)
    allowed = [kw for kw in queries.POINT_THRESHOLDS_KW if counts[kw] <= queries.MAX_MAP_POINTS]
    choice = c2.selectbox(
        ctx.t("map_min_kw"),
        options=["auto", *allowed],
        format_func=lambda v: (
            f"{ctx.t('map_auto')} ({fmt.with_unit(auto_kw, 'kW', 1, lang)})"
            if v == "auto"
            else fmt.with_unit(v, "kW", 0, lang)
        ),
        key="w_map_min_kw",
    )
    min_kw = auto_kw if choice == "auto" else float(choice)

    points = queries.map_points(ctx.db, f, min_kw)
    aggregates = queries.map_aggregates(ctx.db, f, min_kw)
    munis = queries.municipalities(ctx.db)
    cap = queries.municipality_capacity(ctx.db, f)
    values = figures.choropleth_values(munis, cap, metric, state.current_assumptions().hours)
    online = components.map_tiles_online()
    fig = figures.map_figure(
        points=points,
        aggregates=aggregates,
        geojson=queries.municipality_geojson(ctx.db),
        choropleth=values,
        metric_label=ctx.t(f"metric_{metric}"),
        bounds=queries.region_bounds(ctx.db, f.municipality),
        lang=lang,
        style=figures.MAP_STYLE_ONLINE if online else figures.MAP_STYLE_OFFLINE,
        selected=f.municipality,
        label=ctx.t("demo_label") if queries.is_demo(ctx.db) else None,
    )
    components.chart(
        fig,
        lang=ctx.lang,
        key="map_chart",
        on_select=_on_select,
        selection_mode="points",
        config={"scrollZoom": True, "displaylogo": False},
    )
    st.caption(
        ctx.t(
            "map_points_info",
            n=fmt.integer(len(points), lang),
            kw=fmt.with_unit(min_kw, "kW", 1, lang),
            m=fmt.integer(int(aggregates["unit_count"].sum()) if len(aggregates) else 0, lang),
        )
        + " "
        + ctx.t("map_legend_status")
    )
    st.caption(
        ctx.t("map_click_hint") + " " + ctx.t("map_online_attr" if online else "map_offline")
    )

    if f.municipality and st.button(
        ctx.t("map_open_profile"), icon=":material/location_city:", key="w_map_open"
    ):
        st.switch_page("dashboard/pages/municipality.py")


render()
