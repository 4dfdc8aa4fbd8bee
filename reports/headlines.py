"""The briefing's headline figures, as on the overview and municipality pages."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import estimates as est
from analysis import format as fmt
from analysis import queries
from analysis.filters import Filters
from analysis.i18n import carrier_label, t
from reports import text
from reports.model import (
    Briefing,
    Headline,
)


# --------------------------------------------------------------------------- #
# Headline figures (as on the overview and municipality pages)
# --------------------------------------------------------------------------- #
def source_line(lang: str, data_date: date | None) -> str:
    """Attribution and data date, the caption of every figure."""
    return f"{t('attribution_mastr', lang)} · {t('data_date', lang, date=fmt.day(data_date, lang))}"


def hours_text(gen: pd.DataFrame, lang: str) -> str:
    """ "Wind an Land 2.000 h, PV-Freifläche 950 h …" for the carriers present."""
    shown = gen[(gen["capacity_kw"] > 0) & (gen["full_load_hours"] > 0)]
    unit = "h/a" if lang == "de" else "h/yr"
    return ", ".join(
        f"{carrier_label(c, lang)} {fmt.integer(h, lang)}\u00a0{unit}"
        for c, h in zip(shown["carrier"], shown["full_load_hours"], strict=True)
    )


def headlines(
    b: Briefing, db: str, f: Filters, a: est.Assumptions
) -> tuple[queries.Overview, pd.DataFrame, str]:
    """The eight figures of the overview page for the region or municipality."""
    lang = b.lang
    ov = queries.overview(db, f)
    gen = est.generation_by_carrier(
        ov.by_carrier.rename(columns={"operating_kw": "capacity_kw"}), a
    )
    generation = float(gen["generation_mwh"].sum())
    consumption = est.consumption_mwh(ov.population, a)
    coverage = est.coverage_share(generation, consumption)

    def units(n: int) -> str:
        return t("n_units", lang, n=fmt.integer(n, lang))

    estimate = text.word("estimate", lang)
    b.headlines += [
        Headline("installed_kw", t("m_installed", lang), fmt.mw(ov.installed_kw, 1, lang),
                 "", ov.installed_kw),
        Headline("operating_units", t("m_units", lang), fmt.integer(ov.operating_units, lang),
                 "", ov.operating_units),
        Headline("wind_operating_kw", t("m_wind_operating", lang),
                 fmt.mw(ov.wind_operating_kw, 1, lang), units(ov.wind_operating_units),
                 ov.wind_operating_kw),
        Headline("wind_planned_kw", t("m_wind_pipeline", lang),
                 fmt.mw(ov.wind_planned_kw, 1, lang),
                 units(ov.wind_planned_units) + text.word("mastr_planned", lang),
                 ov.wind_planned_kw),
        Headline("additions_this_year_kw", t("m_additions", lang, year=ov.year),
                 fmt.mw(ov.additions_this_year_kw, 1, lang), units(ov.additions_this_year_units),
                 ov.additions_this_year_kw),
        Headline("additions_last_year_kw", t("m_additions", lang, year=ov.year - 1),
                 fmt.mw(ov.additions_last_year_kw, 1, lang), units(ov.additions_last_year_units),
                 ov.additions_last_year_kw),
        Headline("generation_mwh", t("m_generation", lang), fmt.mwh(generation, 0, lang),
                 estimate, generation),
        Headline("coverage_share", t("m_coverage", lang), fmt.percent(coverage, 1, lang),
                 estimate if coverage is not None else t("coverage_no_population", lang),
                 coverage),
    ]  # fmt: skip
    note = " ".join(
        [
            t("assumptions_text", lang).rsplit(" Die Werte", 1)[0].rsplit(" The values", 1)[0],
            text.word("hours_used", lang) + ": " + hours_text(gen, lang) + ";",
            t("consumption_label", lang)
            + ": "
            + fmt.number(a.consumption_mwh_per_inhabitant, 1, lang)
            + ".",
        ]
    )
    return ov, gen, note


def municipality_headlines(db: str, key: str, lang: str) -> list[Headline]:
    """Area, population and ranks, as on the municipality page."""
    muni = queries.municipalities(db).set_index("municipality_key").loc[key]
    ranking = queries.ranking(db)
    row = ranking.set_index("municipality_key").loc[key]
    n = len(ranking)

    def rank(value: object) -> str:
        if value is None or pd.isna(value):
            return fmt.DASH
        return t("mu_rank_value", lang, rank=fmt.integer(value, lang))

    def of_n(value: str) -> str:
        return t("mu_rank_of", lang, n=n, value=value)

    per_km2 = fmt.with_unit(row["kw_per_km2"], "kW/km²", 1, lang)
    per_inh = fmt.with_unit(row["kw_per_inhabitant"], t("unit_kw_per_inhabitant", lang), 2, lang)
    return [
        Headline("area_km2", t("mu_area", lang), fmt.with_unit(muni["area_km2"], "km²", 1, lang),
                 "", _num(muni["area_km2"])),
        Headline("population", t("mu_population", lang), fmt.integer(muni["population"], lang),
                 "", _num(muni["population"])),
        Headline("rank_km2", t("mu_rank_km2", lang), rank(row["rank_km2"]), of_n(per_km2),
                 _num(row["rank_km2"])),
        Headline("rank_inhabitant", t("mu_rank_inh", lang), rank(row["rank_inhabitant"]),
                 of_n(per_inh), _num(row["rank_inhabitant"])),
    ]  # fmt: skip


def _num(value: object) -> float | None:
    try:
        return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
