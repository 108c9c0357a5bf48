"""The district clock as a fixture: every test here runs on a fixed day (1 September 2026,
in the district's zone) and moves it forward by whole days; the machine's date is never
asked. (``profilerepo.clock.now`` is what every "today" of the product reads: ages, due
dates, the family's rights at 18.)"""
from __future__ import annotations

import datetime

import pytest
import transaction

from profilerepo import clock
from profilerepo.family_requests.model import (
    AmendmentRequest,
    InspectionRequest,
    add_request,
    moment,
)

START = datetime.datetime(2026, 9, 1, 15, 0, tzinfo=datetime.UTC)
S1 = "/students/s1/"


class DistrictClock:
    """A clock that stands still until a test moves it."""

    def __init__(self) -> None:
        self.moment = START

    def now(self, registry=None, *, zone=None) -> datetime.datetime:
        return self.moment.astimezone(zone or clock.district_zone(registry))

    def today(self) -> datetime.date:
        return self.now().date()

    def forward(self, days: int) -> None:
        self.moment += datetime.timedelta(days=days)


@pytest.fixture(autouse=True)
def district_clock(monkeypatch) -> DistrictClock:
    fixed = DistrictClock()
    monkeypatch.setattr(clock, "now", fixed.now)
    return fixed


def years_ago(today: datetime.date, years: int) -> datetime.date:
    """The birth date of someone who turned ``years`` a month before ``today``."""
    born = today - datetime.timedelta(days=31)
    return born.replace(year=born.year - years)


def set_age(world, student_id: str, years: int) -> None:
    """Make the student ``years`` old on the fixture clock's day."""
    site = world.site()
    today = clock.today()
    site["students"][student_id].birth_date = years_ago(today, years)
    transaction.commit()
    world.close()


def made_request(world, kind: str = "inspection", by: str = "gina",
                 document: str = "transcript", student_id: str = "s1") -> str:
    """A request made (through the domain, on the fixture clock) and committed; its URL."""
    site = world.site()
    student = site["students"][student_id]
    if kind == "inspection":
        made = InspectionRequest({"what": "", "how": "either"}, by, moment())
    else:
        made = AmendmentRequest(student[document], {
            "what_is_wrong": "The attendance is someone else's.",
            "why": "Maya was not absent in October."}, by, moment())
    add_request(student, made)
    url = f"/students/{student_id}/requests/{made.__name__}/"
    transaction.commit()
    world.close()
    return url
