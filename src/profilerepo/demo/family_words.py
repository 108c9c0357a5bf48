"""The family's own words in the demo district: a guardian's comment on the transcript that
explains a gap or an event, and what they saw at home on the goals of the plan.

Written for the showcase student and a handful of others, chosen and worded by the
student's id alone, so the same district always says the same."""
from __future__ import annotations

import datetime
import zlib

from profilerepo.family.words import AS_GUARDIAN, about_choices, add_words

DAY = datetime.timedelta(days=1)
HANDFUL = 8  # students whose families wrote (the showcase among them)

# (about: "term", "course" or "" for the whole transcript, the comment); {name} is the
# student's first name.
COMMENTS = (
    ("term", "We moved in the middle of this term, and {name} was out of school for three "
             "weeks between the two schools. The low marks are from that gap, not from "
             "not trying."),
    ("term", "{name}'s grandfather died this term and {name} missed school for the funeral "
             "and the week after. We would like future teachers to know why the grades dipped."),
    ("course", "{name} had a broken arm for six weeks of this course and could not write. "
               "The teacher let {name} answer out loud for part of it, not all of it."),
    ("", "Some absences on this record were hospital visits for asthma. We have the "
         "doctor's notes if the school needs them."),
    ("course", "{name} joined this class late, after the schedule changed, and missed the "
               "first unit. The grade covers work {name} was never taught."),
    ("", "{name} started at this school mid-year after a move from another state; the "
         "earlier school's records arrived late."),
)
# What a family sees at home, by the goal's area (a reading goal hears about reading).
OBSERVATIONS = {
    "academic": (
        "At home {name} read to a younger cousin for fifteen minutes without stopping, "
        "and asked to do it again.",
        "We practised the math facts in the car this week; {name} got most of them "
        "quickly and was proud of it.",
        "{name} wrote a thank-you letter to a neighbour without help and checked the "
        "spelling too."),
    "social-emotional": (
        "{name} used the calm-down plan without a reminder on Saturday when a game went "
        "badly: walked away, came back ten minutes later.",
        "Homework took longer this week and {name} was tired and upset; we think the new "
        "medicine may be part of it."),
    "attendance": (
        "{name} was up on time every school day this week without being woken, using the "
        "new alarm.",),
    "": (  # (any other area)
        "{name} planned the week's homework on the fridge calendar and kept to it.",
        "{name} told us about the goal at dinner and said what helps."),
}


def _turn(student, salt: str) -> int:
    return zlib.crc32(f"{student.__name__}/{salt}".encode())


def _about(transcript, kind: str, turn: int) -> str:
    """The term or course the comment names (the whole transcript if it has none)."""
    choices = [value for value, _ in about_choices(transcript)[1:]
               if (", " in value) == (kind == "course")]
    return choices[turn % len(choices)] if kind and choices else ""


def comment_on_transcript(student, guardian: str, today: datetime.date) -> None:
    """One guardian's comment on the transcript, explaining a gap or an event."""
    transcript = student.get("transcript")
    if transcript is None:
        return
    turn = _turn(student, "comment")
    kind, words = COMMENTS[turn % len(COMMENTS)]
    written = today - (20 + turn % 90) * DAY
    add_words(transcript, {"about": _about(transcript, kind, turn >> 8),
                           "text": words.format(name=student.first_name)},
              by=guardian, capacity=AS_GUARDIAN, when=_noon(written))


def observe_goals(student, guardian: str, today: datetime.date, most: int = 2) -> None:
    """What the guardian saw at home on (up to ``most`` of) the plan's goals in force."""
    plan = student.get("plan")
    if plan is None:
        return
    goals = [goal for goal in plan.goals.values() if goal.in_force][:most]
    for number, goal in enumerate(goals):
        turn = _turn(student, f"observed/{goal.__name__}")
        for step in range(1 + turn % 2):  # one or two, a few weeks apart
            observed = today - (3 + (turn >> 4) % 10 + 21 * step) * DAY
            if goal.baseline_date is not None:
                observed = max(observed, goal.baseline_date)
            said = OBSERVATIONS.get(goal.area or "", OBSERVATIONS[""])
            words = said[(turn + number + step) % len(said)]
            add_words(goal, {"observed": observed,
                             "text": words.format(name=student.first_name)},
                      by=guardian, capacity=AS_GUARDIAN, when=_noon(observed))


def writes(student) -> bool:
    """Whether the family of ``student`` is one of those (about one in ten, by id) whose
    words the demo shows."""
    return _turn(student, "writes") % 10 == 4


def families_write(students, guardian_of, today: datetime.date) -> list[str]:
    """Comments and observations by a guardian of each of the first ``HANDFUL`` of
    ``students`` (the showcase first) that have one; returns the students written on."""
    written: list[str] = []
    for student in students:
        guardian = guardian_of(student)
        if guardian is None or student.__name__ in written:
            continue
        comment_on_transcript(student, guardian, today)
        observe_goals(student, guardian, today)
        written.append(student.__name__)
        if len(written) >= HANDFUL:
            break
    return written


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
