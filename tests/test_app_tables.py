"""Tables carry numbers, formatted by column configuration, so they sort numerically.

German tables use the browser's locale (``localized``) with fixed decimals,
English ones printf with thousands separators; shares are fractions shown as
percent; years have no separators.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "streamlit_app.py"


@pytest.fixture(scope="module")
def app_env(demo_db: Path) -> Iterator[Path]:
    """Point the app at the demo build, offline map tiles."""
    old = {k: os.environ.get(k) for k in ("EZ_PROCESSED_DIR", "EZ_MAP_TILES")}
    os.environ["EZ_PROCESSED_DIR"] = str(demo_db.parent)
    os.environ["EZ_MAP_TILES"] = "offline"
    yield demo_db
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def run_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        at.switch_page(f"dashboard/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at: AppTest, header: str, last: bool = False) -> tuple[pd.DataFrame, dict]:
    """The first (or last) table with column ``header``: values and column configuration."""
    found = [d for d in at.dataframe if header in d.value.columns]
    assert found, f"no table with column {header!r}"
    d = found[-1] if last else found[0]
    return d.value, json.loads(d.proto.columns)


def type_config(config: dict, header: str) -> dict:
    return config[header]["type_config"]


def test_overview_table_is_numeric_german_and_english(app_env: Path) -> None:
    df, config = table_with(run_page("overview"), "In Betrieb (MW)")
    assert pd.api.types.is_float_dtype(df["In Betrieb (MW)"])
    assert pd.api.types.is_integer_dtype(df["Anlagen in Betrieb"])
    assert type_config(config, "In Betrieb (MW)") == {
        "type": "number",
        "format": "localized",
        "step": 0.1,
    }
    assert type_config(config, "Anlagen in Betrieb")["step"] == 1
    assert df["In Betrieb (MW)"].sum() > 0

    df, config = table_with(run_page("overview", lang="en"), "In operation (MW)")
    assert pd.api.types.is_float_dtype(df["In operation (MW)"])
    assert type_config(config, "In operation (MW)")["format"] == "%,.1f"
    assert type_config(config, "Units in operation")["format"] == "%,d"


def test_mix_shares_are_fractions_shown_as_percent(app_env: Path) -> None:
    df, config = table_with(run_page("mix"), "Anteil Leistung")
    assert df["Anteil Leistung"].sum() == pytest.approx(1.0)
    assert type_config(config, "Anteil Leistung")["format"] == "percent"
    assert type_config(config, "Anteil Leistung")["step"] == pytest.approx(0.001)


def test_growth_years_are_integers_without_separators(app_env: Path) -> None:
    df, config = table_with(run_page("growth"), "Jahr")
    assert pd.api.types.is_integer_dtype(df["Jahr"])
    assert df["Jahr"].is_monotonic_decreasing
    assert type_config(config, "Jahr")["format"] == "%d"
    others = [c for c in df.columns if c != "Jahr"]
    assert others and all(pd.api.types.is_float_dtype(df[c]) for c in others)


def test_unit_lists_carry_numbers_and_dates(app_env: Path) -> None:
    at = run_page("data_quality")
    df, config = table_with(at, "Bruttoleistung (kW)", last=True)  # the preview
    assert pd.api.types.is_float_dtype(df["Bruttoleistung (kW)"])
    assert type_config(config, "Bruttoleistung (kW)")["step"] == pytest.approx(0.1)
    dates = [h for h, c in config.items() if c.get("type_config", {}).get("type") == "date"]
    assert dates and all(config[h]["type_config"]["format"] == "DD.MM.YYYY" for h in dates)
    assert df["Bruttoleistung (kW)"].is_monotonic_decreasing  # largest first, numerically
