"""Tables carry numbers (so they sort numerically) and show them as the pages always did.

The data of every table is numeric; headers come from the column
configuration, the cell text (German ``1.234,5`` / English ``1,234.5``,
shares as percent, dates ``25.11.2026``) from the display values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from analysis import format as fmt
from tests.apptest import app_environment, run_page


@pytest.fixture(scope="module")
def app_env(demo_db: Path) -> Iterator[Path]:
    """Point the app at the demo build, offline map tiles."""
    with app_environment(demo_db.parent):
        yield demo_db


def table_with(at: AppTest, header: str, last: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first (or last) table with column ``header``: its data and its cell texts."""
    found = [d for d in at.dataframe if header in d.value.columns]
    assert found, f"no table with column {header!r}"
    d = found[-1] if last else found[0]
    config = json.loads(d.proto.columns)
    assert all(config[h]["label"] == h for h in d.value.columns)  # headers configured
    shown = pa.ipc.open_stream(d.proto.arrow_data.styler.display_values).read_all().to_pandas()
    return d.value, shown


def test_overview_table_is_numeric_german_and_english(app_env: Path) -> None:
    df, shown = table_with(run_page("overview"), "In Betrieb (MW)")
    assert pd.api.types.is_float_dtype(df["In Betrieb (MW)"])
    assert pd.api.types.is_integer_dtype(df["Anlagen in Betrieb"])
    assert df["In Betrieb (MW)"].sum() > 0
    for col, decimals in (("In Betrieb (MW)", 1), ("Anlagen in Betrieb", 0)):
        assert shown[col].tolist() == [fmt.number(v, decimals, "de") for v in df[col]]

    df, shown = table_with(run_page("overview", lang="en"), "In operation (MW)")
    assert pd.api.types.is_float_dtype(df["In operation (MW)"])
    assert shown["In operation (MW)"].tolist() == [
        fmt.number(v, 1, "en") for v in df["In operation (MW)"]
    ]


def test_mix_shares_are_fractions_shown_as_percent(app_env: Path) -> None:
    df, shown = table_with(run_page("mix"), "Anteil Leistung")
    assert df["Anteil Leistung"].sum() == pytest.approx(1.0)
    assert shown["Anteil Leistung"].tolist() == [
        fmt.percent(v, 1, "de") for v in df["Anteil Leistung"]
    ]


def test_growth_years_are_integers_without_separators(app_env: Path) -> None:
    df, shown = table_with(run_page("growth"), "Jahr", last=True)  # below the chart data
    assert pd.api.types.is_integer_dtype(df["Jahr"])
    assert df["Jahr"].is_monotonic_decreasing
    assert shown["Jahr"].tolist() == [str(y) for y in df["Jahr"]]
    others = [c for c in df.columns if c != "Jahr"]
    assert others and all(pd.api.types.is_float_dtype(df[c]) for c in others)


def test_unit_lists_carry_numbers_and_dates(app_env: Path) -> None:
    df, shown = table_with(run_page("data_quality"), "Bruttoleistung (kW)", last=True)
    kw = df["Bruttoleistung (kW)"]
    assert pd.api.types.is_float_dtype(kw)
    assert kw.is_monotonic_decreasing  # largest first, numerically
    assert shown["Bruttoleistung (kW)"].tolist() == [fmt.number(v, 1, "de") for v in kw]
    dates = [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]
    assert dates
    for col in dates:
        assert shown[col].tolist() == [fmt.day(v, "de") if pd.notna(v) else "" for v in df[col]]


#: A cell text that is a German number (``1.234,5``, ``12``, ``25,6 %``).
GERMAN_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?( %)?$")
PAGES = ("overview", "growth", "map", "mix", "municipality", "pipeline", "hydrogen")
PAGES += ("area_target", "data_quality")


@pytest.mark.parametrize("page", PAGES)
def test_every_table_column_that_shows_numbers_holds_numbers(app_env: Path, page: str) -> None:
    """A column whose cells all read as numbers must be numeric, or it sorts as text."""
    at = run_page(page)
    for d in at.dataframe:
        styler = d.proto.arrow_data.styler.display_values
        shown = pa.ipc.open_stream(styler).read_all().to_pandas() if styler else d.value
        for col in d.value.columns:
            texts = [
                str(v) for v in shown[col] if not fmt.is_missing(v) and str(v) not in ("", "–")
            ]
            if texts and all(GERMAN_NUMBER.match(x) for x in texts):
                assert pd.api.types.is_numeric_dtype(d.value[col]), (page, col, texts[:3])


def test_municipality_ranking_is_numeric(app_env: Path) -> None:
    df, shown = table_with(run_page("municipality"), "In Betrieb (MW)")
    for col in ("In Betrieb (MW)", "kW je km²", "kW je Einwohner"):
        assert pd.api.types.is_float_dtype(df[col]), col
    mw = df["In Betrieb (MW)"]
    assert shown["In Betrieb (MW)"].tolist() == [fmt.number(v, 1, "de") for v in mw]
