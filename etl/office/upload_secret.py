"""Slow down guessing of the upload secret: exponential waits per session and client address.

After ``n`` consecutive wrong attempts under a key, the next attempt under that
key is accepted only :func:`delay_after` ``(n)`` seconds after the last one
(1, 2, 4, 8 … s, at most :data:`MAX_SECONDS`); an attempt made earlier is not
even compared. The keys are the browser session and the client's address
(the socket peer, never a spoofable ``X-Forwarded-For``), so neither a new
session nor a second browser on the same machine starts again at zero. A
right secret clears the keys. Behind a reverse proxy all clients share one
address: a guesser then also delays the others, which is the safer failure.
State lives in this process (one dashboard server) and is forgotten after
:data:`FORGET_SECONDS` without a failure.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from etl.office.upload import secret_ok

#: Wait after the first wrong attempt (seconds); it doubles with every further one.
BASE_SECONDS = 1.0
#: Longest wait between two attempts.
MAX_SECONDS = 15 * 60.0
#: A key without a failure for this long starts again at zero.
FORGET_SECONDS = 24 * 3600.0


def delay_after(failures: int) -> float:
    """Seconds until the next attempt after ``failures`` consecutive wrong ones."""
    if failures <= 0:
        return 0.0
    return min(BASE_SECONDS * 2.0 ** (failures - 1), MAX_SECONDS)


@dataclass(frozen=True)
class Attempt:
    """The outcome of one attempt: accepted, compared at all, and the wait until the next."""

    ok: bool
    checked: bool
    wait_seconds: float


class SecretThrottle:
    """Failures and last failure time per key (see module docstring)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}

    def _wait(self, keys: list[str], now: float) -> float:
        waits = [0.0]
        for key in keys:
            n, last = self._failures.get(key, (0, now))
            waits.append(last + delay_after(n) - now)
        return max(waits)

    def wait_seconds(self, keys: Iterable[str]) -> float:
        """Seconds until an attempt under ``keys`` is compared again (0: now)."""
        with self._lock:
            return max(0.0, self._wait(list(keys), self._clock()))

    def attempt(
        self, keys: Iterable[str], given: str | None, environ: dict | None = None
    ) -> Attempt:
        """Compare ``given`` with the secret unless a wait under any of ``keys`` is due."""
        keys = [k for k in keys if k]
        with self._lock:
            now = self._clock()
            self._forget(now)
            wait = self._wait(keys, now)
            if wait > 0:
                return Attempt(False, False, wait)
            if secret_ok(given, environ):
                for key in keys:
                    self._failures.pop(key, None)
                return Attempt(True, True, 0.0)
            for key in keys:
                n, _ = self._failures.get(key, (0, now))
                self._failures[key] = (n + 1, now)
            return Attempt(False, True, self._wait(keys, now))

    def _forget(self, now: float) -> None:
        old = [k for k, (_, last) in self._failures.items() if now - last > FORGET_SECONDS]
        for key in old:
            del self._failures[key]


#: The one throttle of the dashboard server.
THROTTLE = SecretThrottle()
