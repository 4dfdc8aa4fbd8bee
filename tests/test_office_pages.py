"""AppTest of the office pages on the demo build: figures match SQL, filters, language, upload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis import format as fmt
from etl.office import upload_secret
from etl.office.upload import SECRET_ENV
from tests.apptest import app_environment, run_page

PAGES = {
    "pipeline": ("Wind-Pipeline", "Wind pipeline"),
    "hydrogen": ("Wasserstoff", "Hydrogen"),
    "area_target": ("Flächenziel Wind", "Wind area target"),
    "upload": ("Listen hochladen", "Upload lists"),
}


@pytest.fixture(scope="module")
def app_env(demo_settings) -> Iterator[Path]:
    with app_environment(demo_settings.processed_dir, demo_settings.raw_dir, unset=(SECRET_ENV,)):
        yield demo_settings.processed_dir


@pytest.fixture(scope="module")
def sql(app_env, demo_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(demo_db), read_only=True)
    yield con
    con.close()


def one(con, query: str, params: list | None = None) -> float:
    value = con.execute(query, params or []).fetchall()[0][0]
    return 0.0 if value is None else value


#: Label of the one pipeline figure (gross).
PIPELINE = "Wind-Pipeline: genehmigt + beantragt (brutto)"


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_office_pages_render_in_both_languages(app_env, page: str, lang: str) -> None:
    at = run_page(page, lang=lang)
    assert at.title[0].value == PAGES[page][0 if lang == "de" else 1]
    assert any("Demo-Daten" in w.value for w in at.warning)
    assert "dl-de/by-2-0" in at.caption[-1].value


def test_pipeline_figures_match_sql(sql) -> None:
    at = run_page("pipeline")
    m = metrics(at)
    total = one(sql, "SELECT sum(counted_mw) FROM out_wind_pipeline")
    assert m[PIPELINE][0] == fmt.with_unit(total, "MW", 0, "de")
    assert m[PIPELINE][0] == "3.950\u00a0MW"
    installed = one(
        sql,
        "SELECT sum(gross_capacity_kw) / 1000 FROM core_mastr__units "
        "WHERE carrier = 'wind_onshore' AND status = 'operating'",
    )
    assert m["Wind installiert (MaStR)"][0] == fmt.with_unit(installed, "MW", 0, "de")
    planned = one(
        sql,
        "SELECT sum(gross_capacity_kw) / 1000 FROM core_mastr__units "
        "WHERE carrier = 'wind_onshore' AND status = 'planned'",
    )
    # planned units whose project the list marks withdrawn or rejected are left out
    closed = one(
        sql,
        "SELECT coalesce(sum(u.gross_capacity_kw), 0) / 1000 FROM core_mastr__units u "
        "JOIN out_permit_mastr_matches m USING (unit_id_mastr) "
        "JOIN core_office__wind_permits w USING (procedure_id) "
        "WHERE u.status = 'planned' AND w.status IN ('withdrawn', 'rejected')",
    )
    planned -= closed
    rules = next(c.value for c in at.caption if c.value.startswith("Davon im MaStR"))
    assert rules.startswith(
        f"Davon im MaStR in Planung {fmt.number(planned, 0, 'de')} MW, nur aus der Liste "
        f"{fmt.number(total - planned, 0, 'de')} MW."
    )
    assert f"„in Planung“ (nicht gezählt): {fmt.number(closed, 1, 'de')} MW" in rules
    replaced = one(sql, "SELECT sum(replaced_mw) FROM out_wind_pipeline")
    assert m["Pipeline netto (nach Rückbau)"][0] == fmt.with_unit(total - replaced, "MW", 0, "de")
    # the disagreements table lists every finding
    findings = one(sql, "SELECT count(*) FROM out_permit_reconciliation")
    table = next(d.value for d in at.dataframe if "Befund" in d.value.columns)
    assert len(table) == findings
    # the installed-vs-pipeline chart carries both totals
    spec = at.get("plotly_chart")[0].proto.spec
    assert "3.950" in spec and "860" in spec


def test_pipeline_follows_the_municipality_filter(sql) -> None:
    key = sql.execute(
        "SELECT municipality_key FROM out_wind_pipeline GROUP BY ALL "
        "ORDER BY sum(counted_mw) DESC LIMIT 1"
    ).fetchall()[0][0]
    at = run_page("pipeline", municipality=key)
    local = one(
        sql, "SELECT sum(counted_mw) FROM out_wind_pipeline WHERE municipality_key = ?", [key]
    )
    assert metrics(at)[PIPELINE][0] == fmt.with_unit(local, "MW", 0, "de")
    assert local < 3950


def test_hydrogen_figures_match_sql(sql) -> None:
    at = run_page("hydrogen")
    m = metrics(at)
    n = one(sql, "SELECT count(*) FROM core_office__hydrogen_projects WHERE status <> 'cancelled'")
    assert m["Projekte (aktiv)"][0] == str(n)
    # one figure per stage, never a total that adds an idea to a plant under construction
    for label, statuses in {
        "Elektrolyse in Betrieb": "'operating'",
        "beschlossen oder im Bau": "'investment_decision', 'construction'",
        "Idee bis Planung": "'idea', 'feasibility', 'planning'",
    }.items():
        k, mw, tons = sql.execute(
            "SELECT count(*), coalesce(sum(electrolyser_mw), 0), "
            "coalesce(sum(hydrogen_output_t_per_year), 0) FROM core_office__hydrogen_projects "
            f"WHERE status IN ({statuses})"
        ).fetchall()[0]
        assert m[label] == (
            fmt.with_unit(mw, "MW", 0, "de"),
            f"{fmt.number(tons, 0, 'de')} t/a · {k} Projekt(e)",
        )
    assert not any("aktiv" in label and "Projekte" not in label for label in m)

    # changing the radius changes the nearby capacity table
    def nearby_table() -> pd.DataFrame:
        return next(d.value for d in at.dataframe if "Wind im Umkreis (MW)" in d.value.columns)

    table_20 = nearby_table().copy()
    at.select_slider(key="w_h2_radius").set_value(50).run()
    assert not at.exception
    assert not nearby_table().equals(table_20)


def test_area_target_figures_match_sql(sql) -> None:
    at = run_page("area_target")
    m = metrics(at)
    designated, draft, land = sql.execute(
        "SELECT sum(designated_km2), sum(draft_km2), sum(municipality_area_km2) "
        "FROM out_wind_area_by_municipality"
    ).fetchall()[0]
    share = designated / land
    # only the designated share is measured, against both targets; a shortfall is red
    for year, target in ((2027, 0.014), (2032, 0.021)):
        metric = next(x for x in at.metric if x.label == f"Ausgewiesen · Ziel {year}")
        assert metric.value == fmt.percent(share, 2, "de")
        diff = fmt.number((share - target) * 100, 2, "de")
        assert metric.delta == f"{diff} %-Punkte ggü. {fmt.number(target * 100, 1, 'de')} %"
        assert metric.proto.color == (
            metric.proto.MetricColor.RED if share < target else metric.proto.MetricColor.GREEN
        )
    # drafts are potential, shown on their own and not added to the designated share
    assert m["Entwürfe (Potenzial)"] == (
        fmt.percent(draft / land, 2, "de"),
        f"zählen noch nicht · {fmt.number(draft, 1, 'de')} km²",
    )
    assert any("Planungsregion Westmecklenburg" in c.value for c in at.caption)
    inside, total = sql.execute(
        "SELECT sum(gross_capacity_kw) FILTER (location IN ('designated', 'draft')), "
        "sum(gross_capacity_kw) FROM out_wind_units_in_areas WHERE status = 'operating'"
    ).fetchall()[0]
    assert m["Windleistung in Gebieten"][0] == fmt.percent(inside / total, 0, "de")


def test_area_target_without_a_list_shows_an_empty_state(app_env, demo_settings, tmp_path,
                                                          monkeypatch) -> None:  # fmt: skip
    """No wind areas loaded: no share, no target delta, only what is missing and the unit."""
    import shutil

    processed = tmp_path / "processed"
    shutil.copytree(demo_settings.processed_dir, processed)
    db = duckdb.connect(str(next(processed.glob("energy-*.duckdb"))))
    db.execute("DELETE FROM meta_load_runs WHERE source = 'office_wind_areas'")
    db.close()
    monkeypatch.setenv("EZ_PROCESSED_DIR", str(processed))
    at = run_page("area_target")
    assert not at.exception
    assert any("Keine Windgebiete geladen" in i.value for i in at.info)
    assert len(at.metric) == 0  # neither "0,00 %" nor a delta against the target
    assert any("Planungsregion Westmecklenburg" in c.value for c in at.caption)


def test_upload_modes_for_real_data(app_env, demo_settings, tmp_path, monkeypatch) -> None:
    """A real-data build: upload off without a secret; with one, only the right secret opens it."""
    import shutil

    processed = tmp_path / "processed"
    shutil.copytree(demo_settings.processed_dir, processed)
    db = duckdb.connect(str(next(processed.glob("energy-*.duckdb"))))
    db.execute("UPDATE meta_build SET value = 'False' WHERE key = 'is_demo'")
    db.close()
    monkeypatch.setenv("EZ_PROCESSED_DIR", str(processed))
    at = run_page("upload")
    assert any(SECRET_ENV in w.value for w in at.warning)
    assert len(at.get("file_uploader")) == 0
    monkeypatch.setenv(SECRET_ENV, "richtig")
    now = [1000.0]
    monkeypatch.setattr(upload_secret.THROTTLE, "_clock", lambda: now[0])
    at = run_page("upload")
    assert len(at.get("file_uploader")) == 0
    shown = [e.value for kind in ("info", "warning", "markdown", "caption") for e in at.get(kind)]
    assert not [t for t in shown if str(demo_settings.raw_dir) in t or str(tmp_path) in t]
    at.text_input(key="w_upl_secret").input("falsch").run()
    assert any("stimmt nicht" in e.value and "in 1 s" in e.value for e in at.error)
    # the right secret, but too early: not even compared
    at.text_input(key="w_upl_secret").input("richtig").run()
    assert any("nicht geprüft" in e.value for e in at.error)
    assert len(at.get("file_uploader")) == 0
    now[0] += 1.5  # the wait is over: the entered secret is compared on the next run
    at.run()
    assert len(at.get("file_uploader")) == 1
    shown = [e.value for e in at.info]
    assert shown and not [t for t in shown if str(demo_settings.raw_dir) in t]
