"""Texts (German, English): The Wasserstoff page, hydrogen project types and statuses."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "h2_title": ("Wasserstoff", "Hydrogen"),
    "h2_intro": (
        "Die Wasserstoffprojekte aus der Liste des Amtes: wo, wann, wie groß – und wie viel "
        "erneuerbare Leistung in der Nähe steht.",
        "The hydrogen projects of the office's list: where, when, how large – and how much "
        "renewable capacity stands nearby.",
    ),
    "h2_no_list": (
        "Keine Wasserstoffliste geladen. Vorlage und Upload: Seite „Listen hochladen“.",
        "No hydrogen list loaded. Template and upload: page “Upload lists”.",
    ),
    "h2_list_file": ("Wasserstoffliste: {file}", "Hydrogen list: {file}"),
    "h2_m_projects": ("Projekte (aktiv)", "Projects (active)"),
    "h2_m_cancelled": ("{n} eingestellt", "{n} cancelled"),
    "h2_m_stage_operating": ("Elektrolyse in Betrieb", "Electrolysis operating"),
    "h2_m_stage_decided": (
        "beschlossen oder im Bau",
        "investment decided or under construction",
    ),
    "h2_m_stage_preparing": ("Idee bis Planung", "Idea to planning"),
    "h2_m_stage_delta": ("{t} t/a · {n} Projekt(e)", "{t} t/a · {n} project(s)"),
    "h2_stages_caption": (
        "Elektrolyseleistung (MW) und erwartete Wasserstoffmenge (t/a) je Projektstufe. Die "
        "Stufen werden bewusst nicht addiert: eine Projektidee ist keine Anlage.",
        "Electrolyser capacity (MW) and expected hydrogen output (t/a) per project stage. "
        "The stages are deliberately not added up: a project idea is not a plant.",
    ),
    "h2_map": ("Projekte auf der Karte", "Projects on the map"),
    "h2_approx": ("(Lage ungefähr: Gemeindemitte)", "(approximate: municipal centre)"),
    "h2_approx_note": (
        "{n} Projekt(e) ohne Koordinaten sind in der Gemeindemitte eingezeichnet.",
        "{n} project(s) without coordinates are shown at the municipal centre.",
    ),
    "h2_timeline": ("Zeitleiste (geplantes Jahr)", "Timeline (expected year)"),
    "h2_axis_year": ("Geplantes Jahr", "Expected year"),
    "h2_by_status": ("Elektrolyseleistung nach Status", "Electrolyser capacity by status"),
    "h2_axis_mw": ("Elektrolyseleistung (MW)", "Electrolyser capacity (MW)"),
    "h2_nearby": ("Erneuerbare Leistung in der Nähe", "Renewable capacity nearby"),
    "h2_radius": ("Umkreis", "Radius"),
    "h2_nearby_caption": (
        "Anlagen mit öffentlichen Koordinaten (ab 30 kW) im Umkreis von {radius} km; "
        "„gleiche Gemeinde“ zählt alle Anlagen der Gemeinde. Kapazität ist nicht gleich "
        "verfügbarer Strom.",
        "Units with public coordinates (30 kW and above) within {radius} km; “same "
        "municipality” counts all units of the municipality. Capacity is not available "
        "electricity.",
    ),
    "h2_carriers_note": ("Berücksichtigt: {carriers} u. a.", "Included: {carriers} etc."),
    "h2_list_table": ("Die Wasserstoffliste", "The hydrogen list"),
    "h2_col_id": ("ID", "Id"),
    "h2_col_project": ("Projekt", "Project"),
    "h2_col_operator": ("Betreiber", "Operator"),
    "h2_col_type": ("Art", "Type"),
    "h2_col_year": ("Jahr", "Year"),
    "h2_col_electrolyser": ("Elektrolyse (MW)", "Electrolyser (MW)"),
    "h2_col_output": ("H₂ (t/a)", "H₂ (t/yr)"),
    "h2_col_power": ("Stromquelle", "Electricity source"),
    "h2_col_funding": ("Förderung", "Funding"),
    "h2_col_same_muni": ("gleiche Gemeinde, in Betrieb (MW)", "same municipality, operating (MW)"),
    "h2_col_wind": ("Wind im Umkreis (MW)", "Wind within radius (MW)"),
    "h2_col_pv": ("PV im Umkreis (MW)", "PV within radius (MW)"),
    "h2_col_total": ("alle EE im Umkreis (MW)", "all renewables within radius (MW)"),
    "h2_col_planned": ("in Planung im Umkreis (MW)", "planned within radius (MW)"),
}
