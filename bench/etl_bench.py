"""ETL benchmark: the MaStR bulk reader against the I/O floor and open-mastr.

For each size (units in the zip) it measures, each in a fresh process:

- **I/O floor**: inflate and UTF-16-decode the members the reader reads;
- **region build**: the whole build (:func:`etl.build.build_database`) for
  Ludwigslust-Parchim (``13076``) from a raw folder holding only the zip;
- **full build**: the same for all of Germany (region ``''``);
- **open-mastr** 1.0.0 and 0.17.4 (:mod:`bench.peers`): open-mastr's bulk parse
  of the same zip into SQLite, each release in its own venv; a run whose rows
  written differ from the records in the zip is marked failed.

The machine is shared, so every ratio is taken between neighbouring runs: the
I/O floor is measured again right before each build, and each open-mastr run
right after a region and a full build of its own. The 1-minute load average
(``os.getloadavg()``) is recorded before each run.

Wall time is measured around the child process (interpreter start and imports
included); peak RSS is the largest sum of the resident memory of the child and
all its descendants (the reader's worker processes), polled every 20 ms (PSS
and the list of workers every 0.5 s: reading them is costly). That
sum counts pages shared between the processes (libraries) once per process;
peak PSS (proportional set size) counts them once in total. CPU seconds (user +
system, the child and its workers) change little with load, so they help
compare runs on a busy machine. Each run appends
its table to ``bench/results/etl.md`` (the history of runs, with date and commit).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from rich.console import Console
from rich.table import Table

from bench import generate, peers

BENCH_DIR = Path(__file__).resolve().parent
#: Generated zips and scratch folders (``EZ_BENCH_WORK`` to share them between worktrees).
WORK_DIR = Path(os.environ.get("EZ_BENCH_WORK") or BENCH_DIR / "work")
RESULTS = BENCH_DIR / "results" / "etl.md"
REGION = "13076"
#: Memory polling: RSS every POLL_S seconds, PSS every PSS_EVERY-th poll.
POLL_S = 0.02
PSS_EVERY = 25
#: Targets of issue 14 (printed with the results).
TARGETS = (
    "Targets (issue 14, 10^6 units unless stated): region build <= 1.0x the I/O floor and "
    "<= 200 MB; region build memory flat from 10^6 to 6*10^6 units (fixed-size district); "
    "full build >= 10x faster than open-mastr 1.0.0 and <= 1 GB at 6*10^6 units."
)


@dataclass
class Row:
    """One line of the result table."""

    step: str
    units: int | None
    seconds: float | None
    peak_rss_mb: float | None
    note: str = ""
    peak_pss_mb: float | None = None
    load: float | None = None
    cpu_seconds: float | None = None

    @property
    def units_per_s(self) -> float | None:
        if self.units and self.seconds:
            return self.units / self.seconds
        return None


@dataclass
class Measured:
    """A child process run: wall seconds, peak RSS of its tree, its JSON output, load before."""

    seconds: float
    peak_rss_mb: float
    output: dict[str, object]
    peak_pss_mb: float = 0.0
    load: float = 0.0
    cpu_seconds: float = 0.0


class StepFailedError(RuntimeError):
    """A measured child process exited non-zero; ``measured`` holds its wall time and peak."""

    def __init__(self, message: str, measured: Measured) -> None:
        super().__init__(message)
        self.measured = measured


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(cmd: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd``, polling the resident memory of its whole process tree.

    CPU seconds are user + system time of the child and every descendant it
    waited for (the reader's workers), which load on the machine hardly changes.
    Call it from one thread at a time: the CPU figure is a process-wide delta.
    """
    load = os.getloadavg()[0]
    cpu_before = _children_cpu_seconds()
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
        polls = 0
        procs: list[psutil.Process] = [root]
        while not done.is_set():
            # RSS (/proc/PID/statm) is cheap; PSS needs smaps, which costs a third of
            # a core for a 2 GB process when read every 20 ms and slows it down: PSS
            # is read every 25th poll (0.5 s).
            with_pss = polls % PSS_EVERY == 0
            polls += 1
            try:
                if with_pss:  # listing the tree scans /proc: as seldom as PSS
                    procs = [root, *root.children(recursive=True)]
                total = total_pss = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        if with_pss:
                            info = p.memory_full_info()
                            total += info.rss
                            total_pss += info.pss
                        else:
                            total += p.memory_info().rss
                peak = max(peak, total)
                if with_pss:
                    peak_pss = max(peak_pss, total_pss)
            except psutil.Error:
                pass
            done.wait(POLL_S)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    lines = [ln for ln in out.decode(errors="replace").splitlines() if ln.startswith("{")]
    output = json.loads(lines[-1]) if lines and proc.returncode == 0 else {}
    cpu = _children_cpu_seconds() - cpu_before
    measured = Measured(seconds, peak / 2**20, output, peak_pss / 2**20, load, cpu)
    if proc.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-3:]
        msg = f"exit code {proc.returncode}: " + " | ".join(t.strip()[:300] for t in tail)
        raise StepFailedError(msg, measured)
    return measured


def _row(label: str, n: int, m: Measured, note: str) -> Row:
    return Row(label, n, m.seconds, m.peak_rss_mb, note, m.peak_pss_mb, m.load, m.cpu_seconds)


class SizeRun:
    """The measurements for one zip."""

    def __init__(self, path: Path, n: int, console: Console) -> None:
        self.path, self.n, self.console = path, n, console
        self.rows: list[Row] = []

    def floor(self) -> Measured:
        """The I/O floor (a row of its own)."""
        self.console.print(f"[{self.n:,}] I/O floor …")
        m = measure([sys.executable, "-m", "bench.probe", "floor", str(self.path)])
        unpacked = int(m.output.get("chars", 0)) * 2 / 2**30
        self.rows.append(
            _row("I/O floor (inflate + decode)", self.n, m, f"{unpacked:.1f} GiB UTF-16")
        )
        return m

    def step(self, label: str, mode: str, region: str, floor: Measured | None) -> Measured:
        """A build (``mode`` build) or the reader alone (``read``), with its ratio to ``floor``."""
        self.console.print(f"[{self.n:,}] {label.strip()} …")
        work = self.path.parent / f"{mode}-{region or 'DE'}-{os.getpid()}"
        cmd = [sys.executable, "-m", "bench.probe", mode, str(self.path), region, str(work)]
        try:
            m = measure(cmd)
        except StepFailedError as exc:
            self.rows.append(_row(label, self.n, exc.measured, f"FAILED: {exc}"))
            return exc.measured
        units = int(m.output.get("units") or 0)
        note = f"{units:,} {'units in the database' if mode == 'build' else 'units staged'}"
        if floor is not None:
            note += f"; {m.seconds / floor.seconds:.2f}x the floor run just before"
        self.rows.append(_row(label, self.n, m, note))
        return m

    def peer(self, peer: peers.Peer) -> None:
        """A region and a full build, then open-mastr: speed-ups from these neighbours."""
        label = f"open-mastr {peer.release} bulk parse (Python {peer.python})"
        python, why = peers.ensure_venv(peer, self.console.print)
        if python is None:
            self.rows.append(Row(label, self.n, None, None, f"n/a: {why}"))
            return
        region = self.step(
            f"  region build ({REGION}), next to {peer.release}", "build", REGION, None
        )
        full = self.step(f"  full build (Germany), next to {peer.release}", "build", "", None)
        self.openmastr(peer, python, region, full)

    def openmastr(
        self,
        peer: peers.Peer,
        python: Path,
        region: Measured | None = None,
        full: Measured | None = None,
    ) -> None:
        """open-mastr's bulk parse of the zip, checked row by row, with speed-ups if given."""
        label = f"open-mastr {peer.release} bulk parse (Python {peer.python})"
        self.console.print(f"[{self.n:,}] {label} …")
        env = dict(os.environ, OUTPUT_PATH=str(WORK_DIR / f"openmastr-home-{peer.release}"))
        script = str(BENCH_DIR / "openmastr_probe.py")
        out_dir = str(self.path.parent / f"openmastr-{peer.release}-{os.getpid()}")
        try:
            m = measure([str(python), script, str(self.path), out_dir], env=env)
        except RuntimeError as exc:
            self.rows.append(Row(label, self.n, None, None, f"FAILED: {exc}"))
            return
        written = m.output.get("rows") or {}
        units, wrong = peers.row_check(peers.expected_rows(self.n), written)  # type: ignore[arg-type]
        if wrong:
            self.rows.append(
                _row(label, self.n, m, f"FAILED, rows written != records in the zip: {wrong}")
            )
            return
        note = f"{units:,} units written to SQLite (= the zip)"
        for name, ours in (("region build", region), ("full build", full)):
            if ours is not None and ours.seconds and ours.cpu_seconds:
                note += (
                    f"; {name} {m.seconds / ours.seconds:.1f}x faster "
                    f"(CPU {m.cpu_seconds / ours.cpu_seconds:.1f}x)"
                )
        self.rows.append(_row(label, self.n, m, note))


def run_size(n: int, console: Console, skip_openmastr: bool, openmastr_max: int) -> list[Row]:
    """All measurements for one zip size."""
    started = time.perf_counter()
    cached = generate.zip_path(WORK_DIR, n).exists()
    path = generate.generate(WORK_DIR, n)
    size_mb = path.stat().st_size / 2**20
    run = SizeRun(path, n, console)
    run.rows.append(
        Row(
            f"generate zip {n:,}",
            n,
            None if cached else time.perf_counter() - started,
            None,
            f"{'cached, ' if cached else ''}{size_mb:,.0f} MB zipped; "
            f"{generate.region_share(n) * n:,.0f} units in {REGION} expected",
        )
    )
    floor = run.floor()
    run.step(f"region build ({REGION})", "build", REGION, floor)
    run.step(f"  of which reader only ({REGION})", "read", REGION, floor)
    floor = run.floor()
    run.step("full build (Germany)", "build", "", floor)
    run.step("  of which reader only (Germany)", "read", "", floor)
    for peer in peers.PEERS:
        label = f"open-mastr {peer.release} bulk parse (Python {peer.python})"
        if skip_openmastr:
            run.rows.append(Row(label, n, None, None, "n/a: --skip-openmastr"))
        elif n > openmastr_max:
            why = f"n/a: not run above {openmastr_max:,} units (--openmastr-max-units)"
            run.rows.append(Row(label, n, None, None, why))
        else:
            run.peer(peer)
    return run.rows


def _fmt(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def render(rows: list[Row]) -> tuple[Table, str]:
    """The rich table and the same as Markdown."""
    headers = [
        "step",
        "units",
        "load",
        "wall s",
        "CPU s",
        "units/s",
        "peak RSS MB",
        "peak PSS MB",
        "note",
    ]
    table = Table(title="ETL benchmark (MaStR bulk export)")
    for h in headers:
        table.add_column(h, justify="left" if h in ("step", "note") else "right")
    md = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in rows:
        cells = [
            r.step,
            _fmt(r.units, ","),
            _fmt(r.load, ".1f"),
            _fmt(r.seconds, ".2f"),
            _fmt(r.cpu_seconds, ".2f"),
            _fmt(r.units_per_s, ",.0f"),
            _fmt(r.peak_rss_mb, ",.0f"),
            _fmt(r.peak_pss_mb, ",.0f"),
            r.note,
        ]
        table.add_row(*cells)
        md.append("| " + " | ".join(cells) + " |")
    return table, "\n".join(md)


def _commit() -> str:
    done = subprocess.run(
        ["git", "-C", str(BENCH_DIR.parent), "log", "-1", "--format=%h %cs"],
        capture_output=True,
        text=True,
    )
    dirty = subprocess.run(
        ["git", "-C", str(BENCH_DIR.parent), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
    )
    commit = done.stdout.strip() or "unknown"
    return commit + (" + uncommitted changes" if dirty.stdout.strip() else "")


def append_history(path: Path, section: str) -> None:
    """Append one run's section to the results file; earlier runs are kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.exists() else "# ETL benchmark\n"
    path.write_text(old.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n", encoding="utf-8")


def run(
    sizes: list[int],
    *,
    skip_openmastr: bool = False,
    openmastr_max_units: int = 1_000_000,
    console: Console | None = None,
) -> Table:
    """Run the ETL benchmark for ``sizes``; print and return the table, append the Markdown.

    open-mastr is run up to ``openmastr_max_units`` (at 6 million units it takes
    about 40 minutes and more than 2 GB per release).
    """
    console = console or Console()
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    load_before = os.getloadavg()[0]
    rows: list[Row] = []
    for n in sizes:
        rows.extend(run_size(n, console, skip_openmastr, openmastr_max_units))
    table, md = render(rows)
    console.print(table)
    machine = (
        f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
        f"load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after the run"
    )
    append_history(
        RESULTS,
        f"## Run of {started}, commit {_commit()}\n\n"
        f"`python -m bench` ({machine}, Python {sys.version.split()[0]}). Wall time around a "
        "fresh process; peak RSS and PSS summed over the process and its workers; `load` is "
        "the 1-minute load average just before the step; ratios compare neighbouring runs. "
        f"{TARGETS}\n\n" + md,
    )
    console.print(f"appended to {RESULTS}")
    return table
