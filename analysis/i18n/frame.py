"""Texts (German, English): app frame, filters, units, overview, briefing and assumptions."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- app frame -----------------------------------------------------------
    "app_title": ("Energiezukunft LUP", "Energiezukunft LUP"),
    "language": ("Sprache / Language", "Sprache / Language"),
    "nav_overview": ("Übersicht", "Overview"),
    "nav_growth": ("Ausbau", "Capacity growth"),
    "nav_map": ("Karte", "Map"),
    "nav_mix": ("Energiemix", "Energy mix"),
    "nav_municipality": ("Gemeinden", "Municipalities"),
    "nav_data": ("Daten & Qualität", "Data & quality"),
    "no_database": (
        "Es ist noch keine Datenbank veröffentlicht. Bitte zuerst die Daten aufbereiten "
        "(ohne Rohdaten entsteht eine Demo-Datenbank):",
        "No database has been published yet. Build one first "
        "(without raw data a demo database is built):",
    ),
    "served_broken_fallback": (
        "Die veröffentlichte Datenbank ({pointer}) kann nicht geöffnet werden. Angezeigt wird "
        "der letzte intakte Stand {fallback}. Details unter „Daten & Qualität“.",
        "The published database ({pointer}) cannot be opened. Showing the last intact build "
        "{fallback} instead. Details under “Data & quality”.",
    ),
    "served_broken_none": (
        "Die veröffentlichte Datenbank ({pointer}) kann nicht geöffnet werden, und es gibt "
        "keinen intakten älteren Stand. Bitte die Daten neu aufbereiten:",
        "The published database ({pointer}) cannot be opened, and no intact earlier build is "
        "kept. Please rebuild the data:",
    ),
    "dq_served_problem": ("Veröffentlichte Datenbank defekt", "Published database broken"),
    "dq_served_problem_text": (
        "Der Zeiger current.txt nennt {pointer}; diese Datei kann nicht verwendet werden "
        "(Fehler unten). Alle Seiten zeigen stattdessen {fallback}. Abhilfe: "
        "`energiezukunft etl` ausführen (ersetzt den Zeiger) und den Fehler prüfen.",
        "The pointer current.txt names {pointer}; that file cannot be used (error below). "
        "Every page shows {fallback} instead. Fix: run `energiezukunft etl` (replaces the "
        "pointer) and look into the error.",
    ),
    "demo_banner": (
        "Demo-Daten – bitte nicht als echte Zahlen zitieren. Echt sind die Gemeindegrenzen, "
        "die Einwohnerzahlen (31.12.2021) und die installierte Leistung je Gemeinde und "
        "Energieträger bis Ende 2024. Erfunden sind die einzelnen Anlagen mit Namen und "
        "Standorten, alle Speicher, der Zubau seit 2025, alle Planungen sowie die Listen zu "
        "Genehmigungen, Wasserstoffprojekten und Windgebieten.",
        "Demo-Daten (demo data) – please do not quote these as real figures. Real are the "
        "municipal boundaries, the population (31 Dec 2021) and each municipality's installed "
        "capacity by carrier up to the end of 2024. Invented are the individual units with "
        "their names and locations, all storage, everything added since 2025, all plans and "
        "the lists of permits, hydrogen projects and wind areas.",
    ),
    "demo_label": (
        "Demo-Daten: Grenzen, Einwohner und Gemeindesummen bis 2024 echt; Einzelanlagen, "
        "Planungen und Listen erfunden",
        "Demo-Daten (demo data): boundaries, population and municipal totals up to 2024 "
        "real; units, plans and lists invented",
    ),
    "demo_geometry": (
        "Demo-Geometrie, keine amtlichen Grenzen",
        "Demo-Geometrie: demo shapes, not official boundaries",
    ),
    "attribution_geo_demo": (
        "Gemeindegrenzen: © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0",
        "Municipal boundaries: © GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0",
    ),
    "attribution_destatis_demo": (
        "Einwohner 31.12.2021: © Statistisches Bundesamt (Destatis), 2022; Gemeindesummen "
        "bis 2024: MaStR © Bundesnetzagentur (über GermanZero)",
        "Population 31 Dec 2021: © Statistisches Bundesamt (Destatis), 2022; municipal "
        "totals up to 2024: MaStR © Bundesnetzagentur (via GermanZero)",
    ),
    "attribution_mastr": (
        "Datenquelle: Marktstammdatenregister, © Bundesnetzagentur, dl-de/by-2-0",
        "Data source: Marktstammdatenregister, © Bundesnetzagentur, dl-de/by-2-0",
    ),
    "attribution_geo": (
        "Geobasisdaten: © GeoBasis-DE / BKG",
        "Geodata: © GeoBasis-DE / BKG",
    ),
    "data_date": ("Datenstand: {date}", "Data as of: {date}"),
    "build_id": ("Datenbank: {build}", "Database: {build}"),
    "region": ("Region: {name}", "Region: {name}"),
    # --- filters -------------------------------------------------------------
    "filters": ("Filter", "Filters"),
    "filter_carrier": ("Energieträger", "Carrier"),
    "filter_status": ("Status", "Status"),
    "filter_municipality": ("Gemeinde", "Municipality"),
    "filter_period": ("Zeitraum (Jahr der Inbetriebnahme)", "Period (year of commissioning)"),
    "all_municipalities": ("Alle Gemeinden", "All municipalities"),
    "all_carriers": ("Alle Energieträger", "All carriers"),
    "all_statuses": ("Alle Status", "All statuses"),
    "filter_help": (
        "Leer lassen = alle. Die Auswahl gilt auf allen Seiten und steht im Link.",
        "Leave empty for all. The selection applies on every page and is part of the link.",
    ),
    "share_link": ("Link zu dieser Ansicht", "Link to this view"),
    # --- units and axes --------------------------------------------------------
    "axis_mw": ("Leistung (MW)", "Capacity (MW)"),
    "axis_mwh": ("Geschätzte Erzeugung (MWh/a)", "Estimated generation (MWh/yr)"),
    "axis_year": ("Jahr", "Year"),
    "axis_month": ("Monat", "Month"),
    "axis_units": ("Anzahl Anlagen", "Number of units"),
    "axis_share": ("Anteil (%)", "Share (%)"),
    "axis_kw_km2": ("kW je km²", "kW per km²"),
    "axis_kw_inh": ("kW je Einwohner", "kW per inhabitant"),
    "axis_mwh_inh": ("MWh je Einwohner und Jahr", "MWh per inhabitant and year"),
    "carrier": ("Energieträger", "Carrier"),
    "status": ("Status", "Status"),
    "capacity": ("Leistung", "Capacity"),
    "units": ("Anlagen", "Units"),
    "municipality": ("Gemeinde", "Municipality"),
    "table_csv": ("Tabelle als CSV", "Table as CSV"),
    "chart_data": ("Daten zur Grafik", "Data of the chart"),
    "chart_alt": (
        "Grafik; ihre Werte stehen als Tabelle unter „Daten zur Grafik“ direkt darunter.",
        "Chart; its values are listed as a table under “Data of the chart” just below.",
    ),
    "chart_series": ("Reihe", "Series"),
    "chart_category": ("Kategorie", "Category"),
    "chart_value": ("Wert", "Value"),
    "chart_points_left_out": (
        "Die {n} einzelnen Anlagenpunkte der Karte stehen hier nicht; die Anlagenliste gibt es "
        "unter Daten & Qualität.",
        "The map's {n} single unit points are not listed here; the unit list is on Data & quality.",
    ),
    "commissioning": ("Inbetriebnahme", "Commissioning"),
    "planned_commissioning": ("Geplante Inbetriebnahme", "Planned commissioning"),
    "n_units": ("{n} Anlagen", "{n} units"),
    "no_data": ("Keine Daten für diese Auswahl.", "No data for this selection."),
    # --- overview --------------------------------------------------------------
    "ov_title": ("Übersicht", "Overview"),
    "ov_intro": (
        "Erneuerbare Energie im Landkreis: die wichtigsten Zahlen, Ihre Gemeinde und "
        "Unterlagen für Briefings.",
        "Renewable energy in the district: the key figures, your municipality and "
        "material for briefings.",
    ),
    "m_coverage_help": (
        "Geschätzte Erzeugung ÷ geschätzter Stromverbrauch (Einwohner × Verbrauch je "
        "Einwohner). Über 100 % heißt: übers Jahr rechnerisch mehr erzeugt als verbraucht, "
        "nicht, dass der Strom hier verbraucht wird.",
        "Estimated generation ÷ estimated electricity consumption (inhabitants × use per "
        "inhabitant). Above 100 % means more generated than used over the year, on paper, "
        "not that the electricity is used here.",
    ),
    "m_installed_help": (
        "Wind, Photovoltaik, Biomasse, Wasserkraft in Betrieb (Bruttoleistung). Ohne "
        "Stromspeicher und ohne nicht erneuerbare Einheiten.",
        "Wind, photovoltaics, biomass, hydro in operation (gross capacity). Without storage "
        "and without non-renewable units.",
    ),
    "m_storage_help": (
        "Eigene Kennzahl: wird nicht zur erneuerbaren Leistung addiert.",
        "A figure of its own: not added to the renewable capacity.",
    ),
    "m_non_renewable_caption": (
        "Nicht erneuerbar (Klärschlamm, Abfall, Gas …), nicht enthalten: {mw} in {units}.",
        "Non-renewable (sewage sludge, waste, gas …), not included: {mw} in {units}.",
    ),
    "coverage_no_population": (
        "Einwohnerzahl fehlt in den Daten: Deckungsgrad nicht berechenbar.",
        "Population missing from the data: coverage cannot be computed.",
    ),
    "ov_by_carrier": (
        "Installierte Leistung (erneuerbar) nach Energieträger",
        "Installed capacity (renewable) by carrier",
    ),
    "ov_table_caption": (
        "In Betrieb und in Planung je Energieträger",
        "In operation and planned, by carrier",
    ),
    # --- briefing download (dashboard/briefing) ---------------------------------------
    "briefing_download": ("Briefing als PDF (Landkreis)", "Briefing as PDF (district)"),
    "briefing_download_municipality": (
        "Briefing als PDF (diese Gemeinde)",
        "Briefing as PDF (this municipality)",
    ),
    "briefing_help": (
        "Die Zahlen, Diagramme und die Karte dieser Seiten als PDF zum Weitergeben, mit "
        "Datenstand, Datenbank-Version, Quellen, den hier eingestellten Annahmen der "
        "Schätzungen und den Änderungen seit der vorigen Datenbank-Version.",
        "The figures, charts and map of these pages as a PDF to hand out, with data date, "
        "database build, sources, the estimation assumptions set here, and the changes "
        "since the previous database build.",
    ),
    "col_operating_mw": ("In Betrieb (MW)", "In operation (MW)"),
    "col_operating_units": ("Anlagen in Betrieb", "Units in operation"),
    "col_planned_mw": ("In Planung (MW)", "Planned (MW)"),
    "col_generation_mwh": ("Erzeugung geschätzt (MWh/a)", "Estimated generation (MWh/yr)"),
    "col_hours": ("Volllaststunden (h/a)", "Full-load hours (h/yr)"),
    # --- assumptions -----------------------------------------------------------
    "assumptions": ("Annahmen der Schätzung", "Estimation assumptions"),
    "assumptions_text": (
        "Erzeugung = installierte Leistung (erneuerbar) in Betrieb × Volllaststunden je "
        "Energieträger. Verbrauch = Einwohner × Stromverbrauch je Einwohner (Standard 4,3 MWh: "
        "Mecklenburg-Vorpommern 2014, 6,8 TWh ÷ 1,60 Mio. Einwohner, Statistisches Amt M-V; "
        "Deutschland ≈ 6 MWh mit Schwerindustrie). Typische Werte, nicht für den Landkreis "
        "gemessen: Schätzungen, keine Messwerte. Die Werte gelten auf allen Seiten.",
        "Generation = installed capacity (renewable) in operation × full-load hours per "
        "carrier. Consumption = inhabitants × electricity use per inhabitant (default 4.3 MWh: "
        "Mecklenburg-Vorpommern 2014, 6.8 TWh ÷ 1.60 million inhabitants, Statistisches Amt "
        "M-V; Germany ≈ 6 MWh incl. heavy industry). Typical values, not measured for the "
        "district: estimates, not measurements. The values apply on every page.",
    ),
    "flh_label": ("{carrier} (h/a)", "{carrier} (h/yr)"),
    "consumption_label": (
        "Stromverbrauch je Einwohner (MWh/a)",
        "Electricity use per inhabitant (MWh/yr)",
    ),
    "reset_assumptions": ("Standardwerte", "Defaults"),
}
