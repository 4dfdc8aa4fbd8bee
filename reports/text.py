"""Words of the briefing: labels, German/English number and date formats, sentences.

The carrier nouns here are the prose forms ("12 Windenergieanlagen"), which
the dashboard's short labels ("Wind an Land", :mod:`analysis.i18n`) do not
cover. Numbers and dates go through :mod:`analysis.format`.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from analysis import format as fmt
from analysis import i18n
from etl.schema.codes import CARRIER

LANGS = ("de", "en")


class Changes(Protocol):
    """What the sentences need of :class:`reports.changes.Changes`.

    A protocol, so that this module does not import :mod:`reports.changes`
    (which imports this one for its table and sentence).
    """

    mode: str
    since: date
    current_build_id: str | None
    baseline_build_id: str | None
    available: tuple[str, ...]

    def totals(self, category: str) -> tuple[int, float]:
        """Units and capacity (kW) of a category over all carriers."""
        ...

    def by_carrier(self, category: str) -> list[tuple[str, int, float]]:
        """(carrier, units, kW) of a category, largest capacity first."""
        ...


_MONTHS = {
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

#: (singular, plural) nouns per carrier for sentences, from the schema's carrier list;
#: ``""`` is the noun for a unit of any carrier.
_NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    lang: {
        **{c.code: c.nouns(lang) for c in CARRIER.values if c.nouns(lang)},
        "": generic,
    }
    for lang, generic in (("de", ("Anlage", "Anlagen")), ("en", ("unit", "units")))
}

_CATEGORY_LABELS = {
    "de": {
        "commissioned": "Neu in Betrieb",
        "planned": "Neu in Planung",
        "decommissioned": "Endgültig stillgelegt",
        "registered_late": "Nachträglich registriert",
        "removed": "Nicht mehr im Register",
        "status_changed": "Status geändert",
        "capacity_changed": "Leistung korrigiert (Saldo)",
        "permit_granted": "Genehmigung erteilt",
        "permit_applied": "Genehmigung beantragt",
    },
    "en": {
        "commissioned": "Newly in operation",
        "planned": "Newly planned",
        "decommissioned": "Permanently decommissioned",
        "registered_late": "Registered late",
        "removed": "No longer in the register",
        "status_changed": "Status changed",
        "capacity_changed": "Capacity corrected (net)",
        "permit_granted": "Permit granted",
        "permit_applied": "Permit applied for",
    },
}

_LABELS = {
    "de": {
        "change": "Änderung",
        "carrier": "Energieträger",
        "units": "Anlagen",
        "capacity_mw": "Leistung (MW)",
    },
    "en": {
        "change": "Change",
        "carrier": "Carrier",
        "units": "Units",
        "capacity_mw": "Capacity (MW)",
    },
}


def check_lang(lang: str) -> str:
    """``lang`` if supported (``de`` or ``en``), else ``ValueError``."""
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} not supported: use one of {', '.join(LANGS)}")
    return lang


def labels(lang: str) -> dict[str, str]:
    """Column labels of the change table."""
    return _LABELS[check_lang(lang)]


def category_label(category: str, lang: str) -> str:
    """Readable name of a change category."""
    return _CATEGORY_LABELS[check_lang(lang)].get(category, category)


def carrier_label(carrier: str, lang: str) -> str:
    """Short carrier label, the same as in the dashboard's legends."""
    return i18n.carrier_label(carrier, check_lang(lang))


def noun(carrier: str, count: int, lang: str) -> str:
    """The carrier as a counted noun: "Windenergieanlage" / "Windenergieanlagen"."""
    forms = _NOUNS[check_lang(lang)].get(carrier, _NOUNS[lang][""])
    return forms[0] if count == 1 else forms[1]


# --------------------------------------------------------------------------- #
# Numbers and dates
# --------------------------------------------------------------------------- #
def fmt_number(value: float | None, lang: str, decimals: int = 0, signed: bool = False) -> str:
    """A number in the dashboard's format (:func:`analysis.format.number`), optionally signed."""
    text = fmt.number(value, decimals, check_lang(lang))
    if signed and text != fmt.DASH and not text.startswith("-") and float(value or 0) != 0:
        text = "+" + text
    return text


def fmt_int(value: int | float | None, lang: str) -> str:
    """A count with thousands separators (:func:`analysis.format.integer`)."""
    return fmt.integer(value, check_lang(lang))


def fmt_capacity(kw: float, lang: str, signed: bool = False) -> str:
    """Capacity for prose: ``68 MW``, ``4,2 MW``, ``150 MW``, ``45 kW``."""
    mw = kw / 1000
    if abs(mw) < 0.05:
        return f"{fmt_number(kw, lang, 0, signed)}\u00a0kW"
    decimals = 0 if abs(mw) >= 100 else 1
    text = fmt_number(mw, lang, decimals, signed)
    sep = "," if lang == "de" else "."
    if decimals and text.endswith(f"{sep}0"):
        text = text[:-2]
    return f"{text}\u00a0MW"


def fmt_date(d: date, lang: str) -> str:
    """``1. Juli 2026`` (de) or ``1 July 2026`` (en)."""
    month = _MONTHS[check_lang(lang)][d.month - 1]
    return f"{d.day}. {month} {d.year}" if lang == "de" else f"{d.day} {month} {d.year}"


def fmt_date_short(d: date | None, lang: str) -> str:
    """The dashboard's date format (:func:`analysis.format.day`); ``None`` → unknown."""
    if d is None:
        return "unbekannt" if lang == "de" else "unknown"
    return fmt.day(d, check_lang(lang))


# --------------------------------------------------------------------------- #
# Sentences
# --------------------------------------------------------------------------- #
def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    conj = " und " if lang == "de" else " and "
    return ", ".join(items[:-1]) + conj + items[-1]


def _enumerate(rows: list[tuple[str, int, float]], lang: str, limit: int = 3) -> str:
    """ "12 Windenergieanlagen mit 68 MW, 3 Stromspeicher mit 1,5 MW und 40 weitere …"."""
    with_ = " mit " if lang == "de" else " with "
    items = [
        f"{fmt_int(n, lang)} {noun(carrier, n, lang)}{with_}{fmt_capacity(kw, lang)}"
        for carrier, n, kw in rows[:limit]
    ]
    rest = rows[limit:]
    if rest:
        n = sum(r[1] for r in rest)
        kw = sum(r[2] for r in rest)
        more = (
            ("weitere Anlage" if n == 1 else "weitere Anlagen")
            if lang == "de"
            else ("further unit" if n == 1 else "further units")
        )
        items.append(f"{fmt_int(n, lang)} {more}{with_}{fmt_capacity(kw, lang)}")
    return _join(items, lang)


def changes_sentence(ch: Changes, lang: str = "de") -> str:
    """Plain sentences for a politician: what came, what went, what was corrected."""
    check_lang(lang)
    de = lang == "de"
    since = fmt_date(ch.since, lang)
    out: list[str] = []

    def total(cat: str) -> int:
        return ch.totals(cat)[0]

    n_com = total("commissioned")
    if n_com:
        verb = "ist" if n_com == 1 else "sind"
        rows = ch.by_carrier("commissioned")
        out.append(
            f"Seit dem {since} {verb} {_enumerate(rows, lang)} in Betrieb gegangen."
            if de
            else f"Since {since}, {_enumerate(rows, lang)} "
            f"{'has' if n_com == 1 else 'have'} gone into operation."
        )
    else:
        out.append(
            f"Seit dem {since} ist keine neue Anlage in Betrieb gegangen."
            if de
            else f"Since {since}, no new unit has gone into operation."
        )
    for cat, de_text, en_text in (
        ("planned", "Neu als geplant gemeldet {w} {list}.", "Newly registered as planned: {list}."),
        (
            "decommissioned",
            "Endgültig stillgelegt {w} {list}.",
            "Permanently decommissioned: {list}.",
        ),
    ):
        n = total(cat)
        if n:
            w = "wurde" if n == 1 else "wurden"
            listing = _enumerate(ch.by_carrier(cat), lang)
            out.append(de_text.format(w=w, list=listing) if de else en_text.format(list=listing))
    n, kw = ch.totals("registered_late")
    if n:
        out.append(
            f"Nachträglich registriert {'wurde' if n == 1 else 'wurden'} {fmt_int(n, lang)} "
            f"bereits früher in Betrieb genommene {noun('', n, lang)} mit {fmt_capacity(kw, lang)}."
            if de
            else f"{fmt_int(n, lang)} {noun('', n, lang)} commissioned earlier "
            f"({fmt_capacity(kw, lang)}) {'was' if n == 1 else 'were'} registered late."
        )
    n, kw = ch.totals("removed")
    if n:
        out.append(
            f"{fmt_int(n, lang)} {'Eintrag' if n == 1 else 'Einträge'} "
            f"mit {fmt_capacity(kw, lang)} "
            f"{'ist' if n == 1 else 'sind'} nicht mehr im Register."
            if de
            else f"{fmt_int(n, lang)} {'entry' if n == 1 else 'entries'} with "
            f"{fmt_capacity(kw, lang)} {'is' if n == 1 else 'are'} no longer in the register."
        )
    n_cap, kw_cap = ch.totals("capacity_changed")
    n_st = total("status_changed")
    if n_cap or n_st:
        parts = []
        if n_cap:
            parts.append(
                f"bei {fmt_int(n_cap, lang)} {noun('', n_cap, lang)} die Leistung "
                f"(zusammen {fmt_capacity(kw_cap, lang, signed=True)})"
                if de
                else f"the capacity of {fmt_int(n_cap, lang)} {noun('', n_cap, lang)} "
                f"(together {fmt_capacity(kw_cap, lang, signed=True)})"
            )
        if n_st:
            parts.append(
                f"bei {fmt_int(n_st, lang)} {noun('', n_st, lang)} der Status"
                if de
                else f"the status of {fmt_int(n_st, lang)} {noun('', n_st, lang)}"
            )
        out.append(
            f"Im Register geändert wurden {_join(parts, lang)}."
            if de
            else f"Changed in the register: {_join(parts, lang)}."
        )
    n_g, kw_g = ch.totals("permit_granted")
    n_a, kw_a = ch.totals("permit_applied")
    if n_g or n_a:
        parts = []
        if n_g:
            parts.append(
                f"{fmt_int(n_g, lang)} {noun('wind_onshore', n_g, lang)} mit "
                f"{fmt_capacity(kw_g, lang)} genehmigt"
                if de
                else f"{fmt_int(n_g, lang)} {noun('wind_onshore', n_g, lang)} with "
                f"{fmt_capacity(kw_g, lang)} were permitted"
            )
        if n_a:
            parts.append(
                f"{fmt_int(n_a, lang)} {noun('wind_onshore', n_a, lang)} mit "
                f"{fmt_capacity(kw_a, lang)} beantragt"
                if de
                else f"{fmt_int(n_a, lang)} {noun('wind_onshore', n_a, lang)} with "
                f"{fmt_capacity(kw_a, lang)} were applied for"
            )
        n_verb = "wurde" if n_g + n_a == 1 else "wurden"
        out.append(
            f"Laut Genehmigungsliste der Koordinierungsstelle {n_verb} {_join(parts, lang)}."
            if de
            else f"According to the office's permit list, {_join(parts, lang)}."
        )
    return " ".join(out)


# --------------------------------------------------------------------------- #
# Briefing vocabulary (headings, notes) — the dashboard's texts are in i18n
# --------------------------------------------------------------------------- #
_WORDS: dict[str, tuple[str, str]] = {
    "estimate": ("Schätzung", "Estimate"),
    "mastr_planned": (" (MaStR „In Planung“)", " (MaStR “planned”)"),
    "hours_used": ("Volllaststunden", "Full-load hours"),
    "generation_is_estimate": (
        "Erzeugung geschätzt als Leistung in Betrieb × Volllaststunden.",
        "Generation estimated as capacity in operation × full-load hours.",
    ),
    "map_choropleth": (
        "Gemeinden eingefärbt nach installierter Leistung in Betrieb (MW); Karte ohne "
        "Hintergrundkarte.",
        "Municipalities coloured by installed capacity in operation (MW); map without base map.",
    ),
    "no_baseline": (
        "Kein Vergleich möglich: Es ist keine frühere Datenbank-Version gespeichert. Ein "
        "Stichtag lässt sich stattdessen wählen (energiezukunft briefing … --since JJJJ-MM-TT).",
        "No comparison possible: no earlier database build is kept. A cut-off date can be "
        "chosen instead (energiezukunft briefing … --since YYYY-MM-DD).",
    ),
    "files_read": ("Gelesene Dateien", "Files read"),
}

_HEADINGS: dict[str, tuple[str, str]] = {
    "changes": ("Was hat sich geändert?", "What has changed?"),
    "sources": ("Quellen, Annahmen und Nachweis", "Sources, assumptions and traceability"),
}


def word(key: str, lang: str) -> str:
    """A briefing text by key (German or English)."""
    de, en = _WORDS[key]
    return de if check_lang(lang) == "de" else en


def heading(key: str, lang: str) -> str:
    """A section heading of the briefing."""
    de, en = _HEADINGS[key]
    return de if check_lang(lang) == "de" else en


def demo_label(lang: str) -> str:
    """The label on every page of a briefing built from demo data (what is real, what not)."""
    return i18n.t("demo_label", check_lang(lang))


def baseline_note(ch: Changes, lang: str) -> str:
    """What the changes were compared with, in small print."""
    de = check_lang(lang) == "de"
    if ch.mode == "build":
        text = (
            f"Vergleich der Datenbank {ch.current_build_id} mit der früheren Version "
            f"{ch.baseline_build_id} (Datenstand {fmt_date_short(ch.since, lang)}), Anlage für "
            "Anlage nach MaStR-Nummer; Leistung = Bruttoleistung."
            if de
            else f"Database {ch.current_build_id} compared with the earlier build "
            f"{ch.baseline_build_id} (data date {fmt_date_short(ch.since, lang)}), unit by "
            "unit by MaStR number; capacity = gross capacity."
        )
    else:
        text = (
            f"Stichtag {fmt_date_short(ch.since, lang)}: Inbetriebnahme-, Registrierungs- "
            "(geplante Anlagen) und Stilllegungsdaten danach. Korrekturen von Leistung oder "
            "Status zeigt nur der Vergleich mit einer früheren Datenbank-Version."
            if de
            else f"Cut-off {fmt_date_short(ch.since, lang)}: commissioning, registration "
            "(planned units) and decommissioning dates after it. Corrections of capacity or "
            "status show only in a comparison with an earlier database build."
        )
    if "permit_granted" in ch.available:
        text += (
            " Genehmigungen: Genehmigungs- bzw. Antragsdatum laut Liste der Koordinierungsstelle."
            if de
            else " Permits: permit or application date in the office's list."
        )
    return text


def trace_note(b: object, lang: str) -> str:
    """How to trace this document: build, data date, file, archive index."""
    build_id = getattr(b, "build_id", "")
    data_date = getattr(b, "data_date", None)
    database_file = getattr(b, "database_file", "")
    if check_lang(lang) == "de":
        return (
            f"Nachweis: Alle Zahlen stammen aus der Datenbank-Version {build_id} "
            f"(Datei {database_file}, Datenstand {fmt_date_short(data_date, lang)}) und "
            "wurden mit denselben Funktionen berechnet wie im Dashboard. Version und "
            "Datenstand stehen auch in der Fußzeile, in den PDF-Metadaten und im "
            "Briefing-Archiv (index.csv)."
        )
    return (
        f"Traceability: all figures come from database build {build_id} (file "
        f"{database_file}, data date {fmt_date_short(data_date, lang)}) and were computed with "
        "the same functions as the dashboard. Build and data date are also in the footer, the "
        "PDF metadata and the briefing archive (index.csv)."
    )
