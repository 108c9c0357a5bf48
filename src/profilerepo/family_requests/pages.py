"""What the requests' pages say, worked out once for every page that shows them: where a
request stands in plain words, its days left, its history; and, for every document page
(``request.family_records``), the family's statements and the link to ask for a correction.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from profilerepo import clock
from profilerepo.content.lineage import student_of
from profilerepo.family_requests.model import (
    WAITING,
    AmendmentRequest,
    FamilyRequest,
    requests_about,
    requests_of,
)
from profilerepo.family_requests.statements import amended_by, statements_of
from profilerepo.security.roles import ADD, VIEW


def days_words(days: int) -> str:
    """Days left as a person says them: "12 days left", "due today", "3 days overdue"."""
    if days > 0:
        return f"{days} day{'' if days == 1 else 's'} left"
    if days == 0:
        return "due today"
    return f"{-days} day{'' if days == -1 else 's'} overdue"


@dataclass(frozen=True)
class Standing:
    """Where one request stands today: its state's words, and its due date while the
    school still has to answer."""

    request: FamilyRequest
    state: str  # the state's title, in plain words
    waiting: bool  # the school's days are running
    days_left: int
    overdue: bool

    @property
    def days(self) -> str:
        return days_words(self.days_left)


def standing(engine, made: FamilyRequest, today: datetime.date) -> Standing:
    waiting = engine.in_group(made, made.workflow, WAITING)
    days = made.days_left(today)
    return Standing(made, engine.state_of(made).title, waiting, days, waiting and days < 0)


@dataclass(frozen=True)
class Said:
    """One step of a request's history: who did what, when, and what they said."""

    when: datetime.datetime
    by: str
    action: str
    state: str
    comment: str


def history_of(engine, made: FamilyRequest) -> list[Said]:
    """The request's history, oldest first, beginning with its making."""
    workflow = engine.workflows[made.workflow]
    said = [Said(made.created, made.creator, "Asked", workflow.states[workflow.initial].title,
                 "")]
    for entry in made.workflow_history:
        action = workflow.transitions.get(entry.action)
        state = workflow.states.get(entry.target)
        said.append(Said(entry.time, entry.actor, action.title if action else entry.action,
                         state.title if state else entry.target, entry.comment))
    return said


def refusal_of(made: AmendmentRequest) -> Said | None:
    """The school's refusal of an amendment request (its reason), if it refused."""
    for entry in reversed(made.workflow_history):
        if entry.action == "refuse":
            return Said(entry.time, entry.actor, "", "", entry.comment)
    return None


class FamilyRecords:
    """``request.family_records``: what the shared document macro shows on every
    document's page and version pages, asked for the document at hand."""

    def __init__(self, request) -> None:
        self.request = request

    def has_statement(self, document) -> bool:
        """Whether the family added a statement to ``document`` (a search result says so)."""
        return any(s.text for s in statements_of(document))

    def statements(self, document) -> list[dict]:
        """The family's statements on ``document``: words, who wrote them and when, and
        the day the school refused to change it (everyone who reads it reads them)."""
        found = []
        for statement in statements_of(document):
            refused = refusal_of(statement.request)
            found.append({"statement": statement, "was_revised": statement.version_number > 1,
                          "refused_on": clock.day_of(refused.when, self.request.registry)
                          if refused else None})
        return found

    def amended_on(self, document, number: int) -> datetime.date | None:
        """The day of the family's request that version ``number`` of ``document`` was
        saved to answer, or None."""
        answered = amended_by(document, number)
        return answered.made_on if answered is not None else None

    def folder(self, document):
        student = student_of(document)
        if student is None or "requests" not in student or isinstance(document, FamilyRequest):
            return None
        return requests_of(student)

    def may_ask(self, document) -> bool:
        """Whether this person may ask the school to correct ``document`` here: on its own
        page, holding the family's rights."""
        folder = self.folder(document)
        return (folder is not None and not getattr(self.request, "view_name", "")
                and bool(self.request.has_permission(ADD, folder)))

    def asked(self, document) -> list[Standing]:
        """This person's view of the requests made about ``document``, for the family and
        administrators who may read them."""
        folder = self.folder(document)
        if folder is None or not self.request.has_permission(VIEW, folder):
            return []
        engine, today = self.request.registry.workflows, clock.today(self.request.registry)
        return [standing(engine, r, today) for r in requests_about(document)
                if self.request.access.can_view(r) and engine.in_group(r, r.workflow, WAITING)]


__all__ = ["FamilyRecords", "Said", "Standing", "days_words", "history_of",
           "refusal_of", "standing"]
