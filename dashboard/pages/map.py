"""Karte: coloured municipalities or unit points (a choice), names, legends inside the map."""

from __future__ import annotations

import streamlit as st

from analysis import figures, queries
from analysis import format as fmt
from analysis.filters import Filters
from dashboard import components, search, state

#: Height (px) of the map on a desktop and on a phone.
MAP_HEIGHT = {"desktop": 640, "phone": 430}


def _point_threshold(ctx: components.PageContext, f: Filters) -> float:
    """The smallest capacity drawn as a single dot, chosen in plain words."""
    lang = ctx.lang
    counts = queries.map_point_counts(ctx.db, f)
    auto_kw = queries.top_point_threshold(ctx.db, f)
    allowed = [kw for kw in queries.POINT_THRESHOLDS_KW if kw > 0]
    allowed = [kw for kw in allowed if counts[kw] <= queries.MAX_MAP_POINTS and kw > auto_kw]

    def label(v: object) -> str:
        if v == "auto":
            if auto_kw <= 0:
                return ctx.t("map_all_units")
            n = fmt.integer(queries.MAX_MAP_POINTS, lang)
            return ctx.t("map_top_units", n=n, kw=fmt.with_unit(auto_kw, "kW", 1, lang))
        return ctx.t("map_from_kw", kw=fmt.with_unit(float(v), "kW", 0, lang))  # type: ignore[arg-type]

    choice = st.selectbox(
        ctx.t("map_min_kw"), options=["auto", *allowed], format_func=label, key="w_map_min_kw"
    )
    return auto_kw if choice == "auto" else float(choice)


def render() -> None:
    """Lay out the map page."""
    ctx = components.context()
    if ctx is None:
        return
    search.open_requested_profile()
    lang = ctx.lang
    components.page_header(ctx, "map_title", "map_intro")
    f = components.sidebar_filters(ctx, ("carrier", "status", "municipality")).without("period")

    layer = (
        st.segmented_control(
            ctx.t("map_layer"),
            options=list(figures.MAP_LAYERS),
            format_func=lambda v: ctx.t(f"map_layer_{v}"),
            **state.remembered("w_map_layer", "ez_map_layer", figures.MAP_LAYERS[0]),
        )
        or figures.MAP_LAYERS[0]
    )
    munis = queries.municipalities(ctx.db)
    names = munis.rename(
        columns={"centroid_latitude": "latitude", "centroid_longitude": "longitude"}
    )[["municipality_key", "municipality_name", "latitude", "longitude"]]
    empty = names.iloc[0:0]
    if layer == "areas":
        # a radio wraps on a phone, so all four metrics stay visible
        metric = st.radio(
            ctx.t("map_metric"),
            options=list(figures.MAP_METRICS),
            format_func=lambda m: ctx.t(f"metric_{m}"),
            horizontal=True,
            **state.remembered("w_map_metric", "ez_map_metric", figures.MAP_METRICS[0]),
        )
        cap = queries.municipality_capacity(ctx.db, f)
        hours = state.current_assumptions().hours
        values = figures.choropleth_values(munis, cap, metric, hours)
        points, aggregates, min_kw = empty, empty, None
    else:
        metric, values = figures.MAP_METRICS[0], None
        min_kw = _point_threshold(ctx, f)
        points = queries.map_points(ctx.db, f, min_kw)
        aggregates = queries.map_aggregates(ctx.db, f, min_kw)

    online = components.map_tiles_online()
    phone = components.is_phone()
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
        names=names,
        title=components.scope_name(ctx, f.municipality) if f.municipality else None,
        phone=phone,
        height=MAP_HEIGHT["phone" if phone else "desktop"],
    )
    components.chart(
        fig,
        lang=ctx.lang,
        key="map_chart",
        on_select=search.open_on_click("map_chart"),
        selection_mode="points",
        config=figures.MAP_CONFIG,
    )
    if min_kw is None:
        info = ctx.t("map_areas_info")
    else:
        n_agg = int(aggregates["unit_count"].sum()) if len(aggregates) else 0
        info = ctx.t(
            "map_points_info",
            n=fmt.integer(len(points), lang),
            kw=fmt.with_unit(min_kw, "kW", 1, lang),
            m=fmt.integer(n_agg, lang),
        )
        info += " " + ctx.t("map_legend_status")
    st.caption(info + " " + ctx.t("map_zoom_hint"))
    st.caption(
        ctx.t("map_click_hint") + " " + ctx.t("map_online_attr" if online else "map_offline")
    )

    if f.municipality and st.button(
        ctx.t("map_open_profile"), icon=":material/location_city:", key="w_map_open"
    ):
        st.switch_page(search.PROFILE_PAGE)


render()
