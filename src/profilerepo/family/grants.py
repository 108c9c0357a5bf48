"""Grants: the family opens chosen parts of the record to one named person, at a level,
for a purpose, from a start to an end date, until revoked.

A grant is a plain record kept in the student's own record (a family makes a handful),
so the check on every page costs nothing more to load; the grantee's user record lists
the students whose grants name them, for their home page and for search. A grant works
from its start date to its end date on the district's calendar, with no job to run, and
stops the moment it is revoked: pages, files and search all ask ``grant_roles`` (or the
principals of ``grant_principals``) at the time of asking.
"""
from __future__ import annotations

import dataclasses
import datetime
import secrets
from collections.abc import Iterable, Sequence

from profilerepo import clock
from profilerepo.security.principals import grant_principal, login_of
from profilerepo.security.roles import CONTRIBUTING

# The parts of the record a family may open, in the order pages list them.
GRANTABLE = {
    "profile": "Learner profile",
    "plan": "Success plan, its goals and shared progress reports",
    "portfolio": "Portfolio",
    "narratives": "Teachers' narratives shared with the family",
    "transcript": "Transcript",
}
READ, CONTRIBUTE = "read", "contribute"
LEVELS = {
    READ: "Read",
    CONTRIBUTE: "Read and contribute (add portfolio work, observations on goals, "
                "sessions they provide; never change the school's records)",
}
# Who a grant may name: people outside the school (a tutor, a therapist), or a guardian
# the student grants back after 18. Staff reach records through the team, not grants.
GRANTEE_KINDS = ("contributor", "guardian")
MAX_PURPOSE = 500

# What a grant's status reads as, on the page that lists it.
NOT_YET, LIVE, EXPIRED, REVOKED = "not yet started", "live", "ended", "revoked"


class GrantError(ValueError):
    """A grant that cannot be made or changed, with the reason in plain words."""


@dataclasses.dataclass(frozen=True)
class Grant:
    """One person's access to chosen sections of one student's record."""

    id: str
    login: str
    sections: frozenset[str]
    level: str
    purpose: str
    starts: datetime.date
    ends: datetime.date
    granted_by: str
    granted_at: datetime.datetime
    revoked_by: str = ""
    revoked_at: datetime.datetime | None = None

    def live(self, today: datetime.date) -> bool:
        """Whether the grant opens the record on ``today``."""
        return self.revoked_at is None and self.starts <= today <= self.ends

    def status(self, today: datetime.date) -> str:
        if self.revoked_at is not None:
            return REVOKED
        if today < self.starts:
            return NOT_YET
        return EXPIRED if today > self.ends else LIVE

    def opens(self, section: str) -> bool:
        """Whether the grant names ``section`` (the student's own page opens with any)."""
        return section == "student" or section in self.sections

    @property
    def contributes(self) -> bool:
        return self.level == CONTRIBUTE


def grants_of(student, login: str | None = None) -> tuple[Grant, ...]:
    """Every grant made on ``student`` (of ``login`` only, when given), oldest first."""
    grants = getattr(student, "grants", ())
    return grants if login is None else tuple(g for g in grants if g.login == login)


def live_grants(student, login: str, today: datetime.date | None = None) -> list[Grant]:
    """The grants that open ``student``'s record to ``login`` today."""
    grants = grants_of(student, login)
    if not grants:
        return []
    today = today or clock.today()
    return [g for g in grants if g.live(today)]


def grantees(student, section: str, today: datetime.date | None = None) -> list[str]:
    """The logins a live grant opens ``section`` of ``student``'s record to, in the order
    they were granted (each once)."""
    grants = grants_of(student)
    if not grants:
        return []
    today = today or clock.today()
    found: list[str] = []
    for grant in grants:
        if grant.live(today) and grant.opens(section) and grant.login not in found:
            found.append(grant.login)
    return found


def grant_roles(student, principals: Sequence[str], section: str,
                today: datetime.date | None = None) -> set[str]:
    """The roles live grants give ``principals`` (a person and their groups) on
    ``section`` of ``student``: "contributor" to read, and ``CONTRIBUTING`` at the level
    read-and-contribute. (Search's index names a grant by its section instead:
    ``grant_principal``; ``security.access.indexed_viewers`` gives that principal
    "contributor".)"""
    roles: set[str] = set()
    if not getattr(student, "grants", ()):
        return roles
    for principal in principals:
        login = login_of(principal)
        if login is None:
            continue
        for grant in live_grants(student, login, today):
            if grant.opens(section):
                roles.add("contributor")
                if grant.contributes and section != "student":
                    roles.add(CONTRIBUTING)
    return roles


def grant_principals(site, user, today: datetime.date | None = None) -> list[str]:
    """The principals search lets ``user`` find documents by: one per section of each of
    their live grants (and the student's own page, with any)."""
    found: list[str] = []
    if user is None:
        return found
    students = site["students"]
    today = today or clock.today()
    for student_id in getattr(user, "granted", ()):
        student = students.get(student_id)
        if student is None:
            continue
        for grant in live_grants(student, user.login, today):
            for section in ("student", *sorted(grant.sections)):
                principal = grant_principal(student_id, section)
                if principal not in found:
                    found.append(principal)
    return found


def make_grant(site, student, login: str, sections: Iterable[str], level: str,
               purpose: str, starts: datetime.date, ends: datetime.date, *, by: str,
               now: datetime.datetime | None = None) -> Grant:
    """Open ``sections`` of ``student``'s record to ``login`` from ``starts`` to ``ends``
    (both days included); GrantError says what is wrong with the request."""
    user = site["principals"].get_user(login)
    if user is None:
        raise GrantError(f"Nobody has the login {login!r}.")
    if user.student_id == student.__name__:
        raise GrantError(f"{user.title} already sees their own record.")
    if user.kind == "student":
        raise GrantError(f"{user.title} is a student; access is granted to a tutor, a "
                         "mentor, a therapist or a relative.")
    if user.kind not in GRANTEE_KINDS:
        raise GrantError(f"{user.title} works at a school: the school team reaches the "
                         "record through the team, not through a grant.")
    sections = frozenset(sections)
    if not sections:
        raise GrantError("Choose at least one part of the record to share.")
    unknown = sorted(sections - set(GRANTABLE))
    if unknown:
        raise GrantError(f"There is no part of the record called {unknown[0]!r}.")
    if level not in LEVELS:
        raise GrantError("Choose whether they may read, or read and contribute.")
    purpose = " ".join((purpose or "").split())
    if not purpose:
        raise GrantError("Say what the access is for (for example: reading tutoring).")
    if len(purpose) > MAX_PURPOSE:
        raise GrantError(f"Keep the purpose to {MAX_PURPOSE} characters.")
    if ends < starts:
        raise GrantError("The end date is before the start date.")
    made_on = clock.day_of(now) if now else clock.today()
    if ends < made_on:
        raise GrantError("The last day is already past: access has to end today or later.")
    grant = Grant(id=f"g{secrets.token_hex(4)}", login=user.login, sections=sections,
                  level=level, purpose=purpose, starts=starts, ends=ends, granted_by=by,
                  granted_at=now or clock.now(zone=datetime.UTC))
    student.grants = (*grants_of(student), grant)  # (replaced: it lives in the record)
    if student.__name__ not in getattr(user, "granted", ()):
        user.granted = (*getattr(user, "granted", ()), student.__name__)
    # (nothing to reindex: the index names each section's grant principal whoever
    # holds a grant, and a search asks with the searcher's live grants' principals)
    return grant


def find_grant(student, grant_id: str) -> Grant:
    for grant in grants_of(student):
        if grant.id == grant_id:
            return grant
    raise GrantError("That grant is not on this record (it may have been removed).")


def revoke_grant(student, grant_id: str, *, by: str,
                 now: datetime.datetime | None = None) -> Grant:
    """End a grant at once; it stays listed, marked revoked, by whom and when."""
    grant = find_grant(student, grant_id)
    if grant.revoked_at is not None:
        raise GrantError("That grant was already revoked.")
    revoked = dataclasses.replace(grant, revoked_by=by,
                                  revoked_at=now or clock.now(zone=datetime.UTC))
    student.grants = tuple(revoked if g.id == grant_id else g for g in grants_of(student))
    return revoked


def granted_students(site, user, today: datetime.date | None = None) -> list:
    """The students whose record a live grant opens to ``user``, by name."""
    students = site["students"]
    found = [students[sid] for sid in getattr(user, "granted", ()) if sid in students]
    today = today or clock.today()
    found = [s for s in found if live_grants(s, user.login, today)]
    return sorted(found, key=lambda s: s.sort_key)
