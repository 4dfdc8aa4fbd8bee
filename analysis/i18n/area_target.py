"""Texts (German, English): The Flächenziel page, wind-area statuses and unit locations."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "at_title": ("Flächenziel Wind", "Wind area target"),
    "at_intro": (
        "Ausgewiesene und im Entwurf befindliche Windgebiete im Vergleich mit den Zielen des "
        "Wind-an-Land-Gesetzes für Mecklenburg-Vorpommern: 1,4 % der Landesfläche bis Ende "
        "2027, 2,1 % bis Ende 2032.",
        "Designated and draft wind areas compared with the Wind-an-Land targets for "
        "Mecklenburg-Vorpommern: 1.4 % of the land area by end of 2027, 2.1 % by end of 2032.",
    ),
    "at_no_list": (
        "Keine Windgebiete geladen: ohne die Gebietsliste lässt sich kein Flächenanteil "
        "berechnen. Vorlage und Upload: Seite „Listen hochladen“.",
        "No wind areas loaded: without the list of areas no share can be computed. "
        "Template and upload: page “Upload lists”.",
    ),
    "at_binding_unit": (
        "Maßgeblich für das Flächenziel ist die Planungsregion Westmecklenburg (Regionaler "
        "Planungsverband Westmecklenburg, Regionales Raumentwicklungsprogramm, Kapitel "
        "Energie); die Ziele des Wind-an-Land-Gesetzes (1,4 % bis Ende 2027, 2,1 % bis Ende "
        "2032) gelten für das Land Mecklenburg-Vorpommern. Kreis und Gemeinden sind keine "
        "Zieleinheit – ihr Anteil ist ein Anhaltspunkt.",
        "The binding unit for the area target is the planning region Westmecklenburg "
        "(Regionaler Planungsverband Westmecklenburg, regional plan, chapter “Energie”); the "
        "targets of the Wind-an-Land law (1.4 % by end of 2027, 2.1 % by end of 2032) apply "
        "to the Land Mecklenburg-Vorpommern. District and municipalities are not target "
        "units – their share is indicative.",
    ),
    "at_list_file": ("Windgebiete: {file}", "Wind areas: {file}"),
    "at_m_land": ("Fläche", "Land area"),
    "at_m_designated": ("Ausgewiesen · Ziel 2027", "Designated · target 2027"),
    "at_m_designated_2032": ("Ausgewiesen · Ziel 2032", "Designated · target 2032"),
    "at_m_draft": ("Entwürfe (Potenzial)", "Drafts (potential)"),
    "at_m_draft_delta": ("zählen noch nicht · {km2} km²", "do not count yet · {km2} km²"),
    "at_vs_target": ("{diff} %-Punkte ggü. {target} %", "{diff} pp vs. {target} %"),
    "at_km2": ("{km2} km²", "{km2} km²"),
    "at_pp": ("%-Punkte", "pp"),
    "at_m_inside": ("Windleistung in Gebieten", "Wind capacity inside areas"),
    "at_inside_mw": ("{mw} von {total} MW in Betrieb", "{mw} of {total} MW operating"),
    "at_share": ("Anteil an der Fläche und Ziele", "Share of the area and targets"),
    "at_share_caption": (
        "Nur ausgewiesene Gebiete zählen für das Ziel; Entwürfe sind Potenzial und werden "
        "getrennt gezeigt, soweit sie nicht schon ausgewiesen sind. Überlappende Gebiete "
        "werden nur einmal gezählt. Rot: Ziel nicht erreicht.",
        "Only designated areas count towards the target; drafts are potential and shown "
        "separately where not already designated. Overlapping areas count once. Red: target "
        "not reached.",
    ),
    "at_units": ("Windanlagen innerhalb und außerhalb", "Wind turbines inside and outside"),
    "at_units_caption": (
        "Anlagen ohne öffentliche Koordinaten lassen sich keinem Gebiet zuordnen.",
        "Units without public coordinates cannot be placed in an area.",
    ),
    "at_map": ("Windgebiete und Anlagen", "Wind areas and turbines"),
    "at_by_municipality": ("Nach Gemeinde", "By municipality"),
    "at_col_land": ("Fläche (km²)", "Area (km²)"),
    "at_col_designated": ("ausgewiesen (km²)", "designated (km²)"),
    "at_col_draft": ("Entwurf (km²)", "draft (km²)"),
    "at_col_share": ("Anteil Windgebiete", "Share wind areas"),
    "at_col_inside": ("WEA in Gebieten (Anzahl / MW)", "Turbines inside (number / MW)"),
    "at_col_outside": ("WEA außerhalb (Anzahl / MW)", "Turbines outside (number / MW)"),
    "at_table_caption": (
        "Anlagen in Betrieb mit öffentlichen Koordinaten.",
        "Units in operation with public coordinates.",
    ),
    "at_areas_table": ("Die Windgebiete", "The wind areas"),
    "at_col_id": ("Gebiet", "Area"),
    "at_col_name": ("Name", "Name"),
    "at_col_plan": ("Plan", "Plan"),
    "at_col_area": ("Fläche (km²)", "Area (km²)"),
    "at_designated": ("ausgewiesen", "designated"),
    "at_draft_potential": ("Entwurf (Potenzial)", "draft (potential)"),
    "at_target_line": ("Ziel {year}: {share} %", "Target {year}: {share} %"),
    "at_axis_share": ("Anteil an der Fläche (%)", "Share of the area (%)"),
}
