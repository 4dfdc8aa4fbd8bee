"""AppTest of every dashboard page on the demo database.

Headline figures are compared with values computed here, independently, with
SQL on the same database file; filters and the language switch are exercised.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from analysis import format as fmt
from analysis.estimates import DEFAULT_FULL_LOAD_HOURS
from tests.apptest import APP, app_environment, run_page

PAGES = {
    "overview": "Übersicht",
    "growth": "Ausbau",
    "map": "Karte",
    "mix": "Energiemix",
    "municipality": "Gemeinden",
    "data_quality": "Daten & Qualität",
}

#: Independent definition of "renewable": everything except storage and other.
RENEWABLE = "carrier NOT IN ('storage', 'other')"
OPERATING_RE = f"status = 'operating' AND {RENEWABLE}"


@pytest.fixture(scope="module")
def app_env(demo_db: Path) -> Iterator[Path]:
    """Point the app at the demo build, offline map tiles."""
    with app_environment(demo_db.parent):
        yield demo_db


@pytest.fixture(scope="module")
def sql(app_env: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Independent read-only connection to the same database."""
    con = duckdb.connect(str(app_env), read_only=True)
    yield con
    con.close()


def one(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None) -> float:
    value = con.execute(query, params or []).fetchone()[0]
    return 0.0 if value is None else value


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def footer(at: AppTest) -> str:
    return at.caption[-1].value


def muni_with_wind(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute(
        "SELECT municipality_key FROM core_mastr__units WHERE carrier = 'wind_onshore' "
        "AND status = 'operating' GROUP BY ALL ORDER BY sum(gross_capacity_kw) DESC LIMIT 1"
    ).fetchone()[0]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_with_banner_date_and_attribution(
    page: str, sql: duckdb.DuckDBPyConnection
) -> None:
    at = run_page(page)
    assert at.title[0].value == PAGES[page]
    banner = next((w.value for w in at.warning if "Demo-Daten" in w.value), "")
    assert banner, "demo banner missing"
    # Worded for the public: what is real, what is invented, no instructions for admins.
    assert "Echt sind die Gemeindegrenzen" in banner and "Erfunden sind" in banner
    assert "data/raw" not in banner
    data_date = date.fromisoformat(
        sql.execute("SELECT value FROM meta_build WHERE key = 'data_date'").fetchone()[0]
    )
    text = footer(at)
    assert f"Datenstand: {data_date:%d.%m.%Y}" in text
    assert "Datenquelle: Marktstammdatenregister, © Bundesnetzagentur, dl-de/by-2-0" in text
    assert "Gemeindegrenzen: © GeoBasis-DE / BKG 2021 (Daten verändert)" in text
    assert "Destatis" in text and "Einzelanlagen, Planungen und Listen erfunden" in text
    assert "Demo-Geometrie" not in text, "the demo shows the real boundaries"


def test_overview_headline_figures_match_sql(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("overview")
    m = metrics(at)
    installed = one(
        sql, f"SELECT sum(gross_capacity_kw) FROM core_mastr__units WHERE {OPERATING_RE}"
    )
    units = one(sql, f"SELECT count(*) FROM core_mastr__units WHERE {OPERATING_RE}")
    assert m["Installierte Leistung (erneuerbar)"][0] == fmt.mw(installed, 1, "de")
    assert m["Anlagen in Betrieb (erneuerbar)"][0] == fmt.integer(units, "de")
    kw, kwh, n = sql.execute(
        "SELECT sum(gross_capacity_kw), sum(storage_energy_kwh), count(*) FROM core_mastr__units "
        "WHERE status = 'operating' AND carrier = 'storage'"
    ).fetchone()
    assert m["Stromspeicher in Betrieb"] == (
        fmt.mw(kw, 1, "de"),
        f"{fmt.mwh(kwh / 1000, 1, 'de')} · {fmt.integer(n, 'de')} Anlagen",
    )
    wind = (
        "SELECT sum(gross_capacity_kw), count(*) FROM core_mastr__units "
        "WHERE carrier = 'wind_onshore' AND status = ?"
    )
    kw, n = sql.execute(wind, ["operating"]).fetchone()
    assert m["Wind in Betrieb"] == (fmt.mw(kw, 1, "de"), f"{fmt.integer(n, 'de')} Anlagen")
    kw, n = sql.execute(wind, ["planned"]).fetchone()
    assert m["Wind: im MaStR geplant"] == (fmt.mw(kw, 1, "de"), f"{fmt.integer(n, 'de')} Anlagen")
    assert "Wind in Planung" not in m
    # the office's pipeline: the same figure as on the Wind-Pipeline page
    page = metrics(run_page("pipeline"))["Wind-Pipeline: genehmigt + beantragt (brutto)"]
    assert m["Wind-Pipeline: genehmigt + beantragt"][0] == page[0]
    data_date = sql.execute("SELECT value FROM meta_build WHERE key = 'data_date'").fetchone()[0]
    year = int(data_date[:4])
    day = f"{data_date[8:10]}.{data_date[5:7]}.{year}"
    for y, label in ((year, f"Zubau {year} (bis {day})"), (year - 1, f"Zubau {year - 1}")):
        kw, n = sql.execute(
            "SELECT sum(gross_capacity_kw), count(*) FROM core_mastr__units "
            f"WHERE status <> 'planned' AND year(commissioning_date) = ? AND {RENEWABLE}",
            [y],
        ).fetchone()
        assert m[label] == (fmt.mw(kw or 0, 1, "de"), f"{fmt.integer(n, 'de')} Anlagen")
    hours = " ".join(f"WHEN '{c}' THEN {h}" for c, h in DEFAULT_FULL_LOAD_HOURS.items())
    gen_mwh = one(
        sql,
        f"SELECT sum(gross_capacity_kw * CASE carrier {hours} END) / 1000 "
        "FROM core_mastr__units WHERE status = 'operating'",
    )
    assert m["Geschätzte Erzeugung pro Jahr"][0] == fmt.mwh(gen_mwh, 0, "de")
    pop = one(sql, "SELECT sum(population) FROM core_bkg__municipalities")
    cov = m["Bilanzieller Deckungsgrad (Schätzung)"][0]
    assert cov == fmt.percent(gen_mwh / (pop * 4.3), 1, "de")  # 4.3 MWh: M-V default


def test_overview_filters_change_the_figures(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("overview")
    at.multiselect(key="w_carrier").set_value(["wind_onshore"]).run()
    wind = one(
        sql,
        "SELECT sum(gross_capacity_kw) FROM core_mastr__units "
        "WHERE status = 'operating' AND carrier = 'wind_onshore'",
    )
    assert metrics(at)["Installierte Leistung (erneuerbar)"][0] == fmt.mw(wind, 1, "de")
    assert at.query_params["carrier"] == "wind_onshore"
    key = muni_with_wind(sql)
    at.multiselect(key="w_carrier").set_value([]).run()
    at.selectbox(key="w_municipality").set_value(key).run()
    local = one(
        sql,
        "SELECT sum(gross_capacity_kw) FROM core_mastr__units "
        f"WHERE {OPERATING_RE} AND municipality_key = ?",
        [key],
    )
    assert metrics(at)["Installierte Leistung (erneuerbar)"][0] == fmt.mw(local, 1, "de")
    assert at.query_params["gemeinde"] == key
    # the selection survives a page change
    at.switch_page("dashboard/pages/mix.py").run()
    assert at.selectbox(key="w_municipality").value == key


def test_assumptions_are_adjustable(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("overview")
    before = metrics(at)["Geschätzte Erzeugung pro Jahr"][0]
    at.number_input(key="w_flh_wind_onshore").set_value(2500.0).run()
    wind = one(
        sql,
        "SELECT sum(gross_capacity_kw) FROM core_mastr__units "
        "WHERE status = 'operating' AND carrier = 'wind_onshore'",
    )
    hours = dict(DEFAULT_FULL_LOAD_HOURS, wind_onshore=2500.0)
    case = " ".join(f"WHEN '{c}' THEN {h}" for c, h in hours.items())
    gen = one(
        sql,
        f"SELECT sum(gross_capacity_kw * CASE carrier {case} END) / 1000 "
        "FROM core_mastr__units WHERE status = 'operating'",
    )
    after = metrics(at)["Geschätzte Erzeugung pro Jahr"][0]
    assert after != before and after == fmt.mwh(gen, 0, "de")
    assert wind > 0


def test_language_switch(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("overview")
    at.radio(key="w_lang").set_value("en").run()
    assert at.title[0].value == "Overview"
    installed = one(
        sql, f"SELECT sum(gross_capacity_kw) FROM core_mastr__units WHERE {OPERATING_RE}"
    )
    assert metrics(at)["Installed capacity (renewable)"][0] == fmt.mw(installed, 1, "en")
    assert "Balance-sheet coverage (estimate)" in metrics(at)
    assert "Wind: planned in the MaStR" in metrics(at)
    assert "Data source: Marktstammdatenregister" in footer(at)
    assert at.query_params["lang"] == "en"
    at.switch_page("dashboard/pages/data_quality.py").run()
    assert at.title[0].value == "Data & quality"
    # and from a shared link
    assert run_page("growth", lang="en").title[0].value == "Capacity growth"


def _spec(at: AppTest, i: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def arr(value: object) -> list:
    """A plotly array from figure JSON (plain list or base64 typed array)."""
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return data.tolist()
    return list(value)  # type: ignore[arg-type]


def test_growth_reaches_todays_capacity(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("growth")
    spec = _spec(at)
    stacked = [tr for tr in spec["data"] if tr.get("stackgroup") == "installed"]
    last_total_mw = sum(arr(tr["y"])[-1] for tr in stacked)
    ref = sql.execute("SELECT value FROM meta_build WHERE key = 'data_date'").fetchone()[0]
    expected = one(
        sql,
        """
        SELECT sum(gross_capacity_kw) FROM core_mastr__units
        WHERE status <> 'planned' AND commissioning_date <= ?::DATE
          AND carrier NOT IN ('storage', 'other')
          AND coalesce(decommissioning_date,
                       CASE WHEN status = 'permanently_shut_down'
                            THEN CAST(last_update AS DATE) END, DATE '9999-12-31')
              >= date_trunc('year', ?::DATE) + INTERVAL 1 YEAR
          AND NOT (status = 'permanently_shut_down' AND decommissioning_date IS NULL
                   AND last_update IS NULL)
        """,
        [ref, ref],
    )
    assert last_total_mw == pytest.approx(expected / 1000, rel=1e-9)
    assert spec["layout"]["yaxis"]["title"]["text"] == "Leistung (MW)"
    at.multiselect(key="w_carrier").set_value(["pv_ground"]).run()
    names = {tr["name"] for tr in _spec(at)["data"] if tr.get("stackgroup") == "installed"}
    assert names == {"PV-Freifläche"}
    at.segmented_control(key="w_growth_freq").set_value("month").run()
    assert not at.exception
    assert _spec(at)["layout"]["xaxis"]["title"]["text"] == "Monat"


def _unit_traces(spec: dict) -> list[dict]:
    return [
        tr
        for tr in spec["data"]
        if tr["type"] == "scattermap" and tr.get("hovertemplate", "").count("kW") == 1
    ]


def test_map_points_and_choropleth_match_sql(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("map")
    spec = _spec(at)
    layout_map = spec["layout"]["map"]
    assert layout_map["style"] == "white-bg"
    assert "center" in layout_map and layout_map["zoom"] > 5
    # default view: coloured municipalities only, no unit dots burying the colours
    assert _unit_traces(spec) == []
    chor = next(tr for tr in spec["data"] if tr["type"] == "choroplethmap")
    operating_mw = (
        one(
            sql,
            "SELECT sum(gross_capacity_kw) FROM core_mastr__units "
            f"WHERE {OPERATING_RE} AND municipality_key IN "
            "(SELECT municipality_key FROM core_bkg__municipalities)",
        )
        / 1000
    )
    assert sum(arr(chor["z"])) == pytest.approx(operating_mw)
    at.segmented_control(key="w_map_layer").set_value("units").run()
    spec = _spec(at)
    with_coords = one(sql, "SELECT count(*) FROM core_mastr__units WHERE latitude IS NOT NULL")
    assert sum(len(arr(tr["lat"])) for tr in _unit_traces(spec)) == with_coords
    assert all(tr["type"] != "choroplethmap" or "colorbar" not in tr for tr in spec["data"])
    at.multiselect(key="w_status").set_value(["planned"]).run()
    planned = one(
        sql,
        "SELECT count(*) FROM core_mastr__units WHERE latitude IS NOT NULL AND status = 'planned'",
    )
    assert sum(len(arr(tr["lat"])) for tr in _unit_traces(_spec(at))) == planned
    at.segmented_control(key="w_map_layer").set_value("areas").run()
    at.radio(key="w_map_metric").set_value("kw_km2").run()
    assert not at.exception


def test_mix_shares_for_district_and_municipality(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("mix")
    donut = _spec(at, 0)["data"][0]
    installed = one(
        sql, f"SELECT sum(gross_capacity_kw) FROM core_mastr__units WHERE {OPERATING_RE}"
    )
    assert sum(arr(donut["values"])) == pytest.approx(installed / 1000)
    key = muni_with_wind(sql)
    at.selectbox(key="w_municipality").set_value(key).run()
    local = one(
        sql,
        "SELECT sum(gross_capacity_kw) FROM core_mastr__units "
        f"WHERE {OPERATING_RE} AND municipality_key = ?",
        [key],
    )
    assert sum(arr(_spec(at, 0)["data"][0]["values"])) == pytest.approx(local / 1000)


def test_municipality_profile_from_link(sql: duckdb.DuckDBPyConnection) -> None:
    key = muni_with_wind(sql)
    name = sql.execute(
        "SELECT municipality_name FROM core_bkg__municipalities WHERE municipality_key = ?", [key]
    ).fetchone()[0]
    at = run_page("municipality", municipality=key)
    assert at.header[0].value == name
    m = metrics(at)
    local = one(
        sql,
        "SELECT sum(gross_capacity_kw) FROM core_mastr__units "
        f"WHERE {OPERATING_RE} AND municipality_key = ?",
        [key],
    )
    assert m["In Betrieb (erneuerbar)"][0] == fmt.mw(local, 1, "de")
    pv = one(
        sql,
        "SELECT sum(gross_capacity_kw) FROM core_mastr__units WHERE "
        "carrier = 'pv_ground' AND status = 'operating' AND municipality_key = ?",
        [key],
    )
    assert m["PV-Freifläche"][0] == fmt.euro(pv * 950 * 0.002, "de")
    wind_share = one(
        sql,
        "SELECT sum(share * gross_capacity_kw) FROM out_eeg_wind_shares "
        "WHERE municipality_key = ? AND status = 'operating'",
        [key],
    )
    assert wind_share > 0
    assert m["Wind (Flächenanteil)"][0] == fmt.euro(wind_share * 2000 * 0.002, "de")
    assert any("0,2 ct" in c.value and "2.500 m" in c.value for c in at.caption)
    assert any(f"gemeinde={key}" in c.value for c in at.code)  # shareable link, copyable
    # rank among the district's municipalities, per km²
    ranks = sql.execute(
        """
        WITH k AS (SELECT m.municipality_key, coalesce(sum(u.gross_capacity_kw), 0)
                          / m.area_km2 AS d
                   FROM core_bkg__municipalities m LEFT JOIN core_mastr__units u
                   ON u.municipality_key = m.municipality_key AND u.status = 'operating'
                   AND u.carrier NOT IN ('storage', 'other')
                   GROUP BY m.municipality_key, m.area_km2)
        SELECT (SELECT count(*) FROM k WHERE d > k0.d) + 1, (SELECT count(*) FROM k)
        FROM k k0 WHERE municipality_key = ?
        """,
        [key],
    ).fetchone()
    value, delta = m["Rang: Leistung je km²"]
    assert value == f"Platz {ranks[0]}"
    assert delta.startswith(f"von {ranks[1]} · ")


def test_municipality_picked_in_the_ui(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("municipality")
    assert not at.header  # nothing picked yet: a prompt and the ranking
    key, name = sql.execute(
        "SELECT municipality_key, municipality_name FROM "
        "core_bkg__municipalities ORDER BY 1 LIMIT 1"
    ).fetchone()
    at.selectbox(key="w_municipality").set_value(key).run()
    assert at.header[0].value == name
    assert at.query_params["gemeinde"] == key


def test_data_quality_counts_and_downloads(sql: duckdb.DuckDBPyConnection) -> None:
    at = run_page("data_quality")
    m = metrics(at)
    assert m["Art der Daten"][0] == "Demo-Daten"
    assert m["Anlagen gesamt"][0] == fmt.integer(
        one(sql, "SELECT count(*) FROM core_mastr__units"), "de"
    )
    for label, action in (
        ("Abgelehnte Zeilen", "row_rejected"),
        ("Markierte Werte", "flagged"),
        ("Geleerte Felder", "field_cleared"),
    ):
        n = one(sql, "SELECT count(*) FROM meta_rejected_rows WHERE action = ?", [action])
        assert m[label][0] == fmt.integer(n, "de")
    no_coords = one(sql, "SELECT count(*) FROM core_mastr__units WHERE latitude IS NULL")
    assert m["Ohne Koordinaten"][0] == fmt.integer(no_coords, "de")
    at.multiselect(key="w_status").set_value(["planned"]).run()
    planned = one(sql, "SELECT count(*) FROM core_mastr__units WHERE status = 'planned'")
    assert any(
        c.value.startswith(f"{fmt.integer(planned, 'de')} Anlagen mit den aktuellen")
        for c in at.caption
    )
    labels = [d.proto.label for d in at.get("download_button")]
    assert [x for x in labels if x != "Tabelle als CSV"] == [
        "CSV herunterladen",
        "XLSX herunterladen",
    ]


def test_no_database_shows_the_command(tmp_path: Path, app_env: Path) -> None:
    os.environ["EZ_PROCESSED_DIR"] = str(tmp_path / "empty")
    try:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        assert not at.exception
        assert any("noch keine Datenbank" in w.value for w in at.warning)
        assert "energiezukunft etl" in at.code[0].value
        assert "Datenquelle: Marktstammdatenregister" in footer(at)
    finally:
        os.environ["EZ_PROCESSED_DIR"] = str(app_env.parent)


def test_a_new_build_appears_without_restart(tmp_path: Path, app_env: Path) -> None:
    """The pointer is resolved on every rerun; caches are keyed on the build's file name."""
    from test_queries import make_tiny_db

    from etl.publish import publish

    processed = tmp_path / "processed"
    processed.mkdir()
    tiny = make_tiny_db(processed / "energy-20261121T000000000000Z.duckdb")
    publish(processed, tiny)
    os.environ["EZ_PROCESSED_DIR"] = str(processed)
    try:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        # the tiny database's 5 kW battery is not in the renewable total
        assert metrics(at)["Installierte Leistung (erneuerbar)"][0] == fmt.mw(17510, 1, "de")
        newer = processed / "energy-20261122T000000000000Z.duckdb"
        newer.write_bytes(app_env.read_bytes())
        publish(processed, newer)
        at.run()
        con = duckdb.connect(str(newer), read_only=True)
        installed = one(
            con, f"SELECT sum(gross_capacity_kw) FROM core_mastr__units WHERE {OPERATING_RE}"
        )
        con.close()
        assert metrics(at)["Installierte Leistung (erneuerbar)"][0] == fmt.mw(installed, 1, "de")
    finally:
        os.environ["EZ_PROCESSED_DIR"] = str(app_env.parent)


def test_map_image_carries_the_demo_label() -> None:
    """A screenshot or PNG of the map travels without the page's banner: the map says it."""
    for lang, needle in (("de", "Einzelanlagen, Planungen und Listen erfunden"),
                         ("en", "units, plans and lists invented")):  # fmt: skip
        spec = _spec(run_page("map", lang=lang))
        texts = [a.get("text", "") for a in spec["layout"].get("annotations", [])]
        assert any("Demo-Daten" in x and needle in x for x in texts), texts
