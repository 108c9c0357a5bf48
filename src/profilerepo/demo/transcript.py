"""The official record of a synthetic Student: course marks by term, test scores, attendance."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from profilerepo.demo import names
from profilerepo.demo.names import CORE
from profilerepo.demo.school_calendar import nth_weekday, school_day, school_days, term_label
from profilerepo.demo.specs import (
    AssessmentRecord,
    AttendanceRecord,
    CourseRecord,
    TranscriptSpec,
)

if TYPE_CHECKING:
    from profilerepo.demo.synthetic import StudentMaker

MAX_COURSE_ROWS = 12
_LETTERS = ((3.85, "A"), (3.5, "A-"), (3.15, "B+"), (2.85, "B"), (2.5, "B-"), (2.15, "C+"),
            (1.85, "C"), (1.5, "C-"), (1.0, "D"))
_READING_NORMS = (142, 160, 175, 188, 198, 206, 211, 215, 218, 220, 222, 224, 225)
_MATH_NORMS = (140, 162, 176, 190, 202, 212, 218, 223, 227, 230, 232, 234, 236)


def make_transcript(student: StudentMaker) -> TranscriptSpec:
    """Courses, assessments and attendance, with the sentence on special programs."""
    return TranscriptSpec(_courses(student), _assessments(student), _attendance(student),
                          student.program[1])


def _courses(student: StudentMaker) -> tuple[CourseRecord, ...]:
    """The newest terms first until about twelve rows, returned oldest first."""
    rows: list[CourseRecord] = []
    for term, grade, courses in _terms(student):
        if rows and len(rows) + len(courses) > MAX_COURSE_ROWS:
            break
        rows[:0] = [CourseRecord(term, course, _mark(student, grade), credits)
                    for course, credits in courses]
    return tuple(rows)


def _terms(student: StudentMaker) -> Iterator[tuple[str, int, list[tuple[str, float]]]]:
    year = student.district.year_start.year
    spring = nth_weekday(year + 1, 1, 0, 3)
    seasons = ["Spring", "Fall"] if student.today >= spring else ["Fall"]
    for back in range(3):
        grade = student.grade - back
        if grade < 0:
            return
        for season in seasons:
            courses = _term_courses(student, grade, season, back)
            yield term_label(year - back, season), grade, courses
        seasons = ["Spring", "Fall"]


def _term_courses(student: StudentMaker, grade: int, season: str,
                  back: int) -> list[tuple[str, float]]:
    credits = 0.5 if grade >= 9 else 0.0
    if back == 0:
        return [(course, credits) for _, course, _ in student.classes]
    if grade <= 5:
        inquiry = "Science" if season == "Fall" else "Social Studies"
        return [(course, 0.0) for course in ("Reading", "Writing", "Mathematics", inquiry)]
    courses = [(names.course_name(subject, grade, student.given), credits) for subject in CORE]
    if grade >= 9 and season == "Spring":  # a year-long elective, graded once
        subject = student.rng.choice(("Art", "Music", "Computer Science", "World Languages"))
        courses.append((names.course_name(subject, grade, student.given), 1.0))
    return courses


def _mark(student: StudentMaker, grade: int) -> str:
    score = 2.9 + 0.55 * student.ability + student.rng.gauss(0, 0.45)
    if grade <= 5:
        return ("Exceeding" if score >= 3.5 else "Meeting" if score >= 2.5
                else "Approaching" if score >= 1.7 else "Beginning")
    return next((letter for floor, letter in _LETTERS if score >= floor), "F")


def _assessments(student: StudentMaker) -> tuple[AssessmentRecord, ...]:
    """MAP this fall (or last spring before the fall window) and last spring's state tests."""
    rng, year, found = student.rng, student.district.year_start.year, []
    fall = school_day(date(year, 9, rng.randint(12, 24)))
    window, grade = (fall, student.grade) if fall <= student.today else (
        school_day(date(year, 5, rng.randint(6, 20))), student.grade - 1)
    if grade >= 0:
        found += [_score(student, "MAP Reading", window, _READING_NORMS[grade], 13, 4),
                  _score(student, "MAP Math", window, _MATH_NORMS[grade], 13, 4)]
    last, spring = student.grade - 1, school_day(date(year, 4, rng.randint(14, 30)))
    if 3 <= last <= 8 or last == 10:
        scale = 2300 + 40 * min(last - 3, 6)
        found += [_score(student, "State ELA", spring, scale, 90, 25),
                  _score(student, "State Math", spring, scale + 10, 90, 25)]
    if last in (5, 8, 11):
        found.append(_score(student, "State Science", spring, 2400 + 30 * last, 80, 25))
    return tuple(found)


def _score(student: StudentMaker, name: str, day: date, center: float, per_ability: float,
           noise: float) -> AssessmentRecord:
    """A score around the grade's norm for the Student's ability; growth follows momentum."""
    score = round(center + per_ability * student.ability + student.rng.gauss(0, noise))
    growth = round(min(max(50 + 14 * student.momentum + student.rng.gauss(0, 16), 1), 99))
    return AssessmentRecord(name, day, score, growth)


def _attendance(student: StudentMaker) -> AttendanceRecord:
    rng, year_start, year_end = student.rng, student.district.year_start, student.district.year_end
    days = school_days(max(student.entry, year_start), min(student.today, year_end))
    rate = rng.uniform(0.1, 0.22) if student.chronic else rng.random() ** 2 * 0.07
    return AttendanceRecord(days, round(days * rate), min(days, int(rng.expovariate(0.35))))
