"""The briefing's sections: changes, capacity, growth, mix, map, EEG, pipeline, H2, sources."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from analysis import estimates as est
from analysis import figures, headline, office_tables, queries
from analysis import format as fmt
from analysis import office_queries as oq
from analysis.figures import pipeline as ofig
from analysis.filters import Filters
from analysis.i18n import carrier_label, t
from reports import changes as ch
from reports import images, text
from reports.headlines import hours_text
from reports.model import (
    Briefing,
    Image,
    ImageRow,
    Paragraph,
    Section,
    TableBlock,
)


# --------------------------------------------------------------------------- #
# Sections
# --------------------------------------------------------------------------- #
def changes_section(
    b: Briefing,
    db: Path,
    municipality_key: str | None,
    since: date | None,
    compare_build: Path | None,
    processed_dir: Path | None,
) -> Section:
    """Changes since a date, an earlier build or the previous build kept (see ``generate``)."""
    lang = b.lang
    sec = Section(text.heading("changes", lang))
    result: ch.Changes | None = None
    if since is not None:
        result = ch.changes_since_date(db, since, municipality_key=municipality_key)
        b.baseline = f"since {since.isoformat()}"
    else:
        previous = compare_build or ch.previous_build(processed_dir or db.parent, db)
        if previous is not None:
            result = ch.compare_builds(db, Path(previous), municipality_key=municipality_key)
            b.baseline = f"build {result.baseline_build_id}"
    if result is None:
        sec.blocks.append(Paragraph(text.word("no_baseline", lang)))
        return sec
    sec.blocks.append(Paragraph(result.sentence(lang)))
    table = result.table(lang)
    if not table.empty:
        sec.blocks.append(
            TableBlock(
                columns=list(table.columns),
                rows=table.astype(str).values.tolist(),
                align=["L", "L", "R", "R"],
                widths=[2.2, 1.6, 0.8, 1.0],
            )
        )
    sec.blocks.append(Paragraph(text.baseline_note(result, lang), small=True))
    return sec


def carrier_table(
    ov: headline.Headlines, gen: pd.DataFrame, lang: str, source: str, a: est.Assumptions
) -> Section:
    """The overview page's table: in operation and planned per carrier, with generation."""
    by = ov.by_carrier
    keep = (by["operating_kw"] > 0) | (by["planned_kw"] > 0)
    rows = [
        [
            carrier_label(c, lang),
            fmt.number(op_kw / 1000, 1, lang),
            fmt.integer(op_n, lang),
            fmt.number(pl_kw / 1000, 1, lang),
            fmt.integer(h, lang),
            fmt.integer(g, lang),
        ]
        for c, op_kw, op_n, pl_kw, h, g, k in zip(
            gen["carrier"],
            gen["capacity_kw"],
            by["operating_units"],
            by["planned_kw"],
            gen["full_load_hours"],
            gen["generation_mwh"],
            keep,
            strict=True,
        )
        if k
    ]
    cols = [
        t("carrier", lang),
        t("col_operating_mw", lang),
        t("col_operating_units", lang),
        t("col_planned_mw", lang),
        t("col_hours", lang),
        t("col_generation_mwh", lang),
    ]
    caption = (
        f"{t('ov_table_caption', lang)}. {source}. {text.word('generation_is_estimate', lang)}"
    )
    return Section(
        t("ov_by_carrier", lang),
        [TableBlock(cols, rows, widths=[1.5, 1.0, 1.0, 1.0, 1.3, 1.3], caption=caption)],
    )


def growth_section(db: str, f: Filters, lang: str, data_date: date | None, source: str) -> Section:
    """Installed capacity over time (as on the growth page)."""
    ts = queries.timeseries(db, headline.renewable_filter(f), "year")
    fig = figures.cumulative_chart(ts, lang, "year", data_date)
    png, aspect = images.to_png(fig, height=430)
    return Section(
        t("gr_cumulative", lang),
        [Image(png, f"{source}. {t('gr_note', lang)}", aspect)],
    )


def mix_section(gen: pd.DataFrame, lang: str, source: str, a: est.Assumptions) -> Section:
    """Shares of capacity and of estimated generation (as on the mix page)."""
    cap_fig = figures.mix_donut(gen, "capacity_kw", "MW", lang, title=t("mix_capacity", lang))
    gen_fig = figures.mix_donut(
        gen, "generation_mwh", "MWh/a", lang, title=t("mix_generation", lang)
    )
    pngs = [images.to_png(fig, width=560, height=430) for fig in (cap_fig, gen_fig)]
    caption = (
        f"{source}. {text.word('generation_is_estimate', lang)} "
        f"{text.word('hours_used', lang)}: {hours_text(gen, lang)}."
    )
    return Section(
        t("mix_title", lang),
        [ImageRow([Image(p, "", asp) for p, asp in pngs], caption)],
    )


def _geo_key(db: str) -> str:
    """The boundaries' attribution: the demo's VG5000 2021 set, else the generic one."""
    return "attribution_geo_demo" if queries.is_demo(db) else "attribution_geo"


def map_section(
    db: str, f: Filters, lang: str, source: str, synthetic_geo: bool, a: est.Assumptions
) -> Section:
    """The region's map with the largest units as points (as on the map page)."""
    counts = queries.map_point_counts(db, Filters())
    min_kw = queries.auto_point_threshold(counts)
    points = queries.map_points(db, Filters(), min_kw)
    aggregates = queries.map_aggregates(db, Filters(), min_kw)
    munis = queries.municipalities(db)
    cap = queries.municipality_capacity(db, Filters())
    values = figures.choropleth_values(munis, cap, "mw", a.hours)
    fig = figures.map_figure(
        points=points,
        aggregates=aggregates,
        geojson=queries.municipality_geojson(db),
        choropleth=values,
        metric_label=t("metric_mw", lang),
        bounds=queries.region_bounds(db, f.municipality),
        lang=lang,
        style=figures.MAP_STYLE_OFFLINE,
        selected=f.municipality,
        height=620,
        label=t("demo_label", lang) if queries.is_demo(db) else None,
    )
    png, aspect = images.to_png(fig, width=900, height=620, scale=1.5)
    caption = " ".join(
        [
            t(
                "map_points_info",
                lang,
                n=fmt.integer(len(points), lang),
                kw=fmt.with_unit(min_kw, "kW", 0, lang),
                m=fmt.integer(int(aggregates["unit_count"].sum()) if len(aggregates) else 0, lang),
            ),
            t("map_legend_status", lang),
            text.word("map_choropleth", lang),
            f"{source} · {t(_geo_key(db), lang)}"
            + (f" · {t('demo_geometry', lang)}" if synthetic_geo else ""),
        ]
    )
    return Section(t("map_title", lang), [Image(png, caption, aspect)], new_page=True)


def eeg_section(db: str, key: str, lang: str, source: str, a: est.Assumptions) -> Section:
    """EEG §6 estimate as on the municipality page."""
    eeg = est.eeg_estimate(queries.eeg(db, key), a).set_index("status")
    rows = [
        [
            t("eeg_wind", lang),
            fmt.mw(eeg.loc["operating", "wind_share_kw"], 1, lang),
            fmt.euro(eeg.loc["operating", "wind_eur"], lang),
            fmt.euro(eeg.loc["planned", "wind_eur"], lang),
        ],
        [
            t("eeg_pv", lang),
            fmt.mw(eeg.loc["operating", "pv_ground_kw"], 1, lang),
            fmt.euro(eeg.loc["operating", "pv_ground_eur"], lang),
            fmt.euro(eeg.loc["planned", "pv_ground_eur"], lang),
        ],
        [
            t("eeg_total", lang),
            "",
            fmt.euro(eeg.loc["operating", "total_eur"], lang),
            fmt.euro(eeg.loc["planned", "total_eur"], lang),
        ],
    ]
    cols = [
        "",
        t("capacity", lang) + (" (in Betrieb)" if lang == "de" else " (in operation)"),
        t("eeg_operating", lang),
        t("eeg_planned", lang),
    ]
    caption = (
        t(
            "eeg_assumptions",
            lang,
            ct=fmt.number(a.eeg_ct_per_kwh, 1, lang),
            wind=fmt.integer(a.hours["wind_onshore"], lang),
            pv=fmt.integer(a.hours["pv_ground"], lang),
        )
        + f" {source}."
    )
    missing = queries.neighbour_turbines_missing(db)
    if missing:
        caption += " " + t(f"eeg_nb_{missing}", lang)
    return Section(
        t("mu_eeg", lang),
        [TableBlock(cols, rows, widths=[2.2, 1.2, 1.2, 1.4], caption=caption)],
    )


def pipeline_section(db: str, key: str | None, lang: str, data_date: date | None) -> Section | None:
    """The wind pipeline page's summary (office list reconciled with the MaStR), if loaded."""
    if not oq.has_office_tables(db):
        return None
    source_file = oq.list_loaded(db, "office_wind_permits")
    if source_file is None:
        return None
    s = oq.pipeline_summary(db, key)
    if key and s.pipeline_mw <= 0 and s.list_entries == 0:
        return None

    def mw(value: float) -> str:
        return fmt.with_unit(value, "MW", 0, lang)

    summary = (
        f"{t('pl_m_installed', lang)}: {mw(s.installed_mw)} "
        f"({t('n_units', lang, n=fmt.integer(s.installed_units, lang))}). "
        f"{t('pl_m_pipeline', lang)}: {mw(s.pipeline_mw)}, "
        f"{t('pl_m_net', lang)}: {mw(s.pipeline_net_mw)}; "
        f"{t('pl_m_mastr', lang)} {mw(s.mastr_planned_mw)}, "
        f"{t('pl_m_list', lang)} {mw(s.list_added_mw)}."
    )
    by_stage = oq.pipeline_by_stage(db, key)
    png, aspect = images.to_png(ofig.installed_vs_pipeline(s.installed_mw, by_stage, lang),
                                height=300)  # fmt: skip
    stages = by_stage.groupby("stage", as_index=False)[["mw", "turbines"]].sum()
    order = {st: i for i, st in enumerate(oq.FUNNEL_STAGES)}
    stages = stages.sort_values("stage", key=lambda c: c.map(order).fillna(99))
    rows = [
        [t(f"stage_{r.stage}", lang), fmt.integer(r.turbines, lang), fmt.number(r.mw, 1, lang)]
        for r in stages.itertuples()
    ]
    rows.append(
        [
            t("pl_m_pipeline", lang),
            fmt.integer(stages["turbines"].sum(), lang),
            fmt.number(stages["mw"].sum(), 1, lang),
        ]
    )
    source = (
        f"{t('pl_list_file', lang, file=source_file)} · {t('attribution_mastr', lang)} · "
        f"{t('data_date', lang, date=fmt.day(data_date, lang))}"
    )
    return Section(
        t("pl_title", lang),
        [
            Paragraph(summary),
            Image(png, f"{t('pl_installed_vs_caption', lang)} {source}", aspect),
            TableBlock(
                [t("status", lang), t("units", lang), t("pl_col_counted", lang)],
                rows,
                widths=[2.0, 1.0, 1.4],
                caption=t("pl_m_pipeline_help", lang),
            ),
        ],
    )


def hydrogen_section(db: str, key: str | None, lang: str, data_date: date | None) -> Section | None:
    """The hydrogen page's summary and the list of projects, if the list is loaded."""
    if not oq.has_office_tables(db):
        return None
    source_file = oq.list_loaded(db, "office_hydrogen_projects")
    if source_file is None:
        return None
    projects = oq.hydrogen_projects(db, key)
    if projects.empty:
        return None
    active = projects[projects["status"] != "cancelled"]
    stages = "; ".join(
        f"{t(f'h2_m_stage_{r.stage_group}', lang)}: "
        f"{fmt.with_unit(r.electrolyser_mw, 'MW', 0, lang)}, "
        + t(
            "h2_m_stage_delta",
            lang,
            t=fmt.number(r.hydrogen_output_t_per_year, 0, lang),
            n=fmt.integer(r.projects, lang),
        )
        for r in office_tables.hydrogen_by_stage(projects).itertuples()
    )
    summary = (
        f"{t('h2_m_projects', lang)}: {fmt.integer(len(active), lang)} "
        f"({t('h2_m_cancelled', lang, n=len(projects) - len(active))}). {stages}. "
        f"{t('h2_stages_caption', lang)}"
    )
    rows = [
        [
            str(r.project_name),
            t(f"h2type_{r.project_type}", lang),
            t(f"h2status_{r.status}", lang),
            "" if pd.isna(r.expected_year) else str(int(r.expected_year)),
            fmt.number(r.electrolyser_mw, 1, lang),
            "" if pd.isna(r.municipality_name) else str(r.municipality_name),
        ]
        for r in projects.itertuples()
    ]
    cols = [
        t("h2_col_project", lang),
        t("h2_col_type", lang),
        t("status", lang),
        t("h2_col_year", lang),
        t("h2_col_electrolyser", lang),
        t("municipality", lang),
    ]
    caption = (
        f"{t('h2_list_file', lang, file=source_file)} · "
        f"{t('data_date', lang, date=fmt.day(data_date, lang))}"
    )
    return Section(
        t("h2_title", lang),
        [
            Paragraph(summary),
            TableBlock(cols, rows, widths=[2.0, 1.0, 1.7, 0.6, 0.9, 1.3], caption=caption,
                       align=["L", "L", "L", "R", "R", "L"]),
        ],
    )  # fmt: skip


def sources_section(b: Briefing, db: str, lang: str, a: est.Assumptions) -> Section:
    """Where the figures come from, and how to trace this document."""
    runs = queries.load_runs(db)
    files = ", ".join(
        f"{r.source_file} ({fmt.day(r.extract_date, lang)})"
        if r.extract_date is not None and not pd.isna(r.extract_date)
        else str(r.source_file)
        for r in runs.itertuples()
    )
    paras = [
        Paragraph(
            t("attribution_mastr", lang)
            + ". "
            + t("attribution_geo_demo" if b.is_demo else "attribution_geo", lang)
            + "."
            + (f" {t('attribution_destatis_demo', lang)}." if b.is_demo else "")
        ),
        Paragraph(text.word("files_read", lang) + ": " + (files or fmt.DASH) + "."),
        Paragraph(text.trace_note(b, lang), small=True),
    ]
    if b.is_demo:
        paras.insert(0, Paragraph(t("demo_banner", lang)))
    return Section(text.heading("sources", lang), paras)
