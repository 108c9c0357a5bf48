"""Who may do what, by role and section: the one table the whole product reads.

A student folder's sections each name their ``section``; their ACL is built
from this table and ends in a deny-all, so nothing is inherited by accident.
"""
from __future__ import annotations

from pyramid.authorization import DENY_ALL, Allow

VIEW = "view"
EDIT = "edit"
ADD = "add"
MANAGE = "manage"

ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor")

# Held on top of "student" by a student aged 16 or over (DESIGN.md: from 16 a student
# edits the personalized sections). Derived from the birth date, never assigned.
STUDENT_16 = "student-16"
RIGHTS_AGE = 16
# Held on a document by the person who created it, while they are still on the
# student's team: a teacher edits their own narratives, not a colleague's.
AUTHOR = "author"
TABLE_ROLES = (*ROLES, STUDENT_16, AUTHOR)

ROLE_TITLES = {
    "counselor": "Counselor",
    "teacher": "Teacher",
    "administrator": "Administrator",
    "guardian": "Parent or guardian",
    "student": "Student",
    "contributor": "Contributor",
    STUDENT_16: "Student aged 16 or over",
    AUTHOR: "Author of the document",
}

SECTIONS = ("student", "transcript", "profile", "plan", "narratives", "portfolio")

# section -> role -> permissions. "v" is view, "a" add items, "e" edit (and add).
_TABLE = {
    "student": {
        "counselor": "v", "teacher": "v", "administrator": "ve",
        "guardian": "v", "student": "v", "contributor": "v",
    },
    "transcript": {
        "counselor": "v", "teacher": "v", "administrator": "ve",
        "guardian": "v", "student": "v",
    },
    "profile": {
        "counselor": "ve", "teacher": "v", "administrator": "v",
        "guardian": "ve", "student": "v", STUDENT_16: "ve", "contributor": "v",
    },
    "plan": {  # the plan itself, its goals and reports first need view on the plan
        "counselor": "ve", "teacher": "v", "administrator": "v",
        "guardian": "v", "student": "v", "contributor": "v",
    },
    "narratives": {
        "counselor": "v", "teacher": "va", AUTHOR: "e", "administrator": "v",
        "guardian": "v", "student": "v",
    },
    "portfolio": {
        "counselor": "v", "teacher": "ve", "administrator": "v",
        "guardian": "ve", "student": "ve", "contributor": "v",
    },
}

_LETTERS = {"v": (VIEW,), "a": (ADD,), "e": (EDIT, ADD)}


def role_principal(role: str) -> str:
    return f"role:{role}"


def permissions(section: str, role: str) -> frozenset[str]:
    """The permissions ``role`` has on ``section`` (empty when none)."""
    return frozenset(p for c in _TABLE[section].get(role, "") for p in _LETTERS[c])


def _build_acl(section: str) -> tuple:
    aces = [
        (Allow, role_principal(role), tuple(sorted(permissions(section, role))))
        for role in TABLE_ROLES
        if permissions(section, role)
    ]
    return (*aces, DENY_ALL)


SECTION_ACLS = {section: _build_acl(section) for section in SECTIONS}


def section_acl(section: str) -> tuple:
    return SECTION_ACLS[section]
