"""Who holds the family's rights on a student (FERPA 99.3, 99.5): the guardians until the
student turns 18, then the student. Pages and workflows ask ``roles.FAMILY_RIGHTS``
(a derived role, see ``security.access.held_roles``); code with a user and a student and
no request asks here."""
from __future__ import annotations

import datetime

from profilerepo.security.roles import MAJORITY_AGE


def rights_passed(student, today: datetime.date | None = None) -> bool:
    """Whether the family's rights have passed to the student (their 18th birthday)."""
    return student.birth_date is not None and student.age(today) >= MAJORITY_AGE


def holds_family_rights(student, user, today: datetime.date | None = None) -> bool:
    """Whether ``user`` holds the family's rights on ``student`` now: a guardian of the
    student before their 18th birthday, the student themself from it."""
    if user is None:
        return False
    if rights_passed(student, today):
        return user.student_id == student.__name__
    return "guardian" in student.roles_of([user.principal])


def is_family(student, user, today: datetime.date | None = None) -> bool:
    """Whether ``user`` is the student, or one of their guardians while the family's
    rights are theirs: the people whose views of the record are not logged (99.32 logs
    everyone else's; from 18 a parent reads what the student grants, as others do)."""
    if user is None:
        return False
    if user.student_id == student.__name__:
        return True
    return not rights_passed(student, today) and "guardian" in student.roles_of(
        [user.principal])


def majority_day(student) -> datetime.date | None:
    """The student's 18th birthday (28 February for a 29 February birthday), or None."""
    born = student.birth_date
    if born is None:
        return None
    try:
        return born.replace(year=born.year + MAJORITY_AGE)
    except ValueError:
        return born.replace(year=born.year + MAJORITY_AGE, day=28)


NOTICE_FROM_AGE = MAJORITY_AGE - 1  # (the family is told a year ahead)


def rights_notice(student, user, today: datetime.date | None = None) -> str:
    """What the student or a guardian is told about the rights passing at 18: from the
    17th birthday, what will change and when; from the 18th, to the student, that the
    rights are theirs. Empty for anyone else, and outside those years."""
    day, age = majority_day(student), student.age(today)
    if day is None or user is None or age < NOTICE_FROM_AGE:
        return ""
    when = f"{day:%-d %B %Y}"
    themself = user.student_id == student.__name__
    guardian = "guardian" in student.roles_of([user.principal])
    if age < MAJORITY_AGE and themself:
        return (f"On {when} you turn 18, and the rights over your record pass from your "
                "family to you: you will decide who sees it and until when, read who "
                "looked at it, and make requests about it. Your family will see only what "
                "you choose to share with them.")
    if age < MAJORITY_AGE and guardian:
        return (f"On {when} {student.first_name} turns 18, and the rights over this record "
                f"pass to {student.first_name}: from then on {student.first_name} decides "
                "who sees it (you included), reads who looked at it and makes requests "
                f"about it. You will see what {student.first_name} chooses to share with you.")
    if themself:
        return (f"Since {when} the rights over your record are yours: you decide who sees "
                "it and until when, read who looked at it, and make requests about it.")
    if guardian:
        return (f"{student.first_name} turned 18 on {when}, and the rights over this record "
                f"passed to {student.first_name}. You see what {student.first_name} chooses "
                "to share with you.")
    return ""
