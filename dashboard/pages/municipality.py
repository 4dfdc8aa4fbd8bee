"""Gemeinden: the profile of one municipality for council members, chosen by the search,
a ranking row, a map click or the link ``/gemeinden?gemeinde=<AGS>``."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from analysis import estimates as est
from analysis import export, figures, headline, office_tables, queries, tables
from analysis import format as fmt
from analysis import office_queries as oq
from analysis.filters import Filters
from dashboard import columns, components, search, state
from dashboard.briefing.streamlit_button import briefing_download_button


def _share_link(key: str, lang: str) -> str:
    """Absolute link to this municipality's profile (relative if the host is unknown)."""
    query = urlencode({"gemeinde": key, **({"lang": lang} if lang != "de" else {})})
    url = st.context.url or ""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        base_path = parts.path.rsplit("/", 1)[0]
        return urlunsplit((parts.scheme, parts.netloc, f"{base_path}/gemeinden", query, ""))
    return f"/gemeinden?{query}"


#: Turbines listed under the EEG estimate (largest area share first).
TURBINE_LIST_LIMIT = 200


def _on_row_click() -> None:
    """A clicked ranking row opens that municipality's profile (and puts it in the URL)."""
    event = st.session_state.get("w_mu_ranking") or {}
    rows = (event.get("selection") or {}).get("rows") or []
    keys = st.session_state.get("ez_ranking_keys") or []
    if rows and 0 <= rows[0] < len(keys):
        state.set_municipality(keys[rows[0]])


def _ranking_list(ctx: components.PageContext, ranking: pd.DataFrame) -> None:
    """Without a selection: every municipality by capacity per km² (a row opens its
    profile), and its CSV."""
    st.info(ctx.t("mu_pick"))
    table = tables.ranking_table(ranking)
    st.session_state["ez_ranking_keys"] = table["municipality_key"].tolist()
    spec: dict[str, columns.Column] = {
        "rank_km2": (ctx.t("mu_rank_km2"), tables.rank_labels(ranking, ctx.lang)),
        "municipality_name": (ctx.t("municipality"), "text"),
        "operating_mw": (ctx.t("col_operating_mw"), 1),
        "kw_per_km2": (ctx.t("axis_kw_km2"), 1),
        "kw_per_inhabitant": (ctx.t("axis_kw_inh"), 2),
    }
    # no CSV under the list: the fuller figures CSV follows below it
    columns.table(
        table, spec, ctx.lang, download=False, key="w_mu_ranking", on_select=_on_row_click
    )
    rest = headline.unassigned(ctx.db)
    if rest.operating_units:
        st.caption(
            ctx.t(
                "fig_unassigned_caption",
                units=ctx.t("n_units", n=fmt.integer(rest.operating_units, ctx.lang)),
                mw=fmt.mw(rest.installed_kw, 1, ctx.lang),
                keys=", ".join(rest.keys) or "–",
            )
        )
    demo, data_date = queries.is_demo(ctx.db), queries.data_date(ctx.db)
    st.download_button(
        ctx.t("mu_download_csv"),
        data=export.figures_csv_bytes(
            ranking, ctx.lang, demo, (rest.installed_kw, rest.operating_units), data_date
        ),
        file_name=export.file_name(ctx.t("mu_export_file_base"), "csv", demo, data_date),
        mime="text/csv",
        key="w_mu_csv",
        icon=":material/download:",
    )


def _headline(ctx: components.PageContext, key: str, ranking: pd.DataFrame) -> pd.DataFrame:
    """Name, share link, briefing button and the headline metrics; returns the capacity."""
    lang = ctx.lang
    row = ranking.set_index("municipality_key").loc[key]
    st.header(str(row["municipality_name"]))
    st.button(
        ctx.t("mu_back"),
        icon=":material/arrow_back:",
        key="w_mu_back",
        on_click=state.set_municipality,
        args=(None,),
    )
    st.markdown(f"**{ctx.t('share_link')}**")
    st.code(_share_link(key, lang), language=None, wrap_lines=True)
    st.caption(ctx.t("mu_share_caption"))
    briefing_download_button(ctx.db, key, lang, state.current_assumptions())

    c1, c2, c3, c4, c5 = st.columns([1.1, 1, 1, 1.3, 1.3])
    c1.metric(
        ctx.t("mu_installed"),
        fmt.mw(row["installed_kw"], 1, lang),
        ctx.t("n_units", n=fmt.integer(row["operating_units"], lang)),
        delta_color="off",
        delta_arrow="off",
        help=ctx.t("m_installed_help"),
    )
    c2.metric(ctx.t("mu_area"), fmt.with_unit(row["area_km2"], "km²", 1, lang))
    c3.metric(ctx.t("mu_population"), fmt.integer(row["population"], lang))
    for col, which, label in ((c4, "km2", "mu_rank_km2"), (c5, "inhabitant", "mu_rank_inh")):
        col.metric(
            ctx.t(label),
            headline.rank_text(row, which, lang),
            headline.rank_detail(row, which, lang),
            delta_color="off",
            delta_arrow="off",
            help=ctx.t("mu_rank_help"),
        )
    if row["storage_kw"] > 0:
        st.caption(
            ctx.t("fig_storage")
            + ": "
            + fmt.mw(row["storage_kw"], 1, lang)
            + ", "
            + fmt.mwh(row["storage_kwh"] / 1000, 1, lang)
            + " – "
            + ctx.t("m_storage_help")
        )
    return queries.capacity(ctx.db, headline.renewable_filter(Filters(municipality=key)))


def _place(ctx: components.PageContext, key: str, row: pd.Series) -> None:
    """The municipality among its neighbours, and its density against the district's."""
    lang = ctx.lang
    names = queries.municipality_names(ctx.db)
    around = queries.neighbours(ctx.db, key)
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.subheader(ctx.t("mu_map_title"))
        fig = figures.municipality_map(
            queries.municipality_geojson(ctx.db), key, around, names, lang
        )
        components.chart(fig, lang=lang, key="mu_place", config={"displayModeBar": False})
        if around:
            listed = ", ".join(sorted(names.get(k, k) for k in around))
            st.caption(ctx.t("mu_neighbours", names=listed))
    with right:
        st.subheader(ctx.t("mu_compare"))
        avg = headline.district_average(ctx.db)
        per_inh = ctx.t("unit_kw_per_inhabitant")
        for label, value, district, unit, decimals in (
            ("mu_cmp_km2", row["kw_per_km2"], avg.kw_per_km2, "kW/km²", 1),
            ("mu_cmp_inh", row["kw_per_inhabitant"], avg.kw_per_inhabitant, per_inh, 2),
        ):
            st.metric(
                ctx.t(label),
                fmt.with_unit(value, unit, decimals, lang),
                ctx.t("mu_cmp_district", value=fmt.with_unit(district, unit, decimals, lang)),
                delta_color="off",
                delta_arrow="off",
                help=ctx.t("mu_cmp_help"),
            )


def _planned(ctx: components.PageContext, key: str) -> None:
    """Planned units in the MaStR, and the office's wind projects in the municipality."""
    st.subheader(ctx.t("mu_planned"))
    planned = queries.units(ctx.db, Filters(municipality=key, statuses=("planned",)))
    if planned.empty:
        st.write(ctx.t("mu_no_planned"))
    else:
        components.units_table(planned, ctx.lang)
    if not oq.has_office_tables(ctx.db):
        return
    st.markdown(f"**{ctx.t('mu_office_pipeline')}**")
    permits = oq.permits(ctx.db, key)
    if permits.empty:
        st.caption(ctx.t("mu_no_office_pipeline"))
        return
    columns.table(
        office_tables.permits_table(permits, ctx.lang),
        {
            "project_name": (ctx.t("pl_col_project"), "text"),
            "status": (ctx.t("status"), "text"),
            "turbine_count": (ctx.t("pl_col_turbines"), 0),
            "capacity_mw": (ctx.t("pl_col_list_mw"), 1),
            "counted_mw": (ctx.t("pl_col_counted"), 1),
            "application_date": (ctx.t("pl_col_applied"), "date"),
            "permit_date": (ctx.t("pl_col_permit"), "date"),
        },
        ctx.lang,
    )


def _eeg(ctx: components.PageContext, key: str) -> None:
    """The EEG §6 estimate: metrics, assumptions and the turbines sharing their area."""
    lang = ctx.lang
    st.subheader(ctx.t("mu_eeg"))
    a = state.current_assumptions()
    eeg = est.eeg_estimate(queries.eeg(ctx.db, key), a).set_index("status")
    e1, e2, e3, e4 = st.columns(4)
    e1.metric(
        ctx.t("eeg_wind"),
        fmt.euro(eeg.loc["operating", "wind_eur"], lang),
        fmt.mw(eeg.loc["operating", "wind_share_kw"], 1, lang),
        delta_color="off",
        delta_arrow="off",
        help=ctx.t("eeg_wind_help"),
    )
    e2.metric(
        ctx.t("eeg_pv"),
        fmt.euro(eeg.loc["operating", "pv_ground_eur"], lang),
        fmt.mw(eeg.loc["operating", "pv_ground_kw"], 1, lang),
        delta_color="off",
        delta_arrow="off",
        help=ctx.t("eeg_pv_help"),
    )
    e3.metric(ctx.t("eeg_operating"), fmt.euro(eeg.loc["operating", "total_eur"], lang))
    e4.metric(ctx.t("eeg_planned"), fmt.euro(eeg.loc["planned", "total_eur"], lang))
    st.caption(
        ctx.t(
            "eeg_assumptions",
            ct=fmt.number(a.eeg_ct_per_kwh, 1, lang),
            wind=fmt.integer(a.hours["wind_onshore"], lang),
            pv=fmt.integer(a.hours["pv_ground"], lang),
        )
    )
    missing = queries.neighbour_turbines_missing(ctx.db)
    if missing:
        st.caption(ctx.t(f"eeg_nb_{missing}"))
    turbines = queries.eeg_turbines(ctx.db, key, limit=TURBINE_LIST_LIMIT)
    n_turbines = int(eeg["wind_units"].sum())
    if turbines.empty:
        return
    with st.expander(ctx.t("eeg_turbines") + f" ({fmt.integer(n_turbines, lang)})"):
        if n_turbines > len(turbines):
            st.caption(ctx.t("eeg_turbines_limit", n=fmt.integer(len(turbines), lang)))
        columns.table(
            tables.turbines_table(turbines, lang),
            {
                "unit_id_mastr": (ctx.t("col_mastr_id"), "text"),
                "status": (ctx.t("status"), "text"),
                "gross_capacity_kw": (ctx.t("capacity") + " (kW)", 0),
                "standing_in": (ctx.t("col_standing_in"), "text"),
                "share": (ctx.t("col_share"), "percent1"),
            },
            lang,
        )


def render() -> None:
    """Lay out the municipality profile page (or, without a selection, the ranking)."""
    ctx = components.context()
    if ctx is None:
        return
    search.take_open_request()  # the search on this page selects in place
    lang = ctx.lang
    components.page_header(ctx, "mu_title", "mu_intro")
    f = components.sidebar_filters(ctx, ("municipality", "period"))
    key = f.municipality
    ranking = headline.municipality_figures(ctx.db)
    search.municipality_search(ctx)
    if not key:
        _ranking_list(ctx, ranking)
        return
    cap = _headline(ctx, key, ranking)
    _place(ctx, key, ranking.set_index("municipality_key").loc[key])

    left, right = st.columns(2)
    with left:
        st.subheader(ctx.t("mu_by_status"))
        components.chart(figures.capacity_by_status_bar(cap, lang), lang=ctx.lang, key="mu_status")
    with right:
        st.subheader(ctx.t("mu_growth"))
        scope = Filters(municipality=key, year_from=f.year_from, year_to=f.year_to)
        ts = queries.timeseries(ctx.db, headline.renewable_filter(scope), "year")
        components.chart(
            figures.cumulative_chart(ts, lang, "year", queries.data_date(ctx.db)),
            lang=ctx.lang,
            key="mu_growth",
        )

    _planned(ctx, key)
    _eeg(ctx, key)

    st.subheader(ctx.t("mu_units"))
    scope = Filters(municipality=key, year_from=f.year_from, year_to=f.year_to)
    listed = queries.units(ctx.db, scope)
    total = queries.units_count(ctx.db, scope)
    limit_key = "mu_units_limit" if total > len(listed) else "mu_units_all"
    st.caption(ctx.t(limit_key, n=fmt.integer(len(listed), lang), total=fmt.integer(total, lang)))
    components.units_table(listed, lang, height=360)


render()
