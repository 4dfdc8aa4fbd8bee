"""Pipeline: the wind permit pipeline from the office's list, reconciled with the MaStR."""

from __future__ import annotations

import streamlit as st

from analysis import format as fmt
from analysis import office_queries as oq
from analysis import office_tables
from analysis.figures import pipeline as ofig
from dashboard import columns, components


def _summary(ctx: components.PageContext, muni: str | None) -> oq.PipelineSummary:
    """Headline metrics: installed wind, the pipeline gross and net, and the list's rules."""
    lang = ctx.lang
    s = oq.pipeline_summary(ctx.db, muni)
    c1, c2, c3 = st.columns(3)
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
    c3.metric(
        ctx.t("pl_m_net"),
        fmt.with_unit(s.pipeline_net_mw, "MW", 0, lang),
        help=ctx.t("pl_m_net_help", mw=fmt.number(s.replaced_mw, 1, lang)),
    )
    st.caption(
        ctx.t(
            "pl_rules_caption",
            mastr=fmt.number(s.mastr_planned_mw, 0, lang),
            list=fmt.number(s.list_added_mw, 0, lang),
            applied=fmt.number(s.applied_mw, 0, lang),
            approved=fmt.number(s.approved_mw, 0, lang),
            building=fmt.number(s.under_construction_mw, 0, lang),
            n_building=fmt.integer(s.under_construction_unmatched, lang),
            building_mw=fmt.number(s.under_construction_unmatched_mw, 1, lang),
            n_closed=fmt.integer(s.closed_entries, lang),
            closed_units=fmt.integer(s.closed_removed_units, lang),
            closed_mw=fmt.number(s.closed_removed_mw, 1, lang),
        )
    )
    return s


def _by_municipality(ctx: components.PageContext) -> None:
    """The pipeline per municipality: chart and table (region view only)."""
    st.subheader(ctx.t("pl_by_municipality"))
    by_muni = oq.pipeline_by_municipality(ctx.db)
    components.chart(
        ofig.municipality_pipeline_bar(by_muni, ctx.lang), lang=ctx.lang, key="pl_muni"
    )
    if by_muni.empty:
        return
    table = office_tables.pipeline_by_municipality_table(by_muni)
    spec: dict[str, columns.Column] = {"municipality_name": (ctx.t("municipality"), "text")}
    for status in office_tables.PIPELINE_STATUSES:
        if status in table:
            label = (
                ctx.t("pl_source_mastr_only") if status == "mastr_only" else
                ctx.t(f"stage_{status}")
            )  # fmt: skip
            spec[status] = (f"{label} (MW)", 1)
    spec["pipeline_mw"] = (ctx.t("pl_col_counted"), 1)
    with st.expander(ctx.t("pl_by_municipality_table")):
        columns.table(table, spec, ctx.lang)


def _durations(ctx: components.PageContext, muni: str | None) -> None:
    """How long projects spend in each stage."""
    lang = ctx.lang
    st.subheader(ctx.t("pl_durations"))
    durations = oq.stage_durations(ctx.db, muni)
    components.chart(
        ofig.stage_duration_figure(durations, lang), lang=ctx.lang, key="pl_durations_chart"
    )
    if durations.empty:
        return
    med = durations.groupby("stage")["days"].median() / 30.44
    parts = [
        ctx.t("pl_median", stage=ctx.t(f"stage_{k}"), months=fmt.number(v, 0, lang))
        for k, v in med.items()
    ]
    ref = durations["reference_date"].iloc[0]
    st.caption(" · ".join(parts) + ". " + ctx.t("pl_durations_caption", date=fmt.day(ref, lang)))


def _disagreements(ctx: components.PageContext, muni: str | None) -> None:
    """Findings where the list and the MaStR disagree, filterable by kind."""
    st.subheader(ctx.t("pl_disagreements"))
    dis = oq.disagreements(ctx.db, muni)
    if dis.empty:
        st.success(ctx.t("pl_no_disagreements"))
        return
    counts = dis["finding"].value_counts()
    chosen = st.multiselect(
        ctx.t("pl_finding_filter"),
        options=list(counts.index),
        format_func=lambda k: f"{ctx.t(f'finding_{k}')} ({counts[k]})",
        key="w_pl_findings",
        placeholder=ctx.t("pl_all_findings"),
    )
    shown = dis[dis["finding"].isin(chosen)] if chosen else dis
    columns.table(
        office_tables.disagreement_table(shown, ctx.lang),
        {
            "finding": (ctx.t("pl_col_finding"), "text"),
            "procedure_id": (ctx.t("pl_col_procedure"), "text"),
            "project_name": (ctx.t("pl_col_project"), "text"),
            "municipality_name": (ctx.t("municipality"), "text"),
            "list_status": (ctx.t("pl_col_list_status"), "text"),
            "mastr_status": (ctx.t("pl_col_mastr_status"), "text"),
            "list_capacity_mw": (ctx.t("pl_col_list_mw"), 1),
            "mastr_capacity_mw": (ctx.t("pl_col_mastr_mw"), 1),
            "unit_ids_mastr": (ctx.t("pl_col_units"), "text"),
        },
        ctx.lang,
    )
    st.caption(ctx.t("pl_disagreements_caption"))


def _permit_list(ctx: components.PageContext, muni: str | None) -> None:
    """The permit list as loaded."""
    with st.expander(ctx.t("pl_list_table")):
        columns.table(
            office_tables.permits_table(oq.permits(ctx.db, muni), ctx.lang),
            {
                "procedure_id": (ctx.t("pl_col_procedure"), "text"),
                "project_name": (ctx.t("pl_col_project"), "text"),
                "municipality_name": (ctx.t("municipality"), "text"),
                "status": (ctx.t("status"), "text"),
                "turbine_count": (ctx.t("pl_col_turbines"), 0),
                "capacity_mw": (ctx.t("pl_col_list_mw"), 1),
                "counted_mw": (ctx.t("pl_col_counted"), 1),
                "application_date": (ctx.t("pl_col_applied"), "date"),
                "permit_date": (ctx.t("pl_col_permit"), "date"),
                "source": (ctx.t("pl_col_source"), "text"),
            },
            ctx.lang,
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
    s = _summary(ctx, muni)

    st.subheader(ctx.t("pl_installed_vs"))
    by_stage = oq.pipeline_by_stage(ctx.db, muni)
    components.chart(
        ofig.installed_vs_pipeline(s.installed_mw, by_stage, lang), lang=ctx.lang, key="pl_bar"
    )
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
    components.chart(
        ofig.stages_figure(oq.funnel(ctx.db, muni), measure, lang),
        lang=ctx.lang,
        key="pl_funnel_chart",
    )
    st.caption(ctx.t("pl_funnel_caption"))
    if muni is None:
        _by_municipality(ctx)
    _durations(ctx, muni)
    _disagreements(ctx, muni)
    _permit_list(ctx, muni)


render()
