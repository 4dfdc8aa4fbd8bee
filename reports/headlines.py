"""The briefing's headline figures, as on the overview and municipality pages."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import estimates as est
from analysis import format as fmt
from analysis import headline
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
) -> tuple[headline.Headlines, pd.DataFrame, str]:
    """The overview page's figures for the region or municipality (:mod:`analysis.headline`)."""
    lang = b.lang
    h = headline.headlines(db, f)
    cov = headline.coverage(h, a)

    def units(n: int) -> str:
        return t("n_units", lang, n=fmt.integer(n, lang))

    estimate = text.word("estimate", lang)
    b.headlines += [
        Headline(
            "installed_kw",
            t("fig_installed", lang),
            fmt.mw(h.installed_kw, 1, lang),
            "",
            h.installed_kw,
        ),
        Headline(
            "operating_units",
            t("fig_units", lang),
            fmt.integer(h.operating_units, lang),
            "",
            h.operating_units,
        ),
        Headline(
            "storage_kw",
            t("fig_storage", lang),
            fmt.mw(h.storage_kw, 1, lang),
            t(
                "fig_storage_delta",
                lang,
                mwh=fmt.mwh(h.storage_kwh / 1000, 1, lang),
                units=units(h.storage_units),
            ),
            h.storage_kw,
        ),
        Headline(
            "wind_operating_kw",
            t("fig_wind_operating", lang),
            fmt.mw(h.wind_operating_kw, 1, lang),
            units(h.wind_operating_units),
            h.wind_operating_kw,
        ),
        Headline(
            "wind_planned_kw",
            t("fig_wind_mastr_planned", lang),
            fmt.mw(h.wind_planned_kw, 1, lang),
            units(h.wind_planned_units),
            h.wind_planned_kw,
        ),
    ]
    if h.pipeline_mw is not None:
        b.headlines.append(
            Headline(
                "wind_pipeline_mw",
                t("fig_wind_pipeline", lang),
                fmt.mw(h.pipeline_mw * 1000, 0, lang),
                headline.pipeline_note(h, lang) or "",
                h.pipeline_mw,
            )
        )
    b.headlines += [
        Headline(
            "additions_this_year_kw",
            headline.additions_label(h, h.year, lang),
            fmt.mw(h.additions_this_year_kw, 1, lang),
            units(h.additions_this_year_units),
            h.additions_this_year_kw,
        ),
        Headline(
            "additions_last_year_kw",
            headline.additions_label(h, h.year - 1, lang),
            fmt.mw(h.additions_last_year_kw, 1, lang),
            units(h.additions_last_year_units),
            h.additions_last_year_kw,
        ),
        Headline(
            "generation_mwh",
            t("fig_generation", lang),
            fmt.mwh(cov.generation_mwh, 0, lang),
            estimate,
            cov.generation_mwh,
        ),
        Headline(
            "coverage_share",
            t("fig_coverage", lang),
            fmt.percent(cov.share, 1, lang),
            estimate if cov.share is not None else t("coverage_no_population", lang),
            cov.share,
        ),
    ]
    parts = [
        t("assumptions_text", lang).rsplit(" Die Werte", 1)[0].rsplit(" The values", 1)[0],
        text.word("hours_used", lang) + ": " + hours_text(cov.generation, lang) + ";",
        t("consumption_label", lang)
        + ": "
        + fmt.number(a.consumption_mwh_per_inhabitant, 1, lang)
        + ".",
    ]
    if h.non_renewable_units:
        parts.append(
            t(
                "m_non_renewable_caption",
                lang,
                mw=fmt.mw(h.non_renewable_kw, 1, lang),
                units=units(h.non_renewable_units),
            )
        )
    return h, cov.generation, " ".join(parts)


def municipality_headlines(db: str, key: str, lang: str) -> list[Headline]:
    """Area, population and ranks, as on the municipality page."""
    row = headline.municipality_row(db, key)
    return [
        Headline(
            "area_km2",
            t("mu_area", lang),
            fmt.with_unit(row["area_km2"], "km²", 1, lang),
            "",
            _num(row["area_km2"]),
        ),
        Headline(
            "population",
            t("mu_population", lang),
            fmt.integer(row["population"], lang),
            "",
            _num(row["population"]),
        ),
        Headline(
            "rank_km2",
            t("mu_rank_km2", lang),
            headline.rank_text(row, "km2", lang),
            headline.rank_detail(row, "km2", lang),
            _num(row["rank_km2"]),
        ),
        Headline(
            "rank_inhabitant",
            t("mu_rank_inh", lang),
            headline.rank_text(row, "inhabitant", lang),
            headline.rank_detail(row, "inhabitant", lang),
            _num(row["rank_inhabitant"]),
        ),
    ]


def _num(value: object) -> float | None:
    try:
        return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
