"""Worker processes that read members in parallel (both cores of the target machine)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from etl.readers.mastr_bulk.scan import MemberResult, MemberTask, scan_member


class WorkerPool:
    """A few plain worker processes reading members (``python -c … worker_main()``).

    Workers are started as fresh interpreters that import only this module (no
    pandas, no DuckDB, and never the caller's main script), so each stays small.
    Tasks and results travel pickled over the workers' stdin/stdout.
    """

    def __init__(self, n: int) -> None:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        cmd = [
            sys.executable,
            "-c",
            "from etl.readers.mastr_bulk.pool import worker_main; worker_main()",
        ]
        self.procs = [
            subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            for _ in range(max(1, n))
        ]

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:  # a failed build does not wait for members still being read
            for p in self.procs:
                p.kill()
        for p in self.procs:
            try:
                if p.stdin:
                    p.stdin.close()
            except OSError:
                pass
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def map_ordered(self, tasks: list[MemberTask]) -> Iterator[MemberResult]:
        """Run ``tasks`` on the workers; yield results in task order (one task per worker)."""
        queue = list(tasks)
        inflight: list[subprocess.Popen[bytes]] = []
        idle = list(self.procs)
        while queue or inflight:
            while queue and idle:
                proc = idle.pop(0)
                assert proc.stdin is not None
                pickle.dump(queue.pop(0), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
                inflight.append(proc)
            proc = inflight.pop(0)
            assert proc.stdout is not None
            try:
                res = pickle.load(proc.stdout)
            except EOFError as exc:
                raise RuntimeError(
                    f"a MaStR reader worker process died (exit code {proc.poll()})"
                ) from exc
            idle.append(proc)
            yield res


def worker_main() -> None:
    """Entry point of a worker process: read tasks from stdin, write results to stdout."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            task = pickle.load(stdin)
        except EOFError:
            return
        pickle.dump(scan_member(task), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()
