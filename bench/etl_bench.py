"""ETL benchmark: the MaStR bulk reader against the I/O floor and open-mastr.

For each size (units in the zip) it measures, each in a fresh process:

- **I/O floor**: inflate and UTF-16-decode the members the reader reads;
- **region build**: the whole build (:func:`etl.build.build_database`) for
  Ludwigslust-Parchim (``13076``) from a raw folder holding only the zip;
- **full build**: the same for all of Germany (region ``''``);
- **open-mastr**: open-mastr's bulk parse of the same zip into SQLite (its own
  venv ``bench/.venv-openmastr``, installed from PyPI on first use).

Wall time is measured around the child process (interpreter start and imports
included); peak RSS is the largest sum of the resident memory of the child and
all its descendants (the reader's worker processes), polled every 20 ms. That
sum counts pages shared between the processes (libraries) once per process;
peak PSS (proportional set size) counts them once in total.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

from bench import generate

BENCH_DIR = Path(__file__).resolve().parent
WORK_DIR = BENCH_DIR / "work"
RESULTS = BENCH_DIR / "results" / "etl.md"
OPENMASTR_VENV = BENCH_DIR / ".venv-openmastr"
#: open-mastr release that installs on Python 3.11 (1.0 needs Python >= 3.12).
OPENMASTR_REQUIREMENT = "open-mastr==0.17.4" if sys.version_info < (3, 12) else "open-mastr==1.0.0"
REGION = "13076"


@dataclass
class Row:
    """One line of the result table."""

    step: str
    units: int | None
    seconds: float | None
    peak_rss_mb: float | None
    note: str = ""
    peak_pss_mb: float | None = None

    @property
    def units_per_s(self) -> float | None:
        if self.units and self.seconds:
            return self.units / self.seconds
        return None


@dataclass
class Measured:
    """A child process run: wall seconds, peak RSS of its tree, its JSON output."""

    seconds: float
    peak_rss_mb: float
    output: dict[str, object]
    peak_pss_mb: float = 0.0


def measure(cmd: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd``, polling the resident memory of its whole process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=BENCH_DIR.parent
    )
    peak = peak_pss = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak, peak_pss
        try:
            root = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                total = total_pss = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        info = p.memory_full_info()
                        total += info.rss
                        total_pss += info.pss
                peak = max(peak, total)
                peak_pss = max(peak_pss, total_pss)
            except psutil.Error:
                pass
            done.wait(0.02)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    if proc.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(cmd[:4])} failed: " + " | ".join(tail))
    lines = [ln for ln in out.decode(errors="replace").splitlines() if ln.startswith("{")]
    output = json.loads(lines[-1]) if lines else {}
    return Measured(seconds, peak / 2**20, output, peak_pss / 2**20)


def ensure_openmastr(console: Console) -> tuple[Path | None, str]:
    """The open-mastr venv's python (installing it on first use), or ``None`` and why."""
    python = OPENMASTR_VENV / "bin" / "python"
    check = [str(python), "-c", "import open_mastr"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python, ""
    console.print(f"installing {OPENMASTR_REQUIREMENT} into {OPENMASTR_VENV} …")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(OPENMASTR_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", OPENMASTR_REQUIREMENT],
            check=True,
            capture_output=True,
        )
    except subprocess.CalledProcessError as exc:
        err = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
        return None, f"pip install {OPENMASTR_REQUIREMENT} failed: {err[-1] if err else exc}"
    return python, ""


def run_size(n: int, console: Console, skip_openmastr: bool, openmastr_max: int) -> list[Row]:
    """All measurements for one zip size."""
    rows: list[Row] = []
    started = time.perf_counter()
    cached = generate.zip_path(WORK_DIR, n).exists()
    path = generate.generate(WORK_DIR, n)
    size_mb = path.stat().st_size / 2**20
    rows.append(
        Row(
            f"generate zip {n:,}",
            n,
            None if cached else time.perf_counter() - started,
            None,
            f"{'cached, ' if cached else ''}{size_mb:,.0f} MB zipped",
        )
    )
    py = sys.executable
    console.print(f"[{n:,}] I/O floor …")
    floor = measure([py, "-m", "bench.probe", "floor", str(path)])
    unpacked = int(floor.output.get("chars", 0)) * 2 / 2**30
    rows.append(
        Row(
            "I/O floor (inflate + decode)",
            n,
            floor.seconds,
            floor.peak_rss_mb,
            f"{unpacked:.1f} GiB UTF-16",
            floor.peak_pss_mb,
        )
    )
    builds = {}
    steps = (
        (f"region build ({REGION})", "build", REGION),
        (f"  of which reader only ({REGION})", "read", REGION),
        ("full build (Germany)", "build", ""),
        ("  of which reader only (Germany)", "read", ""),
    )
    for label, mode, region in steps:
        console.print(f"[{n:,}] {label.strip()} …")
        work = path.parent / f"{mode}-{region or 'DE'}"
        m = measure([py, "-m", "bench.probe", mode, str(path), region, str(work)])
        if mode == "build":
            builds[region] = m
        units = int(m.output.get("units") or 0)
        what = "units in the database" if mode == "build" else "units staged"
        ratio = m.seconds / floor.seconds
        note = f"{units:,} {what}; {ratio:.2f}x floor"
        rows.append(Row(label, n, m.seconds, m.peak_rss_mb, note, m.peak_pss_mb))
    om_seconds = None
    if skip_openmastr:
        rows.append(Row("open-mastr bulk parse", n, None, None, "n/a: --skip-openmastr"))
    elif n > openmastr_max:
        why = f"n/a: not run above {openmastr_max:,} units (--openmastr-max-units)"
        rows.append(Row("open-mastr bulk parse", n, None, None, why))
    else:
        python, why = ensure_openmastr(console)
        if python is None:
            rows.append(Row("open-mastr bulk parse", n, None, None, f"n/a: {why}"))
        else:
            console.print(f"[{n:,}] open-mastr …")
            env = dict(os.environ, OUTPUT_PATH=str(WORK_DIR / "openmastr-home"))
            try:
                script = str(BENCH_DIR / "openmastr_probe.py")
                out_dir = str(path.parent / "openmastr")
                m = measure([str(python), script, str(path), out_dir], env=env)
                om_seconds = m.seconds
                written = m.output.get("rows") or {}
                total = sum(v for v in written.values() if isinstance(v, int))
                rows.append(
                    Row(
                        "open-mastr bulk parse",
                        n,
                        m.seconds,
                        m.peak_rss_mb,
                        f"{OPENMASTR_REQUIREMENT}, {total:,} rows written to SQLite",
                        m.peak_pss_mb,
                    )
                )
            except RuntimeError as exc:
                rows.append(Row("open-mastr bulk parse", n, None, None, f"n/a: {exc}"))
    if om_seconds:
        region_x = om_seconds / builds[REGION].seconds
        full_x = om_seconds / builds[""].seconds
        rows.append(
            Row(
                "speed-up vs open-mastr",
                None,
                None,
                None,
                f"region {region_x:.1f}x (target >= 20x), full {full_x:.1f}x (target >= 5x)",
            )
        )
    return rows


def _fmt(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def render(rows: list[Row]) -> tuple[Table, str]:
    """The rich table and the same as Markdown."""
    headers = ["step", "units", "wall s", "units/s", "peak RSS MB", "peak PSS MB", "note"]
    table = Table(title="ETL benchmark (MaStR bulk export)")
    for h in headers:
        table.add_column(h, justify="left" if h in ("step", "note") else "right")
    md = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in rows:
        cells = [
            r.step,
            _fmt(r.units, ","),
            _fmt(r.seconds, ".2f"),
            _fmt(r.units_per_s, ",.0f"),
            _fmt(r.peak_rss_mb, ",.0f"),
            _fmt(r.peak_pss_mb, ",.0f"),
            r.note,
        ]
        table.add_row(*cells)
        md.append("| " + " | ".join(cells) + " |")
    return table, "\n".join(md)


def run(
    sizes: list[int],
    *,
    skip_openmastr: bool = False,
    openmastr_max_units: int = 1_000_000,
    console: Console | None = None,
) -> Table:
    """Run the ETL benchmark for ``sizes``; print and return the table, write the Markdown.

    open-mastr is run up to ``openmastr_max_units`` (at 6 million units it takes
    about 20 minutes and more than 2 GB).
    """
    console = console or Console()
    load_before = os.getloadavg()[0]
    rows: list[Row] = []
    for n in sizes:
        rows.extend(run_size(n, console, skip_openmastr, openmastr_max_units))
    table, md = render(rows)
    console.print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    machine = (
        f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
        f"load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after the run"
    )
    RESULTS.write_text(
        "# ETL benchmark\n\n"
        f"`python -m bench` on {time.strftime('%Y-%m-%d %H:%M')} ({machine}, Python "
        f"{sys.version.split()[0]}). Wall time around a fresh process; peak RSS and PSS summed "
        "over the process and its workers (the reader uses two worker processes; the I/O floor "
        "is one stream). Targets (issue 6): region build >= 20x faster than open-mastr and within "
        "1.5x of the I/O floor, <= 200 MB; full build >= 5x faster than open-mastr, <= 1 GB.\n\n"
        + md
        + "\n",
        encoding="utf-8",
    )
    console.print(f"written to {RESULTS}")
    return table
