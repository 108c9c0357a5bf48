"""LoginThrottle: repeated failures lock a login out for a while, longer each time;
LoginGuard: a busy address slows guessing without locking anyone out; client addresses."""
from __future__ import annotations

import pytest

from profilerepo.security.throttle import (
    LoginGuard,
    LoginThrottle,
    client_address,
    trusted_proxies,
)

LOGIN = "login:gina"
ADDRESS = "addr:10.0.0.7"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttle(clock) -> LoginThrottle:
    return LoginThrottle(limit=3, window=900.0, lockout=60.0, clock=clock)


def fail(throttle: LoginThrottle, times: int, *keys: str) -> None:
    for _ in range(times):
        throttle.failed(*(keys or (LOGIN,)))


def test_failures_below_the_limit_do_not_lock(throttle):
    fail(throttle, 2)
    assert throttle.wait_seconds(LOGIN) == 0


def test_reaching_the_limit_locks_for_the_lockout(throttle):
    fail(throttle, 3)
    assert throttle.wait_seconds(LOGIN) == 60


def test_a_lockout_only_holds_back_the_key_that_failed(throttle):
    fail(throttle, 3)
    assert throttle.wait_seconds("login:cora") == 0


def test_the_wait_shown_counts_down_in_whole_seconds_rounded_up(throttle, clock):
    fail(throttle, 3)
    clock.advance(20.5)
    assert throttle.wait_seconds(LOGIN) == 40
    clock.advance(39.4)
    assert throttle.wait_seconds(LOGIN) == 1
    clock.advance(0.1)
    assert throttle.wait_seconds(LOGIN) == 0


def test_the_longest_wait_of_several_keys_is_shown(throttle, clock):
    fail(throttle, 3, ADDRESS)
    clock.advance(30)
    fail(throttle, 3, LOGIN)
    assert throttle.wait_seconds(LOGIN, ADDRESS) == 60
    assert throttle.wait_seconds(ADDRESS) == 30


def test_failures_older_than_the_window_are_forgotten(throttle, clock):
    fail(throttle, 2)
    clock.advance(900)
    fail(throttle, 1)
    assert throttle.wait_seconds(LOGIN) == 0
    fail(throttle, 1)
    assert throttle.wait_seconds(LOGIN) == 0, "two recent failures are still under the limit"
    fail(throttle, 1)
    assert throttle.wait_seconds(LOGIN) == 60


def test_each_further_lockout_doubles(throttle, clock):
    waits = []
    for _ in range(4):
        fail(throttle, 3)
        waits.append(throttle.wait_seconds(LOGIN))
        clock.advance(waits[-1])
        assert throttle.wait_seconds(LOGIN) == 0
    assert waits == [60, 120, 240, 480]


def test_lockouts_stop_doubling_at_an_hour(throttle, clock):
    waits = []
    for _ in range(8):
        fail(throttle, 3)
        waits.append(throttle.wait_seconds(LOGIN))
        clock.advance(waits[-1])
    assert waits == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def test_success_clears_the_login_lockout_and_its_strikes(throttle, clock):
    fail(throttle, 3, LOGIN, ADDRESS)
    clock.advance(60)
    fail(throttle, 3, LOGIN, ADDRESS)
    assert throttle.wait_seconds(LOGIN) == 120
    throttle.succeeded(LOGIN)
    assert throttle.wait_seconds(LOGIN) == 0
    assert throttle.wait_seconds(ADDRESS) == 120, "the address keeps its lockout"
    fail(throttle, 3, LOGIN)
    assert throttle.wait_seconds(LOGIN) == 60, "a fresh start: back to the first lockout"


def test_success_clears_failures_counted_so_far(throttle):
    fail(throttle, 2)
    throttle.succeeded(LOGIN)
    fail(throttle, 2)
    assert throttle.wait_seconds(LOGIN) == 0


def test_a_busy_address_slows_each_login_tried_there_until_it_calms_down(clock):
    guard = LoginGuard(login_attempts=3, address_attempts=4, lockout=60.0, clock=clock)
    for number in range(4):
        guard.failed(f"made-up-{number}", ADDRESS)
    assert guard.wait_seconds("gina", ADDRESS) == 0, "a busy address locks nobody out"
    guard.failed("gina", ADDRESS)
    assert guard.wait_seconds("gina", ADDRESS) == 60, "one try per login from there"
    assert guard.wait_seconds("gina", "addr:10.0.0.8") == 0, "gina elsewhere is not held"
    clock.advance(61)
    guard.failed("cora", ADDRESS)
    assert guard.wait_seconds("cora", ADDRESS) == 0, "the address is no longer busy"


TRUSTED = trusted_proxies("10.0.0.1, 192.168.5.0/24 ::1")

# (REMOTE_ADDR, X-Forwarded-For) -> the address failures are counted under
CLIENT_ADDRESSES = [
    (("198.51.100.9", ""), "198.51.100.9"),
    (("198.51.100.9", "203.0.113.1"), "198.51.100.9"),  # not from a trusted proxy
    (("10.0.0.1", ""), "10.0.0.1"),
    (("10.0.0.1", "203.0.113.1"), "203.0.113.1"),
    (("10.0.0.1", "6.6.6.6, 203.0.113.1"), "203.0.113.1"),  # the client wrote 6.6.6.6
    (("10.0.0.1", "203.0.113.1, 192.168.5.7"), "203.0.113.1"),  # two proxies
    (("::1", "2001:db8::5"), "2001:db8::5"),
    (("10.0.0.1", "not an address"), "10.0.0.1"),
    (("10.0.0.1", "203.0.113.1, rubbish"), "10.0.0.1"),
]


@pytest.mark.parametrize("remote, forwarded, expected",
                         [(*given, expected) for given, expected in CLIENT_ADDRESSES])
def test_the_client_address_believes_forwarded_for_only_from_trusted_proxies(
        remote, forwarded, expected):
    environ = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_address(environ, TRUSTED) == expected
    assert client_address(environ, ()) == remote, "without the setting: REMOTE_ADDR only"


def test_a_mistyped_trusted_proxy_setting_names_the_setting():
    with pytest.raises(ValueError, match="profilerepo.trusted_proxy"):
        trusted_proxies("10.0.0.300")
