"""Ausbau: cumulative capacity over time, additions, and the planned projection."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import figures, queries
from analysis import format as fmt
from analysis.i18n import carrier_label
from dashboard import components


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
    ts = queries.timeseries(ctx.db, f, freq)
    ref = queries.data_date(ctx.db)

    st.subheader(ctx.t("gr_cumulative"))
    st.plotly_chart(figures.cumulative_chart(ts, lang, freq, ref), key="gr_cumulative")
    st.caption(ctx.t("gr_note"))
    st.subheader(ctx.t("gr_additions"))
    st.plotly_chart(figures.additions_chart(ts, lang, freq, ref), key="gr_additions")

    st.subheader(ctx.t("gr_table"))
    yearly = ts[~ts["is_projection"]].assign(year=pd.to_datetime(ts["period"]).dt.year)
    yearly = yearly.groupby(["year", "carrier"], as_index=False)["added_kw"].sum()
    pivot = yearly.pivot(index="year", columns="carrier", values="added_kw").fillna(0.0)
    pivot = pivot[[c for c in figures.carrier_order(pivot.columns) if pivot[c].sum() > 0]]
    pivot = pivot.sort_index(ascending=False)
    table = pd.DataFrame({ctx.t("axis_year"): [str(y) for y in pivot.index]})
    for c in pivot.columns:
        table[carrier_label(c, lang)] = [fmt.number(v / 1000, 1, lang) for v in pivot[c]]
    st.dataframe(table, hide_index=True, width="stretch", height=320)


render()
