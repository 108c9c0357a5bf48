"""The family's side of a shared progress report: who read it, their questions and the
counselor's answers, kept in a dated log on the report (never edited afterwards); and
when a family member opened the report after an answer to them, so their home page stops
calling the answer new.

Its signature too: the counselor who wrote it, not whoever opened the round of reports."""
from __future__ import annotations

import datetime

import colander

from profilerepo.content import fields
from profilerepo.content.dated_log import log_of
from profilerepo.plans.reports import ProgressReport
from profilerepo.security.principals import logins
from profilerepo.workflow import group

READ, QUESTION, ANSWER, OPENED = "read", "question", "answer", "opened"


class QuestionSchema(colander.MappingSchema):
    text = fields.text("Your question", required=True, rows=5, max_length=4000,
                       description="It goes to the counselor who wrote the report; their "
                                   "answer appears on the report")


class AnswerSchema(colander.MappingSchema):
    text = fields.text("Your answer", required=True, rows=5, max_length=4000,
                       description="The family reads it on the report")


def _add(report: ProgressReport, kind: str, by: str, text: str,
         when: datetime.datetime | None) -> None:
    when = when or datetime.datetime.now(datetime.UTC)
    log_of(report, "reply_log", "replies").append(
        {"date": when.date(), "at": when, "kind": kind, "by": by, "text": text})


def acknowledge(report: ProgressReport, by: str, when=None) -> None:
    """Keep that ``by`` read the report (once each time it is shared)."""
    if not has_read(report, by):
        _add(report, READ, by, "", when)


def ask(report: ProgressReport, text: str, by: str, when=None) -> None:
    """Keep a family member's question to the counselor."""
    _add(report, QUESTION, by, text, when)


def answer(report: ProgressReport, text: str, by: str, when=None) -> None:
    """Keep the counselor's answer: every question asked before it is answered."""
    _add(report, ANSWER, by, text, when)


def opened(report: ProgressReport, by: str, when=None) -> None:
    """Keep that ``by`` opened the report, when an answer to them was new to them (so a
    plain visit writes nothing)."""
    if new_answer(report, by) is not None:
        _add(report, OPENED, by, "", when)


def new_answer(report: ProgressReport, login: str) -> dict | None:
    """The newest answer to a question ``login`` asked, when ``login`` has not opened the
    report since it was written; else None."""
    asked, found = False, None
    for reply in report.replies:
        if reply["by"] != login and reply["kind"] == ANSWER and asked:
            found = reply
        elif reply["by"] == login and reply["kind"] == QUESTION:
            asked = True
        elif reply["by"] == login and reply["kind"] == OPENED:
            found = None
    return found


def exchanged(report: ProgressReport) -> list[dict]:
    """The replies a page shows: acknowledgements, questions and answers, oldest first."""
    return [r for r in report.replies if r["kind"] != OPENED]


def last_shared(report: ProgressReport) -> datetime.datetime | None:
    """When the report was last shared with the family (None: never)."""
    shared = group("progress-report", "shared with the family")
    times = [h.time for h in report.workflow_history
             if h.target in shared and h.workflow in ("", "progress-report")]
    return max(times, default=None)


def has_read(report: ProgressReport, login: str) -> bool:
    """Whether ``login`` acknowledged the report since it was last shared."""
    since = last_shared(report)
    return any(r["kind"] == READ and r["by"] == login and (since is None or r["at"] >= since)
               for r in report.replies)


def waiting_questions(report: ProgressReport) -> list[dict]:
    """The questions asked since the last answer (those the counselor owes an answer)."""
    waiting: list[dict] = []
    for reply in report.replies:
        if reply["kind"] == ANSWER:
            waiting = []
        elif reply["kind"] == QUESTION:
            waiting.append(reply)
    return waiting


def counselors(student) -> list[str]:
    """The logins of the student's counselors."""
    return logins(student.holders("counselor")) if student else []


def author(report: ProgressReport) -> str:
    """The counselor who wrote the report: the newest of its versions saved by one of the
    student's counselors, else the counselor who reviewed or shared it, else the student's
    counselor; "" when it has none (never the administrator who opened the cycle)."""
    theirs = counselors(report.student)
    for version in report.newest_first():
        if version.by in theirs:
            return version.by
    for entry in reversed(report.workflow_history):
        if entry.actor in theirs:
            return entry.actor
    return theirs[0] if theirs else ""
