"""Daten & Qualität: what is loaded, what the checks found, and downloads."""

from __future__ import annotations

import streamlit as st

from analysis import export, queries, tables
from analysis import format as fmt
from analysis.filters import Filters
from analysis.queries import Quality
from dashboard import columns, components
from etl import schema

PREVIEW_ROWS = 200


def _loaded(ctx: components.PageContext, q: Quality, demo: bool) -> None:
    """What is loaded: kind of data, counts, build and the source files."""
    lang, db = ctx.lang, ctx.db
    info = queries.build_info(db)
    st.subheader(ctx.t("dq_loaded"))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(ctx.t("dq_kind"), ctx.t("dq_demo") if demo else ctx.t("dq_real"))
    c2.metric(ctx.t("dq_units_total"), fmt.integer(q.units, lang))
    c3.metric(ctx.t("dq_municipalities"), fmt.integer(q.municipalities, lang))
    c4.metric(ctx.t("dq_built_at"), fmt.day(info.get("built_at"), lang))
    st.caption(
        " · ".join(
            [
                ctx.t("data_date", date=fmt.day(queries.data_date(db), lang)),
                ctx.t("region", name=info.get("region_name") or "–"),
                ctx.t("build_id", build=info.get("build_id") or "–"),
            ]
        )
    )
    runs = queries.load_runs(db)
    st.markdown(f"**{ctx.t('dq_sources')}**")
    if runs.empty:
        st.write(ctx.t("dq_none"))
        return
    table = tables.load_runs_table(runs)
    size_label = schema.labels(schema.LOAD_RUNS.name, lang)["file_size_bytes"]
    spec = columns.schema_columns(schema.LOAD_RUNS.name, table, lang)
    spec["file_size_mb"] = (size_label + " (MB)", 1)  # the schema's bytes, shown in MB
    columns.table(table, spec, lang)


def _findings(ctx: components.PageContext, q: Quality) -> None:
    """What the checks found: counts, reasons with examples, suspect units, schema drift."""
    lang, db = ctx.lang, ctx.db
    st.subheader(ctx.t("dq_findings"))
    m = st.columns(6)
    m[0].metric(ctx.t("dq_rejected"), fmt.integer(q.rejected_rows, lang))
    m[1].metric(ctx.t("dq_cleared"), fmt.integer(q.cleared_fields, lang))
    m[2].metric(ctx.t("dq_flagged"), fmt.integer(q.flagged, lang))
    m[3].metric(
        ctx.t("dq_no_coords"),
        fmt.integer(q.without_coordinates, lang),
        help=ctx.t("dq_no_coords_note"),
    )
    m[4].metric(ctx.t("dq_suspect"), fmt.integer(q.suspect_capacity, lang))
    m[5].metric(ctx.t("dq_drift"), fmt.integer(q.drift, lang))
    summary = queries.problem_summary(db)
    with st.expander(ctx.t("dq_reasons"), expanded=bool(len(summary))):
        if summary.empty:
            st.write(ctx.t("dq_none"))
        else:
            columns.table(
                tables.problem_table(summary, lang),
                {
                    "action": (ctx.t("col_action"), "text"),
                    "field": (ctx.t("col_field"), "text"),
                    "reason": (ctx.t("col_reason"), "text"),
                    "count": (ctx.t("col_count"), 0),
                },
                lang,
            )
            examples = queries.problem_examples(db, PREVIEW_ROWS)
            st.caption(ctx.t("dq_examples", n=fmt.integer(len(examples), lang)))
            st.dataframe(
                examples.fillna("").rename(columns=schema.labels(schema.REJECTED_ROWS.name, lang)),
                hide_index=True,
                width="stretch",
                height=min(240, 36 * (len(examples) + 1) + 3),
            )
    if q.suspect_capacity:
        with st.expander(ctx.t("dq_suspect")):
            components.units_table(queries.suspect_units(db), lang)
    drift = queries.schema_drift(db)
    with st.expander(ctx.t("dq_drift")):
        if drift.empty:
            st.write(ctx.t("dq_none"))
        else:
            st.dataframe(
                drift.rename(columns=schema.labels(schema.SCHEMA_DRIFT.name, lang)),
                hide_index=True,
                width="stretch",
            )


def _downloads(ctx: components.PageContext, f: Filters, demo: bool) -> None:
    """CSV and XLSX of the filtered units, and a preview."""
    lang, db = ctx.lang, ctx.db
    st.subheader(ctx.t("dq_download"))
    n = queries.units_count(db, f)
    st.caption(ctx.t("dq_download_caption", n=fmt.integer(n, lang)))
    ddate = queries.data_date(db)
    export_cols = schema.UNITS.column_names

    def csv_bytes() -> bytes:
        return export.to_csv_bytes(queries.units(db, f, None, export_cols), lang, demo, ddate)

    def xlsx_bytes() -> bytes:
        return export.to_xlsx_bytes(queries.units(db, f, None, export_cols), lang, demo, ddate)

    base = ctx.t("export_file_base")
    d1, d2 = st.columns(2)
    d1.download_button(
        ctx.t("dq_csv"),
        data=csv_bytes,
        file_name=export.file_name(base, "csv", demo, ddate),
        mime="text/csv",
        icon=":material/download:",
        key="w_dl_csv",
        on_click="ignore",
    )
    d2.download_button(
        ctx.t("dq_xlsx"),
        data=xlsx_bytes,
        file_name=export.file_name(base, "xlsx", demo, ddate),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="w_dl_xlsx",
        on_click="ignore",
    )
    preview = queries.units(db, f, PREVIEW_ROWS)
    st.caption(ctx.t("dq_preview", n=fmt.integer(len(preview), lang)))
    components.units_table(preview, lang, height=320)


def render() -> None:
    """Lay out the data-and-quality page."""
    ctx = components.context()
    if ctx is None:
        return
    components.page_header(ctx, "dq_title", "dq_intro")
    components.served_problem_details(ctx)
    f = components.sidebar_filters(ctx, ("carrier", "status", "municipality", "period"))
    demo = queries.is_demo(ctx.db)
    q = queries.quality(ctx.db)
    _loaded(ctx, q, demo)
    _findings(ctx, q)
    _downloads(ctx, f, demo)


render()
