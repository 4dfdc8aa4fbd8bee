"""Energiemix: shares of installed capacity and of estimated generation by carrier."""

from __future__ import annotations

import streamlit as st

from analysis import figures, headline, tables
from analysis import format as fmt
from dashboard import columns, components, state


def render() -> None:
    """Lay out the energy-mix page."""
    ctx = components.context()
    if ctx is None:
        return
    lang = ctx.lang
    components.page_header(ctx, "mix_title", "mix_intro")
    f = components.sidebar_filters(ctx, ("municipality",))
    f = f.without("carrier", "status", "period")
    st.caption(ctx.t("mix_scope", name=components.scope_name(ctx, f.municipality)))

    h = headline.headlines(ctx.db, f)
    gen = headline.coverage(h, state.current_assumptions()).generation
    left, right = st.columns(2)
    with left:
        st.subheader(ctx.t("mix_capacity"))
        components.chart(
            figures.mix_donut(gen, "capacity_kw", "MW", lang), lang=ctx.lang, key="mix_capacity"
        )
    with right:
        st.subheader(ctx.t("mix_generation"))
        components.chart(
            figures.mix_donut(gen, "generation_mwh", "MWh/a", lang),
            lang=ctx.lang,
            key="mix_generation",
        )
    columns.table(
        tables.mix_table(gen, lang),
        {
            "carrier": (ctx.t("carrier"), "text"),
            "operating_mw": (ctx.t("col_operating_mw"), 1),
            "capacity_share": (ctx.t("col_share_capacity"), "percent1"),
            "generation_mwh": (ctx.t("col_generation_mwh"), 0),
            "generation_share": (ctx.t("col_share_generation"), "percent1"),
            "full_load_hours": (ctx.t("col_hours"), 0),
        },
        lang,
    )
    if h.storage_units:
        st.caption(
            ctx.t("fig_storage")
            + ": "
            + fmt.mw(h.storage_kw, 1, lang)
            + ", "
            + fmt.mwh(h.storage_kwh / 1000, 1, lang)
            + " – "
            + ctx.t("m_storage_help")
        )
    st.caption(ctx.t("assumptions_text"))


render()
