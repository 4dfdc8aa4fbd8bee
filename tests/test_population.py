"""Population per municipality: header names, separators, thousands dots, bad rows."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest
from csv_fixtures import write_population_csv
from geo_fixtures import write_vg250_gpkg

from etl.readers import load, vg250
from etl.readers import population as population_reader
from etl.region import Region
from etl.sink import BuildSink

LUP = "13076"


def read_municipalities(path, sink: BuildSink, region: str) -> int:
    return load(vg250, path, sink, Region(region)).loaded


def read_population(path, sink: BuildSink, region: str = LUP) -> int:
    return load(population_reader, path, sink, Region(region)).loaded


@pytest.fixture
def sink(tmp_path) -> BuildSink:
    """A build with the three fixture municipalities of Ludwigslust-Parchim loaded."""
    s = BuildSink(duckdb.connect())
    s.set_info("region_prefix", LUP)
    read_municipalities(write_vg250_gpkg(tmp_path / "DE_VG250.gpkg"), s, LUP)
    return s


def population(sink: BuildSink) -> pd.DataFrame:
    return (
        sink.con.execute(
            "SELECT municipality_key, population, population_date FROM core_bkg__municipalities"
        )
        .df()
        .set_index("municipality_key")
    )


def problems(sink: BuildSink) -> pd.DataFrame:
    return (
        sink.con.execute("SELECT * FROM meta_rejected_rows WHERE source = 'population'")
        .df()
        .set_index("row_ref")
    )


def test_german_header_with_thousands_dots_and_german_dates(tmp_path, sink):
    path = write_population_csv(
        tmp_path / "einwohner.csv",
        [
            ("13076001", "512", "31.12.2023"),
            ("13076088", "12.345", "31.12.2023"),
            ("13076105", "1.234.567", "31.12.2023"),
        ],
        header=("Gemeindeschlüssel", "Einwohner", "Stichtag"),
    )
    assert read_population(path, sink) == 3
    p = population(sink)
    assert p["population"].to_dict() == {
        "13076001": 512,
        "13076088": 12_345,
        "13076105": 1_234_567,
    }
    assert set(p["population_date"].dt.date) == {date(2023, 12, 31)}
    assert problems(sink).empty
    run = sink.con.execute(
        "SELECT rows_read, rows_loaded, rows_rejected FROM meta_load_runs "
        "WHERE source = 'population'"
    ).fetchone()
    assert run == (3, 3, 0)


def test_english_header_comma_separator_iso_dates(tmp_path, sink):
    path = write_population_csv(
        tmp_path / "population.csv",
        [("13076001", "512", "2024-12-31"), ("13076088", "12345", "2024-12-31")],
        header=("AGS", "population", "date"),
        sep=",",
    )
    assert read_population(path, sink) == 2
    p = population(sink)
    assert p.loc["13076088", "population"] == 12_345
    assert p.loc["13076088", "population_date"].date() == date(2024, 12, 31)
    assert pd.isna(p.loc["13076105", "population"])  # not in the file: stays empty


def test_bad_rows_are_reported_by_row_field_and_value(tmp_path, sink):
    path = write_population_csv(
        tmp_path / "einwohner.csv",
        [
            ("13076001", "512", "31.12.2023"),  # row 2: fine
            ("13076088", "12,345", "31.12.2023"),  # row 3: comma is not allowed
            ("13076105", "12.34", "31.12.2023"),  # row 4: not groups of three
            ("1307600", "100", "31.12.2023"),  # row 5: leading zero lost: repaired, other Land
            ("13076999", "100", "31.12.2023"),  # row 6: not a loaded municipality
            ("13074001", "3.456", "31.12.2023"),  # row 7: other district, ignored
            ("13076105", "4.321", "2023-31-12"),  # row 8: bad date, population kept
            ("13076001", "999", "31.12.2023"),  # row 9: repeated key
        ],
    )
    assert read_population(path, sink) == 2
    pop = population(sink)
    assert pop.loc["13076001", "population"] == 512
    assert pd.isna(pop.loc["13076088", "population"])
    assert pop.loc["13076105", "population"] == 4_321
    assert pd.isna(pop.loc["13076105", "population_date"])

    p = problems(sink)
    assert sorted(p.index) == ["3", "4", "5", "6", "8", "9"]
    assert (p.loc["3", "field"], p.loc["3", "raw_value"]) == ("population", "12,345")
    assert p.loc["4", "raw_value"] == "12.34"
    assert (p.loc["5", "field"], p.loc["5", "raw_value"]) == ("AGS", "1307600")
    assert "leading zero" in p.loc["5", "reason"]
    assert p.loc["5", "action"] == "flagged"  # repaired to 01307600, outside the region
    assert "not among the loaded municipalities" in p.loc["6", "reason"]
    assert (p.loc["8", "field"], p.loc["8", "action"]) == ("date", "field_cleared")
    assert "repeated" in p.loc["9", "reason"]
    assert set(p["source_file"]) == {"einwohner.csv"}
    run = sink.con.execute(
        "SELECT rows_read, rows_loaded, rows_rejected FROM meta_load_runs "
        "WHERE source = 'population'"
    ).fetchone()
    assert run == (8, 2, 4)  # row 5 is repaired, then ignored as outside the region


def test_file_without_population_column_is_refused(tmp_path, sink):
    path = write_population_csv(
        tmp_path / "einwohner.csv", [("13076001", "512")], header=("AGS", "Fläche")
    )
    assert read_population(path, sink) == 0
    assert population(sink)["population"].isna().all()
    reason = problems(sink).loc["1", "reason"]
    assert "population/Einwohner" in reason and "nothing loaded" in reason


def test_without_boundaries_the_population_cannot_be_assigned(tmp_path):
    s = BuildSink(duckdb.connect())
    s.set_info("region_prefix", LUP)
    path = write_population_csv(tmp_path / "einwohner.csv", [("13076001", "512", "31.12.2023")])
    assert read_population(path, s) == 0
    assert "no municipalities loaded" in problems(s).loc["1", "reason"]
