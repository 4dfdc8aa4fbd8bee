"""Write the office's templates (XLSX with explanation sheet, CSV, GeoPackage) and their README.

The templates in ``data/raw/templates/`` are generated from the list
definitions in :mod:`etl.office.spec` (run ``python -m etl.office.templates``
to regenerate them), so the column names, help texts and allowed values are
the same ones the readers accept. The same writers produce the demo lists and
the test fixtures, so those are in exactly the template formats.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path

from etl.config import PROJECT_ROOT
from etl.office.spec import (
    AREA_STATUS_LABELS,
    HYDROGEN,
    LIST_SPECS,
    WIND_AREA_ATTRIBUTES,
    WIND_AREA_PREFIXES,
    WIND_AREAS_TEMPLATE_STEM,
    WIND_PERMITS,
    Field,
    ListSpec,
)

TEMPLATES_DIR = PROJECT_ROOT / "data" / "raw" / "templates"
#: Fixed timestamp inside generated XLSX files, so regenerating gives the same bytes.
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
#: Rows below the header prepared with formats and drop-downs in the XLSX template.
PREPARED_ROWS = 500
EXPLANATION_SHEET = "Erläuterung"
_DATE_FORMAT = "DD.MM.YYYY"
_HEADER_FILL = "FFDDEBF7"
_REQUIRED_FILL = "FFFCE4D6"

Row = Mapping[str, object]


def _display(f: Field, value: object) -> object:
    """A value as staff would type it into the template (codes as German labels)."""
    if value is None:
        return None
    if f.kind == "code" and f.codes and value in f.codes:
        return f.codes[value][0]
    return value


def _csv_text(f: Field, value: object) -> str:
    v = _display(f, value)
    if v is None:
        return ""
    if isinstance(v, datetime | date):
        return v.strftime("%d.%m.%Y")
    if isinstance(v, float):
        text = f"{v:.6f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(v)


def _fix_zip_times(path: Path) -> None:
    """Rewrite a zip (XLSX) with fixed member timestamps: regenerating gives the same bytes."""
    data = path.read_bytes()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = src.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>2026-01-01T00:00:00Z\2", content
                )
            dst.writestr(fixed, content)
    path.write_bytes(out.getvalue())


def write_list_xlsx(
    path: Path,
    spec: ListSpec,
    rows: Iterable[Row] = (),
    *,
    headers: Mapping[str, str] | None = None,
    note: str | None = None,
) -> Path:
    """Write a list in the template's XLSX format: sheet "Liste" plus the explanation sheet.

    ``rows`` hold values by field name (codes may be given as stored codes).
    ``headers`` overrides header texts (e.g. English headers in tests).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = spec.sheet_de
    bold = Font(bold=True)
    for col, f in enumerate(spec.fields, start=1):
        cell = ws.cell(row=1, column=col, value=(headers or {}).get(f.name, f.header_de))
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if f.required else _HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = max(12, min(40, len(f.header_de) + 4))
    ws.freeze_panes = "A2"
    rows = list(rows)
    last = max(PREPARED_ROWS, len(rows) + 1)
    for col, f in enumerate(spec.fields, start=1):
        letter = get_column_letter(col)
        if f.kind == "code":
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(f.display_codes("de")) + '"',
                allow_blank=True,
                showErrorMessage=False,
            )
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{last}")
        fmt = {"ags": "@", "id": "@", "date": _DATE_FORMAT, "mastr_ids": "@"}.get(f.kind)
        if fmt and not rows:
            for r in range(2, last + 1):
                ws.cell(row=r, column=col).number_format = fmt
    for r, row in enumerate(rows, start=2):
        for col, f in enumerate(spec.fields, start=1):
            value = _display(f, row.get(f.name))
            if f.kind == "mastr_ids" and value is None:
                value = row.get("mastr_ids")
            cell = ws.cell(row=r, column=col, value=value)
            if isinstance(value, date):
                cell.number_format = _DATE_FORMAT
            elif f.kind in ("ags", "id"):
                cell.number_format = "@"
    _explanation_sheet(wb.create_sheet(EXPLANATION_SHEET), spec, note)
    wb.properties.creator = "Energiezukunft LUP"
    wb.properties.created = datetime(2026, 1, 1)
    wb.properties.modified = datetime(2026, 1, 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    _fix_zip_times(path)
    return path


def _explanation_sheet(ws, spec: ListSpec, note: str | None) -> None:
    from openpyxl.styles import Alignment, Font

    ws["A1"] = spec.title_de
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = spec.title_en
    ws["A3"] = spec.intro_de
    ws["A4"] = spec.intro_en
    line = 5
    if note:
        ws.cell(row=line, column=1, value=note).font = Font(bold=True, color="FFC00000")
        line += 1
    line += 1
    heads = (
        "Spalte",
        "Column (English header, also accepted)",
        "Pflicht / required",
        "Erläuterung",
        "Explanation",
        "Beispiel / example",
        "Erlaubte Werte / allowed values",
    )
    for col, h in enumerate(heads, start=1):
        c = ws.cell(row=line, column=col, value=h)
        c.font = Font(bold=True)
    for f in spec.fields:
        line += 1
        allowed = ""
        if f.codes:
            allowed = "; ".join(f"{labels[0]} ({labels[1]})" for labels in f.codes.values())
        values = (
            f.header_de,
            f.header_en,
            "ja / yes" if f.required else "",
            f.help_de,
            f.help_en,
            f.example,
            allowed,
        )
        for col, v in enumerate(values, start=1):
            c = ws.cell(row=line, column=col, value=v)
            c.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", (24, 26, 12, 60, 60, 24, 40), strict=True):
        ws.column_dimensions[letter].width = width


def write_list_csv(
    path: Path,
    spec: ListSpec,
    rows: Iterable[Row] = (),
    *,
    headers: Mapping[str, str] | None = None,
) -> Path:
    """Write a list as CSV for German Excel: ``;``, decimal comma, UTF-8 with BOM."""
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([(headers or {}).get(f.name, f.header_de) for f in spec.fields])
    for row in rows:
        out = []
        for f in spec.fields:
            v = row.get(f.name)
            if f.kind == "mastr_ids" and v is None:
                v = row.get("mastr_ids")
            out.append(_csv_text(f, v))
        w.writerow(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return path


def write_wind_areas_gpkg(
    path: Path,
    features: Iterable[Mapping[str, object]] = (),
    crs: str = "EPSG:25832",
    layer: str = "windgebiete",
) -> Path:
    """Write wind areas as a GeoPackage (attributes id, name, status, plan; any CRS).

    ``features`` hold ``geometry`` (shapely, in ``crs``) and the attributes; a
    template without features gets an empty layer with the right columns.
    """
    import geopandas as gpd
    import pyogrio

    features = list(features)
    cols = [a.header_de for a in WIND_AREA_ATTRIBUTES]
    if features:
        frame = gpd.GeoDataFrame(
            [{c: f.get(c) for c in cols} for f in features],
            geometry=[f["geometry"] for f in features],
            crs=crs,
        )
    else:
        frame = gpd.GeoDataFrame({c: [] for c in cols}, geometry=[], crs=crs)
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2026-01-01T00:00:00.000Z"})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        frame.to_file(
            path, layer=layer, driver="GPKG", engine="pyogrio", geometry_type="MultiPolygon"
        )
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})
    return path


# --------------------------------------------------------------------------- #
# README
# --------------------------------------------------------------------------- #
def _md_list(spec: ListSpec) -> list[str]:
    prefixes = ", ".join(f"`{p}*.xlsx`/`.csv`" for p in spec.file_prefixes[:2])
    out = [
        f"## {spec.title_de} / {spec.title_en}",
        "",
        f"Template: `{spec.template_stem}.xlsx` (sheet `{spec.sheet_de}`, explanation sheet "
        f"`{EXPLANATION_SHEET}`) or `{spec.template_stem}.csv`. File name in `data/raw/`: "
        f"{prefixes}. Table: `{spec.table_name}`.",
        "",
        spec.intro_de,
        "",
        spec.intro_en,
        "",
        "| Spalte (Deutsch) | Column (English) | required | meaning | example |",
        "|---|---|---|---|---|",
    ]
    for f in spec.fields:
        help_text = f.help_en
        if f.codes:
            help_text += (
                " Allowed: "
                + ", ".join(f"`{labels[0]}` ({labels[1]})" for labels in f.codes.values())
                + "."
            )
        also = [a for a in f.aliases if a not in (f.header_de, f.header_en)][:4]
        if also:
            help_text += " Also accepted as header: " + ", ".join(f"`{a}`" for a in also) + "."
        out.append(
            f"| {f.header_de} | {f.header_en} | {'yes' if f.required else ''} | "
            f"{help_text.replace('|', '/')} | {f.example} |"
        )
    out.append("")
    return out


def _readme_general() -> list[str]:
    """README: purpose, file naming, how values are read, what is reported."""
    return [
        "# Office lists: templates",
        "",
        "Generated by `python -m etl.office.templates` from `etl/office/spec.py` — do not edit "
        "by hand. The coordination office keeps three lists the MaStR does not have: the wind "
        "permit pipeline (BImSchG procedures), hydrogen projects, and the regional plan's wind "
        "areas. Fill in a template, put it into `data/raw/` (or upload it on the dashboard's "
        "upload page) and rebuild (`energiezukunft etl`).",
        "",
        "## Files and naming",
        "",
        "| list | file name in `data/raw/` | template |",
        "|---|---|---|",
        f"| wind permit pipeline | `windpipeline*.xlsx` or `.csv` (also `windgenehmigung*`) | "
        f"`{WIND_PERMITS.template_stem}.xlsx`, `.csv` |",
        f"| hydrogen projects | `wasserstoff*.xlsx` or `.csv` (also `hydrogen*`) | "
        f"`{HYDROGEN.template_stem}.xlsx`, `.csv` |",
        f"| wind areas | `{WIND_AREA_PREFIXES[0]}*.gpkg`, `.shp` or `.zip` (one zipped "
        f"Shapefile) | `{WIND_AREAS_TEMPLATE_STEM}.gpkg` |",
        "",
        "Case does not matter; hidden files and Excel lock files (`~$…`) are ignored. If "
        "several files of one kind exist (also in `data/raw/uploads/`), the most recently "
        "modified one is read and the others are reported as flagged in `meta_rejected_rows`; "
        "generated demo lists (`*_DEMO.*`) count only when no other file of their kind exists. "
        "The files of this folder (`templates/`) are never read by the build.",
        "",
        "## How values are read",
        "",
        "- German or English column headers (see the tables below); column order does not "
        "matter; the header row may be preceded by title rows (first 15 rows are searched).",
        "- Numbers: decimal comma or point (`28,5`, `28.5`), German thousands separators "
        "(`1.200,5`). `4.200` is refused as ambiguous (4,2 or 4200?). Text such as `12 MW` or "
        "`ca. 30` is refused: write only the number in the unit of the column.",
        "- Dates: Excel date cells, `TT.MM.JJJJ` or `JJJJ-MM-TT`. Two-digit years and US dates "
        "are refused. *Geplante Inbetriebnahme* also takes `MM.JJJJ` (stored as the first of "
        "the month) or `JJJJ` (stored as 1 January).",
        "- Municipality keys (AGS): 8 digits as text; the key must lie in the configured region "
        "(default 13076, Ludwigslust-Parchim).",
        "- Formulas are never evaluated: a cell with a formula is reported (enter values). "
        "Macro workbooks (.xlsm) and old .xls files are refused.",
        "- CSV: `;` (or `,` / tab) separated, UTF-8 (with or without BOM) or Windows-1252.",
        "",
        "## What is reported",
        "",
        "Every problem goes to `meta_rejected_rows` with file, row (as numbered in Excel), "
        "column (as headed in the file), reason and raw value, and is shown per row on the "
        "upload page:",
        "",
        "- `row_rejected` (the row is not loaded): a required value missing or unreadable, an "
        "unknown status or type, a municipality key or coordinates outside the region, a "
        "duplicate id (the first row with the id is kept), an empty row between entries, a "
        "formula in a required column, a missing required column (then no row is loaded);",
        "- `field_cleared` (the row is loaded without the value): an unreadable optional value "
        "(e.g. text in *Nabenhöhe*, a formula, an invalid MaStR number);",
        "- `flagged` (loaded as is, marked): plausibility warnings — permit before application, "
        "status without the matching date, implausible MW per turbine, a date in the future, "
        "a name that does not match the key, coordinates in another municipality than the key, "
        "an unknown extra column (its values are ignored).",
        "",
        "The upload page loads a file only when nothing is `row_rejected` or `field_cleared`.",
        "",
    ]


def _readme_wind_areas() -> list[str]:
    """README: the wind-area layer, its attributes and status values."""
    area_status = ", ".join(
        f"`{labels[0]}` ({code})" for code, labels in AREA_STATUS_LABELS.items()
    )
    lines = [
        "## Windgebiete / Wind areas",
        "",
        f"Template: `{WIND_AREAS_TEMPLATE_STEM}.gpkg` (empty layer `windgebiete`, EPSG:25832). "
        "A GeoPackage or Shapefile (as a zip with `.shp`, `.shx`, `.dbf`, `.prj`) of designated "
        "or draft wind areas, polygons in any common CRS (EPSG:25832, 25833, 4326, …); the CRS "
        "must be set (a Shapefile needs its `.prj`). Table: `core_office__wind_areas`; areas "
        "are computed in EPSG:25832, overlapping areas are merged before shares are computed.",
        "",
        "| attribute | required | meaning | names accepted |",
        "|---|---|---|---|",
    ]
    for a in WIND_AREA_ATTRIBUTES:
        lines.append(
            f"| `{a.header_de}` | {'yes' if a.required else ''} | {a.help_en} | "
            + ", ".join(f"`{x}`" for x in a.aliases)
            + " |"
        )
    lines += [
        "",
        f"Status values: {area_status}, and their English or German synonyms. If the layer "
        "has no status attribute, its name must say it (e.g. a layer `entwurf` or "
        "`ausgewiesen`). Rejected per feature: empty or non-polygon geometry, unknown status, "
        "duplicate id, an area entirely outside the region (wrong CRS?). Flagged: repaired "
        "invalid polygons, areas reaching beyond the region (only the part inside counts).",
        "",
    ]
    return lines


def _readme_upload() -> list[str]:
    """README: upload on the dashboard and the demo lists."""
    return [
        "## Upload on the dashboard",
        "",
        "The page *Upload* accepts XLSX, CSV, GPKG and ZIP (zipped Shapefile) up to the "
        "configured size, checks the content (never the extension alone), shows every problem "
        "per row, and loads only a valid file: it is saved into `data/raw/uploads/` (older "
        "uploads of the same kind move to `data/raw/uploads/archive/`), then the ETL builds a "
        "new database and publishes it atomically.",
        "",
        "- Real data: the upload needs the secret from the environment variable "
        "`EZ_UPLOAD_SECRET`; without it the upload is switched off (the page says so).",
        "- Demo mode (the served database is the demo): no secret is needed, and the file is "
        "saved only into `data/raw/demo/uploads/`; the rebuild is again a demo build. "
        "Delete that folder to return to the plain demo lists.",
        "",
        "## Demo lists",
        "",
        "Without real data, the demo build writes `windpipeline_DEMO.xlsx`, "
        "`wasserstoff_DEMO.csv` and `windgebiete_DEMO.gpkg` into `data/raw/demo/` in exactly "
        "these formats (source column `Demo-Daten`; invented entries). The demo pipeline "
        "(MaStR planned plus approved and applied list entries, without double counting) "
        "totals 3,950 MW.",
        "",
    ]


def readme_markdown() -> str:
    """The README of ``data/raw/templates/``: formats, columns, checks, naming, upload."""
    lines = _readme_general()
    lines += _md_list(WIND_PERMITS)
    lines += [
        "Matching with the MaStR (page *Pipeline*): by the MaStR numbers given (`SEE…` unit "
        "numbers, `SGE…` permit numbers), otherwise by municipality, capacity (±10 %, ±25 % with "
        "the same number of turbines) and date (±24 months). The pipeline total counts every "
        "MaStR planned wind unit once and adds approved (`genehmigt`) and applied "
        "(`beantragt`) entries only with the capacity their matched MaStR units do not already "
        "cover.",
        "",
    ]
    lines += _md_list(HYDROGEN)
    lines += [
        "Location: give a municipality key, coordinates, or both. With coordinates only, the "
        "municipality is found from the boundaries; with a key only, the project is shown at "
        "the municipality's centre (marked approximate).",
        "",
    ]
    lines += _readme_wind_areas()
    lines += _readme_upload()
    return "\n".join(lines)


def write_templates(folder: Path = TEMPLATES_DIR) -> list[Path]:
    """(Re)write every template and the README into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for spec in LIST_SPECS.values():
        out.append(write_list_xlsx(folder / f"{spec.template_stem}.xlsx", spec))
        out.append(write_list_csv(folder / f"{spec.template_stem}.csv", spec))
    out.append(write_wind_areas_gpkg(folder / f"{WIND_AREAS_TEMPLATE_STEM}.gpkg"))
    readme = folder / "README.md"
    readme.write_text(readme_markdown(), encoding="utf-8")
    out.append(readme)
    return out


if __name__ == "__main__":  # pragma: no cover - CLI convenience
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES_DIR
    for p in write_templates(target):
        print(p)
