"""Checks across the columns of one row, specific to each list (dates, MW per turbine, location)."""

from __future__ import annotations

from etl.office.model import Issue, RegionContext
from etl.office.row import ListRow
from etl.office.spec import HYDROGEN, WIND_PERMITS, normalise
from etl.office.tabular import Grid, cell_text

#: Plausible capacity per wind turbine (MW); outside it an entry is flagged.
MW_PER_TURBINE_RANGE = (0.5, 10.0)
#: Electricity per kg of hydrogen (kWh/kg, electrolysis incl. auxiliaries) and plausible
#: full-load hours of an electrolyser (h/a): MW and t/a outside them are flagged.
H2_KWH_PER_KG = (50.0, 55.0)
H2_FULL_LOAD_HOURS = (1_000.0, 8_760.0)


def permit_checks(row: ListRow, ctx: RegionContext) -> None:
    v = row.values
    f = WIND_PERMITS.field
    status = v.get("status")
    app, permit = v.get("application_date"), v.get("permit_date")
    if app and permit and permit < app:
        row.problem(
            f("permit_date"),
            "permit_before_application",
            "the permit date lies before the application date",
            action="flagged",
        )
    if status in ("approved", "under_construction", "operating") and not permit:
        row.problem(
            f("permit_date"),
            "permit_date_missing",
            f"status {status} but no permit date: the time in each stage cannot be shown",
            action="flagged",
            status=status,
        )
    if status == "applied" and permit:
        row.problem(
            f("permit_date"),
            "permit_date_but_applied",
            "status applied but a permit date is given: is the status out of date?",
            action="flagged",
        )
    if ctx.reference_date:
        for name in ("application_date", "permit_date", "commissioning_date"):
            d = v.get(name)
            if d and d > ctx.reference_date:
                row.problem(
                    f(name),
                    "date_in_future",
                    f"{f(name).header_en} lies in the future",
                    action="flagged",
                )
    mw, n = v.get("capacity_mw"), v.get("turbine_count")
    if mw and n:
        per = mw / n
        lo, hi = MW_PER_TURBINE_RANGE
        if not lo <= per <= hi:
            row.problem(
                f("capacity_mw"),
                "mw_per_turbine",
                f"{per:.2f} MW per turbine is implausible (kW entered as MW, or a wrong "
                "number of turbines?)",
                action="flagged",
                per_turbine=round(per, 2),
            )
    key = v.get("municipality_key")
    given = v.get("municipality_name_input")
    muni = ctx.municipalities.get(key) if key else None
    if muni and given and normalise(given) not in normalise(muni.name):
        row.problem(
            f("municipality_name_input"),
            "municipality_name_differs",
            f"the name {given!r} does not match key {key} ({muni.name}): the key is used",
            action="flagged",
            key=key,
            name=muni.name,
        )
    v["municipality_name"] = muni.name if muni else given


def hydrogen_checks(row: ListRow, ctx: RegionContext) -> None:
    v = row.values
    f = HYDROGEN.field
    lat, lon = v.get("latitude"), v.get("longitude")
    lat_cell, lon_cell = row.cell("latitude"), row.cell("longitude")
    if (lat is None) != (lon is None):
        if lat_cell.is_empty or lon_cell.is_empty:
            row.problem(
                f("latitude"),
                "coordinates_incomplete",
                "only one of latitude and longitude is given: both are needed",
                action="field_cleared",
                column=f"{row.header('latitude')}/{row.header('longitude')}",
                raw=f"{cell_text(lat_cell)}, {cell_text(lon_cell)}",
            )
        v["latitude"] = v["longitude"] = None
        lat = lon = None
    key = v.get("municipality_key")
    if lat is None and lon is None:
        if key is None:
            coord_headers = {row.header("latitude"), row.header("longitude")}
            coord_issues = [
                i
                for i in row.issues
                if i.is_error and (i.column in coord_headers or "/" in (i.column or ""))
            ]
            if coord_issues:
                for i in coord_issues:
                    i.action = "row_rejected"
                    i.reason = i.reason.replace(
                        "; value dropped, row kept", "; no other location given: row rejected"
                    )
                row.rejected = True
            else:
                row.problem(
                    f("municipality_key"),
                    "location_missing",
                    "neither a municipality key nor coordinates: the project cannot be placed",
                    action="row_rejected",
                )
            return
        muni = ctx.municipalities.get(key)
        v["latitude"] = muni.centroid_latitude if muni else None
        v["longitude"] = muni.centroid_longitude if muni else None
        v["is_location_approximate"] = True
        v["municipality_name"] = muni.name if muni else None
    else:
        v["is_location_approximate"] = False
        if ctx.has_geometries:
            at = ctx.municipality_at(lon, lat)
            if at is None:
                row.problem(
                    f("latitude"),
                    "coordinates_outside_region",
                    f"the coordinates {lat:.5f}, {lon:.5f} lie outside the region",
                    action="row_rejected",
                    column=f"{row.header('latitude')}/{row.header('longitude')}",
                    raw=f"{cell_text(lat_cell)}, {cell_text(lon_cell)}",
                )
                return
            if key and key != at.key:
                row.problem(
                    f("municipality_key"),
                    "coordinates_other_municipality",
                    f"the coordinates lie in {at.name} ({at.key}), not in {key}: {at.key} is used",
                    action="flagged",
                    key=key,
                    found=at.key,
                    name=at.name,
                )
            v["municipality_key"] = at.key
            v["municipality_name"] = at.name
        else:
            muni = ctx.municipalities.get(key) if key else None
            v["municipality_name"] = muni.name if muni else None
    _hydrogen_full_load_hours(row)
    if v.get("project_type") == "electrolysis" and v.get("electrolyser_mw") is None:
        row.problem(
            f("electrolyser_mw"),
            "electrolyser_mw_missing",
            "an electrolysis project without electrolyser capacity (MW)",
            action="flagged",
        )


def _hydrogen_full_load_hours(row: ListRow) -> None:
    """Flag MW and t/a that imply full-load hours outside 1,000–8,760 h at 50–55 kWh/kg."""
    mw, tons = row.values.get("electrolyser_mw"), row.values.get("hydrogen_output_t_per_year")
    if not mw or not tons:
        return
    # t/a × 1,000 kg/t × kWh/kg = kWh/a; / (MW × 1,000 kW/MW) = full-load hours
    low, high = (tons * kwh / mw for kwh in H2_KWH_PER_KG)
    lo, hi = H2_FULL_LOAD_HOURS
    if lo <= high and low <= hi:
        return
    f = HYDROGEN.field
    row.problem(
        f("hydrogen_output_t_per_year"),
        "h2_full_load_hours",
        f"{mw:g} MW and {tons:g} t/a imply {low:,.0f}–{high:,.0f} full-load hours a year at "
        f"{H2_KWH_PER_KG[0]:g}–{H2_KWH_PER_KG[1]:g} kWh/kg (plausible: {lo:,.0f}–{hi:,.0f} h): "
        "MW or t/a wrong?",
        action="flagged",
        column=f"{row.header('electrolyser_mw')}/{row.header('hydrogen_output_t_per_year')}",
        raw=f"{cell_text(row.cell('electrolyser_mw'))}; "
        f"{cell_text(row.cell('hydrogen_output_t_per_year'))}",
        low=round(low),
        high=round(high),
    )


CHECKS = {"wind_permits": permit_checks, "hydrogen_projects": hydrogen_checks}


def swap_hint(issues: list[Issue], rows_grid: Grid, mapping: dict[str, int]) -> None:
    """Say so when latitude and longitude look swapped (11.x as latitude, 53.x as longitude)."""
    for i in issues:
        if i.code in ("below_min", "above_max") and i.column in (
            rows_grid.headers[mapping["latitude"]] if "latitude" in mapping else None,
            rows_grid.headers[mapping["longitude"]] if "longitude" in mapping else None,
        ):
            i.reason += " (latitude and longitude swapped?)"
