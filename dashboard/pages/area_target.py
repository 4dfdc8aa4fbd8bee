"""Flächenziel: designated and draft wind areas against the Wind-an-Land targets."""

from __future__ import annotations

import streamlit as st

from analysis import figures, office_tables, queries
from analysis import format as fmt
from analysis import office_queries as oq
from analysis.figures import area_target as ofig
from dashboard import columns, components


def _part(header: str, unit: str) -> str:
    """One part of a combined header: ``WEA in Gebieten (Anzahl / MW)`` → ``… (MW)``."""
    return f"{header.split(' (')[0]} ({unit})"


def _target_metric(col, ctx: components.PageContext, label: str, share: float, km2: float,
                   year: int, target: float) -> None:  # fmt: skip
    """The designated share against one target; a shortfall is a negative (red) delta."""
    lang = ctx.lang
    col.metric(
        ctx.t(label),
        fmt.percent(share, 2, lang),
        ctx.t(
            "at_vs_target",
            diff=fmt.number((share - target) * 100, 2, lang),
            year=year,
            target=fmt.number(target * 100, 1, lang),
        ),
        delta_color="normal",
        help=ctx.t("at_km2", km2=fmt.number(km2, 1, lang)),
    )


def _metrics(ctx: components.PageContext, scope, loc) -> tuple[float, float]:
    """Land, the designated share against both targets, drafts as potential, turbines inside.

    Returns the designated and the draft share of the land.
    """
    lang = ctx.lang
    land = float(scope["municipality_area_km2"].sum())
    designated = float(scope["designated_km2"].sum())
    draft = float(scope["draft_km2"].sum())
    d_share = designated / land if land else 0.0
    draft_share = draft / land if land else 0.0
    (y1, t1), (y2, t2) = oq.AREA_TARGETS
    c1, c2, c3 = st.columns(3)
    c1.metric(ctx.t("at_m_land"), fmt.with_unit(land, "km²", 0, lang))
    _target_metric(c2, ctx, "at_m_designated", d_share, designated, y1, t1)
    _target_metric(c3, ctx, "at_m_designated_2032", d_share, designated, y2, t2)
    c4, c5, _ = st.columns(3)
    c4.metric(
        ctx.t("at_m_draft"),
        fmt.percent(draft_share, 2, lang),
        ctx.t("at_m_draft_delta", km2=fmt.number(draft, 1, lang)),
        delta_color="off",
        delta_arrow="off",
    )
    op = loc[loc["status"] == "operating"]
    inside = float(op[op["location"].isin(["designated", "draft"])]["mw"].sum())
    total_op = float(op["mw"].sum())
    c5.metric(
        ctx.t("at_m_inside"),
        fmt.percent(inside / total_op if total_op else None, 0, lang),
        ctx.t("at_inside_mw", mw=fmt.number(inside, 0, lang), total=fmt.number(total_op, 0, lang)),
        delta_color="off",
        delta_arrow="off",
    )
    return d_share, draft_share


def render() -> None:
    """Lay out the area-target page."""
    ctx = components.context()
    if ctx is None:
        return
    lang = ctx.lang
    components.page_header(ctx, "at_title", "at_intro")
    if not oq.has_office_tables(ctx.db):
        st.info(ctx.t("office_old_build"))
        return
    f = components.sidebar_filters(ctx, ("municipality",))
    source_file = oq.list_loaded(ctx.db, "office_wind_areas")
    if source_file is None:
        st.info(ctx.t("at_no_list"), icon=":material/info:")
        st.caption(ctx.t("at_binding_unit"))
        return
    st.caption(ctx.t("at_list_file", file=source_file))

    by_muni = oq.area_by_municipality(ctx.db)
    scope = by_muni[by_muni["municipality_key"] == f.municipality] if f.municipality else by_muni
    st.caption(ctx.t("mix_scope", name=components.scope_name(ctx, f.municipality)))
    loc = oq.units_by_location(ctx.db, f.municipality)
    d_share, draft_share = _metrics(ctx, scope, loc)
    st.caption(ctx.t("at_binding_unit"))

    left, right = st.columns([1, 1])
    with left:
        st.subheader(ctx.t("at_share"))
        components.chart(
            ofig.area_share_figure(d_share, draft_share, oq.AREA_TARGETS, lang),
            lang=ctx.lang,
            key="at_share_chart",
        )
        st.caption(ctx.t("at_share_caption"))
    with right:
        st.subheader(ctx.t("at_units"))
        components.chart(ofig.units_by_location_bar(loc, lang), lang=ctx.lang, key="at_units_chart")
        st.caption(ctx.t("at_units_caption"))

    st.subheader(ctx.t("at_map"))
    online = components.map_tiles_online()
    fig = ofig.area_map(
        oq.wind_areas_geojson(ctx.db),
        queries.municipality_geojson(ctx.db),
        oq.wind_unit_points(ctx.db, f.municipality),
        queries.region_bounds(ctx.db, f.municipality),
        lang=lang,
        style=figures.MAP_STYLE_ONLINE if online else figures.MAP_STYLE_OFFLINE,
        phone=components.is_phone(),
    )
    components.chart(fig, lang=ctx.lang, key="at_map_chart", config=figures.MAP_CONFIG)
    st.caption(ctx.t("map_online_attr" if online else "map_offline"))

    st.subheader(ctx.t("at_by_municipality"))
    n_label, mw_label = ctx.t("col_count"), "MW"
    columns.table(
        office_tables.area_table(scope),
        {
            "municipality_name": (ctx.t("municipality"), "text"),
            "municipality_area_km2": (ctx.t("at_col_land"), 1),
            "designated_km2": (ctx.t("at_col_designated"), 2),
            "draft_km2": (ctx.t("at_col_draft"), 2),
            "any_share": (ctx.t("at_col_share"), "percent2"),
            "units_inside": (_part(ctx.t("at_col_inside"), n_label), 0),
            "mw_inside": (_part(ctx.t("at_col_inside"), mw_label), 1),
            "units_outside": (_part(ctx.t("at_col_outside"), n_label), 0),
            "mw_outside": (_part(ctx.t("at_col_outside"), mw_label), 1),
        },
        lang,
    )
    st.caption(ctx.t("at_table_caption"))
    with st.expander(ctx.t("at_areas_table")):
        columns.table(
            office_tables.wind_areas_table(oq.wind_areas(ctx.db), lang),
            {
                "area_id": (ctx.t("at_col_id"), "text"),
                "area_name": (ctx.t("at_col_name"), "text"),
                "status": (ctx.t("status"), "text"),
                "plan": (ctx.t("at_col_plan"), "text"),
                "area_km2": (ctx.t("at_col_area"), 2),
            },
            lang,
        )


render()
