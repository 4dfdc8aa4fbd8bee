"""The start page's search and compact map, and the municipality profile (AppTest, demo build).

Postcodes and neighbours are checked against SQL and the boundaries of the demo build
(real VG5000 geography), the search against the 142 names, and the profile's district
comparison against :func:`analysis.headline.district_average`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analysis import figures, headline, queries
from analysis import format as fmt
from analysis.queries import places
from dashboard.search import option_labels

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"
PARCHIM = "13076108"


@pytest.fixture(scope="module")
def db(demo_db: Path) -> Iterator[str]:
    """The demo build, served to the app (offline tiles)."""
    old = {k: os.environ.get(k) for k in ("EZ_PROCESSED_DIR", "EZ_MAP_TILES")}
    os.environ["EZ_PROCESSED_DIR"] = str(demo_db.parent)
    os.environ["EZ_MAP_TILES"] = "offline"
    yield str(demo_db)
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def test_postcodes_are_those_most_units_of_a_municipality_carry(db: str) -> None:
    found = queries.municipality_postcodes(db)
    con = duckdb.connect(db, read_only=True)
    try:
        for key, codes in found.items():
            for code in codes:
                n, total = con.execute(
                    "SELECT count(*) FILTER (WHERE municipality_key = ?), count(*) "
                    "FROM core_mastr__units WHERE postcode = ?",
                    [key, code],
                ).fetchone()
                assert n >= places.POSTCODE_MIN_UNITS and n / total >= places.POSTCODE_MIN_SHARE
        top = con.execute(
            "SELECT postcode FROM core_mastr__units WHERE municipality_key = ? "
            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
            [PARCHIM],
        ).fetchone()[0]
    finally:
        con.close()
    assert found[PARCHIM][0] == top


def test_neighbours_share_a_border_both_ways(db: str) -> None:
    names = queries.municipality_names(db)
    around = {k: set(queries.neighbours(db, k)) for k in names}
    assert all(around[k] for k in names)  # no municipality of the district is an island
    assert all(k in around[n] for k in names for n in around[k])  # symmetric
    parchim = {names[k] for k in around[PARCHIM]}
    assert {"Lewitzrand", "Spornitz", "Domsühl"} <= parchim
    assert "Boizenburg/Elbe" not in parchim  # far west of the district


def test_search_offers_every_municipality_with_its_postcodes(db: str) -> None:
    names = queries.municipality_names(db)
    labels = option_labels(names, queries.municipality_postcodes(db), "de")
    assert len(labels) == len(names) == 142
    code = queries.municipality_postcodes(db)[PARCHIM][0]
    assert labels[PARCHIM].startswith("Parchim · PLZ ") and code in labels[PARCHIM]


def test_district_map_has_a_legend_entry_per_class_and_every_municipality(db: str) -> None:
    ranking = headline.municipality_figures(db)
    values = ranking.assign(value=ranking["installed_kw"] / 1000)[
        ["municipality_key", "municipality_name", "value"]
    ]
    fig = figures.district_map(queries.municipality_geojson(db), values, "MW", "de")
    classes = [t for t in fig.data if t.fill == "toself"]
    assert 3 <= len(classes) <= 5 and all(t.showlegend is not False and t.name for t in classes)
    assert classes[-1].name.startswith("≥ ") and classes[0].name.startswith(
        "&lt; "
    )  # escaped for plotly, shown as "<"
    hover = next(t for t in fig.data if t.mode == "markers")
    assert sorted(c[0] for c in hover.customdata) == sorted(values["municipality_key"])
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.xaxis.fixedrange


def test_search_opens_the_profile_with_district_comparison(db: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    assert not at.exception
    search = at.selectbox(key="w_search")
    assert len(search.options) == 142 and search.value is None
    search.set_value(PARCHIM).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == "Parchim"
    assert at.query_params["gemeinde"] == PARCHIM
    assert any(f"gemeinde={PARCHIM}" in c.value for c in at.code)
    avg = headline.district_average(db)
    m = {x.label: (x.value, x.delta) for x in at.metric}
    assert m["Leistung je km²"][1] == "Landkreis: " + fmt.with_unit(
        avg.kw_per_km2, "kW/km²", 1, "de"
    )
    row = headline.municipality_row(db, PARCHIM)
    assert m["Leistung je km²"][0] == fmt.with_unit(row["kw_per_km2"], "kW/km²", 1, "de")
    assert any(
        c.value.startswith("Nachbargemeinden: ") and "Lewitzrand" in c.value for c in at.caption
    )
    at.button(key="w_mu_back").click().run()
    assert not at.header and "gemeinde" not in at.query_params
