"""Headline figures: storage and non-renewable units are never in the renewable total.

The build is made by the real ETL from a MaStR web CSV export in the real
format (the carrier of a sewage-sludge unit arrives as the Energieträger label
"Klärschlamm", a battery as "Speicher") and BKG-style boundaries of three
municipalities with equal land area:

- Alt Krenzlin: one 4,200 kW wind turbine (2018);
- Ludwigslust: one 4,200 kW ground-mounted PV plant (2026) — the same kW/km²
  as Alt Krenzlin, so the two share rank 1–2;
- Parchim: a 1,000 kW / 2,000 kWh battery and a 40,000 kW sewage-sludge plant,
  both commissioned in 2026 — nothing renewable, so no rank.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from csv_fixtures import pv_row, wind_row, write_population_csv, write_web_csv

from analysis import export, figures, headline, queries
from analysis.estimates import DEFAULT_ASSUMPTIONS
from analysis.filters import Filters
from dashboard.state import params_for, parse_params
from etl.build import build_database
from etl.config import Settings
from etl.publish import served_database
from tests.geo_fixtures import write_vg250_gpkg

ALT_KRENZLIN, LUDWIGSLUST, PARCHIM = "13076001", "13076088", "13076105"


def _parchim(unit_id: str, carrier: str, kw: str, **values: str) -> dict[str, str]:
    row = pv_row(unit_id, kind="", **values)
    row.update(
        {
            "Energieträger": carrier,
            "Anzeige-Name der Einheit": f"{carrier} Parchim",
            "Bruttoleistung der Einheit": kw,
            "Nettonennleistung der Einheit": kw,
            "Inbetriebnahmedatum der Einheit": "1.2.2026",
        }
    )
    return row


ROWS = [
    wind_row("SEE900000000001", **{"Gemeindeschlüssel": ALT_KRENZLIN, "Gemeinde": "Alt Krenzlin"}),
    pv_row(
        "SEE900000000002",
        **{
            "Gemeindeschlüssel": LUDWIGSLUST,
            "Gemeinde": "Ludwigslust",
            "Bruttoleistung der Einheit": "4200",
            "Inbetriebnahmedatum der Einheit": "1.3.2026",
        },
    ),
    _parchim(
        "SEE900000000003",
        "Speicher",
        "1000",
        **{"Speichertechnologie": "Batterie", "Nutzbare Speicherkapazität in kWh": "2000"},
    ),
    _parchim("SEE900000000004", "Klärschlamm", "40000"),
]


@pytest.fixture(scope="module")
def mixed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real build of the web CSV above."""
    root = tmp_path_factory.mktemp("mixed")
    raw = root / "raw"
    raw.mkdir()
    write_vg250_gpkg(raw / "vg250_test.gpkg")
    write_web_csv(raw / "Stromerzeuger_20260920.csv", ROWS)
    write_population_csv(
        raw / "einwohner_2025.csv",
        [(ALT_KRENZLIN, "1000", "2025-12-31"), (LUDWIGSLUST, "2000", "2025-12-31"),
         (PARCHIM, "500", "2025-12-31")],
    )  # fmt: skip
    settings = Settings(raw_dir=raw, processed_dir=root / "processed")
    build_database(settings)
    db = served_database(settings.processed_dir)
    assert db is not None
    return str(db)


def test_carriers_arrive_as_storage_and_other(mixed_db: str) -> None:
    cap = queries.capacity(mixed_db, Filters(statuses=("operating",))).set_index("carrier")
    assert cap.loc["storage", "capacity_kw"] == 1000
    assert cap.loc["storage", "storage_kwh"] == 2000
    assert cap.loc["other", "capacity_kw"] == 40000


def test_region_total_leaves_out_storage_and_sewage_sludge(mixed_db: str) -> None:
    h = headline.headlines(mixed_db, Filters())
    assert (h.installed_kw, h.operating_units) == (8400, 2)
    assert (h.storage_kw, h.storage_kwh, h.storage_units) == (1000, 2000, 1)
    assert (h.non_renewable_kw, h.non_renewable_units) == (40000, 1)
    # additions of the running year: the PV plant only, though all three are from 2026
    assert (h.additions_this_year_kw, h.additions_this_year_units) == (4200, 1)
    assert headline.additions_label(h, 2026, "de") == "Zubau 2026 (bis 20.09.2026)"
    assert headline.additions_label(h, 2026, "en") == "Additions 2026 (to 20 Sep 2026)"
    # the capacity mix and the generation estimate have renewable carriers only
    cov = headline.coverage(h, DEFAULT_ASSUMPTIONS)
    assert set(cov.generation["carrier"]).isdisjoint({"storage", "other"})
    assert cov.generation["capacity_kw"].sum() == 8400
    # a municipality holding only storage and sewage sludge has nothing renewable
    p = headline.headlines(mixed_db, Filters(municipality=PARCHIM))
    assert (p.installed_kw, p.operating_units, p.storage_kw, p.non_renewable_kw) == (
        0, 0, 1000, 40000,
    )  # fmt: skip


def test_municipality_list_map_and_csv_leave_them_out(mixed_db: str) -> None:
    m = headline.municipality_figures(mixed_db).set_index("municipality_key")
    assert m.loc[PARCHIM, "installed_kw"] == 0
    assert m.loc[PARCHIM, "storage_kw"] == 1000
    assert m["installed_kw"].sum() == 8400
    cap = queries.municipality_capacity(mixed_db, Filters())
    assert set(cap["carrier"]) == {"wind_onshore", "pv_ground"}
    values = figures.choropleth_values(queries.municipalities(mixed_db), cap, "mw")
    assert values.set_index("municipality_key").loc[PARCHIM, "value"] == 0
    # a selection mixing wind and storage never adds the battery
    mixed = queries.municipality_capacity(mixed_db, Filters(carriers=("wind_onshore", "storage")))
    assert set(mixed["carrier"]) == {"wind_onshore"}
    csv = pd.read_csv(
        io.BytesIO(export.figures_csv_bytes(m.reset_index(), "de")),
        skiprows=1,  # the source line
        sep=";",
        decimal=",",
        dtype={"Gemeindeschlüssel": str},
        encoding="utf-8-sig",
    ).set_index("Gemeindeschlüssel")
    assert csv.loc[PARCHIM, "Installierte Leistung erneuerbar (kW)"] == 0
    assert csv.loc[PARCHIM, "Stromspeicher (kWh)"] == 2000


def test_ties_share_a_rank_and_nothing_installed_has_none(mixed_db: str) -> None:
    m = headline.municipality_figures(mixed_db).set_index("municipality_key")
    a, lu, p = m.loc[ALT_KRENZLIN], m.loc[LUDWIGSLUST], m.loc[PARCHIM]
    assert a["kw_per_km2"] == pytest.approx(lu["kw_per_km2"])
    assert headline.rank_text(a, "km2", "de") == "Platz 1–2"
    assert headline.rank_text(lu, "km2", "en") == "Rank 1–2"
    assert headline.rank_detail(a, "km2", "de").startswith("von 3 · ")
    # per inhabitant no tie: 4.2 vs 2.1 kW
    assert (a["rank_inhabitant"], lu["rank_inhabitant"]) == (1, 2)
    assert headline.rank_text(lu, "inhabitant", "de") == "Platz 2"
    assert headline.rank_text(p, "km2", "de") == "kein Platz"
    assert headline.rank_detail(p, "km2", "de") == "von 3 · nichts Erneuerbares in Betrieb"


def test_consumption_assumption_travels_in_the_url() -> None:
    f = Filters()
    assert params_for("de", f, DEFAULT_ASSUMPTIONS.consumption_mwh_per_inhabitant) == {}
    assert params_for("de", f, 3.5) == {"consumption": "3.5"}
    assert parse_params({"consumption": "3,5"})["ez_consumption"] == 3.5
    assert "ez_consumption" not in parse_params({"consumption": "-1"})
    assert "ez_consumption" not in parse_params({"consumption": "viel"})


def test_definitions_document_is_current() -> None:
    doc = Path(headline.DOC_PATH).read_text(encoding="utf-8")
    assert doc == headline.figures_markdown(), "run: python -m analysis.headline"
    assert "Installierte Leistung (erneuerbar)" in doc
    assert "Bilanzieller Deckungsgrad (Schätzung)" in doc


def test_every_carrier_has_exactly_one_group() -> None:
    from etl.schema import CARRIER_GROUP, CARRIERS, RENEWABLE_CARRIERS, STORAGE_CARRIERS

    assert set(CARRIER_GROUP) == set(CARRIERS)
    assert not set(RENEWABLE_CARRIERS) & set(STORAGE_CARRIERS)
    assert CARRIER_GROUP["other"] == "non_renewable"
