"""Upload: staff load a filled-in template; it is checked per row and only a valid file loads.

The rules (who may upload, where files go, what is checked) live in
:mod:`etl.office.upload`; this page only lays them out. Uploaded text is shown
in tables (``st.dataframe``) or escaped, never rendered as HTML or markdown.
"""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import format as fmt
from analysis import office_queries as oq
from analysis import queries
from analysis.i18n.issues import issue_text as issue_message
from dashboard import components
from etl.config import PROJECT_ROOT, Settings
from etl.lock import WriterBusyError
from etl.office import upload as office_upload
from etl.office import upload_child, upload_secret
from etl.office.lists import Issue
from etl.office.rebuild import UploadRebuildError
from etl.office.spec import HYDROGEN, WIND_AREAS_TEMPLATE_STEM, WIND_PERMITS
from etl.office.templates import TEMPLATES_DIR

_MIME = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".gpkg": "application/geopackage+sqlite3",
}


def issue_text(issue: Issue, lang: str) -> str:
    """The problem in the UI language (the stored English reason when no translation fits)."""
    text = issue_message(issue.code, issue.params, issue.raw_value, lang)
    return issue.reason if text is None else text


def _issues_frame(issues: list[Issue], ctx: components.PageContext) -> pd.DataFrame:
    ordered = sorted(issues, key=lambda i: (i.row is not None, i.row or 0, i.column or ""))
    return pd.DataFrame(
        {
            ctx.t("upl_col_row"): pd.array([i.row for i in ordered], dtype="Int64"),
            ctx.t("upl_col_column"): [i.column or fmt.DASH for i in ordered],
            ctx.t("upl_col_problem"): [issue_text(i, ctx.lang) for i in ordered],
            ctx.t("upl_col_value"): [i.raw_value or "" for i in ordered],
            ctx.t("upl_col_action"): [ctx.t(f"action_{i.action}") for i in ordered],
        }
    )


def _templates(ctx: components.PageContext) -> None:
    with st.expander(ctx.t("upl_templates"), icon=":material/download:"):
        st.write(ctx.t("upl_templates_text"))
        files = [
            (f"{WIND_PERMITS.template_stem}.xlsx", "upl_tpl_permits"),
            (f"{HYDROGEN.template_stem}.xlsx", "upl_tpl_hydrogen"),
            (f"{WIND_AREAS_TEMPLATE_STEM}.gpkg", "upl_tpl_areas"),
        ]
        cols = st.columns(len(files))
        for col, (name, label) in zip(cols, files, strict=True):
            path = TEMPLATES_DIR / name
            if path.exists():
                col.download_button(
                    ctx.t(label),
                    data=path.read_bytes(),
                    file_name=name,
                    mime=_MIME.get(path.suffix, "application/octet-stream"),
                    key=f"w_upl_tpl_{name}",
                    icon=":material/description:",
                )


def _done_message(ctx: components.PageContext) -> None:
    done = st.session_state.pop("ez_upl_done", None)
    if not done:
        return
    summary = oq.pipeline_summary(ctx.db)
    st.success(
        ctx.t(
            "upl_loaded",
            kind=ctx.t(f"upl_kind_{done['kind']}"),
            rows=fmt.integer(done["rows"], ctx.lang),
            build=components.md_escape(done["build"]),
            mw=fmt.number(summary.pipeline_mw, 0, ctx.lang),
        ),
        icon=":material/check_circle:",
    )
    st.page_link("dashboard/pages/pipeline.py", label=ctx.t("upl_to_pipeline"), icon="➡️")


def _shown_folder(folder: Path) -> str:
    """The upload folder as shown: relative to the project, never an absolute server path."""
    try:
        shown = folder.relative_to(PROJECT_ROOT)
    except ValueError:
        shown = Path(*folder.parts[-2:])
    return components.md_escape(shown.as_posix())


def _client_keys() -> list[str]:
    """Throttle keys of this visitor: the browser session and the client's address."""
    token = st.session_state.setdefault("ez_upl_session", secrets.token_hex(8))
    ip = getattr(st.context, "ip_address", None)
    return [f"session:{token}", f"ip:{ip}" if ip else ""]


def _on_secret() -> None:
    attempt = upload_secret.THROTTLE.attempt(_client_keys(), st.session_state.get("w_upl_secret"))
    st.session_state["ez_upl_attempt"] = attempt
    st.session_state["ez_upl_authed"] = attempt.ok


def _secret_gate(ctx: components.PageContext) -> bool:
    """True once this session entered the right secret; otherwise lay out the prompt."""
    if st.session_state.get("ez_upl_authed"):
        return True
    st.info(ctx.t("upl_mode_locked"), icon=":material/lock:")
    st.text_input(ctx.t("upl_secret"), type="password", key="w_upl_secret", on_change=_on_secret)
    attempt = st.session_state.get("ez_upl_attempt")
    waited = attempt is not None and not attempt.checked
    if waited and upload_secret.THROTTLE.wait_seconds(_client_keys()) <= 0:
        _on_secret()  # the wait is over: the entered secret is compared now, once
        if st.session_state.get("ez_upl_authed"):
            return True
        attempt = st.session_state["ez_upl_attempt"]
    if attempt is not None:
        wait = fmt.integer(math.ceil(attempt.wait_seconds), ctx.lang)
        key = "upl_secret_wrong" if attempt.checked else "upl_secret_wait"
        st.error(ctx.t(key, s=wait), icon=":material/timer:")
    return False


def _check(data: bytes, name: str, ctx: components.PageContext) -> office_upload.UploadCheck:
    """The bounded check of the uploaded file, run once per file content."""
    key = f"{name}:{hashlib.sha256(data).hexdigest()}"
    cached = st.session_state.get("ez_upl_check")
    if cached and cached[0] == key:
        return cached[1]
    with st.spinner(ctx.t("upl_checking")):
        check, _ = upload_child.check_in_child(data, name, oq.region_context(ctx.db))
    st.session_state["ez_upl_check"] = (key, check)
    return check


def render() -> None:
    """Lay out the upload page."""
    ctx = components.context()
    if ctx is None:
        return
    components.page_header(ctx, "upl_title", "upl_intro")
    _done_message(ctx)
    settings = Settings.from_env()
    pol = office_upload.policy(settings, served_is_demo=queries.is_demo(ctx.db))
    if not pol.enabled:
        st.warning(ctx.t(pol.reason, env=office_upload.SECRET_ENV), icon=":material/lock:")
        _templates(ctx)
        return
    if pol.needs_secret and not _secret_gate(ctx):
        _templates(ctx)
        return
    st.info(ctx.t(pol.reason, folder=_shown_folder(pol.target_dir)), icon=":material/info:")

    counter = st.session_state.setdefault("ez_upl_counter", 0)
    uploaded = st.file_uploader(
        ctx.t("upl_file", mb=office_upload.MAX_UPLOAD_MB),
        type=list(office_upload.ALLOWED_EXTENSIONS),
        max_upload_size=office_upload.MAX_UPLOAD_MB,
        key=f"w_upl_file_{counter}",
        help=ctx.t("upl_file_help"),
    )
    _templates(ctx)
    if uploaded is None:
        return
    data = uploaded.getvalue()
    check = _check(data, uploaded.name, ctx)
    result = check.result
    kind = ctx.t(f"upl_kind_{check.kind}") if check.kind else fmt.DASH
    st.markdown(ctx.t("upl_recognised", kind=kind))
    c1, c2, c3 = st.columns(3)
    c1.metric(ctx.t("upl_m_rows"), fmt.integer(result.rows_read if result else 0, ctx.lang))
    c2.metric(ctx.t("upl_m_errors"), fmt.integer(check.error_count, ctx.lang))
    c3.metric(ctx.t("upl_m_warnings"), fmt.integer(check.warning_count, ctx.lang))

    if check.issues:
        st.subheader(ctx.t("upl_issues"))
        st.dataframe(
            _issues_frame(check.issues, ctx),
            hide_index=True,
            placeholder=fmt.DASH,
            width="stretch",
            column_config={
                ctx.t("upl_col_row"): st.column_config.NumberColumn(format="%d", width="small"),
                ctx.t("upl_col_problem"): st.column_config.TextColumn(width="large"),
            },
        )
        if check.omitted_count:
            total = len(check.issues) + check.omitted_count
            st.caption(
                ctx.t(
                    "upl_issues_capped",
                    shown=fmt.integer(len(check.issues), ctx.lang),
                    total=fmt.integer(total, ctx.lang),
                )
            )
    if not check.loadable:
        if check.error_count:
            st.error(
                ctx.t("upl_not_loadable", n=fmt.integer(check.error_count, ctx.lang)),
                icon=":material/block:",
            )
        else:
            st.error(ctx.t("upl_empty"), icon=":material/block:")
        return
    st.success(
        ctx.t("upl_valid", rows=fmt.integer(len(result.valid), ctx.lang), kind=kind),
        icon=":material/task_alt:",
    )
    if check.warning_count:
        st.caption(ctx.t("upl_warnings_note"))
    if st.button(ctx.t("upl_load"), type="primary", key="w_upl_load", icon=":material/publish:"):
        with st.spinner(ctx.t("upl_loading")):
            try:
                report = office_upload.load_upload(data, check, pol, settings)
            except UploadRebuildError as exc:  # nothing published, the file set aside
                st.error(ctx.t(exc.code, **exc.params), icon=":material/error:")
                return
            except WriterBusyError:
                st.error(ctx.t("upl_busy"), icon=":material/hourglass_top:")
                return
            except Exception:  # the served database stays; details go to the server log
                logging.getLogger(__name__).exception("upload build failed")
                st.error(ctx.t("upl_build_failed"), icon=":material/error:")
                return
        st.session_state["ez_upl_done"] = {
            "kind": check.kind,
            "rows": len(result.valid),
            "build": report.path.stem,
        }
        st.session_state["ez_upl_counter"] = counter + 1  # a fresh, empty file picker
        st.rerun()


render()
