"""The district clock: today is the district's calendar day (its ``profilerepo.timezone``),
with or without a request at hand, and UTC where no application is configured."""
from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from pyramid import testing

from profilerepo import clock
from profilerepo.content.student import Student

# Fourteen hours ahead of UTC and eleven behind: on most of the clock's hours the two
# districts are on different calendar days, so a server's day would be wrong for one.
KIRITIMATI, PAGO_PAGO = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")


@pytest.fixture
def district():
    """A configured application's registry, the current one while the test runs."""
    config = testing.setUp()
    config.registry.timezone = KIRITIMATI
    yield config.registry
    testing.tearDown()


def around(zone, ask) -> bool:
    """Whether ``ask()`` gives today in ``zone`` (asked before and after it, at midnight)."""
    before = datetime.datetime.now(zone).date()
    answer = ask()
    return answer in {before, datetime.datetime.now(zone).date()}


def test_today_is_the_registrys_district_day():
    registry = testing.DummyResource(timezone=PAGO_PAGO)
    assert clock.district_zone(registry) is PAGO_PAGO
    assert around(PAGO_PAGO, lambda: clock.today(registry))


def test_domain_code_without_a_request_reads_the_current_registry(district):
    assert clock.district_zone() is KIRITIMATI
    assert around(KIRITIMATI, clock.today)


def test_without_an_application_the_clock_is_utc():
    assert clock.district_zone() is datetime.UTC
    assert around(datetime.UTC, clock.today)


def test_a_zone_already_looked_up_wins():
    assert around(PAGO_PAGO, lambda: clock.today(zone=PAGO_PAGO))
    assert clock.now(zone=PAGO_PAGO).tzinfo is PAGO_PAGO


def test_a_stored_moment_falls_on_the_districts_day():
    moment = datetime.datetime(2026, 12, 4, 20, 0, tzinfo=datetime.UTC)
    assert clock.day_of(moment, testing.DummyResource(timezone=KIRITIMATI)) == \
        datetime.date(2026, 12, 5)
    assert clock.day_of(moment, testing.DummyResource(timezone=PAGO_PAGO)) == \
        datetime.date(2026, 12, 4)


def test_a_students_birthday_turns_at_the_districts_midnight(district):
    student = Student.__new__(Student)
    today = clock.today()
    student.birth_date = today.replace(year=today.year - 16) if (today.month, today.day) != \
        (2, 29) else today.replace(year=today.year - 16, day=28)
    assert student.age() == 16 or clock.today() != today  # (unless midnight passed meanwhile)
