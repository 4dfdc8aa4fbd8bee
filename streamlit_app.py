"""Energiezukunft LUP dashboard: navigation and the frame around every page.

Run with ``streamlit run streamlit_app.py`` (or ``make run``). Each page is
one module in ``dashboard/pages/``; to add a page, add one line to ``PAGES``
(file, i18n key of its title, icon, URL path) and its texts to
``dashboard/i18n.py``. The frame resolves the served database on every
rerun, shows the demo banner, and ends every page with data date and
attribution.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from analysis.i18n import t
from dashboard import columns, components, document, state
from dashboard import db as dashboard_db

#: The pages, in navigation order: (file, title key, icon, url path). The first is the default.
PAGES: list[tuple[str, str, str, str]] = [
    ("dashboard/pages/overview.py", "nav_overview", ":material/dashboard:", "uebersicht"),
    ("dashboard/pages/growth.py", "nav_growth", ":material/trending_up:", "ausbau"),
    ("dashboard/pages/map.py", "nav_map", ":material/map:", "karte"),
    ("dashboard/pages/mix.py", "nav_mix", ":material/donut_large:", "energiemix"),
    (
        "dashboard/pages/municipality.py",
        "nav_municipality",
        ":material/location_city:",
        "gemeinden",
    ),
    ("dashboard/pages/pipeline.py", "nav_pipeline", ":material/wind_power:", "pipeline"),
    ("dashboard/pages/hydrogen.py", "nav_hydrogen", ":material/water_drop:", "wasserstoff"),
    ("dashboard/pages/area_target.py", "nav_area_target", ":material/crop_free:", "flaechenziel"),
    ("dashboard/pages/data_quality.py", "nav_data", ":material/fact_check:", "daten"),
    ("dashboard/pages/upload.py", "nav_upload", ":material/upload_file:", "hochladen"),
    (
        "dashboard/pages/accessibility.py",
        "nav_accessibility",
        ":material/accessibility:",
        "barrierefreiheit",
    ),
]

st.set_page_config(page_title="Energiezukunft LUP", page_icon=":material/bolt:", layout="wide")
dashboard_db.use_cached_queries()
state.init_session()
lang = state.language_selector(t("language"))
served = dashboard_db.served_state()
db = str(served.path) if served.path is not None else None
components.set_run_db(db, served.problem, served.pointer_name)

ROOT = Path(__file__).resolve().parent
#: Pages only in the navigation of those who may upload (their URL always works: the
#: secret is entered on the page itself; Daten & Qualität links to it).
OFFICE_ONLY = {"hochladen"}
#: Pages reached from the footer, not from the navigation; shown also without a database.
FOOTER_ONLY = {"barrierefreiheit"}
office = components.upload_open(db)
page = st.navigation(
    [
        st.Page(
            path,
            title=t(title_key, lang),
            icon=icon,
            url_path=url,
            default=(i == 0),
            visibility="hidden"
            if url in FOOTER_ONLY or (url in OFFICE_ONLY and not office)
            else "visible",
        )
        for i, (path, title_key, icon, url) in enumerate(PAGES)
        if (ROOT / path).exists()  # a page still being written is left out, not fatal
    ]
)
document.set_document(lang, page.title)
if served.problem is not None:
    components.served_problem(db, lang)
if page.url_path in FOOTER_ONLY:
    page.run()
elif db is None:
    if served.problem is None:
        components.no_database(lang)
else:
    components.demo_banner(db, lang)
    components.partial_banner(db, lang)
    components.coverage_banner(db, lang)
    columns.start_page(page.url_path)
    page.run()
components.footer(db, lang)
state.sync_url()
