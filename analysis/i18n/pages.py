"""Texts (German, English): The pages Ausbau, Karte, Energiemix, Gemeinden and Daten & Qualität."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
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
        "dem Datenstand. Anlagen ohne Inbetriebnahmedatum fehlen in der Zeitreihe. Nur "
        "erneuerbare Energieträger: Stromspeicher und nicht erneuerbare Einheiten zählen nicht.",
        "Cumulative: units in operation or temporarily shut down, from the month of "
        "commissioning until final decommissioning. Projection: planned units by planned "
        "commissioning date; without a date or with a past date in the month after the data "
        "date. Units without a commissioning date are not in the time series. Renewable "
        "carriers only: storage and non-renewable units do not count.",
    ),
    "gr_table": ("Zubau je Jahr und Energieträger (MW)", "Additions per year and carrier (MW)"),
    # --- map -----------------------------------------------------------------------
    "map_title": ("Karte", "Map"),
    "map_intro": (
        "Die Gemeinden eingefärbt nach einer Kennzahl – oder die einzelnen Anlagen als Punkte "
        "(Größe nach Leistung, Farbe nach Energieträger).",
        "Municipalities coloured by a figure – or the single units as dots (size by capacity, "
        "colour by carrier).",
    ),
    "map_layer": ("Ansicht", "View"),
    "map_layer_areas": ("Gemeinden eingefärbt", "Coloured municipalities"),
    "map_layer_units": ("Einzelne Anlagen", "Single units"),
    "map_metric": ("Gemeinden einfärben nach", "Colour municipalities by"),
    "metric_mw": ("Leistung erneuerbar (MW)", "Renewable capacity (MW)"),
    "metric_kw_km2": ("kW erneuerbar je km²", "Renewable kW per km²"),
    "metric_kw_inh": ("kW erneuerbar je Einwohner", "Renewable kW per inhabitant"),
    "metric_mwh_inh": ("Geschätzte MWh je Einwohner", "Estimated MWh per inhabitant"),
    "map_min_kw": ("Als einzelne Punkte zeigen", "Show as single dots"),
    "map_all_units": ("alle Anlagen mit Koordinaten", "all units with coordinates"),
    "map_top_units": (
        "die {n} größten Anlagen (ab {kw})",
        "the {n} largest units (from {kw})",
    ),
    "map_from_kw": ("nur Anlagen ab {kw}", "only units from {kw}"),
    "map_size_legend": ("Punktgröße = Leistung", "Dot size = capacity"),
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
    "map_areas_info": (
        "Den Wert einer Gemeinde zeigt der Mauszeiger oder ein Tippen auf die Fläche. "
        "Gemeindenamen erscheinen beim Hineinzoomen.",
        "Point at or tap a municipality to see its value. Municipality names appear when "
        "zooming in.",
    ),
    "map_zoom_hint": (
        "Zoomen: Schaltflächen + und − oben rechts an der Karte oder zwei Finger; das "
        "Mausrad blättert die Seite.",
        "Zoom: the + and − buttons at the top right of the map or two fingers; the mouse "
        "wheel scrolls the page.",
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
        "Anteile der Energieträger an der installierten Leistung (erneuerbar, in Betrieb) und "
        "an der geschätzten Erzeugung — für den Landkreis oder eine Gemeinde. Stromspeicher "
        "stehen darunter, getrennt.",
        "Shares of the carriers in installed capacity (renewable, in operation) and in "
        "estimated generation — for the district or one municipality. Storage is shown "
        "below, separately.",
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
        "Gemeinde oben suchen oder in der Tabelle antippen (oder auf der Karte anklicken).",
        "Search for a municipality above or tap it in the table (or click it on the map).",
    ),
    "mu_area": ("Fläche", "Area"),
    "mu_installed": ("In Betrieb (erneuerbar)", "In operation (renewable)"),
    "mu_population": ("Einwohner", "Inhabitants"),
    "mu_by_status": (
        "Leistung nach Energieträger und Status",
        "Capacity by carrier and status",
    ),
    "mu_growth": ("Entwicklung der installierten Leistung", "Growth of installed capacity"),
    "mu_planned": ("Was geplant ist", "What is planned"),
    "mu_no_planned": ("Keine geplanten Anlagen registriert.", "No planned units registered."),
    "mu_rank": ("Rang unter den Gemeinden der Region", "Rank among the region's municipalities"),
    "mu_rank_km2": ("Rang: Leistung je km²", "Rank: capacity per km²"),
    "mu_rank_inh": ("Rang: Leistung je Einwohner", "Rank: capacity per inhabitant"),
    "mu_rank_help": (
        "Installierte Leistung (erneuerbar), ohne Speicher, verglichen mit allen Gemeinden der "
        "Region (Platz 1 = am meisten; gleiche Werte teilen sich den Platz; ohne erneuerbare "
        "Leistung kein Platz).",
        "Installed capacity (renewable), without storage, compared with all municipalities of "
        "the region (rank 1 = most; equal values share the rank; no renewable capacity, no "
        "rank).",
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
    "mu_eeg": (
        "EEG-§6-Beteiligung: höchstens möglich, freiwillig (Schätzung)",
        "EEG §6 participation: the most possible, voluntary (estimate)",
    ),
    "eeg_wind": ("Wind (Flächenanteil)", "Wind (area share)"),
    "eeg_wind_help": (
        "Windenergieanlagen über 1 MW in Betrieb, deren 2.500-m-Umkreis Gemeindefläche "
        "enthält, anteilig nach Fläche – auch Anlagen in Nachbarkreisen.",
        "Wind turbines above 1 MW in operation whose 2,500 m circle covers municipal "
        "territory, by area share – including turbines in neighbouring districts.",
    ),
    "eeg_pv": ("PV-Freifläche", "Ground-mounted PV"),
    "eeg_pv_help": (
        "PV-Freiflächenanlagen (einschließlich schwimmender PV) in Betrieb, die in der "
        "Gemeinde stehen.",
        "Ground-mounted PV plants (including floating PV) in operation standing in the "
        "municipality.",
    ),
    "eeg_total": ("Summe pro Jahr", "Total per year"),
    "eeg_operating": ("höchstens pro Jahr (in Betrieb)", "at most per year (in operation)"),
    "eeg_planned": ("höchstens zusätzlich aus Planung", "at most additionally from planned"),
    "eeg_wind_kw": ("Wind-Leistung anteilig", "Wind capacity (attributed share)"),
    "eeg_assumptions": (
        "Höchstens möglich, freiwillig: nach § 6 EEG 2023 dürfen Betreiber den Gemeinden bis "
        "zu {ct} ct je eingespeister kWh zahlen – sie müssen es nicht; dies ist eine "
        "Obergrenze, kein Anspruch. Eingespeiste Menge = Leistung × Volllaststunden ({wind} h "
        "Wind, {pv} h PV-Freifläche; auf „Übersicht“ änderbar). Wind: nur Anlagen über 1 MW; "
        "Gemeinden mit Fläche im Umkreis von 2.500 m um die Anlage teilen nach ihrem "
        "Flächenanteil am Kreis (aus den Gemeindegrenzen in EPSG:25832), auch bei Anlagen in "
        "Nachbarkreisen. PV-Freifläche (einschließlich schwimmender PV): die Gemeinde, in der "
        "die Anlage steht. Alle Anlagen in Betrieb bzw. in Planung, unabhängig davon, ob eine "
        "Vereinbarung besteht. Daneben gilt in Mecklenburg-Vorpommern das Bürger- und "
        "Gemeindenbeteiligungsgesetz (BüGembeteilG M-V): Vorhabenträger von Windparks bieten "
        "Anwohnern und Gemeinden in der Nähe eine Beteiligung an; sie ist hier nicht "
        "enthalten.",
        "The most possible, voluntary: under § 6 EEG 2023 operators may pay the "
        "municipalities up to {ct} ct per kWh fed in – they do not have to; this is an upper "
        "bound, not an entitlement. Energy fed in = capacity × full-load hours ({wind} h wind, "
        "{pv} h ground-mounted PV; adjustable on “Overview”). Wind: only turbines above 1 MW; "
        "municipalities with territory within 2,500 m of the turbine share by their part of "
        "the circle's area (from the municipal boundaries in EPSG:25832), also for turbines "
        "in neighbouring districts. Ground-mounted PV (including floating PV): the "
        "municipality where the plant stands. All units in operation or planned, whether or "
        "not an agreement exists. In addition, Mecklenburg-Vorpommern's citizen and "
        "municipal participation law (Bürger- und Gemeindenbeteiligungsgesetz, BüGembeteilG "
        "M-V) makes developers of wind parks offer residents and nearby municipalities a "
        "stake; that is not included here.",
    ),
    "eeg_nb_no_bulk_export": (
        "Windenergieanlagen in Nachbarkreisen fehlen: sie werden nur aus dem MaStR-"
        "Gesamtdatenexport gelesen, und dieser Datenstand hat keinen.",
        "Wind turbines in neighbouring districts are missing: they are read from the MaStR "
        "bulk export only, and this build has none.",
    ),
    "eeg_nb_no_boundaries": (
        "Windenergieanlagen in Nachbarkreisen fehlen: ohne Gemeindegrenzen lässt sich der "
        "2.500-m-Saum um die Region nicht bestimmen.",
        "Wind turbines in neighbouring districts are missing: without municipal boundaries "
        "the 2,500 m band around the region cannot be determined.",
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
    "dq_no_coords_small": ("davon {n} normal (unter 30 kW)", "{n} of them normal (below 30 kW)"),
    "dq_no_coords_explained": (
        "**Ohne Koordinaten: {n} Anlagen, davon {small} unter 30 kW – das ist normal.** "
        "Für Einheiten unter 30 kW Nettonennleistung (meist private PV-Dachanlagen) "
        "veröffentlicht das Marktstammdatenregister keine Koordinaten, keine Straße und kein "
        "Flurstück; Postleitzahl und Gemeinde stehen immer drin (Felder `Breitengrad`/"
        "`Laengengrad` fehlen im Gesamtdatenexport). Diese Anlagen zählen in ihrer Gemeinde "
        "mit und sind auf der Karte je Gemeinde zusammengefasst. Nur die übrigen {rest} "
        "(ab 30 kW, oder deren Koordinaten bei der Prüfung geleert wurden) lohnen einen Blick "
        "in die Befunde unten.",
        "**Without coordinates: {n} units, {small} of them below 30 kW – that is normal.** "
        "For units below 30 kW net capacity (mostly private rooftop PV) the "
        "Marktstammdatenregister publishes no coordinates, street or parcel; postcode and "
        "municipality are always given (the fields `Breitengrad`/`Laengengrad` are missing "
        "in the bulk export). These units count in their municipality and are aggregated per "
        "municipality on the map. Only the other {rest} (30 kW or more, or with coordinates "
        "cleared by the checks) are worth a look in the findings below.",
    ),
    "dq_upload_link": (
        "Für die Koordinierungsstelle: Listen hochladen",
        "For the coordination office: upload lists",
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
    "export_label": ("Demo-Daten", "Demo-Daten"),
    "export_kind_column": ("Datenart", "Kind of data"),
    "export_sheet": ("Anlagen", "Units"),
    "export_source_sheet": ("Quelle", "Source"),
    "export_file_base": ("anlagen", "units"),
    "col_mastr_id": ("MaStR-Nr.", "MaStR id"),
    "unit_kw_per_inhabitant": ("kW/EW", "kW/inh."),
    "language_name": ("Deutsch", "English"),
    "export_real": ("Echte Daten (MaStR)", "Real data (MaStR)"),
    "export_yes": ("ja", "yes"),
    "export_no": ("nein", "no"),
}
