"""Assemble a briefing from the dashboard's own queries, estimators and figures.

Every number here comes from :mod:`analysis.queries` and
:mod:`analysis.estimates` and is formatted by :mod:`analysis.format`;
every chart is built by :mod:`analysis.figures` and exported as a static
image. The calls mirror the overview, growth, mix, map and municipality
pages, so the PDF shows exactly what the dashboard shows for the same
database, region and (default) assumptions.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from analysis import estimates as est
from analysis import format as fmt
from analysis import queries
from analysis.filters import Filters
from analysis.i18n import t
from reports import sections, text
from reports.headlines import headlines, municipality_headlines, source_line
from reports.model import (
    Briefing,
)

_AGS = re.compile(r"^\d{8}$")


# --------------------------------------------------------------------------- #
# Entry points
# --------------------------------------------------------------------------- #
def _partial_label(db: str, lang: str) -> str:
    """The red band's text when the build is incomplete (``--accept-partial``), else ``""``."""
    missing = queries.partial_reasons(db, lang)
    return t("partial_label", lang, missing="; ".join(missing)) if missing else ""


def municipality_keys(db: Path | str) -> list[str]:
    """AGS of every municipality of the database, in name order."""
    return list(queries.municipality_names(str(db)).keys())


def generate(
    db: Path,
    out_dir: Path,
    *,
    municipality_key: str | None = None,
    lang: str = "de",
    since: date | None = None,
    compare_build: Path | None = None,
    processed_dir: Path | None = None,
    assumptions: est.Assumptions = est.DEFAULT_ASSUMPTIONS,
) -> Path:
    """Build, render and archive one briefing; returns the PDF's path."""
    from reports import archive
    from reports.pdf import render_pdf

    b = build_briefing(
        db,
        municipality_key=municipality_key,
        lang=lang,
        since=since,
        compare_build=compare_build,
        processed_dir=processed_dir,
        assumptions=assumptions,
    )
    return archive.archive(b, render_pdf(b), out_dir)


def build_briefing(
    db: Path,
    *,
    municipality_key: str | None = None,
    lang: str = "de",
    since: date | None = None,
    compare_build: Path | None = None,
    processed_dir: Path | None = None,
    assumptions: est.Assumptions = est.DEFAULT_ASSUMPTIONS,
    now: datetime | None = None,
) -> Briefing:
    """The briefing of the region (``municipality_key=None``) or one municipality.

    "Changes since": ``since`` (a date), else ``compare_build`` (an earlier
    build file), else the previous build kept in ``processed_dir`` (default:
    the database's folder); without any, the section says so.
    """
    text.check_lang(lang)
    db = Path(db)
    if not db.exists():
        raise FileNotFoundError(f"database not found: {db}")
    dbs = str(db)
    names = queries.municipality_names(dbs)
    if municipality_key is not None:
        if not _AGS.match(municipality_key):
            raise ValueError(f"{municipality_key!r} is not an 8-digit municipality key (AGS)")
        if municipality_key not in names:
            raise ValueError(f"municipality {municipality_key} is not in this database")
    info = queries.build_info(dbs)
    data_date = queries.data_date(dbs)
    is_demo = queries.is_demo(dbs)
    region_name = info.get("region_name") or t("all_municipalities", lang)
    synthetic_geo = queries.geometry_is_synthetic(dbs)
    now = now or datetime.now(UTC).replace(microsecond=0)
    build_id = info.get("build_id") or db.stem
    de = lang == "de"

    if municipality_key:
        muni_name = names[municipality_key]
        title = f"Energie-Briefing {muni_name}" if de else f"Energy briefing: {muni_name}"
        scope_line = (
            f"Gemeinde {muni_name} ({municipality_key}), {region_name}"
            if de
            else f"Municipality of {muni_name} ({municipality_key}), {region_name}"
        )
    else:
        title = f"Energie-Briefing {region_name}" if de else f"Energy briefing: {region_name}"
        scope_line = ""
    generated = fmt.day(now.date(), lang)
    subtitle = " · ".join(
        [
            *([scope_line] if scope_line else []),
            t("data_date", lang, date=fmt.day(data_date, lang)),
            ("erstellt am " if de else "generated on ") + generated,
        ]
    )
    attribution = [
        t("attribution_mastr", lang),
        t("attribution_geo_demo" if is_demo else "attribution_geo", lang),
    ]
    if is_demo:
        attribution.append(t("attribution_destatis_demo", lang))
    if synthetic_geo:
        attribution.append(t("demo_geometry", lang))
    footer = " · ".join(
        [
            t("data_date", lang, date=fmt.day(data_date, lang)),
            t("build_id", lang, build=build_id),
            ("erstellt " if de else "generated ")
            + fmt.day(now.date(), lang)
            + now.strftime(" %H:%M UTC"),
        ]
    )
    b = Briefing(
        lang=lang,
        kind="municipality" if municipality_key else "district",
        region_key=municipality_key or (info.get("region_prefix") or ""),
        region_name=names[municipality_key] if municipality_key else region_name,
        title=title,
        subtitle=subtitle,
        data_date=data_date,
        build_id=build_id,
        database_file=db.name,
        is_demo=is_demo,
        generated_at=now,
        demo_label=text.demo_label(lang),
        footer=footer,
        attribution=" · ".join(attribution),
        partial_label=_partial_label(dbs, lang),
    )
    f = Filters(municipality=municipality_key)
    source = source_line(lang, data_date)

    ov, gen, headline_note = headlines(b, dbs, f, assumptions)
    if municipality_key:
        b.headlines += municipality_headlines(dbs, municipality_key, lang)
    b.headline_note = headline_note
    b.sections.append(
        sections.changes_section(b, db, municipality_key, since, compare_build, processed_dir)
    )
    b.sections.append(sections.carrier_table(ov, gen, lang, source, assumptions))
    b.sections.append(sections.growth_section(dbs, f, lang, data_date, source))
    b.sections.append(sections.mix_section(gen, lang, source, assumptions))
    b.sections.append(sections.map_section(dbs, f, lang, source, synthetic_geo, assumptions))
    if municipality_key:
        b.sections.append(sections.eeg_section(dbs, municipality_key, lang, source, assumptions))
    pipeline = sections.pipeline_section(dbs, municipality_key, lang, data_date)
    if pipeline is not None:
        b.sections.append(pipeline)
    hydrogen = sections.hydrogen_section(dbs, municipality_key, lang, data_date)
    if hydrogen is not None:
        b.sections.append(hydrogen)
    b.sections.append(sections.sources_section(b, dbs, lang, assumptions))
    return b
