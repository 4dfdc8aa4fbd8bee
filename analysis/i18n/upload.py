"""Texts (German, English): The Hochladen page."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "upl_title": ("Listen hochladen", "Upload lists"),
    "upl_intro": (
        "Eine ausgefüllte Vorlage (Genehmigungsliste, Wasserstoffprojekte, Windgebiete) "
        "prüfen und laden. Nur eine fehlerfreie Datei kann geladen werden.",
        "Check and load a filled-in template (permit list, hydrogen projects, wind areas). "
        "Only a file without errors can be loaded.",
    ),
    "upl_mode_demo": (
        "Demo-Modus: Hochladen ohne Passwort. Die Datei wird nur in {folder} gespeichert und "
        "ersetzt dort die Demo-Liste; die neue Datenbank ist wieder eine Demo-Datenbank.",
        "Demo mode: upload without a password. The file is saved only in {folder} and "
        "replaces the demo list there; the new database is a demo database again.",
    ),
    "upl_mode_secret": (
        "Die Datei wird nach {folder} gespeichert; danach wird die Datenbank neu aufbereitet "
        "und veröffentlicht.",
        "The file is saved to {folder}; then the database is rebuilt and published.",
    ),
    "upl_mode_off": (
        "Hochladen ist ausgeschaltet: für echte Daten ist ein Passwort nötig, das in der "
        "Umgebungsvariablen {env} gesetzt wird (siehe README). Alternativ die Datei nach "
        "data/raw legen und neu aufbereiten.",
        "Uploading is switched off: real data needs a password set in the environment "
        "variable {env} (see the README). Alternatively put the file into data/raw and rebuild.",
    ),
    "upl_secret": ("Upload-Passwort", "Upload password"),
    "upl_mode_locked": (
        "Für echte Daten ist das Upload-Passwort nötig.",
        "Real data needs the upload password.",
    ),
    "upl_secret_wrong": (
        "Das Passwort stimmt nicht. Nächster Versuch in {s} s.",
        "Wrong password. Next attempt in {s} s.",
    ),
    "upl_secret_wait": (
        "Zu viele Fehlversuche: das Passwort wurde nicht geprüft. Nächster Versuch in {s} s.",
        "Too many failed attempts: the password was not checked. Next attempt in {s} s.",
    ),
    "upl_checking": ("Datei wird geprüft …", "Checking the file …"),
    "upl_issues_capped": (
        "Gezeigt werden die ersten {shown} von {total} Problemen.",
        "Showing the first {shown} of {total} problems.",
    ),
    "upl_file": (
        "Datei wählen (XLSX, CSV, GeoPackage oder Shapefile als ZIP, höchstens {mb} MB)",
        "Choose a file (XLSX, CSV, GeoPackage or zipped Shapefile, at most {mb} MB)",
    ),
    "upl_file_help": (
        "Was die Datei ist, wird aus ihrem Inhalt erkannt, nicht aus der Endung.",
        "What the file is, is recognised from its content, not from its extension.",
    ),
    "upl_templates": ("Vorlagen herunterladen", "Download templates"),
    "upl_templates_text": (
        "Jede Vorlage hat ein Blatt „Erläuterung“ mit allen Spalten und erlaubten Werten.",
        "Each template has a sheet “Erläuterung” explaining every column and allowed value.",
    ),
    "upl_tpl_permits": ("Genehmigungsliste (XLSX)", "Permit list (XLSX)"),
    "upl_tpl_hydrogen": ("Wasserstoffprojekte (XLSX)", "Hydrogen projects (XLSX)"),
    "upl_tpl_areas": ("Windgebiete (GeoPackage)", "Wind areas (GeoPackage)"),
    "upl_recognised": ("Erkannte Liste: **{kind}**", "Recognised list: **{kind}**"),
    "upl_m_rows": ("Zeilen gelesen", "Rows read"),
    "upl_m_errors": ("Fehler", "Errors"),
    "upl_m_warnings": ("Hinweise", "Warnings"),
    "upl_kind_wind_permits": ("Genehmigungsliste", "Permit list"),
    "upl_kind_hydrogen_projects": ("Wasserstoffprojekte", "Hydrogen projects"),
    "upl_kind_wind_areas": ("Windgebiete", "Wind areas"),
    "upl_issues": ("Gefundene Probleme", "Problems found"),
    "upl_col_row": ("Zeile", "Row"),
    "upl_col_column": ("Spalte", "Column"),
    "upl_col_problem": ("Problem", "Problem"),
    "upl_col_value": ("Wert in der Datei", "Value in the file"),
    "upl_col_action": ("Folge", "Consequence"),
    "upl_not_loadable": (
        "{n} Fehler: bitte in der Datei beheben und erneut hochladen. Geladen wird nur eine "
        "fehlerfreie Datei.",
        "{n} error(s): please fix them in the file and upload it again. Only a file without "
        "errors is loaded.",
    ),
    "upl_empty": ("Die Datei enthält keine Einträge.", "The file holds no entries."),
    "upl_valid": (
        "Die Datei ist gültig: {rows} Einträge ({kind}).",
        "The file is valid: {rows} entries ({kind}).",
    ),
    "upl_warnings_note": (
        "Hinweise halten das Laden nicht auf; sie stehen danach auch unter „Daten & Qualität“.",
        "Warnings do not stop loading; afterwards they are also listed under “Data & quality”.",
    ),
    "upl_load": ("Laden und veröffentlichen", "Load and publish"),
    "upl_loading": (
        "Datenbank wird neu aufbereitet … (die bisherige bleibt bis zum Ende sichtbar)",
        "Rebuilding the database … (the current one stays visible until it is done)",
    ),
    "upl_build_failed": (
        "Die Aufbereitung ist fehlgeschlagen; die bisherige Datenbank bleibt veröffentlicht "
        "und die Datei wurde zurückgelegt (Ordner failed).",
        "The rebuild failed; the previous database stays published and the file was set "
        "aside (folder failed).",
    ),
    "upl_region_mismatch": (
        "Nicht geladen: Die App ist für {configured} eingestellt (EZ_REGION), die "
        "veröffentlichte Datenbank gilt aber für {served}. Die Datei wurde gegen {served} "
        "geprüft; es wurde nichts neu aufbereitet.",
        "Not loaded: the app is configured for {configured} (EZ_REGION), but the published "
        "database is for {served}. The file was checked against {served}; nothing was rebuilt.",
    ),
    "upl_not_in_build": (
        "Nicht geladen: Die neue Datenbank enthielt nur {found} der {expected} geprüften "
        "Einträge aus {file}; sie wurde nicht veröffentlicht, die bisherige bleibt.",
        "Not loaded: the new database held only {found} of the {expected} checked entries of "
        "{file}; it was not published, the previous one stays.",
    ),
    "upl_busy": (
        "Gerade bereitet ein anderer Vorgang die Datenbank auf (z. B. die nächtliche "
        "Aktualisierung). Bitte in einigen Minuten erneut laden; es wurde nichts geändert.",
        "Another process is rebuilding the database right now (e.g. the nightly refresh). "
        "Please load again in a few minutes; nothing was changed.",
    ),
    "upl_loaded": (
        "Geladen: {kind} mit {rows} Einträgen. Neue Datenbank {build} ist veröffentlicht; "
        "Wind-Pipeline jetzt {mw} MW.",
        "Loaded: {kind} with {rows} entries. New database {build} is published; wind "
        "pipeline now {mw} MW.",
    ),
    "upl_to_pipeline": ("Zur Wind-Pipeline", "Go to the wind pipeline"),
}
