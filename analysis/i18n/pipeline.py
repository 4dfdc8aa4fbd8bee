"""Texts (German, English): office lists, stages, findings and the Wind-Pipeline page."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- office lists: pipeline, hydrogen, area target, upload (etl/office) ----
    "nav_pipeline": ("Wind-Pipeline", "Wind pipeline"),
    "nav_hydrogen": ("Wasserstoff", "Hydrogen"),
    "nav_area_target": ("Flächenziel", "Area target"),
    "nav_upload": ("Listen hochladen", "Upload lists"),
    "office_old_build": (
        "Diese Datenbank wurde ohne die Listen des Amtes gebaut. Bitte neu aufbereiten.",
        "This database was built without the office's lists. Please rebuild it.",
    ),
    "pl_title": ("Wind-Pipeline", "Wind pipeline"),
    "pl_intro": (
        "Genehmigte und beantragte Windleistung aus der Genehmigungsliste des Amtes, "
        "abgeglichen mit dem MaStR – jedes Projekt nur einmal gezählt.",
        "Approved and applied-for wind capacity from the office's permit list, reconciled "
        "with the MaStR – every project counted once.",
    ),
    "pl_no_list": (
        "Keine Genehmigungsliste geladen: die Pipeline zeigt nur die im MaStR als „in "
        "Planung“ registrierten Anlagen. Vorlage und Upload: Seite „Listen hochladen“.",
        "No permit list loaded: the pipeline shows only units registered as planned in the "
        "MaStR. Template and upload: page “Upload lists”.",
    ),
    "pl_list_file": ("Genehmigungsliste: {file}", "Permit list: {file}"),
    "pl_m_installed": ("Wind installiert (MaStR)", "Wind installed (MaStR)"),
    "pl_m_pipeline": (
        "Wind-Pipeline: genehmigt + beantragt (brutto)",
        "Wind pipeline: approved + applied (gross)",
    ),
    "pl_m_pipeline_help": (
        "Alle im MaStR als „in Planung“ registrierten Windanlagen plus die beantragten, "
        "genehmigten und im Bau befindlichen Einträge der Liste (auch ohne MaStR-Eintrag). "
        "Ein Eintrag, der MaStR-Anlagen entspricht, zählt nur mit dem Teil seiner Leistung, "
        "den diese Anlagen nicht schon abdecken. Anlagen, deren Projekt die Liste als "
        "zurückgezogen oder abgelehnt führt, zählen nicht – die Liste gilt vor einem "
        "veralteten „in Planung“ im MaStR.",
        "All wind units registered as planned in the MaStR plus the applied, approved and "
        "under-construction entries of the list (also without a MaStR entry). An entry that "
        "corresponds to MaStR units adds only the part of its capacity those units do not "
        "already cover. Units whose project the list marks withdrawn or rejected are not "
        "counted – the list wins over a stale “planned” in the MaStR.",
    ),
    "pl_m_net": ("Pipeline netto (nach Rückbau)", "Pipeline net (after dismantling)"),
    "pl_m_net_help": (
        "Brutto minus die Leistung der Bestandsanlagen, die Repowering-Projekte laut Liste "
        "abbauen ({mw} MW).",
        "Gross minus the capacity of existing turbines that repowering projects dismantle "
        "according to the list ({mw} MW).",
    ),
    "pl_rules_caption": (
        "Davon im MaStR in Planung {mastr} MW, nur aus der Liste {list} MW. Stufen: beantragt "
        "{applied} MW · genehmigt {approved} MW · im Bau {building} MW. Im Bau ohne "
        "MaStR-Eintrag (mitgezählt): {building_mw} MW (Einträge: {n_building}). Zurückgezogen "
        "oder abgelehnt, im MaStR noch „in Planung“ (nicht gezählt): {closed_mw} MW, "
        "{closed_units} Anlagen (Einträge: {n_closed}).",
        "Of which planned in the MaStR {mastr} MW, from the list only {list} MW. Stages: "
        "applied {applied} MW · approved {approved} MW · under construction {building} MW. "
        "Under construction without a MaStR entry (counted): {building_mw} MW (entries: "
        "{n_building}). Withdrawn or rejected, still “planned” in the MaStR (not counted): "
        "{closed_mw} MW, {closed_units} units (entries: {n_closed}).",
    ),
    "pl_m_mastr": ("davon im MaStR in Planung", "of which planned in the MaStR"),
    "pl_m_list": ("davon nur aus der Liste", "of which from the list only"),
    "pl_installed_vs": ("Installiert und in der Pipeline", "Installed and in the pipeline"),
    "pl_installed_vs_caption": (
        "Installiert: Windanlagen in Betrieb laut MaStR. Pipeline: schraffiert = im MaStR "
        "als „in Planung“ registriert, voll = nur in der Genehmigungsliste.",
        "Installed: wind units in operation according to the MaStR. Pipeline: hatched = "
        "registered as planned in the MaStR, solid = in the permit list only.",
    ),
    "pl_bar_installed": ("installiert", "installed"),
    "pl_bar_pipeline": ("Pipeline", "pipeline"),
    "pl_installed": ("in Betrieb (MaStR)", "operating (MaStR)"),
    "pl_source_mastr": ("MaStR", "MaStR"),
    "pl_source_list": ("Liste", "list"),
    "pl_source_mastr_only": ("nur MaStR (in Planung)", "MaStR only (planned)"),
    "pl_funnel": (
        "Projekte nach heutigem Verfahrensstand",
        "Projects by their current stage",
    ),
    "pl_measure": ("Darstellung", "Show"),
    "pl_measure_mw": ("Leistung (MW)", "Capacity (MW)"),
    "pl_measure_turbines": ("Anlagen", "Turbines"),
    "pl_funnel_caption": (
        "Einträge der Genehmigungsliste nach ihrem heutigen Stand; jedes Projekt steht in "
        "genau einer Stufe. Das ist kein Trichter: die Balken zeigen keine Umwandlungsquote "
        "von Antrag zu Betrieb. Grau: im MaStR als „in Planung“ registrierte Anlagen, die in "
        "der Liste fehlen (als genehmigt gezählt).",
        "Entries of the permit list by their current stage; each project stands in exactly "
        "one stage. This is not a funnel: the bars show no conversion rate from application "
        "to operation. Grey: units registered as planned in the MaStR that are missing from "
        "the list (counted as approved).",
    ),
    "pl_by_municipality": ("Pipeline nach Gemeinde", "Pipeline by municipality"),
    "pl_by_municipality_table": ("Tabelle: alle Gemeinden", "Table: all municipalities"),
    "pl_col_counted": ("in der Pipeline gezählt (MW)", "counted in the pipeline (MW)"),
    "pl_durations": ("Wie lange Projekte in jeder Stufe sind", "Time spent in each stage"),
    "pl_axis_months": ("Monate in der Stufe", "Months in the stage"),
    "unit_months": ("Monate", "months"),
    "pl_ongoing": ("noch in der Stufe", "still in the stage"),
    "pl_finished": ("Stufe abgeschlossen", "stage completed"),
    "pl_median": ("Median {stage}: {months} Monate", "Median {stage}: {months} months"),
    "pl_durations_caption": (
        "Beantragt: vom Antrag bis zur Genehmigung; genehmigt: bis Baubeginn bzw. "
        "Inbetriebnahme; im Bau: bis Inbetriebnahme. Laufende Verfahren bis zum {date}.",
        "Applied: from application to permit; approved: until construction start or "
        "commissioning; under construction: until commissioning. Ongoing ones until {date}.",
    ),
    "pl_disagreements": ("Wo Liste und MaStR sich widersprechen", "Where list and MaStR disagree"),
    "pl_no_disagreements": ("Keine Widersprüche gefunden.", "No disagreements found."),
    "pl_finding_filter": ("Art des Widerspruchs", "Kind of disagreement"),
    "pl_all_findings": ("Alle", "All"),
    "pl_disagreements_caption": (
        "Zuordnung über MaStR-Nummern (Einheit SEE…, Genehmigung SGE…), sonst über Gemeinde, "
        "Leistung (±10 %) und Datum (±24 Monate). Leistungen weichen ab, wenn der Unterschied "
        "über 0,5 MW und 5 % liegt.",
        "Matched by MaStR numbers (unit SEE…, permit SGE…), else by municipality, capacity "
        "(±10 %) and date (±24 months). Capacities differ when the gap exceeds 0.5 MW and 5 %.",
    ),
    "pl_list_table": ("Die Genehmigungsliste", "The permit list"),
    "pl_col_finding": ("Befund", "Finding"),
    "pl_col_procedure": ("Verfahrens-Nr.", "Procedure id"),
    "pl_col_project": ("Projekt", "Project"),
    "pl_col_list_status": ("Status Liste", "Status list"),
    "pl_col_mastr_status": ("Status MaStR", "Status MaStR"),
    "pl_col_list_mw": ("MW Liste", "MW list"),
    "pl_col_mastr_mw": ("MW MaStR", "MW MaStR"),
    "pl_col_units": ("MaStR-Nummern", "MaStR ids"),
    "pl_col_turbines": ("WEA", "Turbines"),
    "pl_col_applied": ("Antrag", "Application"),
    "pl_col_permit": ("Genehmigung", "Permit"),
    "pl_col_source": ("Quelle", "Source"),
}
