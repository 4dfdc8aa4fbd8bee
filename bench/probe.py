"""One measured step of the ETL benchmark, run in a fresh process by ``bench.etl_bench``.

``python -m bench.probe floor ZIP``: inflate and UTF-16-decode the unit and
storage-plant members (the I/O floor, one process, no parsing).
``python -m bench.probe build ZIP REGION WORKDIR``: the whole build
(:func:`etl.build.build_database`) from a raw folder holding only ``ZIP``.
``python -m bench.probe read ZIP REGION WORKDIR``: the reader alone
(:func:`etl.readers.mastr_bulk.read` into a fresh build database).
Prints one JSON line with the seconds measured inside the process and counts.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def io_floor(zip_path: Path) -> dict[str, object]:
    """Inflate and decode every member the reader reads; nothing else."""
    import codecs
    import zipfile

    from etl.readers.mastr_bulk import CHUNK_BYTES, classify_member

    started = time.perf_counter()
    chars = 0
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            if classify_member(info.filename) is None:
                continue
            decoder = codecs.getincrementaldecoder("utf-16")()
            with zf.open(info) as fh:
                while data := fh.read(CHUNK_BYTES):
                    chars += len(decoder.decode(data))
    return {"seconds": time.perf_counter() - started, "chars": chars}


def build(zip_path: Path, region: str, work: Path) -> dict[str, object]:
    """Build a database from a raw folder that holds only the zip."""
    import shutil

    raw = work / "raw"
    processed = work / "processed"
    shutil.rmtree(work, ignore_errors=True)
    raw.mkdir(parents=True)
    (raw / zip_path.name).symlink_to(zip_path.resolve())
    started = time.perf_counter()
    from etl import memory

    memory.lean_allocators()  # as the CLI does at its start (etl/cli/__init__.py)
    from etl.build import build_database
    from etl.config import Settings

    report = build_database(Settings(raw_dir=raw, processed_dir=processed, region_prefix=region))
    seconds = time.perf_counter() - started
    out = {"seconds": seconds, "units": report.counts.get("units"), "counts": report.counts}
    shutil.rmtree(work, ignore_errors=True)
    return out


def read(zip_path: Path, region: str, work: Path) -> dict[str, object]:
    """Only the reader (in its load run) into a fresh build database (no other step)."""
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    from etl import memory

    memory.lean_allocators()  # as in a build: the CLI's start and the build's connection
    import duckdb

    from etl.build import BUILD_MEMORY_LIMIT
    from etl.readers import load, mastr_bulk
    from etl.region import Region
    from etl.sink import STAGE_UNITS, BuildSink

    config = memory.build_connection_config(region, BUILD_MEMORY_LIMIT)
    con = duckdb.connect(str(work / "read.duckdb"), config=config)
    sink = BuildSink(con)  # kept alive: its staged files go with it
    load(mastr_bulk, zip_path, sink, Region(region))
    staged = con.execute(f"SELECT count(*) FROM {STAGE_UNITS}").fetchone()[0]
    sink.discard_staged()
    con.close()
    seconds = time.perf_counter() - started
    shutil.rmtree(work, ignore_errors=True)
    return {"seconds": seconds, "units": staged}


def main() -> None:
    mode = sys.argv[1]
    if mode == "floor":
        result = io_floor(Path(sys.argv[2]))
    elif mode == "build":
        result = build(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
    elif mode == "read":
        result = read(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
