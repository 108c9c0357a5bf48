"""Slows password guessing: after repeated failures a login waits before trying again.

Failures are counted per login and per client address, in this process.
(Several servers behind a balancer each keep their own count; a shared
store is the step when that matters.)
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable


class LoginThrottle:
    """Allow ``limit`` failures within ``window`` seconds, then lock for ``lockout``
    seconds, doubling with each further lockout up to an hour."""

    def __init__(self, limit: int = 5, window: float = 900.0, lockout: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.lockout = lockout
        self.clock = clock
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    max_keys = 100_000  # beyond this many remembered keys, the stale ones are dropped

    def _forget_old(self, now: float) -> None:
        """Drop failures outside the window and lockouts long over (under the lock)."""
        self._failures = {k: [t for t in v if now - t < self.window]
                          for k, v in self._failures.items()}
        self._failures = {k: v for k, v in self._failures.items() if v}
        self._locked_until = {k: (until, strikes)
                              for k, (until, strikes) in self._locked_until.items()
                              if until + self.window > now}

    def wait_seconds(self, *keys: str) -> int:
        """Seconds until any of ``keys`` may try again (0 when allowed now)."""
        now = self.clock()
        with self._lock:
            waits = [self._locked_until.get(k, (0.0, 0))[0] - now for k in keys]
        return max(0, int(max(waits, default=0) + 0.999))

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                recent = [t for t in self._failures.get(key, []) if now - t < self.window]
                recent.append(now)
                self._failures[key] = recent
                if len(recent) >= self.limit:
                    _, strikes = self._locked_until.get(key, (0.0, 0))
                    delay = min(self.lockout * (2 ** strikes), 3600.0)
                    self._locked_until[key] = (now + delay, strikes + 1)
                    self._failures[key] = []
            if len(self._failures) + len(self._locked_until) > self.max_keys:
                self._forget_old(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
                self._locked_until.pop(key, None)
