"""Records requests from another district in the demo: the student in foster care is
moving to Lakeside (a request waits for an administrator's approval), and another
student's record was sent there last month; both show in the families' access logs."""
from __future__ import annotations

import datetime

from profilerepo import clock
from profilerepo.accesslog.store import AccessLog, View
from profilerepo.demo.family import administrators
from profilerepo.portability import transfers
from profilerepo.portability.transfer_api import CAPACITY, REQUEST_LOG, SENT_LOG

LAKESIDE = ("did:web:records.lakeside.example", "Lakeside County Schools")


def records_requests(site, today: datetime.date, chosen: dict[str, str],
                     access_log: AccessLog | None = None) -> None:
    students = site["students"]
    foster = students.get(chosen.get("foster", ""))
    others = [s for s in (students.get(i) for i in list(students.keys())[:40])
              if s is not None and s.__name__ not in chosen.values()]
    if foster is not None:
        _asked_of_us(site, foster, today - datetime.timedelta(days=2), access_log,
                     sent=False)
    if others:
        _asked_of_us(site, others[-1], today - datetime.timedelta(days=33), access_log,
                     sent=True)


def lakeside_school(grade: str) -> str:
    """The Lakeside school a student of ``grade`` would join (a grade 9 student goes to
    the high school, not the middle school)."""
    number = 0 if grade in ("", "K") else int(grade) if grade.isdigit() else 0
    level = "High" if number >= 9 else "Middle" if number >= 6 else "Elementary"
    return f"Lakeside {level} School"


def _asked_of_us(site, student, day: datetime.date, access_log, *, sent: bool) -> None:
    at = datetime.datetime.combine(day, datetime.time(15, 10), tzinfo=clock.UTC)
    school = lakeside_school(student.grade)
    transfer = transfers.RecordsTransfer(
        transfers.ASKED_OF_US, *LAKESIDE, given_name=student.given_name,
        family_name=student.family_name, birth_date=student.birth_date,
        their_student_id="", school=school, purpose=f"to enrol the student at {school}",
        include_hidden=False, by=LAKESIDE[1], at=at)
    transfer.student_id = student.__name__
    if sent:
        later = at + datetime.timedelta(days=1, hours=1)
        transfer.status = transfers.SENT
        transfer.note("Approved", next(iter(administrators(site, student)), ""), later)
        transfer.note("Record sent", LAKESIDE[1], later + datetime.timedelta(minutes=20))
    transfers.add_transfer(site, transfer)
    if access_log is None:
        return
    rows = [(at, REQUEST_LOG)] + ([(transfer.history[-1][0], SENT_LOG)] if sent else [])
    access_log.record_many(View(
        at=when, student_id=student.__name__, student_name=student.title,
        school_id=student.school, login=LAKESIDE[0], name=LAKESIDE[1],
        capacity=f"{CAPACITY} ({transfer.purpose})", path=f"students/{student.__name__}",
        kind="Whole record", title=student.title, view=view) for when, view in rows)
