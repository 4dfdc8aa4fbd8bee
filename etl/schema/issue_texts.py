"""Texts (German, English) of the problems found in office lists (``iss_<code>``).

They live in the schema package because two layers need them: the ETL writes the
German text of each office finding into ``meta_rejected_rows.reason_de``, and the
dashboard (through :mod:`analysis.i18n.issues`) shows them on the upload page.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "iss_unknown_code": (
        "„{value}“ ist kein erlaubter Wert (erlaubt: {allowed})",
        "“{value}” is not an allowed value (allowed: {allowed})",
    ),
    "iss_ags_outside_region": (
        "Gemeindeschlüssel {key} liegt außerhalb der Region ({prefix}…)",
        "Municipality key {key} lies outside the region ({prefix}…)",
    ),
    "iss_not_a_number": (
        "„{raw}“ ist keine Zahl – bitte nur die Zahl eintragen",
        "“{raw}” is not a number – enter the number only",
    ),
    "iss_ambiguous_number": (
        "„{raw}“ ist mehrdeutig (4,2 oder 4200?) – bitte z. B. 4,2 oder 4200 schreiben",
        "“{raw}” is ambiguous (4.2 or 4200?) – write e.g. 4,2 or 4200",
    ),
    "iss_duplicate_id": (
        "Nummer „{value}“ steht schon in Zeile {first_row} – jede Nummer nur einmal",
        "Id “{value}” is already used in row {first_row} – each id only once",
    ),
    "iss_empty_row": (
        "Leere Zeile zwischen Einträgen – löschen oder ausfüllen",
        "Empty row between entries – delete it or fill it in",
    ),
    "iss_formula": (
        "Formel ({formula}) – Formeln werden nicht berechnet, bitte den Wert eintragen",
        "Formula ({formula}) – formulas are not evaluated, enter the value",
    ),
    "iss_required": ("Pflichtangabe fehlt", "Required value missing"),
    "iss_below_min": (
        "{value} ist kleiner als der kleinste plausible Wert {min}",
        "{value} is below the smallest plausible value {min}",
    ),
    "iss_above_max": (
        "{value} ist größer als der größte plausible Wert {max}",
        "{value} is above the largest plausible value {max}",
    ),
    "iss_not_an_integer": ("„{raw}“ ist keine ganze Zahl", "“{raw}” is not a whole number"),
    "iss_not_a_date": (
        "„{raw}“ ist kein Datum – bitte TT.MM.JJJJ schreiben (z. B. 05.11.2024)",
        "“{raw}” is not a date – write DD.MM.YYYY (e.g. 05.11.2024)",
    ),
    "iss_invalid_date": ("„{raw}“ gibt es nicht als Datum", "“{raw}” is not a valid date"),
    "iss_implausible_date": (
        "„{raw}“ liegt außerhalb {min}–{max}",
        "“{raw}” lies outside {min}–{max}",
    ),
    "iss_number_not_date": (
        "„{raw}“ ist eine Zahl, kein Datum – Zelle als Datum formatieren",
        "“{raw}” is a number, not a date – format the cell as a date",
    ),
    "iss_implausible_year": ("{value} ist kein plausibles Jahr", "{value} is not a plausible year"),
    "iss_invalid_ags": (
        "„{raw}“ ist kein 8-stelliger Gemeindeschlüssel (z. B. 13076001)",
        "“{raw}” is not an 8-digit municipality key (e.g. 13076001)",
    ),
    "iss_ags_zero_restored": (
        "Gemeindeschlüssel {key}: die von Excel entfernte führende Null wurde ergänzt",
        "Municipality key {key}: the leading zero removed by Excel was restored",
    ),
    "iss_ags_unknown": (
        "Gemeindeschlüssel {key} fehlt in den Gemeindegrenzen (Gemeinde fusioniert?)",
        "Municipality key {key} is not in the boundary data (merged municipality?)",
    ),
    "iss_invalid_mastr_id": (
        "„{value}“ ist keine MaStR-Nummer (3 Buchstaben + 12 Ziffern, z. B. SEE912345678901)",
        "“{value}” is not a MaStR number (3 letters + 12 digits, e.g. SEE912345678901)",
    ),
    "iss_missing_column": (
        "Pflichtspalte „{column}“ fehlt – keine Zeile kann geladen werden",
        "Required column “{column}” is missing – no row can be loaded",
    ),
    "iss_duplicate_column": (
        "Spalte „{column}“ kommt doppelt vor (auch als „{other}“)",
        "Column “{column}” appears twice (also as “{other}”)",
    ),
    "iss_unknown_column": (
        "Spalte „{column}“ gehört nicht zur Vorlage – ihre Werte werden ignoriert",
        "Column “{column}” is not part of the template – its values are ignored",
    ),
    "iss_unnamed_column": (
        "Spalte {index} hat Werte, aber keine Überschrift – ihre Werte werden ignoriert",
        "Column {index} has values but no header – its values are ignored",
    ),
    "iss_permit_before_application": (
        "Genehmigungsdatum liegt vor dem Antragsdatum",
        "Permit date lies before the application date",
    ),
    "iss_permit_date_missing": (
        "Status „{status}“, aber kein Genehmigungsdatum",
        "Status “{status}” but no permit date",
    ),
    "iss_permit_date_but_applied": (
        "Status beantragt, aber ein Genehmigungsdatum ist eingetragen – Status veraltet?",
        "Status applied but a permit date is given – status out of date?",
    ),
    "iss_date_in_future": ("Datum liegt in der Zukunft", "Date lies in the future"),
    "iss_mw_per_turbine": (
        "{per_turbine} MW je Anlage sind unplausibel (kW statt MW? falsche Anlagenzahl?)",
        "{per_turbine} MW per turbine is implausible (kW instead of MW? wrong count?)",
    ),
    "iss_municipality_name_differs": (
        "Name passt nicht zum Schlüssel {key} ({name}) – der Schlüssel gilt",
        "Name does not match key {key} ({name}) – the key is used",
    ),
    "iss_coordinates_incomplete": (
        "Nur Breiten- oder Längengrad angegeben – beide nötig",
        "Only latitude or longitude given – both are needed",
    ),
    "iss_location_missing": (
        "Weder Gemeindeschlüssel noch Koordinaten – das Projekt kann nicht verortet werden",
        "Neither municipality key nor coordinates – the project cannot be placed",
    ),
    "iss_coordinates_outside_region": (
        "Die Koordinaten liegen außerhalb der Region",
        "The coordinates lie outside the region",
    ),
    "iss_coordinates_other_municipality": (
        "Die Koordinaten liegen in {name} ({found}), nicht in {key} – {found} wird verwendet",
        "The coordinates lie in {name} ({found}), not in {key} – {found} is used",
    ),
    "iss_h2_full_load_hours": (
        "Leistung und Menge ergeben {low}–{high} Volllaststunden im Jahr (bei 50–55 kWh/kg; "
        "plausibel 1.000–8.760 h) – MW oder t/a falsch?",
        "Capacity and output imply {low}–{high} full-load hours a year (at 50–55 kWh/kg; "
        "plausible 1,000–8,760 h) – MW or t/a wrong?",
    ),
    "iss_electrolyser_mw_missing": (
        "Elektrolyse-Projekt ohne Elektrolyseleistung (MW)",
        "Electrolysis project without electrolyser capacity (MW)",
    ),
    "iss_geometry_repaired": (
        "Ungültiges Polygon (selbstüberschneidend?) wurde repariert",
        "Invalid polygon (self-intersecting?) was repaired",
    ),
    "iss_empty_geometry": ("Objekt ohne Fläche", "Feature without area"),
    "iss_not_a_polygon": (
        "Ein(e) {geom_type} ist keine Fläche – nur Polygone",
        "A {geom_type} is not an area – polygons only",
    ),
    "iss_area_outside_region": (
        "Gebiet liegt außerhalb der Region – falsches Koordinatensystem?",
        "Area lies outside the region – wrong coordinate reference system?",
    ),
    "iss_area_partly_outside": (
        "Gebiet reicht über die Region hinaus – nur der Teil darin zählt",
        "Area reaches beyond the region – only the part inside counts",
    ),
    "iss_no_crs": (
        "Kein Koordinatensystem (fehlt die .prj-Datei?) – Flächen können nicht verortet werden",
        "No coordinate reference system (.prj missing?) – areas cannot be placed",
    ),
    "iss_missing_status": (
        "Kein Status-Attribut (Entwurf/ausgewiesen) und der Ebenenname sagt es nicht",
        "No status attribute (draft/designated) and the layer name does not say it",
    ),
    "iss_xlsx_macros": (
        "Die Arbeitsmappe enthält Makros – bitte als normale .xlsx speichern",
        "The workbook contains macros – save it as a plain .xlsx",
    ),
    "iss_xls_format": (
        "Altes Excel-Format (.xls) – bitte als .xlsx speichern",
        "Old Excel format (.xls) – save it as .xlsx",
    ),
    "iss_no_header": (
        "Keine Überschriftenzeile einer bekannten Liste gefunden – Spaltennamen der Vorlage "
        "verwenden",
        "No header row of a known list found – use the template's column names",
    ),
    "iss_upload_type": (
        "Dateityp nicht erlaubt (erlaubt: {allowed})",
        "File type not accepted (allowed: {allowed})",
    ),
    "iss_upload_size": (
        "Datei zu groß (höchstens {limit} MB)",
        "File too large (at most {limit} MB)",
    ),
    "iss_upload_mismatch": (
        "Die Datei heißt .{ext}, ist aber {content} – bitte richtig speichern",
        "The file is named .{ext} but is {content} – please save it properly",
    ),
    "iss_upload_unknown": (
        "Inhalt ist weder XLSX, CSV, GeoPackage noch ein gezipptes Shapefile",
        "Content is neither XLSX, CSV, GeoPackage nor a zipped Shapefile",
    ),
    "iss_zip_without_shapefile": (
        "Das ZIP enthält kein Shapefile (.shp) und kein GeoPackage",
        "The zip holds no Shapefile (.shp) and no GeoPackage",
    ),
    "iss_zip_several_files": (
        "Das ZIP enthält mehrere Shapefiles/GeoPackages – bitte einzeln hochladen",
        "The zip holds several Shapefiles/GeoPackages – upload one at a time",
    ),
    "iss_shapefile_incomplete": (
        "Dem Shapefile fehlt die Datei {part} – alle Teile als ein ZIP hochladen",
        "The Shapefile lacks its {part} file – upload all parts as one zip",
    ),
    "iss_too_many_rows": (
        "Zu viele Zeilen: höchstens {limit} (Zeile {rows} erreicht) – Prüfung abgebrochen",
        "Too many rows: at most {limit} (row {rows} reached) – check stopped",
    ),
    "iss_too_many_columns": (
        "Zu viele Spalten: Zeile {row} hat einen Wert in Spalte {column}, erlaubt sind "
        "höchstens {limit} Spalten – Prüfung abgebrochen",
        "Too many columns: row {row} has a value in column {column}; at most {limit} columns "
        "are allowed – check stopped",
    ),
    "iss_too_many_cells": (
        "Zu viele gefüllte Zellen: höchstens {limit} – Prüfung abgebrochen",
        "Too many filled cells: at most {limit} – check stopped",
    ),
    "iss_archive_too_large": (
        "Die Datei entpackt sich zu mehr als {limit} MB (bei {member}) – abgelehnt",
        "The file unpacks to more than {limit} MB (at {member}) – refused",
    ),
    "iss_archive_damaged": (
        "Das Archiv ist beschädigt oder seine Größenangaben stimmen nicht ({member}: {error})",
        "The archive is damaged or its size headers are false ({member}: {error})",
    ),
    "iss_archive_members": (
        "Das Archiv hat {members} Einträge, erlaubt sind höchstens {limit}",
        "The archive has {members} members; at most {limit} are allowed",
    ),
    "iss_csv_unreadable": (
        "Die Datei lässt sich nicht als CSV lesen ({error})",
        "The file cannot be read as CSV ({error})",
    ),
    "iss_csv_encoding": (
        "Die Datei ist kein Text in UTF-8 oder Windows-1252 (ist es eine CSV-Datei?)",
        "The file is not text in UTF-8 or Windows-1252 (is it a CSV file?)",
    ),
    "iss_xlsx_unreadable": (
        "Die Arbeitsmappe lässt sich nicht lesen ({error})",
        "The workbook cannot be read ({error})",
    ),
    "iss_geodata_unreadable": (
        "Die Geodaten lassen sich nicht lesen ({error})",
        "The geodata cannot be read ({error})",
    ),
    "iss_no_polygons": (
        "Die Datei enthält keine Ebene mit Geometrien",
        "The file holds no layer with geometries",
    ),
    "iss_upload_memory": (
        "Die Prüfung bräuchte mehr als {limit} MB Arbeitsspeicher – Datei abgelehnt",
        "Checking the file needs more than {limit} MB of memory – file refused",
    ),
    "iss_upload_timeout": (
        "Die Prüfung dauert länger als {limit} s – Datei abgelehnt",
        "Checking the file takes longer than {limit} s – file refused",
    ),
    "iss_upload_crashed": (
        "Die Prüfung wurde abgebrochen (Code {exit_code}), vermutlich an der Speichergrenze von "
        "{limit} MB – Datei abgelehnt",
        "The check was stopped (code {exit_code}), probably at its memory limit of {limit} MB – "
        "file refused",
    ),
    "iss_upload_busy": (
        "Gerade wird eine andere Datei geprüft (länger als {seconds} s) – bitte gleich noch "
        "einmal versuchen",
        "Another file is being checked (for more than {seconds} s) – please try again shortly",
    ),
    "iss_upload_error": (
        "Die Datei lässt sich nicht prüfen ({error})",
        "The file cannot be checked ({error})",
    ),
}


def issue_text(
    code: str, params: dict[str, object], raw_value: str | None, lang: str
) -> str | None:
    """The text of problem ``code`` in ``lang`` (``"de"``/``"en"``), or None without a template."""
    pair = TEXTS.get(f"iss_{code}")
    if pair is None:
        return None
    values = dict(params)
    values.setdefault("raw", raw_value or "")
    try:
        return (pair[1] if lang == "en" else pair[0]).format(**values)
    except (KeyError, IndexError, ValueError):
        return None
