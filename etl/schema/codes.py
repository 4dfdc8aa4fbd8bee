"""Code lists with their labels: the one place where a code gets its name.

The dashboard's labels (``dashboard/i18n``), the office templates and the
office readers' accepted spellings are all read from here.
"""

from __future__ import annotations

from etl.schema.model import Code, CodeList

# --------------------------------------------------------------------------- #
# MaStR units
# --------------------------------------------------------------------------- #
CARRIER = CodeList(
    "carrier",
    "Energy carrier and kind of installation (decoded from the MaStR catalogue)",
    (
        Code(
            "wind_onshore",
            "Wind an Land",
            "Onshore wind",
            nouns_de=("Windenergieanlage", "Windenergieanlagen"),
            nouns_en=("wind turbine", "wind turbines"),
        ),
        Code(
            "wind_offshore",
            "Wind auf See",
            "Offshore wind",
            nouns_de=("Windenergieanlage auf See", "Windenergieanlagen auf See"),
            nouns_en=("offshore wind turbine", "offshore wind turbines"),
        ),
        Code(
            "pv_ground",
            "PV-Freifläche",
            "Ground-mounted PV",
            nouns_de=("Photovoltaik-Freiflächenanlage", "Photovoltaik-Freiflächenanlagen"),
            nouns_en=("ground-mounted PV plant", "ground-mounted PV plants"),
        ),
        Code(
            "pv_building",
            "PV auf Gebäuden",
            "Rooftop PV",
            nouns_de=("Photovoltaik-Anlage auf Gebäuden", "Photovoltaik-Anlagen auf Gebäuden"),
            nouns_en=("PV system on a building", "PV systems on buildings"),
        ),
        Code(
            "pv_other",
            "PV sonstige",
            "Other PV",
            nouns_de=("sonstige Photovoltaik-Anlage", "sonstige Photovoltaik-Anlagen"),
            nouns_en=("other PV system", "other PV systems"),
        ),
        Code(
            "biomass",
            "Biomasse",
            "Biomass",
            nouns_de=("Biomasseanlage", "Biomasseanlagen"),
            nouns_en=("biomass plant", "biomass plants"),
        ),
        Code(
            "hydro",
            "Wasserkraft",
            "Hydropower",
            nouns_de=("Wasserkraftanlage", "Wasserkraftanlagen"),
            nouns_en=("hydropower plant", "hydropower plants"),
        ),
        Code(
            "storage",
            "Stromspeicher",
            "Storage",
            nouns_de=("Stromspeicher", "Stromspeicher"),
            nouns_en=("battery or storage unit", "battery or storage units"),
        ),
        Code(
            "other",
            "Sonstige",
            "Other",
            nouns_de=("sonstige Anlage", "sonstige Anlagen"),
            nouns_en=("other unit", "other units"),
        ),
    ),
)

STATUS = CodeList(
    "status",
    "Operating status of a unit (EinheitBetriebsstatus)",
    (
        Code("operating", "In Betrieb", "In operation"),
        Code("planned", "In Planung", "Planned"),
        Code("temporarily_shut_down", "Vorübergehend stillgelegt", "Temporarily shut down"),
        Code("permanently_shut_down", "Endgültig stillgelegt", "Permanently shut down"),
    ),
)

SOURCE = CodeList(
    "source",
    "Reader that produced a unit row",
    (
        Code("mastr_bulk", "MaStR-Gesamtdatenexport", "MaStR bulk export"),
        Code("mastr_web_csv", "MaStR-Webexport (CSV)", "MaStR web export (CSV)"),
    ),
)

CAPACITY_EVENT = CodeList(
    "capacity_event",
    "What happened to capacity in a month",
    (
        Code("commissioned", "in Betrieb genommen", "commissioned"),
        Code("decommissioned", "stillgelegt", "decommissioned"),
        Code("planned", "geplant", "planned"),
    ),
)

# --------------------------------------------------------------------------- #
# Build metadata
# --------------------------------------------------------------------------- #
REJECT_ACTION = CodeList(
    "reject_action",
    "What happened to a record with a problem",
    (
        Code("row_rejected", "Zeile abgelehnt", "Row rejected"),
        Code("field_cleared", "Feld geleert", "Field cleared"),
        Code("flagged", "Markiert", "Flagged"),
    ),
)

DRIFT_CHANGE = CodeList(
    "drift_change",
    "How a source field differs from what the reader expects",
    (
        Code("added", "hinzugekommen", "added"),
        Code("missing", "fehlt", "missing"),
        Code("renamed", "umbenannt", "renamed"),
    ),
)

# --------------------------------------------------------------------------- #
# Office lists
# --------------------------------------------------------------------------- #
PERMIT_STATUS = CodeList(
    "permit_status",
    "State of a wind permit procedure",
    (
        Code(
            "applied",
            "beantragt",
            "applied",
            ("beantragt", "applied", "Antrag gestellt", "im Verfahren", "application"),
        ),
        Code(
            "approved",
            "genehmigt",
            "approved",
            ("genehmigt", "approved", "permitted", "Genehmigung erteilt"),
        ),
        Code(
            "under_construction",
            "im Bau",
            "under construction",
            ("im Bau", "under construction", "in Bau", "Bau", "construction"),
        ),
        Code(
            "operating",
            "in Betrieb",
            "operating",
            ("in Betrieb", "operating", "in operation", "Betrieb"),
        ),
        Code("rejected", "abgelehnt", "rejected", ("abgelehnt", "rejected", "refused", "versagt")),
        Code(
            "withdrawn",
            "zurückgezogen",
            "withdrawn",
            ("zurückgezogen", "withdrawn", "Antrag zurückgezogen"),
        ),
    ),
)

#: Statuses of the permit list that count as pipeline: applied for, or approved and not yet
#: operating (under construction is approved; it counts also without a MaStR match).
PIPELINE_STATUSES: tuple[str, ...] = ("applied", "approved", "under_construction")
#: Funnel stages in order.
FUNNEL_STAGES: tuple[str, ...] = ("applied", "approved", "under_construction", "operating")

PIPELINE_STAGE = CodeList(
    "pipeline_stage",
    "Stage of a wind project in the permit funnel",
    tuple(v for v in PERMIT_STATUS.values if v.code in FUNNEL_STAGES[:3]),
)

H2_TYPE = CodeList(
    "h2_type",
    "Kind of hydrogen project",
    (
        Code(
            "electrolysis",
            "Elektrolyse",
            "Electrolysis",
            ("Elektrolyse", "electrolysis", "Elektrolyseur", "electrolyser", "electrolyzer"),
        ),
        Code(
            "refuelling_station",
            "Tankstelle",
            "Refuelling station",
            (
                "Tankstelle",
                "refuelling station",
                "H2-Tankstelle",
                "Wasserstofftankstelle",
                "refueling station",
                "fuelling station",
            ),
        ),
        Code(
            "storage",
            "Speicher",
            "Storage",
            ("Speicher", "storage", "H2-Speicher", "Wasserstoffspeicher"),
        ),
        Code(
            "pipeline",
            "Leitung",
            "Pipeline",
            ("Leitung", "pipeline", "Pipeline", "H2-Leitung", "Wasserstoffleitung"),
        ),
        Code(
            "consumer",
            "Abnehmer",
            "Consumer",
            ("Abnehmer", "consumer", "Verbraucher", "Anwendung", "offtaker"),
        ),
    ),
)

H2_STATUS = CodeList(
    "h2_status",
    "Stage of a hydrogen project",
    (
        Code("idea", "Idee", "Idea", ("Idee", "idea", "Projektidee")),
        Code(
            "feasibility",
            "Machbarkeitsstudie",
            "Feasibility study",
            ("Machbarkeitsstudie", "feasibility", "feasibility study", "Machbarkeit"),
        ),
        Code("planning", "Planung", "Planning", ("Planung", "planning", "in Planung")),
        Code(
            "investment_decision",
            "Investitionsentscheidung",
            "Investment decision",
            ("Investitionsentscheidung", "investment decision", "FID", "final investment decision"),
        ),
        Code(
            "construction",
            "Bau",
            "Construction",
            ("Bau", "construction", "im Bau", "under construction"),
        ),
        Code(
            "operating",
            "in Betrieb",
            "Operating",
            ("in Betrieb", "operating", "in operation", "Betrieb"),
        ),
        Code(
            "cancelled",
            "eingestellt",
            "Cancelled",
            ("eingestellt", "cancelled", "canceled", "abgebrochen", "aufgegeben"),
        ),
    ),
)

AREA_STATUS = CodeList(
    "area_status",
    "Planning status of a wind area",
    (
        Code(
            "designated",
            "ausgewiesen",
            "designated",
            ("ausgewiesen", "designated", "festgelegt", "rechtskräftig", "in Kraft", "beschlossen"),
        ),
        Code("draft", "Entwurf", "draft", ("Entwurf", "draft", "geplant", "planned", "Vorentwurf")),
    ),
)

AREA_LOCATION = CodeList(
    "area_location",
    "Where a wind unit stands relative to the wind areas",
    (
        Code("designated", "WEA in ausgewiesenem Gebiet", "Turbine in a designated area"),
        Code("draft", "WEA in Entwurfsgebiet", "Turbine in a draft area"),
        Code("outside", "WEA außerhalb", "Turbine outside"),
        Code("no_coordinates", "ohne Koordinaten", "without coordinates"),
    ),
)

FINDING = CodeList(
    "finding",
    "Kind of disagreement between the permit list and the MaStR",
    (
        Code(
            "list_permitted_mastr_operating",
            "Liste: genehmigt/im Bau – MaStR: schon in Betrieb",
            "List: permitted – MaStR: already operating",
        ),
        Code(
            "list_operating_mastr_planned",
            "Liste: in Betrieb – MaStR: noch in Planung",
            "List: operating – MaStR: still planned",
        ),
        Code(
            "list_closed_mastr_active",
            "Liste: abgelehnt/zurückgezogen – MaStR: aktiv",
            "List: rejected/withdrawn – MaStR: active",
        ),
        Code(
            "mastr_missing_from_list",
            "Im MaStR, fehlt in der Liste",
            "In the MaStR, missing from the list",
        ),
        Code("capacity_differs", "Leistung weicht ab", "Capacity differs"),
        Code("turbine_count_differs", "Anlagenzahl weicht ab", "Number of turbines differs"),
        Code("mastr_id_not_found", "MaStR-Nummer nicht gefunden", "MaStR number not found"),
        Code(
            "no_mastr_match",
            "Im Bau/in Betrieb, aber nicht im MaStR",
            "Under construction/operating, but not in the MaStR",
        ),
    ),
)

MATCH_METHOD = CodeList(
    "match_method",
    "How a MaStR unit was matched to an entry of the permit list",
    (
        Code("mastr_unit_id", "über MaStR-Einheitennummer", "by MaStR unit number"),
        Code("mastr_permit_id", "über MaStR-Genehmigungsnummer", "by MaStR permit number"),
        Code(
            "municipality_capacity_date",
            "über Gemeinde, Leistung und Datum",
            "by municipality, capacity and date",
        ),
    ),
)

PIPELINE_ITEM = CodeList(
    "pipeline_item",
    "What a row of the wind pipeline stands for",
    (
        Code("mastr_unit", "MaStR-Einheit", "MaStR unit"),
        Code("list_entry", "Listeneintrag", "List entry"),
    ),
)

NEARBY_SCOPE = CodeList(
    "nearby_scope",
    "Where capacity near a hydrogen project is counted",
    (
        Code("municipality", "Gemeinde", "Municipality"),
        Code("radius", "Umkreis", "Radius"),
    ),
)

#: Every code list, by name.
CODE_LISTS: dict[str, CodeList] = {
    c.name: c
    for c in (
        CARRIER,
        STATUS,
        SOURCE,
        CAPACITY_EVENT,
        REJECT_ACTION,
        DRIFT_CHANGE,
        PERMIT_STATUS,
        PIPELINE_STAGE,
        H2_TYPE,
        H2_STATUS,
        AREA_STATUS,
        AREA_LOCATION,
        FINDING,
        MATCH_METHOD,
        PIPELINE_ITEM,
        NEARBY_SCOPE,
    )
}

# Plain code tuples, as the rest of the code base uses them.
CARRIERS: tuple[str, ...] = CARRIER.codes

#: Which carriers count toward "Installierte Leistung (erneuerbar)": renewable
#: energy sources in the sense of § 3 Nr. 21 EEG 2023 (wind, solar radiation,
#: biomass, hydro). The one place a carrier is classified; every headline figure
#: (``analysis/headline.py``) and every mart that needs the split reads it here.
RENEWABLE_CARRIERS: tuple[str, ...] = (
    "wind_onshore",
    "wind_offshore",
    "pv_ground",
    "pv_building",
    "pv_other",
    "biomass",
    "hydro",
)
#: Storage is shown on its own (MW and MWh) and never added to generation capacity.
STORAGE_CARRIERS: tuple[str, ...] = ("storage",)
#: ``other`` holds the MaStR Energieträger outside our carrier list (sewage sludge,
#: non-biogenic waste, natural gas, coal, mine gas, heat, pressure, unknown labels):
#: shown separately, never added to the renewable total.
NON_RENEWABLE_CARRIERS: tuple[str, ...] = ("other",)
#: Carrier group by carrier code: ``renewable``, ``storage`` or ``non_renewable``.
CARRIER_GROUP: dict[str, str] = (
    {c: "renewable" for c in RENEWABLE_CARRIERS}
    | {c: "storage" for c in STORAGE_CARRIERS}
    | {c: "non_renewable" for c in NON_RENEWABLE_CARRIERS}
)
STATUSES: tuple[str, ...] = STATUS.codes
SOURCES: tuple[str, ...] = SOURCE.codes
REJECT_ACTIONS: tuple[str, ...] = REJECT_ACTION.codes
