"""The family's requests about the record (FERPA 34 CFR 99.10, 99.20-99.21): to see it, and
to correct one document of it. Each student's requests live in their own folder's
``requests`` (section "requests": only the family holding the rights and the school's and
district's administrators may open it); each request follows its workflow in
``workflows/`` and is due a fixed number of days after the day it was made.

Domain only: nothing here imports the web layer.
"""
from __future__ import annotations

import datetime

import colander
from persistent import Persistent

from profilerepo import clock
from profilerepo.content import fields
from profilerepo.content.folder import Folder, new_name
from profilerepo.content.lineage import student_of
from profilerepo.content.versions import Versioned
from profilerepo.security.roles import InSection

INSPECTION = "inspection-request"
AMENDMENT = "amendment-request"
WAITING = "waiting for the school"  # the named group (in both files) whose days run
REFUSED = "refused by the school"  # the amendment group: the family may write a statement


def moment(registry=None) -> datetime.datetime:
    """Now on the district clock, as stored: in UTC (pages show it in the district's zone;
    a zone object is not stored with every record)."""
    return clock.now(registry).astimezone(datetime.UTC)


class Requests(InSection, Folder):
    """A student's requests to see or correct the record, oldest first by name. A few
    per student over their school years, so a small folder; kept in the student's folder
    so that who may open them follows the student's roles like every section."""

    section = "requests"
    title = "Requests about the record"


class FamilyRequest(InSection, Versioned, Persistent):
    """What the family asked (its fields, versioned like every record), the day it was
    made (the school's days count from it) and who made it. Its workflow says where it
    stands and who reads it; its history who answered, when and what they said."""

    section = "requests"
    searchable = False  # (requests are found on their pages, never by search)
    kind = ""
    type_title = "Request"
    due_days = 0
    workflow_chain: tuple[str, ...] = ()
    workflow_history: tuple = ()
    made_on: datetime.date | None = None
    __name__: str | None = None
    __parent__ = None

    def __init__(self, values: dict, by: str, when: datetime.datetime | None = None) -> None:
        when = when or moment()
        self.made_on = clock.day_of(when)
        self.record(values, by, when)

    @property
    def workflow(self) -> str:
        return self.workflow_chain[0]

    @property
    def student(self):
        return student_of(self)

    @property
    def due_on(self) -> datetime.date:
        """The last day the school has to answer (99.10(b): 45 days to see the record)."""
        return self.made_on + datetime.timedelta(days=self.due_days)

    def days_left(self, today: datetime.date | None = None) -> int:
        """Days until the due date: 0 on the day itself, negative once it has passed."""
        return (self.due_on - (today or clock.today())).days


HOW = (("in person", "In person, at the school"),
       ("copies", "Copies I can take home or receive"),
       ("either", "Either is fine"))


class InspectionSchema(colander.MappingSchema):
    what = fields.text(
        "What you would like to see", rows=4, max_length=4000,
        description="Optional. For example: all of it; the reading assessments; last year's "
                    "plan. Leave it empty to ask for the whole record.")
    how = fields.choice("How you would like to see it", HOW)


class InspectionRequest(FamilyRequest):
    """A request to see the student's record; the school answers within 45 days."""

    kind = "inspection"
    type_title = "Request to see the record"
    workflow_chain = (INSPECTION,)
    due_days = 45
    schema = InspectionSchema
    fields = ("what", "how")
    what = how = ""

    @property
    def title(self) -> str:
        return f"Request to see the record, made {self.made_on.day} {self.made_on:%B %Y}"

    @property
    def how_words(self) -> str:
        """How the family would like to see it, in the form's words."""
        return dict(HOW).get(self.how, self.how)


def _reason(title: str, missing: str, description: str) -> colander.SchemaNode:
    node = fields.text(title, required=True, rows=5, max_length=6000,
                       description=description)
    node.missing_msg = missing
    return node


class AmendmentSchema(colander.MappingSchema):
    what_is_wrong = _reason(
        "What is wrong", "Say what in this record is wrong or misleading",
        "Say which part, and what it should say instead.")
    why = _reason(
        "Why it is wrong", "Say why you believe it is wrong: the school decides on your reasons",
        "For example: the dates do not match; it describes another child; it leaves out "
        "what happened.")


class AmendmentRequest(FamilyRequest):
    """A request to correct one document (``document``, a reference that follows it when
    it moves); the school decides within a reasonable time, 30 days here. If it corrects
    it, ``amended_version`` is the version it saved for this request."""

    kind = "amendment"
    type_title = "Request to correct the record"
    workflow_chain = (AMENDMENT,)
    due_days = 30
    schema = AmendmentSchema
    fields = ("what_is_wrong", "why")
    what_is_wrong = why = ""
    document = None
    amended_version = 0

    def __init__(self, document, values: dict, by: str,
                 when: datetime.datetime | None = None) -> None:
        self.document = document
        super().__init__(values, by, when)

    @property
    def title(self) -> str:
        return f"Request to correct {the_document(self.document)}" \
            if self.document is not None else "Request to correct the record"


def the_document(document) -> str:
    """A document named in a sentence: "the transcript", or for one with a title of its
    own, "the goal “By June, Folake will…”" (its title as written)."""
    kind = document.type_title.lower()
    if document.title in (document.type_title, ""):
        return f"the {kind}"
    return f"the {kind} “{document.title.rstrip('.')}”"


class StatementSchema(colander.MappingSchema):
    text = _reason(
        "The family's statement", "Write the statement: it is shown with the record",
        "Say why you disagree with the school's decision. It is kept with this record and "
        "shown to everyone who reads the record, for as long as the school keeps it.")


def requests_of(student) -> Requests:
    """The student's requests folder."""
    return student["requests"]


def add_request(student, made: FamilyRequest) -> FamilyRequest:
    """File ``made`` in the student's requests (it starts in its workflow as it is added)."""
    folder = requests_of(student)
    folder.add(new_name(folder, made.kind), made)
    return made


def add_requests_folder(student) -> None:
    """Give ``student`` the (empty) folder their requests are kept in, if it has none."""
    if "requests" not in student:
        student.add("requests", Requests())


def requests_about(document) -> list[AmendmentRequest]:
    """The amendment requests made about ``document``, oldest first."""
    student = student_of(document)
    if student is None or "requests" not in student:
        return []
    return [r for r in requests_of(student).values()
            if isinstance(r, AmendmentRequest) and r.document is document]
