"""Principal strings, made and read in one place.

A principal names who a permission is given to: one person (``user:<login>``), a group
(a school's administrators or staff, the district's administrators) or a role held on a
student (``role:<name>``), or, in search's index, whoever a live grant opens a section
of one student's record to (``grant:<student>:<section>``). Nothing else in the product
builds or slices these strings.
"""
from __future__ import annotations

from collections.abc import Iterable

USER = "user:"
ROLE = "role:"
GRANT = "grant:"
DISTRICT_ADMINISTRATORS = "group:district-administrators"
_ADMINISTRATORS = "group:school-administrators:"
_STAFF = "group:school-staff:"


def user_principal(login: str) -> str:
    """The principal of the person who logs in as ``login``."""
    return f"{USER}{login}"


def login_of(principal: str) -> str | None:
    """The login a person's principal names, or None for a group or a role."""
    return principal[len(USER):] if principal.startswith(USER) else None


def logins(principals: Iterable[str]) -> list[str]:
    """The logins among ``principals``, in their order (groups and roles left out)."""
    return [p[len(USER):] for p in principals if p.startswith(USER)]


def role_principal(role: str) -> str:
    """The principal everyone holding ``role`` on the student in question has."""
    return f"{ROLE}{role}"


def roles_in(principals: Iterable[str]) -> set[str]:
    """The role names among ``principals``."""
    return {p[len(ROLE):] for p in principals if p.startswith(ROLE)}


def grant_principal(student_id: str, section: str) -> str:
    """The principal search names, among a document's viewers, for whoever a live grant
    opens ``section`` of the student's record to (``student`` for the student's page)."""
    return f"{GRANT}{student_id}:{section}"


def school_administrators(school_id: str) -> str:
    """The group whose members administer one school."""
    return f"{_ADMINISTRATORS}{school_id}"


def school_staff(school_id: str) -> str:
    """The group of a school's staff: only they may teach or counsel its students."""
    return f"{_STAFF}{school_id}"


def administered_school_ids(groups: Iterable[str]) -> list[str]:
    """The ids of the schools whose administrator groups are among ``groups``."""
    return [g[len(_ADMINISTRATORS):] for g in groups if g.startswith(_ADMINISTRATORS)]
