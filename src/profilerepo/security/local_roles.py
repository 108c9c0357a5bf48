"""Roles held on one student folder (Plone-style local roles), both ways round.

The student keeps who holds which role (read on every permission check);
each user keeps, per role, the students they hold it on, so a dashboard
finds "my caseload" or "my children" without scanning every student. Both
lists are as long as a team or a caseload, so they live inside the
student's and the user's own records: granting a role rewrites those two
records and nothing shared by everyone.
"""
from __future__ import annotations

from profilerepo.content.events import RolesChanged, notify
from profilerepo.security.principals import login_of, school_staff, user_principal


class RoleError(ValueError):
    """A role that does not exist, or that does not fit the person."""


def _user(site, login: str):
    user = site["principals"].get_user(login)
    if user is None:
        raise RoleError(f"There is no user with the login {login!r}.")
    return user


def grant(site, student, login: str, role: str) -> None:
    """Give the user ``login`` the ``role`` on ``student``. (Nobody is given "contributor":
    people outside the school read what the family's grants open, ``family.grants``.)"""
    if role not in ASSIGNABLE:
        raise RoleError(f"The role {role!r} cannot be given on a student; "
                        f"one of {', '.join(ASSIGNABLE)}.")
    user = _user(site, login)
    principal = user_principal(login)
    held = student.local_roles.get(principal, ())
    if role not in held:
        # Replaced, not mutated: the dicts live in the student's and user's records.
        student.local_roles = {**student.local_roles, principal: (*held, role)}
        notify(RolesChanged(student, login, role))  # who may find their documents changed
    ids = user.assignments.get(role, ())
    if student.__name__ not in ids:
        user.assignments = {**user.assignments, role: (*ids, student.__name__)}


def revoke(site, student, login: str, role: str) -> None:
    principal = user_principal(login)
    held = tuple(r for r in student.local_roles.get(principal, ()) if r != role)
    roles = {p: r for p, r in student.local_roles.items() if p != principal}
    if held:
        roles[principal] = held
    student.local_roles = roles
    notify(RolesChanged(student, login, role))  # who may find their documents changed
    user = site["principals"].get_user(login)
    if user is not None and student.__name__ in user.assignments.get(role, ()):
        ids = tuple(i for i in user.assignments[role] if i != student.__name__)
        user.assignments = {**{r: i for r, i in user.assignments.items() if r != role},
                            **({role: ids} if ids else {})}


def student_ids(site, login: str, role: str) -> list[str]:
    """Ids of the students on which ``login`` holds ``role``."""
    user = site["principals"].get_user(login)
    return list(user.assignments.get(role, ())) if user is not None else []


# Which kind of user may hold each role on a student. (Contributors hold none: the family
# grants them parts of the record, ``family.grants``.)
ASSIGNABLE = {"counselor": "staff", "teacher": "staff", "guardian": "guardian",
              "student": "student"}
KIND_WORDS = {"staff": "a staff member", "guardian": "a parent or guardian",
              "student": "a student", "contributor": "a contributor"}


def check_assignment(site, student, login: str, role: str, *, by: str | None = None):
    """The user ``login`` if ``by`` may give them ``role`` on ``student``; else RoleError."""
    if role not in ASSIGNABLE:
        raise RoleError(f"The role {role!r} cannot be given on a student; "
                        f"one of {', '.join(ASSIGNABLE)}.")
    user = _user(site, login)
    if user.kind != ASSIGNABLE[role]:
        raise RoleError(f"{user.title} is {KIND_WORDS[user.kind]}, so cannot be this "
                        f"student's {role}.")
    if login == by:
        raise RoleError("You cannot give yourself a role on a student; ask another "
                        "administrator.")
    if user.kind == "staff" and school_staff(student.school) not in user.groups:
        school = site["schools"].get(student.school)
        raise RoleError(f"{user.title} is not on the staff of "
                        f"{school.title if school else student.school}.")
    if role == "student" and user.student_id not in (None, student.__name__):
        raise RoleError(f"{user.title}'s login already opens another student's folder.")
    return user


def assign(site, student, login: str, role: str, *, by: str | None = None) -> None:
    """Give ``login`` a role on ``student`` after checking it fits who they are."""
    user = check_assignment(site, student, login, role, by=by)
    if role == "student":
        user.student_id = student.__name__
    grant(site, student, login, role)


def unassign(site, student, login: str, role: str) -> None:
    """Take a role away; a student login stops opening this folder."""
    revoke(site, student, login, role)
    user = site["principals"].get_user(login)
    if role == "student" and user is not None and user.student_id == student.__name__:
        user.student_id = None


def end_school_roles(site, student, old_school: str) -> list[str]:
    """After a move to another school: staff of the old school lose their roles here.

    Returns the logins whose roles ended. Family, student and contributors stay.
    """
    staff_group = school_staff(student.school)
    ended = []
    for principal, roles in list(student.local_roles.items()):
        login = login_of(principal)
        user = site["principals"].get_user(login) if login is not None else None
        if user is None or user.kind != "staff" or staff_group in user.groups:
            continue
        for role in roles:
            revoke(site, student, login, role)
        ended.append(login)
    return ended
