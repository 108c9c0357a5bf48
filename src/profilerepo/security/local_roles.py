"""Roles held on one student folder (Plone-style local roles), and their index.

The student keeps who holds which role (read on every permission check);
the site keeps the reverse index (login, role, student id) so dashboards
find "my caseload" or "my children" without scanning every student.
Index keys are single strings joined by a separator no login, role or
student id contains: they pickle several times smaller than tuples.
"""
from __future__ import annotations

from BTrees.OOBTree import OOTreeSet

from profilerepo.security.roles import ROLES

_SEP = "\x1f"
_HIGH = "\uffff"


def _key(login: str, role: str, student_id: str = "") -> str:
    return f"{login}{_SEP}{role}{_SEP}{student_id}"


class RoleError(ValueError):
    """A role that does not exist."""


def _index(site) -> OOTreeSet:
    index = getattr(site, "assignments", None)
    if index is None:
        index = site.assignments = OOTreeSet()
    return index


def grant(site, student, login: str, role: str) -> None:
    """Give the user ``login`` the ``role`` on ``student``."""
    if role not in ROLES:
        raise RoleError(f"Unknown role {role!r}; one of {', '.join(ROLES)}.")
    principal = f"user:{login}"
    held = student.local_roles.get(principal, ())
    if role not in held:
        # Replaced, not mutated: the dict lives in the student's record.
        student.local_roles = {**student.local_roles, principal: (*held, role)}
    _index(site).add(_key(login, role, student.__name__))


def revoke(site, student, login: str, role: str) -> None:
    principal = f"user:{login}"
    held = tuple(r for r in student.local_roles.get(principal, ()) if r != role)
    roles = {p: r for p, r in student.local_roles.items() if p != principal}
    if held:
        roles[principal] = held
    student.local_roles = roles
    key = _key(login, role, student.__name__)
    index = _index(site)
    if key in index:
        index.remove(key)


def student_ids(site, login: str, role: str) -> list[str]:
    """Ids of the students on which ``login`` holds ``role``."""
    prefix = _key(login, role)
    keys = _index(site).keys(min=prefix, max=prefix + _HIGH)
    return [key[len(prefix):] for key in keys]


def roles_held(site, login: str) -> set[str]:
    """Every role ``login`` holds on at least one student."""
    found = set()
    for role in ROLES:
        prefix = _key(login, role)
        keys = _index(site).keys(min=prefix, max=prefix + _HIGH)
        if next(iter(keys), None) is not None:
            found.add(role)
    return found


# Which kind of user may hold each role on a student.
ASSIGNABLE = {"counselor": "staff", "teacher": "staff", "guardian": "guardian",
              "student": "student", "contributor": "contributor"}
KIND_WORDS = {"staff": "a staff member", "guardian": "a parent or guardian",
              "student": "a student", "contributor": "a contributor"}


def check_assignment(site, student, login: str, role: str):
    """The user ``login`` if they may be given ``role`` on ``student``; else RoleError."""
    if role not in ASSIGNABLE:
        raise RoleError(f"The role {role!r} cannot be given on a student; "
                        f"one of {', '.join(ASSIGNABLE)}.")
    user = site["principals"].get_user(login)
    if user is None:
        raise RoleError(f"There is no user with the login {login!r}.")
    if user.kind != ASSIGNABLE[role]:
        raise RoleError(f"{user.title} is {KIND_WORDS[user.kind]}, so cannot be this "
                        f"student's {role}.")
    if role == "student" and user.student_id not in (None, student.__name__):
        raise RoleError(f"{user.title}'s login already opens another student's folder.")
    return user


def assign(site, student, login: str, role: str) -> None:
    """Give ``login`` a role on ``student`` after checking it fits who they are."""
    user = check_assignment(site, student, login, role)
    if role == "student":
        user.student_id = student.__name__
    grant(site, student, login, role)


def unassign(site, student, login: str, role: str) -> None:
    """Take a role away; a student login stops opening this folder."""
    revoke(site, student, login, role)
    user = site["principals"].get_user(login)
    if role == "student" and user is not None and user.student_id == student.__name__:
        user.student_id = None
