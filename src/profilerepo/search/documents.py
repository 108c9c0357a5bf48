"""What the index keeps for each document: its words, where it sits, and who may view it
in its current state (the roles, not the people: people are decided at query time)."""
from __future__ import annotations

import datetime
from collections.abc import Iterator

from profilerepo.content.site import DISTRICT_ADMINISTRATORS, school_administrators
from profilerepo.search.queue import contents, indexed
from profilerepo.security.policy import viewing_roles
from profilerepo.security.roles import AUTHOR, RIGHTS_AGE, STUDENT_16
from profilerepo.workflow.index import path_of


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


def viewers(student, document, view: set[str], gate: set[str] | None) -> list[str]:
    """The principals who may view ``document`` now: each holder of roles on the student
    whose roles open both the document and the document enclosing it (``gate``, None if
    none), its author while on the team, and the administrators of its school."""
    found = set()
    for principal, roles in student.local_roles.items():
        roles = set(roles)
        if "student" in roles and student.age() >= RIGHTS_AGE:
            roles.add(STUDENT_16)
        if principal == f"user:{getattr(document, 'creator', '')}" and roles:
            roles.add(AUTHOR)
        if roles & view and (gate is None or roles & gate):
            found.add(principal)
    if "administrator" in view and (gate is None or "administrator" in gate):
        found.update((school_administrators(student.school), DISTRICT_ADMINISTRATORS))
    return sorted(found)


def fields_of(engine, document) -> dict:
    """The index entry for ``document`` (which must be in a student's folder)."""
    student = student_of(document)
    view = viewing_roles(engine, document, enclosing=False)
    enclosing = enclosing_workflowed(document)
    gate = viewing_roles(engine, enclosing) if enclosing is not None else None
    who = viewers(student, document, view, gate)
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
        "viewers": " ".join(who),
        "signature": signature(document, states, who, student),
    }


def signature(document, states: str, who: list[str], student) -> str:
    """Changes whenever anything indexed for the document would."""
    return f"{document.version_number}|{states}|{' '.join(who)}|{student.version_number}"


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
