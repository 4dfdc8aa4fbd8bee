"""The MaStR bulk export reader, on small fixtures written in the real format.

Every zip here is written by :func:`etl.demo.bulk_zip.write_bulk_zip`
(UTF-16 LE with BOM, split parts repeating the boundary record,
``Katalogwerte.xml``), hand-written members only where the content must be
unusual or hostile. Expected figures are computed independently from the XML
with lxml.
"""

from __future__ import annotations

import hashlib
import random
import re
import zipfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from lxml import etree

from etl import finalize, readers
from etl.demo.bulk_zip import record_xml
from etl.failures import FailurePolicy, SourceFailedError
from etl.readers import mastr_bulk
from etl.region import Region
from etl.sink import STAGE_UNITS, BuildSink
from tests.bulk_fixtures import (
    BALCONY,
    BUILDING,
    GROUND,
    OFFSHORE,
    ONSHORE,
    OTHER_STRUCTURE,
    STATUS,
    ZIP_NAME,
    plant,
    unit,
    unit_id,
    utf16_member,
    write_zip,
)

REGION = "13076"


def read_bulk_zip(path: Path, sink: BuildSink, region: str, **options) -> date | None:
    """Read as a build with ``--accept-partial`` does: damage is recorded, the rest loads.

    (Without it, damage fails the build: ``tests/test_source_failures.py``.)
    """
    options.setdefault("failures", FailurePolicy(accept_partial=True))
    return readers.load(mastr_bulk, path, sink, Region(region), **options).extract_date


DISTRICTS = ("13076", "13072", "13074", "09162", "05315")
STATUS_CODE = {v: k for k, v in STATUS.items()}
ART = {GROUND: "pv_ground", BUILDING: "pv_building", OTHER_STRUCTURE: "pv_other"}


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #
def load(path: Path, region: str = REGION, workers: int = 0) -> duckdb.DuckDBPyConnection:
    """Read ``path`` into a fresh in-memory build database and resolve duplicates."""
    con = duckdb.connect()
    sink = BuildSink(con)
    read_bulk_zip(path, sink, region, workers=workers)
    finalize.resolve_duplicates(con)
    return con


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def units(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, object]]:
    df = con.execute("SELECT * FROM core_mastr__units").df()
    return {r["unit_id_mastr"]: r for r in df.to_dict("records")}


def problems(con: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    return con.execute("SELECT * FROM meta_rejected_rows").df().to_dict("records")


def mixed_records(n: int = 240, seed: int = 7) -> dict[str, list[dict[str, object]]]:
    """Units of every kind, status and solar type across five districts."""
    rng = random.Random(seed)
    recs: dict[str, list[dict[str, object]]] = defaultdict(list)
    for i in range(1, n + 1):
        kind = rng.choice(("solar", "solar", "solar", "wind", "biomass", "hydro", "storage"))
        district = rng.choice(DISTRICTS)
        extra: dict[str, object] = {}
        if kind == "solar":
            extra["ArtDerSolaranlage"] = rng.choice((GROUND, BUILDING, OTHER_STRUCTURE))
        if kind == "wind" and rng.random() < 0.15:
            extra["WindAnLandOderAufSee"] = OFFSHORE
            district = None
        recs[kind].append(
            unit(
                kind,
                i,
                key=None if district is None else f"{district}{rng.randrange(1, 99):03d}",
                status=rng.choice(tuple(STATUS)),
                gross_kw=round(rng.uniform(1, 5000), 3),
                **extra,
            )
        )
        if kind == "storage":
            recs["storage_plants"].append(plant(i, round(rng.uniform(5, 50), 2)))
    return dict(recs)


def expected_from_xml(path: Path, region: str) -> dict[tuple[str, str], tuple[int, float]]:
    """Count and capacity by (carrier, status), parsed independently with lxml."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    catalog: dict[str, str] = {}
    seen: dict[str, tuple[str, str, float]] = {}
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("Katalogwerte.xml"), parser)
        for el in root:
            catalog[el.findtext("Id")] = el.findtext("Wert")
        for name in zf.namelist():
            if not name.startswith("Einheiten"):
                continue
            root = etree.fromstring(zf.read(name), parser)
            for el in root:
                rec = {c.tag: c.text for c in el}
                key = rec.get("Gemeindeschluessel")
                if key is None:
                    if region or el.tag != "EinheitWind":
                        continue
                elif not key.startswith(region):
                    continue
                status = {
                    "In Planung": "planned",
                    "In Betrieb": "operating",
                    "Vorübergehend stillgelegt": "temporarily_shut_down",
                    "Endgültig stillgelegt": "permanently_shut_down",
                }[catalog[rec["EinheitBetriebsstatus"]]]
                if el.tag == "EinheitWind":
                    loc = catalog[rec.get("WindAnLandOderAufSee") or rec["Lage"]]
                    carrier = "wind_offshore" if "auf See" in loc else "wind_onshore"
                elif el.tag == "EinheitSolar":
                    art = catalog[rec.get("ArtDerSolaranlage") or rec["Lage"]]
                    carrier = {
                        "Freifläche": "pv_ground",
                        "Bauliche Anlagen (Hausdach, Gebäude und Fassade)": "pv_building",
                    }.get(art, "pv_other")
                else:
                    carrier = {
                        "EinheitBiomasse": "biomass",
                        "EinheitWasser": "hydro",
                        "EinheitStromSpeicher": "storage",
                    }[el.tag]
                seen[rec["EinheitMastrNummer"]] = (carrier, status, float(rec["Bruttoleistung"]))
    out: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])
    for carrier, status, kw in seen.values():
        out[(carrier, status)][0] += 1
        out[(carrier, status)][1] += kw
    return {k: (int(v[0]), round(v[1], 3)) for k, v in out.items()}


def loaded_by_carrier_status(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], tuple]:
    got = rows(
        con,
        "SELECT carrier, status, count(*), round(sum(gross_capacity_kw), 3) "
        "FROM core_mastr__units GROUP BY ALL",
    )
    return {(c, s): (n, kw) for c, s, n, kw in got}


@pytest.fixture(scope="module")
def mixed_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A zip of 240 mixed units, parts of 40 records (so boundary records repeat)."""
    folder = tmp_path_factory.mktemp("mixed")
    return write_zip(folder, mixed_records(), rows_per_file=40)


# --------------------------------------------------------------------------- #
# figures equal the XML, for each region size
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("region", ["13076", "13", ""])
def test_counts_and_capacity_by_carrier_and_status_equal_the_xml(
    mixed_zip: Path, region: str
) -> None:
    con = load(mixed_zip, region)
    expected = expected_from_xml(mixed_zip, region)
    assert expected, "fixture must have units in the region"
    assert loaded_by_carrier_status(con) == expected
    keys = {r[0] for r in rows(con, "SELECT DISTINCT municipality_key FROM core_mastr__units")}
    assert all(k is None or k.startswith(region) for k in keys)


def test_worker_processes_give_the_same_rows(mixed_zip: Path) -> None:
    cols = "unit_id_mastr, carrier, status, gross_capacity_kw, storage_energy_kwh, source_file"
    query = f"SELECT {cols} FROM core_mastr__units ORDER BY 1"
    inline = rows(load(mixed_zip, "13", workers=0), query)
    pooled = rows(load(mixed_zip, "13", workers=2), query)
    assert inline and inline == pooled


@pytest.mark.parametrize("region", ["13076", ""])
def test_worker_processes_give_the_same_findings_and_storage_energy(
    tmp_path: Path, region: str
) -> None:
    """A district's member results are held until the workers exit (its main process
    stays small); read inline or pooled, the units, their storage energy and every
    finding (from the workers, from the typing in DuckDB) are the same."""
    recs = mixed_records()
    recs["solar"] += [
        unit("solar", 901, gross_kw="viel"),  # typing: not a number
        unit("solar", 902, key="1307600X"),  # worker: key malformed
        unit("solar", 903, Inbetriebnahmedatum="2020-13-45"),  # typing: no date
    ]
    recs["storage"] += [unit("storage", 904)]
    recs["storage_plants"] += [plant(904, 12.5)]
    path = write_zip(tmp_path, recs, rows_per_file=40)
    cols = "unit_id_mastr, status, gross_capacity_kw, storage_energy_kwh, source_file"
    found = "SELECT source_file, row_ref, field, reason, raw_value, action FROM meta_rejected_rows"
    inline, pooled = load(path, region, workers=0), load(path, region, workers=2)
    for sql in (f"SELECT {cols} FROM core_mastr__units", found):
        assert rows(inline, f"{sql} ORDER BY ALL") == rows(pooled, f"{sql} ORDER BY ALL")
    reasons = " ".join(r[3] for r in rows(pooled, found))
    assert "1307600X" in {r[4] for r in rows(pooled, found)}
    assert "viel" in {r[4] for r in rows(pooled, found)}, reasons
    assert "2020-13-45" in {r[4] for r in rows(pooled, found)}, reasons
    energy = rows(
        pooled,
        f"SELECT storage_energy_kwh FROM core_mastr__units "
        f"WHERE unit_id_mastr = '{unit_id('storage', 904)}'",
    )
    assert energy == [(12.5,)]


def test_a_region_larger_than_a_batch_is_read_pooled_as_inline(
    mixed_zip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Holding stops once a region's rows reach a batch (here 25 of 13's units):
    the held results are consumed in order, the rest as they come."""
    from etl.readers.mastr_bulk import reader

    monkeypatch.setattr(reader, "BATCH_ROWS", 25)
    cols = "unit_id_mastr, carrier, status, gross_capacity_kw, storage_energy_kwh, source_file"
    query = f"SELECT {cols} FROM core_mastr__units ORDER BY 1"
    inline = rows(load(mixed_zip, "13", workers=0), query)
    assert len(inline) > 25
    assert inline == rows(load(mixed_zip, "13", workers=2), query)


def test_a_damaged_member_fails_a_pooled_district_read(tmp_path: Path) -> None:
    """A member cut inside a record fails the district's read (it is not held
    to the end), and with --accept-partial its records before the cut load."""
    body = "".join(record_xml("EinheitSolar", unit("solar", n)) for n in range(100, 110))
    text = (
        f'<?xml version="1.0" encoding="utf-16"?>\r\n<EinheitenSolar>{body[: len(body) * 2 // 3]}'
    )
    path = write_zip(
        tmp_path,
        mixed_records(),
        rows_per_file=40,
        extra_members={"EinheitenSolar_9.xml": text.encode("utf-16")},
    )
    with pytest.raises(SourceFailedError, match=re.escape("EinheitenSolar_9.xml")):
        read_bulk_zip(
            path, BuildSink(duckdb.connect()), REGION, workers=2, failures=FailurePolicy()
        )
    con = duckdb.connect()
    sink = BuildSink(con)
    policy = FailurePolicy(accept_partial=True)
    readers.load(mastr_bulk, path, sink, Region(REGION), workers=2, failures=policy)
    cut = rows(
        con,
        f"SELECT count(DISTINCT unit_id_mastr) FROM {STAGE_UNITS} "
        "WHERE source_file LIKE '%EinheitenSolar_9.xml'",
    )
    assert cut == [(text.count("</EinheitSolar>"),)] and cut[0][0] > 0
    assert any("truncated member" in r for r in policy.reasons)


def test_load_run_records_checksum_date_and_counts(mixed_zip: Path) -> None:
    con = duckdb.connect()
    sink = BuildSink(con)
    advanced: list[int] = []

    def progress(description: str, total: int | None):
        return advanced.append

    day = read_bulk_zip(mixed_zip, sink, REGION, progress=progress, workers=0)
    assert str(day) == "2026-11-21"
    run = con.execute("SELECT * FROM meta_load_runs").df().to_dict("records")
    assert len(run) == 1
    assert run[0]["source_file"] == ZIP_NAME
    assert run[0]["sha256"] == hashlib.sha256(mixed_zip.read_bytes()).hexdigest()
    with zipfile.ZipFile(mixed_zip) as zf:
        records = sum(
            len(re.findall(r"</Einheit(?:Wind|Solar|Biomasse|Wasser|StromSpeicher)>", text))
            for text in (zf.read(n).decode("utf-16") for n in zf.namelist())
        )
    assert run[0]["rows_read"] == records  # every record, in the region or not
    assert sum(advanced) == records
    staged = con.execute(f"SELECT count(*) FROM {STAGE_UNITS}").fetchone()[0]
    assert run[0]["rows_loaded"] == staged


# --------------------------------------------------------------------------- #
# region filter
# --------------------------------------------------------------------------- #
def test_region_is_selected_by_key_never_by_district_text(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path,
        {
            "wind": [
                unit("wind", 1, key="13076045", district="Rostock"),
                unit("wind", 2, key="13072001", district="Ludwigslust-Parchim"),
            ],
            "solar": [
                unit("solar", 3, key="13076001", district="Landkreis Rostock"),
                unit("solar", 4, key="13003000", district="Ludwigslust-Parchim"),
            ],
        },
    )
    got = units(load(path))
    assert set(got) == {unit_id("wind", 1), unit_id("solar", 3)}
    assert got[unit_id("wind", 1)]["district_name"] == "Rostock"


def test_keys_written_in_unusual_xml_forms_are_decided_by_their_value(tmp_path: Path) -> None:
    """Entities, CDATA, comments, whitespace and attributes never fool the fast filter."""

    def rec(n: int, key_xml: str) -> str:
        text = record_xml("EinheitSolar", unit("solar", n, key="KEY"))
        return text.replace("<Gemeindeschluessel>KEY</Gemeindeschluessel>", key_xml)

    body = "".join(
        [
            rec(1, "<Gemeindeschluessel>&#49;3076001</Gemeindeschluessel>"),
            rec(2, "<Gemeindeschluessel><![CDATA[13076002]]></Gemeindeschluessel>"),
            rec(3, "<Gemeindeschluessel>13076<!-- x -->003</Gemeindeschluessel>"),
            rec(4, "<Gemeindeschluessel>\r\n 13076004 </Gemeindeschluessel>"),
            rec(5, '<Gemeindeschluessel quelle="x">13076005</Gemeindeschluessel >'),
            rec(6, "<Gemeindeschluessel>&#48;9162006</Gemeindeschluessel>"),
            rec(7, "<Gemeindeschluessel>09162007</Gemeindeschluessel>"),
            rec(8, "<Gemeindeschluessel>13076008</Gemeindeschluessel>"),
            record_xml("EinheitSolar", unit("solar", 9, key="13076009")).replace(
                "<EinheitSolar>", '<EinheitSolar xmlns:x="urn:x" x:geprueft="1">'
            ),
            record_xml(
                "EinheitSolar", unit("solar", 10, NameStromerzeugungseinheit="Müller & Söhne <PV>")
            ),
        ]
    )
    path = write_zip(
        tmp_path,
        {"wind": []},
        extra_members={"EinheitenSolar_1.xml": utf16_member("EinheitenSolar", body)},
    )
    got = units(load(path))
    assert set(got) == {unit_id("solar", n) for n in (1, 2, 3, 4, 5, 8, 9, 10)}
    assert {got[unit_id("solar", n)]["municipality_key"] for n in (1, 2, 3, 4, 5, 8, 9)} == {
        f"130760{n:02d}" for n in (1, 2, 3, 4, 5, 8, 9)
    }
    assert got[unit_id("solar", 10)]["unit_name"] == "Müller & Söhne <PV>"


def test_missing_or_malformed_keys_are_reported_and_offshore_wind_is_kept_for_germany(
    tmp_path: Path,
) -> None:
    path = write_zip(
        tmp_path,
        {
            "wind": [
                unit("wind", 1, key=None, WindAnLandOderAufSee=OFFSHORE),
                unit("wind", 2, key="13076001"),
            ],
            "solar": [
                unit("solar", 3, key=None),
                unit("solar", 4, key="1307600"),  # leading zero lost: repaired to 01307600
                unit("solar", 5, key="13O76001"),
            ],
        },
    )
    con = load(path)
    assert set(units(con)) == {unit_id("wind", 2)}
    reported = {(p["record_id"], p["action"]) for p in problems(con)}
    assert reported == {
        (unit_id("solar", 3), "row_rejected"),
        (unit_id("solar", 4), "flagged"),  # repaired, then outside the region
        (unit_id("solar", 5), "row_rejected"),
    }  # the offshore unit has no key by nature: skipped silently
    for p in problems(con):
        assert p["field"] == "municipality_key"
        assert p["source_file"] == f"{ZIP_NAME}/EinheitenSolar_1.xml"
        assert p["row_ref"].startswith("EinheitSolar #")

    germany = load(path, "")
    got = units(germany)
    assert got[unit_id("wind", 1)]["carrier"] == "wind_offshore"
    assert pd.isna(got[unit_id("solar", 3)]["municipality_key"])
    assert got[unit_id("solar", 4)]["municipality_key"] == "01307600"
    assert {p["record_id"] for p in problems(germany)} == {unit_id("solar", n) for n in (3, 4, 5)}


# --------------------------------------------------------------------------- #
# decoding, names, order, drift
# --------------------------------------------------------------------------- #
def test_catalogue_codes_are_decoded_and_unknown_codes_reported(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path,
        {
            "wind": [
                unit("wind", 1, status="planned"),
                unit("wind", 2, Hersteller=777777),
                unit("wind", 3, WindAnLandOderAufSee=4711),
            ],
            "solar": [
                unit("solar", 4, ArtDerSolaranlage=GROUND, status="temporarily_shut_down"),
                unit("solar", 5, ArtDerSolaranlage=BALCONY, status="permanently_shut_down"),
                unit("solar", 6, status=99),
                unit("solar", 7, Bundesland=9999),
                unit("solar", 8, ArtDerSolaranlage=4242),
            ],
        },
    )
    con = load(path)
    got = units(con)
    assert got[unit_id("wind", 1)]["status"] == "planned"
    assert got[unit_id("wind", 1)]["manufacturer"] == "ENERCON GmbH"
    assert got[unit_id("wind", 1)]["energy_source"] == "Wind"
    assert got[unit_id("wind", 1)]["federal_state"] == "Mecklenburg-Vorpommern"
    assert got[unit_id("solar", 4)]["carrier"] == "pv_ground"
    assert got[unit_id("solar", 4)]["status"] == "temporarily_shut_down"
    assert got[unit_id("solar", 5)]["carrier"] == "pv_other"
    assert got[unit_id("solar", 5)]["status"] == "permanently_shut_down"
    # not critical: loaded without the value
    assert pd.isna(got[unit_id("wind", 2)]["manufacturer"])
    assert pd.isna(got[unit_id("solar", 7)]["federal_state"])
    # critical: status / carrier code unknown -> not loaded
    assert unit_id("wind", 3) not in got
    assert unit_id("solar", 6) not in got
    assert unit_id("solar", 8) not in got
    found = {(p["record_id"], p["field"], p["raw_value"], p["action"]) for p in problems(con)}
    assert found == {
        (unit_id("wind", 2), "manufacturer", "777777", "field_cleared"),
        (unit_id("wind", 3), "carrier", "4711", "row_rejected"),
        (unit_id("solar", 6), "status", "99", "row_rejected"),
        (unit_id("solar", 7), "federal_state", "9999", "field_cleared"),
        (unit_id("solar", 8), "carrier", "4242", "row_rejected"),
    }
    refs = {p["record_id"]: (p["source_file"], p["row_ref"]) for p in problems(con)}
    assert refs[unit_id("solar", 6)] == (f"{ZIP_NAME}/EinheitenSolar_1.xml", "EinheitSolar #3")


def test_old_lage_names_are_read_and_reported_as_renamed(tmp_path: Path) -> None:
    def old(kind: str, n: int, lage: int, **kw: object) -> dict[str, object]:
        rec = unit(kind, n, **kw)
        new = "WindAnLandOderAufSee" if kind == "wind" else "ArtDerSolaranlage"
        rec.pop(new)
        rec["Lage"] = lage
        return rec

    path = write_zip(
        tmp_path,
        {
            "wind": [old("wind", 1, ONSHORE), old("wind", 2, OFFSHORE, key=None)],
            "solar": [old("solar", 3, GROUND), old("solar", 4, BUILDING)],
        },
    )
    got = units(load(path, ""))
    assert got[unit_id("wind", 1)]["carrier"] == "wind_onshore"
    assert got[unit_id("wind", 2)]["carrier"] == "wind_offshore"
    assert got[unit_id("solar", 3)]["carrier"] == "pv_ground"
    assert got[unit_id("solar", 4)]["carrier"] == "pv_building"
    drift = rows(load(path), "SELECT source_file, field, change FROM meta_schema_drift")
    assert set(drift) == {
        (f"{ZIP_NAME}/EinheitenWind.xml", "Lage", "renamed"),
        (f"{ZIP_NAME}/EinheitenSolar_1.xml", "Lage", "renamed"),
    }


def test_element_order_does_not_matter(tmp_path: Path) -> None:
    recs = mixed_records(60, seed=3)
    rng = random.Random(1)
    shuffled = {}
    for kind, lst in recs.items():
        out = []
        for rec in lst:
            items = list(rec.items())
            rng.shuffle(items)
            out.append(dict(items))
        shuffled[kind] = out
    a = write_zip(tmp_path / "a", recs, rows_per_file=25)
    b = write_zip(tmp_path / "b", shuffled, rows_per_file=25)
    query = "SELECT * EXCLUDE (source_file) FROM core_mastr__units ORDER BY unit_id_mastr"
    first, second = rows(load(a, ""), query), rows(load(b, ""), query)
    assert len(first) > 50
    assert first == second


def test_added_and_missing_elements_are_reported_as_drift(tmp_path: Path) -> None:
    solar = []
    for n in range(1, 4):
        rec = unit("solar", n)
        rec.pop("Energietraeger")
        rec["NeuesFeldAbRelease26"] = "x"
        solar.append(rec)
    path = write_zip(tmp_path, {"solar": solar, "wind": [unit("wind", 9)]})
    con = load(path)
    drift = rows(con, "SELECT source_file, field, change FROM meta_schema_drift")
    assert set(drift) == {
        (f"{ZIP_NAME}/EinheitenSolar_1.xml", "NeuesFeldAbRelease26", "added"),
        (f"{ZIP_NAME}/EinheitenSolar_1.xml", "Energietraeger", "missing"),
    }
    assert len(units(con)) == 4  # drift is reported, the units still load


def test_nv_flag_means_not_available(tmp_path: Path) -> None:
    rec = unit("wind", 1, Nabenhoehe=0, Nabenhoehe_nv=1, Rotordurchmesser=120)
    got = units(load(write_zip(tmp_path, {"wind": [rec]})))[unit_id("wind", 1)]
    assert pd.isna(got["hub_height_m"])
    assert got["rotor_diameter_m"] == 120


# --------------------------------------------------------------------------- #
# storage, duplicates
# --------------------------------------------------------------------------- #
def test_storage_energy_is_joined_from_the_storage_plants(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path,
        {
            "storage": [
                unit("storage", 1),
                unit("storage", 2),
                unit("storage", 3),
                unit("storage", 4, key="09162000"),
            ],
            "storage_plants": [plant(4, 999.0), plant(1, 12.5), plant(2, 100.0), plant(5, 1.0)],
        },
        rows_per_file=2,  # plant 1 is repeated at the part boundary
    )
    con = load(path)
    got = units(con)
    assert set(got) == {unit_id("storage", n) for n in (1, 2, 3)}
    assert got[unit_id("storage", 1)]["storage_energy_kwh"] == 12.5
    assert got[unit_id("storage", 2)]["storage_energy_kwh"] == 100.0
    assert pd.isna(got[unit_id("storage", 3)]["storage_energy_kwh"])  # no plant
    assert got[unit_id("storage", 1)]["storage_technology"] == "Batterie"
    orphan = [p for p in problems(con) if p["field"] == "storage_energy_kwh"]
    assert [(p["record_id"], p["action"]) for p in orphan] == [(unit_id("storage", 3), "flagged")]


def test_repeated_boundary_records_are_merged_and_conflicting_ids_reported(
    tmp_path: Path,
) -> None:
    solar = [unit("solar", n, gross_kw=float(n)) for n in range(1, 8)]
    # same id again with different content and a later update: the later one wins
    solar.append(unit("solar", 2, gross_kw=99.0, DatumLetzteAktualisierung="2025-01-01T08:00:00.5"))
    path = write_zip(tmp_path, {"solar": solar}, rows_per_file=3)
    with zipfile.ZipFile(path) as zf:
        assert len([n for n in zf.namelist() if n.startswith("EinheitenSolar_")]) == 4
    con = load(path)
    got = units(con)
    assert len(got) == 7
    assert got[unit_id("solar", 2)]["gross_capacity_kw"] == 99.0
    dup = [p for p in problems(con) if "duplicate" in p["reason"]]
    assert [(p["record_id"], p["action"]) for p in dup] == [(unit_id("solar", 2), "row_rejected")]


# --------------------------------------------------------------------------- #
# bad input
# --------------------------------------------------------------------------- #
def bad_wind_units() -> list[dict[str, object]]:
    """Wind units with a comma decimal, a German date, a far coordinate, a short
    postcode and a malformed unit number."""
    return [
        unit("wind", 1, gross_kw="12,5", Inbetriebnahmedatum="5.11.2018"),
        unit("wind", 2, Breitengrad=60.5, Laengengrad=11.5, Postleitzahl="1937"),
        unit("wind", 3, EinheitMastrNummer="XYZ"),
    ]


def test_bad_values_are_cleared_and_reported_with_member_element_and_field(
    tmp_path: Path,
) -> None:
    path = write_zip(tmp_path, {"wind": bad_wind_units()})
    con = load(path)
    got = units(con)
    assert set(got) == {unit_id("wind", 1), unit_id("wind", 2)}
    found = {(p["row_ref"], p["field"], p["raw_value"], p["action"]) for p in problems(con)}
    assert found == {
        ("EinheitWind #1", "gross_capacity_kw", "12,5", "field_cleared"),
        ("EinheitWind #1", "net_capacity_kw", "12,5", "field_cleared"),
        ("EinheitWind #1", "commissioning_date", "5.11.2018", "field_cleared"),
        ("EinheitWind #2", "latitude", "60.5", "field_cleared"),
        ("EinheitWind #2", "postcode", "1937", "field_cleared"),
        ("EinheitWind #3", "unit_id_mastr", "XYZ", "row_rejected"),
    }
    w2 = got[unit_id("wind", 2)]
    assert pd.isna(w2["latitude"]) and pd.isna(w2["longitude"])


def test_a_large_batch_s_one_findings_statement_gives_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches from 25,000 rows get the reader's and the schema's findings from one
    statement; it must give the findings of the two statements, in the same order."""
    from etl.readers.mastr_bulk import units_sql

    path = write_zip(
        tmp_path,
        {
            "wind": [*bad_wind_units(), unit("wind", 4, status=99, Nabenhoehe=400)],
            "solar": [unit("solar", 5, ArtDerSolaranlage=4242, Postleitzahl="ABCDE")],
        },
    )
    query = "SELECT * EXCLUDE (source_file) FROM meta_rejected_rows"
    two = rows(load(path), query)
    monkeypatch.setattr(units_sql, "MATERIALISE_MIN_ROWS", 0)
    one = rows(load(path), query)
    assert len(two) >= 8
    assert one == two


def test_numbers_only_in_the_export_s_notation_and_values_stripped(tmp_path: Path) -> None:
    """What a SQL cast would also read as a number (``1_000``, ``nan``) or a date
    (``infinity``, ``epoch``, a two-digit year) is reported and cleared; white space
    around values (also non-breaking) is stripped."""
    path = write_zip(
        tmp_path,
        {
            "wind": [
                unit(
                    "wind",
                    1,
                    gross_kw="1_000",
                    Nabenhoehe="nan",
                    Inbetriebnahmedatum="infinity",
                    Registrierungsdatum="23-04-12",
                    DatumLetzteAktualisierung="epoch",
                ),
                unit("wind", 2, gross_kw="\u00a0 4200.5\t", Postleitzahl=" 19370 "),
            ]
        },
    )
    con = load(path, region="")
    got = units(con)
    assert set(got) == {unit_id("wind", 1), unit_id("wind", 2)}
    assert pd.isna(got[unit_id("wind", 1)]["gross_capacity_kw"])
    assert pd.isna(got[unit_id("wind", 1)]["hub_height_m"])
    assert got[unit_id("wind", 2)]["gross_capacity_kw"] == 4200.5
    assert got[unit_id("wind", 2)]["postcode"] == "19370"
    found = {(p["row_ref"], p["field"], p["raw_value"], p["action"]) for p in problems(con)}
    assert {
        ("EinheitWind #1", "gross_capacity_kw", "1_000", "field_cleared"),
        ("EinheitWind #1", "hub_height_m", "nan", "field_cleared"),
        ("EinheitWind #1", "commissioning_date", "infinity", "field_cleared"),
        ("EinheitWind #1", "registration_date", "23-04-12", "field_cleared"),
        ("EinheitWind #1", "last_update", "epoch", "field_cleared"),
    } <= found
    assert not any(p["row_ref"] == "EinheitWind #2" for p in problems(con))


def test_malformed_record_is_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    good = [record_xml("EinheitSolar", unit("solar", n)) for n in (1, 3, 4)]
    broken = record_xml("EinheitSolar", unit("solar", 2)).replace(
        "</NameStromerzeugungseinheit>", ""
    )
    body = good[0] + broken + good[1] + good[2]
    path = write_zip(
        tmp_path,
        {"wind": [unit("wind", 9)]},
        extra_members={"EinheitenSolar_1.xml": utf16_member("EinheitenSolar", body)},
    )
    con = load(path)
    assert set(units(con)) == {unit_id("wind", 9)} | {unit_id("solar", n) for n in (1, 3, 4)}
    [bad] = problems(con)
    assert bad["source_file"] == f"{ZIP_NAME}/EinheitenSolar_1.xml"
    assert bad["row_ref"] == "EinheitSolar #2"
    assert bad["action"] == "row_rejected"
    assert "not well-formed" in bad["reason"]


def test_invalid_utf16_is_replaced_and_reported(tmp_path: Path) -> None:
    body = record_xml("EinheitSolar", unit("solar", 1, NameStromerzeugungseinheit="PV QQ"))
    data = utf16_member("EinheitenSolar", body).replace("QQ".encode("utf-16-le"), b"\x00\xd8")
    path = write_zip(tmp_path, {"wind": []}, extra_members={"EinheitenSolar_1.xml": data})
    con = load(path)
    assert units(con)[unit_id("solar", 1)]["unit_name"] == "PV \ufffd"
    [flag] = problems(con)
    assert (flag["source_file"], flag["action"]) == (f"{ZIP_NAME}/EinheitenSolar_1.xml", "flagged")
    assert "UTF-16" in flag["reason"]


def test_truncated_zip_loads_the_records_before_the_damage(tmp_path: Path) -> None:
    solar = [unit("solar", n) for n in range(1, 601)]
    full = write_zip(tmp_path / "full", {"solar": solar}, rows_per_file=100, compresslevel=1)
    data = full.read_bytes()
    cut = tmp_path / ZIP_NAME
    cut.write_bytes(data[: int(len(data) * 0.55)])
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(cut)
    con = load(cut)
    loaded = set(units(con))
    assert 200 < len(loaded) < 600
    # the loaded units are exactly the first ones: nothing after the damage
    assert loaded == {unit_id("solar", n) for n in range(1, len(loaded) + 1)}
    reasons = [(p["source_file"], p["reason"]) for p in problems(con)]
    assert any(f == ZIP_NAME and "truncated" in r for f, r in reasons)
    damaged = [(f, r) for f, r in reasons if "damaged" in r]
    assert len(damaged) == 1 and damaged[0][0].startswith(f"{ZIP_NAME}/EinheitenSolar_")
    [(read, staged, digest)] = rows(
        con, "SELECT rows_read, rows_loaded, sha256 FROM meta_load_runs"
    )
    assert staged == read >= len(loaded)  # boundary repeats are staged, merged later
    assert digest == hashlib.sha256(cut.read_bytes()).hexdigest()


def test_corrupt_member_is_reported_and_other_members_load(tmp_path: Path) -> None:
    solar = [unit("solar", n, Gemeinde=f"Ort {n * 7919 % 10007}") for n in range(1, 301)]
    path = write_zip(tmp_path, {"solar": solar, "wind": [unit("wind", 1)]}, rows_per_file=1000)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("EinheitenSolar_1.xml")
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename)
    middle = start + info.compress_size // 2
    raw[middle : middle + 64] = bytes(64)  # zeros in the middle of the deflate stream
    path.write_bytes(raw)
    con = load(path)
    got = set(units(con))
    assert unit_id("wind", 1) in got
    assert len(got) < 301
    damaged = [p for p in problems(con) if "damaged" in p["reason"]]
    assert len(damaged) == 1
    assert damaged[0]["source_file"] == f"{ZIP_NAME}/EinheitenSolar_1.xml"


XXE_SECRET = "TOP-SECRET-3141592653"


@pytest.mark.parametrize("where", ["prolog", "record"])
def test_external_entities_and_entity_expansion_are_never_resolved(
    tmp_path: Path, where: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(XXE_SECRET, encoding="utf-8")
    wind = record_xml("EinheitWind", unit("wind", 1, NameStromerzeugungseinheit="XNAMEX"))
    xxe_body = wind.replace("XNAMEX", "&xxe;")
    laughs = "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(10)
    )
    bio = record_xml("EinheitBiomasse", unit("biomass", 2, NameStromerzeugungseinheit="XNAMEX"))
    if where == "prolog":
        members = {
            "EinheitenWind.xml": utf16_member(
                "EinheitenWind",
                xxe_body,
                prolog=f'<!DOCTYPE EinheitenWind [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\r\n',
            ),
            "EinheitenBiomasse.xml": utf16_member(
                "EinheitenBiomasse",
                bio.replace("XNAMEX", "&l9;"),
                prolog=f"<!DOCTYPE EinheitenBiomasse [{laughs}]>\r\n",
            ),
        }
    else:  # no DTD in the prolog, entity references and a DTD inside records
        members = {
            "EinheitenWind.xml": utf16_member("EinheitenWind", xxe_body),
            "EinheitenBiomasse.xml": utf16_member(
                "EinheitenBiomasse",
                bio.replace("<EinheitBiomasse>", f"<!DOCTYPE x [{laughs}]><EinheitBiomasse>"),
            ),
        }
    path = write_zip(tmp_path, {"solar": [unit("solar", 3)]}, extra_members=members)
    con = load(path)
    assert set(units(con)) == {unit_id("solar", 3)}  # other members still load
    reported = {p["source_file"] for p in problems(con)}
    assert reported == {f"{ZIP_NAME}/EinheitenWind.xml", f"{ZIP_NAME}/EinheitenBiomasse.xml"}
    if where == "prolog":
        assert all("refused" in p["reason"] for p in problems(con))
    for (table,) in rows(con, "SELECT table_name FROM duckdb_tables()"):
        dump = con.execute(f"SELECT * FROM {table}").df().to_csv()
        assert XXE_SECRET not in dump
        assert "lollollol" not in dump


def test_missing_catalogue_falls_back_to_builtin_codes_and_says_so(tmp_path: Path) -> None:
    path = write_zip(tmp_path, {"wind": [unit("wind", 1)]}, catalog=[])
    con = load(path)
    got = units(con)[unit_id("wind", 1)]
    assert (got["carrier"], got["status"]) == ("wind_onshore", "operating")
    assert pd.isna(got["manufacturer"])
    assert any(p["source_file"].endswith("Katalogwerte.xml") for p in problems(con))


def test_not_a_mastr_zip_fails_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / ZIP_NAME
    path.write_bytes(b"<html>503 Service Unavailable</html>")
    con = duckdb.connect()
    with pytest.raises(SourceFailedError, match="download it again"):
        read_bulk_zip(path, BuildSink(con), REGION)


# --------------------------------------------------------------------------- #
# end to end through the build
# --------------------------------------------------------------------------- #
def _boundaries(path: Path) -> Path:
    """A tiny VG250-like GeoPackage: one municipality 13076001 around Parchim."""
    import geopandas as gpd
    from shapely.geometry import box

    gdf = gpd.GeoDataFrame(
        {"AGS": ["13076001"], "GEN": ["Teststadt"], "BEZ": ["Stadt"], "GF": [4]},
        geometry=[box(11.7, 53.3, 12.0, 53.5)],
        crs="EPSG:4326",
    ).to_crs("EPSG:25832")
    gdf.to_file(path, layer="vg250_gem", driver="GPKG")
    return path


def test_build_flags_wrong_units_clears_far_coordinates_and_publishes(tmp_path: Path) -> None:
    from etl.build import build_database
    from etl.config import Settings
    from etl.publish import served_database

    raw = tmp_path / "raw"
    raw.mkdir()
    _boundaries(raw / "DE_VG250.gpkg")
    write_zip(
        raw,
        {
            "solar": [
                unit("solar", 1, gross_kw=25_000.0, Breitengrad=53.4, Laengengrad=11.8),
                unit("solar", 2, gross_kw=9.9, Breitengrad=48.1, Laengengrad=11.5),
                unit("solar", 3, gross_kw=9.9, Breitengrad=53.4, Laengengrad=11.8),
                unit("solar", 4, key="09162000"),
            ],
            "wind": [unit("wind", 5, gross_kw=4200.0)],
        },
        rows_per_file=2,
    )
    settings = Settings(raw_dir=raw, processed_dir=tmp_path / "processed")
    report = build_database(settings)
    assert not report.is_demo
    db = served_database(settings.processed_dir)
    con = duckdb.connect(str(db), read_only=True)
    got = units(con)
    assert set(got) == {unit_id("solar", n) for n in (1, 2, 3)} | {unit_id("wind", 5)}
    # 25 kW entered as W: kept, flagged, reported (not dropped)
    assert got[unit_id("solar", 1)]["is_capacity_suspect"]
    assert got[unit_id("solar", 1)]["gross_capacity_kw"] == 25_000.0
    assert not got[unit_id("solar", 3)]["is_capacity_suspect"]
    # a unit of 13076001 with coordinates in Munich: unit kept, coordinates cleared
    assert pd.isna(got[unit_id("solar", 2)]["latitude"])
    assert got[unit_id("solar", 3)]["latitude"] == 53.4
    found = {(p["record_id"], p["action"]) for p in problems(con)}
    assert (unit_id("solar", 1), "flagged") in found
    assert (unit_id("solar", 2), "field_cleared") in found
    info = dict(rows(con, "SELECT key, value FROM meta_build"))
    assert info["data_date"] == "2026-11-21"
    assert info["is_demo"] == "False"
    assert Counter(p["source"] for p in problems(con))["mastr_bulk"] >= 2
