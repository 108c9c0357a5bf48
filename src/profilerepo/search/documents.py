"""What the index keeps for each document: its words, where it sits, and who may view it
in its current state (the roles, not the people: people are decided at query time)."""
from __future__ import annotations

import datetime
from collections.abc import Iterator

from profilerepo.content.lineage import site_of, student_of
from profilerepo.family.words import indexed_lines, stamp
from profilerepo.family_requests.statements import statement_lines, statement_stamp
from profilerepo.search.queue import contents, indexed
from profilerepo.security.access import indexed_viewers
from profilerepo.workflow.index import path_of

# Fields that hold logins: indexed and shown as the people's names (a login is an
# internal name, never shown on a page, and nobody searches by it).
PEOPLE_FIELDS = frozenset({"responsible", "provider"})


def name_of(site, login: str) -> str:
    """The person's name for ``login`` (the text itself when it names no user: a
    provider may be typed in, e.g. a community organisation)."""
    principals = site.get("principals") if site is not None else None
    user = principals.get_user(login) if principals is not None and login else None
    return user.title if user is not None else login


# Fields a snippet leaves out: the title (the result's link says it), a file's type
# (application/pdf is for browsers, not people) and a portfolio item's kind (a choice's
# value: its page shows the choice's words).
NOT_IN_SNIPPETS = frozenset({"title", "content_type", "kind"})


def lines_of(document, *, snippet: bool = False) -> list[str]:
    """The words of the fields a document's kind declares indexed (``indexed_fields``), a
    line per field (a row's values on one line, comma-separated), logins as names, then
    the family's comments or observations kept beside it; for a ``snippet``, without
    ``NOT_IN_SNIPPETS``."""
    site = site_of(document)
    lines = []
    for name in document.indexed_fields:
        if snippet and name in NOT_IN_SNIPPETS:
            continue
        value = getattr(document, name, None)
        people = name in PEOPLE_FIELDS
        if isinstance(value, str):
            lines.append(name_of(site, value) if people else value)
        elif isinstance(value, tuple):
            for row in value:
                if isinstance(row, dict):
                    lines.append(", ".join(
                        name_of(site, v) if k in PEOPLE_FIELDS else v
                        for k, v in row.items() if isinstance(v, str) and v))
                elif isinstance(row, str):
                    lines.append(name_of(site, row) if people else row)
    lines += indexed_lines(document)  # the family's words kept beside it (family.words)
    return [line for line in lines if line]


def text_of(document) -> str:
    """The words of a document's fields (lists of rows included), as indexed."""
    if getattr(document, "is_student", False):
        return student_text(document)
    return "\n".join([*lines_of(document), *statement_lines(document)])  # (99.21(c))


def shown_text(document) -> str:
    """What a result's snippet is cut from: the document's words, as people read them
    on its page."""
    if getattr(document, "is_student", False):
        return student_text(document)
    return "\n".join([*lines_of(document, snippet=True), *statement_lines(document)])


def grade_title(grade: str) -> str:
    """A grade as the student's page says it: "Grade 7", "Kindergarten"."""
    return "Kindergarten" if grade == "K" else f"Grade {grade}" if grade else ""


def school_title(student) -> str:
    schools = site.get("schools") if (site := site_of(student)) is not None else None
    school = schools.get(student.school) if schools is not None and student.school else None
    return school.title if school is not None else ""


def student_text(student) -> str:
    """What a student's own entry holds: what their page shows everyone who may open it
    (names, grade, school), never the birth date or enrolment dates."""
    name = f"{student.given_name} {student.family_name}"
    if student.preferred_name and student.preferred_name != student.given_name:
        name += f", goes by {student.preferred_name}"
    where = " at ".join(filter(None, (grade_title(student.grade), school_title(student))))
    return "\n".join(filter(None, (name, where)))


def state_title(engine, document) -> str:
    if not getattr(document, "workflow_chain", None):
        return ""
    return engine.state_of(document).title


def tags_of(document) -> list[str]:
    """The values of the fields a document's kind declares its tags (``tag_fields``)."""
    tags = [getattr(document, name, "") for name in document.tag_fields]
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
    who = indexed_viewers(engine, document)  # (security decides who may view)
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
    """Changes whenever anything indexed for the document would (for a student's own
    entry, that includes their school's name)."""
    found = f"{document.version_number}|{states}|{' '.join(who)}|{student.version_number}"
    if getattr(document, "family_words", None):  # (the family's words beside it)
        found += f"|{stamp(document)}"
    if getattr(document, "family_record", None):  # (the family's statements with it)
        found += f"|{statement_stamp(document)}"
    return f"{found}|{school_title(student)}" if document is student else found


def all_documents(site, progress=None) -> Iterator:
    """Every indexed document in the site, student by student, each student's own entry
    first (``progress()`` is called after each student)."""
    students = site["students"]
    for student_id in students.keys():
        for item in contents(students[student_id]):
            if indexed(item):
                yield item
        if progress is not None:
            progress()
