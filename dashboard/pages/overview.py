"""Übersicht: the start page for everyone: find a municipality, the district at a glance,
briefing tools, then the other headline figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import figures, headline, queries, tables
from analysis import format as fmt
from dashboard import columns, components, search, state
from dashboard.briefing.streamlit_button import briefing_download_button


def _metric(col: object, label: str, value: str, note: str | None = None, **kw: object) -> None:
    """A metric whose second line is a plain note (no arrow, no colour)."""
    col.metric(label, value, note, delta_color="off", delta_arrow="off", **kw)


def _district_map(ctx: components.PageContext) -> None:
    """Renewable MW in operation per municipality (the headline definition), small and static."""
    ranking = headline.municipality_figures(ctx.db)
    values = pd.DataFrame(
        {
            "municipality_key": ranking["municipality_key"],
            "municipality_name": ranking["municipality_name"],
            "value": ranking["installed_kw"].astype("float64") / 1000,
        }
    )
    st.markdown(f"**{ctx.t('st_map_title')}**")
    fig = figures.district_map(
        queries.municipality_geojson(ctx.db),
        values,
        "MW",
        ctx.lang,
        label=ctx.t("demo_short") if queries.is_demo(ctx.db) else None,
    )
    components.chart(
        fig,
        lang=ctx.lang,
        key="w_ov_map",
        on_select=search.open_on_click("w_ov_map"),
        selection_mode="points",
        config={"displayModeBar": False, "scrollZoom": False},
    )
    st.caption(ctx.t("st_map_caption"))


def _units(ctx: components.PageContext, n: int) -> str:
    return ctx.t("n_units", n=fmt.integer(n, ctx.lang))


def _key_figures(
    ctx: components.PageContext, h: headline.Headlines, cov: headline.Coverage
) -> None:
    """The four figures for everyone: installed, wind, storage, coverage."""
    lang = ctx.lang
    c1, c2 = st.columns(2)
    _metric(
        c1,
        ctx.t("fig_installed"),
        fmt.mw(h.installed_kw, 1, lang),
        _units(ctx, h.operating_units),
        help=ctx.t("m_installed_help"),
    )
    _metric(
        c2,
        ctx.t("fig_wind_operating"),
        fmt.mw(h.wind_operating_kw, 1, lang),
        _units(ctx, h.wind_operating_units),
    )
    c3, c4 = st.columns(2)
    _metric(
        c3,
        ctx.t("fig_storage"),
        fmt.mw(h.storage_kw, 1, lang),
        ctx.t(
            "fig_storage_delta",
            mwh=fmt.mwh(h.storage_kwh / 1000, 1, lang),
            units=_units(ctx, h.storage_units),
        ),
        help=ctx.t("m_storage_help"),
    )
    _metric(
        c4,
        ctx.t("fig_coverage"),
        fmt.percent(cov.share, 1, lang),
        help=ctx.t("m_coverage_help" if cov.share is not None else "coverage_no_population"),
    )


def _more_figures(
    ctx: components.PageContext, h: headline.Headlines, cov: headline.Coverage
) -> None:
    """Units, planning, pipeline, additions and generation (for briefings)."""
    lang = ctx.lang
    st.subheader(ctx.t("st_more"))
    c1, c2, c3 = st.columns(3)
    _metric(c1, ctx.t("fig_units"), fmt.integer(h.operating_units, lang))
    _metric(
        c2,
        ctx.t("fig_wind_mastr_planned"),
        fmt.mw(h.wind_planned_kw, 1, lang),
        _units(ctx, h.wind_planned_units),
        help=ctx.t("fig_wind_mastr_planned_rules"),
    )
    if h.pipeline_mw is not None:
        _metric(
            c3,
            ctx.t("fig_wind_pipeline"),
            fmt.mw(h.pipeline_mw * 1000, 0, lang),
            headline.pipeline_note(h, lang),
            help=ctx.t("fig_wind_pipeline_def"),
        )
    c4, c5, c6 = st.columns(3)
    _metric(
        c4,
        headline.additions_label(h, h.year, lang),
        fmt.mw(h.additions_this_year_kw, 1, lang),
        _units(ctx, h.additions_this_year_units),
        help=ctx.t("fig_additions_rules"),
    )
    _metric(
        c5,
        headline.additions_label(h, h.year - 1, lang),
        fmt.mw(h.additions_last_year_kw, 1, lang),
        _units(ctx, h.additions_last_year_units),
    )
    _metric(c6, ctx.t("fig_generation"), fmt.mwh(cov.generation_mwh, 0, lang))
    if h.non_renewable_units:
        st.caption(
            ctx.t(
                "m_non_renewable_caption",
                mw=fmt.mw(h.non_renewable_kw, 1, lang),
                units=_units(ctx, h.non_renewable_units),
            )
        )


def render() -> None:
    """Lay out the start page."""
    ctx = components.context()
    if ctx is None:
        return
    search.open_requested_profile()
    lang = ctx.lang
    components.page_header(ctx, "ov_title", "ov_intro")
    search.municipality_search(ctx)
    search.page_links(ctx)
    f = components.sidebar_filters(ctx, ("carrier", "municipality")).without("status", "period")

    h = headline.headlines(ctx.db, f)
    cov = headline.coverage(h, state.current_assumptions())
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.caption(ctx.t("mix_scope", name=components.scope_name(ctx, f.municipality)))
        _key_figures(ctx, h, cov)
        st.markdown(f"**{ctx.t('st_briefing')}**")
        briefing_download_button(ctx.db, f.municipality, lang, state.current_assumptions())
    with right:
        _district_map(ctx)

    _more_figures(ctx, h, cov)
    components.assumptions_editor(ctx)

    st.subheader(ctx.t("ov_by_carrier"))
    components.chart(
        figures.capacity_by_carrier_bar(h.by_carrier, lang), lang=ctx.lang, key="ov_bar"
    )
    st.caption(ctx.t("ov_table_caption"))
    columns.table(
        tables.carrier_table(h.by_carrier, cov.generation, lang),
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
