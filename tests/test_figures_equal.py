"""One figure, one value: every municipality of the demo build shows the same numbers
in the ranking list, the profile, the map, the briefing (PDF) and the CSV export, and
the district is the sum of its municipalities.

The number of municipalities is read from the build (no count is assumed here).
Ranks are checked against ranks computed here with plain SQL.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analysis import export, figures, headline, queries, tables
from analysis import format as fmt
from analysis.estimates import DEFAULT_ASSUMPTIONS
from analysis.filters import Filters
from reports import headlines as pdf_headlines
from reports.model import Briefing

RENEWABLE = "carrier NOT IN ('storage', 'other')"


@pytest.fixture(scope="module")
def db(demo_db: Path) -> str:
    return str(demo_db)


@pytest.fixture(scope="module")
def figs(db: str) -> pd.DataFrame:
    return headline.municipality_figures(db)


@pytest.fixture(scope="module")
def sql_ranks(demo_db: Path) -> pd.DataFrame:
    """kW (renewable, in operation) per municipality and ranks per km², by plain SQL."""
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        return (
            con.execute(
                f"""
            WITH k AS (
                SELECT m.municipality_key, m.area_km2,
                       coalesce(sum(u.gross_capacity_kw), 0) AS kw, count(u.unit_id_mastr) AS n
                FROM core_bkg__municipalities m LEFT JOIN core_mastr__units u
                  ON u.municipality_key = m.municipality_key AND u.status = 'operating'
                 AND u.{RENEWABLE}
                GROUP BY ALL
            )
            SELECT k0.municipality_key, k0.kw, k0.n,
                   CASE WHEN k0.kw > 0 THEN
                       (SELECT count(*) FROM k WHERE k.kw > 0
                          AND k.kw / k.area_km2 > k0.kw / k0.area_km2) + 1 END AS lo,
                   CASE WHEN k0.kw > 0 THEN
                       (SELECT count(*) FROM k WHERE k.kw > 0
                          AND k.kw / k.area_km2 >= k0.kw / k0.area_km2) END AS hi
            FROM k k0
            """
            )
            .df()
            .set_index("municipality_key")
        )
    finally:
        con.close()


def _briefing(db: str, key: str | None) -> Briefing:
    return Briefing(
        lang="de", kind="municipality" if key else "district", region_key=key or "13076",
        region_name="", title="", subtitle="", data_date=queries.data_date(db), build_id="",
        database_file=db, is_demo=True, generated_at=datetime.now(UTC), demo_label="",
        footer="", attribution="",
    )  # fmt: skip


def test_every_municipality_of_the_build_is_listed(db: str, figs: pd.DataFrame) -> None:
    n = len(queries.municipalities(db))
    assert n > 0 and len(figs) == n
    assert set(figs["n_municipalities"]) == {n}
    assert figs["municipality_key"].is_unique


def test_figures_and_ranks_match_plain_sql(figs: pd.DataFrame, sql_ranks: pd.DataFrame) -> None:
    m = figs.set_index("municipality_key")
    assert m["installed_kw"].to_numpy() == pytest.approx(
        sql_ranks.loc[m.index, "kw"].to_numpy(), abs=1e-6
    )
    assert (m["operating_units"] == sql_ranks.loc[m.index, "n"]).all()
    for key, row in m.iterrows():
        expected = sql_ranks.loc[key]
        if pd.isna(expected["lo"]):
            assert pd.isna(row["rank_km2"]), key
        else:
            assert (row["rank_km2"], row["rank_km2_to"]) == (expected["lo"], expected["hi"]), key


def test_district_equals_the_sum_of_its_municipalities(db: str, figs: pd.DataFrame) -> None:
    h = headline.headlines(db, Filters())
    rest = headline.unassigned(db)
    assert h.installed_kw == pytest.approx(figs["installed_kw"].sum() + rest.installed_kw)
    assert h.operating_units == figs["operating_units"].sum() + rest.operating_units
    assert h.storage_kw == pytest.approx(figs["storage_kw"].sum())
    # what is left over is named, and it is small
    assert rest.installed_kw < 0.001 * h.installed_kw
    assert all(key.startswith("13076") for key in rest.keys)


def test_list_profile_map_pdf_and_csv_agree_for_every_municipality(
    db: str, figs: pd.DataFrame
) -> None:
    m = figs.set_index("municipality_key")
    # ranking list (Gemeinden page without a selection)
    listed = tables.ranking_table(figs)
    rank_shown = tables.rank_labels(figs, "de")
    assert listed["municipality_name"].is_unique
    listed = listed.set_index("municipality_name")
    # map: choropleth values of each metric, and the hover data of the map figure
    munis = queries.municipalities(db)
    cap = queries.municipality_capacity(db, Filters())
    maps = {
        metric: figures.choropleth_values(munis, cap, metric).set_index("municipality_key")
        for metric in ("mw", "kw_km2", "kw_inh")
    }
    fig = figures.map_figure(
        points=queries.map_points(db, Filters(), 1e12),
        aggregates=queries.map_aggregates(db, Filters(), 1e12),
        geojson=queries.municipality_geojson(db),
        choropleth=maps["mw"].reset_index(),
        metric_label="MW",
        bounds=queries.region_bounds(db),
        lang="de",
        style=figures.MAP_STYLE_OFFLINE,
    )
    hover: dict[str, float] = {}
    for trace in fig.data:
        if trace.type == "choroplethmap" and trace.hoverinfo != "skip":
            hover |= dict(zip(trace.locations, trace.z, strict=True))
    # CSV export
    csv = pd.read_csv(
        io.BytesIO(export.figures_csv_bytes(figs, "de", True)),
        skiprows=1,  # the source line
        sep=";",
        decimal=",",
        dtype={"Gemeindeschlüssel": str},
        encoding="utf-8-sig",
    ).set_index("Gemeindeschlüssel")

    checked = 0
    for key, row in m.iterrows():
        kw = row["installed_kw"]
        # profile and overview with the municipality selected (same function as the PDF)
        h = headline.headlines(db, Filters(municipality=key))
        assert h.installed_kw == pytest.approx(kw, abs=1e-6), key
        assert h.operating_units == row["operating_units"], key
        # list
        line = listed.loc[row["municipality_name"]]
        assert line["operating_mw"] == pytest.approx(kw / 1000, abs=1e-9), key
        listed_rank = rank_shown[None if pd.isna(line["rank_km2"]) else line["rank_km2"]]
        assert listed_rank == headline.rank_text(row, "km2", "de"), key
        # map
        assert maps["mw"].loc[key, "value"] == pytest.approx(kw / 1000, abs=1e-9), key
        assert hover[key] == pytest.approx(kw / 1000, abs=1e-9), key
        assert maps["kw_km2"].loc[key, "value"] == pytest.approx(row["kw_per_km2"]), key
        if not pd.isna(row["kw_per_inhabitant"]):
            assert maps["kw_inh"].loc[key, "value"] == pytest.approx(row["kw_per_inhabitant"])
        # CSV
        out = csv.loc[key]
        assert out["Installierte Leistung erneuerbar (kW)"] == pytest.approx(kw, abs=1e-6), key
        assert out["Anlagen in Betrieb (erneuerbar)"] == row["operating_units"], key
        assert _same_rank(out["Platz je km² (von)"], row["rank_km2"]), key
        assert _same_rank(out["Platz je km² (bis)"], row["rank_km2_to"]), key
        # briefing (PDF) text: the headline figures and the ranks
        b = _briefing(db, key)
        pdf_headlines.headlines(b, db, Filters(municipality=key), DEFAULT_ASSUMPTIONS)
        b.headlines += pdf_headlines.municipality_headlines(db, key, "de")
        shown = {x.key: x for x in b.headlines}
        assert shown["installed_kw"].value == fmt.mw(kw, 1, "de"), key
        assert shown["installed_kw"].raw == pytest.approx(kw, abs=1e-6), key
        assert shown["operating_units"].raw == row["operating_units"], key
        assert shown["rank_km2"].value == headline.rank_text(row, "km2", "de"), key
        assert shown["rank_km2"].note == headline.rank_detail(row, "km2", "de"), key
        assert shown["rank_inhabitant"].value == headline.rank_text(row, "inhabitant", "de")
        checked += 1
    assert checked == len(queries.municipalities(db))


def _same_rank(csv_value: object, rank: object) -> bool:
    if pd.isna(rank):
        return bool(pd.isna(csv_value))
    return int(csv_value) == int(rank)  # type: ignore[call-overload]


def test_a_municipality_with_nothing_installed_gets_no_rank(figs: pd.DataFrame) -> None:
    zero = figs[figs["installed_kw"] <= 0]
    assert zero["rank_km2"].isna().all() and zero["rank_inhabitant"].isna().all()
    ranked = figs[figs["rank_km2"].notna()]
    # ranks run from 1 without gaps except for ties
    assert ranked["rank_km2"].min() == 1
    assert ranked["rank_km2_to"].max() == len(ranked)
