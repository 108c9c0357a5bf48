"""What the index keeps for each document: its words, where it sits, and who may view it
in its current state (the roles, not the people: people are decided at query time)."""
from __future__ import annotations

import datetime
from collections.abc import Iterator

from profilerepo.search.queue import contents, indexed
from profilerepo.security.policy import viewing_roles

EVERYONE_ENCLOSING = "*"  # not inside a workflowed document: nothing else to pass


def path_of(document) -> str:
    names = []
    while getattr(document, "__parent__", None) is not None:
        names.append(document.__name__)
        document = document.__parent__
    return "/".join(reversed(names))


def student_of(document):
    node = document
    while node is not None and not getattr(node, "is_student", False):
        node = getattr(node, "__parent__", None)
    return node


def enclosing_workflowed(document):
    node = getattr(document, "__parent__", None)
    while node is not None and not getattr(node, "workflow_chain", None):
        node = getattr(node, "__parent__", None)
    return node


def text_of(document) -> str:
    """The words of a document's fields (lists of rows included)."""
    words = []
    for name in document.fields:
        value = getattr(document, name, None)
        if isinstance(value, str):
            words.append(value)
        elif isinstance(value, tuple):
            for row in value:
                if isinstance(row, dict):
                    words.extend(v for v in row.values() if isinstance(v, str))
                elif isinstance(row, str):
                    words.append(row)
    return "\n".join(w for w in words if w)


def state_title(engine, document) -> str:
    if not document.workflow_chain:
        return ""
    return engine.state_of(document).title


def tags_of(document) -> list[str]:
    tags = [getattr(document, name, "") for name in ("area", "kind", "course", "term")]
    return [t.replace(",", " ") for t in tags if isinstance(t, str) and t]


def _naive_utc(when) -> datetime.datetime | None:
    if when is None:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(datetime.UTC).replace(tzinfo=None)
    return when


def fields_of(engine, document) -> dict:
    """The index entry for ``document`` (which must be in a student's folder)."""
    student = student_of(document)
    view = sorted(viewing_roles(engine, document, enclosing=False))
    enclosing = enclosing_workflowed(document)
    gate = sorted(viewing_roles(engine, enclosing)) if enclosing is not None \
        else [EVERYONE_ENCLOSING]
    states = ",".join(f"{k}:{v}" for k, v in
                      sorted(getattr(document, "workflow_states", {}).items()))
    return {
        "path": path_of(document),
        "type": document.type_title,
        "title": document.title,
        "body": text_of(document),
        "student": student.__name__,
        "student_name": f"{student.title} {student.given_name} {student.family_name}",
        "school": student.school,
        "grade": student.grade,
        "state": state_title(engine, document),
        "tags": ",".join(tags_of(document)),
        "modified": _naive_utc(getattr(document, "modified", None)),
        "creator": getattr(document, "creator", ""),
        "view": " ".join(view),
        "gate": " ".join(gate),
        "signature": signature(document, states, view, gate, student),
    }


def signature(document, states: str, view, gate, student) -> str:
    """Changes whenever anything indexed for the document would."""
    return (f"{document.version_number}|{states}|{' '.join(view)}|{' '.join(gate)}|"
            f"{student.version_number}")


def all_documents(site, progress=None) -> Iterator:
    """Every indexed document in the site, student by student (``progress()`` is called
    after each student)."""
    students = site["students"]
    for student_id in students.keys():
        for item in contents(students[student_id]):
            if indexed(item):
                yield item
        if progress is not None:
            progress()
