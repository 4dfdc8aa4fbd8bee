"""A Germany build reads plain records with a learned template: same result as record by record.

The template (:mod:`etl.readers.mastr_bulk.template`) is only a faster way to
read the same XML. Each test scans hand-written members in the real format
(UTF-16 with BOM) twice, with the template and with it switched off, and
requires the same rows, record numbers, findings and element names.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from etl.demo.bulk_zip import record_xml
from etl.readers.mastr_bulk import scan, template
from etl.readers.mastr_bulk.members import KINDS
from etl.readers.mastr_bulk.outcome import MemberResult, MemberTask
from tests.bulk_fixtures import OFFSHORE, plant, unit, utf16_member

#: Plain records around the unusual ones, so that a member spans many blocks.
PLAIN = 1500


def _zip(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "Gesamtdatenexport_20261121_25.2.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _scan_both(
    path: Path, member: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[MemberResult, MemberResult, list[bool]]:
    """The member scanned with the template (and each block's outcome) and without it."""
    outcomes: list[bool] = []
    real = template.read_block

    def spy(*args: object, **kwargs: object) -> bool:
        got = real(*args, **kwargs)  # type: ignore[arg-type]
        outcomes.append(got)
        return got

    def task() -> MemberTask:
        return MemberTask(str(path), member, kind, "", {})

    with monkeypatch.context() as m:
        m.setattr(scan, "read_block", spy)
        fast = scan.scan_member(task())
    with monkeypatch.context() as m:
        m.setattr(scan, "template_for", lambda *a, **k: None)
        slow = scan.scan_member(task())
    return fast, slow, outcomes


def _same(fast: MemberResult, slow: MemberResult) -> None:
    assert fast.error is None and slow.error is None
    for name in (
        "records",
        "rows",
        "columns",
        "element_numbers",
        "key_rejected",
        "malformed",
        "problems",
        "seen",
    ):
        assert getattr(fast, name) == getattr(slow, name), name


def _solar(n: int, **extra: object) -> str:
    return record_xml("EinheitSolar", unit("solar", n, key=f"{9000000 + n:08d}", **extra))


def _unusual_solar_records() -> list[str]:
    """Records a template must not read itself; each is put between plain ones."""

    def with_key(n: int, key_xml: str) -> str:
        return _solar(n).replace(
            f"<Gemeindeschluessel>{9000000 + n:08d}</Gemeindeschluessel>", key_xml
        )

    return [
        with_key(1, "<Gemeindeschluessel>&#49;3076001</Gemeindeschluessel>"),
        with_key(2, "<Gemeindeschluessel><![CDATA[13076002]]></Gemeindeschluessel>"),
        with_key(3, "<Gemeindeschluessel>13076<!-- x -->003</Gemeindeschluessel>"),
        with_key(4, "<Gemeindeschluessel>\r\n 13076004 </Gemeindeschluessel>"),
        with_key(5, '<Gemeindeschluessel quelle="x">13076005</Gemeindeschluessel >'),
        with_key(6, "<Gemeindeschluessel>1307600</Gemeindeschluessel>"),  # repaired
        with_key(7, "<Gemeindeschluessel>13O76007</Gemeindeschluessel>"),  # malformed
        with_key(8, "<Gemeindeschluessel></Gemeindeschluessel>"),
        _solar(9).replace("<Gemeindeschluessel>09000009</Gemeindeschluessel>", ""),
        _solar(10, NameStromerzeugungseinheit="Müller & Söhne <PV>"),  # entities
        _solar(11).replace("Test solar 11", "A &unknown; B"),  # undefined entity
        _solar(12).replace("Test solar 12", "A & B"),  # bare ampersand
        _solar(13).replace("<Ort>Parchim</Ort>", "<Ort/>"),  # self-closing
        _solar(14).replace("<EinheitSolar>", '<EinheitSolar xmlns:x="urn:x" x:a="1">'),
        _solar(15).replace("<Land>84</Land>", "<Land>84</Land><Land>85</Land>"),  # repeated
        _solar(16).replace("<Land>84</Land>", "<Land>84</Land><NeuesFeld>x</NeuesFeld>"),
        _solar(17).replace("<Ort>Parchim</Ort>", "<Ort><![CDATA[Par<chim]]></Ort>"),
        _solar(18).replace("<Ort>Parchim</Ort>", "<Ort>Parchim</Ort><!-- note -->"),
        _solar(19).replace("<Ort>Parchim</Ort>", "<Ort><b>Parchim</b></Ort>"),  # nested
        _solar(20, Lage=852, ArtDerSolaranlage=None),  # old name
        _solar(21, Bruttoleistung="5", Bruttoleistung_nv=1),  # not available
        _solar(22, Nettonennleistung_nv=" 1 "),
        _solar(23).replace("<Ort>Parchim</Ort>", "<Ort>Par\ufffdchim</Ort>"),
        _solar(24).replace("Test solar 24", "A&#0;B"),  # not an XML character
    ]


def test_a_germany_build_reads_unusual_records_as_record_by_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(7)
    records = [_solar(100 + n) for n in range(PLAIN)]
    unusual = _unusual_solar_records()
    for rec in unusual[:3]:  # in the first block, which teaches the template
        records.insert(rng.randrange(20), rec)
    for rec in unusual[3:]:  # in two places further on
        records.insert(PLAIN // (2 if len(records) % 2 else 3) + rng.randrange(20), rec)
    body = "".join(records)
    path = _zip(tmp_path, {"EinheitenSolar_1.xml": utf16_member("EinheitenSolar", body)})
    fast, slow, outcomes = _scan_both(path, "EinheitenSolar_1.xml", "solar", monkeypatch)
    _same(fast, slow)
    assert fast.records == PLAIN + 24
    assert fast.malformed >= 4  # undefined entity, bare ampersand, nested element, &#0;
    assert any("invalid character reference" in p["reason"] for p in fast.problems)
    # the template read most blocks, and left those with unusual records to the slow path
    assert outcomes.count(True) > outcomes.count(False) > 0


def test_an_order_other_than_the_xsd_s_is_learned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The XSD allows any order: a member written in another (fixed) order is matched too."""

    keys = {97: None, 98: "1307600", 99: "13O76001", 100: " 13076001"}

    def reversed_record(n: int) -> str:
        key = keys.get(n % 101, f"{13076000 + n % 999:08d}")
        fields = unit("wind", n, key=key, WindAnLandOderAufSee=888)
        if n % 5 == 0:
            fields.pop("Postleitzahl")  # optional elements come and go
        if n % 7 == 0:
            fields.update(Nabenhoehe="95", Nabenhoehe_nv=1)  # not available
        if n % 11 == 0:
            fields["Lage"] = fields.pop("WindAnLandOderAufSee")  # the old name
        return record_xml("EinheitWind", dict(reversed(list(fields.items()))))

    body = "".join(reversed_record(n) for n in range(1, PLAIN))
    path = _zip(tmp_path, {"EinheitenWind.xml": utf16_member("EinheitenWind", body)})
    fast, slow, outcomes = _scan_both(path, "EinheitenWind.xml", "wind", monkeypatch)
    _same(fast, slow)
    assert fast.rows == PLAIN - 1
    assert outcomes.count(True) >= len(outcomes) - 1  # the old name first appears in a block
    hub = fast.columns["Nabenhoehe"].split(scan.SEP)
    assert (hub[5], hub[6]) == ("131.0", "")  # unit 7 has the flag "not available"
    assert {p["raw_value"] for p in fast.problems} == {None, "1307600", "13O76001"}


def test_records_in_changing_orders_are_read_as_record_by_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(11)
    records = []
    for n in range(1, PLAIN):
        fields = list(unit("wind", n, key=None if n % 97 == 0 else "13076001").items())
        if n % 400 == 0:
            rng.shuffle(fields)
        if n % 211 == 0:
            fields.append(("WindAnLandOderAufSee", OFFSHORE))
        records.append(record_xml("EinheitWind", dict(fields)))
    body = "".join(records)
    path = _zip(tmp_path, {"EinheitenWind.xml": utf16_member("EinheitenWind", body)})
    fast, slow, _ = _scan_both(path, "EinheitenWind.xml", "wind", monkeypatch)
    _same(fast, slow)
    assert fast.rows == PLAIN - 1


def test_all_storage_plants_are_read_by_template_for_germany(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [record_xml("AnlageStromSpeicher", plant(n, f"{n}.5")) for n in range(1, PLAIN)]
    records[10] = records[10].replace("11.5", "1&#49;.5")
    body = "".join(records)
    member = "AnlagenStromSpeicher_1.xml"
    path = _zip(tmp_path, {member: utf16_member("AnlagenStromSpeicher", body)})
    fast, slow, outcomes = _scan_both(path, member, KINDS["storage_plants"].key, monkeypatch)
    _same(fast, slow)
    assert fast.columns["NutzbareSpeicherkapazitaet"].split(scan.SEP)[10] == "11.5"
    assert outcomes and all(outcomes)


def test_a_record_repeating_an_element_not_learned_yet_is_read_as_record_by_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repeated element contradicts any order: such a record teaches the template
    nothing (the last value wins, as record by record), in the first block and later."""

    def repeating(n: int, name: str) -> str:
        return _solar(n).replace(
            "<Land>84</Land>", f"<Land>84</Land><{name}>a</{name}><{name}>b</{name}>"
        )

    records = [_solar(100 + n) for n in range(PLAIN)]
    records[0] = repeating(1, "ErstesFeld")
    records[PLAIN // 2] = repeating(2, "NeuesFeld")
    path = _zip(
        tmp_path, {"EinheitenSolar_1.xml": utf16_member("EinheitenSolar", "".join(records))}
    )
    fast, slow, outcomes = _scan_both(path, "EinheitenSolar_1.xml", "solar", monkeypatch)
    _same(fast, slow)
    assert fast.rows == PLAIN and {"ErstesFeld", "NeuesFeld"} <= fast.seen
    assert outcomes.count(True) > outcomes.count(False) > 0
