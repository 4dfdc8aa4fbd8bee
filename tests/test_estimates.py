"""Estimators: generation, coverage and EEG §6 payments, and the number formats."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis import estimates as est
from analysis import format as fmt


def test_generation_is_capacity_times_full_load_hours() -> None:
    cap = pd.DataFrame(
        {"carrier": ["wind_onshore", "pv_building", "storage"], "capacity_kw": [1000.0, 500.0, 99]}
    )
    gen = est.generation_by_carrier(cap)
    assert list(gen["generation_mwh"]) == [2000.0, 450.0, 0.0]  # 1 MW × 2000 h, 0.5 MW × 900 h
    custom = est.DEFAULT_ASSUMPTIONS.with_hours({"wind_onshore": 2500})
    assert est.total_generation_mwh(cap, custom) == pytest.approx(2500 + 450)
    # unchanged carriers keep their defaults
    assert custom.hours["pv_building"] == est.DEFAULT_FULL_LOAD_HOURS["pv_building"]


def test_coverage_of_consumption() -> None:
    consumption = est.consumption_mwh(1000)
    # regional default: Mecklenburg-Vorpommern 6.8 TWh (2014) / 1.60 M inhabitants
    assert consumption == 4300.0
    assert est.coverage_share(2150.0, consumption) == 0.5
    assert est.consumption_mwh(None) is None
    assert est.consumption_mwh(0) is None
    assert est.coverage_share(3000.0, None) is None


def test_eeg_payment_is_two_tenths_of_a_cent_per_kwh() -> None:
    # 3 MW wind × 2000 h = 6 GWh → 6,000,000 kWh × 0.002 € = 12,000 €
    one = pd.DataFrame(
        {
            "status": ["operating"],
            "wind_units": [1],
            "wind_share_kw": [3000.0],
            "pv_ground_units": [0],
            "pv_ground_kw": [0.0],
        }
    )
    assert est.eeg_estimate(one)["wind_eur"].iloc[0] == pytest.approx(12_000)
    rows = pd.DataFrame(
        {
            "status": ["operating", "planned"],
            "wind_units": [2, 1],
            "wind_share_kw": [1500.0, 0.0],
            "pv_ground_units": [1, 0],
            "pv_ground_kw": [10_000.0, 0.0],
        }
    )
    out = est.eeg_estimate(rows).set_index("status")
    assert out.loc["operating", "wind_eur"] == pytest.approx(1500 * 2000 * 0.002)
    assert out.loc["operating", "pv_ground_eur"] == pytest.approx(10_000 * 950 * 0.002)
    assert out.loc["operating", "total_eur"] == pytest.approx(6000 + 19_000)
    assert out.loc["planned", "total_eur"] == 0


def test_assumptions_are_hashable_for_caches() -> None:
    assert hash(est.DEFAULT_ASSUMPTIONS) == hash(est.Assumptions())


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (1234.5, "de", "1.234,5\u00a0MW"),
        (1234.5, "en", "1,234.5\u00a0MW"),
        (None, "de", "–"),
    ],
)
def test_megawatt_format(value: float | None, lang: str, expected: str) -> None:
    kw = None if value is None else value * 1000
    assert fmt.mw(kw, 1, lang) == expected


def test_number_and_date_formats() -> None:
    assert fmt.number(1234567.891, 2, "de") == "1.234.567,89"
    assert fmt.number(-0.01, 1, "de") == "0,0"
    assert fmt.integer(12345, "de") == "12.345"
    assert fmt.percent(0.256, 1, "de") == "25,6\u00a0%"
    assert fmt.percent(0.256, 1, "en") == "25.6%"
    assert fmt.day(date(2026, 11, 25), "de") == "25.11.2026"
    assert fmt.day("2026-11-25", "en") == "25 Nov 2026"
    assert fmt.mwh(12_345, lang="de") == "12,3\u00a0GWh"
    assert fmt.euro(12_345.4, "de") == "12.345\u00a0€"
    assert fmt.plotly_separators("de") == ",."
