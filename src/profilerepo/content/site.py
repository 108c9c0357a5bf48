"""The root of the tree: students, principals and schools."""
from __future__ import annotations

import colander
import deform.widget
from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent
from pyramid.authorization import DENY_ALL, Allow

from profilerepo.content import fields
from profilerepo.content.folder import Folder
from profilerepo.security.roles import MANAGE, VIEW

DISTRICT_ADMINISTRATORS = "group:district-administrators"
LEVELS = ("elementary", "middle", "high")


def school_administrators(school_id: str) -> str:
    """The group whose members administer one school."""
    return f"group:school-administrators:{school_id}"


class Site(Folder):
    """The application root."""

    title = "ProfileRepo"
    __acl__ = ((Allow, DISTRICT_ADMINISTRATORS, (VIEW, MANAGE)), DENY_ALL)


class Students(Folder):
    """Every student folder, keyed by a stable student id."""

    title = "Students"
    counted = True


class Schools(Folder):
    title = "Schools"


class SchoolSchema(colander.MappingSchema):
    title = fields.text("Name", required=True, max_length=200)
    level = fields.choice("Level", LEVELS)
    grades = colander.SchemaNode(
        colander.Set(), title="Grades taught",
        validator=colander.Length(min=1, min_err="Choose at least one grade"),
        widget=deform.widget.CheckboxChoiceWidget(
            values=[(g, "Kindergarten" if g == "K" else f"Grade {g}") for g in fields.GRADES],
            inline=True),
    )


class School(Persistent):
    """A school, with an index of its students by grade for overviews."""

    __name__: str | None = None
    __parent__ = None

    def __init__(self, title: str, level: str, grades) -> None:
        self.title = title
        self.level = level
        self.grades = tuple(g for g in fields.GRADES if g in set(grades))
        self.by_grade = OOBTree()

    @property
    def __acl__(self) -> tuple:
        return ((Allow, school_administrators(self.__name__), (VIEW,)),
                (Allow, DISTRICT_ADMINISTRATORS, (VIEW, MANAGE)), DENY_ALL)

    def enroll(self, student_id: str, grade: str) -> None:
        members = self.by_grade.get(grade)
        if members is None:
            members = self.by_grade[grade] = OOTreeSet()
        members.add(student_id)

    def unenroll(self, student_id: str, grade: str) -> None:
        members = self.by_grade.get(grade)
        if members is not None and student_id in members:
            members.remove(student_id)

    def grade_counts(self) -> list[tuple[str, int]]:
        """(grade, number of students) in the school's grade order."""
        return [(g, len(self.by_grade.get(g, ()))) for g in self.grades]

    def student_ids(self, grade: str | None = None) -> list[str]:
        grades = [grade] if grade else list(self.grades)
        return [sid for g in grades for sid in self.by_grade.get(g, ())]


def create_site():
    """A new, empty site with its top-level folders."""
    from profilerepo.principals import Principals

    site = Site()
    site.add("students", Students())
    site.add("schools", Schools())
    site.add("principals", Principals())
    return site
