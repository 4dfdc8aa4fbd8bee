"""Figure builders: fixed carrier colours and order, units on axes, German separators, maps."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import figures
from analysis.i18n import carrier_label
from etl.schema import CARRIERS


def _by_carrier() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "carrier": ["biomass", "wind_onshore", "pv_ground", "hydro"],
            "operating_kw": [5_000.0, 900_000.0, 300_000.0, 0.0],
            "planned_kw": [0.0, 1_200_000.0, 50_000.0, 0.0],
        }
    )


def test_palette_covers_every_carrier_with_distinct_colours() -> None:
    assert set(figures.CARRIER_COLORS) == set(CARRIERS)
    assert len(set(figures.CARRIER_COLORS.values())) == len(CARRIERS)


def test_capacity_bar_uses_fixed_order_colours_and_units() -> None:
    fig = figures.capacity_by_carrier_bar(_by_carrier(), "de")
    assert isinstance(fig, go.Figure)
    bars = fig.data
    # fixed order: wind before PV ground before biomass; carriers without capacity left out
    assert list(bars[0].y) == [
        carrier_label(c, "de") for c in ("wind_onshore", "pv_ground", "biomass")
    ]
    assert list(bars[0].marker.color) == [
        figures.CARRIER_COLORS[c] for c in ("wind_onshore", "pv_ground", "biomass")
    ]
    assert list(bars[0].x) == [900.0, 300.0, 5.0]  # MW
    assert fig.layout.xaxis.title.text == "Leistung (MW)"
    assert fig.layout.separators == ",."
    en = figures.capacity_by_carrier_bar(_by_carrier(), "en")
    assert en.layout.xaxis.title.text == "Capacity (MW)"
    assert en.layout.separators == ".,"


def test_empty_input_gives_a_labelled_empty_figure() -> None:
    empty = _by_carrier().assign(operating_kw=0.0, planned_kw=0.0)
    fig = figures.capacity_by_carrier_bar(empty, "de")
    assert fig.layout.annotations[0].text == "Keine Daten für diese Auswahl."


def _ts() -> pd.DataFrame:
    rows = []
    for year, added, planned in (
        (2024, 1000.0, 0.0),
        (2025, 2000.0, 0.0),
        (2026, 0.0, 0.0),
        (2027, 0.0, 5000.0),
    ):
        cum = {2024: 1000.0, 2025: 3000.0, 2026: 3000.0}.get(year)
        proj = {2026: 3000.0, 2027: 8000.0}.get(year)
        rows.append(
            {
                "period": pd.Timestamp(year, 1, 1),
                "carrier": "wind_onshore",
                "added_kw": added,
                "removed_kw": 0.0,
                "planned_kw": planned,
                "cumulative_kw": cum,
                "projected_kw": proj,
                "is_projection": year > 2026,
            }
        )
    return pd.DataFrame(rows)


def test_cumulative_chart_stacks_history_and_draws_projection() -> None:
    fig = figures.cumulative_chart(_ts(), "de", "year", date(2026, 11, 20))
    names = [tr.name for tr in fig.data]
    assert names == ["Wind an Land", "Planung (Projektion)"]
    hist, proj = fig.data
    assert hist.stackgroup == "installed"
    assert hist.line.color == figures.CARRIER_COLORS["wind_onshore"]
    assert list(hist.y) == [1.0, 3.0, 3.0]
    assert list(proj.y) == [3.0, 8.0]
    assert proj.line.dash == "dash"
    assert fig.layout.yaxis.title.text == "Leistung (MW)"
    assert fig.layout.xaxis.title.text == "Jahr"


def test_additions_chart_marks_planned_capacity() -> None:
    fig = figures.additions_chart(_ts(), "en", "year")
    planned = [
        tr
        for tr in fig.data
        if tr.marker.pattern.shape == "/" and tr.name != "Planned (projection)"
    ]
    assert len(planned) == 1 and list(planned[0].y)[-1] == 5.0
    assert fig.layout.yaxis.title.text == "Capacity (MW)"


def test_mix_donut_keeps_carrier_order_and_colours() -> None:
    df = pd.DataFrame({"carrier": ["pv_building", "wind_onshore"], "generation_mwh": [10.0, 30.0]})
    fig = figures.mix_donut(df, "generation_mwh", "MWh/a", "de")
    pie = fig.data[0]
    assert list(pie.labels) == ["Wind an Land", "PV auf Gebäuden"]
    assert list(pie.marker.colors) == [
        figures.CARRIER_COLORS["wind_onshore"],
        figures.CARRIER_COLORS["pv_building"],
    ]
    assert pie.sort is False


def test_zoom_for_bounds_fits_the_district() -> None:
    centre, zoom = figures.zoom_for_bounds((10.6, 53.1, 12.3, 53.9))
    assert centre == pytest.approx({"lon": 11.45, "lat": 53.5})
    assert 7.0 < zoom < 9.5
    _, zoom_small = figures.zoom_for_bounds((11.0, 53.4, 11.1, 53.45))
    assert zoom_small > zoom + 3


def _map(style: str, selected: str | None = None) -> go.Figure:
    points = pd.DataFrame(
        {
            "unit_id_mastr": ["SEE000000000001", "SEE000000000002"],
            "unit_name": ["WEA 1", None],
            "carrier": ["wind_onshore", "pv_ground"],
            "status": ["operating", "planned"],
            "gross_capacity_kw": [4200.0, 30_000.0],
            "latitude": [53.5, 53.6],
            "longitude": [11.4, 11.6],
            "municipality_key": ["13076001", "13076002"],
            "municipality_name": ["Aheim", "Bedorf"],
            "commissioning_date": [pd.Timestamp(2020, 1, 1), pd.NaT],
        }
    )
    agg = pd.DataFrame(
        {
            "municipality_key": ["13076001"],
            "municipality_name": ["Aheim"],
            "latitude": [53.45],
            "longitude": [11.3],
            "unit_count": [120],
            "capacity_kw": [900.0],
        }
    )
    geo = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": k,
                "properties": {},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[x, 53.4], [x + 0.2, 53.4], [x + 0.2, 53.7], [x, 53.7], [x, 53.4]]
                    ],
                },
            }
            for k, x in (("13076001", 11.2), ("13076002", 11.4))
        ],
    }
    chor = pd.DataFrame(
        {
            "municipality_key": ["13076001", "13076002"],
            "municipality_name": ["Aheim", "Bedorf"],
            "value": [1.5, 30.0],
        }
    )
    return figures.map_figure(
        points=points,
        aggregates=agg,
        geojson=geo,
        choropleth=chor,
        metric_label="Leistung (MW)",
        bounds=(11.2, 53.4, 11.6, 53.7),
        lang="de",
        style=style,
        selected=selected,
    )


def test_map_figure_is_centred_and_works_offline() -> None:
    fig = _map(figures.MAP_STYLE_OFFLINE)
    assert fig.layout.map.style == "white-bg"
    assert fig.layout.map.center.lon == pytest.approx(11.4)
    assert fig.layout.map.zoom > 5
    types = [tr.type for tr in fig.data]
    assert types[0] == "choroplethmap"
    assert types.count("scattermap") == 4  # aggregates, wind, PV, planned white cores
    # every clickable trace carries the municipality key first
    for tr in fig.data:
        if tr.customdata is not None:
            assert str(tr.customdata[0][0]).startswith("13076")
    wind = next(tr for tr in fig.data if tr.name == "Wind an Land")
    assert wind.marker.color == figures.CARRIER_COLORS["wind_onshore"]
    assert fig.layout.separators == ",."
    assert _map(figures.MAP_STYLE_ONLINE).layout.map.style == "carto-positron"


def test_selected_municipality_is_outlined() -> None:
    fig = _map(figures.MAP_STYLE_OFFLINE, selected="13076002")
    outlines = [tr for tr in fig.data if tr.type == "choroplethmap" and tr.showscale is False]
    assert len(outlines) == 1 and list(outlines[0].locations) == ["13076002"]


def test_point_size_grows_with_capacity_within_bounds() -> None:
    sizes = figures.point_size(pd.Series([0.0, 30.0, 4200.0, 1e7]))
    assert sizes[0] == 4.0 and sizes[-1] == 40.0
    assert sizes[1] < sizes[2] < sizes[3]


def test_choropleth_metrics() -> None:
    munis = pd.DataFrame(
        {
            "municipality_key": ["a", "b"],
            "municipality_name": ["A", "B"],
            "area_km2": [100.0, 50.0],
            "population": [1000, None],
        }
    )
    cap = pd.DataFrame(
        {
            "municipality_key": ["a", "a", "b"],
            "carrier": ["wind_onshore", "storage", "pv_ground"],
            "capacity_kw": [2000.0, 100.0, 500.0],
        }
    )
    mw = figures.choropleth_values(munis, cap, "mw").set_index("municipality_key")["value"]
    assert mw.to_dict() == {"a": 2.1, "b": 0.5}
    dens = figures.choropleth_values(munis, cap, "kw_km2").set_index("municipality_key")["value"]
    assert dens.to_dict() == {"a": 21.0, "b": 10.0}
    per = figures.choropleth_values(munis, cap, "kw_inh").set_index("municipality_key")["value"]
    assert per["a"] == 2.1 and pd.isna(per["b"])
    hours = {"wind_onshore": 2000.0, "storage": 0.0, "pv_ground": 950.0}
    mwh = figures.choropleth_values(munis, cap, "mwh_inh", hours).set_index("municipality_key")
    assert mwh.loc["a", "value"] == pytest.approx(2000 * 2000 / 1000 / 1000)  # 4 MWh/inh
    with pytest.raises(ValueError):
        figures.choropleth_values(munis, cap, "nope")


def test_municipalities_without_a_value_are_grey_not_zero() -> None:
    fig = _map(figures.MAP_STYLE_OFFLINE)
    base = fig.data[0]
    assert list(base.z) == [1.5, 30.0]
    geo = fig.data[0].geojson
    chor = pd.DataFrame(
        {
            "municipality_key": ["13076001", "13076002"],
            "municipality_name": ["Aheim", "Bedorf"],
            "value": [None, 3.0],
        }
    )
    fig = figures.map_figure(
        points=pd.DataFrame(),
        aggregates=pd.DataFrame(),
        geojson=geo,
        choropleth=chor,
        metric_label="kW je Einwohner",
        bounds=(11.2, 53.4, 11.6, 53.7),
    )
    grey, coloured = fig.data[0], fig.data[1]
    assert list(grey.locations) == ["13076001"] and grey.showscale is False
    assert list(coloured.locations) == ["13076002"] and list(coloured.z) == [3.0]
