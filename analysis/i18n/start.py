"""Texts of the start page's search, compact map and links, and of the municipality profile."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- search (start page and Gemeinden) --------------------------------------------
    "st_search_label": ("Meine Gemeinde finden", "Find my municipality"),
    "st_search_placeholder": (
        "Gemeindename oder Postleitzahl eingeben",
        "Type a municipality name or postcode",
    ),
    "st_search_help": (
        "Die Postleitzahlen stammen aus den im Marktstammdatenregister eingetragenen Anlagen "
        "der Gemeinde. Eine Postleitzahl kann zu mehreren Gemeinden gehören.",
        "The postcodes come from the units registered in the Marktstammdatenregister in "
        "each municipality. A postcode can belong to several municipalities.",
    ),
    "st_option_postcodes": ("{name} · PLZ {postcodes}", "{name} · postcode {postcodes}"),
    # --- start page ---------------------------------------------------------------------
    "st_links": ("Direkt zu", "Go to"),
    "st_map_title": (
        "Erneuerbare Leistung in Betrieb je Gemeinde",
        "Renewable capacity in operation by municipality",
    ),
    "st_map_caption": (
        "Fünf Klassen mit etwa gleich vielen Gemeinden. Eine Gemeinde öffnen: oben suchen "
        "oder auf der Karte anklicken.",
        "Five classes with about as many municipalities each. To open one: search above "
        "or click it on the map.",
    ),
    "demo_short": ("Demo-Daten", "Demo-Daten (demo data)"),
    "st_more": ("Weitere Kennzahlen", "More figures"),
    "st_briefing": ("Für Briefings", "For briefings"),
    # --- municipality profile ---------------------------------------------------------
    "mu_back": ("Alle Gemeinden", "All municipalities"),
    "mu_share_caption": (
        "Diesen Link teilen: er öffnet genau dieses Gemeindeprofil.",
        "Share this link: it opens exactly this municipality profile.",
    ),
    "mu_map_title": ("Lage und Nachbargemeinden", "Location and neighbours"),
    "mu_neighbours": ("Nachbargemeinden: {names}", "Neighbouring municipalities: {names}"),
    "mu_compare": ("Im Vergleich mit dem Landkreis", "Compared with the district"),
    "mu_cmp_km2": ("Leistung je km²", "Capacity per km²"),
    "mu_cmp_inh": ("Leistung je Einwohner", "Capacity per inhabitant"),
    "mu_cmp_district": ("Landkreis: {value}", "District: {value}"),
    "mu_cmp_help": (
        "Installierte Leistung (erneuerbar, in Betrieb) je km² Fläche bzw. je Einwohner; "
        "der Landkreis als Ganzes zum Vergleich.",
        "Installed capacity (renewable, in operation) per km² of area or per inhabitant; "
        "the district as a whole for comparison.",
    ),
    "mu_office_pipeline": (
        "Windprojekte im Genehmigungsverfahren (Liste der Koordinierungsstelle)",
        "Wind projects in the permit procedure (the office's list)",
    ),
    "mu_no_office_pipeline": (
        "Keine Windprojekte dieser Gemeinde in der Liste der Koordinierungsstelle.",
        "No wind projects of this municipality in the office's list.",
    ),
}
