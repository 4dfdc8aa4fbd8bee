"""Fixed facts of the demo: extract date, calibration targets, file names, catalogue ids.

Everything the generator modules share and nothing else; no imports from the
rest of the project, so every demo module (and the office demo lists) can use it.
"""

from __future__ import annotations

from datetime import date

#: Recorded in the manifest; together with a hash of the generator's code, a change
#: regenerates existing demo folders.
GENERATOR_VERSION = 2
#: Date of the demo extract (the bulk zip's name and ``DatumLetzteAktualisierung`` cap).
DEMO_EXTRACT_DATE = date(2026, 11, 20)
#: The demo covers Landkreis Ludwigslust-Parchim only.
DEMO_REGION_PREFIX = "13076"
#: Wind onshore "In Betrieb", gross, exactly (the office's headline figure: 860 MW).
DEMO_WIND_OPERATING_KW = 860_000.0
#: Wind onshore "In Planung", gross, exactly (another engineer calibrates the demo
#: permit list against this figure: MaStR planned + permits = 3,950 MW).
DEMO_WIND_PLANNED_KW = 402_460.0

BULK_ZIP_NAME = f"Gesamtdatenexport_{DEMO_EXTRACT_DATE:%Y%m%d}_26.2.zip"
BOUNDARIES_NAME = "demo_vg250.gpkg"
POPULATION_NAME = "einwohner_demo.csv"
MANIFEST_NAME = "demo_manifest.json"
#: The reference set's population date (Destatis, 31.12.2021).
POPULATION_DATE = date(2021, 12, 31)

#: Base of every random generator's seed (each carrier derives its own from it).
SEED = 13076
#: The demo's projected CRS (UTM zone 32N, as VG250).
CRS_UTM = 25832
#: Units below this net capacity have no public coordinates (MaStR publication rule).
COORDINATE_THRESHOLD_KW = 30.0
DISTRICT = "Ludwigslust-Parchim"

# Catalogue ids (see etl.demo.bulk_zip.CATALOG and the official XSDs).
PLANNED, OPERATING, TEMP_SHUT, SHUT_DOWN = 31, 35, 37, 38
BIOMASS, SOLAR, STORAGE, WIND, HYDRO = 2493, 2495, 2496, 2497, 2498
GERMANY, MECKLENBURG_VORPOMMERN, ONSHORE, CHECKED = 84, 1407, 888, 2954
PV_GROUND, PV_BUILDING, PV_OTHER, PV_BALCONY = 852, 853, 2484, 2961
BATTERY, LITHIUM = 524, 727
ACTIVE = 472  # EinheitSystemstatus (XSD enumeration; not decoded by the readers)

#: The office demo lists: their ``source`` value and the base of their seeds.
LIST_SOURCE = "Demo-Daten"
LIST_SEED = "13076-office"
