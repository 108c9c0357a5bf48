"""What the family's requests leave with a document, kept on the document itself so that
it travels with it (into past plans, into a new school's view): the family's statements of
disagreement (99.21(b)(2): kept with the record as long as the record, and shown whenever
it is) and which of its versions the school saved to correct it at the family's request.

Kept in a small persistent record of its own (``family_record``), so that writing a
statement does not rewrite the document, and asked by pages and by search alike.
"""
from __future__ import annotations

import datetime

from persistent import Persistent

from profilerepo.content.events import ObjectModified, notify
from profilerepo.content.versions import Versioned


class Statement(Versioned, Persistent):
    """The family's statement of disagreement with a refused request; each revision is a
    version, the earlier ones kept."""

    fields = ("text",)
    text = ""

    def __init__(self, request, values: dict, by: str,
                 when: datetime.datetime | None = None) -> None:
        self.request = request  # the refused request it answers
        self.record(values, by, when)


class FamilyRecord(Persistent):
    """A document's statements (oldest first) and its versions saved at the family's
    request: (version number, request) pairs."""

    def __init__(self) -> None:
        self.statements: tuple[Statement, ...] = ()
        self.amendments: tuple[tuple[int, object], ...] = ()


def record_of(document, create: bool = False) -> FamilyRecord | None:
    """The document's family record (made on first use when ``create``), or None."""
    found = getattr(document, "family_record", None)
    if found is None and create:
        found = document.family_record = FamilyRecord()
    return found


def statements_of(document) -> tuple[Statement, ...]:
    found = record_of(document)
    return found.statements if found is not None else ()


def statement_for(document, request) -> Statement | None:
    """The statement answering ``request``, if the family wrote one."""
    return next((s for s in statements_of(document) if s.request is request), None)


def write_statement(document, request, text: str, by: str,
                    when: datetime.datetime | None = None) -> Statement:
    """Save the family's statement answering ``request`` (a new version if there is one
    already); search then finds the document by its words too."""
    found = statement_for(document, request)
    if found is None:
        found = Statement(request, {"text": text}, by, when)
        family = record_of(document, create=True)
        family.statements = (*family.statements, found)
    else:
        found.record({"text": text}, by, when)
    notify(ObjectModified(document))  # (what search keeps of the document changed)
    return found


def link_amendment(document, number: int, request) -> None:
    """Note that the document's version ``number`` was saved to answer ``request``."""
    family = record_of(document, create=True)
    family.amendments = (*family.amendments, (number, request))
    request.amended_version = number


def amended_by(document, number: int):
    """The request the document's version ``number`` answered, or None."""
    found = record_of(document)
    for version, request in found.amendments if found is not None else ():
        if version == number:
            return request
    return None


STATEMENT_HEADING = "The family's statement about this record"


def statement_lines(document) -> list[str]:
    """The statements' words, as search keeps and shows them with the document."""
    return [f"{STATEMENT_HEADING}: {s.text}" for s in statements_of(document) if s.text]


def statement_stamp(document) -> str:
    """Changes whenever a statement is written or revised ("" while there is none)."""
    return ",".join(str(s.version_number) for s in statements_of(document))
