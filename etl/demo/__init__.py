"""Deterministic demo data for the offline first start, on the district's real geography.

When ``data/raw`` holds no real unit files, :func:`etl.build.build_database`
calls :func:`generate_demo`. It writes raw files **in the real formats** into
``data/raw/demo/``, which then go through the real readers (there is no second
code path for demo data):

- ``Gesamtdatenexport_20261120_26.2.zip``: a MaStR bulk export written by
  :func:`etl.demo.bulk_zip.write_bulk_zip` (UTF-16 XML, catalogue ids,
  split parts with the repeated boundary record), with invented wind, PV,
  biomass, hydro and storage units (and ``AnlagenStromSpeicher`` with kWh) of
  Landkreis Ludwigslust-Parchim;
- ``demo_vg250.gpkg``: layer ``vg250_gem`` in EPSG:25832 with the VG250
  columns and the **real boundaries** of the 142 municipalities (BKG VG5000,
  31.12.2021, "© GeoBasis-DE / BKG 2021 (Daten verändert)");
- ``einwohner_demo.csv``: the real population per municipality at 31.12.2021
  (Destatis), 211,899 in total;
- the office's own demo lists (:mod:`etl.demo.office_lists`), invented.

The real figures come from the committed reference set
``etl/demo/data/lup_reference.geojson``, derived from ``../shared/realdata`` by
:mod:`etl.demo.derive_reference`. Everything else is derived from fixed seeds
and a fixed extract date (:data:`DEMO_EXTRACT_DATE`), so every run writes the
same bytes. A small ``demo_manifest.json`` (generator version, a hash of the
generator's code and reference set, the SHA-256 of each file) lets repeated
builds skip the generation.

Calibration (checked by ``tests/test_demo.py`` through the real build):

- PV, wind, biomass and hydro: per municipality, the units active by date add
  up to the real installed kW at 31.12.2021 and 31.12.2024 (reference set);
- wind onshore in operation at the extract date: exactly
  :data:`DEMO_WIND_OPERATING_KW` (860 MW, the office's headline figure), with
  invented additions since 2025; a mix of 1990s turbines (0.5–2 MW), 2010s
  turbines (2–3.6 MW) and recent ones (4–7 MW) in parks named "Demo-Windpark 001" …;
- wind registered as planned: :data:`DEMO_WIND_PLANNED_KW` in 2027–2029;
- repowered turbines permanently shut down, two temporarily shut down;
- PV ≈ 1,100 MW in operation (real 974 MW at the end of 2024 plus invented
  additions): rooftop units by population, balcony units, other structures
  and ground-mounted parks, plus a few planned parks; a few thousand home
  batteries and ~20 large batteries (≈ 28 MW) plus planned ones (storage is
  not in the reference: invented);
- coordinates only for units with at least 30 kW net (as in the real
  register), always inside the municipality's real boundary; postcodes 19xxx.

Deliberate data-quality cases (they show up on the data-quality page and in
``meta_rejected_rows``, none of them touches wind):

1. a rooftop PV unit entered with 12,000 kW instead of 12 kW (flagged as an
   implausible capacity, kept);
2. a biomass unit whose latitude has a typo (48.x instead of 53.x), far
   outside the district (coordinates cleared, unit kept);
3. the bulk export's repeated boundary record: ``EinheitenSolar`` is split into
   parts of 5,000 records (real exports use ~100,000), and the last record of
   one part repeats as the first of the next (merged silently as an exact
   repeat);
4. a rooftop PV unit that appears twice with different content (a later
   correction of its capacity): the most recently updated record is kept, the
   other is reported as a rejected duplicate;
5. a PV unit registered with a municipality key that is not in the boundary
   data (the key of a municipality merged away), flagged.

Cases 1 and 4 are commissioned in 2025, so the 2021 and 2024 totals stay the
real ones; case 5 is outside every municipality's total.

Modules, arrows one way (none imports :mod:`etl.build` or the :mod:`etl.office`
package; the office lists use the office's leaf modules):

- :mod:`.constants` — extract date, targets, file names, catalogue ids;
- :mod:`.derive_reference` — derives the committed reference set (run by hand);
- :mod:`.geography` — the municipalities of the reference set and their boundaries;
- :mod:`.records` — number/date formats, XSD field order, fields every unit shares;
- :mod:`.wind`, :mod:`.solar`, :mod:`.other_units` — the carriers (and quality cases);
- :mod:`.bulk_zip` — the MaStR bulk zip writer (also used by tests and bench);
- :mod:`.raw_files` — the three raw files;
- :mod:`.office_lists`, :mod:`.hydrogen_list` — the office's demo lists, built from those files;
- :mod:`.generate` — :func:`generate_demo` with the manifest.
"""

from __future__ import annotations

from etl.demo.constants import (
    BOUNDARIES_NAME,
    BULK_ZIP_NAME,
    DEMO_EXTRACT_DATE,
    DEMO_REGION_PREFIX,
    DEMO_WIND_OPERATING_KW,
    DEMO_WIND_PLANNED_KW,
    GENERATOR_VERSION,
    MANIFEST_NAME,
    POPULATION_NAME,
)
from etl.demo.generate import check_region, generate_demo

__all__ = [
    "BOUNDARIES_NAME",
    "BULK_ZIP_NAME",
    "DEMO_EXTRACT_DATE",
    "DEMO_REGION_PREFIX",
    "DEMO_WIND_OPERATING_KW",
    "DEMO_WIND_PLANNED_KW",
    "GENERATOR_VERSION",
    "MANIFEST_NAME",
    "POPULATION_NAME",
    "check_region",
    "generate_demo",
]
