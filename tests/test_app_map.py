"""AppTest of the map page: the chosen view and metric survive a reload, legends and names are
inside the figure, the wheel does not zoom."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import APP, app_environment


@pytest.fixture(scope="module", autouse=True)
def app_env(demo_db: Path) -> Iterator[Path]:
    """Point the app at the demo build, offline map tiles."""
    with app_environment(demo_db.parent):
        yield demo_db


def map_page(**params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("dashboard/pages/map.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart(at: AppTest) -> tuple[dict, dict]:
    """The map's figure JSON and its plotly config."""
    proto = at.get("plotly_chart")[0].proto
    return json.loads(proto.spec), json.loads(proto.config)


def colour_bar(spec: dict) -> dict:
    return next(tr["colorbar"] for tr in spec["data"] if "colorbar" in tr)


def test_metric_from_the_link_is_shown_and_a_new_choice_goes_into_the_link() -> None:
    at = map_page(kennzahl="kw_km2")
    assert at.radio(key="w_map_metric").value == "kw_km2"
    spec, _ = chart(at)
    assert colour_bar(spec)["title"]["text"] == "kW erneuerbar je km²"
    at.radio(key="w_map_metric").set_value("kw_inh").run()
    assert at.query_params["kennzahl"] == "kw_inh"
    assert colour_bar(chart(at)[0])["title"]["text"] == "kW erneuerbar je Einwohner"
    # a reload with that link restores it (a new session)
    again = map_page(kennzahl="kw_inh")
    assert again.radio(key="w_map_metric").value == "kw_inh"
    # the default metric keeps the link short; an unknown value is ignored
    at.radio(key="w_map_metric").set_value("mw").run()
    assert "kennzahl" not in at.query_params
    assert map_page(kennzahl="nonsense").radio(key="w_map_metric").value == "mw"


def test_unit_view_from_the_link_has_a_size_legend_and_carrier_legend() -> None:
    at = map_page(ansicht="units")
    assert at.segmented_control(key="w_map_layer").value == "units"
    spec, _ = chart(at)
    texts = [a["text"].replace("\xa0", " ") for a in spec["layout"]["annotations"]]
    assert "Punktgröße = Leistung" in texts
    assert {"100 kW", "1 MW", "10 MW"} <= set(texts)
    circles = [s for s in spec["layout"]["shapes"] if s["type"] == "circle"]
    assert len(circles) == 3
    legend = {tr["name"] for tr in spec["data"] if tr.get("showlegend", True)}
    assert {"Wind an Land", "PV-Freifläche", "Zusammengefasst je Gemeinde"} <= legend
    assert not any("colorbar" in tr for tr in spec["data"])  # no colours to explain
    # plain words instead of "automatisch (0,0 kW)"
    options = at.selectbox(key="w_map_min_kw").options
    assert options[0] in ("alle Anlagen mit Koordinaten",) or options[0].startswith(
        "die 4.000 größten Anlagen"
    )
    assert not any("automatisch" in o for o in options)
    assert at.query_params["ansicht"] == "units"


def test_areas_view_has_a_thin_horizontal_colour_bar_and_names() -> None:
    spec, config = chart(map_page())
    bar = colour_bar(spec)
    assert bar["orientation"] == "h" and bar["thickness"] <= 12
    assert bar["title"]["text"] == "Leistung erneuerbar (MW)"
    names = [tr for tr in spec["data"] if tr.get("mode") == "text"]
    assert len(names) == 1 and "Hagenow" in names[0]["text"]
    assert config["scrollZoom"] is False
    assert {"zoomInMap", "zoomOutMap"} <= set(config["modeBarButtonsToAdd"])


def test_a_selected_municipality_is_named_in_the_map(app_env: Path) -> None:
    with duckdb.connect(str(app_env), read_only=True) as con:
        key, name = con.execute(
            "SELECT municipality_key, municipality_name FROM core_bkg__municipalities "
            "ORDER BY area_km2 LIMIT 1"
        ).fetchone()
    at = map_page(municipality=key)
    spec, _ = chart(at)
    assert name in [a["text"] for a in spec["layout"]["annotations"]]
    names = next(tr for tr in spec["data"] if tr.get("mode") == "text")
    assert names["text"][0] == name  # placed first, so it wins over its neighbours' names
