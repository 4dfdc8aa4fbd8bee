"""The upload secret: wrong attempts wait exponentially longer, per session and per address."""

from __future__ import annotations

from itertools import pairwise

from etl.office.upload import SECRET_ENV
from etl.office.upload_secret import MAX_SECONDS, SecretThrottle, delay_after

ENV = {SECRET_ENV: "richtig"}


def test_each_wrong_attempt_waits_longer_than_the_one_before() -> None:
    waits = [delay_after(n) for n in range(1, 21)]
    assert delay_after(0) == 0.0
    assert waits[:5] == [1.0, 2.0, 4.0, 8.0, 16.0]
    assert all(b > a for a, b in pairwise(waits) if a < MAX_SECONDS)
    assert max(waits) == MAX_SECONDS  # 15 minutes at most


def test_throttle_refuses_to_compare_before_the_wait_is_over() -> None:
    now = [0.0]
    throttle = SecretThrottle(clock=lambda: now[0])
    keys = ["session:a", "ip:10.0.0.1"]
    first = throttle.attempt(keys, "falsch", ENV)
    assert first.checked and not first.ok and first.wait_seconds == 1.0
    early = throttle.attempt(keys, "richtig", ENV)  # the right secret, too early
    assert not early.checked and not early.ok
    now[0] += 1.0
    second = throttle.attempt(keys, "falsch", ENV)
    assert second.checked and second.wait_seconds == 2.0 > first.wait_seconds
    # a new session from the same address waits too; another address does not
    assert throttle.wait_seconds(["session:b", "ip:10.0.0.1"]) == 2.0
    assert throttle.wait_seconds(["session:c", "ip:10.0.0.2"]) == 0.0
    now[0] += 2.0
    assert throttle.attempt(keys, "richtig", ENV).ok
    assert throttle.wait_seconds(keys) == 0.0  # the right secret clears the keys


def test_twenty_guesses_take_hours_not_seconds() -> None:
    now = [0.0]
    throttle = SecretThrottle(clock=lambda: now[0])
    waited = []
    for i in range(20):
        wait = throttle.wait_seconds(["session:x", "ip:1.2.3.4"])
        now[0] += wait
        waited.append(wait)
        assert throttle.attempt(["session:x", "ip:1.2.3.4"], f"guess{i}", ENV).checked
    assert waited[1] < waited[2] < waited[3]
    assert sum(waited) > 2.5 * 3600  # 20 guesses at 0.37 s each used to take 7.4 s
