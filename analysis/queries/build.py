"""Build facts, municipalities and the region's extent."""

from __future__ import annotations

import functools
import json
from datetime import date

import pandas as pd

from analysis.db import query, scalar
from etl.finalize import GERMANY_BBOX


# --------------------------------------------------------------------------- #
# Build facts and municipalities
# --------------------------------------------------------------------------- #
def build_info(db: str) -> dict[str, str | None]:
    """Key/value facts of the build (``meta_build``)."""
    df = query(db, "SELECT key, value FROM meta_build")
    return dict(zip(df["key"], df["value"], strict=True))


def is_demo(db: str) -> bool:
    """Whether the database holds demo data."""
    return str(build_info(db).get("is_demo")).lower() == "true"


def data_date(db: str) -> date | None:
    """Date of the source extract (``meta_build.data_date``)."""
    value = build_info(db).get("data_date")
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def reference_year(db: str) -> int:
    """ "This year" for additions: the data date's year (today's without one)."""
    d = data_date(db)
    return (d or date.today()).year


def geometry_is_synthetic(db: str) -> bool:
    """Whether any loaded boundary is a demo shape."""
    return bool(
        scalar(
            db,
            "SELECT coalesce(bool_or(is_synthetic_geometry), FALSE) FROM core_bkg__municipalities",
        )
    )


def municipalities(db: str) -> pd.DataFrame:
    """Municipalities of the region (no geometry), sorted by name."""
    return query(
        db,
        """
        SELECT municipality_key, municipality_name, municipality_type, area_km2, population,
               centroid_latitude, centroid_longitude
        FROM core_bkg__municipalities
        ORDER BY municipality_name, municipality_key
        """,
    )


def municipality_names(db: str) -> dict[str, str]:
    """AGS → name, in name order (for selectors)."""
    df = municipalities(db)
    return dict(zip(df["municipality_key"], df["municipality_name"], strict=True))


def region_bounds(db: str, municipality: str | None = None) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the region or one municipality, in degrees."""
    cond, params = ("WHERE municipality_key = ?", [municipality]) if municipality else ("", [])
    df = query(
        db,
        f"""
        SELECT min(min_longitude), min(min_latitude), max(max_longitude), max(max_latitude)
        FROM core_bkg__municipalities {cond}
        """,
        tuple(params),
    )
    row = df.iloc[0].tolist() if not df.empty else [None] * 4
    if row[0] is None or pd.isna(row[0]):
        df = query(
            db,
            "SELECT min(longitude), min(latitude), max(longitude), max(latitude) "
            "FROM out_map_points",
        )
        row = df.iloc[0].tolist()
        if row[0] is None or pd.isna(row[0]):
            return GERMANY_BBOX
    return tuple(float(v) for v in row)  # type: ignore[return-value]


@functools.lru_cache(maxsize=4)
def municipality_geojson(db: str) -> dict:
    """FeatureCollection of the display boundaries, feature ``id`` = AGS (do not mutate)."""
    df = query(
        db,
        "SELECT municipality_key, municipality_name, geometry_geojson "
        "FROM core_bkg__municipalities WHERE geometry_geojson IS NOT NULL",
    )
    features = [
        {
            "type": "Feature",
            "id": key,
            "properties": {"name": name},
            "geometry": json.loads(geom),
        }
        for key, name, geom in df.itertuples(index=False)
    ]
    return {"type": "FeatureCollection", "features": features}


def year_range(db: str) -> tuple[int, int] | None:
    """First commissioning year and the data date's year (the period slider's bounds).

    The slider ends at the data date: later years hold only plans, which the charts
    show as a projection whenever the chosen period reaches the data date.
    """
    df = query(
        db,
        "SELECT min(year(month)) FROM out_capacity_events WHERE month IS NOT NULL",
    )
    lo = df.iloc[0, 0]
    if lo is None or pd.isna(lo):
        return None
    ref = reference_year(db)
    return min(int(lo), ref), ref
