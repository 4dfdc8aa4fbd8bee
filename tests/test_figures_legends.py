"""Figure builders: every series has a legend entry, removals do not look like another
carrier, empty selections say so, the hydrogen map names projects, maps fit a phone."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import figures
from analysis.figures import area_target, hydrogen


def _ts(removed: float = 2000.0, planned: float = 5000.0, added: float = 3000.0) -> pd.DataFrame:
    rows = []
    for c in ("wind_onshore", "hydro"):
        for year in (2024, 2025, 2026, 2027):
            rows.append(
                {
                    "period": pd.Timestamp(year, 1, 1),
                    "carrier": c,
                    "added_kw": added if year == 2024 else 0.0,
                    "removed_kw": removed if (year == 2025 and c == "wind_onshore") else 0.0,
                    "planned_kw": planned if year == 2027 else 0.0,
                    "cumulative_kw": added if year <= 2026 else None,
                    "projected_kw": added + planned if year >= 2026 else None,
                    "is_projection": year > 2026,
                }
            )
    return pd.DataFrame(rows)


def test_additions_have_legend_entries_for_planned_and_removed() -> None:
    fig = figures.additions_chart(_ts(), "de", "year", date(2026, 11, 20))
    legend = [tr.name for tr in fig.data if tr.showlegend is not False]
    assert {"Wind an Land", "Wasserkraft", "Rückbau", "Planung (Projektion)"} <= set(legend)
    removal = next(tr for tr in fig.data if tr.y is not None and min(tr.y) < 0)
    # full carrier colour, crossed: a faded wind blue would read as hydro's light blue
    assert removal.marker.color == figures.CARRIER_COLORS["wind_onshore"]
    assert removal.marker.opacity is None or removal.marker.opacity == 1
    assert removal.marker.pattern.shape == "x"
    assert figures.CARRIER_COLORS["wind_onshore"] != figures.CARRIER_COLORS["hydro"]
    # The legend swatches must show: in the template's overlay mode plotly draws a legend
    # pattern without its fill, so the white crosses of "Rückbau" vanished on white.
    for name in ("Rückbau", "Planung (Projektion)"):
        swatch = next(tr for tr in fig.data if tr.name == name and tr.y == (None,))
        assert swatch.marker.pattern.fillmode == "replace"
        assert swatch.marker.pattern.bgcolor == swatch.marker.color
        assert swatch.marker.pattern.fgcolor != swatch.marker.pattern.bgcolor


def test_no_units_gives_a_message_not_an_empty_axis() -> None:
    zeros = _ts(removed=0.0, planned=0.0, added=0.0).assign(cumulative_kw=0.0)
    for fig in (
        figures.cumulative_chart(zeros, "de", "year", date(2026, 11, 20)),
        figures.additions_chart(zeros, "de", "year", date(2026, 11, 20)),
        figures.cumulative_chart(zeros.iloc[0:0], "en"),
    ):
        assert not fig.data
        assert fig.layout.xaxis.visible is False
        assert fig.layout.annotations[0].text in (
            "Keine Daten für diese Auswahl.",
            "No data for this selection.",
        )


def _projects() -> pd.DataFrame:
    years = [2025, 2026, 2028, 2030, 2033, 2035]
    return pd.DataFrame(
        {
            "project_id": [f"H2-00{i}" for i in range(len(years))],
            "project_name": [f"Demo-H2-Projekt {chr(65 + i)}" for i in range(len(years))],
            "project_type": ["electrolysis"] * len(years),
            "status": ["planning"] * len(years),
            "expected_year": years,
            "electrolyser_mw": [10.0] * len(years),
            "latitude": [53.5] * len(years),
            "longitude": [11.4] * len(years),
            "municipality_name": ["Aheim"] * len(years),
            "is_location_approximate": [False] * len(years),
        }
    )


def test_hydrogen_map_names_projects_and_fits_a_phone() -> None:
    bounds = (10.6, 53.1, 12.3, 53.9)
    desk = hydrogen.hydrogen_map(_projects(), None, bounds)
    phone = hydrogen.hydrogen_map(_projects(), None, bounds, phone=True)
    texts = [str(x) for tr in desk.data if tr.text is not None for x in tr.text]
    assert "Demo-H2-Projekt A" in texts and not any(x.startswith("H2-") for x in texts)
    assert phone.layout.map.zoom < desk.layout.map.zoom - 0.5


def test_hydrogen_timeline_year_ticks_do_not_crowd() -> None:
    fig = hydrogen.hydrogen_timeline(_projects(), "de")
    span = 2035 - 2025 + 1
    assert fig.layout.xaxis.dtick >= 2 and span / fig.layout.xaxis.dtick <= 6
    assert fig.layout.xaxis.tickformat == "d"


def test_unit_map_fits_a_phone_and_has_no_wheel_zoom() -> None:
    args = {
        "points": pd.DataFrame(),
        "aggregates": pd.DataFrame(),
        "geojson": None,
        "choropleth": None,
        "metric_label": "MW",
        "bounds": (10.6, 53.1, 12.3, 53.9),
    }
    desk = figures.map_figure(**args)
    phone = figures.map_figure(**args, phone=True, label="Demo-Daten: " + "sehr lang " * 10)
    assert phone.layout.map.zoom < desk.layout.map.zoom - 0.5
    assert "<br>" in phone.layout.annotations[0].text  # long label wrapped on a phone
    assert figures.MAP_CONFIG["scrollZoom"] is False


def test_area_map_fits_a_phone() -> None:
    # At a phone's width the whole district must be in view (it was cropped on both sides).
    bounds = (10.6, 53.1, 12.3, 53.9)
    units = pd.DataFrame(columns=["lat", "lon", "location", "capacity_mw", "label"])
    areas = {"type": "FeatureCollection", "features": []}
    desk = area_target.area_map(areas, None, units, bounds)
    phone = area_target.area_map(areas, None, units, bounds, phone=True)
    assert phone.layout.map.zoom < desk.layout.map.zoom - 0.5
