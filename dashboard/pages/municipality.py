"""Gemeinden: the profile of one municipality for council members."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from analysis import estimates as est
from analysis import figures, queries
from analysis import format as fmt
from analysis.filters import Filters
from analysis.i18n import status_label
from dashboard import components, state
from dashboard.briefing.streamlit_button import briefing_download_button


def _share_link(key: str, lang: str) -> str:
    """Absolute link to this municipality's profile (relative if the host is unknown)."""
    query = urlencode({"municipality": key, **({"lang": lang} if lang != "de" else {})})
    url = st.context.url or ""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        base_path = parts.path.rsplit("/", 1)[0]
        return urlunsplit((parts.scheme, parts.netloc, f"{base_path}/gemeinden", query, ""))
    return f"/gemeinden?{query}"


#: Turbines listed under the EEG estimate (largest area share first).
TURBINE_LIST_LIMIT = 200


def render() -> None:
    """Lay out the municipality profile page."""
    ctx = components.context()
    if ctx is None:
        return
    lang = ctx.lang
    components.page_header(ctx, "mu_title", "mu_intro")
    f = components.sidebar_filters(ctx, ("municipality", "period"))
    key = f.municipality
    ranking = queries.ranking(ctx.db)
    if not key:
        st.info(ctx.t("mu_pick"))
        table = ranking.sort_values("rank_km2")
        st.dataframe(
            pd.DataFrame(
                {
                    ctx.t("municipality"): table["municipality_name"],
                    ctx.t("col_operating_mw"): [
                        fmt.number(v / 1000, 1, lang) for v in table["capacity_kw"]
                    ],
                    ctx.t("axis_kw_km2"): [fmt.number(v, 1, lang) for v in table["kw_per_km2"]],
                    ctx.t("axis_kw_inh"): [
                        fmt.number(v, 2, lang) for v in table["kw_per_inhabitant"]
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        return

    muni = queries.municipalities(ctx.db).set_index("municipality_key").loc[key]
    st.header(str(muni["municipality_name"]))
    st.caption(f"{ctx.t('share_link')}: {_share_link(key, lang)}")
    briefing_download_button(ctx.db, key, lang, state.current_assumptions())
    scope = Filters(municipality=key)
    cap = queries.capacity(ctx.db, scope)
    operating_kw = float(cap.loc[cap["status"] == "operating", "capacity_kw"].sum())
    row = ranking.set_index("municipality_key").loc[key]
    n = len(ranking)

    c1, c2, c3, c4, c5 = st.columns([1.1, 1, 1, 1.3, 1.3])
    c1.metric(ctx.t("mu_installed"), fmt.mw(operating_kw, 1, lang), help=ctx.t("m_installed"))
    c2.metric(ctx.t("mu_area"), fmt.with_unit(muni["area_km2"], "km²", 1, lang))
    c3.metric(ctx.t("mu_population"), fmt.integer(muni["population"], lang))
    c4.metric(
        ctx.t("mu_rank_km2"),
        ctx.t("mu_rank_value", rank=fmt.integer(row["rank_km2"], lang)),
        ctx.t("mu_rank_of", n=n, value=fmt.with_unit(row["kw_per_km2"], "kW/km²", 1, lang)),
        delta_color="off",
        delta_arrow="off",
        help=ctx.t("mu_rank_help"),
    )
    c5.metric(
        ctx.t("mu_rank_inh"),
        ctx.t("mu_rank_value", rank=fmt.integer(row["rank_inhabitant"], lang)),
        ctx.t(
            "mu_rank_of",
            n=n,
            value=fmt.with_unit(row["kw_per_inhabitant"], ctx.t("unit_kw_per_inhabitant"), 2, lang),
        ),
        delta_color="off",
        delta_arrow="off",
        help=ctx.t("mu_rank_help"),
    )

    left, right = st.columns(2)
    with left:
        st.subheader(ctx.t("mu_by_status"))
        st.plotly_chart(figures.capacity_by_status_bar(cap, lang), key="mu_status")
    with right:
        st.subheader(ctx.t("mu_growth"))
        ts = queries.timeseries(
            ctx.db, Filters(municipality=key, year_from=f.year_from, year_to=f.year_to), "year"
        )
        st.plotly_chart(
            figures.cumulative_chart(ts, lang, "year", queries.data_date(ctx.db)), key="mu_growth"
        )

    st.subheader(ctx.t("mu_planned"))
    planned = queries.units(ctx.db, Filters(municipality=key, statuses=("planned",)))
    if planned.empty:
        st.write(ctx.t("mu_no_planned"))
    else:
        st.dataframe(components.units_table(planned, lang), hide_index=True, width="stretch")

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
    turbines = queries.eeg_turbines(ctx.db, key, limit=TURBINE_LIST_LIMIT)
    n_turbines = int(eeg["wind_units"].sum())
    if not turbines.empty:
        with st.expander(ctx.t("eeg_turbines") + f" ({fmt.integer(n_turbines, lang)})"):
            if n_turbines > len(turbines):
                st.caption(ctx.t("eeg_turbines_limit", n=fmt.integer(len(turbines), lang)))
            st.dataframe(
                pd.DataFrame(
                    {
                        ctx.t("col_mastr_id"): turbines["unit_id_mastr"],
                        ctx.t("status"): [status_label(s, lang) for s in turbines["status"]],
                        ctx.t("capacity") + " (kW)": [
                            fmt.number(v, 0, lang) for v in turbines["gross_capacity_kw"]
                        ],
                        ctx.t("col_standing_in"): turbines["standing_in"],
                        ctx.t("col_share"): [fmt.percent(v, 1, lang) for v in turbines["share"]],
                    }
                ),
                hide_index=True,
                width="stretch",
            )

    st.subheader(ctx.t("mu_units"))
    listed = queries.units(
        ctx.db, Filters(municipality=key, year_from=f.year_from, year_to=f.year_to)
    )
    total = queries.units_count(
        ctx.db, Filters(municipality=key, year_from=f.year_from, year_to=f.year_to)
    )
    limit_key = "mu_units_limit" if total > len(listed) else "mu_units_all"
    st.caption(ctx.t(limit_key, n=fmt.integer(len(listed), lang), total=fmt.integer(total, lang)))
    st.dataframe(components.units_table(listed, lang), hide_index=True, width="stretch", height=360)


render()
