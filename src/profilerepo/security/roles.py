"""Who may do what, by role and section: the one table the whole product reads.

A student folder's sections each name their ``section``; their ACL is built
from this table and ends in a deny-all, so nothing is inherited by accident.
"""
from __future__ import annotations

from pyramid.authorization import DENY_ALL, Allow

VIEW = "view"
EDIT = "edit"
MANAGE = "manage"

ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor")

ROLE_TITLES = {
    "counselor": "Counselor",
    "teacher": "Teacher",
    "administrator": "Administrator",
    "guardian": "Parent or guardian",
    "student": "Student",
    "contributor": "Contributor",
}

SECTIONS = ("student", "transcript", "profile", "plan", "narratives", "portfolio")

# section -> role -> permissions. "v" is view, "e" edit (which includes adding items).
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
        "guardian": "ve", "student": "ve", "contributor": "v",
    },
    "plan": {
        "counselor": "ve", "teacher": "v", "administrator": "v",
        "guardian": "v", "student": "v",
    },
    "narratives": {
        "counselor": "v", "teacher": "ve", "administrator": "v",
        "guardian": "v", "student": "v",
    },
    "portfolio": {
        "counselor": "v", "teacher": "ve", "administrator": "v",
        "guardian": "ve", "student": "ve", "contributor": "v",
    },
}

_LETTERS = {"v": VIEW, "e": EDIT}


def role_principal(role: str) -> str:
    return f"role:{role}"


def permissions(section: str, role: str) -> frozenset[str]:
    """The permissions ``role`` has on ``section`` (empty when none)."""
    return frozenset(_LETTERS[c] for c in _TABLE[section].get(role, ""))


def _build_acl(section: str) -> tuple:
    aces = [
        (Allow, role_principal(role), tuple(sorted(permissions(section, role))))
        for role in ROLES
        if permissions(section, role)
    ]
    return (*aces, DENY_ALL)


SECTION_ACLS = {section: _build_acl(section) for section in SECTIONS}


def section_acl(section: str) -> tuple:
    return SECTION_ACLS[section]
