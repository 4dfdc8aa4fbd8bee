"""Übersicht: headline figures for briefings."""

from __future__ import annotations

import streamlit as st

from analysis import figures, headline, tables
from analysis import format as fmt
from dashboard import columns, components, state
from dashboard.briefing.streamlit_button import briefing_download_button


def _metric(col: object, label: str, value: str, note: str | None = None, **kw: object) -> None:
    """A metric whose second line is a plain note (no arrow, no colour)."""
    col.metric(label, value, note, delta_color="off", delta_arrow="off", **kw)  # type: ignore[attr-defined]


def render() -> None:
    """Lay out the overview page."""
    ctx = components.context()
    if ctx is None:
        return
    lang = ctx.lang
    components.page_header(ctx, "ov_title", "ov_intro")
    f = components.sidebar_filters(ctx, ("carrier", "municipality")).without("status", "period")
    st.caption(ctx.t("mix_scope", name=components.scope_name(ctx, f.municipality)))

    h = headline.headlines(ctx.db, f)
    cov = headline.coverage(h, state.current_assumptions())

    def units(n: int) -> str:
        return ctx.t("n_units", n=fmt.integer(n, lang))

    c1, c2, c3 = st.columns(3)
    _metric(
        c1,
        ctx.t("fig_installed"),
        fmt.mw(h.installed_kw, 1, lang),
        help=ctx.t("m_installed_help"),
    )
    _metric(c2, ctx.t("fig_units"), fmt.integer(h.operating_units, lang))
    _metric(
        c3,
        ctx.t("fig_storage"),
        fmt.mw(h.storage_kw, 1, lang),
        ctx.t(
            "fig_storage_delta",
            mwh=fmt.mwh(h.storage_kwh / 1000, 1, lang),
            units=units(h.storage_units),
        ),
        help=ctx.t("m_storage_help"),
    )
    c4, c5, c6 = st.columns(3)
    _metric(
        c4,
        ctx.t("fig_wind_operating"),
        fmt.mw(h.wind_operating_kw, 1, lang),
        units(h.wind_operating_units),
    )
    _metric(
        c5,
        ctx.t("fig_wind_mastr_planned"),
        fmt.mw(h.wind_planned_kw, 1, lang),
        units(h.wind_planned_units),
        help=ctx.t("fig_wind_mastr_planned_rules"),
    )
    if h.pipeline_mw is not None:
        _metric(
            c6,
            ctx.t("fig_wind_pipeline"),
            fmt.mw(h.pipeline_mw * 1000, 0, lang),
            headline.pipeline_note(h, lang),
            help=ctx.t("fig_wind_pipeline_def"),
        )
    c7, c8, _ = st.columns(3)
    _metric(
        c7,
        headline.additions_label(h, h.year, lang),
        fmt.mw(h.additions_this_year_kw, 1, lang),
        units(h.additions_this_year_units),
        help=ctx.t("fig_additions_rules"),
    )
    _metric(
        c8,
        headline.additions_label(h, h.year - 1, lang),
        fmt.mw(h.additions_last_year_kw, 1, lang),
        units(h.additions_last_year_units),
    )
    c10, c11, _ = st.columns(3)
    _metric(c10, ctx.t("fig_generation"), fmt.mwh(cov.generation_mwh, 0, lang))
    _metric(
        c11,
        ctx.t("fig_coverage"),
        fmt.percent(cov.share, 1, lang),
        help=ctx.t("m_coverage_help" if cov.share is not None else "coverage_no_population"),
    )
    if h.non_renewable_units:
        st.caption(
            ctx.t(
                "m_non_renewable_caption",
                mw=fmt.mw(h.non_renewable_kw, 1, lang),
                units=units(h.non_renewable_units),
            )
        )

    components.assumptions_editor(ctx)
    briefing_download_button(ctx.db, f.municipality, lang, state.current_assumptions())

    st.subheader(ctx.t("ov_by_carrier"))
    st.plotly_chart(figures.capacity_by_carrier_bar(h.by_carrier, lang), key="ov_bar")
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
