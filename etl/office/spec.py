"""What the office's lists look like to staff: headers, aliases, help texts, examples.

Each :class:`ListSpec` names the columns of one list (German and English
headers, accepted aliases, input kind, help text, example). Types, ranges,
code lists and whether a column is required come from the list's table in
:mod:`etl.schema.office` (a :class:`Field` names its schema column). The
templates (``data/raw/templates/``), their README, the readers' header
matching and the messages all come from these definitions.
"""

from __future__ import annotations

from etl.office.area_spec import (
    WIND_AREA_ATTRIBUTES,
    WIND_AREA_PREFIXES,
    WIND_AREAS_SOURCE,
    WIND_AREAS_TEMPLATE_STEM,
)
from etl.office.fields import KINDS, AreaAttribute, Field, ListSpec
from etl.schema import normalise
from etl.schema.codes import (
    AREA_STATUS,
    FUNNEL_STAGES,
    H2_STATUS,
    H2_TYPE,
    PERMIT_STATUS,
    PIPELINE_STATUSES,
)

__all__ = [
    "AREA_STATUSES",
    "AREA_STATUS_LABELS",
    "FUNNEL_STAGES",
    "H2_STATUSES",
    "H2_TYPES",
    "HYDROGEN",
    "KINDS",
    "LIST_SPECS",
    "PERMIT_STATUSES",
    "PIPELINE_STATUSES",
    "WIND_AREAS_SOURCE",
    "WIND_AREAS_TEMPLATE_STEM",
    "WIND_AREA_ATTRIBUTES",
    "WIND_AREA_PREFIXES",
    "WIND_PERMITS",
    "AreaAttribute",
    "Field",
    "ListSpec",
    "normalise",
]

PERMIT_STATUSES: tuple[str, ...] = PERMIT_STATUS.codes
H2_TYPES: tuple[str, ...] = H2_TYPE.codes
H2_STATUSES: tuple[str, ...] = H2_STATUS.codes
AREA_STATUSES: tuple[str, ...] = AREA_STATUS.codes
#: Area status code -> accepted spellings (first: German, second: English).
AREA_STATUS_LABELS: dict[str, tuple[str, ...]] = AREA_STATUS.accepted_labels()


_MASTR_HELP_DE = (
    "MaStR-Nummern der Einheiten (SEE…) und/oder der Genehmigung (SGE…), getrennt durch "
    "Komma oder Semikolon. Wenn angegeben, wird über diese Nummern mit dem MaStR abgeglichen."
)
_MASTR_HELP_EN = (
    "MaStR numbers of the units (SEE…) and/or of the permit (SGE…), separated by comma or "
    "semicolon. When given, the entry is matched to the MaStR by these numbers."
)
_AGS_HELP_DE = (
    "Amtlicher Gemeindeschlüssel, 8 Ziffern (z. B. 13076001). Muss im Landkreis liegen. "
    "In Excel als Text formatieren."
)
_AGS_HELP_EN = (
    "Official municipality key, 8 digits (e.g. 13076001). Must lie in the district. "
    "Format as text in Excel."
)
_SOURCE_HELP_DE = "Woher die Angabe stammt (z. B. StALU WM, Projektierer, Presse)."
_SOURCE_HELP_EN = "Where the entry comes from (e.g. StALU WM, developer, press)."
_DATE_HELP_DE = "Datum TT.MM.JJJJ (oder JJJJ-MM-TT, oder Excel-Datumszelle)."
_DATE_HELP_EN = "Date DD.MM.YYYY (or YYYY-MM-DD, or an Excel date cell)."

WIND_PERMITS = ListSpec(
    kind="wind_permits",
    table_name="core_office__wind_permits",
    source="office_wind_permits",
    title_de="Windenergie-Genehmigungsliste (BImSchG-Verfahren)",
    title_en="Wind permit pipeline (BImSchG procedures)",
    file_prefixes=("windpipeline", "wind_pipeline", "windgenehmigung", "wind_permits"),
    template_stem="windpipeline_vorlage",
    sheet_de="Liste",
    key="procedure_id",
    intro_de=(
        "Eine Zeile je BImSchG-Verfahren (Windpark oder Teilprojekt). Pflichtspalten: "
        "Verfahrens-Nr., Projektname, Gemeindeschlüssel, Anzahl WEA, Gesamtleistung, Status. "
        "Zahlen mit Dezimalkomma (4,2), Daten als TT.MM.JJJJ. Keine Formeln."
    ),
    intro_en=(
        "One row per BImSchG procedure (wind park or part of one). Required: procedure id, "
        "project name, municipality key, number of turbines, total capacity, status. Numbers "
        "with decimal comma (4,2) or point (4.2), dates DD.MM.YYYY. No formulas."
    ),
    fields=(
        Field(
            "procedure_id",
            "Verfahrens-Nr.",
            "Procedure id",
            "id",
            "Eindeutige Nummer des Verfahrens (z. B. Aktenzeichen des StALU). Jede Nummer "
            "nur einmal.",
            "Unique id of the procedure (e.g. the StALU file number). Each id once.",
            example="StALU-WM-2024-017",
            aliases=("Verfahrensnummer", "Aktenzeichen", "Verfahren", "procedure", "id"),
        ),
        Field(
            "project_name",
            "Projektname",
            "Project name",
            "text",
            "Name des Vorhabens bzw. Windparks.",
            "Name of the project or wind park.",
            example="Windpark Musterfeld II",
            aliases=("Vorhaben", "Windpark", "Projekt", "name", "project"),
        ),
        Field(
            "municipality_key",
            "Gemeindeschlüssel (AGS)",
            "Municipality key (AGS)",
            "ags",
            _AGS_HELP_DE + " Bei mehreren Gemeinden: die mit den meisten Anlagen.",
            _AGS_HELP_EN + " If several municipalities: the one with most turbines.",
            example="13076001",
            aliases=("AGS", "Gemeindeschlüssel", "Gemeindeschluessel", "municipality key"),
        ),
        Field(
            "municipality_name_input",
            "Gemeinde",
            "Municipality",
            "text",
            "Name der Gemeinde (nur zur Kontrolle; maßgeblich ist der Schlüssel).",
            "Municipality name (for checking only; the key decides).",
            example="Musterfeld",
            aliases=("Gemeindename", "municipality name"),
        ),
        Field(
            "turbine_count",
            "Anzahl WEA",
            "Number of turbines",
            "int",
            "Anzahl der Windenergieanlagen (ganze Zahl).",
            "Number of wind turbines (whole number).",
            example="5",
            aliases=("Anzahl Anlagen", "WEA", "Anzahl", "turbines", "turbine count"),
        ),
        Field(
            "capacity_mw",
            "Gesamtleistung (MW)",
            "Total capacity (MW)",
            "number",
            "Summe der Nennleistung aller Anlagen in Megawatt, als Zahl (z. B. 28,5).",
            "Sum of the rated capacity of all turbines in megawatts, a number (e.g. 28.5).",
            example="28,5",
            aliases=("Leistung (MW)", "Leistung MW", "Leistung", "MW", "capacity", "total MW"),
        ),
        Field(
            "replaced_turbine_count",
            "Rückbau WEA (Repowering)",
            "Turbines replaced (repowering)",
            "int",
            "Nur bei Repowering: Zahl der Bestandsanlagen, die für das Vorhaben abgebaut werden.",
            "Repowering only: number of existing turbines dismantled for the project.",
            example="",
            aliases=("Rückbau WEA", "Repowering WEA", "ersetzte WEA", "turbines replaced"),
        ),
        Field(
            "replaced_capacity_mw",
            "Rückbau MW (Repowering)",
            "Capacity replaced (MW, repowering)",
            "number",
            "Nur bei Repowering: Leistung der abzubauenden Bestandsanlagen in MW. Die Pipeline "
            "zeigt brutto (Gesamtleistung) und netto (Gesamtleistung minus Rückbau).",
            "Repowering only: capacity of the existing turbines dismantled, in MW. The pipeline "
            "shows gross (total capacity) and net (total minus replaced).",
            example="",
            aliases=(
                "Rückbau MW",
                "Rückbau (MW)",
                "Repowering MW",
                "ersetzte Leistung",
                "capacity replaced",
                "replaced MW",
            ),
        ),
        Field(
            "turbine_model",
            "Anlagentyp",
            "Turbine model",
            "text",
            "Hersteller und Typ, falls bekannt (z. B. Vestas V162-6.2).",
            "Manufacturer and model if known (e.g. Vestas V162-6.2).",
            example="Vestas V162-6.2",
            aliases=("WEA-Typ", "Typ", "Anlagenmodell", "model", "turbine type"),
        ),
        Field(
            "hub_height_m",
            "Nabenhöhe (m)",
            "Hub height (m)",
            "number",
            "Nabenhöhe in Metern, falls bekannt.",
            "Hub height in metres if known.",
            example="169",
            aliases=("Nabenhöhe", "hub height"),
        ),
        Field(
            "status",
            "Status",
            "Status",
            "code",
            "Stand des Verfahrens: beantragt, genehmigt, im Bau, in Betrieb, abgelehnt oder "
            "zurückgezogen.",
            "State of the procedure: applied, approved, under construction, operating, "
            "rejected or withdrawn (German labels also accepted).",
            example="genehmigt",
            aliases=("Verfahrensstand", "Stand", "state"),
        ),
        Field(
            "application_date",
            "Antragsdatum",
            "Application date",
            "date",
            "Tag der Antragstellung. " + _DATE_HELP_DE,
            "Date the application was filed. " + _DATE_HELP_EN,
            example="15.03.2023",
            aliases=("Antrag vom", "Datum Antrag", "Antragstellung", "application"),
        ),
        Field(
            "permit_date",
            "Genehmigungsdatum",
            "Permit date",
            "date",
            "Tag der Genehmigung (bei genehmigt, im Bau, in Betrieb). " + _DATE_HELP_DE,
            "Date of the permit (for approved, under construction, operating). " + _DATE_HELP_EN,
            example="02.09.2024",
            aliases=("Genehmigung vom", "Datum Genehmigung", "Genehmigung", "permit"),
        ),
        Field(
            "construction_start_date",
            "Baubeginn",
            "Construction start",
            "date",
            "Beginn der Bauarbeiten, falls bekannt. " + _DATE_HELP_DE,
            "Start of construction if known. " + _DATE_HELP_EN,
            example="",
            aliases=("Baubeginn am", "construction start date"),
        ),
        Field(
            "expected_commissioning_date",
            "Geplante Inbetriebnahme",
            "Expected commissioning",
            "month_date",
            "Erwartete Inbetriebnahme: Datum, Monat (MM.JJJJ → Monatserster) oder Jahr "
            "(JJJJ → 1. Januar).",
            "Expected commissioning: a date, a month (MM.YYYY → first of month) or a year "
            "(YYYY → 1 January).",
            example="12.2026",
            aliases=("Inbetriebnahme geplant", "geplante IBN", "expected commissioning date"),
        ),
        Field(
            "commissioning_date",
            "Inbetriebnahme",
            "Commissioning date",
            "date",
            "Tatsächliche Inbetriebnahme (bei in Betrieb). " + _DATE_HELP_DE,
            "Actual commissioning (when operating). " + _DATE_HELP_EN,
            example="",
            aliases=("Inbetriebnahmedatum", "IBN", "commissioning"),
        ),
        Field(
            "mastr_ids",
            "MaStR-Nummern",
            "MaStR ids",
            "mastr_ids",
            _MASTR_HELP_DE,
            _MASTR_HELP_EN,
            example="SEE912345678901, SEE912345678902",
            aliases=("MaStR-Nr.", "MaStR", "MaStR-Nummer", "MaStR numbers", "mastr id"),
        ),
        Field(
            "source",
            "Quelle",
            "Source",
            "text",
            _SOURCE_HELP_DE,
            _SOURCE_HELP_EN,
            example="StALU WM, Bekanntmachung",
            aliases=("Datenquelle",),
        ),
        Field(
            "notes",
            "Bemerkungen",
            "Notes",
            "text",
            "Freitext.",
            "Free text.",
            example="",
            aliases=("Anmerkungen", "Hinweise", "Bemerkung", "comments", "note"),
        ),
    ),
)

HYDROGEN = ListSpec(
    kind="hydrogen_projects",
    table_name="core_office__hydrogen_projects",
    source="office_hydrogen_projects",
    title_de="Wasserstoffprojekte",
    title_en="Hydrogen projects",
    file_prefixes=("wasserstoff", "hydrogen", "h2projekte", "h2_projekte", "h2-projekte"),
    template_stem="wasserstoff_vorlage",
    sheet_de="Liste",
    key="project_id",
    intro_de=(
        "Eine Zeile je Wasserstoffprojekt. Pflichtspalten: Projekt-ID, Projektname, Art, "
        "Status sowie Gemeindeschlüssel und/oder Koordinaten. Zahlen mit Dezimalkomma, "
        "Koordinaten in Grad WGS84 (z. B. 53,4512). Keine Formeln."
    ),
    intro_en=(
        "One row per hydrogen project. Required: project id, project name, type, status, and "
        "a municipality key and/or coordinates. Numbers with decimal comma or point, "
        "coordinates in WGS84 degrees. No formulas."
    ),
    fields=(
        Field(
            "project_id",
            "Projekt-ID",
            "Project id",
            "id",
            "Eindeutige Kurzbezeichnung (z. B. H2-001). Jede ID nur einmal.",
            "Unique short id (e.g. H2-001). Each id once.",
            example="H2-001",
            aliases=("ID", "Projektnummer", "Nr.", "project"),
        ),
        Field(
            "project_name",
            "Projektname",
            "Project name",
            "text",
            "Name des Projekts.",
            "Name of the project.",
            example="Elektrolyseur Musterfeld",
            aliases=("Projekt", "Name", "Vorhaben"),
        ),
        Field(
            "operator",
            "Betreiber / Konsortium",
            "Operator or consortium",
            "text",
            "Betreiber, Träger oder Konsortium.",
            "Operator, sponsor or consortium.",
            example="Musterfeld Energie GmbH",
            aliases=("Betreiber", "Konsortium", "Träger", "operator", "consortium"),
        ),
        Field(
            "project_type",
            "Art",
            "Type",
            "code",
            "Elektrolyse, Tankstelle, Speicher, Leitung oder Abnehmer.",
            "Electrolysis, refuelling station, storage, pipeline or consumer.",
            example="Elektrolyse",
            aliases=("Projektart", "Typ", "project type", "kind"),
        ),
        Field(
            "electrolyser_mw",
            "Elektrolyseleistung (MW)",
            "Electrolyser capacity (MW)",
            "number",
            "Elektrische Leistung des Elektrolyseurs in MW (bei Art Elektrolyse).",
            "Electrical capacity of the electrolyser in MW (for type electrolysis).",
            example="10",
            aliases=("Elektrolyseur (MW)", "Elektrolyseleistung", "Leistung (MW)", "MW"),
        ),
        Field(
            "hydrogen_output_t_per_year",
            "Wasserstoff (t/a)",
            "Hydrogen output (t/a)",
            "number",
            "Erwartete Wasserstoffmenge in Tonnen pro Jahr.",
            "Expected hydrogen output in tonnes per year.",
            example="1.200",
            aliases=("H2-Menge (t/a)", "Wasserstoffmenge", "hydrogen output", "t/a"),
        ),
        Field(
            "status",
            "Status",
            "Status",
            "code",
            "Idee, Machbarkeitsstudie, Planung, Investitionsentscheidung, Bau, in Betrieb oder "
            "eingestellt.",
            "Idea, feasibility, planning, investment decision, construction, operating or "
            "cancelled.",
            example="Planung",
            aliases=("Projektstand", "Stand", "state"),
        ),
        Field(
            "expected_year",
            "Geplantes Jahr",
            "Expected year",
            "year",
            "Jahr der erwarteten Inbetriebnahme (JJJJ).",
            "Year of expected start of operation (YYYY).",
            example="2028",
            aliases=("Jahr", "Inbetriebnahme (Jahr)", "year", "expected start"),
        ),
        Field(
            "municipality_key",
            "Gemeindeschlüssel (AGS)",
            "Municipality key (AGS)",
            "ags",
            _AGS_HELP_DE + " Pflicht, wenn keine Koordinaten angegeben sind.",
            _AGS_HELP_EN + " Required when no coordinates are given.",
            example="13076001",
            aliases=("AGS", "Gemeindeschlüssel", "Gemeindeschluessel", "municipality key"),
        ),
        Field(
            "latitude",
            "Breitengrad",
            "Latitude",
            "number",
            "Breitengrad WGS84 in Grad (z. B. 53,4512). Mit Längengrad zusammen angeben.",
            "Latitude WGS84 in degrees (e.g. 53.4512). Give together with longitude.",
            example="53,4512",
            aliases=("Breite", "lat", "Koordinate Breitengrad"),
        ),
        Field(
            "longitude",
            "Längengrad",
            "Longitude",
            "number",
            "Längengrad WGS84 in Grad (z. B. 11,3015).",
            "Longitude WGS84 in degrees (e.g. 11.3015).",
            example="11,3015",
            aliases=("Länge", "lon", "lng", "Koordinate Längengrad"),
        ),
        Field(
            "electricity_source",
            "Stromquelle",
            "Electricity source",
            "text",
            "Woher der Strom kommt, z. B. ein verbundener Windpark (Name oder Verfahrens-Nr.).",
            "Where the electricity comes from, e.g. a linked wind park (name or procedure id).",
            example="Windpark Musterfeld II",
            aliases=("Strombezug", "Energiequelle", "power source"),
        ),
        Field(
            "funding",
            "Förderung",
            "Funding",
            "text",
            "Förderprogramm und -summe, falls bekannt.",
            "Funding programme and amount if known.",
            example="IPCEI, 12 Mio. €",
            aliases=("Förderprogramm", "Foerderung", "funding programme"),
        ),
        Field(
            "source",
            "Quelle",
            "Source",
            "text",
            _SOURCE_HELP_DE,
            _SOURCE_HELP_EN,
            example="Pressemitteilung 05/2025",
            aliases=("Datenquelle",),
        ),
        Field(
            "notes",
            "Bemerkungen",
            "Notes",
            "text",
            "Freitext.",
            "Free text.",
            aliases=("Anmerkungen", "Hinweise", "Bemerkung", "comments", "note"),
        ),
    ),
)

LIST_SPECS: dict[str, ListSpec] = {s.kind: s for s in (WIND_PERMITS, HYDROGEN)}
