"""The official transcript: courses by term, assessments, attendance, programs.

Staff with edit rights maintain it; families read it and may annotate it (their
comments are kept beside it, in ``family.words``), never edit it.
"""
from __future__ import annotations

import colander

from profilerepo.content import fields
from profilerepo.content.document import Document
from profilerepo.family.words import FamilyWords


class CourseSchema(colander.MappingSchema):
    term = fields.text("Term", required=True, max_length=40)
    course = fields.text("Course", required=True, max_length=120)
    grade = fields.text("Grade or mark", required=True, max_length=20)
    credits = fields.number("Credits", minimum=0, maximum=10, required=False)


class AssessmentSchema(colander.MappingSchema):
    name = fields.text("Assessment", required=True, max_length=120)
    date = fields.date("Date", not_after_today=True)
    score = fields.integer("Score", minimum=0, maximum=10000)
    growth = fields.integer("Growth percentile", minimum=1, maximum=99, required=False)


def _attendance(node: colander.SchemaNode, value: dict | None) -> None:
    if value is None:
        return
    if (value.get("days_absent") or 0) > (value.get("days_enrolled") or 0):
        error = colander.Invalid(node)
        error["days_absent"] = "More days absent than days enrolled"
        raise error


class AttendanceType(colander.Mapping):
    """Attendance is all or nothing: left blank it is "not recorded yet" (None);
    once any number is given, all three are needed."""

    def deserialize(self, node, cstruct):
        if cstruct is colander.null or (
            isinstance(cstruct, dict)
            and all(v in ("", None, colander.null) for v in cstruct.values())
        ):
            return None
        return super().deserialize(node, cstruct)

    def serialize(self, node, appstruct):
        return super().serialize(node, colander.null if appstruct is None else appstruct)


class AttendanceSchema(colander.MappingSchema):
    schema_type = AttendanceType
    days_enrolled = fields.integer("Days enrolled", maximum=400)
    days_absent = fields.integer("Days absent", maximum=400)
    tardies = fields.integer("Times late", maximum=400)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_attendance, missing=None, **kw)


class TranscriptSchema(colander.MappingSchema):
    courses = fields.rows("Courses and grades", CourseSchema(name="course"),
                          add_text="Add a course")
    assessments = fields.rows("Assessments", AssessmentSchema(name="assessment"),
                              add_text="Add an assessment")
    attendance = AttendanceSchema(title="Attendance this year")
    programs = fields.text("Special programs", rows=3, max_length=2000,
                           description="Special education, English learner or other programs")


class Transcript(Document):
    """The official record of a student's courses, assessments and attendance."""

    type_title = "Transcript"
    section = "transcript"
    schema = TranscriptSchema
    fields = ("courses", "assessments", "attendance", "programs")
    indexed_fields = ("courses", "assessments", "programs")
    courses: tuple = ()
    assessments: tuple = ()
    attendance: dict | None = None
    programs = ""
    # The family's comments, kept beside the record (search finds the transcript by them)
    family_words: FamilyWords | None = None

    def __init__(self, values: dict, by: str, when=None) -> None:
        super().__init__(values, by, when)
        self.family_words = FamilyWords()

    def terms(self) -> list[tuple[str, list[dict]]]:
        """Courses grouped by term, in the order the terms first appear."""
        grouped: dict[str, list[dict]] = {}
        for course in self.courses:
            grouped.setdefault(course["term"], []).append(course)
        return list(grouped.items())
