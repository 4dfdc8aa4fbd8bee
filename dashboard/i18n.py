"""All UI text of the dashboard, German (default) and English, in one place.

Use :func:`t` with a key; ``{name}`` placeholders are filled from keyword
arguments. Carrier and status labels come from :func:`carrier_label` and
:func:`status_label`. To add a page: add its texts here (``nav_<page>`` for
the navigation title) and one line to ``PAGES`` in ``streamlit_app.py``.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("de", "en")
DEFAULT_LANGUAGE = "de"

CARRIER_LABELS: dict[str, tuple[str, str]] = {
    "wind_onshore": ("Wind an Land", "Onshore wind"),
    "wind_offshore": ("Wind auf See", "Offshore wind"),
    "pv_ground": ("PV-Freifläche", "Ground-mounted PV"),
    "pv_building": ("PV auf Gebäuden", "Rooftop PV"),
    "pv_other": ("PV sonstige", "Other PV"),
    "biomass": ("Biomasse", "Biomass"),
    "hydro": ("Wasserkraft", "Hydropower"),
    "storage": ("Stromspeicher", "Storage"),
    "other": ("Sonstige", "Other"),
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "operating": ("In Betrieb", "In operation"),
    "planned": ("In Planung", "Planned"),
    "temporarily_shut_down": ("Vorübergehend stillgelegt", "Temporarily shut down"),
    "permanently_shut_down": ("Endgültig stillgelegt", "Permanently shut down"),
}

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
    "demo_banner": (
        "Demo-Daten: Diese Datenbank enthält erfundene Beispielanlagen, keine echten "
        "Zahlen. Für echte Zahlen MaStR-Daten nach data/raw legen und neu aufbereiten.",
        "Demo-Daten (demo data): this database holds invented example units, not real "
        "figures. For real figures put MaStR data into data/raw and rebuild.",
    ),
    "demo_geometry": (
        "Demo-Geometrie, keine amtlichen Grenzen",
        "Demo-Geometrie: demo shapes, not official boundaries",
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
    "commissioning": ("Inbetriebnahme", "Commissioning"),
    "planned_commissioning": ("Geplante Inbetriebnahme", "Planned commissioning"),
    "n_units": ("{n} Anlagen", "{n} units"),
    "no_data": ("Keine Daten für diese Auswahl.", "No data for this selection."),
    # --- overview --------------------------------------------------------------
    "ov_title": ("Übersicht", "Overview"),
    "ov_intro": (
        "Die wichtigsten Zahlen für Briefings: installierte Leistung in Betrieb, Planung, "
        "Zubau und geschätzte Erzeugung.",
        "The key figures for briefings: installed capacity in operation, pipeline, "
        "additions and estimated generation.",
    ),
    "m_installed": ("Installierte Leistung (in Betrieb)", "Installed capacity (in operation)"),
    "m_units": ("Anlagen in Betrieb", "Units in operation"),
    "m_wind_operating": ("Wind in Betrieb", "Wind in operation"),
    "m_wind_pipeline": ("Wind in Planung", "Wind in the pipeline"),
    "m_additions": ("Zubau {year}", "Additions {year}"),
    "m_generation": ("Geschätzte Erzeugung pro Jahr", "Estimated generation per year"),
    "m_coverage": ("Anteil am Stromverbrauch", "Share of consumption"),
    "m_coverage_help": (
        "Geschätzte Erzeugung ÷ geschätzter Stromverbrauch (Einwohner × Verbrauch je "
        "Einwohner). Eine Schätzung; über 100 % heißt: rechnerisch mehr erzeugt als verbraucht.",
        "Estimated generation ÷ estimated electricity consumption (inhabitants × use per "
        "inhabitant). An estimate; above 100 % means more generated than used, on paper.",
    ),
    "coverage_no_population": (
        "Einwohnerzahl fehlt in den Daten: Anteil nicht berechenbar.",
        "Population missing from the data: share cannot be computed.",
    ),
    "ov_by_carrier": ("Installierte Leistung nach Energieträger", "Installed capacity by carrier"),
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
        "Erzeugung = installierte Leistung in Betrieb × Volllaststunden je Energieträger "
        "(Speicher und Sonstige: 0). Verbrauch = Einwohner × Stromverbrauch je Einwohner "
        "(alle Sektoren; Deutschland ≈ 6 MWh). Typische Werte für Deutschland, nicht für den "
        "Landkreis gemessen: Schätzungen, keine Messwerte. Die Werte gelten auf allen Seiten.",
        "Generation = installed capacity in operation × full-load hours per carrier "
        "(storage and other: 0). Consumption = inhabitants × electricity use per inhabitant "
        "(all sectors; Germany ≈ 6 MWh). Typical German values, not measured for the "
        "district: estimates, not measurements. The values apply on every page.",
    ),
    "flh_label": ("{carrier} (h/a)", "{carrier} (h/yr)"),
    "consumption_label": (
        "Stromverbrauch je Einwohner (MWh/a)",
        "Electricity use per inhabitant (MWh/yr)",
    ),
    "reset_assumptions": ("Standardwerte", "Defaults"),
    # --- growth ------------------------------------------------------------------
    "gr_title": ("Ausbau", "Capacity growth"),
    "gr_intro": (
        "Installierte Leistung über die Zeit aus Inbetriebnahme- und Stilllegungsdaten, "
        "mit der geplanten Leistung als Projektion.",
        "Installed capacity over time from commissioning and decommissioning dates, "
        "with planned capacity as a projection.",
    ),
    "gr_freq": ("Auflösung", "Resolution"),
    "freq_year": ("Jährlich", "Yearly"),
    "freq_month": ("Monatlich", "Monthly"),
    "gr_cumulative": ("Installierte Leistung (kumuliert)", "Installed capacity (cumulative)"),
    "gr_additions": ("Zubau und Rückbau", "Additions and removals"),
    "gr_projection": ("Planung (Projektion)", "Planned (projection)"),
    "gr_removed": ("Rückbau", "Removed"),
    "gr_today": ("Datenstand", "Data date"),
    "gr_note": (
        "Kumuliert: Anlagen in Betrieb oder vorübergehend stillgelegt, ab dem Monat der "
        "Inbetriebnahme bis zur endgültigen Stilllegung. Projektion: geplante Anlagen nach "
        "geplantem Inbetriebnahmedatum; ohne Datum oder mit vergangenem Datum im Monat nach "
        "dem Datenstand. Anlagen ohne Inbetriebnahmedatum fehlen in der Zeitreihe.",
        "Cumulative: units in operation or temporarily shut down, from the month of "
        "commissioning until final decommissioning. Projection: planned units by planned "
        "commissioning date; without a date or with a past date in the month after the data "
        "date. Units without a commissioning date are not in the time series.",
    ),
    "gr_table": ("Zubau je Jahr und Energieträger (MW)", "Additions per year and carrier (MW)"),
    # --- map -----------------------------------------------------------------------
    "map_title": ("Karte", "Map"),
    "map_intro": (
        "Anlagen mit Koordinaten als Punkte (Größe nach Leistung, Farbe nach Energieträger), "
        "kleinere Anlagen und Anlagen ohne Koordinaten je Gemeinde zusammengefasst.",
        "Units with coordinates as points (size by capacity, colour by carrier); smaller "
        "units and units without coordinates aggregated per municipality.",
    ),
    "map_metric": ("Gemeinden einfärben nach", "Colour municipalities by"),
    "metric_mw": ("Leistung (MW)", "Capacity (MW)"),
    "metric_kw_km2": ("kW je km²", "kW per km²"),
    "metric_kw_inh": ("kW je Einwohner", "kW per inhabitant"),
    "metric_mwh_inh": ("Geschätzte MWh je Einwohner", "Estimated MWh per inhabitant"),
    "map_min_kw": ("Einzelpunkte ab Leistung", "Single points from capacity"),
    "map_auto": ("automatisch", "automatic"),
    "map_points_info": (
        "{n} Anlagen als Einzelpunkte (ab {kw}); {m} weitere Anlagen (kleiner oder ohne "
        "öffentliche Koordinaten) als graue Kreise je Gemeinde zusammengefasst.",
        "{n} units as single points (from {kw}); {m} further units (smaller or without "
        "public coordinates) aggregated per municipality as grey circles.",
    ),
    "map_legend_status": (
        "Status: gefüllter Punkt = in Betrieb · Punkt mit weißem Kern = in Planung · "
        "blasser Punkt = stillgelegt.",
        "Status: filled dot = in operation · dot with white core = planned · "
        "faded dot = shut down.",
    ),
    "map_aggregated": ("Zusammengefasst je Gemeinde", "Aggregated per municipality"),
    "map_open_profile": ("Gemeindeprofil öffnen", "Open municipality profile"),
    "map_click_hint": (
        "Eine Gemeinde oder einen grauen Kreis anklicken, um ihr Profil zu öffnen.",
        "Click a municipality or a grey circle to open its profile.",
    ),
    "map_offline": (
        "Kartenhintergrund nicht erreichbar: Grenzen und Anlagen aus eigenen Daten ohne "
        "Hintergrundkarte.",
        "Base map not reachable: boundaries and units from our own data, without base map.",
    ),
    "map_online_attr": (
        "Hintergrundkarte © OpenStreetMap-Mitwirkende, © CARTO",
        "Base map © OpenStreetMap contributors, © CARTO",
    ),
    # --- mix -------------------------------------------------------------------------
    "mix_title": ("Energiemix", "Energy mix"),
    "mix_intro": (
        "Anteile der Energieträger an der installierten Leistung (in Betrieb) und an der "
        "geschätzten Erzeugung — für den Landkreis oder eine Gemeinde.",
        "Shares of the carriers in installed capacity (in operation) and in estimated "
        "generation — for the district or one municipality.",
    ),
    "mix_capacity": ("Anteil an der installierten Leistung", "Share of installed capacity"),
    "mix_generation": ("Anteil an der geschätzten Erzeugung", "Share of estimated generation"),
    "mix_scope": ("Gebiet: {name}", "Area: {name}"),
    "col_share_capacity": ("Anteil Leistung", "Share of capacity"),
    "col_share_generation": ("Anteil Erzeugung", "Share of generation"),
    # --- municipality profile ---------------------------------------------------------
    "mu_title": ("Gemeinden", "Municipalities"),
    "mu_intro": (
        "Profil einer Gemeinde für Gemeindevertretungen: Anlagen, Entwicklung, Planung, "
        "Rang im Landkreis und geschätzte EEG-Beteiligung.",
        "Profile of a municipality for councils: units, growth, plans, rank in the "
        "district and estimated EEG participation payments.",
    ),
    "mu_pick": (
        "Bitte links eine Gemeinde wählen (oder auf der Karte anklicken).",
        "Please pick a municipality on the left (or click it on the map).",
    ),
    "mu_area": ("Fläche", "Area"),
    "mu_installed": ("In Betrieb", "In operation"),
    "mu_population": ("Einwohner", "Inhabitants"),
    "mu_by_status": (
        "Leistung nach Energieträger und Status",
        "Capacity by carrier and status",
    ),
    "mu_growth": ("Entwicklung der installierten Leistung", "Growth of installed capacity"),
    "mu_planned": ("Was geplant ist", "What is planned"),
    "mu_no_planned": ("Keine geplanten Anlagen registriert.", "No planned units registered."),
    "mu_rank": ("Rang unter den Gemeinden der Region", "Rank among the region's municipalities"),
    "mu_rank_value": ("Platz {rank}", "Rank {rank}"),
    "mu_rank_of": ("von {n} · {value}", "of {n} · {value}"),
    "mu_rank_km2": ("Rang: Leistung je km²", "Rank: capacity per km²"),
    "mu_rank_inh": ("Rang: Leistung je Einwohner", "Rank: capacity per inhabitant"),
    "mu_rank_help": (
        "Leistung in Betrieb ohne Speicher, verglichen mit allen Gemeinden der Region "
        "(Platz 1 = am meisten).",
        "Capacity in operation without storage, compared with all municipalities of the "
        "region (rank 1 = most).",
    ),
    "mu_units": ("Anlagen in der Gemeinde", "Units in the municipality"),
    "mu_units_limit": (
        "Die {n} größten von {total} Anlagen; alle als Download auf „Daten & Qualität“.",
        "The {n} largest of {total} units; all of them as a download on “Data & quality”.",
    ),
    "mu_units_all": (
        "{total} Anlagen, größte zuerst; als Download auf „Daten & Qualität“.",
        "{total} units, largest first; as a download on “Data & quality”.",
    ),
    "mu_eeg": ("EEG-§6-Beteiligung (Schätzung)", "EEG §6 participation (estimate)"),
    "eeg_wind": ("Wind (Flächenanteil)", "Wind (area share)"),
    "eeg_wind_help": (
        "Windenergieanlagen in Betrieb, deren 2.500-m-Umkreis Gemeindefläche enthält, "
        "anteilig nach Fläche.",
        "Wind turbines in operation whose 2,500 m circle covers municipal territory, "
        "by area share.",
    ),
    "eeg_pv": ("PV-Freifläche", "Ground-mounted PV"),
    "eeg_pv_help": (
        "PV-Freiflächenanlagen in Betrieb, die in der Gemeinde stehen.",
        "Ground-mounted PV plants in operation standing in the municipality.",
    ),
    "eeg_total": ("Summe pro Jahr", "Total per year"),
    "eeg_operating": ("Summe pro Jahr (in Betrieb)", "Total per year (in operation)"),
    "eeg_planned": ("Zusätzlich aus Planung", "Additional from planned units"),
    "eeg_wind_kw": ("Wind-Leistung anteilig", "Wind capacity (attributed share)"),
    "eeg_assumptions": (
        "Annahmen: {ct} ct je eingespeister kWh (EEG 2023 §6, freiwillige Zahlung der "
        "Betreiber); eingespeiste Menge = Leistung × Volllaststunden ({wind} h Wind, "
        "{pv} h PV-Freifläche; auf „Übersicht“ änderbar). Wind: Gemeinden mit Fläche im "
        "Umkreis von 2.500 m um die Anlage teilen nach ihrem Flächenanteil am Kreis "
        "(berechnet aus den Gemeindegrenzen in EPSG:25832; Anteile von Gemeinden außerhalb "
        "der Region fehlen). PV-Freifläche: die Gemeinde, in der die Anlage steht. Alle "
        "Anlagen in Betrieb bzw. in Planung, unabhängig davon, ob eine Vereinbarung "
        "besteht. Eine Schätzung, kein Anspruch.",
        "Assumptions: {ct} ct per kWh fed in (EEG 2023 §6, voluntary payment by the "
        "operators); energy fed in = capacity × full-load hours ({wind} h wind, {pv} h "
        "ground-mounted PV; adjustable on “Overview”). Wind: municipalities with territory "
        "within 2,500 m of the turbine share by their part of the circle's area (computed "
        "from the municipal boundaries in EPSG:25832; shares of municipalities outside the "
        "region are missing). Ground-mounted PV: the municipality where the plant stands. "
        "All units in operation or planned, whether or not an agreement exists. An "
        "estimate, not an entitlement.",
    ),
    "eeg_turbines": (
        "Windenergieanlagen mit Anteil an dieser Gemeinde",
        "Wind turbines with a share in this municipality",
    ),
    "eeg_turbines_limit": (
        "Die {n} mit dem größten Flächenanteil.",
        "The {n} with the largest area share.",
    ),
    "col_share": ("Flächenanteil", "Area share"),
    "col_standing_in": ("Steht in", "Stands in"),
    # --- data & quality -------------------------------------------------------------------
    "dq_title": ("Daten & Qualität", "Data & quality"),
    "dq_intro": (
        "Was geladen ist, was dabei auffiel, und die gefilterten Anlagen zum Herunterladen.",
        "What is loaded, what was found wrong, and the filtered units as downloads.",
    ),
    "dq_loaded": ("Was geladen ist", "What is loaded"),
    "dq_kind": ("Art der Daten", "Kind of data"),
    "dq_demo": ("Demo-Daten", "Demo-Daten (demo data)"),
    "dq_real": ("Echte Daten", "Real data"),
    "dq_units_total": ("Anlagen gesamt", "Units in total"),
    "dq_municipalities": ("Gemeinden", "Municipalities"),
    "dq_built_at": ("Aufbereitet am", "Built on"),
    "dq_sources": ("Quelldateien", "Source files"),
    "dq_findings": ("Befunde der Datenprüfung", "Data-quality findings"),
    "dq_rejected": ("Abgelehnte Zeilen", "Rejected rows"),
    "dq_cleared": ("Geleerte Felder", "Cleared fields"),
    "dq_flagged": ("Markierte Werte", "Flagged values"),
    "dq_no_coords": ("Ohne Koordinaten", "Without coordinates"),
    "dq_suspect": ("Auffällige Leistungen", "Suspicious capacities"),
    "dq_drift": ("Schemaabweichungen", "Schema drift"),
    "dq_reasons": ("Befunde nach Grund", "Findings by reason"),
    "dq_examples": ("Beispiele (die ersten {n})", "Examples (the first {n})"),
    "dq_none": ("Keine.", "None."),
    "dq_no_coords_note": (
        "Anlagen unter 30 kW haben im MaStR keine öffentlichen Koordinaten; sie werden auf der "
        "Karte je Gemeinde zusammengefasst.",
        "Units below 30 kW have no public coordinates in the MaStR; the map aggregates them "
        "per municipality.",
    ),
    "dq_download": ("Gefilterte Anlagen herunterladen", "Download the filtered units"),
    "dq_download_caption": (
        "{n} Anlagen mit den aktuellen Filtern. CSV für deutsches Excel (Semikolon, "
        "Dezimalkomma, UTF-8 mit BOM); Texte, die mit = + - @ beginnen, werden entschärft.",
        "{n} units with the current filters. CSV for German Excel (semicolon, decimal "
        "comma, UTF-8 with BOM); text starting with = + - @ is neutralised.",
    ),
    "dq_csv": ("CSV herunterladen", "Download CSV"),
    "dq_xlsx": ("XLSX herunterladen", "Download XLSX"),
    "dq_preview": ("Vorschau (die ersten {n})", "Preview (the first {n})"),
    "col_count": ("Anzahl", "Count"),
    "col_action": ("Folge", "Action"),
    "col_reason": ("Grund", "Reason"),
    "col_field": ("Feld", "Field"),
    "action_row_rejected": ("Zeile abgelehnt", "Row rejected"),
    "action_field_cleared": ("Feld geleert", "Field cleared"),
    "action_flagged": ("Markiert", "Flagged"),
    "export_label": ("Demo-Daten", "Demo-Daten"),
    "export_kind_column": ("Datenart", "Kind of data"),
    "export_sheet": ("Anlagen", "Units"),
    "export_source_sheet": ("Quelle", "Source"),
    "export_file_base": ("anlagen", "units"),
    "col_mastr_id": ("MaStR-Nr.", "MaStR id"),
    "unit_kw_per_inhabitant": ("kW/EW", "kW/inh."),
    "language_name": ("Deutsch", "English"),
    "export_real": ("Echte Daten (MaStR)", "Real data (MaStR)"),
    # --- office lists: pipeline, hydrogen, area target, upload (etl/office) ----
    "nav_pipeline": ("Wind-Pipeline", "Wind pipeline"),
    "nav_hydrogen": ("Wasserstoff", "Hydrogen"),
    "nav_area_target": ("Flächenziel", "Area target"),
    "nav_upload": ("Listen hochladen", "Upload lists"),
    "office_old_build": (
        "Diese Datenbank wurde ohne die Listen des Amtes gebaut. Bitte neu aufbereiten.",
        "This database was built without the office's lists. Please rebuild it.",
    ),
    "stage_applied": ("beantragt", "applied"),
    "stage_approved": ("genehmigt", "approved"),
    "stage_under_construction": ("im Bau", "under construction"),
    "stage_operating": ("in Betrieb", "operating"),
    "stage_rejected": ("abgelehnt", "rejected"),
    "stage_withdrawn": ("zurückgezogen", "withdrawn"),
    "finding_list_permitted_mastr_operating": (
        "Liste: genehmigt/im Bau – MaStR: schon in Betrieb",
        "List: permitted – MaStR: already operating",
    ),
    "finding_list_operating_mastr_planned": (
        "Liste: in Betrieb – MaStR: noch in Planung",
        "List: operating – MaStR: still planned",
    ),
    "finding_list_closed_mastr_active": (
        "Liste: abgelehnt/zurückgezogen – MaStR: aktiv",
        "List: rejected/withdrawn – MaStR: active",
    ),
    "finding_mastr_missing_from_list": (
        "Im MaStR, fehlt in der Liste",
        "In the MaStR, missing from the list",
    ),
    "finding_capacity_differs": ("Leistung weicht ab", "Capacity differs"),
    "finding_turbine_count_differs": ("Anlagenzahl weicht ab", "Number of turbines differs"),
    "finding_mastr_id_not_found": (
        "MaStR-Nummer nicht gefunden",
        "MaStR number not found",
    ),
    "finding_no_mastr_match": (
        "Im Bau/in Betrieb, aber nicht im MaStR",
        "Under construction/operating, but not in the MaStR",
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
    "pl_m_pipeline": ("Pipeline genehmigt + beantragt", "Pipeline approved + applied"),
    "pl_m_pipeline_help": (
        "Alle im MaStR als „in Planung“ registrierten Windanlagen plus die genehmigten und "
        "beantragten Einträge der Liste. Ein Eintrag, der MaStR-Anlagen entspricht, zählt "
        "nur mit dem Teil seiner Leistung, den diese Anlagen nicht schon abdecken.",
        "All wind units registered as planned in the MaStR plus the approved and applied "
        "entries of the list. An entry that corresponds to MaStR units adds only the part "
        "of its capacity those units do not already cover.",
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
    "pl_funnel": ("Verfahrensstufen", "Stages of the procedures"),
    "pl_measure": ("Darstellung", "Show"),
    "pl_measure_mw": ("Leistung (MW)", "Capacity (MW)"),
    "pl_measure_turbines": ("Anlagen", "Turbines"),
    "pl_funnel_caption": (
        "Einträge der Genehmigungsliste nach Stand des Verfahrens; grau: im MaStR als „in "
        "Planung“ registrierte Anlagen, die in der Liste fehlen (als genehmigt gezählt).",
        "Entries of the permit list by stage; grey: units registered as planned in the MaStR "
        "that are missing from the list (counted as approved).",
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
    "h2_m_electrolyser": ("Elektrolyseleistung (aktiv)", "Electrolyser capacity (active)"),
    "h2_m_output": ("Wasserstoff (aktiv)", "Hydrogen output (active)"),
    "h2_m_operating": ("in Betrieb", "operating"),
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
    "h2type_electrolysis": ("Elektrolyse", "Electrolysis"),
    "h2type_refuelling_station": ("Tankstelle", "Refuelling station"),
    "h2type_storage": ("Speicher", "Storage"),
    "h2type_pipeline": ("Leitung", "Pipeline"),
    "h2type_consumer": ("Abnehmer", "Consumer"),
    "h2status_idea": ("Idee", "Idea"),
    "h2status_feasibility": ("Machbarkeitsstudie", "Feasibility study"),
    "h2status_planning": ("Planung", "Planning"),
    "h2status_investment_decision": ("Investitionsentscheidung", "Investment decision"),
    "h2status_construction": ("Bau", "Construction"),
    "h2status_operating": ("in Betrieb", "Operating"),
    "h2status_cancelled": ("eingestellt", "Cancelled"),
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
    "area_designated": ("ausgewiesen", "designated"),
    "area_draft": ("Entwurf", "draft"),
    "loc_designated": ("WEA in ausgewiesenem Gebiet", "Turbine in a designated area"),
    "loc_draft": ("WEA in Entwurfsgebiet", "Turbine in a draft area"),
    "loc_outside": ("WEA außerhalb", "Turbine outside"),
    "loc_no_coordinates": ("ohne Koordinaten", "without coordinates"),
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
    "upl_secret_wrong": ("Das Passwort stimmt nicht.", "Wrong password."),
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
    "upl_loaded": (
        "Geladen: {kind} mit {rows} Einträgen. Neue Datenbank {build} ist veröffentlicht; "
        "Wind-Pipeline jetzt {mw} MW.",
        "Loaded: {kind} with {rows} entries. New database {build} is published; wind "
        "pipeline now {mw} MW.",
    ),
    "upl_to_pipeline": ("Zur Wind-Pipeline", "Go to the wind pipeline"),
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
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled.

    Unknown keys come back as the key itself so a missing translation is
    visible but never breaks a page.
    """
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**values) if values else text


def carrier_label(carrier: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Readable label of a carrier code."""
    pair = CARRIER_LABELS.get(carrier)
    if pair is None:
        return carrier
    return pair[1] if lang == "en" else pair[0]


def status_label(status: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Readable label of a status code."""
    pair = STATUS_LABELS.get(status)
    if pair is None:
        return status
    return pair[1] if lang == "en" else pair[0]


def normalise_language(value: object) -> str:
    """``'en'`` or ``'de'`` from a query parameter or widget value (default German)."""
    return "en" if str(value).lower().startswith("en") else DEFAULT_LANGUAGE
