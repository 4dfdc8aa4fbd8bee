"""Energiemix: shares of installed capacity and of estimated generation by carrier."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import estimates as est
from analysis import figures, queries
from analysis import format as fmt
from analysis.i18n import carrier_label
from dashboard import components, state


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

    by = queries.capacity_by_carrier(ctx.db, f)
    gen = est.generation_by_carrier(
        by.rename(columns={"operating_kw": "capacity_kw"}), state.current_assumptions()
    )
    left, right = st.columns(2)
    with left:
        st.subheader(ctx.t("mix_capacity"))
        st.plotly_chart(figures.mix_donut(gen, "capacity_kw", "MW", lang), key="mix_capacity")
    with right:
        st.subheader(ctx.t("mix_generation"))
        st.plotly_chart(
            figures.mix_donut(gen, "generation_mwh", "MWh/a", lang), key="mix_generation"
        )
    cap_total = gen["capacity_kw"].sum()
    gen_total = gen["generation_mwh"].sum()
    shown = gen[gen["capacity_kw"] > 0]
    table = pd.DataFrame(
        {
            ctx.t("carrier"): [carrier_label(c, lang) for c in shown["carrier"]],
            ctx.t("col_operating_mw"): [
                fmt.number(v / 1000, 1, lang) for v in shown["capacity_kw"]
            ],
            ctx.t("col_share_capacity"): [
                fmt.percent(v / cap_total if cap_total else None, 1, lang)
                for v in shown["capacity_kw"]
            ],
            ctx.t("col_generation_mwh"): [fmt.integer(v, lang) for v in shown["generation_mwh"]],
            ctx.t("col_share_generation"): [
                fmt.percent(v / gen_total if gen_total else None, 1, lang)
                for v in shown["generation_mwh"]
            ],
            ctx.t("col_hours"): [fmt.integer(v, lang) for v in shown["full_load_hours"]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(ctx.t("assumptions_text"))


render()
