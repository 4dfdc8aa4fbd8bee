"""Texts (German, English): findings, incomplete builds and the publish gate."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "partial_banner": (
        "Unvollständig: Diese Datenbank wurde trotz fehlender Quellen veröffentlicht "
        "(--accept-partial). Es fehlt: {missing}",
        "Unvollständig (incomplete): this database was published although sources failed "
        "(--accept-partial). Missing: {missing}",
    ),
    "coverage_only": (
        "Nur {loaded} geladen: {missing} fehlen in dieser Datenbank. Summen, Karten und "
        "Anteile zeigen nur, was geladen ist.",
        "Only {loaded} loaded: {missing} are missing from this database. Totals, maps and "
        "shares show only what is loaded.",
    ),
    "coverage_lists": (
        "Listen der Koordinierungsstelle nicht geladen: {lists}.",
        "Office lists not loaded: {lists}.",
    ),
    "cov_wind": ("Windenergie", "wind power"),
    "cov_pv": ("Photovoltaik", "solar PV"),
    "cov_biomass": ("Biomasse", "biomass"),
    "cov_storage": ("Stromspeicher", "storage"),
    "cov_list_office_wind_permits": ("Genehmigungsliste Wind", "wind permit list"),
    "cov_list_office_hydrogen_projects": ("Wasserstoffprojekte", "hydrogen projects"),
    "cov_list_office_wind_areas": ("Windgebiete", "wind areas"),
    "partial_label": ("UNVOLLSTÄNDIG – es fehlt: {missing}", "INCOMPLETE – missing: {missing}"),
    "gate_title": ("Veröffentlichungsprüfung", "Publish gate"),
    "gate_first_build": (
        "Erste Veröffentlichung: nichts zum Vergleichen.",
        "First build: nothing to compare with.",
    ),
    "gate_demo": ("Demo-Daten: nicht verglichen.", "Demo data: not compared."),
    "gate_not_compared": (
        "Nicht verglichen: {reasons}.",
        "Not compared: {reasons}.",
    ),
    "gate_passed": (
        "Bestanden: kein Energieträger × Status verliert mehr als {threshold} "
        "gegenüber {compared}.",
        "Passed: no carrier × status loses more than {threshold} against {compared}.",
    ),
    "gate_accepted": (
        "Trotz Rückgang veröffentlicht (--accept-changes), Begründung: „{reason}“. "
        "Rückgang: {reasons}",
        "Published despite losses (--accept-changes), reason: “{reason}”. Losses: {reasons}",
    ),
    "gate_refused_last": (
        "Der letzte Lauf ({when}) wurde nicht veröffentlicht: {reasons}. Die neue Datenbank "
        "liegt zur Prüfung in refused/; angezeigt wird weiter {served}.",
        "The last run ({when}) was not published: {reasons}. The new database was kept in "
        "refused/ for inspection; {served} is still served.",
    ),
    "gate_col_item": ("Energieträger × Status / Größe", "Carrier × status / item"),
    "gate_col_old": ("veröffentlicht", "served"),
    "gate_col_new": ("neu", "new"),
    "gate_col_change": ("Änderung", "Change"),
    "gate_col_refused": ("abgelehnt", "refused"),
    "gate_units": ("Anlagen", "units"),
    "gate_mw": ("MW", "MW"),
    "gate_municipalities": ("Gemeinden mit Anlagen", "Municipalities with units"),
    "gate_data_date": ("Datenstand", "Data date"),
    "dq_findings_examples_note": (
        "Datei, Teildatei, Zeile/Element und MaStR-Nr. zeigen, wo ein Befund in der Quelle "
        "steht; „Feld in der Quelle“ ist der Name dort, „Spalte“ der in dieser Datenbank.",
        "File, member, row/element and MaStR id show where a finding sits in the source; "
        "“source field” is the name there, “column” the one in this database.",
    ),
    "src_mastr_bulk": ("MaStR-Gesamtdatenexport", "MaStR bulk export"),
    "src_mastr_web_csv": ("MaStR-Web-Export (CSV)", "MaStR web export (CSV)"),
    "src_bkg_vg250": ("Gemeindegrenzen (BKG)", "Municipal boundaries (BKG)"),
    "src_population": ("Einwohnerzahlen", "Population"),
    "src_office_wind_permits": ("Windenergie-Genehmigungen (Liste)", "Wind permits (list)"),
    "src_office_hydrogen_projects": ("Wasserstoffprojekte (Liste)", "Hydrogen projects (list)"),
    "src_office_wind_areas": ("Windenergiegebiete", "Wind energy areas"),
}
