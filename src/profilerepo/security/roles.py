"""Who may do what, by role and section: the one table the whole product reads.

A student folder's sections each name their ``section``; their ACL is built
from this table and ends in a deny-all, so nothing is inherited by accident.
"""
from __future__ import annotations

from dataclasses import dataclass

from pyramid.authorization import DENY_ALL, Allow

from profilerepo.security.principals import role_principal

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
# Held on a section by a person a live grant of the family's opens it to, at the grant's
# level "read and contribute": they add to it (portfolio items, observations on goals,
# service-log sessions) but never edit the school's records. (Read access itself is the
# "contributor" role, held on the sections a live grant names.) Derived, never assigned.
CONTRIBUTING = "contributor-adds"
# Held by whoever holds the family's rights under FERPA on this student: the guardians
# until the student turns 18, then the student (99.5). Derived from the birth date.
FAMILY_RIGHTS = "family-rights"
MAJORITY_AGE = 18
TABLE_ROLES = (*ROLES, STUDENT_16, AUTHOR, CONTRIBUTING, FAMILY_RIGHTS)

ROLE_TITLES = {
    "counselor": "Counselor",
    "teacher": "Teacher",
    "administrator": "Administrator",
    "guardian": "Parent or guardian",
    "student": "Student",
    "contributor": "Contributor",
    STUDENT_16: "Student aged 16 or over",
    AUTHOR: "Author of the document",
    CONTRIBUTING: "Granted to read and contribute",
    FAMILY_RIGHTS: "Holds the family's rights",
}

SECTIONS = ("student", "transcript", "profile", "plan", "narratives", "portfolio", "requests")

# section -> role -> permissions. "v" is view, "a" add items, "e" edit (and add).
# A "contributor" holds the role only on the sections a live grant of the family opens
# (``family.grants``), and reads there only what the family itself may read.
_TABLE = {
    "student": {
        "counselor": "v", "teacher": "v", "administrator": "ve",
        "guardian": "v", "student": "v", "contributor": "v",
    },
    "transcript": {
        "counselor": "v", "teacher": "v", "administrator": "ve",
        "guardian": "v", "student": "v", "contributor": "v",
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
        "guardian": "v", "student": "v", "contributor": "v",
    },
    "portfolio": {
        "counselor": "v", "teacher": "ve", "administrator": "v",
        "guardian": "ve", "student": "ve", "contributor": "v", CONTRIBUTING: "a",
    },
    # The family's requests to see or correct the record (99.10, 99.20): the family
    # holding the rights makes them; only they and the administrators read them.
    "requests": {"administrator": "v", FAMILY_RIGHTS: "va"},
}

_LETTERS = {"v": (VIEW,), "a": (ADD,), "e": (EDIT, ADD)}


# Actions pages offer beyond viewing, editing and adding, each a permission of its own.
LOG_SESSIONS = "log-sessions"
START_NEXT_PLAN = "start-next-plan"
RECORD_MEASUREMENTS = "record-measurements"
WRITE_OWN_WORDS = "write-own-words"
ADD_FAMILY_WORDS = "add-family-words"
AWARD_BADGE = "award-badge"
RECEIVE_BADGE = "receive-badge"
REVOKE_BADGE = "revoke-badge"
CHOOSE_FOR_NEXT_TEACHER = "choose-for-next-teacher"

# Holders of an action other than roles: a person the document names (a goal's
# responsible staff; a contributor named as a support's provider) or the student in their
# own folder (the one their login opens).
RESPONSIBLE = "responsible"
PROVIDER = "provider"
THEMSELF = "themself"


@dataclass(frozen=True)
class Action:
    """Who may take an action (roles held on the student, or the holders above), what a
    refusal says, and ``not_now``: what it says when the document's state refuses."""

    holders: frozenset[str]
    refusal: str
    not_now: str = ""


# What else each action asks of the document's state is checked by ``security.access``.
ACTIONS = {
    LOG_SESSIONS: Action(  # a plan in force: the team logs any support, a provider theirs
        frozenset({"counselor", "teacher", PROVIDER}),
        "Sessions are logged against a plan in force with supports, by its counselor, "
        "teachers and outside providers."),
    START_NEXT_PLAN: Action(  # once the plan is closed
        frozenset({"counselor", "administrator"}),
        "Only the counselor or an administrator starts the next plan, once this one is "
        "closed."),
    RECORD_MEASUREMENTS: Action(  # while the goal takes data
        frozenset({RESPONSIBLE}),
        "Measurements are recorded by the staff responsible for this goal.",
        not_now="Measurements are recorded only while the goal is active and its plan is "
                "not closed."),
    WRITE_OWN_WORDS: Action(
        frozenset({THEMSELF}), "Only the student writes here: these are their own words."),
    ADD_FAMILY_WORDS: Action(  # comments on the transcript, observations on goals
        frozenset({FAMILY_RIGHTS, CONTRIBUTING}),
        "The family adds comments and observations here, and the people the family "
        "granted to read and contribute to this part of the record."),
    AWARD_BADGE: Action(  # (never the family, nor staff who do not teach the student)
        frozenset({"teacher", CONTRIBUTING}),
        "Badges are awarded by the student's teachers and by the people the family "
        "granted to read and contribute to the portfolio."),
    RECEIVE_BADGE: Action(
        frozenset({"teacher", "guardian", "student", FAMILY_RIGHTS}),
        "Badges from elsewhere are added by the family, the student and the student's "
        "teachers."),
    REVOKE_BADGE: Action(
        frozenset({AUTHOR, "administrator"}),
        "A badge is revoked by the person who awarded it or by a school administrator."),
    CHOOSE_FOR_NEXT_TEACHER: Action(
        frozenset({"teacher"}),
        "The student's teachers choose the pieces their next teacher sees first."),
}


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


class InSection:
    """Mixed into every node of a student's record: its ACL is its section's row of the
    table (``section`` names it), so no node keeps an ACL of its own to go stale."""

    section = ""

    @property
    def __acl__(self) -> tuple:
        return section_acl(self.section)
