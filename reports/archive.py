"""Archive of generated briefings: the PDFs plus an index that traces each figure.

Every briefing is written next to an ``index.csv`` (UTF-8, comma separated,
one row per file) that records when it was generated, for which region and
language, from which database build and data date, the file's SHA-256, and
its headline figures as raw numbers (JSON). A figure quoted in a council paper
can so be traced back to the build it came from, even after that build has
been pruned from ``data/processed``. The same facts are in each PDF's footer
and metadata (see :mod:`reports.pdf`).
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from reports.model import Briefing

INDEX_NAME = "index.csv"
INDEX_COLUMNS: tuple[str, ...] = (
    "generated_at",
    "file",
    "sha256",
    "kind",
    "region_key",
    "region_name",
    "lang",
    "data_date",
    "build_id",
    "database_file",
    "is_demo",
    "baseline",
    "headlines_json",
)


def default_dir(processed_dir: Path) -> Path:
    """Where briefings are archived by default: ``<processed_dir>/briefings``."""
    return processed_dir / "briefings"


def file_name(b: Briefing) -> str:
    """``briefing_13076_de_2026-09-21_20261125T140300.pdf`` (region, language, data date, time)."""
    stamp = b.generated_at.strftime("%Y%m%dT%H%M%S")
    data_date = b.data_date.isoformat() if b.data_date else "undated"
    key = re.sub(r"[^0-9A-Za-z]", "", b.region_key) or "all"
    demo = "_demo" if b.is_demo else ""
    return f"briefing_{key}_{b.lang}_{data_date}_{stamp}{demo}.pdf"


def index_row(b: Briefing, path: Path, pdf: bytes) -> dict[str, str]:
    """The index record of one archived briefing."""
    return {
        "generated_at": b.generated_at.isoformat(timespec="seconds"),
        "file": path.name,
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "kind": b.kind,
        "region_key": b.region_key,
        "region_name": b.region_name,
        "lang": b.lang,
        "data_date": b.data_date.isoformat() if b.data_date else "",
        "build_id": b.build_id,
        "database_file": b.database_file,
        "is_demo": str(b.is_demo).lower(),
        "baseline": b.baseline,
        "headlines_json": json.dumps(
            {h.key: round(float(h.raw), 6) for h in b.headlines if h.raw is not None},
            ensure_ascii=False,
        ),
    }


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path.lock`` (several processes may archive at once)."""
    lock = path.with_name(path.name + ".lock")
    with open(lock, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def archive(b: Briefing, pdf: bytes, out_dir: Path, name: str | None = None) -> Path:
    """Write the PDF into ``out_dir`` (atomically) and add it to the index."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / (name or file_name(b))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pdf)
    os.replace(tmp, path)
    index = out_dir / INDEX_NAME
    with _locked(index):
        new = not index.exists() or index.stat().st_size == 0
        with open(index, "a", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=INDEX_COLUMNS)
            if new:
                writer.writeheader()
            writer.writerow(index_row(b, path, pdf))
    return path


def read_index(out_dir: Path) -> pd.DataFrame:
    """The archive index as a frame (empty with the index columns if none yet)."""
    index = out_dir / INDEX_NAME
    if not index.exists():
        return pd.DataFrame(columns=list(INDEX_COLUMNS))
    return pd.read_csv(index, dtype=str, keep_default_na=False)


def trace(out_dir: Path, file: str) -> dict[str, str] | None:
    """The index record of an archived file (by name), or ``None``."""
    df = read_index(out_dir)
    rows = df[df["file"] == Path(file).name]
    return None if rows.empty else rows.iloc[-1].to_dict()
