"""Shared layout bits: demo banner, attribution footer, page frame, charts with their data,
assumptions editor, map tiles.

Nothing here passes data through ``unsafe_allow_html``.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import format as fmt
from analysis import queries, tables
from analysis.chart_data import chart_data
from analysis.filters import Filters
from analysis.i18n import carrier_label, status_label, t
from dashboard import columns, state
from etl import schema
from etl.config import Settings
from etl.office import upload as office_upload
from etl.schema import CARRIERS

#: Host probed to decide whether online base tiles are reachable.
TILE_HOST = ("basemaps.cartocdn.com", 443)


@dataclass(frozen=True)
class PageContext:
    """What a page needs: the served database of this run and the language."""

    db: str
    lang: str

    def t(self, key: str, **values: object) -> str:
        """Translate ``key`` in this page's language."""
        return t(key, self.lang, **values)


def set_run_db(db: str | None, problem: str | None = None, pointer: str | None = None) -> None:
    """Remember the database resolved by the app for this run (pages read it), and why the
    pointer's build is not used (``problem``, ``None`` when it is)."""
    st.session_state["ez_db_run"] = db
    st.session_state["ez_served_problem"] = (problem, pointer) if problem else None


def served_problem(db: str | None, lang: str) -> None:
    """The banner when the published build cannot be opened: which build is shown instead."""
    problem, pointer = st.session_state.get("ez_served_problem") or ("", "")
    if db is None:
        st.error(t("served_broken_none", lang, pointer=md_escape(pointer)), icon=":material/error:")
        st.code(problem, language=None)
        st.code("make etl   # oder / or: .venv/bin/energiezukunft etl", language="bash")
        return
    fallback = md_escape(db.rsplit("/", 1)[-1])
    st.error(
        t("served_broken_fallback", lang, pointer=md_escape(pointer), fallback=fallback),
        icon=":material/warning:",
    )


def served_problem_details(ctx: PageContext) -> None:
    """For the office (Daten & Qualität): the error of the published build and what to do."""
    served = st.session_state.get("ez_served_problem")
    if not served:
        return
    problem, pointer = served
    st.subheader(ctx.t("dq_served_problem"))
    st.error(
        ctx.t(
            "dq_served_problem_text",
            pointer=md_escape(pointer),
            fallback=md_escape(ctx.db.rsplit("/", 1)[-1]),
        ),
        icon=":material/error:",
    )
    st.code(problem, language=None)


def upload_open(db: str | None) -> bool:
    """Whether this session may upload, so the upload page is in its navigation: a demo
    build (no secret needed), or the secret was entered in this session."""
    if not db:
        return False
    pol = office_upload.policy(Settings.from_env(), served_is_demo=queries.is_demo(db))
    if not pol.enabled:
        return False
    return not pol.needs_secret or bool(st.session_state.get("ez_upl_authed"))


def context() -> PageContext | None:
    """The page context, or ``None`` when no database is published."""
    db = st.session_state.get("ez_db_run")
    return PageContext(db=db, lang=state.lang()) if db else None


def no_database(lang: str) -> None:
    """The message shown when nothing is published yet."""
    st.warning(t("no_database", lang))
    st.code("make etl   # oder / or: .venv/bin/energiezukunft etl", language="bash")


def demo_banner(db: str, lang: str) -> None:
    """A clear banner whenever the database holds demo data."""
    if queries.is_demo(db):
        st.warning(t("demo_banner", lang), icon=":material/science:")


def partial_banner(db: str, lang: str) -> None:
    """A red "unvollständig" banner naming what is missing (a build with --accept-partial)."""
    missing = queries.partial_reasons(db, lang)
    if missing:
        st.error(t("partial_banner", lang, missing="; ".join(missing)), icon=":material/warning:")


def coverage_banner(db: str, lang: str) -> None:
    """A banner naming what is loaded and what is missing when a build holds only some
    carrier groups (e.g. only storage) or not all of the office's lists."""
    loaded, missing, lists = queries.coverage(db)
    parts = []
    if missing and loaded:
        parts.append(
            t(
                "coverage_only",
                lang,
                loaded=", ".join(t(f"cov_{g}", lang) for g in loaded),
                missing=", ".join(t(f"cov_{g}", lang) for g in missing),
            )
        )
    if lists:
        names = ", ".join(t(f"cov_list_{s}", lang) for s in lists)
        parts.append(t("coverage_lists", lang, lists=names))
    if parts:
        st.info(" ".join(parts), icon=":material/info:")


def footer(db: str | None, lang: str) -> None:
    """Data date and attribution (every page)."""
    st.divider()
    parts = []
    if db:
        parts.append(t("data_date", lang, date=fmt.day(queries.data_date(db), lang)))
    demo = bool(db) and queries.is_demo(db)
    parts.append(t("attribution_mastr", lang))
    parts.append(t("attribution_geo_demo" if demo else "attribution_geo", lang))
    if demo:
        parts.append(t("attribution_destatis_demo", lang))
    if db and queries.geometry_is_synthetic(db):
        parts.append(t("demo_geometry", lang))
    if demo:
        parts.append(t("demo_label", lang))
    st.caption(" · ".join(parts))
    st.page_link(
        "dashboard/pages/accessibility.py",
        label=t("footer_accessibility", lang),
        icon=":material/accessibility:",
    )


def units_table(
    units: pd.DataFrame, lang: str, height: int | None = None, download: bool | str = True
) -> None:
    """Draw a unit list: readable codes, schema labels with units, numbers formatted by column."""
    df = tables.units_table(units, lang)
    spec = columns.schema_columns(schema.UNITS.name, df, lang)
    columns.table(df, spec, lang, height=height, missing="", download=download)


def chart(fig: object, *, key: str, lang: str, **kwargs: object) -> object:
    """Draw a plotly figure and, under it, the table of its numbers ("Daten zur Grafik").

    The table (:func:`analysis.chart_data.chart_data`) is the chart's text
    alternative for screen readers and keyboard users, with a CSV download.
    ``kwargs`` go to ``st.plotly_chart``; its return value (a selection) is returned.
    """
    result = st.plotly_chart(fig, key=key, alt=t("chart_alt", lang), **kwargs)  # type: ignore[arg-type]
    data = chart_data(fig)  # type: ignore[arg-type]
    if data.rows.empty and not data.left_out_points:
        return result
    with st.expander(t("chart_data", lang), icon=":material/table:"):
        rows = data.rows
        spec: dict[str, columns.Column] = {}
        if rows["series"].astype(bool).any():
            spec["series"] = (t("chart_series", lang), "text")
        spec["category"] = (data.category_title or t("chart_category", lang), data.category_kind)
        if rows["value"].notna().any():
            decimals = 2 if rows["value"].abs().max() < 10 else 1
            spec["value"] = (data.value_title or t("chart_value", lang), decimals)
        if len(rows):
            columns.table(rows, spec, lang, download=f"grafik_{key}")
        if data.left_out_points:
            st.caption(t("chart_points_left_out", lang, n=fmt.integer(data.left_out_points, lang)))
    return result


def page_header(ctx: PageContext, title_key: str, intro_key: str | None = None) -> None:
    """Page title, one line of explanation and the data date."""
    st.title(ctx.t(title_key))
    line = ctx.t(intro_key) if intro_key else ""
    date_text = ctx.t("data_date", date=fmt.day(queries.data_date(ctx.db), ctx.lang))
    st.caption(f"{line} {date_text}".strip())


def sidebar_filters(ctx: PageContext, show: tuple[str, ...]) -> Filters:
    """The page's sidebar filters (state shared across pages and kept in the URL)."""
    names = queries.municipality_names(ctx.db) if "municipality" in show else {}
    years = queries.year_range(ctx.db) if "period" in show else None
    return state.filter_widgets(
        show,
        texts=ctx.t,
        carrier_label=lambda c: carrier_label(c, ctx.lang),
        status_label=lambda s: status_label(s, ctx.lang),
        municipalities=names,
        years=years,
    )


def scope_name(ctx: PageContext, municipality: str | None) -> str:
    """Readable name of the selected area (municipality or the whole region)."""
    if municipality:
        return queries.municipality_names(ctx.db).get(municipality, municipality)
    info = queries.build_info(ctx.db)
    return info.get("region_name") or ctx.t("all_municipalities")


def _copy_assumption(widget_key: str, state_key: str) -> None:
    st.session_state[state_key] = float(st.session_state[widget_key])


def _reset_assumptions() -> None:
    for c in CARRIERS:
        st.session_state.pop(f"ez_flh_{c}", None)
    st.session_state.pop("ez_consumption", None)


def assumptions_editor(ctx: PageContext) -> None:
    """Visible, adjustable estimation assumptions (stored for all pages)."""
    ss = st.session_state
    a = state.current_assumptions()
    with st.expander(ctx.t("assumptions"), expanded=False):
        st.write(ctx.t("assumptions_text"))
        cols = st.columns(3)
        shown = [c for c in CARRIERS if c not in ("storage", "other", "wind_offshore")]
        for i, c in enumerate(shown):
            key = f"w_flh_{c}"
            ss[key] = float(a.hours[c])
            with cols[i % 3]:
                st.number_input(
                    ctx.t("flh_label", carrier=carrier_label(c, ctx.lang)),
                    min_value=0.0,
                    max_value=8760.0,
                    step=50.0,
                    key=key,
                    on_change=_copy_assumption,
                    args=(key, f"ez_flh_{c}"),
                )
        ss["w_consumption"] = float(a.consumption_mwh_per_inhabitant)
        st.number_input(
            ctx.t("consumption_label"),
            min_value=state.CONSUMPTION_RANGE[0],
            max_value=state.CONSUMPTION_RANGE[1],
            step=0.1,
            key="w_consumption",
            on_change=_copy_assumption,
            args=("w_consumption", "ez_consumption"),
        )
        st.button(
            ctx.t("reset_assumptions"), key="w_reset_assumptions", on_click=_reset_assumptions
        )


@st.cache_data(ttl=600, show_spinner=False)
def _tiles_reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.5):
            return True
    except OSError:
        return False


def is_phone() -> bool:
    """Whether the browser says it is a phone ("Mobi" in its user agent, as phones send).

    Used only to fit maps into a phone's width; layout otherwise adapts by itself.
    """
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except Exception:  # no browser session (AppTest, bare mode)
        return False
    return "Mobi" in agent


def map_tiles_online() -> bool:
    """Whether to use online base tiles: ``EZ_MAP_TILES=offline|online|auto`` (default auto)."""
    mode = os.environ.get("EZ_MAP_TILES", "auto").strip().lower()
    if mode == "offline":
        return False
    if mode == "online":
        return True
    return _tiles_reachable(*TILE_HOST)


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:")


def md_escape(text: object) -> str:
    """Text from data (file names …) made inert for Streamlit markdown (captions, info boxes)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))
