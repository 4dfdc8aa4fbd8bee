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
        "Keine Windgebiete geladen. Vorlage und Upload: Seite „Listen hochladen“.",
        "No wind areas loaded. Template and upload: page “Upload lists”.",
    ),
    "at_list_file": ("Windgebiete: {file}", "Wind areas: {file}"),
    "at_m_land": ("Fläche", "Land area"),
    "at_m_designated": ("Anteil ausgewiesen", "Share designated"),
    "at_m_any": ("Anteil ausgewiesen + Entwurf", "Share designated + draft"),
    "at_vs_target": ("{diff} %-Punkte ggü. Ziel {year}", "{diff} pp vs. target {year}"),
    "at_km2": ("{km2} km²", "{km2} km²"),
    "at_m_inside": ("Windleistung in Gebieten", "Wind capacity inside areas"),
    "at_inside_mw": ("{mw} von {total} MW in Betrieb", "{mw} of {total} MW operating"),
    "at_share": ("Anteil an der Fläche und Ziele", "Share of the area and targets"),
    "at_share_caption": (
        "Überlappende Gebiete werden nur einmal gezählt; Entwürfe nur, soweit sie nicht "
        "schon ausgewiesen sind. Die Ziele gelten für das Land; für den Kreis ist der "
        "Vergleich ein Anhaltspunkt.",
        "Overlapping areas count once; drafts only where not already designated. The targets "
        "apply to the Land; for the district the comparison is indicative.",
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
    "at_designated_or_draft": ("ausgewiesen + Entwurf", "designated + draft"),
    "at_target_line": ("Ziel {year}: {share} %", "Target {year}: {share} %"),
    "at_axis_share": ("Anteil an der Fläche (%)", "Share of the area (%)"),
}
