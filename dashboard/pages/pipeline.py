"""Pipeline: the wind permit pipeline from the office's list, reconciled with the MaStR."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import format as fmt
from analysis import office_queries as oq
from analysis.figures import pipeline as ofig
from analysis.i18n import status_label
from dashboard import components


def _stage(code: object, ctx: components.PageContext) -> str:
    return ctx.t(f"stage_{code}") if isinstance(code, str) else fmt.DASH


def _disagreement_table(df: pd.DataFrame, ctx: components.PageContext) -> pd.DataFrame:
    lang = ctx.lang
    return pd.DataFrame(
        {
            ctx.t("pl_col_finding"): [ctx.t(f"finding_{f}") for f in df["finding"]],
            ctx.t("pl_col_procedure"): df["procedure_id"].fillna(fmt.DASH),
            ctx.t("pl_col_project"): df["project_name"].fillna(fmt.DASH),
            ctx.t("municipality"): df["municipality_name"].fillna(df["municipality_key"]),
            ctx.t("pl_col_list_status"): [_stage(s, ctx) for s in df["list_status"]],
            ctx.t("pl_col_mastr_status"): [
                status_label(s, lang) if isinstance(s, str) else fmt.DASH
                for s in df["mastr_status"]
            ],
            ctx.t("pl_col_list_mw"): [fmt.number(v, 1, lang) for v in df["list_capacity_mw"]],
            ctx.t("pl_col_mastr_mw"): [fmt.number(v, 1, lang) for v in df["mastr_capacity_mw"]],
            ctx.t("pl_col_units"): df["unit_ids_mastr"].fillna("").str.replace(",", ", "),
        }
    )


def render() -> None:
    """Lay out the pipeline page."""
    ctx = components.context()
    if ctx is None:
        return
    lang = ctx.lang
    components.page_header(ctx, "pl_title", "pl_intro")
    if not oq.has_office_tables(ctx.db):
        st.info(ctx.t("office_old_build"))
        return
    f = components.sidebar_filters(ctx, ("municipality",))
    muni = f.municipality
    st.caption(ctx.t("mix_scope", name=components.scope_name(ctx, muni)))
    source_file = oq.list_loaded(ctx.db, "office_wind_permits")
    if source_file is None:
        st.info(ctx.t("pl_no_list"), icon=":material/info:")
    else:
        st.caption(ctx.t("pl_list_file", file=source_file))

    s = oq.pipeline_summary(ctx.db, muni)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(
        ctx.t("pl_m_installed"),
        fmt.with_unit(s.installed_mw, "MW", 0, lang),
        ctx.t("n_units", n=fmt.integer(s.installed_units, lang)),
        delta_color="off",
        delta_arrow="off",
    )
    c2.metric(
        ctx.t("pl_m_pipeline"),
        fmt.with_unit(s.pipeline_mw, "MW", 0, lang),
        help=ctx.t("pl_m_pipeline_help"),
    )
    c3.metric(ctx.t("pl_m_mastr"), fmt.with_unit(s.mastr_planned_mw, "MW", 0, lang))
    c4.metric(ctx.t("pl_m_list"), fmt.with_unit(s.list_added_mw, "MW", 0, lang))

    st.subheader(ctx.t("pl_installed_vs"))
    by_stage = oq.pipeline_by_stage(ctx.db, muni)
    st.plotly_chart(ofig.installed_vs_pipeline(s.installed_mw, by_stage, lang), key="pl_bar")
    st.caption(ctx.t("pl_installed_vs_caption"))

    st.subheader(ctx.t("pl_funnel"))
    measure = (
        st.segmented_control(
            ctx.t("pl_measure"),
            options=["mw", "turbines"],
            format_func=lambda m: ctx.t(f"pl_measure_{m}"),
            default="mw",
            key="w_pl_measure",
        )
        or "mw"
    )
    st.plotly_chart(
        ofig.funnel_figure(oq.funnel(ctx.db, muni), measure, lang), key="pl_funnel_chart"
    )
    st.caption(ctx.t("pl_funnel_caption"))

    if muni is None:
        st.subheader(ctx.t("pl_by_municipality"))
        by_muni = oq.pipeline_by_municipality(ctx.db)
        st.plotly_chart(ofig.municipality_pipeline_bar(by_muni, lang), key="pl_muni")
        if not by_muni.empty:
            pivot = by_muni.pivot_table(
                index=["municipality_name", "pipeline_mw"],
                columns="status",
                values="mw",
                aggfunc="sum",
                fill_value=0.0,
            ).reset_index()
            pivot = pivot.sort_values(["pipeline_mw", "municipality_name"], ascending=[False, True])
            table = pd.DataFrame({ctx.t("municipality"): pivot["municipality_name"]})
            for status in ("applied", "approved", "under_construction", "operating", "mastr_only"):
                if status in pivot:
                    label = (
                        ctx.t("pl_source_mastr_only") if status == "mastr_only" else
                        ctx.t(f"stage_{status}")
                    )  # fmt: skip
                    table[f"{label} (MW)"] = [fmt.number(v, 1, lang) for v in pivot[status]]
            table[ctx.t("pl_col_counted")] = [fmt.number(v, 1, lang) for v in pivot["pipeline_mw"]]
            with st.expander(ctx.t("pl_by_municipality_table")):
                st.dataframe(table, hide_index=True, width="stretch")

    st.subheader(ctx.t("pl_durations"))
    durations = oq.stage_durations(ctx.db, muni)
    st.plotly_chart(ofig.stage_duration_figure(durations, lang), key="pl_durations_chart")
    if not durations.empty:
        med = durations.groupby("stage")["days"].median() / 30.44
        parts = [
            ctx.t("pl_median", stage=ctx.t(f"stage_{k}"), months=fmt.number(v, 0, lang))
            for k, v in med.items()
        ]
        ref = durations["reference_date"].iloc[0]
        st.caption(
            " · ".join(parts) + ". " + ctx.t("pl_durations_caption", date=fmt.day(ref, lang))
        )

    st.subheader(ctx.t("pl_disagreements"))
    dis = oq.disagreements(ctx.db, muni)
    if dis.empty:
        st.success(ctx.t("pl_no_disagreements"))
    else:
        counts = dis["finding"].value_counts()
        kinds = list(counts.index)
        chosen = st.multiselect(
            ctx.t("pl_finding_filter"),
            options=kinds,
            format_func=lambda k: f"{ctx.t(f'finding_{k}')} ({counts[k]})",
            key="w_pl_findings",
            placeholder=ctx.t("pl_all_findings"),
        )
        shown = dis[dis["finding"].isin(chosen)] if chosen else dis
        st.dataframe(_disagreement_table(shown, ctx), hide_index=True, width="stretch")
        st.caption(ctx.t("pl_disagreements_caption"))

    with st.expander(ctx.t("pl_list_table")):
        lst = oq.permits(ctx.db, muni)
        st.dataframe(
            pd.DataFrame(
                {
                    ctx.t("pl_col_procedure"): lst["procedure_id"],
                    ctx.t("pl_col_project"): lst["project_name"],
                    ctx.t("municipality"): lst["municipality_name"],
                    ctx.t("status"): [_stage(x, ctx) for x in lst["status"]],
                    ctx.t("pl_col_turbines"): lst["turbine_count"],
                    ctx.t("pl_col_list_mw"): [fmt.number(v, 1, lang) for v in lst["capacity_mw"]],
                    ctx.t("pl_col_counted"): [fmt.number(v, 1, lang) for v in lst["counted_mw"]],
                    ctx.t("pl_col_applied"): [fmt.day(v, lang) for v in lst["application_date"]],
                    ctx.t("pl_col_permit"): [fmt.day(v, lang) for v in lst["permit_date"]],
                    ctx.t("pl_col_source"): lst["source"].fillna(""),
                }
            ),
            hide_index=True,
            width="stretch",
        )


render()
