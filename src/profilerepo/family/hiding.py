"""Hiding a document from future providers, and the records requests that may still
reach it.

Whoever manages the record hides a document, or a whole past plan, for a fresh start:
from then on staff of any school the student moves to (and the district's administrators,
held to the same rule), and the people the family granted access, no longer see it or
find it; staff of the school that wrote it keep it while the student is there, and so
does the family. A school the student moved to may
still obtain it by a records request made within three years of the student leaving the
school that wrote it (FERPA 99.31(a)(2), 99.34); the request is recorded with the record
and the family sees it. Anything built for a new school leaves hidden documents out
(``hidden_from_future``).

The mark lives on the document itself, so it moves with it (a plan moved to past plans
stays hidden) and everything inside it (a plan's goals and reports) is hidden with it.
"""
from __future__ import annotations

import dataclasses
import datetime
import secrets

from pyramid.location import lineage

from profilerepo import clock
from profilerepo.content.events import AccessChanged, notify
from profilerepo.security.roles import AUTHOR

REQUEST_YEARS = 3  # (99.31(a)(2) lets a new school ask; we honour it for three years)
# What a hidden document leaves of the roles someone holds: the family's, always; the
# school team's only at the school that wrote it (or one a records request released it to).
FAMILY_ROLES = frozenset({"guardian", "student", "student-16", "family-rights"})
SCHOOL_ROLES = frozenset({"counselor", "teacher", "administrator"})


class HidingError(ValueError):
    """A hiding or records request that cannot be made, with the reason in plain words."""


@dataclasses.dataclass(frozen=True)
class Hiding:
    """The family's decision to keep a document from future providers."""

    school_id: str  # the school that wrote it: its staff keep it while the student is there
    by: str
    at: datetime.datetime


@dataclasses.dataclass(frozen=True)
class SchoolStay:
    """A school the student left, and when (kept when a student moves school)."""

    school_id: str
    left: datetime.date


@dataclasses.dataclass(frozen=True)
class RecordsRequest:
    """A school the student moved to asked for what the family hid."""

    id: str
    school_id: str  # the school that asked, and whose staff may now read it
    requested_by: str
    at: datetime.datetime
    purpose: str


def hiding_of(node, student=None) -> Hiding | None:
    """The hiding that covers ``node``: its own, or that of a document it is inside.
    (Given its ``student``, none is looked for in a record where nothing was ever hidden:
    every permission check asks this.)"""
    if student is not None and not getattr(student, "ever_hidden", False):
        return None
    for found in lineage(node):
        if getattr(found, "is_student", False):
            return None
        hiding = getattr(found, "hidden_from_future", None)
        if hiding is not None:
            return hiding
    return None


def hidden_from_future(node) -> bool:
    """Whether ``node`` is left out of what a new school or a grantee sees."""
    return hiding_of(node) is not None


def hide(student, document, *, by: str, now: datetime.datetime | None = None) -> Hiding:
    """Hide ``document`` (and all it holds) from future providers."""
    if hiding_of(document) is not None:
        raise HidingError("This is already hidden from future schools and providers.")
    if document is student:
        raise HidingError("Hide a document or a past plan, not the whole record.")
    hiding = Hiding(school_id=student.school, by=by,
                    at=now or clock.now(zone=datetime.UTC))
    document.hidden_from_future = hiding
    student.ever_hidden = True  # (checks look for hidings only in such records)
    notify(AccessChanged(document))
    return hiding


def unhide(document) -> None:
    """Stop hiding ``document``: whoever may read its section reads it again."""
    if getattr(document, "hidden_from_future", None) is None:
        raise HidingError("This is not hidden (or is hidden with the document it is in).")
    document.hidden_from_future = None
    notify(AccessChanged(document))


def hidden_documents(student) -> list:
    """The documents in ``student``'s folder hidden in their own right, in tree order."""
    found: list = []

    def walk(node) -> None:
        for child in (node.values() if hasattr(node, "values") else ()):
            if getattr(child, "hidden_from_future", None) is not None:
                found.append(child)
            elif hasattr(child, "values") and not getattr(child, "is_student", False):
                walk(child)

    walk(student)
    return found


def record_move(student, old_school: str, day: datetime.date | None = None) -> None:
    """Note that the student left ``old_school`` (on ``day``, else today)."""
    stay = SchoolStay(old_school, day or clock.today())
    student.school_history = (*getattr(student, "school_history", ()), stay)


def left_on(student, school_id: str) -> datetime.date | None:
    """When the student last left ``school_id`` (None if they never did)."""
    days = [s.left for s in getattr(student, "school_history", ()) if s.school_id == school_id]
    return max(days) if days else None


def request_records(student, *, by: str, purpose: str,
                    now: datetime.datetime | None = None) -> RecordsRequest:
    """The student's school asks for what the family hid; refused (HidingError) when
    nothing is hidden from it or the student left the school that wrote it more than
    three years ago."""
    purpose = " ".join((purpose or "").split())
    if not purpose:
        raise HidingError("Say why the school needs the records (for example: to plan "
                          "the services the student needs).")
    now = now or clock.now(zone=datetime.UTC)
    today = clock.day_of(now)
    reachable = [h for h in map(hiding_of, hidden_documents(student))
                 if h.school_id != student.school and _within_years(student, h, today)]
    if not reachable:
        raise HidingError("Nothing the family hid can be requested: either nothing is "
                          "hidden from this school, or the student left the school that "
                          f"wrote it more than {REQUEST_YEARS} years ago.")
    request = RecordsRequest(id=f"r{secrets.token_hex(4)}", school_id=student.school,
                             requested_by=by, at=now, purpose=purpose)
    student.records_requests = (*getattr(student, "records_requests", ()), request)
    notify(AccessChanged(student))
    return request


def within_request_years(left: datetime.date | None, day: datetime.date) -> bool:
    """Whether ``day`` is within the three years a school may ask for what the family hid,
    counted from the day the student ``left`` (None: not left, so yes)."""
    if left is None:
        return True
    try:
        limit = left.replace(year=left.year + REQUEST_YEARS)
    except ValueError:  # (29 February)
        limit = left.replace(year=left.year + REQUEST_YEARS, day=28)
    return day <= limit


def _within_years(student, hiding: Hiding, day: datetime.date) -> bool:
    return within_request_years(left_on(student, hiding.school_id), day)


def released(student, hiding: Hiding) -> bool:
    """Whether a records request of the student's current school released ``hiding``:
    made within three years of the student leaving the school that wrote it."""
    for request in getattr(student, "records_requests", ()):
        if request.school_id == student.school and _within_years(
                student, hiding, clock.day_of(request.at)):
            return True
    return False


def restrict(roles: set[str], student, hiding: Hiding | None) -> set[str]:
    """What of ``roles`` (held on ``student``) still opens a document ``hiding`` covers:
    the family's roles; the school team's at the school that wrote it, or at one a
    records request released it to; never a grant's."""
    if hiding is None or not roles:
        return roles
    kept = roles & FAMILY_ROLES
    if AUTHOR in roles and kept:  # (a family member's own work stays theirs)
        kept.add(AUTHOR)
    if roles & SCHOOL_ROLES and (hiding.school_id == student.school
                                 or released(student, hiding)):
        kept |= roles & (SCHOOL_ROLES | {AUTHOR})
    return kept
