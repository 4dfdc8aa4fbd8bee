"""Texts (German, English): the headline figures — name, definition and inclusion rules.

One entry per figure of :data:`analysis.headline.FIGURES`: ``fig_<key>`` is the
name shown on the metric, ``fig_<key>_def`` the definition and
``fig_<key>_rules`` what is included and what is not. ``docs/figures.md`` is
generated from these texts (``python -m analysis.headline``).
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "fig_installed": ("Installierte Leistung (erneuerbar)", "Installed capacity (renewable)"),
    "fig_installed_def": (
        "Summe der Bruttoleistung aller Einheiten mit MaStR-Status „In Betrieb“, deren "
        "Energieträger erneuerbar ist.",
        "Sum of the gross capacity (Bruttoleistung) of every unit with MaStR status "
        "“In Betrieb” whose carrier is renewable.",
    ),
    "fig_installed_rules": (
        "Enthalten: Wind an Land und auf See, Photovoltaik (Freifläche, Gebäude, sonstige), "
        "Biomasse, Wasserkraft. Nicht enthalten: Stromspeicher (eigene Kennzahl in MW und MWh) "
        "und nicht erneuerbare Einheiten (Klärschlamm, nicht biogener Abfall, Erdgas, Kohle, "
        "Grubengas, Wärme, unbekannte Energieträger; eigene Kennzahl). Vorübergehend oder "
        "endgültig stillgelegte und geplante Einheiten zählen nicht. Der Landkreis ist die "
        "Summe seiner Gemeinden, plus Einheiten, deren Gemeindeschlüssel in den "
        "Gemeindegrenzen fehlt (sie werden unter der Gemeindeliste genannt).",
        "Included: onshore and offshore wind, photovoltaics (ground-mounted, buildings, "
        "other), biomass, hydro. Not included: storage (its own figure in MW and MWh) and "
        "non-renewable units (sewage sludge, non-biogenic waste, natural gas, coal, mine gas, "
        "heat, unknown carriers; their own figure). Temporarily or permanently shut-down "
        "and planned units do not count. The district is the sum of its municipalities, plus "
        "units whose municipality key is missing from the boundary data (named under the "
        "list of municipalities).",
    ),
    "fig_units": ("Anlagen in Betrieb (erneuerbar)", "Units in operation (renewable)"),
    "fig_units_def": (
        "Anzahl der MaStR-Einheiten, die in „Installierte Leistung (erneuerbar)“ zählen.",
        "Number of MaStR units counted in “Installed capacity (renewable)”.",
    ),
    "fig_units_rules": (
        "Wie „Installierte Leistung (erneuerbar)“: ohne Speicher, ohne nicht erneuerbare "
        "Einheiten. Jede MaStR-Einheit zählt einmal (ein Windpark mit 5 Anlagen zählt 5).",
        "As “Installed capacity (renewable)”: without storage and non-renewable units. "
        "Each MaStR unit counts once (a wind farm of 5 turbines counts 5).",
    ),
    "fig_storage": ("Stromspeicher in Betrieb", "Storage in operation"),
    "fig_storage_def": (
        "Bruttoleistung (MW) und nutzbare Speicherkapazität (MWh) der Speichereinheiten mit "
        "Status „In Betrieb“.",
        "Gross capacity (MW) and usable storage capacity (MWh) of the storage units with "
        "status “In Betrieb”.",
    ),
    "fig_storage_rules": (
        "Eigene Kennzahl, nie zur erneuerbaren Leistung addiert: ein Speicher erzeugt keinen "
        "Strom. MWh aus den Speicheranlagen des MaStR (fehlt sie, zählt die Einheit mit 0 MWh).",
        "Its own figure, never added to the renewable capacity: storage does not generate "
        "electricity. MWh from the MaStR storage plants (missing values count as 0 MWh).",
    ),
    "fig_non_renewable": ("Nicht erneuerbar (nicht enthalten)", "Non-renewable (not included)"),
    "fig_non_renewable_def": (
        "Bruttoleistung der Einheiten in Betrieb mit Energieträger „Sonstige“ "
        "(nicht erneuerbar oder unbekannt).",
        "Gross capacity of the units in operation with carrier “Other” (non-renewable or unknown).",
    ),
    "fig_non_renewable_rules": (
        "Nur angezeigt, wenn vorhanden; nie zur erneuerbaren Leistung addiert.",
        "Shown only when present; never added to the renewable capacity.",
    ),
    "fig_wind_operating": ("Wind in Betrieb", "Wind in operation"),
    "fig_wind_operating_def": (
        "Bruttoleistung und Anzahl der Windenergieanlagen an Land mit Status „In Betrieb“.",
        "Gross capacity and number of onshore wind turbines with status “In Betrieb”.",
    ),
    "fig_wind_operating_rules": (
        "Teil von „Installierte Leistung (erneuerbar)“.",
        "Part of “Installed capacity (renewable)”.",
    ),
    "fig_wind_mastr_planned": ("Wind: im MaStR geplant", "Wind: planned in the MaStR"),
    "fig_wind_mastr_planned_def": (
        "Bruttoleistung der Windenergieanlagen an Land, die im MaStR mit Status „In Planung“ "
        "registriert sind.",
        "Gross capacity of the onshore wind turbines registered in the MaStR with status "
        "“In Planung”.",
    ),
    "fig_wind_mastr_planned_rules": (
        "Nur was Betreiber im MaStR registriert haben; das ist nicht die Wind-Pipeline des "
        "Amtes (Genehmigungen und Anträge).",
        "Only what operators registered in the MaStR; this is not the office's wind pipeline "
        "(permits and applications).",
    ),
    "fig_wind_pipeline": (
        "Wind-Pipeline: genehmigt + beantragt",
        "Wind pipeline: approved + applied",
    ),
    "fig_wind_pipeline_gross": ("brutto", "gross"),
    "fig_wind_pipeline_net": (
        "brutto · netto nach Rückbau: {mw}",
        "gross · net after dismantling: {mw}",
    ),
    "fig_wind_pipeline_def": (
        "Genehmigte und beantragte Windenergieanlagen aus der Liste des Amtes, abgeglichen mit "
        "dem MaStR (Seite „Wind-Pipeline“).",
        "Approved and applied-for wind turbines from the office's list, reconciled with the "
        "MaStR (page “Wind pipeline”).",
    ),
    "fig_wind_pipeline_rules": (
        "Genehmigt (einschließlich im Bau) und beantragt; jede im MaStR geplante Anlage zählt "
        "einmal, Listeneinträge nur mit der Leistung, die ihre zugeordneten MaStR-Anlagen nicht "
        "schon abdecken; zurückgezogene oder abgelehnte Einträge nehmen ihre MaStR-Anlagen "
        "heraus. Brutto; netto = brutto minus der Leistung, die Repowering-Projekte abbauen. "
        "Regeln im Detail auf der Seite „Wind-Pipeline“ (dieselbe Funktion). Nur angezeigt, "
        "wenn die Liste geladen ist.",
        "Approved (including under construction) and applied for; every MaStR planned turbine "
        "counts once, list entries only with the capacity their matched MaStR units do not "
        "already cover; withdrawn or rejected entries take their MaStR units out. Gross; net = "
        "gross minus the capacity repowering projects dismantle. Rules in detail on the page "
        "“Wind pipeline” (the same function). Shown only when the list is loaded.",
    ),
    "fig_additions": ("Zubau {year}", "Additions {year}"),
    "fig_additions_ytd": ("Zubau {year} (bis {date})", "Additions {year} (to {date})"),
    "fig_additions_def": (
        "Bruttoleistung der erneuerbaren Einheiten, die im Kalenderjahr in Betrieb genommen "
        "wurden (Inbetriebnahmedatum).",
        "Gross capacity of the renewable units commissioned in the calendar year "
        "(commissioning date).",
    ),
    "fig_additions_rules": (
        "Ohne Speicher und nicht erneuerbare Einheiten. Das laufende Jahr zählt nur bis zum "
        "Datenstand und heißt dann „Zubau <Jahr> (bis <Datenstand>)“. Später stillgelegte "
        "Einheiten zählen im Jahr ihrer Inbetriebnahme mit.",
        "Without storage and non-renewable units. The current year counts only up to the "
        "data date and is then labelled “Additions <year> (to <data date>)”. Units shut down "
        "later still count in the year they were commissioned.",
    ),
    "fig_generation": ("Geschätzte Erzeugung pro Jahr", "Estimated generation per year"),
    "fig_generation_def": (
        "Installierte Leistung (erneuerbar) je Energieträger × Volllaststunden je Energieträger.",
        "Installed capacity (renewable) per carrier × full-load hours per carrier.",
    ),
    "fig_generation_rules": (
        "Eine Schätzung, keine Messung. Die Volllaststunden sind einstellbar (Annahmen).",
        "An estimate, not a measurement. The full-load hours can be changed (assumptions).",
    ),
    "fig_coverage": (
        "Bilanzieller Deckungsgrad (Schätzung)",
        "Balance-sheet coverage (estimate)",
    ),
    "fig_coverage_def": (
        "Geschätzte Erzeugung ÷ geschätzter Stromverbrauch (Einwohner × Verbrauch je Einwohner).",
        "Estimated generation ÷ estimated electricity consumption (inhabitants × use per "
        "inhabitant).",
    ),
    "fig_coverage_rules": (
        "Über 100 % heißt: übers Jahr rechnerisch mehr erzeugt als verbraucht – nicht, dass "
        "der Strom vor Ort verbraucht wird. Standard: 4,3 MWh je Einwohner und Jahr "
        "(Mecklenburg-Vorpommern: 6,8 TWh Stromverbrauch 2014, Statistisches Amt M-V, ÷ "
        "1,60 Mio. Einwohner); der Bundeswert von etwa 6 MWh enthält die Schwerindustrie. "
        "Einstellbar; der Wert steht im Link (consumption=…).",
        "Above 100 % means more generated than used over the year, on paper — not that the "
        "electricity is used locally. Default: 4.3 MWh per inhabitant and year "
        "(Mecklenburg-Vorpommern: 6.8 TWh electricity use in 2014, Statistisches Amt M-V, ÷ "
        "1.60 million inhabitants); the national figure of about 6 MWh includes heavy "
        "industry. Adjustable; the value is kept in the link (consumption=…).",
    ),
    "fig_rank": ("Rang unter den Gemeinden", "Rank among the municipalities"),
    "fig_rank_def": (
        "Platz der Gemeinde nach installierter Leistung (erneuerbar) je km² Fläche und je "
        "Einwohner unter allen Gemeinden der Region (Platz 1 = am meisten).",
        "The municipality's place by installed capacity (renewable) per km² of area and per "
        "inhabitant among all municipalities of the region (rank 1 = most).",
    ),
    "fig_rank_rules": (
        "Gleiche Werte teilen sich den Platz („Platz 3–5 von 142“). Eine Gemeinde ohne "
        "erneuerbare Leistung in Betrieb (oder ohne Fläche bzw. Einwohnerzahl) bekommt keinen "
        "Platz; „von N“ zählt alle Gemeinden.",
        "Equal values share the place (“rank 3–5 of 142”). A municipality with no renewable "
        "capacity in operation (or without area or population) gets no rank; “of N” counts "
        "every municipality.",
    ),
    "fig_eeg6": (
        "EEG § 6: höchstens möglich, freiwillig",
        "EEG § 6: upper bound, voluntary",
    ),
    "fig_eeg6_def": (
        "Obergrenze der freiwilligen Zahlung nach § 6 EEG 2023 an die Gemeinde: 0,2 ct je kWh "
        "der geschätzten Erzeugung.",
        "Upper bound of the voluntary payment to the municipality under § 6 EEG 2023: 0.2 ct "
        "per kWh of the estimated generation.",
    ),
    "fig_eeg6_rules": (
        "Windenergieanlagen an Land über 1 MW: jede Gemeinde mit Fläche im Umkreis von "
        "2.500 m um die Anlage erhält den Anteil dieser Kreisfläche; PV-Freiflächenanlagen: "
        "die Standortgemeinde. Regeln im Detail auf der Seite „Gemeinden“; daneben gilt in "
        "M-V das Bürger- und Gemeindenbeteiligungsgesetz.",
        "Onshore wind turbines above 1 MW: every municipality with area within 2,500 m of "
        "the turbine receives the share of that circle's area; ground-mounted PV: the "
        "municipality where it stands. Rules in detail on the page “Municipalities”; in "
        "M-V the Bürger- und Gemeindenbeteiligungsgesetz applies as well.",
    ),
    "fig_doc_title": ("Kennzahlen: Definitionen", "Headline figures: definitions"),
    "fig_doc_definition": ("Definition", "Definition"),
    "fig_doc_rules": ("Was zählt", "What counts"),
    "fig_doc_function": ("Berechnet von", "Computed by"),
    # --- value texts -------------------------------------------------------------
    "fig_rank_value": ("Platz {rank}", "Rank {rank}"),
    "fig_rank_range": ("Platz {lo}–{hi}", "Rank {lo}–{hi}"),
    "fig_rank_none": ("kein Platz", "no rank"),
    "fig_rank_of": ("von {n} · {value}", "of {n} · {value}"),
    "fig_rank_none_reason": (
        "nichts Erneuerbares in Betrieb",
        "no renewable capacity in operation",
    ),
    "fig_storage_delta": ("{mwh} · {units}", "{mwh} · {units}"),
    "fig_unassigned": ("ohne Gemeindezuordnung", "without municipality"),
    "fig_unassigned_caption": (
        "Im Landkreis zusätzlich: {units} mit {mw} erneuerbarer Leistung, deren "
        "Gemeindeschlüssel nicht in den Gemeindegrenzen steht ({keys}; siehe „Daten & "
        "Qualität“). Landkreis = Summe der Gemeinden + diese.",
        "In the district as well: {units} with {mw} of renewable capacity whose municipality "
        "key is not in the boundary data ({keys}; see “Data & quality”). District = sum of "
        "the municipalities + these.",
    ),
    # --- municipality figures CSV (analysis/export.py) ------------------------------
    "csv_municipality_key": ("Gemeindeschlüssel", "Municipality key"),
    "csv_area_km2": ("Fläche (km²)", "Area (km²)"),
    "csv_installed_kw": (
        "Installierte Leistung erneuerbar (kW)",
        "Installed capacity renewable (kW)",
    ),
    "csv_storage_kw": ("Stromspeicher (kW)", "Storage (kW)"),
    "csv_storage_kwh": ("Stromspeicher (kWh)", "Storage (kWh)"),
    "csv_rank_km2": ("Platz je km² (von)", "Rank per km² (from)"),
    "csv_rank_km2_to": ("Platz je km² (bis)", "Rank per km² (to)"),
    "csv_rank_inh": ("Platz je Einwohner (von)", "Rank per inhabitant (from)"),
    "csv_rank_inh_to": ("Platz je Einwohner (bis)", "Rank per inhabitant (to)"),
    "mu_download_csv": ("Kennzahlen aller Gemeinden (CSV)", "Figures of all municipalities (CSV)"),
    "mu_export_file_base": ("Gemeinden_Kennzahlen", "municipality_figures"),
}
