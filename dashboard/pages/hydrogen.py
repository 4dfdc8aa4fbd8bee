"""Wasserstoff: the office's hydrogen projects on a map and a timeline, with nearby renewables."""

from __future__ import annotations

import streamlit as st

from analysis import figures, office_tables, queries
from analysis import format as fmt
from analysis import office_queries as oq
from analysis.figures import hydrogen as ofig
from analysis.i18n import carrier_label
from dashboard import columns, components
from etl.schema.office_marts import NEARBY_RADII_KM


def render() -> None:
    """Lay out the hydrogen page."""
    ctx = components.context()
    if ctx is None:
        return
    lang = ctx.lang
    components.page_header(ctx, "h2_title", "h2_intro")
    if not oq.has_office_tables(ctx.db):
        st.info(ctx.t("office_old_build"))
        return
    f = components.sidebar_filters(ctx, ("municipality",))
    projects = oq.hydrogen_projects(ctx.db, f.municipality)
    source_file = oq.list_loaded(ctx.db, "office_hydrogen_projects")
    if source_file is None:
        st.info(ctx.t("h2_no_list"), icon=":material/info:")
        return
    st.caption(ctx.t("h2_list_file", file=source_file))
    if projects.empty:
        st.info(ctx.t("no_data"))
        return

    active = projects[projects["status"] != "cancelled"]
    c1, *cols = st.columns(4)
    c1.metric(ctx.t("h2_m_projects"), fmt.integer(len(active), lang),
              ctx.t("h2_m_cancelled", n=len(projects) - len(active)), delta_color="off",
              delta_arrow="off")  # fmt: skip
    stages = office_tables.hydrogen_by_stage(projects)
    for col, row in zip(cols, stages.itertuples(), strict=True):
        col.metric(
            ctx.t(f"h2_m_stage_{row.stage_group}"),
            fmt.with_unit(row.electrolyser_mw, "MW", 0, lang),
            ctx.t(
                "h2_m_stage_delta",
                t=fmt.number(row.hydrogen_output_t_per_year, 0, lang),
                n=fmt.integer(row.projects, lang),
            ),
            delta_color="off",
            delta_arrow="off",
        )
    st.caption(ctx.t("h2_stages_caption"))

    st.subheader(ctx.t("h2_map"))
    online = components.map_tiles_online()
    fig = ofig.hydrogen_map(
        projects,
        queries.municipality_geojson(ctx.db),
        queries.region_bounds(ctx.db, f.municipality),
        lang=lang,
        style=figures.MAP_STYLE_ONLINE if online else figures.MAP_STYLE_OFFLINE,
        phone=components.is_phone(),
    )
    components.chart(fig, lang=ctx.lang, key="h2_map_chart", config=figures.MAP_CONFIG)
    approx = int(projects["is_location_approximate"].sum())
    st.caption(
        (ctx.t("h2_approx_note", n=approx) + " " if approx else "")
        + ctx.t("map_online_attr" if online else "map_offline")
    )

    st.subheader(ctx.t("h2_timeline"))
    components.chart(ofig.hydrogen_timeline(projects, lang), lang=ctx.lang, key="h2_timeline_chart")
    st.subheader(ctx.t("h2_by_status"))
    components.chart(
        ofig.electrolyser_by_status(projects, lang), lang=ctx.lang, key="h2_status_chart"
    )

    st.subheader(ctx.t("h2_nearby"))
    radius = st.select_slider(
        ctx.t("h2_radius"),
        options=list(NEARBY_RADII_KM),
        value=20 if 20 in NEARBY_RADII_KM else NEARBY_RADII_KM[0],
        format_func=lambda r: f"{r} km",
        key="w_h2_radius",
    )
    nearby = oq.hydrogen_nearby(ctx.db, radius)
    names = dict(zip(projects["project_id"], projects["project_name"], strict=True))
    ring = nearby[(nearby["scope"] == "radius") & nearby["project_id"].isin(names)]
    components.chart(
        ofig.nearby_capacity_bar(ring, names, lang), lang=ctx.lang, key="h2_nearby_chart"
    )
    columns.table(
        office_tables.nearby_table(projects, nearby[nearby["project_id"].isin(names)]),
        {
            "project_name": (ctx.t("h2_col_project"), "text"),
            "municipality_name": (ctx.t("municipality"), "text"),
            "electrolyser_mw": (ctx.t("h2_col_electrolyser"), 1),
            "same_municipality_mw": (ctx.t("h2_col_same_muni"), 1),
            "wind_mw": (ctx.t("h2_col_wind"), 1),
            "pv_mw": (ctx.t("h2_col_pv"), 1),
            "total_mw": (ctx.t("h2_col_total"), 1),
            "planned_mw": (ctx.t("h2_col_planned"), 1),
        },
        lang,
    )
    st.caption(ctx.t("h2_nearby_caption", radius=radius))

    with st.expander(ctx.t("h2_list_table")):
        columns.table(
            office_tables.hydrogen_table(projects, lang),
            {
                "project_id": (ctx.t("h2_col_id"), "text"),
                "project_name": (ctx.t("h2_col_project"), "text"),
                "operator": (ctx.t("h2_col_operator"), "text"),
                "project_type": (ctx.t("h2_col_type"), "text"),
                "status": (ctx.t("status"), "text"),
                "expected_year": (ctx.t("h2_col_year"), "year"),
                "electrolyser_mw": (ctx.t("h2_col_electrolyser"), 1),
                "hydrogen_output_t_per_year": (ctx.t("h2_col_output"), 0),
                "electricity_source": (ctx.t("h2_col_power"), "text"),
                "funding": (ctx.t("h2_col_funding"), "text"),
                "source": (ctx.t("pl_col_source"), "text"),
            },
            lang,
        )
    shown = ("wind_onshore", "pv_ground", "pv_building", "biomass", "hydro")
    st.caption(ctx.t("h2_carriers_note", carriers=", ".join(carrier_label(c, lang) for c in shown)))


render()
