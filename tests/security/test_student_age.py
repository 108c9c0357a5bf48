"""From 16 a student edits their own learner profile; younger students read it."""
from __future__ import annotations

import datetime

import pytest
import transaction

from profilerepo.content.student import Student
from tests.conftest import login


def set_birth_date(world, born: datetime.date) -> None:
    site = world.site()
    site["students"]["s1"].birth_date = born
    transaction.commit()
    world.close()


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = datetime.date.today()
    try:
        date = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        date = today.replace(year=today.year - years, day=28)
    return date + datetime.timedelta(days=days)


@pytest.mark.parametrize("born, can_edit", [
    (years_ago(15), False),
    (years_ago(16, days=1), False),  # turns 16 tomorrow
    (years_ago(16), True),           # 16 today
    (years_ago(17), True),
])
def test_the_student_edits_the_profile_from_16(world, born, can_edit):
    set_birth_date(world, born)
    app = world.app
    login(app, "sam")
    status = app.get("/students/s1/profile/edit", status="*").status_int
    assert status == (200 if can_edit else 403)
    profile = app.get("/students/s1/profile").text
    assert ("/students/s1/profile/edit" in profile) is can_edit
    # Age changes nothing else: the portfolio is theirs to add to, the plan is read-only.
    assert app.get("/students/s1/portfolio/add").status_int == 200
    assert app.get("/students/s1/plan/edit", status="*").status_int == 403


def test_age_in_whole_years():
    student = Student.__new__(Student)
    student.birth_date = datetime.date(2010, 3, 15)
    assert student.age(datetime.date(2026, 3, 14)) == 15
    assert student.age(datetime.date(2026, 3, 15)) == 16
    student.birth_date = None
    assert student.age(datetime.date(2026, 3, 15)) == 0
