"""A processed folder whose served build is incomplete, plus a later refused run.

1. a real build from a good bulk export (wind, 40 PV units, biomass) is published;
2. the next export's biomass member declares entities: with ``--accept-partial``
   and ``--accept-changes`` the build is published, marked ``partial``;
3. a run with 10 % fewer PV units is refused by the publish gate
   (``gate-last.json``), so the incomplete build stays served.

Used by ``tests/test_partial.py`` and ``tests/test_browser_partial.py``.
"""

from __future__ import annotations

from pathlib import Path

from etl.build import build_database
from etl.config import Settings
from etl.demo.bulk_zip import record_xml
from etl.failures import GateRefusedError
from tests.bulk_fixtures import unit, utf16_member, write_zip
from tests.geo_fixtures import lup_features, write_vg250_gpkg

REGION = "13076"
ACCEPTED = "Biomasse-Teildatei abgelehnt, Nachlieferung angefragt"
BAVARIA = {"Breitengrad": "48.137", "Laengengrad": "11.575"}


def _records(solar: int) -> dict[str, list[dict[str, object]]]:
    return {
        "wind": [unit("wind", 1, gross_kw=4200.0, **BAVARIA)]
        + [unit("wind", n, gross_kw=4200.0) for n in range(2, 4)],
        "solar": [unit("solar", n, gross_kw=100.0) for n in range(1, solar + 1)],
    }


def _bomb() -> bytes:
    laughs = "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(10)
    )
    body = record_xml("EinheitBiomasse", unit("biomass", 1, NameStromerzeugungseinheit="&l9;"))
    return utf16_member(
        "EinheitenBiomasse", body, prolog=f"<!DOCTYPE EinheitenBiomasse [{laughs}]>"
    )


def write_scenario(folder: Path) -> Settings:
    """Build the three runs into ``folder``; return the settings (processed dir inside)."""
    raw = folder / "raw"
    settings = Settings(raw_dir=raw, processed_dir=folder / "processed", region_prefix=REGION)
    raw.mkdir(parents=True, exist_ok=True)
    write_vg250_gpkg(raw / "DE_VG250.gpkg", lup_features())
    good = _records(40)
    good["biomass"] = [unit("biomass", n, gross_kw=500.0) for n in range(1, 3)]
    write_zip(raw, good, rows_per_file=10)
    build_database(settings)
    write_zip(raw, _records(40), rows_per_file=10, extra_members={"EinheitenBiomasse.xml": _bomb()})
    build_database(settings, accept_partial=True, accept_changes=ACCEPTED)
    write_zip(raw, _records(36), rows_per_file=10, extra_members={"EinheitenBiomasse.xml": _bomb()})
    try:
        build_database(settings, accept_partial=True)
    except GateRefusedError:
        pass
    else:  # pragma: no cover - the scenario needs the refusal
        raise AssertionError("the run with 10 % fewer PV units was not refused")
    return settings
