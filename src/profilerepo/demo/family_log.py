"""Months of "who looked at the record" (FERPA 99.32) for the demo's showcase student:
the counselor and the teachers on school days, an administrator now and then, the tutor
the family granted on their weekly session, spread over the last four months.

Written straight into the access log's store (the pages that read it are what the demo
shows); who looked, when and at what follows from the student's id and the day, so the
same district always shows the same log."""
from __future__ import annotations

import datetime
import zlib
from collections.abc import Iterator

from profilerepo import clock
from profilerepo.accesslog.capacity import CAPACITIES, SCHOOL_ADMINISTRATOR
from profilerepo.accesslog.store import AccessLog, Scope, View
from profilerepo.content.lineage import path_of
from profilerepo.family.grants import live_grants
from profilerepo.security.principals import logins

MONTHS_OF_DAYS = 120
SCHOOL_DAYS = (0, 1, 2, 3, 4)  # (Monday to Friday)
WORDS = dict(CAPACITIES)


def _documents(student, names: tuple[str, ...]) -> list:
    """The student's page and the documents a person in that role opens, by section."""
    found = [student]
    for name in names:
        node = student.get(name)
        if node is None:
            continue
        if name == "plan":
            found += [node, *node.goals.values()]
        elif name in ("narratives", "portfolio"):
            found += list(node.values())
        else:
            found.append(node)
    return found


def _visits(student, login: str, today: datetime.date, every: int, most: int,
            weekdays: tuple[int, ...], since: datetime.date
            ) -> Iterator[tuple[datetime.date, int, int]]:
    """(day, how many pages, which first) of ``login``'s visits from ``since`` (the day
    they could first look: the student's enrolment, the tutor's grant): on about one day
    in ``every`` of ``weekdays``, up to ``most`` pages."""
    for ago in range(MONTHS_OF_DAYS, 0, -1):
        day = today - datetime.timedelta(days=ago)
        if day < since or day.weekday() not in weekdays:
            continue
        turn = zlib.crc32(f"{student.__name__}/{login}/{day}".encode())
        if turn % every == 0:
            yield day, 1 + (turn >> 8) % most, turn >> 16


def _view(student, user, capacity: str, document, day: datetime.date, minute: int,
          zone) -> View:
    at = datetime.datetime.combine(day, datetime.time(8 + minute // 60 % 9, minute % 60),
                                   tzinfo=zone)
    download = getattr(document, "filename", "") and minute % 3 == 0
    return View(at=at, student_id=student.__name__, student_name=student.title,
                school_id=student.school or "", login=user.login, name=user.title,
                capacity=capacity, path=path_of(document),
                kind=getattr(document, "type_title", "") or "",
                title=str(getattr(document, "title", "") or document.__name__),
                view="download" if download else "")


def _people(site, student, today: datetime.date, admins: list[str]):
    """(user, capacity, sections opened, one visit in how many days, pages at most,
    weekdays) of each person who looks at the record."""
    principals = site["principals"]
    team = [(login, "counselor", ("profile", "plan", "transcript", "narratives"), 2, 3)
            for login in logins(student.holders("counselor"))]
    team += [(login, "teacher", ("profile", "plan", "narratives", "portfolio"), 4, 3)
             for login in logins(student.holders("teacher"))]
    for login, role, sections, every, most in team:
        user = principals.get_user(login)
        if user is not None:
            yield user, WORDS[role], sections, every, most, SCHOOL_DAYS
    for login in admins[:1]:
        user = principals.get_user(login)
        if user is not None:
            yield user, SCHOOL_ADMINISTRATOR, ("transcript", "plan"), 9, 2, SCHOOL_DAYS
    tutors = {g.login: g for g in student.grants if g.live(today)} \
        if getattr(student, "grants", ()) else {}
    for login in list(tutors)[:1]:
        user = principals.get_user(login)
        sections = tuple(sorted(set().union(*(g.sections for g in
                                              live_grants(student, login, today)))))
        if user is not None:  # (the tutor's weekly session, on a Tuesday)
            yield user, WORDS["contributor"], sections, 1, 3, (1,)


def months_of_views(site, student, store: AccessLog, today: datetime.date,
                    admins: list[str]) -> int:
    """Write the student's last months of views into ``store`` (once: a log that already
    has the student's views is left as it is); returns how many were written."""
    if store.count(Scope(student_id=student.__name__)):
        return 0
    zone = clock.district_zone()
    entries: list[View] = []
    enrolled = student.entry_date or today - datetime.timedelta(days=MONTHS_OF_DAYS)
    for user, capacity, sections, every, most, weekdays in _people(site, student, today,
                                                                    admins):
        documents = _documents(student, sections)
        granted = [g.starts for g in getattr(student, "grants", ()) if g.login == user.login]
        since = max(enrolled, min(granted)) if granted else enrolled
        for day, pages, first in _visits(student, user.login, today, every, most,
                                         weekdays, since):
            for page in range(pages):
                document = documents[(first + page) % len(documents)]
                minute = (first >> 3) % 480 + page * 2
                entries.append(_view(student, user, capacity, document, day, minute, zone))
    store.record_many(entries)
    return len(entries)
