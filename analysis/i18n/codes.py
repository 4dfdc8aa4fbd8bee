"""Labels (German, English) of the carrier and status codes of :mod:`etl.schema`."""

from __future__ import annotations

CARRIER_LABELS: dict[str, tuple[str, str]] = {
    "wind_onshore": ("Wind an Land", "Onshore wind"),
    "wind_offshore": ("Wind auf See", "Offshore wind"),
    "pv_ground": ("PV-Freifläche", "Ground-mounted PV"),
    "pv_building": ("PV auf Gebäuden", "Rooftop PV"),
    "pv_other": ("PV sonstige", "Other PV"),
    "biomass": ("Biomasse", "Biomass"),
    "hydro": ("Wasserkraft", "Hydropower"),
    "storage": ("Stromspeicher", "Storage"),
    "other": ("Sonstige", "Other"),
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "operating": ("In Betrieb", "In operation"),
    "planned": ("In Planung", "Planned"),
    "temporarily_shut_down": ("Vorübergehend stillgelegt", "Temporarily shut down"),
    "permanently_shut_down": ("Endgültig stillgelegt", "Permanently shut down"),
}
