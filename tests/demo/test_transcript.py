"""Transcripts: terms, marks, credits and the special-programs sentence."""
from __future__ import annotations


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
