"""Estimators: annual generation, coverage of consumption, EEG §6 payments.

The assumptions live here, once, as :data:`DEFAULT_ASSUMPTIONS`; pages show
them and let the user change them (see ``components.assumptions_editor``).
Sources of the defaults: ``shared/reference/domain.md`` (typical German values;
ranges, not measured for Ludwigslust-Parchim) and, for consumption, the state
statistics of Mecklenburg-Vorpommern (see the constant; ``docs/figures.md``).
All functions are pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from etl.marts import EEG_WIND_RADIUS_M
from etl.schema import CARRIERS

#: Full-load hours per carrier (h/a): annual generation = capacity × hours.
#: Storage is not a generator; "other" (mostly fossil or unknown) is not estimated.
DEFAULT_FULL_LOAD_HOURS: dict[str, float] = {
    "wind_onshore": 2000.0,
    "wind_offshore": 3500.0,
    "pv_ground": 950.0,
    "pv_building": 900.0,
    "pv_other": 900.0,
    "biomass": 6000.0,
    "hydro": 3500.0,
    "storage": 0.0,
    "other": 0.0,
}
#: Electricity consumption per inhabitant and year, all sectors: the regional
#: default of Mecklenburg-Vorpommern, 6.8 TWh in 2014 (Statistisches Amt M-V,
#: reported by dpa on 11 Dec 2015) ÷ 1.60 million inhabitants ≈ 4.25 MWh. The
#: national ≈ 6 MWh (500 TWh / 84 M) includes heavy industry the district lacks.
DEFAULT_CONSUMPTION_MWH_PER_INHABITANT = 4.3
#: EEG 2023 §6: up to 0.2 ct per kWh fed in, paid to affected municipalities.
DEFAULT_EEG_CT_PER_KWH = 0.2


@dataclass(frozen=True)
class Assumptions:
    """Everything an estimate depends on; hashable so it can key caches."""

    full_load_hours: tuple[tuple[str, float], ...] = field(
        default_factory=lambda: tuple(DEFAULT_FULL_LOAD_HOURS.items())
    )
    consumption_mwh_per_inhabitant: float = DEFAULT_CONSUMPTION_MWH_PER_INHABITANT
    eeg_ct_per_kwh: float = DEFAULT_EEG_CT_PER_KWH
    eeg_wind_radius_m: float = EEG_WIND_RADIUS_M

    @property
    def hours(self) -> dict[str, float]:
        """Full-load hours by carrier (0 for unknown carriers)."""
        return {c: 0.0 for c in CARRIERS} | dict(self.full_load_hours)

    def with_hours(self, hours: Mapping[str, float]) -> Assumptions:
        """A copy with some full-load hours replaced."""
        return replace(self, full_load_hours=tuple((self.hours | dict(hours)).items()))


DEFAULT_ASSUMPTIONS = Assumptions()


def generation_by_carrier(
    capacity: pd.DataFrame, assumptions: Assumptions = DEFAULT_ASSUMPTIONS
) -> pd.DataFrame:
    """Estimated annual generation per carrier.

    ``capacity`` has columns ``carrier`` and ``capacity_kw`` (installed, in
    operation). Returns ``carrier, capacity_kw, full_load_hours,
    generation_mwh`` with one row per carrier, in the input's order.
    """
    hours = assumptions.hours
    out = capacity[["carrier", "capacity_kw"]].copy()
    out["capacity_kw"] = out["capacity_kw"].astype("float64").fillna(0.0)
    out["full_load_hours"] = out["carrier"].map(hours).astype("float64").fillna(0.0)
    out["generation_mwh"] = out["capacity_kw"] * out["full_load_hours"] / 1000.0
    return out.reset_index(drop=True)


def total_generation_mwh(
    capacity: pd.DataFrame, assumptions: Assumptions = DEFAULT_ASSUMPTIONS
) -> float:
    """Sum of :func:`generation_by_carrier` in MWh per year."""
    if capacity.empty:
        return 0.0
    return float(generation_by_carrier(capacity, assumptions)["generation_mwh"].sum())


def consumption_mwh(
    population: float | None, assumptions: Assumptions = DEFAULT_ASSUMPTIONS
) -> float | None:
    """Estimated annual electricity consumption (MWh) of ``population`` inhabitants."""
    if population is None or pd.isna(population) or population <= 0:
        return None
    return float(population) * assumptions.consumption_mwh_per_inhabitant


def coverage_share(generation_mwh: float, consumption: float | None) -> float | None:
    """Generation as a share of consumption (1.0 = 100 %), ``None`` when unknown."""
    if consumption is None or consumption <= 0:
        return None
    return generation_mwh / consumption


def eeg_estimate(eeg: pd.DataFrame, assumptions: Assumptions = DEFAULT_ASSUMPTIONS) -> pd.DataFrame:
    """EEG §6 estimate per status from the ``out_eeg_by_municipality`` rows of one municipality.

    ``eeg`` has ``status, wind_units, wind_share_kw, pv_ground_units,
    pv_ground_kw``. Returns the same rows with ``wind_eur``, ``pv_ground_eur``
    and ``total_eur`` (per year).
    """
    out = eeg.copy()
    for col in ("wind_share_kw", "pv_ground_kw"):
        out[col] = out[col].astype("float64").fillna(0.0)
    hours = assumptions.hours
    rate = assumptions.eeg_ct_per_kwh / 100.0
    out["wind_eur"] = out["wind_share_kw"] * hours["wind_onshore"] * rate
    out["pv_ground_eur"] = out["pv_ground_kw"] * hours["pv_ground"] * rate
    out["total_eur"] = out["wind_eur"] + out["pv_ground_eur"]
    return out
