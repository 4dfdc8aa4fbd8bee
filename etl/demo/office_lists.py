"""The demo lists: wind permit pipeline, hydrogen projects and wind areas (labelled DEMO).

Called by :func:`etl.demo.generate.generate_demo` after it wrote the demo MaStR export
and the demo boundaries into the demo folder. The lists are built **from those
files** (the demo's wind units and municipality shapes), in exactly the
template formats (:mod:`etl.office.templates`), and are deterministic.

Calibration: the wind pipeline (MaStR planned wind plus the list's approved and
applied entries, without double counting entries that cover MaStR units)
totals :data:`DEMO_PIPELINE_MW`. The list's last entry is sized so that the
same reconciliation the build runs (:func:`etl.office.reconcile.pipeline_items`)
gives that total from the demo's units; nothing is tuned by hand.

The permit list deliberately shows every kind of disagreement with the MaStR:
an approved entry whose turbines already operate, a withdrawn entry whose
turbines are registered as planned, a capacity that differs, a MaStR number
that does not exist, planned MaStR parks missing from the list, and an entry
matched without MaStR numbers (by municipality, capacity and date).
"""

from __future__ import annotations

import random
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from etl.demo.constants import (
    BOUNDARIES_NAME,
    BULK_ZIP_NAME,
    DEMO_EXTRACT_DATE,
    LIST_SEED,
    LIST_SOURCE,
)
from etl.demo.hydrogen_list import build_hydrogen_rows
from etl.office.cells import column_letters
from etl.office.reconcile import match_permits, pipeline_items
from etl.office.spec import HYDROGEN, WIND_PERMITS
from etl.office.templates import write_list_csv, write_list_xlsx, write_wind_areas_gpkg

#: The office's headline figure: wind capacity approved or applied for (MW).
DEMO_PIPELINE_MW = 3950.0
PERMITS_NAME = "windpipeline_DEMO.xlsx"
HYDROGEN_NAME = "wasserstoff_DEMO.csv"
AREAS_NAME = "windgebiete_DEMO.gpkg"
DEMO_SOURCE = LIST_SOURCE
DEMO_NOTE = (
    "DEMO: erfundene Beispieleinträge (Demo-Daten), keine echten Verfahren oder Projekte. "
    "DEMO: invented example entries, not real procedures or projects."
)
#: Share of the district's area: designated and designated-or-draft wind areas in the demo.
DEMO_DESIGNATED_SHARE = 0.009
DEMO_ANY_SHARE = 0.022

_SEED = LIST_SEED
_STATUS = {"31": "planned", "35": "operating", "37": "temporarily_shut_down",
           "38": "permanently_shut_down"}  # fmt: skip
#: Modern turbines for the list-only entries: (model, MW, hub heights).
_MODELS = (
    ("Vestas V162-6.2", 6.2, (149.0, 169.0)),
    ("Nordex N163/6.X", 6.8, (118.0, 164.0)),
    ("Enercon E-175 EP5", 6.0, (162.0,)),
    ("Vestas V172-7.2", 7.2, (150.0, 175.0)),
    ("Siemens Gamesa SG 6.6-170", 6.6, (115.0, 165.0)),
    ("Enercon E-160 EP5 E3", 5.56, (120.0, 166.0)),
)


@dataclass(frozen=True)
class _Muni:
    key: str
    name: str
    geometry: object  # shapely, EPSG:25832


def _read_wind_units(zip_path: Path) -> pd.DataFrame:
    """The demo's wind units from its MaStR export (``EinheitenWind.xml``, UTF-16)."""
    from lxml import etree

    fields = {
        "EinheitMastrNummer": "unit_id_mastr",
        "EinheitBetriebsstatus": "status",
        "Bruttoleistung": "gross_capacity_kw",
        "Gemeindeschluessel": "municipality_key",
        "Gemeinde": "municipality_name",
        "NameWindpark": "wind_park_name",
        "GenMastrNummer": "permit_id_mastr",
        "Inbetriebnahmedatum": "commissioning_date",
        "GeplantesInbetriebnahmedatum": "planned_commissioning_date",
        "Laengengrad": "longitude",
        "Breitengrad": "latitude",
        "Typenbezeichnung": "model",
        "Nabenhoehe": "hub_height_m",
    }
    rows = []
    with zipfile.ZipFile(zip_path) as zf, zf.open("EinheitenWind.xml") as fh:
        for _, el in etree.iterparse(
            fh, tag="EinheitWind", resolve_entities=False, no_network=True, huge_tree=False
        ):
            rec = {v: None for v in fields.values()}
            for child in el:
                if child.tag in fields:
                    rec[fields[child.tag]] = child.text
            rows.append(rec)
            el.clear()
    df = pd.DataFrame(rows)
    df["status"] = df["status"].map(_STATUS)
    for c in ("gross_capacity_kw", "longitude", "latitude", "hub_height_m"):
        df[c] = pd.to_numeric(df[c])
    for c in ("commissioning_date", "planned_commissioning_date"):
        df[c] = pd.to_datetime(df[c]).dt.date
    return df.sort_values("unit_id_mastr").reset_index(drop=True)


def _read_municipalities(gpkg: Path) -> list[_Muni]:
    import geopandas as gpd

    gdf = gpd.read_file(gpkg).to_crs("EPSG:25832").sort_values("AGS")
    return [_Muni(r.AGS, r.GEN, r.geometry) for r in gdf.itertuples()]


# --------------------------------------------------------------------------- #
# Wind permit list
# --------------------------------------------------------------------------- #
def _parks(units: pd.DataFrame, status: str) -> list[pd.DataFrame]:
    sel = units[units["status"] == status]
    return [g for _, g in sorted(sel.groupby("wind_park_name"), key=lambda kv: kv[0])]


def _entry(pid: str, name: str, key: str, muni: str, n: int, mw: float, status: str, **kw):
    return {
        "procedure_id": pid,
        "project_name": name,
        "municipality_key": key,
        "municipality_name_input": muni,
        "turbine_count": n,
        "capacity_mw": round(mw, 3),
        "status": status,
        "source": DEMO_SOURCE,
        **kw,
    }


def _dates(rng: random.Random, status: str, ref: date) -> dict[str, object]:
    """Application, permit, construction and commissioning dates fitting a status."""
    app = ref - timedelta(days=rng.randint(90, 5 * 365))
    out: dict[str, object] = {"application_date": app}
    if status in ("approved", "under_construction", "operating", "rejected"):
        permit = app + timedelta(days=rng.randint(240, 900))
        permit = min(permit, ref - timedelta(days=rng.randint(10, 120)))
        if permit <= app:
            permit = app + timedelta(days=30)
        if status != "rejected":
            out["permit_date"] = permit
    if status in ("under_construction",):
        out["construction_start_date"] = out["permit_date"] + timedelta(days=rng.randint(60, 300))
        out["construction_start_date"] = min(out["construction_start_date"], ref)
    year = ref.year + rng.randint(1, 4)
    out["expected_commissioning_date"] = date(year, rng.randint(1, 12), 1)
    return out


def _project_names(used: set[str]):
    """Invented names "Demo-Windprojekt X" not used by the demo's MaStR parks."""
    i = 0
    while True:
        name = f"Demo-Windprojekt {column_letters(i + 1)}"
        i += 1
        if name not in used:
            used.add(name)
            yield name


def _model_for(mw_per_turbine: float) -> tuple[str, float, tuple[float, ...]]:
    return min(_MODELS, key=lambda m: abs(m[1] - mw_per_turbine))


def _unmatched_construction(rng, units, munis, ref, pid, names) -> dict:
    """Under construction by the list, not (yet) in the MaStR: no unit matches it."""
    no_wind = [m for m in munis if not units["municipality_key"].eq(m.key).any()]
    muni = no_wind[rng.randrange(len(no_wind))]
    d = _dates(rng, "under_construction", ref)
    return _entry(pid(d["application_date"].year), next(names), muni.key, muni.name, 3, 3 * 7.2,
                  "under_construction", turbine_model="Vestas V172-7.2", hub_height_m=175.0,
                  notes="Im Bau, noch nicht im MaStR registriert (Demo)", **d)  # fmt: skip


def _add_repowering(rows: list[dict]) -> None:
    """Two list-only entries replace old turbines (the pipeline's gross and net)."""
    live = [r for r in rows if "mastr_ids" not in r and r["status"] in ("approved", "applied")]
    for r, (n_old, mw_old) in zip(live[:2], ((8, 12.0), (4, 6.0)), strict=False):
        r["replaced_turbine_count"] = n_old
        r["replaced_capacity_mw"] = mw_old
        r["notes"] = f"Repowering: ersetzt {n_old} Altanlagen (Demo)"


def build_permit_rows(
    units: pd.DataFrame, munis: list[_Muni], ref: date, target_mw: float = DEMO_PIPELINE_MW
) -> list[dict]:
    """The demo permit list (rows by field name), calibrated to ``target_mw``."""
    rng = random.Random(_SEED)
    rows: list[dict] = []
    seq = iter(range(1, 10_000))

    def pid(year: int) -> str:
        return f"StALU-WM-{year}-{next(seq):03d}"

    planned = _parks(units, "planned")
    names = _project_names(set(units["wind_park_name"].dropna()))
    recent_operating = [
        g for g in _parks(units, "operating")
        if g["commissioning_date"].min() >= date(2021, 1, 1)
    ]  # fmt: skip
    # 1. MaStR planned parks: most are in the list (approved, with their MaStR numbers).
    n_listed = max(1, round(len(planned) * 0.75))
    for i, g in enumerate(planned[:n_listed]):
        first = g.iloc[0]
        mw = g["gross_capacity_kw"].sum() / 1000
        n = len(g)
        status = "approved"
        extra: dict[str, object] = {"mastr_ids": ", ".join(g["unit_id_mastr"])}
        if i == 1:
            status = "under_construction"
        if i == 2:  # capacity differs: the list knows one more turbine than the MaStR
            n += 1
            mw += g["gross_capacity_kw"].iloc[0] / 1000
            extra["notes"] = "Erweiterung um 1 WEA beantragt (Demo)"
        if i == 3:  # matched without MaStR numbers: municipality, capacity and date
            extra = {"notes": "MaStR-Nummern noch nicht bekannt (Demo)"}
        if i == 4:  # withdrawn in the list, still planned in the MaStR
            status = "withdrawn"
        d = _dates(rng, status, ref)
        d["expected_commissioning_date"] = g["planned_commissioning_date"].min()
        if status == "withdrawn":
            d.pop("permit_date", None)
        model = first["model"]
        rows.append(
            _entry(pid(d["application_date"].year), str(first["wind_park_name"]),
                   first["municipality_key"], first["municipality_name"], n, mw, status,
                   turbine_model=model, hub_height_m=first["hub_height_m"], **d, **extra)
        )  # fmt: skip
    # 2. Recent operating parks: in the list as operating; one still says "approved".
    for i, g in enumerate(recent_operating[:6]):
        first = g.iloc[0]
        status = "approved" if i == 0 else "operating"
        d = _dates(rng, "under_construction", g["commissioning_date"].min())
        d.pop("expected_commissioning_date")
        if status == "operating":
            d["commissioning_date"] = g["commissioning_date"].max()
        else:
            d.pop("construction_start_date")
        rows.append(
            _entry(pid(d["application_date"].year), str(first["wind_park_name"]),
                   first["municipality_key"], first["municipality_name"], len(g),
                   g["gross_capacity_kw"].sum() / 1000, status, turbine_model=first["model"],
                   hub_height_m=first["hub_height_m"], mastr_ids=", ".join(g["unit_id_mastr"]),
                   **d)
        )  # fmt: skip
    # 3. A MaStR number that does not exist (typo in the list).
    muni = munis[rng.randrange(len(munis))]
    d = _dates(rng, "approved", ref)
    rows.append(
        _entry(pid(d["application_date"].year), next(names), muni.key, muni.name,
               4, 4 * 6.2, "approved", turbine_model="Vestas V162-6.2", hub_height_m=169.0,
               mastr_ids="SEE900000000001", notes="MaStR-Nummer prüfen (Demo)", **d)
    )  # fmt: skip
    rows.append(_unmatched_construction(rng, units, munis, ref, pid, names))
    # 4. List-only procedures (applied, approved, some rejected or withdrawn).
    rural = [m for m in munis if m.key not in {"13076108", "13076090", "13076060"}]

    statuses = ["applied"] * 5 + ["approved"] * 4 + ["rejected", "withdrawn"]
    # Estimate: list-only entries count fully; the exact total is computed below.
    estimate = _pipeline_total(rows, units)
    while target_mw - estimate > 90:
        muni = rural[rng.randrange(len(rural))]
        model, unit_mw, hubs = _MODELS[rng.randrange(len(_MODELS))]
        n = rng.choice((2, 3, 4, 5, 6, 7, 8, 10, 12))
        status = rng.choice(statuses)
        counted = n * unit_mw if status in ("applied", "approved") else 0.0
        if estimate + counted > target_mw - 40:
            continue  # keep room for the closing entry
        name = next(names)
        d = _dates(rng, status, ref)
        row = _entry(pid(d["application_date"].year), name, muni.key, muni.name, n, n * unit_mw,
                     status, turbine_model=model, hub_height_m=rng.choice(hubs), **d)  # fmt: skip
        if status == "rejected":
            row["notes"] = "Versagung (Demo)"
        rows.append(row)
        estimate += counted
    _add_repowering(rows)
    current = _pipeline_total(rows, units)
    # 5. The closing entry: applied for, sized so that the pipeline is exactly the target.
    muni = next(m for m in reversed(rural) if not units["municipality_key"].eq(m.key).any())
    rest = target_mw - current
    if rest <= 10:
        raise RuntimeError(f"demo pipeline cannot be closed: {rest:.1f} MW left")
    model, unit_mw, hubs = _model_for(rest / max(1, round(rest / 6.5)))
    n = max(1, round(rest / unit_mw))
    d = _dates(rng, "applied", ref)
    rows.append(
        _entry(pid(d["application_date"].year), next(names), muni.key, muni.name, n,
               rest, "applied", turbine_model=model, hub_height_m=hubs[0], **d)
    )  # fmt: skip
    final = _pipeline_total(rows, units)
    if abs(final - target_mw) > 0.01:
        raise RuntimeError(f"demo pipeline is {final:.3f} MW, expected {target_mw} MW")
    return rows


def _permits_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for c in ("mastr_ids", "commissioning_date", "expected_commissioning_date",
              "construction_start_date", "permit_date", "application_date"):  # fmt: skip
        if c not in df:
            df[c] = None
    df["unit_ids_mastr"] = df["mastr_ids"].map(
        lambda s: ",".join(x.strip() for x in s.split(",")) if isinstance(s, str) else None
    )
    df["permit_ids_mastr"] = None
    return df


def _pipeline_total(rows: list[dict], units: pd.DataFrame) -> float:
    """The pipeline total the build will compute for these rows and units."""
    permits = _permits_frame(rows)
    matches = match_permits(permits, units)
    return float(pipeline_items(permits, units, matches)["counted_mw"].sum())


# --------------------------------------------------------------------------- #
# Wind areas
# --------------------------------------------------------------------------- #
def build_wind_areas(units: pd.DataFrame, munis: list[_Muni]) -> list[dict]:
    """Designated areas around most post-2005 parks, drafts around planned parks and beyond.

    Shapes are computed in EPSG:25832 and returned in EPSG:25833 (the file's CRS),
    so the reader's transformation is exercised. Shares: see the module constants.
    """
    import shapely
    from pyproj import Transformer
    from shapely import affinity, union_all
    from shapely.geometry import MultiPoint, Point

    rng = random.Random(f"{_SEED}-areas")
    region = union_all([m.geometry for m in munis])
    inner = region.buffer(-1_500)
    district_km2 = region.area / 1e6
    to_m = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True).transform
    to_33 = Transformer.from_crs("EPSG:25832", "EPSG:25833", always_xy=True).transform
    features: list[dict] = []

    def park_shape(g: pd.DataFrame, buffer_m: float):
        pts = [Point(to_m(lon, lat)) for lon, lat in zip(g["longitude"], g["latitude"],
                                                          strict=True)]  # fmt: skip
        return MultiPoint(pts).convex_hull.buffer(buffer_m).intersection(inner)

    def add(shape, status: str, name: str) -> None:
        if shape.is_empty:
            return  # a park at the district's edge: nothing left inside
        n = len(features) + 1
        plan = (
            "RREP Westmecklenburg 2011, Kapitel Energie (DEMO)"
            if status == "designated"
            else "RREP WM Teilfortschreibung Energie, 2. Entwurf 2024 (DEMO)"
        )
        features.append({
            "id": f"WEG {n:02d}/{'11' if status == 'designated' else '24'}",
            "name": name, "status": "ausgewiesen" if status == "designated" else "Entwurf",
            "plan": plan, "_status": status, "_shape": shape,
        })  # fmt: skip

    def share(status: str | None = None) -> float:
        shapes = [f["_shape"] for f in features if status is None or f["_status"] == status]
        return union_all(shapes).area / 1e6 / district_km2 if shapes else 0.0

    operating = [
        g for g in _parks(units, "operating") if g["commissioning_date"].min() >= date(2005, 1, 1)
    ]
    for i, g in enumerate(operating):
        if i % 4 == 3:
            continue  # some newer parks stand outside the designated areas
        if share("designated") >= DEMO_DESIGNATED_SHARE:
            break
        add(park_shape(g, 450), "designated", f"Demo-Eignungsgebiet {len(features) + 1:02d}")
    for g in _parks(units, "planned"):
        add(park_shape(g, 700), "draft", f"Demo-Vorranggebiet {len(features) + 1:02d} (Entwurf)")
    candidates = sorted(munis, key=lambda m: m.key)
    while share() < DEMO_ANY_SHARE:
        m = candidates[rng.randrange(len(candidates))]
        shape = m.geometry.intersection(inner)
        if shape.is_empty:
            continue
        c = shape.representative_point()
        ell = affinity.scale(Point(c.x, c.y).buffer(1_000), rng.uniform(1.2, 2.2),
                             rng.uniform(0.5, 0.9))  # fmt: skip
        ell = affinity.rotate(ell, rng.uniform(0, 180)).intersection(inner)
        add(ell, "draft", f"Demo-Suchraum {len(features) + 1:02d} (Entwurf)")
    for f in features:
        f["geometry"] = shapely.transform(f.pop("_shape"), to_33, interleaved=False)
        f.pop("_status")
    return features


def write_demo_lists(demo_dir: Path) -> list[Path]:
    """Write the three demo lists into ``demo_dir`` (next to the demo MaStR export)."""
    demo_dir = Path(demo_dir)
    zip_path = demo_dir / BULK_ZIP_NAME
    gpkg = demo_dir / BOUNDARIES_NAME
    if not zip_path.exists() or not gpkg.exists():
        raise FileNotFoundError(
            f"the demo lists are built from the demo export and boundaries in {demo_dir}: "
            "run etl.demo.generate_demo first"
        )
    units = _read_wind_units(zip_path)
    munis = _read_municipalities(gpkg)
    permit_rows = build_permit_rows(units, munis, DEMO_EXTRACT_DATE)
    out = [
        write_list_xlsx(demo_dir / PERMITS_NAME, WIND_PERMITS, permit_rows, note=DEMO_NOTE),
        write_list_csv(demo_dir / HYDROGEN_NAME, HYDROGEN, build_hydrogen_rows(munis, permit_rows)),
        write_wind_areas_gpkg(
            demo_dir / AREAS_NAME, build_wind_areas(units, munis), crs="EPSG:25833"
        ),
    ]
    return out
