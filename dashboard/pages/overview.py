"""Übersicht: headline figures for briefings."""

from __future__ import annotations

import streamlit as st

from analysis import estimates as est
from analysis import figures, queries, tables
from analysis import format as fmt
from dashboard import columns, components, state
from dashboard.briefing.streamlit_button import briefing_download_button


def render() -> None:
    """Lay out the overview page."""
    ctx = components.context()
    if ctx is None:
        return
    lang = ctx.lang
    components.page_header(ctx, "ov_title", "ov_intro")
    f = components.sidebar_filters(ctx, ("carrier", "municipality")).without("status", "period")
    st.caption(ctx.t("mix_scope", name=components.scope_name(ctx, f.municipality)))

    ov = queries.overview(ctx.db, f)
    assumptions = state.current_assumptions()
    gen = est.generation_by_carrier(
        ov.by_carrier.rename(columns={"operating_kw": "capacity_kw"}), assumptions
    )
    generation = float(gen["generation_mwh"].sum())
    consumption = est.consumption_mwh(ov.population, assumptions)
    coverage = est.coverage_share(generation, consumption)

    c1, c2, c3, c4 = st.columns(4)
    c1.metric(ctx.t("m_installed"), fmt.mw(ov.installed_kw, 1, lang))
    c2.metric(ctx.t("m_units"), fmt.integer(ov.operating_units, lang))
    c3.metric(
        ctx.t("m_wind_operating"),
        fmt.mw(ov.wind_operating_kw, 1, lang),
        ctx.t("n_units", n=fmt.integer(ov.wind_operating_units, lang)),
        delta_color="off",
        delta_arrow="off",
    )
    c4.metric(
        ctx.t("m_wind_pipeline"),
        fmt.mw(ov.wind_planned_kw, 1, lang),
        ctx.t("n_units", n=fmt.integer(ov.wind_planned_units, lang)),
        delta_color="off",
        delta_arrow="off",
    )
    c5, c6, c7, c8 = st.columns(4)
    c5.metric(
        ctx.t("m_additions", year=ov.year),
        fmt.mw(ov.additions_this_year_kw, 1, lang),
        ctx.t("n_units", n=fmt.integer(ov.additions_this_year_units, lang)),
        delta_color="off",
        delta_arrow="off",
    )
    c6.metric(
        ctx.t("m_additions", year=ov.year - 1),
        fmt.mw(ov.additions_last_year_kw, 1, lang),
        ctx.t("n_units", n=fmt.integer(ov.additions_last_year_units, lang)),
        delta_color="off",
        delta_arrow="off",
    )
    c7.metric(ctx.t("m_generation"), fmt.mwh(generation, 0, lang))
    c8.metric(
        ctx.t("m_coverage"),
        fmt.percent(coverage, 1, lang),
        help=ctx.t("m_coverage_help") if coverage is not None else ctx.t("coverage_no_population"),
    )

    components.assumptions_editor(ctx)
    briefing_download_button(ctx.db, f.municipality, lang, state.current_assumptions())

    st.subheader(ctx.t("ov_by_carrier"))
    st.plotly_chart(figures.capacity_by_carrier_bar(ov.by_carrier, lang), key="ov_bar")
    st.caption(ctx.t("ov_table_caption"))
    columns.table(
        tables.carrier_table(ov.by_carrier, gen, lang),
        {
            "carrier": (ctx.t("carrier"), "text"),
            "operating_mw": (ctx.t("col_operating_mw"), 1),
            "operating_units": (ctx.t("col_operating_units"), 0),
            "planned_mw": (ctx.t("col_planned_mw"), 1),
            "full_load_hours": (ctx.t("col_hours"), 0),
            "generation_mwh": (ctx.t("col_generation_mwh"), 0),
        },
        lang,
    )


render()
