"""Daten & Qualität: what is loaded, what the checks found, and downloads."""

from __future__ import annotations

import pandas as pd
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
    table = tables.load_runs_table(runs, lang)
    size_label = schema.labels(schema.LOAD_RUNS.name, lang)["file_size_bytes"]
    spec = columns.schema_columns(schema.LOAD_RUNS.name, table, lang)
    spec["file_size_mb"] = (size_label + " (MB)", 1)  # the schema's bytes, shown in MB
    columns.table(table, spec, lang)
    st.page_link(
        "dashboard/pages/upload.py", label=ctx.t("dq_upload_link"), icon=":material/upload_file:"
    )


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
        ctx.t("dq_no_coords_small", n=fmt.integer(q.without_coordinates_small, lang)),
        delta_color="off",
        delta_arrow="off",
        help=ctx.t("dq_no_coords_note"),
    )
    m[4].metric(ctx.t("dq_suspect"), fmt.integer(q.suspect_capacity, lang))
    m[5].metric(ctx.t("dq_drift"), fmt.integer(q.drift, lang))
    if q.without_coordinates:
        st.info(
            ctx.t(
                "dq_no_coords_explained",
                n=fmt.integer(q.without_coordinates, lang),
                small=fmt.integer(q.without_coordinates_small, lang),
                rest=fmt.integer(q.without_coordinates - q.without_coordinates_small, lang),
            ),
            icon=":material/location_off:",
        )
    summary = queries.problem_summary(db)
    with st.expander(ctx.t("dq_reasons"), expanded=bool(len(summary))):
        if summary.empty:
            st.write(ctx.t("dq_none"))
        else:
            _finding_tables(ctx, summary)
    if q.suspect_capacity:
        with st.expander(ctx.t("dq_suspect")):
            components.units_table(queries.suspect_units(db), lang)
    drift = queries.schema_drift(db)
    with st.expander(ctx.t("dq_drift")):
        if drift.empty:
            st.write(ctx.t("dq_none"))
        else:
            st.dataframe(
                tables.drift_table(drift, lang).rename(
                    columns=schema.labels(schema.SCHEMA_DRIFT.name, lang)
                ),
                hide_index=True,
                width="stretch",
            )


def _finding_tables(ctx: components.PageContext, summary: pd.DataFrame) -> None:
    """Findings by reason, then single findings with their place in the source."""
    lang = ctx.lang
    spec = columns.schema_columns(schema.REJECTED_ROWS.name, summary, lang)
    spec["reason"] = (ctx.t("col_reason"), "text")
    spec["count"] = (ctx.t("col_count"), 0)
    table = tables.problem_table(summary, lang)
    columns.table(table, {c: spec[c] for c in table.columns}, lang, missing="")
    examples = tables.problem_examples_table(queries.problem_examples(ctx.db, PREVIEW_ROWS), lang)
    st.caption(
        ctx.t("dq_examples", n=fmt.integer(len(examples), lang))
        + " · "
        + ctx.t("dq_findings_examples_note")
    )
    spec = columns.schema_columns(schema.REJECTED_ROWS.name, examples, lang)
    spec["reason"] = (ctx.t("col_reason"), "text")
    columns.table(examples, spec, lang, height=min(320, 36 * (len(examples) + 1) + 3), missing="")


def _gate(ctx: components.PageContext) -> None:
    """The publish gate's decision for the served build, and a refused later run."""
    served, refused = queries.gate_decisions(ctx.db)
    if served is None and refused is None:
        return
    st.subheader(ctx.t("gate_title"))
    if refused is not None:
        st.error(
            ctx.t(
                "gate_refused_last",
                when=refused.get("decided_at", "–"),
                reasons=tables.gate_losses(refused, ctx.lang),
                served=queries.build_info(ctx.db).get("build_id") or "–",
            ),
            icon=":material/block:",
        )
        _gate_rows(ctx, refused)
    if served is not None:
        decision = served.get("decision")
        values = {
            "threshold": fmt.percent(served.get("threshold") or 0.05, 0, ctx.lang),
            "compared": served.get("compared_with") or "–",
            "reason": served.get("accepted_reason") or "",
            "reasons": tables.gate_losses(served, ctx.lang),
        }
        text = ctx.t(f"gate_{decision}", **values)
        (st.warning if decision == "accepted" else st.info)(text, icon=":material/verified:")
        if decision == "accepted":
            _gate_rows(ctx, served)


def _gate_rows(ctx: components.PageContext, decision: dict) -> None:
    rows = decision.get("rows") or []
    if not rows:
        return
    table = tables.gate_table(rows, ctx.lang)
    keys = ("item", "old", "new", "change", "refused")
    spec = {k: (ctx.t(f"gate_col_{k}"), "text") for k in keys}
    columns.table(table, spec, ctx.lang, missing="")


def _downloads(ctx: components.PageContext, f: Filters, demo: bool) -> None:
    """CSV and XLSX of the filtered units, and a preview."""
    lang, db = ctx.lang, ctx.db
    st.subheader(ctx.t("dq_download"))
    n = queries.units_count(db, f)
    st.caption(ctx.t("dq_download_caption", n=fmt.integer(n, lang)))
    ddate = queries.data_date(db)
    export_cols = schema.UNITS.column_names

    missing = queries.partial_reasons(db, lang)

    def csv_bytes() -> bytes:
        units = queries.units(db, f, None, export_cols)
        return export.to_csv_bytes(units, lang, demo, ddate, missing)

    def xlsx_bytes() -> bytes:
        units = queries.units(db, f, None, export_cols)
        return export.to_xlsx_bytes(units, lang, demo, ddate, missing)

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
    components.units_table(preview, lang, height=320, download=False)  # the buttons above


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
    _gate(ctx)
    _findings(ctx, q)
    _downloads(ctx, f, demo)


render()
