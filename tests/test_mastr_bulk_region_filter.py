"""The bulk reader's region pre-filter at its edges, on small real-format zips.

The reader selects a district's records by a text test on the plain key
(``<Gemeindeschluessel>13076…``) and parses everything else in full, so a
key written another way is still decided by its value. These tests put such
keys where a filter could miss them: in a block of plain records, in a UTF-8
member that declares UTF-16, across the 1 MiB boundary of the inflated
stream, and "13076" in free text of another district's record. Members are
also read stored (not deflated). Every zip is written by the test.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import pytest

from etl import readers
from etl.demo.bulk_zip import record_xml
from etl.failures import FailurePolicy
from etl.readers import mastr_bulk
from etl.readers.mastr_bulk.records import CHUNK_BYTES
from etl.region import Region
from etl.sink import STAGE_UNITS, BuildSink
from tests.bulk_fixtures import unit, unit_id, utf16_member, write_zip

REGION = "13076"


def staged(path: Path, workers: int = 0) -> dict[str, str]:
    """unit id -> municipality key of the units the reader staged for 13076."""
    con = duckdb.connect()
    sink = BuildSink(con)
    policy = FailurePolicy(accept_partial=True)
    readers.load(mastr_bulk, path, sink, Region(REGION), workers=workers, failures=policy)
    got = con.execute(f"SELECT unit_id_mastr, municipality_key FROM {STAGE_UNITS}").fetchall()
    return dict(got)


def solar(n: int, key: str, **extra: object) -> str:
    """One EinheitSolar record as the export writes it."""
    return record_xml("EinheitSolar", unit("solar", n, key=key, **extra))


def plain_block(first: int, count: int) -> str:
    """``count`` plain records, every fifth one in 13076, the others in 09162."""
    return "".join(
        solar(n, f"13076{n % 1000:03d}" if n % 5 == 0 else f"09162{n % 1000:03d}")
        for n in range(first, first + count)
    )


def in_region(first: int, count: int) -> set[str]:
    return {unit_id("solar", n) for n in range(first, first + count) if n % 5 == 0}


@pytest.mark.parametrize("workers", [0, 2])
def test_key_written_only_as_a_character_reference_lands_in_the_region(
    tmp_path: Path, workers: int
) -> None:
    odd = solar(500, "KEY").replace("KEY", "&#x31;&#51;076500")  # "13076500"
    body = plain_block(1, 200) + odd + plain_block(201, 200)
    path = write_zip(
        tmp_path,
        {"wind": []},
        extra_members={"EinheitenSolar_1.xml": utf16_member("EinheitenSolar", body)},
    )
    got = staged(path, workers)
    assert set(got) == in_region(1, 400) | {unit_id("solar", 500)}
    assert got[unit_id("solar", 500)] == "13076500"


def test_utf8_member_that_declares_utf16_is_read_by_its_bytes(tmp_path: Path) -> None:
    body = plain_block(1, 50)
    text = f'<?xml version="1.0" encoding="utf-16"?>\r\n<EinheitenSolar>{body}\r\n</EinheitenSolar>'
    path = write_zip(
        tmp_path, {"wind": []}, extra_members={"EinheitenSolar_1.xml": text.encode("utf-8")}
    )
    assert set(staged(path)) == in_region(1, 50)


def _record_across_boundary() -> tuple[bytes, int]:
    """A member whose 13076 key straddles the first CHUNK_BYTES boundary of the inflated bytes.

    The padding is the record's ``Gemeinde`` text, which precedes the key.
    """
    head = plain_block(1, 10)
    tail = plain_block(11, 10)
    key = "<Gemeindeschluessel>13076700".encode("utf-16-le")
    cut = len("<Gemeindeschluessel>130".encode("utf-16-le"))  # "130" | "76700"
    probe = utf16_member("EinheitenSolar", head + solar(700, "13076700", Gemeinde="x") + tail)
    pad = 1 + (CHUNK_BYTES - (probe.index(key) + cut)) // 2
    member = utf16_member(
        "EinheitenSolar", head + solar(700, "13076700", Gemeinde="x" * pad) + tail
    )
    return member, member.index(key)


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_key_split_across_the_inflate_boundary_still_lands(
    tmp_path: Path, compression: int
) -> None:
    member, key_at = _record_across_boundary()
    assert key_at + len("<Gemeindeschluessel>130") * 2 == CHUNK_BYTES  # "130" | "76700"
    path = write_zip(tmp_path, {"wind": []})
    with zipfile.ZipFile(path, "a", compression=compression) as zf:
        zf.writestr("EinheitenSolar_1.xml", member)
    got = staged(path)
    assert set(got) == in_region(1, 20) | {unit_id("solar", 700)}
    assert got[unit_id("solar", 700)] == "13076700"


def test_13076_in_free_text_of_another_district_is_not_counted(tmp_path: Path) -> None:
    body = "".join(
        [
            solar(1, "09162001", NameStromerzeugungseinheit="Solarpark 13076001"),
            solar(
                2,
                "09162002",
                NameStromerzeugungseinheit="<Gemeindeschluessel>13076002</Gemeindeschluessel>",
            ),
            solar(3, "09162003", Landkreis="Ludwigslust-Parchim", Postleitzahl="13076"),
            solar(4, "13076004"),
        ]
    )
    path = write_zip(
        tmp_path,
        {"wind": []},
        extra_members={"EinheitenSolar_1.xml": utf16_member("EinheitenSolar", body)},
    )
    assert staged(path) == {unit_id("solar", 4): "13076004"}


def test_reader_workers_stay_small_without_pandas_or_duckdb() -> None:
    """A region build's memory is the main process plus two workers: a worker
    that imported pandas (through ``etl.schema``) would add about 80 MB each."""
    import subprocess
    import sys

    probe = (
        "import sys; from etl.readers.mastr_bulk.pool import worker_main; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pandas', 'pyarrow', 'duckdb', 'numpy'}), "
        "sorted(m for m in sys.modules if m.startswith('etl.schema')))"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[] []"


def test_a_district_is_read_before_the_main_process_imports_pandas(tmp_path: Path) -> None:
    """A district build's peak is its main process alone: while the workers read,
    the main process holds neither pandas nor Arrow (about 85 MB); they are
    imported only for the few results, after the workers have exited."""
    import subprocess
    import sys

    path = write_zip(
        tmp_path,
        {"solar": [unit("solar", n, key=f"{'13076' if n % 2 else '09162'}001") for n in range(40)]},
        rows_per_file=10,
    )
    probe = """
import sys
from pathlib import Path
import etl.cli  # the CLI's start, allocator settings included
import duckdb
from etl import readers
from etl.readers import mastr_bulk
from etl.readers.mastr_bulk import pool
from etl.region import Region
from etl.sink import STAGE_UNITS, BuildSink

heavy = lambda: sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'pyarrow'})
at_exit = []
exit_pool = pool.WorkerPool.__exit__
def record(self, *exc):
    at_exit.append(heavy())
    return exit_pool(self, *exc)
pool.WorkerPool.__exit__ = record
sink = BuildSink(duckdb.connect())
readers.load(mastr_bulk, Path(sys.argv[1]), sink, Region('13076'), workers=2)
units = sink.con.execute(f'SELECT count(DISTINCT unit_id_mastr) FROM {STAGE_UNITS}').fetchone()
print(at_exit, units[0])
"""
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", probe, str(path)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[[]] 20"
