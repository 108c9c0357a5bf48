"""Slows password guessing: after repeated failures a login waits before trying again.

Failures are counted in this process (several servers behind a balancer each keep their
own count; a shared store is the step when that matters) under three keys:

- the login, from any address: ``profilerepo.login_attempts`` failures lock it, even for
  the right password, for ``profilerepo.login_lockout_seconds``, doubling each time up to
  an hour. The login is counted as it is looked up (``normalise_login``), so padding or
  capitals reach the same count, never a fresh one.
- the client address: ``profilerepo.address_attempts`` failures make the address *busy*
  for a while (doubling like a login). A busy address locks nobody out: a whole school may
  share one address, so a person there who gives the right password for a login that is
  not itself locked still gets in. What changes is that each failure from a busy address
  locks that login at that address at once, so a guesser there gets one try per login per
  lockout instead of a login's full allowance.
- (address, login) pairs, counted only while the address is busy, as above.

What this cannot do without locking a school out is refuse the first try at each new
login from a busy address; a spray of one password over many logins is held back by the
per-login count and by how slowly one guess per login per lockout goes.

The client address is REMOTE_ADDR. Only when REMOTE_ADDR is one of the proxies named in
``profilerepo.trusted_proxy`` (addresses or networks, separated by spaces or commas) is
X-Forwarded-For believed: the client is its last address that is not a trusted proxy.
"""
from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable, Iterable

from pyramid.config import Configurator

# Longer than any login, so two logins never share a count; a junk login costs no more.
KEY_CHARS = 256

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


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


class LoginGuard:
    """The three counts of the module docstring, asked and told as one.

    ``login`` is the normalised login; ``address`` the client address."""

    def __init__(self, login_attempts: int = 5, address_attempts: int = 50,
                 lockout: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.by_login = LoginThrottle(limit=login_attempts, lockout=lockout, clock=clock)
        self.by_address = LoginThrottle(limit=address_attempts, lockout=lockout, clock=clock)
        self.from_busy_address = LoginThrottle(limit=1, lockout=lockout, clock=clock)

    def wait_seconds(self, login: str, address: str) -> int:
        """Seconds before ``login`` may be tried from ``address`` (0 when it may now)."""
        return max(self.by_login.wait_seconds(login[:KEY_CHARS]),
                   self.from_busy_address.wait_seconds(_pair(login, address)))

    def failed(self, login: str, address: str) -> None:
        if self.by_address.wait_seconds(address):
            self.from_busy_address.failed(_pair(login, address))
        self.by_login.failed(login[:KEY_CHARS])
        self.by_address.failed(address)

    def succeeded(self, login: str, address: str) -> None:
        """Clear the login's failures; the address keeps its own (or one account known to
        a guesser would wipe the count of everything else tried from there)."""
        self.by_login.succeeded(login[:KEY_CHARS])
        self.from_busy_address.succeeded(_pair(login, address))


def _pair(login: str, address: str) -> str:
    return f"{address} {login[:KEY_CHARS]}"


def trusted_proxies(setting: str | None) -> tuple[Network, ...]:
    """The networks of ``profilerepo.trusted_proxy``: addresses or networks, separated by
    spaces or commas."""
    parts = (setting or "").replace(",", " ").split()
    try:
        return tuple(ipaddress.ip_network(part, strict=False) for part in parts)
    except ValueError as error:
        raise ValueError(f"profilerepo.trusted_proxy: {error}") from None


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, proxies: Iterable[Network]) -> bool:
    return address is not None and any(address in network for network in proxies)


def client_address(environ: dict, proxies: tuple[Network, ...]) -> str:
    """The address a request came from: REMOTE_ADDR, or behind a trusted proxy the last
    X-Forwarded-For address that no trusted proxy added (a client can send the header
    itself, so the addresses it wrote come first and are never believed)."""
    remote = environ.get("REMOTE_ADDR") or "unknown"
    if not _trusted(_address(remote), proxies):
        return remote
    forwarded = [part for part in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")
                 if part.strip()]
    client = remote
    for part in reversed(forwarded):
        address = _address(part)
        if address is None:
            break  # not written by a proxy we trust: stop at the last address we believe
        client = str(address)
        if not _trusted(address, proxies):
            break
    return client


def includeme(config: Configurator) -> None:
    settings = config.get_settings()
    attempts = int(settings.get("profilerepo.login_attempts", 5))
    config.registry.login_guard = LoginGuard(
        login_attempts=attempts,
        # A whole school may share one public address: it may fail many more times.
        address_attempts=int(settings.get("profilerepo.address_attempts", attempts * 10)),
        lockout=float(settings.get("profilerepo.login_lockout_seconds", 60)),
    )
    config.registry.trusted_proxies = trusted_proxies(settings.get("profilerepo.trusted_proxy"))
