"""A school's roster: counts by grade, pages in name order, and moves between schools."""
from __future__ import annotations

import datetime

import transaction

from profilerepo.content.student import new_student, update_student
from tests.conftest import ENGINE, login

BASE = {"birth_date": datetime.date(2013, 3, 4), "entry_date": datetime.date(2020, 8, 20)}


def add(site, sid, given, family, grade="7", school="north"):
    return new_student(site, {**BASE, "given_name": given, "family_name": family,
                              "grade": grade, "school": school}, "setup", engine=ENGINE,
                       student_id=sid)


def test_the_roster_counts_by_grade_and_pages_in_name_order(world):
    site = world.site()
    for n, family in enumerate(("Zhou", "Abara", "Moreau", "Ng", "Okafor")):
        add(site, f"x{n}", "Sam", family)
    north = site["schools"]["north"]
    assert dict(north.grade_counts()) == {"6": 0, "7": 6, "8": 1}
    first = [site["students"][i].family_name for i in north.student_ids("7", 0, 3)]
    rest = [site["students"][i].family_name for i in north.student_ids("7", 3, 3)]
    assert first + rest == ["Abara", "Lopez", "Moreau", "Ng", "Okafor", "Zhou"]
    transaction.abort()
    world.close()


def test_renaming_or_moving_a_student_keeps_the_rosters_right(world):
    site = world.site()
    student = site["students"]["s1"]
    update_student(site, student, {"family_name": "Aaron"}, "ada")
    north, south = site["schools"]["north"], site["schools"]["south"]
    assert north.student_ids("7")[0] == "s1"
    ended = update_student(site, student, {"school": "south", "grade": "6"}, "ada")
    assert "s1" not in north.student_ids() and "s1" in south.student_ids("6")
    assert dict(north.grade_counts())["7"] == 0
    assert sorted(ended) == ["cora", "theo"], "north staff lose their roles"
    assert sorted(p for p in student.local_roles) == [
        "user:gina", "user:sam"], "family and student stay"
    assert {g.login for g in student.grants} == {"toby"}, "the family's grants stay"
    assert [s.school_id for s in student.school_history] == ["north"]
    transaction.commit()
    world.close()
    assert login(world.app, "theo").status_int == 303
    assert world.app.get("/students/s1/", status="*").status_int == 404
