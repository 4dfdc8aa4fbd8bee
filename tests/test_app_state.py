"""Filters in the URL: parsing shared links and writing the selection back."""

from __future__ import annotations

from analysis.filters import Filters
from dashboard.state import params_for, parse_params


def test_shared_link_is_parsed_and_invalid_values_ignored() -> None:
    params = {
        "lang": "en",
        "carrier": "wind_onshore,pv_ground,coal",
        "status": ["planned"],
        "municipality": "13076001",
        "period": "2010-2020",
    }
    assert parse_params(params) == {
        "ez_lang": "en",
        "ez_carriers": ("wind_onshore", "pv_ground"),
        "ez_statuses": ("planned",),
        "ez_municipality": "13076001",
        "ez_period": (2010, 2020),
    }
    # the profile's link says "gemeinde"; it wins over an older "municipality"
    assert parse_params({"gemeinde": "13076002", "municipality": "13076001"}) == {
        "ez_municipality": "13076002"
    }
    bad = {"gemeinde": "13076'; DROP", "period": "2020-2010", "carrier": "", "lang": "xx"}
    assert parse_params(bad) == {"ez_lang": "de"}


def test_selection_round_trips_through_the_url() -> None:
    f = Filters(
        carriers=("wind_onshore",),
        statuses=("operating", "planned"),
        municipality="13076001",
        year_from=2000,
        year_to=2026,
    )
    params = params_for("en", f)
    assert params == {
        "lang": "en",
        "carrier": "wind_onshore",
        "status": "operating,planned",
        "gemeinde": "13076001",
        "period": "2000-2026",
    }
    back = parse_params(params)
    assert back["ez_carriers"] == f.carriers and back["ez_period"] == (2000, 2026)
    # defaults stay out of the link
    assert params_for("de", Filters()) == {}


def test_pages_can_ignore_filters() -> None:
    f = Filters(
        carriers=("hydro",),
        statuses=("planned",),
        municipality="13076001",
        year_from=2000,
        year_to=2001,
    )
    g = f.without("status", "period")
    assert g == Filters(carriers=("hydro",), municipality="13076001")
