"""AppTest on the demo build: a CSV under every table, the data behind every chart, the
office's Daten & Qualität in German, and the upload page only in the office's navigation."""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import export, office_tables, queries
from analysis import office_queries as oq
from analysis.chart_data import chart_data
from analysis.figures import hydrogen as h2fig
from etl.office import upload_secret
from etl.office.upload import SECRET_ENV
from tests.apptest import app_environment, run_page

#: Pages with tables, and the tables on each that have no CSV of their own: the Gemeinden
#: ranking (its figures CSV holds more), the unit preview of Daten & Qualität (its full
#: CSV/XLSX buttons sit above it).
TABLE_PAGES: dict[str, int] = {
    "overview": 0,
    "growth": 0,
    "map": 0,
    "mix": 0,
    "municipality": 1,
    "pipeline": 0,
    "hydrogen": 0,
    "area_target": 0,
    "data_quality": 1,
}


@pytest.fixture(scope="module")
def app_env(demo_settings) -> Iterator[Path]:
    with app_environment(demo_settings.processed_dir, demo_settings.raw_dir, unset=(SECRET_ENV,)):
        yield demo_settings.processed_dir


def csv_labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button") if b.proto.label == "Tabelle als CSV"]


@pytest.mark.parametrize("page", list(TABLE_PAGES))
def test_every_table_has_a_csv_download(app_env: Path, page: str) -> None:
    at = run_page(page)
    tables = len(at.dataframe)
    assert tables > 0, "page shows no table"
    assert len(csv_labels(at)) == tables - TABLE_PAGES[page]


def test_a_municipality_profile_has_a_csv_under_every_table(app_env: Path, demo_db: Path) -> None:
    con = duckdb.connect(str(demo_db), read_only=True)
    key = con.execute(
        "SELECT municipality_key FROM core_mastr__units WHERE status = 'planned' "
        "AND carrier = 'wind_onshore' GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    con.close()
    at = run_page("municipality", municipality=key)
    assert len(at.dataframe) >= 3  # charts' data, planned units, all units
    assert len(csv_labels(at)) == len(at.dataframe)


def test_hydrogen_table_csv_says_source_units_and_demo(demo_db: Path) -> None:
    """The CSV of the Wasserstoff page's nearby table, as the page's button writes it."""
    db = str(demo_db)
    projects = oq.hydrogen_projects(db, None)
    nearby = oq.hydrogen_nearby(db, 20)
    table = office_tables.nearby_table(
        projects, nearby[nearby["project_id"].isin(projects["project_id"])]
    )
    spec = {
        "project_name": ("Projekt", "text"),
        "electrolyser_mw": ("Elektrolyse (MW)", 1),
        "wind_mw": ("Wind im Umkreis (MW)", 1),
    }
    raw = export.table_csv_bytes(table, spec, "de", True, queries.data_date(db))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0].startswith("Datenquelle: Marktstammdatenregister, © Bundesnetzagentur")
    assert f"Datenstand: {queries.data_date(db):%d.%m.%Y}" in rows[0][0]
    assert rows[0][0].endswith("Demo-Daten")
    assert rows[1] == ["Datenart", "Projekt", "Elektrolyse (MW)", "Wind im Umkreis (MW)"]
    assert len(rows) == 2 + len(table)
    for row, (_, line) in zip(rows[2:], table.iterrows(), strict=True):
        assert row[0] == "Demo-Daten" and row[1] == line["project_name"]
        for cell, value in zip(row[2:], (line["electrolyser_mw"], line["wind_mw"]), strict=True):
            # decimal comma, rounded as shown; a missing value stays empty
            assert cell == ("" if pd.isna(value) else f"{round(value, 1)}".replace(".", ","))


def test_table_csv_writes_yes_no_percent_dates_years_and_safe_text() -> None:
    df = pd.DataFrame(
        {
            "name": ["=SUMME(A1)", "Parchim"],
            "ok": pd.array([True, False], dtype="boolean"),
            "share": [0.2567, None],
            "day": pd.to_datetime(["2026-11-25", None]),
            "year": [2027.0, None],
            "rank": [3.0, None],
        }
    )
    spec = {
        "name": ("Gemeinde", "text"),
        "ok": ("Genehmigt", "bool"),
        "share": ("Anteil (%)", "percent1"),
        "day": ("Datum", "date"),
        "year": ("Jahr", "year"),
        "rank": ("Rang", {3.0: "Platz 3–5", None: "kein Platz"}),
    }
    raw = export.table_csv_bytes(df, spec, "de", False, date(2026, 11, 20), ["Wind"])
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert "Datenstand: 20.11.2026" in rows[0][0] and "Demo-Daten" not in rows[0][0]
    assert "Wind" in rows[0][0]  # an incomplete build says what is missing
    assert rows[2] == [rows[2][0], "'=SUMME(A1)", "ja", "25,7", "25.11.2026", "2027", "3,0"]
    assert rows[3][1:] == ["Parchim", "nein", "", "", "", ""]
    assert rows[2][0].startswith("Echte Daten (MaStR) – ")


def test_municipality_ranking_sorts_by_rank_number(app_env: Path) -> None:
    at = run_page("municipality")
    d = next(d for d in at.dataframe if "Rang: Leistung je km²" in d.value.columns)
    rank = d.value["Rang: Leistung je km²"]
    assert pd.api.types.is_float_dtype(rank)  # sorts 2 < 10 < 100, not "Platz 10" < "Platz 2"
    ranked = rank.dropna()
    assert ranked.is_monotonic_increasing and ranked.iloc[0] == 1


def test_chart_data_holds_what_the_chart_draws(demo_db: Path) -> None:
    projects = oq.hydrogen_projects(str(demo_db), None)
    fig = h2fig.electrolyser_by_status(projects, "de")
    data = chart_data(fig)
    active = projects[projects["electrolyser_mw"].notna()]
    assert data.value_title == "Elektrolyseleistung (MW)" or "MW" in data.value_title
    assert data.rows["value"].sum() == pytest.approx(active["electrolyser_mw"].sum())
    assert set(data.rows["category"]) == set(fig.data[0].x)


@pytest.mark.parametrize("page", ["overview", "growth", "mix", "hydrogen", "pipeline"])
def test_every_chart_has_its_data_table(app_env: Path, page: str) -> None:
    at = run_page(page)
    charts = len(at.get("plotly_chart"))
    expanders = [e for e in at.expander if e.label == "Daten zur Grafik"]
    assert charts > 0 and len(expanders) == charts
    assert all(len(e.dataframe) == 1 for e in expanders)  # each holds its table


def test_data_quality_explains_missing_coordinates_in_german(app_env: Path, demo_db: Path) -> None:
    con = duckdb.connect(str(demo_db), read_only=True)
    small = con.execute(
        "SELECT count(*) FROM core_mastr__units WHERE latitude IS NULL "
        "AND coalesce(net_capacity_kw, gross_capacity_kw) < 30"
    ).fetchone()[0]
    con.close()
    at = run_page("data_quality")
    metric = next(m for m in at.metric if m.label == "Ohne Koordinaten")
    assert metric.delta == f"davon {small:,} normal (unter 30 kW)".replace(",", ".")
    info = " ".join(i.value for i in at.info)
    assert "das ist normal" in info and "unter 30 kW Nettonennleistung" in info
    assert "`Breitengrad`" in info  # the source's field name
    reasons = next(d.value for d in at.dataframe if "Grund" in d.value.columns)
    text = " ".join(reasons["Grund"].astype(str))
    assert "pv_building" not in text and "gross_capacity_kw" not in text
    assert "Leistung unplausibel für eine Einheit PV auf Gebäuden" in text
    assert "abweichende Felder: Bruttoleistung" in text
    assert "Feld in der Quelle" in reasons.columns
    links = [(p.proto.label, p.proto.page) for p in at.get("page_link")]
    assert ("Für die Koordinierungsstelle: Listen hochladen", "hochladen") in [
        (label, page.rsplit("/", 1)[-1]) for label, page in links
    ]


# --------------------------------------------------------------------------- #
# The upload page in the navigation
# --------------------------------------------------------------------------- #
@pytest.fixture
def nav_spy(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The visibility of each page the app hands to ``st.navigation`` (url path → visibility)."""
    seen: dict[str, str] = {}
    real = st.navigation

    def spy(pages, **kwargs):
        seen.clear()
        seen.update({p.url_path: p._visibility for p in pages})
        return real(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", spy)
    return seen


def test_demo_build_shows_upload_in_navigation(app_env: Path, nav_spy: dict[str, str]) -> None:
    run_page("overview")
    assert nav_spy["hochladen"] == "visible"  # demo: uploads need no secret
    assert nav_spy["karte"] == "visible"


def test_real_build_hides_upload_until_the_secret_is_entered(
    app_env: Path, demo_settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    nav_spy: dict[str, str],
) -> None:  # fmt: skip
    processed = tmp_path / "processed"
    shutil.copytree(demo_settings.processed_dir, processed)
    db = duckdb.connect(str(next(processed.glob("energy-*.duckdb"))))
    db.execute("UPDATE meta_build SET value = 'False' WHERE key = 'is_demo'")
    db.close()
    monkeypatch.setenv("EZ_PROCESSED_DIR", str(processed))
    # no secret configured: uploading is off, the page is not in the navigation
    at = run_page("overview")
    assert nav_spy["hochladen"] == "hidden"
    # the URL still works and says why uploading is off
    at = run_page("upload")
    assert any(SECRET_ENV in w.value for w in at.warning)
    # secret configured: hidden until this session has entered it
    monkeypatch.setenv(SECRET_ENV, "richtig")
    monkeypatch.setattr(upload_secret.THROTTLE, "_clock", lambda: 5000.0)
    at = run_page("upload")
    assert nav_spy["hochladen"] == "hidden"
    at.text_input(key="w_upl_secret").input("richtig").run()
    assert len(at.get("file_uploader")) == 1
    assert nav_spy["hochladen"] == "visible"


def test_accessibility_statement_is_linked_from_the_footer(app_env: Path) -> None:
    at = run_page("overview")
    links = [p.proto.label for p in at.get("page_link")]
    assert "Erklärung zur Barrierefreiheit" in links
    at = run_page("accessibility")
    assert at.title[0].value == "Erklärung zur Barrierefreiheit"
    text = " ".join(m.value for m in at.markdown)
    assert "teilweise barrierefrei" in text and "Platzhalter" in text
    assert "nicht mit Screenreadern" in text
    assert any("03.12.2026" in c.value for c in at.caption)
    en = run_page("accessibility", lang="en")
    assert en.title[0].value == "Accessibility statement"
    assert "placeholder" in " ".join(m.value for m in en.markdown)


def test_accessibility_statement_without_a_database(tmp_path: Path, app_env: Path) -> None:
    os.environ["EZ_PROCESSED_DIR"] = str(tmp_path / "empty")
    try:
        at = run_page("accessibility")
        assert at.title[0].value == "Erklärung zur Barrierefreiheit"
    finally:
        os.environ["EZ_PROCESSED_DIR"] = str(app_env)
