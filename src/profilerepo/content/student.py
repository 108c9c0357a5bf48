"""The student folder: identity, enrollment, local roles and the sections."""
from __future__ import annotations

import datetime
import secrets

import colander

from profilerepo import clock
from profilerepo.content import fields
from profilerepo.content.folder import Folder
from profilerepo.content.narratives import Narratives
from profilerepo.content.portfolio import Portfolio
from profilerepo.content.profile import Profile
from profilerepo.content.transcript import Transcript
from profilerepo.content.versions import Versioned
from profilerepo.family.hiding import record_move
from profilerepo.family_requests.model import add_requests_folder
from profilerepo.plans.plan import Plan
from profilerepo.security.roles import InSection


@colander.deferred
def _school_widget(node, kw):
    import deform.widget

    site = kw["site"]
    values = [("", "- choose -")] + [(s.__name__, s.title) for s in site["schools"].values()]
    return deform.widget.SelectWidget(values=values)


@colander.deferred
def _school_validator(node, kw):
    return fields.one_of(kw["site"]["schools"].keys())


def _enrollment_dates(form: colander.SchemaNode, value: dict) -> None:
    exit_date, entry_date = value.get("exit_date"), value.get("entry_date")
    if exit_date and entry_date and exit_date < entry_date:
        error = colander.Invalid(form)
        error["exit_date"] = "The exit date is before the entry date"
        raise error
    birth = value.get("birth_date")
    if birth and entry_date and entry_date < birth:
        error = colander.Invalid(form)
        error["entry_date"] = "The entry date is before the birth date"
        raise error


class StudentSchema(colander.MappingSchema):
    given_name = fields.text("Given name", required=True, max_length=100)
    family_name = fields.text("Family name", required=True, max_length=100)
    preferred_name = fields.text("Preferred name", max_length=100,
                                 description="The name the student goes by, if different")
    birth_date = fields.date("Birth date", not_after_today=True)
    grade = fields.choice("Grade level", [(g, "Kindergarten" if g == "K" else f"Grade {g}")
                                          for g in fields.GRADES])
    school = colander.SchemaNode(colander.String(), title="School",
                                 widget=_school_widget, validator=_school_validator)
    entry_date = fields.date("Enrolled since")
    exit_date = fields.date("Left on", required=False)

    def __init__(self, *args, **kw):
        super().__init__(*args, validator=_enrollment_dates, **kw)


class Student(InSection, Versioned, Folder):
    """A student's folder. Its sections are its items; its local roles say
    who holds which role here (counselor, teacher, guardian, ...)."""

    is_student = True
    section = "student"
    type_title = "Student"
    schema = StudentSchema
    fields = ("given_name", "family_name", "preferred_name", "birth_date", "grade", "school",
              "entry_date", "exit_date")
    given_name = family_name = preferred_name = grade = school = ""
    birth_date = entry_date = exit_date = None
    # Search finds the student by name (profilerepo.search.documents.student_text says
    # what of them is indexed); its sections are indexed each on its own.
    searchable = True
    tag_fields: tuple[str, ...] = ()

    @property
    def subfolders(self) -> tuple:
        """The sections, for search to reach (it looks inside a searchable item only
        through its ``subfolders``)."""
        return tuple(self.values())

    def __init__(self, values: dict, by: str, when=None) -> None:
        Folder.__init__(self)
        # principal -> roles. A team is a handful of people, so this lives in the
        # student's own record: one load answers every permission check here.
        self.local_roles: dict[str, tuple[str, ...]] = {}
        self.record(values, by, when)

    @property
    def title(self) -> str:
        return f"{self.first_name} {self.family_name}"

    @property
    def first_name(self) -> str:
        """The name to address the student by: preferred if given."""
        return self.preferred_name or self.given_name

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.family_name.lower(), self.first_name.lower())

    def age(self, today: datetime.date | None = None) -> int:
        """Whole years since the birth date (0 when it is not known), on the district's
        calendar (a birthday turns at the district's midnight) unless ``today`` is given."""
        if self.birth_date is None:
            return 0
        today = today or clock.today()
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def roles_of(self, principals) -> set[str]:
        """The local roles held here by any of ``principals``."""
        roles: set[str] = set()
        for principal in principals:
            roles.update(self.local_roles.get(principal, ()))
        return roles

    def holders(self, role: str) -> list[str]:
        """The principals holding ``role`` here, sorted."""
        return sorted(p for p, roles in self.local_roles.items() if role in roles)


def new_student(site, values: dict, by: str, *, engine=None, student_id: str | None = None,
                when=None, plan: dict | None = None, transcript: dict | None = None,
                profile: dict | None = None) -> Student:
    """Create a student folder with every section, enrolled in its school; the profile
    and the plan start in their workflows as they are added, private to the school team.
    (``engine`` is no longer used: the workflow subscribers start them; callers may drop it.)"""
    school = site["schools"][values["school"]]
    student = Student(values, by, when)
    site["students"].add(student_id or _new_student_id(site), student)
    student.add("transcript", Transcript(transcript or {}, by, when))
    student.add("profile", Profile(profile or {}, by, when))
    student.add("plan", Plan(plan or {}, by, when))
    student.add("narratives", Narratives())
    student.add("portfolio", Portfolio())
    add_requests_folder(student)  # (the family's requests to see or correct the record)
    school.enroll(student)
    return student


def update_student(site, student: Student, values: dict, by: str, when=None) -> list[str]:
    """Save a new version of the student's identity, moving them in the school index.

    On a move to another school, the old school's staff lose their roles here
    (need to know); returns their logins.
    """
    from profilerepo.security.local_roles import end_school_roles

    schools = site["schools"]
    before = (student.school, student.grade, schools[student.school].roster_key(student))
    student.record(values, by, when)
    if (student.school, student.grade, schools[student.school].roster_key(student)) != before:
        schools[before[0]].unenroll(before[2], before[1])
        schools[student.school].enroll(student)
    if student.school != before[0]:
        record_move(student, before[0], clock.day_of(when) if when else None)
        return end_school_roles(site, student, before[0])
    return []


def _new_student_id(site) -> str:
    while True:
        candidate = f"s{secrets.token_hex(5)}"
        if candidate not in site["students"]:
            return candidate
