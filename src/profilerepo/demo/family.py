"""The family's half of the demo district, laid over the loaded students: grants in every
state (live at each level, not yet started, ended, revoked), a past plan the family hid
for a fresh start, and the students the rights-at-18 notice and the rights themselves
are about; a designee the family named and a guide a court appointed; the family's
words (``family_words``), requests (``family_requests``) and months of the access log
(``family_log``). Chosen by rule, not at random, so the same district always shows the
same."""
from __future__ import annotations

import datetime
import zlib

from profilerepo.accesslog.store import AccessLog
from profilerepo.demo import names
from profilerepo.demo.family_log import months_of_views
from profilerepo.demo.family_requests import family_requests
from profilerepo.demo.family_words import HANDFUL, families_write, writes
from profilerepo.demo.loader import DEMO_PASSWORD
from profilerepo.family.designees import GUIDE, designees_of, name_designee, record_guide
from profilerepo.family.grants import CONTRIBUTE, READ, grants_of, make_grant, revoke_grant
from profilerepo.family.hiding import hide
from profilerepo.plans.goals import Goal
from profilerepo.plans.plan import PastPlans, Plan
from profilerepo.principals import hash_password
from profilerepo.security.principals import (
    DISTRICT_ADMINISTRATORS,
    logins,
    school_administrators,
)
from profilerepo.security.roles import MAJORITY_AGE
from profilerepo.workflow import WorkflowEngine

DAY = datetime.timedelta(days=1)


def _noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def _holder(student, role: str) -> str | None:
    """The login of the first person holding ``role`` on ``student``, if any."""
    found = logins(student.holders(role))
    return found[0] if found else None


def _guardian(student) -> str | None:
    return _holder(student, "guardian")


def vary_grants(site, student, today: datetime.date) -> None:
    """Beside the live grants the loader made: for about one family in five an earlier
    grant that ended, for one in ten one they revoked, for one in ten one that starts next
    week (the summer tutor)."""
    guardian = _guardian(student)
    grants = grants_of(student)
    if guardian is None or not grants:
        return
    tutor = grants[0].login
    turn = zlib.crc32(student.__name__.encode()) % 10
    first = today - 300 * DAY
    if turn in (0, 1):
        make_grant(site, student, tutor, ["profile"], READ, "Summer reading camp",
                   first, first + 60 * DAY, by=guardian, now=_noon(first))
    if turn == 2:
        made = make_grant(site, student, tutor, ["portfolio"], CONTRIBUTE,
                          "Art portfolio mentoring", first, today + 60 * DAY, by=guardian,
                          now=_noon(first))
        revoke_grant(student, made.id, by=guardian, now=_noon(today - 20 * DAY))
    if turn == 3:
        make_grant(site, student, tutor, ["plan", "narratives"], READ, "Summer tutoring",
                   today + 7 * DAY, today + 70 * DAY, by=guardian, now=_noon(today))


def hidden_past_plan(engine: WorkflowEngine, student, today: datetime.date) -> None:
    """Last year's support plan, closed and filed, which the family hid from future
    schools: a fresh start."""
    guardian = _guardian(student)
    if guardian is None or "past-plans" in student:
        return
    start = datetime.date(today.year - 2, 9, 1) if today.month < 8 else \
        datetime.date(today.year - 1, 9, 1)
    end = datetime.date(start.year + 1, 6, 15)
    by = _holder(student, "counselor") or "demo"
    student.add("past-plans", PastPlans())
    name = f"{start:%Y}-{end:%Y}"
    student["past-plans"].add(name, Plan({
        "period_start": start, "period_end": end, "review_due": end,
        "accommodations": "A quiet room for tests; breaks when overwhelmed",
        "supports": ({"kind": "Behaviour support", "provider": by, "setting": "in school",
                      "frequency": "daily check-in", "minutes": 10, "start": start,
                      "end": end},),
    }, by, _noon(start)))
    plan = student["past-plans"][name]
    plan.goals.add("goal-1", Goal({
        "title": "Stays in class through the whole period", "area": "social-emotional",
        "measure": "Periods left early, from the behaviour log", "unit": "periods a week",
        "higher_is_better": False,
        "baseline_value": 6.0, "baseline_date": start, "target_value": 1.0,
        "target_date": end, "schedule": "weekly", "responsible": (by,)}, by, _noon(start)))
    actor = {"actor": by, "roles": {"counselor"}}
    engine.perform(plan.goals["goal-1"], "activate", when=_noon(start), **actor)
    for step, day in (("submit", start), ("adopt", start), ("share_with_family", start),
                      ("close", end)):
        engine.perform(plan, step, when=_noon(day), **actor)
    hide(student, plan, by=guardian, now=_noon(end + 30 * DAY))


def _pick(words: tuple[str, ...], student, salt: str) -> str:
    return words[zlib.crc32(f"{student.__name__}/{salt}".encode()) % len(words)]


def _new_person(site, student, given: str, family: str, suffix: str,
                password_hash: str):
    """A contributor account for someone outside the school (a relative, a guide), with
    the demo password; the login ends in ``suffix`` and the student's number (no
    collision: guardians' logins end in a bare number)."""
    principals = site["principals"]
    number = "".join(ch for ch in student.__name__ if ch.isdigit()).lstrip("0")
    login = f"{names.slug(given)}.{names.slug(family)}.{suffix}{number}"[:64]
    return principals.get_user(login) or principals.add_user(
        login, f"{given} {family}", "contributor", password_hash=password_hash,
        email=f"{login}@example.org")


def administrators(site, student, *, district: bool = False) -> list[str]:
    """The logins of the student's school's administrators, else the district's (the
    district's first, when ``district``)."""
    groups = site["principals"].groups
    order = [school_administrators(student.school or ""), DISTRICT_ADMINISTRATORS]
    for group_id in reversed(order) if district else order:
        group = groups.get(group_id)
        if group is not None and group.members:
            return sorted(group.members)
    return []


def name_aunt(site, student, today: datetime.date, password_hash: str) -> None:
    """The showcase's guardian names the student's aunt to help manage the record."""
    guardian = _guardian(student)
    if guardian is None or any(d.kind != GUIDE for d in designees_of(student)):
        return
    aunt = _new_person(site, student, _pick(names.GIVEN_SHE, student, "aunt"),
                       student.family_name, "aunt", password_hash)
    name_designee(site, student, aunt.login, by=guardian, now=_noon(today - 40 * DAY))


def record_court_guide(site, student, today: datetime.date, password_hash: str) -> None:
    """A district administrator records the guide a juvenile court appointed for a student
    in foster care, with the order's reference and date."""
    admins = administrators(site, student, district=True)
    if not admins or any(d.kind == GUIDE for d in designees_of(student)):
        return
    guide = _new_person(site, student, _pick(names.GIVEN_ANY, student, "guide"),
                        _pick(names.FAMILY_NAMES, student, "guide"), "guide",
                        password_hash)
    ordered = today - 75 * DAY
    number = zlib.crc32(student.__name__.encode()) % 10000
    record_guide(site, student, guide.login, f"JV-{ordered.year}-{number:04d}", ordered,
                 by=admins[0], now=_noon(ordered + 3 * DAY))


def showcase(site, engine: WorkflowEngine, today: datetime.date, *,
             password_hash: str | None = None,
             access_log: AccessLog | None = None) -> dict[str, str]:
    """Lay the family's half over the district; returns the students the demo logins are
    about: {"showcase": id, "seventeen": id, "eighteen": id, "foster": id} (those the
    district has). New people get ``password_hash`` (the demo password's by default);
    the showcase's months of views go to ``access_log`` when there is one."""
    students = site["students"]
    chosen: dict[str, str] = {}
    writing: list = []
    for student_id in students.keys():
        student = students[student_id]
        vary_grants(site, student, today)
        age = student.age(today)
        if age == MAJORITY_AGE - 1 and "seventeen" not in chosen:
            chosen["seventeen"] = student_id
        if age >= MAJORITY_AGE and "eighteen" not in chosen and _holder(student, "student"):
            chosen["eighteen"] = student_id
        young = _guardian(student) and _holder(student, "student") and age < MAJORITY_AGE - 1
        if "showcase" not in chosen and young and grants_of(student):
            chosen["showcase"] = student_id
            hidden_past_plan(engine, student, today)
        elif "foster" not in chosen and young and "showcase" in chosen:
            chosen["foster"] = student_id  # (every demo student has a guardian: one chosen)
        if writes(student) and len(writing) < HANDFUL:
            writing.append(student)
    password_hash = password_hash or hash_password(DEMO_PASSWORD)
    if "foster" in chosen:
        record_court_guide(site, students[chosen["foster"]], today, password_hash)
    first = students.get(chosen.get("showcase", ""))
    if first is not None:
        name_aunt(site, first, today, password_hash)
        admins = administrators(site, first)
        if admins:
            family_requests(engine, first, _guardian(first), admins[0], today)
        if access_log is not None:
            months_of_views(site, first, access_log, today, admins)
    families_write([*([first] if first is not None else []), *writing], _guardian, today)
    return chosen
