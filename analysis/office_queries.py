"""Queries of the office pages (Pipeline, Wasserstoff, Flächenziel, Upload).

Every function reads finished tables of the served database (the ``out_*``
marts and ``core_office__*`` tables written by :mod:`etl.office`) through the
:func:`analysis.db.query` (cached by the dashboard), so results are keyed on the build's file
name. ``municipality`` narrows a query to one AGS (``None`` = the region).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import pandas as pd

from analysis.db import has_table, query, scalar
from etl.office.lists import Municipality, RegionContext

#: Wind-an-Land targets for Mecklenburg-Vorpommern (WindBG): share of the land area.
AREA_TARGETS: tuple[tuple[int, float], ...] = ((2027, 0.014), (2032, 0.021))
FUNNEL_STAGES: tuple[str, ...] = ("applied", "approved", "under_construction", "operating")


def _muni(municipality: str | None, column: str = "municipality_key") -> tuple[str, tuple]:
    return (f" AND {column} = ?", (municipality,)) if municipality else ("", ())


def has_office_tables(db: str) -> bool:
    """Whether the build has the office tables (builds before the office lists do not)."""
    return has_table(db, "out_wind_pipeline") and has_table(db, "core_office__wind_permits")


def list_loaded(db: str, source: str) -> str | None:
    """File name of the office list read into this build (``None`` when none was read)."""
    return scalar(
        db,
        "SELECT source_file FROM meta_load_runs WHERE source = ? ORDER BY started_at DESC LIMIT 1",
        (source,),
    )


# --------------------------------------------------------------------------- #
# Pipeline
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class PipelineSummary:
    """The wind pipeline figure and its parts (MW), from :func:`pipeline_summary`.

    ``pipeline_mw`` is the one "Wind-Pipeline: genehmigt + beantragt" figure
    (gross; approved includes under construction), ``pipeline_net_mw`` the same
    minus the capacity repowering projects dismantle.
    """

    installed_mw: float
    installed_units: int
    pipeline_mw: float
    pipeline_net_mw: float
    replaced_mw: float
    applied_mw: float
    approved_mw: float
    under_construction_mw: float
    mastr_planned_mw: float
    list_added_mw: float
    pipeline_turbines: int
    list_entries: int
    closed_entries: int
    closed_removed_mw: float
    closed_removed_units: int
    under_construction_unmatched: int
    under_construction_unmatched_mw: float


_PIPELINE_SQL = """
    SELECT coalesce(sum(counted_mw), 0) AS total,
           coalesce(sum(replaced_mw), 0) AS replaced,
           coalesce(sum(counted_mw) FILTER (stage = 'applied'), 0) AS applied,
           coalesce(sum(counted_mw) FILTER (stage = 'approved'), 0) AS approved,
           coalesce(sum(counted_mw) FILTER (stage = 'under_construction'), 0) AS building,
           coalesce(sum(counted_mw) FILTER (item_type = 'mastr_unit'), 0) AS mastr,
           coalesce(sum(counted_mw) FILTER (item_type = 'list_entry'), 0) AS list,
           coalesce(sum(turbine_count), 0) AS turbines,
           count(*) FILTER (item_type = 'list_entry') AS entries
    FROM out_wind_pipeline WHERE TRUE{cond}
"""

# Withdrawn/rejected entries whose MaStR planned units are left out, and list entries under
# construction that no MaStR unit matches (counted in the pipeline with their full capacity).
_LIST_RULES_SQL = """
    WITH closed AS (
        SELECT w.procedure_id, count(*) AS n, sum(p.capacity_mw) AS mw
        FROM core_office__wind_permits w
        JOIN out_wind_pipeline p ON p.item_type = 'mastr_unit' AND p.procedure_id = w.procedure_id
        WHERE w.status IN ('withdrawn', 'rejected'){wcond} GROUP BY ALL
    ), building AS (
        SELECT w.procedure_id, w.capacity_mw FROM core_office__wind_permits w
        WHERE w.status = 'under_construction'{wcond}
          AND w.procedure_id NOT IN (SELECT procedure_id FROM out_permit_mastr_matches)
    )
    SELECT (SELECT count(*) FROM closed), (SELECT coalesce(sum(mw), 0) FROM closed),
           (SELECT coalesce(sum(n), 0) FROM closed), (SELECT count(*) FROM building),
           (SELECT coalesce(sum(capacity_mw), 0) FROM building)
"""


def pipeline_summary(db: str, municipality: str | None = None) -> PipelineSummary:
    """Installed wind (MaStR, operating) and the pipeline without double counting.

    The one function for the "Wind-Pipeline: genehmigt + beantragt" figure (gross and net)
    wherever it is shown; ``municipality`` narrows it to one AGS.
    """
    cond, p = _muni(municipality)
    wcond, wp = _muni(municipality, "w.municipality_key")
    inst = query(
        db,
        "SELECT coalesce(sum(gross_capacity_kw), 0) / 1000, count(*) FROM core_mastr__units "
        f"WHERE carrier = 'wind_onshore' AND status = 'operating'{cond}",
        p,
    ).iloc[0]
    pipe = query(db, _PIPELINE_SQL.format(cond=cond), p).iloc[0]
    rules = query(db, _LIST_RULES_SQL.format(wcond=wcond), wp + wp).iloc[0]
    return PipelineSummary(
        installed_mw=float(inst.iloc[0]),
        installed_units=int(inst.iloc[1]),
        pipeline_mw=float(pipe["total"]),
        pipeline_net_mw=float(pipe["total"]) - float(pipe["replaced"]),
        replaced_mw=float(pipe["replaced"]),
        applied_mw=float(pipe["applied"]),
        approved_mw=float(pipe["approved"]),
        under_construction_mw=float(pipe["building"]),
        mastr_planned_mw=float(pipe["mastr"]),
        list_added_mw=float(pipe["list"]),
        pipeline_turbines=int(pipe["turbines"]),
        list_entries=int(pipe["entries"]),
        closed_entries=int(rules.iloc[0]),
        closed_removed_mw=float(rules.iloc[1]),
        closed_removed_units=int(rules.iloc[2]),
        under_construction_unmatched=int(rules.iloc[3]),
        under_construction_unmatched_mw=float(rules.iloc[4]),
    )


def pipeline_by_stage(db: str, municipality: str | None = None) -> pd.DataFrame:
    """Counted pipeline MW and turbines by stage and source (``mastr`` / ``list``)."""
    cond, p = _muni(municipality)
    return query(
        db,
        f"""
        SELECT stage, CASE item_type WHEN 'mastr_unit' THEN 'mastr' ELSE 'list' END AS source,
               sum(counted_mw) AS mw, sum(turbine_count) AS turbines
        FROM out_wind_pipeline WHERE counted_mw > 0{cond}
        GROUP BY ALL ORDER BY 1, 2
        """,
        p,
    )


def funnel(db: str, municipality: str | None = None) -> pd.DataFrame:
    """MW and turbines per stage: the list's entries, plus MaStR planned units not in the list.

    Columns ``stage, source (list | mastr_only), mw, turbines``.
    """
    cond, p = _muni(municipality)
    stages = ", ".join(f"'{s}'" for s in FUNNEL_STAGES)
    return query(
        db,
        f"""
        SELECT status AS stage, 'list' AS source, sum(capacity_mw) AS mw,
               sum(turbine_count) AS turbines
        FROM core_office__wind_permits WHERE status IN ({stages}){cond} GROUP BY ALL
        UNION ALL
        SELECT 'approved', 'mastr_only', sum(capacity_mw), count(*)
        FROM out_wind_pipeline
        WHERE item_type = 'mastr_unit' AND procedure_id IS NULL{cond}
        HAVING count(*) > 0
        """,
        p + p,
    )


def pipeline_by_municipality(db: str) -> pd.DataFrame:
    """Per municipality: list MW by status, MaStR-only planned MW, and counted pipeline MW."""
    return query(
        db,
        """
        WITH list AS (
            SELECT municipality_key, status, sum(capacity_mw) AS mw, sum(turbine_count) AS n
            FROM core_office__wind_permits GROUP BY ALL
        ),
        mastr_only AS (
            SELECT municipality_key, 'mastr_only' AS status, sum(capacity_mw) AS mw,
                   count(*) AS n
            FROM out_wind_pipeline WHERE item_type = 'mastr_unit' AND procedure_id IS NULL
            GROUP BY ALL
        ),
        counted AS (
            SELECT municipality_key, sum(counted_mw) AS pipeline_mw
            FROM out_wind_pipeline GROUP BY ALL
        )
        SELECT x.municipality_key, coalesce(m.municipality_name, x.municipality_key)
                   AS municipality_name,
               x.status, x.mw, x.n AS turbines, coalesce(c.pipeline_mw, 0) AS pipeline_mw
        FROM (SELECT * FROM list UNION ALL SELECT * FROM mastr_only) x
        LEFT JOIN core_bkg__municipalities m USING (municipality_key)
        LEFT JOIN counted c USING (municipality_key)
        ORDER BY pipeline_mw DESC, municipality_name
        """,
    )


def stage_durations(db: str, municipality: str | None = None) -> pd.DataFrame:
    """Days in each stage per project (``is_ongoing``: still in it at the reference date)."""
    cond, p = _muni(municipality, "d.municipality_key")
    return query(
        db,
        f"""
        SELECT d.procedure_id, w.project_name, d.stage, d.start_date, d.end_date, d.days,
               d.is_ongoing, d.reference_date
        FROM out_permit_stage_durations d
        JOIN core_office__wind_permits w USING (procedure_id)
        WHERE TRUE{cond} ORDER BY d.stage, d.days DESC
        """,
        p,
    )


def disagreements(db: str, municipality: str | None = None) -> pd.DataFrame:
    """Findings where the list and the MaStR disagree."""
    cond, p = _muni(municipality)
    return query(
        db,
        f"""
        SELECT finding, procedure_id, project_name, municipality_key, municipality_name,
               list_status, mastr_status, list_capacity_mw, mastr_capacity_mw, list_turbines,
               mastr_turbines, unit_ids_mastr, detail
        FROM out_permit_reconciliation WHERE TRUE{cond}
        ORDER BY finding, municipality_name, procedure_id
        """,
        p,
    )


def permits(db: str, municipality: str | None = None) -> pd.DataFrame:
    """The permit list as loaded, with how much of each entry the pipeline counts."""
    cond, p = _muni(municipality, "w.municipality_key")
    return query(
        db,
        f"""
        SELECT w.procedure_id, w.project_name, w.municipality_name, w.status, w.turbine_count,
               w.capacity_mw, p.counted_mw, w.application_date, w.permit_date,
               w.expected_commissioning_date, w.unit_ids_mastr, w.source
        FROM core_office__wind_permits w
        LEFT JOIN out_wind_pipeline p ON p.item_type = 'list_entry' AND p.item_id = w.procedure_id
        WHERE TRUE{cond} ORDER BY w.status, w.capacity_mw DESC
        """,
        p,
    )


# --------------------------------------------------------------------------- #
# Hydrogen
# --------------------------------------------------------------------------- #
def hydrogen_projects(db: str, municipality: str | None = None) -> pd.DataFrame:
    """The hydrogen projects as loaded."""
    cond, p = _muni(municipality)
    return query(
        db,
        f"""
        SELECT project_id, project_name, operator, project_type, electrolyser_mw,
               hydrogen_output_t_per_year, status, expected_year, municipality_key,
               municipality_name, latitude, longitude, is_location_approximate,
               electricity_source, funding, source, notes
        FROM core_office__hydrogen_projects WHERE TRUE{cond}
        ORDER BY expected_year NULLS LAST, project_name
        """,
        p,
    )


def hydrogen_nearby(db: str, radius_km: int) -> pd.DataFrame:
    """Renewable capacity per project: same municipality and within ``radius_km``.

    Columns ``project_id, scope, carrier, status, unit_count, capacity_kw``.
    """
    return query(
        db,
        """
        SELECT project_id, scope, carrier, status, unit_count, capacity_kw
        FROM out_hydrogen_nearby_capacity
        WHERE scope = 'municipality' OR radius_km = ?
        ORDER BY project_id, scope, carrier, status
        """,
        (radius_km,),
    )


# --------------------------------------------------------------------------- #
# Area target
# --------------------------------------------------------------------------- #
def area_by_municipality(db: str) -> pd.DataFrame:
    """Wind area per municipality with turbines inside and outside (operating units)."""
    return query(
        db,
        """
        WITH u AS (
            SELECT municipality_key,
                   count(*) FILTER (location IN ('designated', 'draft')) AS units_inside,
                   count(*) FILTER (location = 'outside') AS units_outside,
                   coalesce(sum(gross_capacity_kw) FILTER (location IN ('designated', 'draft')),
                            0) / 1000 AS mw_inside,
                   coalesce(sum(gross_capacity_kw) FILTER (location = 'outside'), 0) / 1000
                       AS mw_outside
            FROM out_wind_units_in_areas WHERE status = 'operating' GROUP BY ALL
        )
        SELECT a.municipality_key, a.municipality_name, a.municipality_area_km2,
               a.designated_km2, a.draft_km2, a.any_km2,
               a.designated_km2 / nullif(a.municipality_area_km2, 0) AS designated_share,
               a.any_km2 / nullif(a.municipality_area_km2, 0) AS any_share,
               coalesce(u.units_inside, 0) AS units_inside,
               coalesce(u.units_outside, 0) AS units_outside,
               coalesce(u.mw_inside, 0) AS mw_inside, coalesce(u.mw_outside, 0) AS mw_outside
        FROM out_wind_area_by_municipality a LEFT JOIN u USING (municipality_key)
        ORDER BY a.any_km2 DESC, a.municipality_name
        """,
    )


def units_by_location(db: str, municipality: str | None = None) -> pd.DataFrame:
    """Wind units and MW by location (designated, draft, outside, no coordinates) and status."""
    cond, p = _muni(municipality)
    return query(
        db,
        f"""
        SELECT location, status, count(*) AS units, sum(gross_capacity_kw) / 1000 AS mw
        FROM out_wind_units_in_areas
        WHERE status IN ('operating', 'planned'){cond}
        GROUP BY ALL ORDER BY location, status
        """,
        p,
    )


def wind_areas(db: str) -> pd.DataFrame:
    """The wind areas (no geometry)."""
    return query(
        db,
        "SELECT area_id, area_name, status, plan, area_km2, centroid_latitude, "
        "centroid_longitude, is_geometry_repaired, source_file FROM core_office__wind_areas "
        "ORDER BY status, area_id",
    )


@functools.lru_cache(maxsize=4)
def wind_areas_geojson(db: str) -> dict:
    """FeatureCollection of the wind areas, feature ``id`` = area id (do not mutate)."""
    df = query(
        db,
        "SELECT area_id, area_name, status, area_km2, geometry_geojson "
        "FROM core_office__wind_areas",
    )
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": area_id,
                "properties": {"name": name, "status": status, "area_km2": km2},
                "geometry": json.loads(geom),
            }
            for area_id, name, status, km2, geom in df.itertuples(index=False)
        ],
    }


def wind_unit_points(db: str, municipality: str | None = None) -> pd.DataFrame:
    """Wind units with coordinates and their location relative to the areas."""
    cond, p = _muni(municipality, "u.municipality_key")
    return query(
        db,
        f"""
        SELECT u.unit_id_mastr, u.unit_name, u.status, u.gross_capacity_kw, u.latitude,
               u.longitude, u.municipality_name, a.location, a.area_id
        FROM core_mastr__units u JOIN out_wind_units_in_areas a USING (unit_id_mastr)
        WHERE u.latitude IS NOT NULL AND u.status IN ('operating', 'planned'){cond}
        """,
        p,
    )


# --------------------------------------------------------------------------- #
# Upload
# --------------------------------------------------------------------------- #
@functools.lru_cache(maxsize=4)
def region_context(db: str) -> RegionContext:
    """The region of the served build with its municipality shapes (for checking uploads)."""
    from datetime import date

    from shapely import wkb

    info = dict(query(db, "SELECT key, value FROM meta_build").itertuples(index=False))
    df = query(
        db,
        "SELECT municipality_key, municipality_name, centroid_latitude, centroid_longitude, "
        "geometry_wkb FROM core_bkg__municipalities",
    )
    munis = {
        key: Municipality(
            key,
            name,
            lat,
            lon,
            wkb.loads(bytes(geom)) if isinstance(geom, bytes | bytearray | memoryview) else None,
        )
        for key, name, lat, lon, geom in df.itertuples(index=False)
    }
    ref = info.get("data_date")
    return RegionContext(
        info.get("region_prefix") or "",
        munis,
        date.fromisoformat(ref[:10]) if ref else date.today(),
    )
