"""The refresh log: one JSON line per step, in ``<processed>/logs/refresh-YYYYMMDD.jsonl``.

Every line carries the run id, the step, its status (``ok``, ``skipped``,
``failed``), its duration and the step's figures; the last line of a run is
the step ``result`` with the outcome, the exit code and the peak memory. A
monitor alerts on ``"step": "result"`` lines whose ``exit_code`` is not 0 or
10 (see ``docs/operations.md``).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

LOG_DIR = "logs"
#: Daily log files kept (older ones are deleted when a run starts).
KEEP_LOG_FILES = 90


def peak_rss_mb() -> float:
    """Peak resident memory of this process and of its finished children (MB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)  # ru_maxrss is KiB on Linux


class RunLog:
    """Append the lines of one run to the day's log file."""

    def __init__(self, processed_dir: Path, *, write: bool = True) -> None:
        now = datetime.now(UTC)
        self.run_id = now.strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"
        self.dir = processed_dir / LOG_DIR
        self.path = self.dir / f"refresh-{now:%Y%m%d}.jsonl"
        self.write = write
        self.started = time.perf_counter()
        self.lines: list[dict[str, object]] = []
        if write:
            self.dir.mkdir(parents=True, exist_ok=True)
            for old in sorted(self.dir.glob("refresh-*.jsonl"))[:-KEEP_LOG_FILES]:
                old.unlink(missing_ok=True)

    def line(
        self, step: str, status: str = "ok", duration_s: float = 0.0, **figures: object
    ) -> None:
        """Write one line (``figures`` must be JSON-serialisable)."""
        record: dict[str, object] = {
            "ts": datetime.now(UTC).isoformat(timespec="seconds"),
            "run": self.run_id,
            "step": step,
            "status": status,
            "duration_s": round(duration_s, 3),
            **figures,
        }
        self.lines.append(record)
        if self.write:
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    @contextmanager
    def step(self, name: str, **figures: object) -> Iterator[dict[str, object]]:
        """Time a step; the yielded dict collects its figures. A raised error logs ``failed``."""
        started = time.perf_counter()
        found: dict[str, object] = dict(figures)
        try:
            yield found
        except BaseException as exc:
            status = str(found.pop("status", "failed"))
            self.line(name, status, time.perf_counter() - started, error=str(exc), **found)
            raise
        status = str(found.pop("status", "ok"))
        self.line(name, status, time.perf_counter() - started, **found)

    def result(self, outcome: str, exit_code: int, message: str, **figures: object) -> None:
        """The run's last line: outcome, exit code, total duration and peak memory."""
        self.line(
            "result",
            "ok" if exit_code in (0, 10) else "failed",
            time.perf_counter() - self.started,
            outcome=outcome,
            exit_code=exit_code,
            message=message,
            peak_rss_mb=peak_rss_mb(),
            **figures,
        )
