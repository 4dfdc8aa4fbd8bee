"""The reasons of findings in English and German (``meta_rejected_rows.reason`` / ``reason_de``).

Readers and checks write the English reason where they find a problem; this
catalogue gives each reason template its German text. A template holds
placeholders ``{name}`` for what varies (an element name, a value, a count);
a placeholder called ``{reason…}`` is itself a reason and translated too
(``"{reason}: value cleared"``); a ``{detail…}`` is translated when a
template knows it and kept as it is otherwise (an exception's message).
:func:`german` returns the German text, or
the English one marked with :data:`UNTRANSLATED` when no template matches
(``tests/test_findings.py`` checks that no reason of a build is left so).
Placeholder values are made readable too: a ``{carrier}`` code becomes its German
label, the unit columns of ``{fields}`` their German column labels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from etl.schema.codes import CARRIER
from etl.schema.core import UNITS
from etl.schema.display import column_display

#: Prefix of a reason that has no German template yet.
UNTRANSLATED = "[nicht übersetzt] "

#: (English template, German template); the one with the most literal text wins.
REASONS: tuple[tuple[str, str], ...] = (
    # -- suffixes added by the generic checks --------------------------------
    (
        "source incomplete (accepted with --accept-partial): {reason}",
        "Quelle unvollständig (mit --accept-partial angenommen): {reason}",
    ),
    ("{reason}: value cleared", "{reason}: Wert geleert"),
    ("{reason}: row not loaded", "{reason}: Zeile nicht geladen"),
    ("{reason}: municipality not loaded", "{reason}: Gemeinde nicht geladen"),
    ("{reason}: coordinates cleared", "{reason}: Koordinaten geleert"),
    ("{reason}: value(s) of this column cleared", "{reason}: Werte dieser Spalte geleert"),
    # -- MaStR bulk export ----------------------------------------------------
    (
        "EinheitMastrNummer missing or not a MaStR unit number: unit not loaded",
        "EinheitMastrNummer fehlt oder ist keine MaStR-Nummer: Einheit nicht geladen",
    ),
    (
        "EinheitBetriebsstatus missing: unit not loaded",
        "EinheitBetriebsstatus fehlt: Einheit nicht geladen",
    ),
    (
        "{element} code not in Katalogwerte.xml: unit not loaded",
        "{element}-Code steht nicht in Katalogwerte.xml: Einheit nicht geladen",
    ),
    (
        "Energietraeger code {code} not in Katalogwerte.xml: unit quarantined (not counted "
        "under any carrier)",
        "Energieträger-Code {code} steht nicht in Katalogwerte.xml: Einheit zurückgehalten "
        "(bei keinem Energieträger gezählt)",
    ),
    (
        "EinheitBetriebsstatus decodes to an unknown status text: unit not loaded",
        "EinheitBetriebsstatus ergibt einen unbekannten Status: Einheit nicht geladen",
    ),
    (
        "{element} is not a number (decimal point expected): value cleared",
        "{element} ist keine Zahl (Dezimalpunkt erwartet): Wert geleert",
    ),
    (
        "{element} is not a date YYYY-MM-DD: value cleared",
        "{element} ist kein Datum JJJJ-MM-TT: Wert geleert",
    ),
    (
        "DatumLetzteAktualisierung is not an ISO timestamp: value cleared",
        "DatumLetzteAktualisierung ist kein ISO-Zeitstempel: Wert geleert",
    ),
    (
        "{element} code not in Katalogwerte.xml: value cleared",
        "{element}-Code steht nicht in Katalogwerte.xml: Wert geleert",
    ),
    ("{column} breaks {rule}: value cleared", "{column} verletzt {rule}: Wert geleert"),
    (
        "WindAnLandOderAufSee missing: onshore assumed when the unit has a municipality key, "
        "else offshore",
        "WindAnLandOderAufSee fehlt: an Land angenommen, wenn die Einheit einen "
        "Gemeindeschlüssel hat, sonst auf See",
    ),
    (
        "WindAnLandOderAufSee decodes to neither onshore nor offshore: unit not loaded",
        "WindAnLandOderAufSee ergibt weder an Land noch auf See: Einheit nicht geladen",
    ),
    (
        "NutzbareSpeicherkapazitaet is not a non-negative number: storage energy left empty",
        "NutzbareSpeicherkapazitaet ist keine nicht-negative Zahl: Speicherkapazität leer",
    ),
    (
        "no storage plant (AnlagenStromSpeicher) with this SpeMastrNummer: storage energy unknown",
        "keine Speicheranlage (AnlagenStromSpeicher) mit dieser SpeMastrNummer: "
        "Speicherkapazität unbekannt",
    ),
    (
        "the zip cannot be read completely: no or broken central directory ({detail}); "
        "the file is probably truncated: download it again",
        "Das Zip ist nicht vollständig lesbar: Zentralverzeichnis fehlt oder ist defekt "
        "({detail}); die Datei ist vermutlich abgeschnitten: bitte neu herunterladen",
    ),
    (
        "zip directory unreadable: members were read one by one from their local headers",
        "Zip-Verzeichnis unlesbar: Teildateien einzeln über ihre lokalen Kopfdaten gelesen",
    ),
    ("catalogue record skipped: {detail}", "Katalogeintrag übersprungen: {detail}"),
    (
        "{why}: carrier, status, Bundesland and manufacturer cannot be decoded reliably",
        "{why}: Energieträger, Status, Bundesland und Hersteller nicht sicher entschlüsselbar",
    ),
    (
        "{why}: status and carrier decoded with the built-in codes of release 25.2, other "
        "catalogue fields left empty",
        "{why}: Status und Energieträger mit den eingebauten Codes von Release 25.2 "
        "entschlüsselt, andere Katalogfelder leer",
    ),
    (
        "member refused and skipped, not parsed: {detail} — external entities and entity "
        "expansion are never resolved; every unit of this member would be missing",
        "Teildatei abgelehnt und nicht gelesen: {detail} – externe Entitäten und "
        "Entitäten-Expansion werden nie aufgelöst; jede Einheit dieser Teildatei fehlte",
    ),
    (
        "invalid UTF-16 sequences were replaced by U+FFFD",
        "ungültige UTF-16-Folgen wurden durch U+FFFD ersetzt",
    ),
    (
        "member declares encoding {declared} but its bytes are {actual}: read as {actual2}",
        "Teildatei gibt die Kodierung {declared} an, ihre Bytes sind aber {actual}: "
        "als {actual2} gelesen",
    ),
    (
        "member damaged ({detail}): the {n} records read before the damage were loaded, "
        "the rest of the member is missing",
        "Teildatei beschädigt ({detail}): die {n} Datensätze vor dem Schaden wurden geladen, "
        "der Rest der Teildatei fehlt",
    ),
    (
        "record skipped: the member ends inside the record (no {tag})",
        "Datensatz übersprungen: die Teildatei endet mitten im Datensatz (kein {tag})",
    ),
    ("record skipped: {detail}", "Datensatz übersprungen: {detail}"),
    (
        "the member declares a DTD or entities (<!DOCTYPE/<!ENTITY)",
        "die Teildatei deklariert eine DTD oder Entitäten (<!DOCTYPE/<!ENTITY)",
    ),
    (
        "municipality key {what}: unit kept for Germany without a municipality",
        "Gemeindeschlüssel {what}: Einheit für Deutschland ohne Gemeinde behalten",
    ),
    (
        "municipality key {what}: the unit cannot be placed in a region and was not loaded",
        "Gemeindeschlüssel {what}: Einheit keiner Region zuzuordnen, nicht geladen",
    ),
    ("{part} not in the zip", "{part} fehlt im Zip"),
    ("{part} not found", "{part} nicht gefunden"),
    ("{part} unreadable ({detail})", "{part} unlesbar ({detail})"),
    ("{part} has no values", "{part} enthält keine Werte"),
    # -- MaStR web CSV ----------------------------------------------------------
    ("file refused: {detail}", "Datei abgelehnt: {detail}"),
    (
        "separator is {sep}, not the ';' of the MaStR export (re-saved?): read with that separator",
        "Trennzeichen ist {sep}, nicht das ';' des MaStR-Exports (neu gespeichert?): damit gelesen",
    ),
    (
        "column name(s) appear twice: {names}; the first is used",
        "Spaltenname(n) doppelt: {names}; die erste Spalte gilt",
    ),
    (
        "row has {n} fields, the header has {m}: row not loaded",
        "Zeile hat {n} Felder, die Kopfzeile {m}: Zeile nicht geladen",
    ),
    (
        "no Gemeindeschlüssel: the unit cannot be assigned to the region, row not loaded",
        "kein Gemeindeschlüssel: Einheit keiner Region zuzuordnen, Zeile nicht geladen",
    ),
    (
        "unknown Energieträger label: loaded as carrier 'other'",
        "unbekannter Energieträger: als „Sonstige“ geladen",
    ),
    (
        "unknown kind of solar installation: loaded as pv_other",
        "unbekannte Art der Solaranlage: als sonstige PV geladen",
    ),
    (
        "kind of solar installation not given: loaded as pv_other",
        "Art der Solaranlage fehlt: als sonstige PV geladen",
    ),
    (
        "wind unit without 'an Land'/'auf See': loaded as wind_onshore",
        "Windeinheit ohne „an Land“/„auf See“: als Wind an Land geladen",
    ),
    (
        "unknown or empty Betriebs-Status: row not loaded (expected In Betrieb, In Planung, "
        "Vorübergehend stillgelegt, Endgültig stillgelegt)",
        "Betriebs-Status unbekannt oder leer: Zeile nicht geladen (erwartet: In Betrieb, "
        "In Planung, Vorübergehend stillgelegt, Endgültig stillgelegt)",
    ),
    ("Energieträger empty: row not loaded", "Energieträger leer: Zeile nicht geladen"),
    ("Bruttoleistung empty: row not loaded", "Bruttoleistung leer: Zeile nicht geladen"),
    (
        "number with a dot as thousands separator, which this export never uses (decimal "
        "comma, no grouping): not read, check the source",
        "Zahl mit Punkt als Tausendertrenner, den dieser Export nie verwendet (Dezimalkomma, "
        "keine Gruppierung): nicht gelesen, bitte Quelle prüfen",
    ),
    (
        "number with a decimal point: ambiguous in a decimal-comma export (thousands "
        "separator or decimal?), not read",
        "Zahl mit Dezimalpunkt: in einem Export mit Dezimalkomma mehrdeutig "
        "(Tausendertrenner oder Dezimaltrennzeichen?), nicht gelesen",
    ),
    ("not a number", "keine Zahl"),
    (
        "latitude outside Germany ({range}): coordinates cleared",
        "Breitengrad außerhalb Deutschlands ({range}): Koordinaten geleert",
    ),
    (
        "longitude outside Germany ({range}): coordinates cleared",
        "Längengrad außerhalb Deutschlands ({range}): Koordinaten geleert",
    ),
    (
        "only one coordinate given: coordinates cleared",
        "nur eine Koordinate angegeben: Koordinaten geleert",
    ),
    (
        "not a valid date (d.m.yyyy): value cleared",
        "kein gültiges Datum (T.M.JJJJ): Wert geleert",
    ),
    (
        "Postleitzahl is not 5 digits (leading zero lost?): value cleared",
        "Postleitzahl hat nicht 5 Ziffern (führende Null verloren?): Wert geleert",
    ),
    (
        "{label} outside the plausible range ({range}): value cleared",
        "{label} außerhalb des plausiblen Bereichs ({range}): Wert geleert",
    ),
    (
        "file is UTF-16, not the UTF-8 of the MaStR export: decoded as UTF-16",
        "Datei ist UTF-16, nicht UTF-8 wie der MaStR-Export: als UTF-16 gelesen",
    ),
    (
        "file is not UTF-8 (re-saved by Excel?): decoded as Windows-1252 (cp1252); check "
        "umlauts in names",
        "Datei ist nicht UTF-8 (mit Excel neu gespeichert?): als Windows-1252 (cp1252) "
        "gelesen; Umlaute in Namen prüfen",
    ),
    (
        "text was double-encoded (UTF-8 read as Windows-1252 and saved again, 'Ã¤' for 'ä'): "
        "repaired",
        "Text war doppelt kodiert (UTF-8 als Windows-1252 gelesen und neu gespeichert, "
        "„Ã¤“ für „ä“): repariert",
    ),
    # -- AGS (all readers) ------------------------------------------------------
    (
        "AGS had 7 digits: leading zero lost (saved as a number?); repaired",
        "AGS hatte 7 Ziffern: führende Null verloren (als Zahl gespeichert?); repariert",
    ),
    ("AGS is not an 8-digit municipality key", "AGS ist kein 8-stelliger Gemeindeschlüssel"),
    # -- boundaries -------------------------------------------------------------
    ("boundary file not usable: {detail}", "Grenzdatei nicht verwendbar: {detail}"),
    (
        "layer {layer} declares the CRS {crs}, but its coordinates ({range}) are metres, not "
        "degrees: boundaries not loaded; fix the file's CRS",
        "Ebene {layer} gibt das Koordinatensystem {crs} an, ihre Koordinaten ({range}) sind "
        "aber Meter, keine Grad: Grenzen nicht geladen; bitte das Koordinatensystem der Datei "
        "korrigieren",
    ),
    (
        "layer {layer} declares the CRS {crs}, but its coordinates ({range}) are degrees, not "
        "metres: boundaries not loaded; fix the file's CRS",
        "Ebene {layer} gibt das Koordinatensystem {crs} an, ihre Koordinaten ({range}) sind "
        "aber Grad, keine Meter: Grenzen nicht geladen; bitte das Koordinatensystem der Datei "
        "korrigieren",
    ),
    (
        "layer {layer} lacks the column(s) {cols}: no municipality loaded",
        "Ebene {layer} fehlt die Spalte(n) {cols}: keine Gemeinde geladen",
    ),
    (
        "layer {layer} has no CRS: assumed {crs} from the coordinate range",
        "Ebene {layer} hat kein Koordinatensystem: {crs} aus dem Wertebereich angenommen",
    ),
    (
        "AGS stored as a number: converted to 8-digit text (leading zero restored)",
        "AGS als Zahl gespeichert: in 8-stelligen Text umgewandelt (führende Null ergänzt)",
    ),
    (
        "only water area (GF 1/2) for this AGS, no land area: not loaded",
        "nur Wasserfläche (GF 1/2) für diesen AGS, keine Landfläche: nicht geladen",
    ),
    ("no geometry: municipality not loaded", "keine Geometrie: Gemeinde nicht geladen"),
    (
        "invalid geometry repaired (make_valid): {detail}",
        "ungültige Geometrie repariert (make_valid): {detail}",
    ),
    ("several names for one AGS: the first is used", "mehrere Namen für einen AGS: der erste gilt"),
    (
        "municipality already loaded from another boundary file: not loaded again",
        "Gemeinde schon aus einer anderen Grenzdatei geladen: nicht erneut geladen",
    ),
    (
        "no municipality with an AGS starting with {prefix} in layer {layer}",
        "keine Gemeinde mit einem AGS, der mit {prefix} beginnt, in Ebene {layer}",
    ),
    # -- population -------------------------------------------------------------
    ("empty file: nothing loaded", "leere Datei: nichts geladen"),
    (
        "file refused: no column {cols} in the header {header}; nothing loaded",
        "Datei abgelehnt: keine Spalte {cols} in der Kopfzeile {header}; nichts geladen",
    ),
    (
        "no date column (date/Stichtag): population loaded without date",
        "keine Datumsspalte (date/Stichtag): Einwohner ohne Stichtag geladen",
    ),
    (
        "row has {n} fields, expected at least {m}",
        "Zeile hat {n} Felder, erwartet mindestens {m}",
    ),
    (
        "file is neither UTF-8 nor Windows-1252: nothing loaded",
        "Datei ist weder UTF-8 noch Windows-1252: nichts geladen",
    ),
    (
        "population is not a whole number (a '.' between groups of three digits is the only "
        "thousands separator allowed): row not loaded",
        "Einwohnerzahl ist keine ganze Zahl (nur „.“ zwischen Dreiergruppen ist als "
        "Tausendertrenner erlaubt): Zeile nicht geladen",
    ),
    ("population empty: row not loaded", "Einwohnerzahl leer: Zeile nicht geladen"),
    (
        "date is not YYYY-MM-DD or D.M.YYYY: population loaded without date",
        "Datum ist nicht JJJJ-MM-TT oder T.M.JJJJ: Einwohner ohne Stichtag geladen",
    ),
    ("AGS repeated: the first row was used", "AGS doppelt: die erste Zeile gilt"),
    (
        "no municipalities loaded (no boundary file?): population cannot be assigned",
        "keine Gemeinden geladen (keine Grenzdatei?): Einwohner nicht zuzuordnen",
    ),
    (
        "AGS not among the loaded municipalities (renamed or merged municipality?): row not loaded",
        "AGS nicht unter den geladenen Gemeinden (umbenannte oder fusionierte Gemeinde?): "
        "Zeile nicht geladen",
    ),
    # -- build checks (etl.build, etl.finalize, etl.coordinates) ----------------------
    (
        "0 units in the region {region}: {n} records read, none loaded (wrong file or wrong "
        "region?)",
        "0 Anlagen in der Region {region}: {n} Datensätze gelesen, keiner geladen (falsche "
        "Datei oder falsche Region?)",
    ),
    ("0 units in the region {region}", "0 Anlagen in der Region {region}"),
    (
        "duplicate id with different content: the most recently updated record was kept "
        "({kept}); fields that differ: {fields}",
        "doppelte MaStR-Nummer mit anderem Inhalt: der zuletzt aktualisierte Datensatz wurde "
        "behalten ({kept}); abweichende Felder: {fields}",
    ),
    (
        "duplicate id: an earlier row with the same key was kept",
        "doppelte Nummer: eine frühere Zeile mit demselben Schlüssel wurde behalten",
    ),
    (
        "coordinates more than {km} km outside the unit's municipality {key}: coordinates "
        "cleared, unit kept (counted in its municipality)",
        "Koordinaten mehr als {km} km außerhalb der Gemeinde {key} der Einheit: Koordinaten "
        "geleert, Einheit behalten (in ihrer Gemeinde gezählt)",
    ),
    (
        "coordinates outside the region's bounds ({bounds}): coordinates cleared, unit kept "
        "(counted in its municipality)",
        "Koordinaten außerhalb der Grenzen der Region ({bounds}): Koordinaten geleert, "
        "Einheit behalten (in ihrer Gemeinde gezählt)",
    ),
    (
        "capacity implausible for a {carrier} unit without public coordinates (entered in W "
        "instead of kW?): kept and flagged",
        "Leistung unplausibel für eine Einheit {carrier} ohne öffentliche Koordinaten (in W "
        "statt kW eingetragen?): behalten und markiert",
    ),
    (
        "capacity implausible for a {carrier} unit (entered in W instead of kW?): kept and flagged",
        "Leistung unplausibel für eine Einheit {carrier} (in W statt kW eingetragen?): "
        "behalten und markiert",
    ),
    (
        "municipality key not in the boundary data (renamed or merged municipality?)",
        "Gemeindeschlüssel nicht in den Grenzdaten (umbenannte oder fusionierte Gemeinde?)",
    ),
    # -- office lists -------------------------------------------------------------
    (
        "an older file of the same kind: {name} was read instead",
        "eine ältere Datei derselben Art: stattdessen wurde {name} gelesen",
    ),
)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _compile(template: str) -> re.Pattern[str]:
    parts, pos = [], 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[pos : m.start()]))
        parts.append(f"(?P<{m.group(1)}>.+?)")
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    return re.compile("".join(parts), re.DOTALL)


# The most specific template wins: the one with the most literal text.
_COMPILED = tuple(
    (_compile(en), de) for en, de in sorted(REASONS, key=lambda p: -len(_PLACEHOLDER.sub("", p[0])))
)


@lru_cache(maxsize=4096)
def translate(reason: str) -> str | None:
    """German text of an English reason, or ``None`` when no template matches."""
    for pattern, de in _COMPILED:
        m = pattern.fullmatch(reason)
        if m is None:
            continue
        values = {}
        for name, value in m.groupdict().items():
            if name.startswith(("reason", "detail")):
                inner = translate(value)
                if inner is None and name.startswith("reason"):
                    break
                value = inner or value
            values[name] = _german_value(name, value)
        else:
            return de.format(**values)
    return None


def _german_value(name: str, value: str) -> str:
    """A placeholder's value as the office reads it: a carrier code as its German label
    (``pv_building`` → "PV auf Gebäuden"), unit columns by their German labels."""
    if name == "carrier":
        labels = {c.code: c.label_de for c in CARRIER.values}
        return labels.get(value, value)
    if name == "fields":
        units = {c.name: column_display(UNITS.name, c.name).label for c in UNITS.columns}
        return ", ".join(units.get(f.strip(), f.strip()) for f in value.split(","))
    return value


def german(reason: str) -> str:
    """German text of an English reason; marked with :data:`UNTRANSLATED` if unknown."""
    de = translate(reason)
    return de if de is not None else UNTRANSLATED + reason
