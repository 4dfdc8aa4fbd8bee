"""Texts of the accessibility statement ("Erklärung zur Barrierefreiheit", BITV 2.0 style)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav_accessibility": ("Barrierefreiheit", "Accessibility"),
    "footer_accessibility": ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
    "ax_title": ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
    "ax_intro": (
        "Die Koordinierungsstelle „Energiezukunft LUP“ des Landkreises Ludwigslust-Parchim "
        "möchte dieses Dashboard für alle nutzbar machen. Diese Erklärung folgt dem Aufbau "
        "einer Erklärung nach der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) "
        "und den Anforderungen der EN 301 549 / WCAG 2.1 (Stufe AA).",
        "The coordination office “Energiezukunft LUP” of Landkreis Ludwigslust-Parchim wants "
        "this dashboard to be usable by everyone. This statement follows the structure of a "
        "statement under the German BITV 2.0 and the requirements of EN 301 549 / WCAG 2.1 "
        "(level AA).",
    ),
    "ax_status_title": ("Stand der Vereinbarkeit", "Compliance status"),
    "ax_status": (
        "Das Dashboard ist **teilweise barrierefrei**. Die Bewertung beruht auf einer "
        "Selbstbewertung mit automatischen Browser-Tests (Chromium, 1440×900 und 390×844) "
        "und einer Prüfung von Hand; eine Prüfung mit Screenreadern und ein BITV-Test durch "
        "eine unabhängige Stelle stehen aus.",
        "The dashboard is **partially accessible**. The assessment is a self-assessment with "
        "automated browser tests (Chromium, 1440×900 and 390×844) and a manual check; a "
        "check with screen readers and a BITV test by an independent body are still to come.",
    ),
    "ax_met_title": ("Was erfüllt ist", "What is met"),
    "ax_met": (
        '- Jede Seite nennt ihre Sprache (`lang="de"` oder `lang="en"`) und hat einen '
        "eigenen Titel im Browser-Tab.\n"
        "- Unter jeder Grafik steht „Daten zur Grafik“: eine Tabelle mit allen gezeichneten "
        "Werten, als CSV herunterladbar; die Grafik verweist in ihrem Alternativtext darauf.\n"
        "- Unter jeder Tabelle gibt es die Tabelle als CSV (Einheiten in den Spaltenköpfen, "
        "ja/nein statt Häkchen).\n"
        "- Status und Energieträger werden nicht nur durch Farbe unterschieden (Muster, "
        "Beschriftungen, Legenden).\n"
        "- Navigation, Filter, Gemeindeauswahl und Downloads sind mit der Tastatur erreichbar "
        "(Tabulator, Eingabe, Pfeiltasten).\n"
        "- Zurück im Browser führt mit einem Druck zur vorigen Seite; Filter und "
        "Kartenklicks legen keinen zusätzlichen Verlaufseintrag an.\n"
        "- Die Seiten drucken ohne Seitenleiste und Werkzeugleisten.\n"
        "- Deutsch und Englisch sind umschaltbar.",
        '- Every page states its language (`lang="de"` or `lang="en"`) and has its own '
        "title in the browser tab.\n"
        "- Under every chart there is “Data of the chart”: a table of all drawn values, as "
        "a CSV download; the chart's alternative text points to it.\n"
        "- Every table can be downloaded as CSV (units in the headers, yes/no instead of "
        "ticks).\n"
        "- Status and carrier are not told apart by colour alone (patterns, labels, "
        "legends).\n"
        "- Navigation, filters, the municipality selection and downloads can be reached with "
        "the keyboard (Tab, Enter, arrow keys).\n"
        "- The browser's Back button returns to the previous page with one press; filters "
        "and map clicks add no extra history entry.\n"
        "- Pages print without the sidebar and toolbars.\n"
        "- German and English can be switched.",
    ),
    "ax_not_met_title": ("Was nicht barrierefrei ist", "What is not accessible"),
    "ax_not_met": (
        "- **Karten**: Gemeinden lassen sich auf der Karte nur mit Maus oder Finger anklicken; "
        "mit der Tastatur wählt man sie in der Gemeindeauswahl (Seitenleiste) oder in der "
        "Liste auf „Gemeinden“. Die Karten zeigen Werte nur als Farbe; die Zahlen stehen in "
        "„Daten zur Grafik“. Einzelne Anlagenpunkte stehen dort nicht, sondern in der "
        "Anlagenliste unter Daten & Qualität.\n"
        "- **Tabellen** werden als Raster (Canvas) gezeichnet; Screenreader lesen sie nur "
        "eingeschränkt. Die CSV unter jeder Tabelle enthält dieselben Daten.\n"
        "- **Grafiken**: Werte im Tooltip erscheinen nur beim Überfahren mit der Maus; "
        "dieselben Werte stehen in „Daten zur Grafik“.\n"
        "- **Farbkontraste** der Karten- und Diagrammfarben sind nicht durchgehend nach "
        "WCAG geprüft.\n"
        "- **PDF-Briefings** sind keine getaggten, barrierefreien PDFs (PDF/UA).\n"
        "- Das Dashboard wurde **nicht mit Screenreadern** (NVDA, JAWS, VoiceOver) geprüft.",
        "- **Maps**: municipalities can be clicked on a map only with a mouse or finger; with "
        "the keyboard, choose them in the municipality selection (sidebar) or in the list on "
        "“Municipalities”. Maps show values only as colour; the numbers are in “Data of the "
        "chart”. Single unit points are not listed there but in the unit list on Data & "
        "quality.\n"
        "- **Tables** are drawn as a grid (canvas); screen readers read them only in part. "
        "The CSV under every table holds the same data.\n"
        "- **Charts**: values in tooltips appear only on mouse hover; the same values are in "
        "“Data of the chart”.\n"
        "- **Colour contrasts** of map and chart colours are not checked against WCAG "
        "throughout.\n"
        "- **PDF briefings** are not tagged, accessible PDFs (PDF/UA).\n"
        "- The dashboard has **not been tested with screen readers** (NVDA, JAWS, VoiceOver).",
    ),
    "ax_feedback_title": ("Feedback und Kontakt", "Feedback and contact"),
    "ax_feedback": (
        "Sind Ihnen Mängel aufgefallen, oder brauchen Sie Inhalte in anderer Form? "
        "Schreiben Sie an: **[Platzhalter – E-Mail-Adresse und Telefonnummer der "
        "Koordinierungsstelle hier eintragen]**. Wir antworten in der Regel innerhalb von "
        "zwei Wochen.",
        "Have you found a barrier, or do you need content in another form? Write to: "
        "**[placeholder – enter the coordination office's e-mail address and phone number "
        "here]**. We usually reply within two weeks.",
    ),
    "ax_enforcement_title": ("Durchsetzungsverfahren", "Enforcement procedure"),
    "ax_enforcement": (
        "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie "
        "sich an die zuständige Durchsetzungs- bzw. Schlichtungsstelle wenden: "
        "**[Platzhalter – zuständige Stelle des Landes Mecklenburg-Vorpommern mit Anschrift "
        "hier eintragen]**.",
        "If you do not receive a satisfactory answer to your feedback, you can contact the "
        "responsible enforcement or conciliation body: **[placeholder – enter the "
        "responsible body of Mecklenburg-Vorpommern with its address here]**.",
    ),
    "ax_date": (
        "Diese Erklärung wurde am {date} erstellt (Selbstbewertung).",
        "This statement was prepared on {date} (self-assessment).",
    ),
}
