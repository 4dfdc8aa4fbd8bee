"""Typing the selected rows of a web CSV into unit columns, with findings.

Each step reads string cells, writes typed columns into ``cells.out`` and
reports every value it rejects or clears (row number, column name as in the
file, raw value). Rows with an unusable status, carrier or gross capacity are
marked in the returned reject mask; other bad values are cleared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from etl import schema
from etl.readers.base import LoadRun
from etl.readers.mastr_web_csv.header import (
    COL_CARRIER,
    COL_GROSS,
    COL_LAT,
    COL_LEGACY_LOCATION,
    COL_LON,
    COL_PLZ,
    COL_SOLAR_KIND,
    COL_STATUS,
    COL_WIND_LOCATION,
    DATE_COLUMNS,
    NUMBER_COLUMNS,
    TEXT_COLUMNS,
)
from etl.readers.mastr_web_csv.values import (
    CARRIER_LABELS,
    OTHER_CARRIER_LABELS,
    STATUS_LABELS,
    DateStyle,
    parse_dates,
    parse_german_number,
)

_RE_PLZ = r"\d{5}"


@dataclass
class Cells:
    """The string cells of the rows in the region, their row numbers and ids."""

    df: pd.DataFrame
    rows: pd.Series
    ids: pd.Series
    run: LoadRun
    out: pd.DataFrame = field(init=False)

    def __post_init__(self) -> None:
        self.out = pd.DataFrame(index=self.df.index)

    def report(
        self,
        mask: pd.Series,
        fld: str,
        reason: str | pd.Series,
        raw: pd.Series | None,
        action: str,
    ) -> None:
        """One finding per row where ``mask`` holds."""
        self.run.findings_where(
            mask, rows=self.rows, ids=self.ids, field=fld, reason=reason, raw=raw, action=action
        )


def _carriers(cells: Cells) -> pd.Series:
    """Carrier from the Energieträger label, refined by the solar/wind location."""
    df = cells.df
    label = df[COL_CARRIER].str.strip()
    folded = label.str.casefold()
    kind = folded.map(CARRIER_LABELS).astype("string")
    empty = label.isna() | (label == "")
    known_other = folded.isin(OTHER_CARRIER_LABELS)
    unknown = kind.isna() & ~known_other & ~empty
    cells.report(
        unknown,
        COL_CARRIER,
        "unknown Energieträger label: loaded as carrier 'other'",
        label,
        "flagged",
    )
    kind = kind.mask(kind.isna() & ~empty, "other")

    def location(primary: str) -> pd.Series:
        if primary in df.columns:
            return df[primary].fillna("")
        if COL_LEGACY_LOCATION in df.columns:
            return df[COL_LEGACY_LOCATION].fillna("")
        return pd.Series("", index=df.index, dtype="string")

    solar_loc = location(COL_SOLAR_KIND).str.casefold()
    wind_loc = location(COL_WIND_LOCATION).str.casefold()
    solar_field = COL_SOLAR_KIND if COL_SOLAR_KIND in df.columns else COL_LEGACY_LOCATION
    wind_field = COL_WIND_LOCATION if COL_WIND_LOCATION in df.columns else COL_LEGACY_LOCATION

    carrier = kind.map(
        {"biomass": "biomass", "hydro": "hydro", "storage": "storage", "other": "other"}
    ).astype("string")
    # Solar: ground-mounted (incl. floating PV on water, as in EEG 2023 §6 and §37), building,
    # or other (balcony, other structures).
    solar = kind == "solar"
    ground = solar_loc.str.contains("freifl|gewässer", regex=True)
    building = solar_loc.str.contains("hausdach|gebäude", regex=True)
    other_pv = solar_loc.str.contains(
        "sonstige|steckerfertig|balkon|gewässer|parkplatz|plug", regex=True
    )
    carrier[solar & ground] = "pv_ground"
    carrier[solar & ~ground & building] = "pv_building"
    carrier[solar & carrier.isna()] = "pv_other"
    cells.report(
        solar & ~ground & ~building & ~other_pv & (solar_loc != ""),
        solar_field,
        "unknown kind of solar installation: loaded as pv_other",
        df[solar_field] if solar_field in df.columns else None,
        "flagged",
    )
    cells.report(
        solar & (solar_loc == ""),
        solar_field,
        "kind of solar installation not given: loaded as pv_other",
        None,
        "flagged",
    )
    # Wind: onshore or offshore.
    wind = kind == "wind"
    offshore = wind_loc.str.contains("auf see", regex=False)
    onshore = wind_loc.str.contains("an land", regex=False)
    carrier[wind & offshore] = "wind_offshore"
    carrier[wind & ~offshore] = "wind_onshore"
    cells.report(
        wind & ~offshore & ~onshore,
        wind_field,
        "wind unit without 'an Land'/'auf See': loaded as wind_onshore",
        df[wind_field] if wind_field in df.columns else None,
        "flagged",
    )
    return carrier


def _status_and_carrier(cells: Cells) -> pd.Series:
    """Status and carrier from their labels; returns the rows to reject."""
    df, out = cells.df, cells.out
    reject = pd.Series(False, index=df.index)
    status_label = df[COL_STATUS]
    out["status"] = status_label.str.casefold().map(STATUS_LABELS).astype("string")
    bad_status = out["status"].isna()
    cells.report(
        bad_status,
        COL_STATUS,
        "unknown or empty Betriebs-Status: row not loaded (expected In Betrieb, In Planung, "
        "Vorübergehend stillgelegt, Endgültig stillgelegt)",
        status_label,
        "row_rejected",
    )
    reject |= bad_status

    out["carrier"] = _carriers(cells)
    out["energy_source"] = df[COL_CARRIER].replace("", pd.NA)
    bad_carrier = out["carrier"].isna()
    cells.report(
        bad_carrier,
        COL_CARRIER,
        "Energieträger empty: row not loaded",
        df[COL_CARRIER],
        "row_rejected",
    )
    reject |= bad_carrier
    return reject


def _gross_capacity(cells: Cells) -> pd.Series:
    """The required gross capacity; returns the rows to reject."""
    df, out = cells.df, cells.out
    gross, gross_bad, gross_reason = parse_german_number(df[COL_GROSS])
    gross_empty = df[COL_GROSS].isna() | (df[COL_GROSS] == "")
    cells.report(
        gross_bad,
        COL_GROSS,
        gross_reason + ": row not loaded",
        df[COL_GROSS],
        "row_rejected",
    )
    cells.report(
        gross_empty & ~gross_bad,
        COL_GROSS,
        "Bruttoleistung empty: row not loaded",
        df[COL_GROSS],
        "row_rejected",
    )
    reject = gross_bad | gross_empty
    out["gross_capacity_kw"] = gross
    return reject


def _optional_numbers(cells: Cells) -> None:
    """Net capacity, hub height, rotor diameter, storage energy (decimal comma)."""
    df, out = cells.df, cells.out
    for col, target in NUMBER_COLUMNS.items():
        if col not in df.columns:
            out[target] = pd.Series(pd.NA, index=df.index, dtype="Float64")
            continue
        values, bad, reason = parse_german_number(df[col])
        cells.report(bad, col, reason + ": value cleared", df[col], "field_cleared")
        out[target] = values


def _coordinates(cells: Cells) -> None:
    """Latitude and longitude: both or none, inside Germany."""
    df, out = cells.df, cells.out
    lat_raw = df[COL_LAT] if COL_LAT in df.columns else pd.Series(pd.NA, index=df.index)
    lon_raw = df[COL_LON] if COL_LON in df.columns else pd.Series(pd.NA, index=df.index)
    lat, lat_bad, lat_reason = parse_german_number(lat_raw.astype("string"))
    lon, lon_bad, lon_reason = parse_german_number(lon_raw.astype("string"))
    lat_col, lon_col = schema.UNITS.column("latitude"), schema.UNITS.column("longitude")
    lat_out = lat.notna() & ~lat.between(lat_col.min_value, lat_col.max_value)
    lon_out = lon.notna() & ~lon.between(lon_col.min_value, lon_col.max_value)
    cells.report(lat_bad, COL_LAT, lat_reason + ": coordinates cleared", lat_raw, "field_cleared")
    cells.report(lon_bad, COL_LON, lon_reason + ": coordinates cleared", lon_raw, "field_cleared")
    cells.report(
        lat_out,
        COL_LAT,
        f"latitude outside Germany ({lat_col.min_value:g}–{lat_col.max_value:g}°): "
        "coordinates cleared",
        lat_raw,
        "field_cleared",
    )
    cells.report(
        lon_out,
        COL_LON,
        f"longitude outside Germany ({lon_col.min_value:g}–{lon_col.max_value:g}°): "
        "coordinates cleared",
        lon_raw,
        "field_cleared",
    )
    one_only = (lat.isna() & ~lat_bad) ^ (lon.isna() & ~lon_bad)
    cells.report(
        one_only,
        f"{COL_LAT} / {COL_LON}",
        "only one coordinate given: coordinates cleared",
        lat_raw.astype("string").fillna("") + " / " + lon_raw.astype("string").fillna(""),
        "field_cleared",
    )
    clear_xy = lat_bad | lon_bad | lat_out | lon_out | one_only
    out["latitude"] = lat.mask(clear_xy)
    out["longitude"] = lon.mask(clear_xy)


def _dates(cells: Cells, style: DateStyle) -> None:
    """Date columns under the file's date style; refused slashed dates reported once."""
    df, out, rows = cells.df, cells.out, cells.rows
    for col, target in DATE_COLUMNS.items():
        if col not in df.columns:
            out[target] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[s]")
            continue
        values, bad, refused = parse_dates(df[col], style, with_time=(target == "last_update"))
        cells.report(
            bad,
            col,
            "not a valid date (d.m.yyyy): value cleared",
            df[col],
            "field_cleared",
        )
        if refused.any():
            first, last = rows[refused].iloc[0], rows[refused].iloc[-1]
            cells.run.finding(
                f"{style.message}: {int(refused.sum())} value(s) of this column cleared",
                field=col,
                row_ref=f"{first}–{last}" if first != last else first,
                raw_value=str(df.loc[refused, col].iloc[0]),
                action="field_cleared",
            )
        out[target] = values.mask(refused | bad)


def _codes_and_texts(cells: Cells, keys: pd.Series, extract: date | None, source: str) -> None:
    """Municipality key, postcode, text columns and the provenance columns."""
    df, out = cells.df, cells.out
    out["municipality_key"] = keys
    plz = df[COL_PLZ] if COL_PLZ in df.columns else pd.Series(pd.NA, index=df.index)
    plz = plz.astype("string").replace("", pd.NA)
    plz_bad = plz.notna() & ~plz.str.fullmatch(_RE_PLZ).fillna(False)
    cells.report(
        plz_bad,
        COL_PLZ,
        "Postleitzahl is not 5 digits (leading zero lost?): value cleared",
        plz,
        "field_cleared",
    )
    out["postcode"] = plz.mask(plz_bad)
    for col, target in TEXT_COLUMNS.items():
        out[target] = (
            df[col].replace("", pd.NA)
            if col in df.columns
            else pd.Series(pd.NA, index=df.index, dtype="string")
        )
    out["temporary_shutdown_date"] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[s]")
    out["is_capacity_suspect"] = False
    out["source"] = source
    out["source_file"] = cells.run.file_name
    out["extract_date"] = pd.Timestamp(extract) if extract else pd.NaT


def _clear_out_of_range(cells: Cells) -> None:
    """Optional fields outside the schema's ranges are cleared (not the whole row)."""
    df, out = cells.df, cells.out
    for target in ("net_capacity_kw", "hub_height_m", "rotor_diameter_m", "storage_energy_kwh"):
        col_def = schema.UNITS.column(target)
        v = out[target]
        outside = v.notna() & (
            (v < col_def.min_value if col_def.min_value is not None else False)
            | (v > col_def.max_value if col_def.max_value is not None else False)
        )
        src_col = next(k for k, t in NUMBER_COLUMNS.items() if t == target)
        cells.report(
            outside,
            src_col,
            f"{col_def.label_de} outside the plausible range "
            f"({col_def.min_value:g}–{col_def.max_value if col_def.max_value else '∞'}): "
            "value cleared",
            df[src_col] if src_col in df.columns else None,
            "field_cleared",
        )
        out[target] = v.mask(outside)


def unit_frame(
    cells: Cells, keys: pd.Series, style: DateStyle, extract: date | None, source: str
) -> pd.Series:
    """Fill ``cells.out`` with the unit columns; return the mask of rows to reject."""
    cells.out["unit_id_mastr"] = cells.ids.str.upper()
    reject = _status_and_carrier(cells)
    reject |= _gross_capacity(cells)
    _optional_numbers(cells)
    _coordinates(cells)
    _dates(cells, style)
    _codes_and_texts(cells, keys, extract, source)
    _clear_out_of_range(cells)
    return reject
