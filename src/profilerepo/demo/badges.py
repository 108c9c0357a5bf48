"""Badges and "for the next teacher" in the demo district, for a handful of students (the
showcase student first): badges awarded by teachers and by a tutor the family granted to
contribute to the portfolio, one revoked, one received from outside that verifies and one
that fails; pieces chosen for the next teacher, with notes. Chosen by rule, not at random."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from profilerepo.badges.issuing import award_badge, revoke_badge
from profilerepo.badges.model import Badge
from profilerepo.badges.next_teacher import choose
from profilerepo.badges.receiving import receive_badge
from profilerepo.content.portfolio import PortfolioItem
from profilerepo.credentials import get_trust
from profilerepo.family.grants import CONTRIBUTE, grantees, make_grant
from profilerepo.security.principals import logins
from profilerepo.workflow import WorkflowEngine

HANDFUL = 6  # students with badges and chosen pieces
DAY = datetime.timedelta(days=1)
BADGES = (
    ("Persuasive writer", "Writes an argument that convinces a reader.",
     "An essay with a clear claim, three reasons and evidence for each.",
     "CCSS.ELA-LITERACY.W.4.1", "Common Core State Standards"),
    ("Problem solver", "Sticks with a hard problem and explains the solution.",
     "Solved a multi-step problem and explained each step to a classmate.",
     "CCSS.MATH.PRACTICE.MP1", "Common Core State Standards"),
    ("Curious scientist", "Asks a question and tests it with a fair experiment.",
     "Planned and ran an experiment, changing one thing at a time.", "", ""),
)
NOTES = (
    "Shows how far the writing came this year: compare it with the September sample.",
    "The best example of working through a hard problem without giving up.",
    "Start here: it says more about what motivates this student than any test score.",
)


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def _after(piece, when: datetime.datetime, today: datetime.date) -> datetime.datetime:
    """``when``, or a day after ``piece`` was added if that is later (but not after
    today): a piece is chosen, or shown as a badge's evidence, only once it exists."""
    created = getattr(piece, "created", None)
    if created is None:
        return when
    latest = max(_noon(today), created + datetime.timedelta(minutes=1))
    return min(max(when, created + DAY), latest)


def _first(student, role: str) -> str | None:
    found = logins(student.holders(role))
    return found[0] if found else None


def _work(student) -> list[PortfolioItem]:
    return [i for i in student["portfolio"].values() if isinstance(i, PortfolioItem)]


def _students(site, chosen: dict[str, str]) -> list:
    """The showcase student, then the first others with a teacher and portfolio work."""
    students = site["students"]
    ordered = [chosen["showcase"]] if chosen.get("showcase") in students else []
    found = []
    for student_id in [*ordered, *students.keys()]:
        student = students[student_id]
        if student not in found and _first(student, "teacher") and _work(student):
            found.append(student)
        if len(found) == HANDFUL:
            break
    return found


def _award(site, issuer, engine, student, number: int, by: str, when,
           today: datetime.date) -> Badge:
    name, description, criteria, code, framework = BADGES[number % len(BADGES)]
    evidence = _work(student)[number % len(_work(student))]
    when = _after(evidence, when, today)
    base = (issuer.url or "http://localhost").rstrip("/")
    return award_badge(site, issuer, student, {
        "name": name, "description": description, "criteria": criteria,
        "alignment_code": code, "alignment_framework": framework,
        "evidence": evidence.__name__}, by=by, engine=engine, when=when,
        evidence_url=f"{base}/students/{student.__name__}/portfolio/{evidence.__name__}/")


def _tutor_awards(site, issuer, engine, student, today: datetime.date) -> None:
    """The family lets the student's tutor contribute to the portfolio; the tutor awards."""
    tutor, guardian = next(iter(grantees(student, "portfolio")), None), _first(student,
                                                                               "guardian")
    if tutor is None or guardian is None:
        return
    make_grant(site, student, tutor, ["portfolio"], CONTRIBUTE, "Writing tutor",
               today - 60 * DAY, today + 120 * DAY, by=guardian, now=_noon(today - 60 * DAY))
    _award(site, issuer, engine, student, 2, tutor, _noon(today - 20 * DAY), today)


def _outside(issuer) -> tuple[bytes, bytes]:
    """A badge from outside as published (it verifies), and one changed after signing."""
    text = (Path(issuer.contexts.folder) / "ob3" / "examples" / "simple.json").read_bytes()
    changed = json.loads(text)
    changed["credentialSubject"]["achievement"]["name"] = "Team captain"
    return text, json.dumps(changed, indent=2).encode()


def add_badges(site, engine: WorkflowEngine, today: datetime.date, chosen: dict[str, str],
               registry=None) -> None:
    """Lay badges and next-teacher choices over a handful of loaded students, signed with
    the district's key from ``registry`` (without one, only the choices)."""
    issuer = getattr(registry, "credential_issuer", None)
    trust = get_trust(registry) if issuer is not None else None
    for number, student in enumerate(_students(site, chosen)):
        teacher = _first(student, "teacher")
        work = _work(student)
        choose(work[0], NOTES[number % len(NOTES)], by=teacher,
               by_name=site["principals"].get_user(teacher).title,
               when=_after(work[0], _noon(today - (30 + number) * DAY), today))
        if issuer is None:
            continue
        badge = _award(site, issuer, engine, student, number, teacher,
                       _noon(today - (40 + number) * DAY), today)
        if number == 1:  # (one awarded by mistake, found out a few days later)
            revoke_badge(site, badge, by=teacher, reason="Awarded to the wrong student: "
                         "it was meant for a classmate.",
                         when=_after(badge, badge.created + 5 * DAY, today))
        if number == 0:
            _tutor_awards(site, issuer, engine, student, today)
            if trust is not None:
                verifies, changed = _outside(issuer)
                family = _first(student, "guardian") or teacher
                receive_badge(student, verifies, trust, by=family, engine=engine,
                              when=_noon(today - 10 * DAY))
                receive_badge(student, changed, trust, by=family, engine=engine,
                              when=_noon(today - 9 * DAY))
