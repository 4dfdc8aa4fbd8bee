"""Worker processes that read members in parallel (both cores of the target machine)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from queue import Queue

from etl.readers.mastr_bulk.outcome import MemberResult, MemberTask
from etl.readers.mastr_bulk.scan import scan_member

#: Tasks a worker holds at once (the one it reads and the next).
TASKS_AHEAD = 2


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
        """Run ``tasks`` on the workers; yield results in task order.

        Each worker holds up to :data:`TASKS_AHEAD` tasks, and the next task is
        sent before a result is handed on: while the caller types one member's
        rows, the worker is already reading the next member.
        """
        queue = deque(tasks)
        order: deque[subprocess.Popen[bytes]] = deque()  # the worker of each task sent

        def send() -> None:
            while queue:
                proc = min(self.procs, key=order.count)
                if order.count(proc) >= TASKS_AHEAD:
                    return
                assert proc.stdin is not None
                pickle.dump(queue.popleft(), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
                order.append(proc)

        send()
        while order:
            proc = order.popleft()
            assert proc.stdout is not None
            try:
                res = pickle.load(proc.stdout)
            except EOFError as exc:
                raise RuntimeError(
                    f"a MaStR reader worker process died (exit code {proc.poll()})"
                ) from exc
            send()
            yield res


def worker_main() -> None:
    """Entry point of a worker process: read tasks from stdin, write results to stdout.

    Tasks are taken off stdin by a thread as soon as they arrive, so the main
    process never blocks sending one while this worker writes a large result.
    """
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    tasks: Queue[MemberTask | None] = Queue()

    def receive() -> None:
        while True:
            try:
                tasks.put(pickle.load(stdin))
            except EOFError:
                tasks.put(None)
                return

    threading.Thread(target=receive, daemon=True).start()
    while (task := tasks.get()) is not None:
        pickle.dump(scan_member(task), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()
