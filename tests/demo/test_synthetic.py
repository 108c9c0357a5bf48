"""The synthetic district: deterministic, consistent, realistic enough to demo and load-test."""
from __future__ import annotations

import datetime
import inspect
import re
from collections import Counter

import pytest

from profilerepo.demo.synthetic import District

LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def staff_at(district, school_id, role):
    return {person.login for person in district.staff
            if person.school_id == school_id and person.role == role}


def test_same_seed_gives_equal_districts(today):
    first, second = (District(students=60, seed=7, today=today) for _ in range(2))
    assert first.schools == second.schools
    assert first.staff == second.staff
    assert first.contributors == second.contributors
    assert list(first.students()) == list(second.students())


def test_student_at_index_equals_the_one_streamed_in_any_order(today):
    district = District(students=80, seed=11, today=today)
    streamed = list(district.students())
    for index in (79, 0, 41, 40, 3, 2, 1, 78):
        assert district.student(index) == streamed[index]
    assert District(students=80, seed=11, today=today).student(42) == streamed[42]


def test_different_seeds_give_different_districts(today):
    first = District(students=40, seed=1, today=today)
    second = District(students=40, seed=2, today=today)
    assert first.staff != second.staff
    assert [s.given_name for s in first.students()] != [s.given_name for s in second.students()]


def test_students_are_streamed_lazily(today):
    district = District(students=1_000_000, seed=3, today=today)
    stream = district.students()
    assert inspect.isgenerator(stream)
    assert next(stream).id == "stu-000000"
    assert district.student(999_999).id == "stu-999999"
    with pytest.raises(IndexError):
        district.student(1_000_000)


def test_schools_and_staff_follow_the_scale_rules(district):
    levels = Counter(school.level for school in district.schools)
    assert len(district.schools) == 4 and set(levels) == {"elementary", "middle", "high"}
    assert len(district.contributors) == 2000 // 40 + 3
    district_admins = [p for p in district.staff if p.role == "administrator" and not p.school_id]
    assert len(district_admins) == 2
    for school in district.schools:
        assert len(staff_at(district, school.id, "administrator")) == 1
        assert staff_at(district, school.id, "counselor")
        teachers = [p for p in district.staff if p.school_id == school.id and p.role == "teacher"]
        if school.level == "elementary":
            assert school.grades == ("K", "1", "2", "3", "4", "5")
            subjects = {teacher.subject for teacher in teachers}
            assert {f"Grade {grade}" for grade in school.grades} <= subjects
            assert "Art" in subjects
        else:
            assert len(teachers) >= 6 and all(teacher.subject for teacher in teachers)


def test_logins_are_unique_across_the_district(district, students):
    people = [p.login for p in district.staff] + [p.login for p in district.contributors]
    assert len(people) == len(set(people))
    student_logins = [s.login for s in students if s.login]
    assert len(student_logins) == len(set(student_logins))
    guardians = {}
    for student in students:
        for guardian in student.guardians:
            assert guardians.setdefault(guardian.login, guardian) == guardian
    assert not set(people) & set(student_logins)
    assert not (set(people) | set(student_logins)) & set(guardians)
    assert all(LOGIN.match(login) for login in [*people, *student_logins, *guardians])


def test_students_are_served_by_staff_of_their_school(district, students):
    contributors = {p.login for p in district.contributors}
    subject = {p.login: p.subject for p in district.staff}
    for student in students:
        school_teachers = staff_at(district, student.school_id, "teacher")
        assert student.counselor_login in staff_at(district, student.school_id, "counselor")
        assert set(student.teacher_logins) <= school_teachers
        if student.grade in ("K", "1", "2", "3", "4", "5"):
            assert 1 <= len(student.teacher_logins) <= 2
            assert subject[student.teacher_logins[0]] == f"Grade {student.grade}"
        else:
            assert 4 <= len(student.teacher_logins) <= 6
        assert set(student.contributor_logins) <= contributors
        assert {n.author_login for n in student.narratives} <= set(student.teacher_logins)
        team = set(student.plan.team)
        assert {student.counselor_login, *student.teacher_logins} <= team
        assert {guardian.login for guardian in student.guardians} <= team
        for goal in student.plan.goals:
            assert set(goal.responsible) <= school_teachers | {student.counselor_login}
            assert {point.recorded_by for point in goal.data_points} <= set(goal.responsible)


def test_siblings_share_the_same_guardians(students):
    siblings = [(a, b) for a, b in zip(students, students[1:], strict=False)
                if a.guardians[0].login == b.guardians[0].login]
    assert len(siblings) > 100
    for older, younger in siblings:
        assert older.guardians is younger.guardians
        assert older.grade != younger.grade
    assert all(1 <= len(s.guardians) <= 2 for s in students)


def test_identity_and_grades(students):
    grades = Counter(student.grade for student in students)
    assert set(grades) == {"K", *map(str, range(1, 13))}
    assert all(80 <= count <= 230 for count in grades.values())
    for index, student in enumerate(students):
        assert student.index == index and student.id == f"stu-{index:06d}"
        assert (student.login is None) == (student.grade in ("K", "1", "2"))
        assert student.preferred_name != student.given_name
    assert 0.05 < sum(bool(s.preferred_name) for s in students) / len(students) < 0.25


def check_dates(student, today):
    assert student.birth_date < student.entry_date <= today
    assert all(support.start <= support.end for support in student.plan.supports)
    for goal in student.plan.goals:
        days = [point.date for point in goal.data_points]
        assert days == sorted(set(days)) and days[0] == goal.baseline_date
        assert goal.baseline_date < goal.target_date and days[-1] <= today
        assert goal.data_points[0].value == goal.baseline_value
    dated = [*student.narratives, *student.portfolio, *student.transcript.assessments]
    assert all(item.date <= today for item in dated)


def test_dates_are_valid(students, today):
    for student in students:
        check_dates(student, today)
        assert student.plan.period_start <= today <= student.plan.period_end


@pytest.mark.parametrize("day", ["2026-08-24", "2026-09-01", "2027-01-18", "2027-02-28",
                                 "2027-06-11", "2027-07-04", "2027-08-20"])
def test_dates_are_valid_on_any_day_of_the_year(day):
    today = datetime.date.fromisoformat(day)
    district = District(students=120, seed=5, today=today)
    for student in district.students():
        check_dates(student, today)
        assert student.plan.period_start <= today


def test_profile_is_strengths_first_and_in_the_students_voice(students):
    for student in students[:300]:
        profile = student.profile
        assert (student.preferred_name or student.given_name) in profile.strengths
        assert profile.my_goals.startswith("I ")
        assert all((profile.interests, profile.motivations, profile.needs,
                    profile.preferences, profile.learns_best))
    assert len({s.profile.strengths for s in students[:300]}) == 300


def test_generation_is_fast_enough(timed_students):
    _, seconds = timed_students
    assert seconds < 8.0, f"2000 students took {seconds:.1f} s"
