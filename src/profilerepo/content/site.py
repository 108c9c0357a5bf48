"""The root of the tree: students, principals and schools."""
from __future__ import annotations

from itertools import islice

import colander
import deform.widget
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent
from pyramid.authorization import DENY_ALL, Allow

from profilerepo.content import fields
from profilerepo.content.folder import Folder
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS, school_administrators
from profilerepo.security.roles import MANAGE, VIEW

_US = "\x1f"  # separates the parts of a roster key; no name or id contains it
LEVELS = ("elementary", "middle", "high")


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
    """A school, with a roster of its students by grade, in name order.

    Each grade's roster is a tree set of keys ``family<US>first<US>student id``
    (so it pages in name order) and a conflict-resolving ``Length`` (so counts
    cost one small load, however large the school).
    """

    __name__: str | None = None
    __parent__ = None

    def __init__(self, title: str, level: str, grades) -> None:
        self.title = title
        self.level = level
        self.grades = tuple(g for g in fields.GRADES if g in set(grades))
        self.by_grade = OOBTree()
        self.counts = OOBTree()

    @property
    def __acl__(self) -> tuple:
        return ((Allow, school_administrators(self.__name__), (VIEW,)),
                (Allow, DISTRICT_ADMINISTRATORS, (VIEW, MANAGE)), DENY_ALL)

    @staticmethod
    def roster_key(student) -> str:
        family, first = student.sort_key
        return f"{family}{_US}{first}{_US}{student.__name__}"

    def enroll(self, student) -> None:
        """Put ``student`` on the roster of their current grade."""
        grade = student.grade
        if grade not in self.by_grade:
            self.by_grade[grade] = OOTreeSet()
            self.counts[grade] = Length()
        if self.by_grade[grade].add(self.roster_key(student)):
            self.counts[grade].change(1)

    def unenroll(self, roster_key: str, grade: str) -> None:
        """Take a roster entry (as ``roster_key`` made it) off a grade."""
        members = self.by_grade.get(grade)
        if members is not None and roster_key in members:
            members.remove(roster_key)
            self.counts[grade].change(-1)

    def grade_counts(self) -> list[tuple[str, int]]:
        """(grade, number of students) in the school's grade order."""
        return [(g, self.counts[g]() if g in self.counts else 0) for g in self.grades]

    def student_ids(self, grade: str | None = None, start: int = 0,
                    count: int | None = None) -> list[str]:
        """Student ids by grade, then by name; ``start`` and ``count`` page through."""
        grades = [grade] if grade else list(self.grades)
        keys = (key for g in grades for key in self.by_grade.get(g, ()))
        stop = None if count is None else start + count
        return [key.rsplit(_US, 1)[1] for key in islice(keys, start, stop)]
