"""``python -m bench.upload_bench``: the upload probes of issue 12 through the bounded check.

Writes the probe files (generators in ``tests/upload_fixtures.py``) to a
temporary folder, checks each with :func:`etl.office.upload_child.check_in_child`
against the served database's region (a demo build is made when none is
served) and records wall time (with and without starting the child), CPU time
and the child's peak resident memory above its memory before the check. Also
lists the waits after 20 wrong secrets. Results: ``bench/results/upload.md``.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from etl.config import Settings
from etl.office import region_context
from etl.office.spec import WIND_PERMITS
from etl.office.upload_child import check_in_child
from etl.office.upload_secret import delay_after
from etl.publish import served_database
from tests import upload_fixtures as fx

RESULTS = Path(__file__).parent / "results" / "upload.md"
GB = 1024**3


def _probes(folder: Path) -> list[tuple[str, Path]]:
    """(description, path) of every probe."""
    limits = folder / "limits.csv"
    names = [f.header_de for f in WIND_PERMITS.fields]
    names += [f"Extra {i}" for i in range(len(names) + 1, 21)]
    row = ";".join(["x" * 24] * 20) + "\r\n"
    limits.write_text(";".join(names) + "\r\n" + row * 19_999, encoding="utf-8")
    bomb, xbomb = fx.bomb_zip, fx.xlsx_bomb
    return [
        ("wide XLSX, 19,990 rows × 190 cells", fx.wide_xlsx(folder / "wide.xlsx")),
        ("10 MB CSV, 190 columns", fx.large_csv(folder / "large.csv")),
        ("10 MB CSV, 175,000 short rows", fx.tall_csv(folder / "tall.csv")),
        ("10 MB CSV at the limits: 20,000 × 20 bad cells", limits),
        ("Shapefile zip, 2 GiB, honest header", bomb(folder / "h.zip", inflated=2 * GB, lie=False)),
        ("Shapefile zip, 2 GiB, lying header", bomb(folder / "l.zip", inflated=2 * GB)),
        (
            "Shapefile zip, 2 GiB, lying header with prefix CRC",
            bomb(folder / "c.zip", inflated=2 * GB, crc_of_prefix=True),
        ),
        ("XLSX bomb, 2 GiB sheet, honest header", xbomb(folder / "h.xlsx", 2 * GB, lie=False)),
        ("XLSX bomb, 2 GiB sheet, lying header", xbomb(folder / "l.xlsx", 2 * GB)),
    ]


def _context(settings: Settings):
    try:
        path = served_database(settings.processed_dir)
    except Exception:
        path = None
    if path is None:
        from etl.build import build_database

        build_database(settings, force_demo=True)
        path = served_database(settings.processed_dir)
    con = duckdb.connect(str(path), read_only=True)
    try:
        return region_context(con, settings.region_prefix)
    finally:
        con.close()


def run() -> str:
    """Run the probes and write the results table; returns the Markdown."""
    ctx = _context(Settings.from_env())
    lines = [
        f"# Upload check probes ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
        "| probe | bytes | result | wall s (with child start) | check s | CPU s | extra MB "
        "| peak MB |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="ez-upload-bench-") as tmp:
        for label, path in _probes(Path(tmp)):
            data = path.read_bytes()
            start = time.perf_counter()
            check, stats = check_in_child(data, path.name, ctx)
            wall = time.perf_counter() - start
            issue = check.problem or (check.issues[0] if check.issues else None)
            result = f"{issue.code}: {issue.reason}" if issue else "loadable"
            whole_file = check.result is not None and check.result.file_problem is not None
            if check.problem is None and not whole_file and check.error_count:
                result = f"checked: {check.error_count:,} errors ({len(check.issues)} kept)"
            cost = (
                f"{stats.seconds:.2f} | {stats.cpu_seconds:.2f} | {stats.extra_mb:.0f} | "
                f"{stats.peak_mb:.0f}"
                if stats
                else "– | – | – | –"
            )
            lines.append(f"| {label} | {len(data):,} | {result} | {wall:.2f} | {cost} |")
            print(lines[-1], flush=True)
    waits = ", ".join(f"{delay_after(n):g}" for n in range(1, 21))
    lines += ["", f"Waits (s) after 1 … 20 wrong secrets: {waits}", ""]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    return "\n".join(lines)


if __name__ == "__main__":
    run()
