"""The demo's hydrogen project list: invented names, operators, figures and places.

Called by :mod:`etl.demo.office_lists` with the demo's municipalities (real
boundaries) and its permit rows; written in the template format by that module.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from etl.demo.constants import LIST_SEED, LIST_SOURCE


def _point_in(muni: Any, rng: random.Random) -> tuple[float, float]:
    """A WGS84 point well inside a municipality (deterministic)."""
    from pyproj import Transformer
    from shapely.geometry import Point

    inner = muni.geometry.buffer(-800)
    shape = inner if not inner.is_empty else muni.geometry
    minx, miny, maxx, maxy = shape.bounds
    for _ in range(500):
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if shape.contains(Point(x, y)):
            break
    else:
        p = shape.representative_point()
        x, y = p.x, p.y
    lon, lat = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True).transform(x, y)
    return round(lat, 5), round(lon, 5)


def build_hydrogen_rows(munis: Sequence[Any], permit_rows: list[dict]) -> list[dict]:
    """Demo hydrogen projects: invented names, operators, figures and places."""
    rng = random.Random(f"{LIST_SEED}-h2")
    by_key = {m.key: m for m in munis}

    def park_in(key: str) -> str | None:
        for r in permit_rows:
            if r["municipality_key"] == key and r["status"] in ("approved", "applied"):
                return f"{r['project_name']} ({r['procedure_id']})"
        return None

    def row(pid, name, op, kind, mw, status, year, key=None, coords=False, **kw):
        out = {
            "project_id": pid, "project_name": name, "operator": op, "project_type": kind,
            "electrolyser_mw": mw, "hydrogen_output_t_per_year": None if mw is None else
            round(mw * 90.0, 0), "status": status, "expected_year": year,
            "municipality_key": key, "source": LIST_SOURCE, "notes": "Demo-Eintrag",
        }  # fmt: skip
        out.update(kw)
        if coords:
            muni = by_key[coords] if isinstance(coords, str) else by_key[key]
            out["latitude"], out["longitude"] = _point_in(muni, rng)
        return out

    # Invented projects, placed by a fixed draw away from the places of real public
    # hydrogen projects (Hagenow, Lübesse, Plate, Lübz, Rastow/Kraak, Parchim,
    # Ludwigslust, Wittenburg, Boizenburg), so no invented figure sits on a real project.
    real_places = {"13076060", "13076086", "13076113", "13076089", "13076118", "13076108",
                   "13076090", "13076152", "13076014"}  # fmt: skip
    pool = sorted(k for k in by_key if k not in real_places)
    k = [pool[i] for i in random.Random(f"{LIST_SEED}-h2-places").sample(range(len(pool)), 9)]
    return [
        row("H2-001", "Demo-H2-Tankstelle A", "Demo Mobilität GmbH",
            "refuelling_station", None, "operating", 2019, k[0], coords=True),
        row("H2-002", "Demo-H2-Projekt B", "Demo H2 GmbH", "electrolysis", 10.0,
            "construction", 2027, k[1], coords=True,
            electricity_source=park_in(k[1]) or "Netzstrom, Herkunftsnachweise",
            funding="Landesförderung (Demo)"),
        row("H2-003", "Demo-H2-Projekt C", "Konsortium Demo-Energiepark", "electrolysis",
            30.0, "planning", 2029, k[2], coords=True,
            electricity_source=park_in(k[2]) or "Windpark (geplant)"),
        row("H2-004", "Demo-H2-Leitung D", "Demo Netz GmbH", "pipeline", None,
            "feasibility", 2032, k[3], funding="IPCEI-Antrag (Demo)"),
        row("H2-005", "Demo-H2-Speicher E", "Demo Speicher AG", "storage", None, "idea",
            2034, k[4], coords=True),
        row("H2-006", "Demo-H2-Projekt F", "Stadtwerke Demo", "electrolysis",
            20.0, "investment_decision", 2028, k[5], coords=True,
            electricity_source="PV-Park und Windstrom aus der Region"),
        row("H2-007", "Demo-H2-Busse G", "Demo Verkehrsgesellschaft", "consumer",
            None, "planning", 2028, k[6]),
        row("H2-008", "Demo-H2-Projekt H", "Demo Green Hydrogen GmbH", "electrolysis",
            50.0, "feasibility", 2030, None, coords=k[7]),
        row("H2-009", "Demo-H2-Projekt I", "Demo Hafen GmbH", "electrolysis", 8.0, "cancelled",
            2026, k[8], coords=True),
        # Deliberately implausible: 5 MW cannot make 9,900 t/a (a plausibility finding).
        row("H2-010", "Demo-H2-Projekt J", "Demo Elektrolyse GmbH", "electrolysis", 5.0,
            "planning", 2029, k[0], coords=True, hydrogen_output_t_per_year=9_900.0,
            notes="Demo-Eintrag: Angabe t/a prüfen"),
    ]  # fmt: skip
