"""In what capacity someone viewed a student's record, in the plain words the family reads
on the access log (99.32 asks for each viewer's legitimate interest).

Worked out once, here, from the roles the person holds on the document they viewed.
"""
from __future__ import annotations

from profilerepo.family.designees import GUIDE as GUIDE_KIND
from profilerepo.family.designees import live_designees
from profilerepo.family.hiding import hiding_of, released
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS, school_administrators

# Role held -> the words the log shows, the closest relationship to the student first: a
# counselor who is also a school administrator looked as the student's counselor.
# A designee holds no role (they manage the record, and read only what is granted them);
# staff reading what the family hid, released by a records request, say so too.
CAPACITIES = (
    ("counselor", "counselor on the team"),
    ("teacher", "teacher on the team"),
    ("contributor", "granted by the family"),
)
DESIGNEE = "designee named by the family"
GUIDE = "guide appointed by a court or the state"
SCHOOL_ADMINISTRATOR = "school administrator"
DISTRICT_ADMINISTRATOR = "district administrator"
OTHER = "other school staff"  # (a role this table does not name yet)


def capacity(access, student, document) -> str:
    """The capacity in which the person ``access`` is about (``request.access``) views
    ``document`` of ``student``, in plain words; for a document the family hid from
    future providers that a records request released, what it was read by."""
    words = _role_words(access, student, document)
    hiding = hiding_of(document)
    if hiding is not None and hiding.school_id != student.school and released(
            student, hiding):
        return f"{words} (through a records request)"
    return words


def live_designee(student, user):
    """The live designee or guide record naming ``user`` on ``student``, or None."""
    if user is None:
        return None
    return next((d for d in live_designees(student) if d.login == user.login), None)


def _role_words(access, student, document) -> str:
    roles = access.roles_on(document)
    for role, words in CAPACITIES:
        if role in roles:
            return words
    if "administrator" in roles:
        groups = getattr(access.user, "groups", ())
        if school_administrators(student.school) not in groups and (
                DISTRICT_ADMINISTRATORS in groups):
            return DISTRICT_ADMINISTRATOR
        return SCHOOL_ADMINISTRATOR
    found = live_designee(student, access.user)  # (they manage; they hold no role)
    if found is not None:
        return GUIDE if found.kind == GUIDE_KIND else DESIGNEE
    return OTHER
