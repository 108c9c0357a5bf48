"""The synthetic district: deterministic, consistent, realistic enough to demo and load-test."""
from __future__ import annotations

import datetime
import inspect
import re
import struct
import time
import zlib
from collections import Counter

import pytest

from profilerepo.demo.synthetic import District, GoalSpec

TODAY = datetime.date(2026, 11, 22)
LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
PERCENT_UNITS = ("percent", "(%)")


@pytest.fixture(scope="module")
def district() -> District:
    return District(students=2000, seed=2026, today=TODAY)


@pytest.fixture(scope="module")
def timed_students(district):
    started = time.perf_counter()
    students = list(district.students())
    return students, time.perf_counter() - started


@pytest.fixture(scope="module")
def students(timed_students):
    return timed_students[0]


def staff_at(district, school_id, role):
    return {person.login for person in district.staff
            if person.school_id == school_id and person.role == role}


def progress_status(goal: GoalSpec) -> str:
    """The product's rule, computed here independently: OLS trend and aim line."""
    points = [((point.date - goal.baseline_date).days, point.value) for point in goal.data_points]
    if len(points) < 3:
        return "not enough data"
    span = (goal.target_date - goal.baseline_date).days
    rise = goal.target_value - goal.baseline_value
    sign = 1 if goal.higher_is_better else -1

    def aim(day):
        return goal.baseline_value + rise * day / span

    behind = len(points) >= 4 and all(sign * (value - aim(day)) < 0 for day, value in points[-4:])
    n = len(points)
    mean_x = sum(day for day, _ in points) / n
    mean_y = sum(value for _, value in points) / n
    slope = (sum((day - mean_x) * (value - mean_y) for day, value in points)
             / sum((day - mean_x) ** 2 for day, _ in points))
    projected = mean_y + slope * (span - mean_x)
    misses = sign * (projected - goal.target_value) < 0
    return "at risk" if behind or misses else "on track"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a valid 8-bit RGB PNG, checking chunks, CRCs and pixel data."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    position, chunks, pixels = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        tag = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        assert zlib.crc32(tag + body) == crc
        chunks.append(tag)
        if tag == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert (depth, color) == (8, 2)
        elif tag == b"IDAT":
            pixels += body
        position += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND" and b"IDAT" in chunks
    assert len(zlib.decompress(pixels)) == height * (1 + 3 * width)
    return width, height


def check_pdf(data: bytes) -> None:
    """A PDF whose xref offsets each point at their 'N 0 obj'."""
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    start = int(re.search(rb"startxref\s+(\d+)\s+%%EOF", data).group(1))
    assert data[start:].startswith(b"xref")
    header = re.match(rb"xref\s+0 (\d+)\s+", data[start:])
    entries = data[start + header.end():].split(b"\n")[:int(header.group(1))]
    assert entries[0].startswith(b"0000000000 65535 f")
    for number, entry in enumerate(entries[1:], 1):
        assert data[int(entry[:10]):].startswith(b"%d 0 obj" % number)
    assert b"/Type /Page " in data and b"Tj" in data


def test_same_seed_gives_equal_districts():
    first, second = (District(students=60, seed=7, today=TODAY) for _ in range(2))
    assert first.schools == second.schools
    assert first.staff == second.staff
    assert first.contributors == second.contributors
    assert list(first.students()) == list(second.students())


def test_student_at_index_equals_the_one_streamed_in_any_order():
    district = District(students=80, seed=11, today=TODAY)
    streamed = list(district.students())
    for index in (79, 0, 41, 40, 3, 2, 1, 78):
        assert district.student(index) == streamed[index]
    assert District(students=80, seed=11, today=TODAY).student(42) == streamed[42]


def test_different_seeds_give_different_districts():
    first = District(students=40, seed=1, today=TODAY)
    second = District(students=40, seed=2, today=TODAY)
    assert first.staff != second.staff
    assert [s.given_name for s in first.students()] != [s.given_name for s in second.students()]


def test_students_are_streamed_lazily():
    district = District(students=1_000_000, seed=3, today=TODAY)
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


def test_dates_are_valid(students):
    for student in students:
        check_dates(student, TODAY)
        assert student.plan.period_start <= TODAY <= student.plan.period_end


@pytest.mark.parametrize("today", ["2026-08-24", "2026-09-01", "2027-01-18", "2027-02-28",
                                   "2027-06-11", "2027-07-04", "2027-08-20"])
def test_dates_are_valid_on_any_day_of_the_year(today):
    today = datetime.date.fromisoformat(today)
    district = District(students=120, seed=5, today=today)
    for student in district.students():
        check_dates(student, today)
        assert student.plan.period_start <= today


def test_goal_mix_matches_progress_monitoring_reality(students):
    goals = [goal for student in students for goal in student.plan.goals]
    mix = Counter(progress_status(goal) for goal in goals)
    assert abs(mix["on track"] / len(goals) - 0.55) < 0.04
    assert abs(mix["at risk"] / len(goals) - 0.25) < 0.04
    assert abs(mix["not enough data"] / len(goals) - 0.20) < 0.04
    falling = [goal for goal in goals if not goal.higher_is_better]
    assert len(falling) > 0.05 * len(goals)
    for goal in falling:
        assert goal.target_value < goal.baseline_value
        if progress_status(goal) == "on track":
            assert goal.data_points[-1].value <= goal.baseline_value


def test_goal_values_are_plausible(students):
    for goal in (goal for student in students for goal in student.plan.goals):
        values = [point.value for point in goal.data_points]
        assert min(values) >= 0 and goal.target_value >= 0
        if any(mark in goal.unit for mark in PERCENT_UNITS):
            assert max(values + [goal.target_value]) <= 100
        assert goal.higher_is_better == (goal.target_value > goal.baseline_value)
        assert goal.title.startswith("By ") and goal.title.endswith(".")


def test_transcripts_have_the_expected_shape(students):
    marks = {"Exceeding", "Meeting", "Approaching", "Beginning"}
    for student in students:
        courses = student.transcript.courses
        assert 1 <= len(courses) <= 12
        if student.grade == "K":
            assert len({course.term for course in courses}) == 1
        if student.grade in ("1", "2", "3", "4", "5"):
            assert all(course.grade in marks and course.credits == 0.0 for course in courses)
        if student.grade in ("10", "11", "12"):
            assert {course.credits for course in courses} <= {0.5, 1.0}
        assert student.transcript.programs.endswith(".")
    plain = sum(s.transcript.programs == "No special programs." for s in students)
    assert 0.65 < plain / len(students) < 0.9


def test_portfolio_files_are_what_they_claim(students):
    kinds = Counter()
    for student in students[:300]:
        assert 1 <= len(student.portfolio) <= 3
        assert len({item.filename for item in student.portfolio}) == len(student.portfolio)
        for item in student.portfolio:
            kinds[item.content_type] += 1
            assert 0 < len(item.data) < 8192 and item.kind in ("work", "badge")
            if item.content_type == "image/png":
                assert png_size(item.data) == (64, 48) and item.filename.endswith(".png")
            elif item.content_type == "application/pdf":
                check_pdf(item.data)
                assert item.filename.endswith(".pdf")
            else:
                assert item.content_type == "text/plain" and item.filename.endswith(".txt")
                assert item.data.decode("utf-8").strip()
            if item.kind == "work":
                assert item.added_by in (student.login, student.teacher_logins[0])
    assert set(kinds) == {"text/plain", "image/png", "application/pdf"}


def test_narratives_are_varied_and_strengths_first(students):
    bodies, paragraphs = [], []
    for student in students[:200]:
        name = student.preferred_name or student.given_name
        assert 1 <= len(student.narratives) <= 4
        for narrative in student.narratives:
            parts = narrative.body.split("\n\n")
            assert 2 <= len(parts) <= 4 and name in narrative.body
            assert narrative.course in narrative.title
            bodies.append(narrative.body)
            paragraphs += [part.replace(name, "NAME") for part in parts]
    assert len(set(bodies)) == len(bodies)
    assert len(set(paragraphs)) > 0.85 * len(paragraphs)


def test_pronouns_are_consistent_per_student(students):
    she, he = re.compile(r"\b(she|her|herself)\b", re.I), re.compile(r"\b(he|him|his|himself)\b",
                                                                      re.I)
    for student in students[:300]:
        text = " ".join([n.body for n in student.narratives]
                        + [student.profile.strengths, student.profile.needs])
        assert not (she.search(text) and he.search(text))


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
