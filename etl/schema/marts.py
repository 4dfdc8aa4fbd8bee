"""Marts of the MaStR units (``out_<entity>``): precomputed for the dashboard.

The SQL that fills them is in :mod:`etl.marts`; the tables are created from
these definitions, so a mart has declared types, checks and docs like any
other table.
"""

from __future__ import annotations

from etl.schema.codes import CAPACITY_EVENT
from etl.schema.fields import field
from etl.schema.model import Column, Table

_c = Column


def _key() -> Column:
    return field(
        "municipality_key", description="Municipality key (AGS); NULL when the unit has none"
    )


CAPACITY_BY_MUNICIPALITY = Table(
    name="out_capacity_by_municipality",
    description="Units and capacity per municipality, carrier and status.",
    grain="one row per municipality key, carrier and status",
    grain_key=("municipality_key", "carrier", "status"),
    columns=(
        _key(),
        field("carrier"),
        field("status"),
        field("unit_count", nullable=False, min_value=1),
        field("gross_capacity_kw", description="Sum of gross capacity"),
        _c(
            "net_capacity_kw",
            "DOUBLE",
            "Sum of net rated capacity",
            "Nettonennleistung",
            "Net capacity",
            unit="kW",
        ),
        _c(
            "storage_energy_kwh",
            "DOUBLE",
            "Sum of usable storage capacity",
            "Speicherkapazität",
            "Storage energy",
            unit="kWh",
        ),
    ),
)

CAPACITY_EVENTS = Table(
    name="out_capacity_events",
    description=(
        "Capacity commissioned, finally decommissioned and planned per month. Commissioned "
        "counts every unit that is or was installed and has a commissioning date; "
        "decommissioned is its final shutdown (date of final decommissioning, or the last "
        "update of a shut-down unit without that date); a shut-down unit with neither date is "
        "left out. Planned is the planned commissioning month (NULL when unknown)."
    ),
    grain="one row per municipality key, carrier, month and event",
    grain_key=("municipality_key", "carrier", "month", "event"),
    columns=(
        _key(),
        field("carrier"),
        _c(
            "month",
            "DATE",
            "First day of the month (NULL: planned without a date)",
            "Monat",
            "Month",
        ),
        _c(
            "event",
            "VARCHAR",
            "commissioned, decommissioned or planned",
            "Ereignis",
            "Event",
            nullable=False,
            codes=CAPACITY_EVENT,
        ),
        field("unit_count", nullable=False, min_value=1),
        _c(
            "capacity_kw",
            "DOUBLE",
            "Sum of gross capacity",
            "Leistung",
            "Capacity",
            unit="kW",
            nullable=False,
        ),
    ),
)

MAP_POINTS = Table(
    name="out_map_points",
    description="Units with public coordinates for the map, largest first.",
    grain="one row per unit with public coordinates",
    primary_key=("unit_id_mastr",),
    columns=(
        field("unit_id_mastr", nullable=False),
        _c("unit_name", "VARCHAR", "Display name of the unit", "Name", "Name"),
        field("carrier"),
        field("status"),
        field("gross_capacity_kw"),
        field("latitude", description="Latitude WGS84", nullable=False),
        field("longitude", description="Longitude WGS84", nullable=False),
        _key(),
        field("commissioning_date", description="Commissioning date"),
        field("planned_commissioning_date", description="Planned commissioning date"),
    ),
)

EEG_WIND_SHARES = Table(
    name="out_eeg_wind_shares",
    description=(
        "Each operating or planned onshore turbine above 1 MW with coordinates (of the region, "
        "and of neighbouring districts within 2,500 m of its boundary), buffered by 2,500 m, "
        "intersected with the loaded municipalities: the share of the circle in each "
        "(EEG 2023 §6 (2)). Shares of municipalities outside the loaded region are missing."
    ),
    grain="one row per wind turbine and affected municipality",
    primary_key=("unit_id_mastr", "municipality_key"),
    columns=(
        field("unit_id_mastr", nullable=False),
        field("status", description="operating or planned"),
        field("gross_capacity_kw", description="Gross capacity of the turbine"),
        _c(
            "standing_municipality_key",
            "VARCHAR",
            "Municipality the turbine stands in",
            "Standortgemeinde",
            "Site municipality",
        ),
        _c(
            "is_neighbour",
            "BOOLEAN",
            "The turbine stands in a neighbouring district (core_mastr__neighbour_wind_units)",
            "Nachbarkreis",
            "Neighbouring district",
            nullable=False,
        ),
        field(
            "municipality_key",
            description="Municipality touched by the 2,500 m circle",
            nullable=False,
        ),
        _c(
            "intersect_km2",
            "DOUBLE",
            "Area of the circle inside the municipality",
            "Schnittfläche",
            "Intersected area",
            unit="km²",
            decimals=3,
        ),
        _c(
            "share",
            "DOUBLE",
            "Share of the circle's area inside the municipality",
            "Anteil",
            "Share",
            nullable=False,
            min_value=0,
            max_value=1,
            decimals=3,
        ),
    ),
)

EEG_BY_MUNICIPALITY = Table(
    name="out_eeg_by_municipality",
    description=(
        "Per municipality and status: wind capacity attributed by the area share of the "
        "2,500 m circles, and ground-mounted PV standing in the municipality."
    ),
    grain="one row per municipality key and status",
    primary_key=("municipality_key", "status"),
    columns=(
        field("municipality_key", nullable=False),
        field("status", description="operating or planned"),
        _c(
            "wind_units",
            "BIGINT",
            "Wind turbines whose circle touches the municipality",
            "WEA",
            "Turbines",
            nullable=False,
        ),
        _c(
            "wind_share_kw",
            "DOUBLE",
            "Wind capacity attributed by area share",
            "Windleistung (Anteil)",
            "Wind capacity (share)",
            unit="kW",
            nullable=False,
        ),
        _c(
            "pv_ground_units",
            "BIGINT",
            "Ground-mounted PV units in the municipality",
            "PV-Freiflächenanlagen",
            "Ground-mounted PV units",
            nullable=False,
        ),
        _c(
            "pv_ground_kw",
            "DOUBLE",
            "Gross capacity of ground-mounted PV in the municipality",
            "PV-Freifläche",
            "Ground-mounted PV",
            unit="kW",
            nullable=False,
        ),
    ),
)

#: The unit marts, in build order.
UNIT_MARTS: tuple[Table, ...] = (
    CAPACITY_BY_MUNICIPALITY,
    CAPACITY_EVENTS,
    MAP_POINTS,
    EEG_WIND_SHARES,
    EEG_BY_MUNICIPALITY,
)
