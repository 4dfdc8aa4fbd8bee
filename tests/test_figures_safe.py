"""Names from the data are shown as text in every chart, never as markup or a link."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import figures
from analysis.figures import hydrogen, pipeline
from analysis.figures.safe import escape_figure, escape_text, sanitize_markup

HOSTILE = [
    '<a href="https://example.org">x</a>',
    "<b>fett</b>",
    "Zeile<br>zwei",
    '<span style="color:red;font-size:80px">rot</span>',
]


def _strings(fig: go.Figure) -> list[str]:
    """Every string the figure carries (data, names, layout texts)."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple | np.ndarray):
            for v in value:
                walk(v)

    walk(fig.to_plotly_json())
    return out


def _assert_no_markup_from_data(fig: go.Figure) -> None:
    text = "\n".join(_strings(fig))
    assert "<a" not in text and "<span" not in text and "<b>fett" not in text
    assert "Zeile<br>zwei" not in text
    assert "&lt;a href=&quot;" in text or '&lt;a href="https://example.org"&gt;x&lt;/a&gt;' in text


def test_escape_text_is_idempotent_and_keeps_plain_text() -> None:
    assert escape_text("Wind & Sonne <1>") == "Wind &amp; Sonne &lt;1&gt;"
    assert escape_text(escape_text("a & <b>")) == escape_text("a & <b>")
    assert escape_text("Groß Krams") == "Groß Krams"


def test_code_markup_is_kept_but_data_markup_in_templates_is_escaped() -> None:
    assert sanitize_markup("<b>%{y}</b><br>%{x}<extra>Wind</extra>") == (
        "<b>%{y}</b><br>%{x}<extra>Wind</extra>"
    )
    assert sanitize_markup('<extra><a href="https://example.org">x</a></extra>') == (
        '<extra>&lt;a href="https://example.org"&gt;x&lt;/a&gt;</extra>'
    )
    assert sanitize_markup("<b style='x'>y</b>") == "&lt;b style='x'&gt;y</b>"


def test_hostile_project_names_in_the_hydrogen_timeline_are_text() -> None:
    projects = pd.DataFrame(
        {
            "project_name": HOSTILE,
            "expected_year": [2027, 2028, 2029, 2030],
            "status": ["idea", "feasibility", "idea", "feasibility"],
            "electrolyser_mw": [5.0, 10.0, 1.0, 2.0],
            "project_type": ["electrolysis"] * 4,
        }
    )
    fig = hydrogen.hydrogen_timeline(projects, "de")
    _assert_no_markup_from_data(fig)
    # the axis order still matches the (escaped) category values
    ys = {v for tr in fig.data for v in tr.y}
    assert set(fig.layout.yaxis.categoryarray) == ys


def test_hostile_unit_and_municipality_names_on_the_map_are_text() -> None:
    n = len(HOSTILE)
    points = pd.DataFrame(
        {
            "unit_id_mastr": [f"SEE00000000000{i}" for i in range(n)],
            "unit_name": HOSTILE,
            "carrier": ["wind_onshore"] * n,
            "status": ["operating"] * n,
            "gross_capacity_kw": [4200.0] * n,
            "latitude": [53.5] * n,
            "longitude": [11.4] * n,
            "municipality_key": ["13076001"] * n,
            "municipality_name": HOSTILE,
            "commissioning_date": [pd.Timestamp(2020, 1, 1)] * n,
        }
    )
    agg = points.assign(unit_count=1, capacity_kw=1.0)[
        ["municipality_key", "municipality_name", "latitude", "longitude", "unit_count",
         "capacity_kw"]
    ]  # fmt: skip
    fig = figures.map_figure(
        points=points,
        aggregates=agg,
        geojson=None,
        choropleth=None,
        metric_label="Leistung (MW)",
        bounds=(11.2, 53.4, 11.6, 53.7),
    )
    _assert_no_markup_from_data(fig)
    # the click target (municipality key) is untouched
    assert all(str(tr.customdata[0][0]) == "13076001" for tr in fig.data)


def test_hostile_municipality_names_on_the_pipeline_bar_are_text() -> None:
    df = pd.DataFrame(
        {
            "municipality_key": [f"1307600{i}" for i in range(len(HOSTILE))],
            "municipality_name": HOSTILE,
            "status": ["applied", "approved", "under_construction", "mastr_only"],
            "mw": [10.0, 20.0, 30.0, 40.0],
            "pipeline_mw": [10.0, 20.0, 30.0, 40.0],
        }
    )
    fig = pipeline.municipality_pipeline_bar(df, "de")
    _assert_no_markup_from_data(fig)


def test_code_annotations_keep_their_bold_but_data_in_them_is_escaped() -> None:
    fig = go.Figure(go.Bar(x=[1], y=[HOSTILE[0]], orientation="h"))
    fig.add_annotation(text="<b>12 MW</b> " + HOSTILE[0])
    escape_figure(fig)
    _assert_no_markup_from_data(fig)
    assert fig.layout.annotations[0].text.startswith("<b>12 MW</b> &lt;a")
