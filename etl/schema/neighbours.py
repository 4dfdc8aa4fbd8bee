"""Wind turbines of neighbouring districts near the region, used only for EEG §6 shares.

A turbine standing outside the region whose 2,500 m circle reaches into one of
the region's municipalities pays (voluntarily) that municipality its share
under § 6 EEG 2023. These turbines live in their own table, never in
``core_mastr__units``, so no figure of the region counts them.
"""

from __future__ import annotations

from etl.schema.fields import field
from etl.schema.model import Column, Table

_c = Column

NEIGHBOUR_WIND = Table(
    name="core_mastr__neighbour_wind_units",
    description=(
        "Onshore wind turbines above 1 MW (operating or planned, with coordinates) that stand "
        "outside the region but within 2,500 m of its boundary, from the same MaStR bulk "
        "export. Used only for the EEG §6 shares (out_eeg_wind_shares); never part of the "
        "region's own figures."
    ),
    grain="one row per MaStR unit",
    primary_key=("unit_id_mastr",),
    columns=(
        field("unit_id_mastr", nullable=False),
        field("status", description="operating or planned"),
        field("gross_capacity_kw", description="Gross capacity of the turbine"),
        field("municipality_key", description="Municipality the turbine stands in (outside)"),
        field("latitude", description="Latitude WGS84", nullable=False),
        field("longitude", description="Longitude WGS84", nullable=False),
        _c(
            "distance_m",
            "DOUBLE",
            "Distance from the region's boundary",
            "Abstand zur Grenze",
            "Distance to boundary",
            unit="m",
            min_value=0,
            max_value=2500,
            decimals=0,
        ),
        field("source_file", description="Bulk export (and member) the unit came from"),
    ),
)
