"""Designees and guides: people the family (or a court) puts beside the family to manage
who sees the record, without making them a guardian.

A guardian (before 18; from 18 the student) names a designee, a relative or a mentor,
who then manages grants (and hiding) but reads and edits only what a grant opens to
them. An administrator of the student's school or the district records a guide
appointed by a court or the state for a student in foster care, with the order's
reference and date; the guide manages the same settings. Each appointment is a plain
record kept in the student's own record, like ``family.grants``: a family names one or
two, so asking "who manages this record" loads nothing more. Ending one keeps it listed,
saying who ended it and when. A designee named by a guardian lapses on the student's
18th birthday, when the family's rights pass to the student (FERPA 99.5); the student
may then name their own. A guide stays until an administrator ends the order's record.
"""
from __future__ import annotations

import dataclasses
import datetime
import secrets

from profilerepo import clock
from profilerepo.family.rights import holds_family_rights, rights_passed

DESIGNEE, GUIDE = "designee", "guide"
KIND_TITLES = {DESIGNEE: "Designee named by the family",
               GUIDE: "Guide appointed by a court or the state"}
# Who may be named: people outside the school (a relative, a mentor, a caseworker).
# Staff reach a record through the team.
APPOINTEE_KINDS = ("contributor", "guardian")
MAX_ORDER_REFERENCE = 100


class DesigneeError(ValueError):
    """An appointment that cannot be made or ended, with the reason in plain words."""


@dataclasses.dataclass(frozen=True)
class Designee:
    """One person who manages the privacy settings of one student's record."""

    id: str
    login: str
    kind: str  # DESIGNEE or GUIDE
    appointed_by: str
    appointed_at: datetime.datetime
    # A designee named by a guardian lapses at 18; one the adult student names does not.
    until_majority: bool = False
    order_reference: str = ""  # a guide's court or state order
    order_date: datetime.date | None = None
    ended_by: str = ""
    ended_at: datetime.datetime | None = None

    def live(self, student, today: datetime.date | None = None) -> bool:
        """Whether they manage the record on ``today``."""
        if self.ended_at is not None:
            return False
        today = today or clock.today()
        if today < clock.day_of(self.appointed_at):
            return False  # (asked of a day before they were appointed)
        return not (self.until_majority and rights_passed(student, today))

    def status(self, student, today: datetime.date | None = None) -> str:
        """What the page says of them, in words: still helping, ended, or why it lapsed."""
        if self.ended_at is not None:
            return "ended"
        if not self.live(student, today):
            return f"ended on {student.first_name}'s 18th birthday"
        return "helping now"


def designees_of(student) -> tuple[Designee, ...]:
    """Every designee and guide of ``student``, live or not, oldest first."""
    return getattr(student, "designees", ())


def live_designees(student, today: datetime.date | None = None) -> list[Designee]:
    """The designees and guides who manage ``student``'s record on ``today``."""
    found = designees_of(student)
    if not found:
        return []
    today = today or clock.today()
    return [d for d in found if d.live(student, today)]


def is_designee(student, user, today: datetime.date | None = None) -> bool:
    """Whether ``user`` is a live designee or guide of ``student``."""
    return user is not None and any(d.login == user.login
                                    for d in live_designees(student, today))


def manages_record(student, user, today: datetime.date | None = None) -> bool:
    """Whether ``user`` manages who sees ``student``'s record now: whoever holds the
    family's rights (guardians before 18, the student from 18), or a live designee or
    guide. Guardians of an adult student manage nothing (they keep what is granted)."""
    if user is None:
        return False
    return holds_family_rights(student, user, today) or is_designee(student, user, today)


def _appointee(site, student, login: str, today: datetime.date):
    user = site["principals"].get_user(login)
    if user is None:
        raise DesigneeError(f"Nobody has the login {login!r}.")
    if user.kind not in APPOINTEE_KINDS:
        raise DesigneeError(f"{user.title} works at a school: school staff reach the record "
                            "through the team, not as a designee.")
    if user.student_id == student.__name__:
        raise DesigneeError(f"{user.title} is the student.")
    if holds_family_rights(student, user, today):
        raise DesigneeError(f"{user.title} already manages the record.")
    if is_designee(student, user, today):
        raise DesigneeError(f"{user.title} already manages the record as a designee "
                            "or guide.")
    return user


def _add(site, student, user, designee: Designee) -> Designee:
    student.designees = (*designees_of(student), designee)  # (replaced: kept in the record)
    if student.__name__ not in getattr(user, "designated", ()):
        user.designated = (*getattr(user, "designated", ()), student.__name__)
    return designee


def name_designee(site, student, login: str, *, by: str,
                  now: datetime.datetime | None = None) -> Designee:
    """``by`` (who holds the family's rights) names ``login`` to manage the record."""
    now = now or clock.now(zone=datetime.UTC)
    today = clock.day_of(now)
    user = _appointee(site, student, login, today)
    designee = Designee(id=f"d{secrets.token_hex(4)}", login=user.login, kind=DESIGNEE,
                        appointed_by=by, appointed_at=now,
                        until_majority=not rights_passed(student, today))
    return _add(site, student, user, designee)


def record_guide(site, student, login: str, order_reference: str,
                 order_date: datetime.date | None, *, by: str,
                 now: datetime.datetime | None = None) -> Designee:
    """An administrator records the guide a court or the state appointed for a student
    in foster care, with the order's reference and date."""
    now = now or clock.now(zone=datetime.UTC)
    today = clock.day_of(now)
    reference = " ".join((order_reference or "").split())
    if not reference:
        raise DesigneeError("Give the order's reference (for example its case number).")
    if len(reference) > MAX_ORDER_REFERENCE:
        raise DesigneeError(f"Keep the order's reference to {MAX_ORDER_REFERENCE} "
                            "characters.")
    if order_date is None:
        raise DesigneeError("Give the date of the order.")
    if order_date > today:
        raise DesigneeError("The order's date is in the future.")
    user = _appointee(site, student, login, today)
    guide = Designee(id=f"d{secrets.token_hex(4)}", login=user.login, kind=GUIDE,
                     appointed_by=by, appointed_at=now, order_reference=reference,
                     order_date=order_date)
    return _add(site, student, user, guide)


def find_designee(student, designee_id: str) -> Designee:
    for designee in designees_of(student):
        if designee.id == designee_id:
            return designee
    raise DesigneeError("That person is not recorded on this record (any more).")


def end_designee(student, designee_id: str, *, by: str,
                 now: datetime.datetime | None = None) -> Designee:
    """End a designee or guide at once; they stay listed, with who ended them and when."""
    designee = find_designee(student, designee_id)
    if designee.ended_at is not None:
        raise DesigneeError("That appointment was already ended.")
    ended = dataclasses.replace(designee, ended_by=by,
                                ended_at=now or clock.now(zone=datetime.UTC))
    student.designees = tuple(ended if d.id == designee_id else d
                              for d in designees_of(student))
    return ended


def managed_students(site, user, today: datetime.date | None = None) -> list:
    """The students whose record ``user`` helps manage as a live designee or guide, by
    name: the "Records you help manage" of their home page."""
    if user is None:
        return []
    students = site["students"]
    today = today or clock.today()
    found = [students[sid] for sid in getattr(user, "designated", ()) if sid in students]
    return sorted((s for s in found if is_designee(s, user, today)),
                  key=lambda s: s.sort_key)
