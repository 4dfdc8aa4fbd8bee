"""Headline figures: one definition and one function per figure.

Every page, export and briefing that shows a headline figure calls the
function here, so a figure a council member quotes is the same everywhere:

- :func:`headlines` — the region's or one municipality's figures (overview,
  briefing): installed capacity (renewable) and units, storage (MW, MWh),
  non-renewable capacity, wind in operation, wind planned in the MaStR, the
  office's wind pipeline, additions of this and last year;
- :func:`municipality_figures` — every municipality with the same installed
  capacity and units, per km² and per inhabitant, and ranks with ties (the
  ranking list, the profile, the map, the CSV export and the briefing);
- :func:`unassigned` — units of the region without a known municipality, so that
  the district total is exactly the sum of its municipalities plus these;
- :func:`district_average` — the district's installed capacity per km² and per
  inhabitant, which the municipality profile compares with;
- :func:`coverage` — estimated generation and the bilanzieller Deckungsgrad;
- :func:`additions_label` and :func:`rank_text` — how a figure is named.

Which carrier is renewable is decided once, in the schema
(:data:`etl.schema.RENEWABLE_CARRIERS`). The figures' names, definitions and
inclusion rules are texts in ``analysis/i18n/figures.py``;
``python -m analysis.headline`` writes them to ``docs/figures.md``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from analysis import estimates as est
from analysis import format as fmt
from analysis import office_queries, queries
from analysis.db import query
from analysis.filters import Filters, where
from analysis.i18n import t
from etl.schema import NON_RENEWABLE_CARRIERS, RENEWABLE_CARRIERS, STORAGE_CARRIERS

#: The headline figures (key of their texts ``fig_<key>`` in analysis/i18n) and
#: the function that computes each.
FIGURES: tuple[tuple[str, str], ...] = (
    ("installed", "headlines().installed_kw, municipality_figures().installed_kw"),
    ("units", "headlines().operating_units, municipality_figures().operating_units"),
    ("storage", "headlines().storage_kw / storage_kwh / storage_units"),
    ("non_renewable", "headlines().non_renewable_kw / non_renewable_units"),
    ("wind_operating", "headlines().wind_operating_kw / wind_operating_units"),
    ("wind_mastr_planned", "headlines().wind_planned_kw / wind_planned_units"),
    (
        "wind_pipeline",
        "headlines().pipeline_mw / pipeline_net_mw (office_queries.pipeline_summary)",
    ),
    ("additions", "headlines().additions_*; additions_label()"),
    ("generation", "coverage().generation_mwh"),
    ("coverage", "coverage().share"),
    ("rank", "municipality_figures().rank_*; rank_text()"),
    ("eeg6", "estimates.eeg_estimate(queries.eeg())"),
)

#: Path of the generated definitions document.
DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "figures.md"


# --------------------------------------------------------------------------- #
# Carrier scope
# --------------------------------------------------------------------------- #
def renewable_filter(f: Filters) -> Filters:
    """``f`` limited to renewable carriers: the selected ones, or all without a selection.

    A selection without any renewable carrier (e.g. storage alone) gives all
    renewable carriers, so a total never adds storage or non-renewable units.
    """
    chosen = tuple(c for c in f.carriers if c in RENEWABLE_CARRIERS)
    return replace(f, carriers=chosen or RENEWABLE_CARRIERS)


def _shown(f: Filters, group: tuple[str, ...]) -> tuple[str, ...]:
    """Carriers of ``group`` the selection includes (all without a selection)."""
    return tuple(c for c in group if not f.carriers or c in f.carriers)


# --------------------------------------------------------------------------- #
# Region or one municipality
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Headlines:
    """The headline figures of the region or a municipality (kW, kWh, counts).

    ``by_carrier`` has one row per renewable carrier in scope (operating and
    planned units and kW). ``year`` is the data date's year;
    ``year_to_date`` says whether that year is still running at the data date.
    ``pipeline_mw`` is ``None`` without the office's permit list.
    """

    by_carrier: pd.DataFrame
    installed_kw: float
    operating_units: int
    storage_kw: float
    storage_kwh: float
    storage_units: int
    non_renewable_kw: float
    non_renewable_units: int
    wind_operating_kw: float
    wind_operating_units: int
    wind_planned_kw: float
    wind_planned_units: int
    pipeline_mw: float | None
    pipeline_net_mw: float | None
    year: int
    data_date: date | None
    additions_this_year_kw: float
    additions_this_year_units: int
    additions_last_year_kw: float
    additions_last_year_units: int
    population: float | None

    @property
    def year_to_date(self) -> bool:
        """Whether "this year" is incomplete at the data date."""
        d = self.data_date
        return d is not None and d.year == self.year and (d.month, d.day) != (12, 31)


def _operating(cap: pd.DataFrame, carriers: tuple[str, ...]) -> pd.DataFrame:
    return cap[(cap["status"] == "operating") & cap["carrier"].isin(carriers)]


def wind_pipeline_mw(db: str, municipality: str | None) -> tuple[float | None, float | None]:
    """The office's wind pipeline (approved + applied for, MW), gross and net of repowering.

    ``(None, None)`` without the office's permit list. The figure is the pipeline
    page's own (:func:`analysis.office_queries.pipeline_summary`).
    """
    if not office_queries.has_office_tables(db) or not office_queries.list_loaded(
        db, "office_wind_permits"
    ):
        return None, None
    p = office_queries.pipeline_summary(db, municipality)
    return p.pipeline_mw, p.pipeline_net_mw


def headlines(db: str, f: Filters) -> Headlines:
    """Headline figures for the carrier and municipality selection of ``f``."""
    renewable = renewable_filter(f)
    by = queries.capacity_by_carrier(db, renewable)
    cap = queries.capacity(db, f.without("status", "carrier"))
    storage = _operating(cap, _shown(f, STORAGE_CARRIERS))
    other = _operating(cap, _shown(f, NON_RENEWABLE_CARRIERS))
    wind = by[by["carrier"] == "wind_onshore"]
    year = queries.reference_year(db)
    add = queries.additions(db, renewable, [year, year - 1]).set_index("year")
    gross, net = wind_pipeline_mw(db, f.municipality) if not wind.empty else (None, None)
    return Headlines(
        by_carrier=by,
        installed_kw=float(by["operating_kw"].sum()),
        operating_units=int(by["operating_units"].sum()),
        storage_kw=float(storage["capacity_kw"].sum()),
        storage_kwh=float(storage["storage_kwh"].sum()),
        storage_units=int(storage["unit_count"].sum()),
        non_renewable_kw=float(other["capacity_kw"].sum()),
        non_renewable_units=int(other["unit_count"].sum()),
        wind_operating_kw=float(wind["operating_kw"].sum()),
        wind_operating_units=int(wind["operating_units"].sum()),
        wind_planned_kw=float(wind["planned_kw"].sum()),
        wind_planned_units=int(wind["planned_units"].sum()),
        pipeline_mw=gross,
        pipeline_net_mw=net,
        year=year,
        data_date=queries.data_date(db),
        additions_this_year_kw=float(add.loc[year, "capacity_kw"]),
        additions_this_year_units=int(add.loc[year, "unit_count"]),
        additions_last_year_kw=float(add.loc[year - 1, "capacity_kw"]),
        additions_last_year_units=int(add.loc[year - 1, "unit_count"]),
        population=queries.population(db, f.municipality),
    )


def additions_label(h: Headlines, year: int, lang: str) -> str:
    """ "Zubau 2025", or "Zubau 2026 (bis 21.09.2026)" for the running year."""
    if year == h.year and h.year_to_date:
        return t("fig_additions_ytd", lang, year=year, date=fmt.day(h.data_date, lang))
    return t("fig_additions", lang, year=year)


def pipeline_note(h: Headlines, lang: str) -> str | None:
    """ "brutto", or "brutto · netto nach Rückbau: 3.800 MW" when repowering makes a difference."""
    if h.pipeline_mw is None or h.pipeline_net_mw is None:
        return None
    if abs(h.pipeline_mw - h.pipeline_net_mw) < 0.05:
        return t("fig_wind_pipeline_gross", lang)
    return t("fig_wind_pipeline_net", lang, mw=fmt.mw(h.pipeline_net_mw * 1000, 0, lang))


@dataclass(frozen=True)
class Coverage:
    """Estimated generation (MWh/a), consumption (MWh/a) and their ratio (1.0 = 100 %)."""

    generation: pd.DataFrame
    generation_mwh: float
    consumption_mwh: float | None
    share: float | None


def coverage(h: Headlines, a: est.Assumptions) -> Coverage:
    """The bilanzieller Deckungsgrad: renewable generation estimate ÷ consumption estimate."""
    gen = est.generation_by_carrier(h.by_carrier.rename(columns={"operating_kw": "capacity_kw"}), a)
    generation = float(gen["generation_mwh"].sum())
    consumption = est.consumption_mwh(h.population, a)
    return Coverage(gen, generation, consumption, est.coverage_share(generation, consumption))


# --------------------------------------------------------------------------- #
# Every municipality
# --------------------------------------------------------------------------- #
def municipality_figures(db: str) -> pd.DataFrame:
    """Every municipality of the build with its headline figures and ranks.

    Columns ``municipality_key, municipality_name, area_km2, population,
    installed_kw, operating_units, storage_kw, storage_kwh, kw_per_km2,
    kw_per_inhabitant, rank_km2, rank_km2_to, rank_inhabitant,
    rank_inhabitant_to, n_municipalities``. ``installed_kw`` is the same figure
    as :func:`headlines` gives for one municipality. Ranks (1 = most) go only
    to municipalities with renewable capacity in operation; equal values share
    a place from ``rank_*`` to ``rank_*_to``.
    """
    cond, params = where(Filters(carriers=RENEWABLE_CARRIERS, statuses=("operating",)))
    storage = ", ".join(f"'{c}'" for c in STORAGE_CARRIERS)
    return query(
        db,
        f"""
        WITH cap AS (
            SELECT municipality_key, sum(gross_capacity_kw) AS kw,
                   sum(unit_count)::BIGINT AS units
            FROM out_capacity_by_municipality {cond} GROUP BY ALL
        ),
        sto AS (
            SELECT municipality_key, sum(gross_capacity_kw) AS kw,
                   coalesce(sum(storage_energy_kwh), 0) AS kwh
            FROM out_capacity_by_municipality
            WHERE status = 'operating' AND carrier IN ({storage}) GROUP BY ALL
        ),
        m AS (
            SELECT m.municipality_key, m.municipality_name, m.area_km2, m.population,
                   coalesce(c.kw, 0) AS installed_kw,
                   coalesce(c.units, 0)::BIGINT AS operating_units,
                   coalesce(s.kw, 0) AS storage_kw, coalesce(s.kwh, 0) AS storage_kwh,
                   coalesce(c.kw, 0) / nullif(m.area_km2, 0) AS kw_per_km2,
                   coalesce(c.kw, 0) / nullif(m.population, 0) AS kw_per_inhabitant
            FROM core_bkg__municipalities m
            LEFT JOIN cap c USING (municipality_key)
            LEFT JOIN sto s USING (municipality_key)
        ),
        r AS (
            SELECT *,
                   CASE WHEN installed_kw > 0 AND kw_per_km2 IS NOT NULL
                        THEN kw_per_km2 END AS v_km2,
                   CASE WHEN installed_kw > 0 AND kw_per_inhabitant IS NOT NULL
                        THEN kw_per_inhabitant END AS v_inh
            FROM m
        )
        SELECT municipality_key, municipality_name, area_km2, population, installed_kw,
               operating_units, storage_kw, storage_kwh, kw_per_km2, kw_per_inhabitant,
               CASE WHEN v_km2 IS NOT NULL
                    THEN rank() OVER (ORDER BY v_km2 DESC NULLS LAST) END AS rank_km2,
               CASE WHEN v_km2 IS NOT NULL
                    THEN rank() OVER (ORDER BY v_km2 DESC NULLS LAST)
                         + count(*) OVER (PARTITION BY v_km2) - 1 END AS rank_km2_to,
               CASE WHEN v_inh IS NOT NULL
                    THEN rank() OVER (ORDER BY v_inh DESC NULLS LAST) END AS rank_inhabitant,
               CASE WHEN v_inh IS NOT NULL
                    THEN rank() OVER (ORDER BY v_inh DESC NULLS LAST)
                         + count(*) OVER (PARTITION BY v_inh) - 1 END AS rank_inhabitant_to,
               count(*) OVER () AS n_municipalities
        FROM r ORDER BY municipality_name, municipality_key
        """,
        tuple(params),
    )


@dataclass(frozen=True)
class Unassigned:
    """Renewable capacity in operation of the region's units whose municipality key is
    missing or not in the boundary data: in the district total, in no municipality."""

    installed_kw: float
    operating_units: int
    keys: tuple[str, ...]


def unassigned(db: str) -> Unassigned:
    """What the district has beyond the sum of :func:`municipality_figures` (usually nothing)."""
    cond, params = where(Filters(carriers=RENEWABLE_CARRIERS, statuses=("operating",)))
    df = query(
        db,
        f"""
        SELECT coalesce(municipality_key, '') AS key, sum(gross_capacity_kw) AS kw,
               sum(unit_count)::BIGINT AS units
        FROM out_capacity_by_municipality {cond}
          AND (municipality_key IS NULL OR municipality_key NOT IN
               (SELECT municipality_key FROM core_bkg__municipalities))
        GROUP BY ALL ORDER BY key
        """,
        tuple(params),
    )
    return Unassigned(
        float(df["kw"].sum()), int(df["units"].sum()), tuple(k for k in df["key"] if k)
    )


@dataclass(frozen=True)
class DistrictAverage:
    """The district as one area: installed capacity (renewable, in operation) per km² and
    per inhabitant, to compare a municipality with (``None`` without area or population)."""

    kw_per_km2: float | None
    kw_per_inhabitant: float | None


def district_average(db: str) -> DistrictAverage:
    """The district's installed kW (the :func:`headlines` total: its municipalities plus
    :func:`unassigned`) over the municipalities' total area and population."""
    figures = municipality_figures(db)
    kw = float(figures["installed_kw"].sum()) + unassigned(db).installed_kw
    area = float(figures["area_km2"].fillna(0).sum())
    population = float(figures["population"].fillna(0).sum())
    return DistrictAverage(
        kw / area if area > 0 else None, kw / population if population > 0 else None
    )


def municipality_row(db: str, key: str) -> pd.Series:
    """One municipality's row of :func:`municipality_figures`."""
    return municipality_figures(db).set_index("municipality_key").loc[key]


def rank_text(row: pd.Series, which: str, lang: str) -> str:
    """ "Platz 3", "Platz 3–5" (tie) or "kein Platz"; ``which`` is ``km2`` or ``inhabitant``."""
    lo, hi = row[f"rank_{which}"], row[f"rank_{which}_to"]
    if lo is None or pd.isna(lo):
        return t("fig_rank_none", lang)
    if hi is not None and not pd.isna(hi) and int(hi) > int(lo):
        return t("fig_rank_range", lang, lo=fmt.integer(lo, lang), hi=fmt.integer(hi, lang))
    return t("fig_rank_value", lang, rank=fmt.integer(lo, lang))


def rank_detail(row: pd.Series, which: str, lang: str) -> str:
    """ "von 142 · 123,4 kW/km²" (or why there is no rank)."""
    if row["installed_kw"] <= 0:
        return t(
            "fig_rank_of",
            lang,
            n=int(row["n_municipalities"]),
            value=t("fig_rank_none_reason", lang),
        )
    if which == "km2":
        value = fmt.with_unit(row["kw_per_km2"], "kW/km²", 1, lang)
    else:
        value = fmt.with_unit(row["kw_per_inhabitant"], t("unit_kw_per_inhabitant", lang), 2, lang)
    return t("fig_rank_of", lang, n=int(row["n_municipalities"]), value=value)


# --------------------------------------------------------------------------- #
# Documentation
# --------------------------------------------------------------------------- #
def figures_markdown() -> str:
    """``docs/figures.md``: every figure's name, definition and rules, German and English."""
    lines = [
        "# Kennzahlen / Headline figures",
        "",
        "Generated from `analysis/i18n/figures.py` by `python -m analysis.headline`; "
        "computed in `analysis/headline.py`. Carrier groups: `etl/schema/codes.py` "
        f"(renewable: {', '.join(RENEWABLE_CARRIERS)}; storage: "
        f"{', '.join(STORAGE_CARRIERS)}; non-renewable: {', '.join(NON_RENEWABLE_CARRIERS)}).",
        "",
    ]
    for key, function in FIGURES:
        name_de = t(f"fig_{key}", "de", year="<Jahr>")
        name_en = t(f"fig_{key}", "en", year="<year>")
        lines += [f"## {name_de} / {name_en}", ""]
        for lang in ("de", "en"):
            definition = t(f"fig_{key}_def", lang)
            rules = t(f"fig_{key}_rules", lang)
            lines.append(f"- **{t('fig_doc_definition', lang)}** ({lang}): {definition}")
            lines.append(f"- **{t('fig_doc_rules', lang)}** ({lang}): {rules}")
        lines += [f"- **{t('fig_doc_function', 'en')}**: `{function}`", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    DOC_PATH.write_text(figures_markdown(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC_PATH}\n")
