"""Ausbau: cumulative capacity over time, additions, and the planned projection."""

from __future__ import annotations

import streamlit as st

from analysis import figures, headline, queries, tables
from analysis.i18n import carrier_label
from dashboard import columns, components


def render() -> None:
    """Lay out the capacity-growth page."""
    ctx = components.context()
    if ctx is None:
        return
    lang = ctx.lang
    components.page_header(ctx, "gr_title", "gr_intro")
    f = components.sidebar_filters(ctx, ("carrier", "municipality", "period")).without("status")
    st.caption(ctx.t("mix_scope", name=components.scope_name(ctx, f.municipality)))
    freq = (
        st.segmented_control(
            ctx.t("gr_freq"),
            options=["year", "month"],
            format_func=lambda v: ctx.t("freq_year" if v == "year" else "freq_month"),
            default="year",
            key="w_growth_freq",
        )
        or "year"
    )
    ts = queries.timeseries(ctx.db, headline.renewable_filter(f), freq)
    ref = queries.data_date(ctx.db)

    st.subheader(ctx.t("gr_cumulative"))
    components.chart(
        figures.cumulative_chart(ts, lang, freq, ref), lang=ctx.lang, key="gr_cumulative"
    )
    st.caption(ctx.t("gr_note"))
    st.subheader(ctx.t("gr_additions"))
    components.chart(
        figures.additions_chart(ts, lang, freq, ref), lang=ctx.lang, key="gr_additions"
    )

    st.subheader(ctx.t("gr_table"))
    table = tables.additions_by_year(ts)
    spec = {"year": (ctx.t("axis_year"), "year")}
    spec |= {c: (carrier_label(c, lang), 1) for c in table.columns if c != "year"}
    columns.table(table, spec, lang, height=320)


render()
