"""The family's own words beside the school's record (issue 16, point 5; FERPA 99.20-21):
comments on the transcript that explain a gap or an event, and observations on goals.

Each entry is its own versioned object kept in a log next to its document, never in the
document's fields: adding, changing or withdrawing one leaves the school's record (its
fields and versions) as it was. Only the writer changes or withdraws an entry; every
version is kept. The entries' words are part of what search finds for the document.
"""
from __future__ import annotations

import datetime
import secrets
import time
import zlib

import colander
import deform.widget
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from profilerepo.content import fields
from profilerepo.content.events import ObjectModified, notify
from profilerepo.content.versions import Versioned, now

# In what capacity the writer signs (stored as written: a guardian who signed before the
# student turned 18 stays "Parent or guardian" on that entry).
AS_GUARDIAN = "Parent or guardian"
AS_GRANTEE = "Granted by the family"
AS_STUDENT = "Student"

LONGEST = 5000  # characters: a comment explains, it is not a second record
WHOLE_RECORD = ""  # what a transcript comment is about when it names no term or course


class FamilyWord(Versioned, Persistent):
    """One comment or observation: its words, what it is about (a term or course of the
    transcript) or the day it was observed (a goal's), who wrote it and in what capacity.

    Withdrawn entries are kept, with their versions, but shown and found no more."""

    fields = ("text", "about", "observed")
    text = about = ""
    observed: datetime.date | None = None
    capacity = ""
    withdrawn: datetime.datetime | None = None
    withdrawn_by = ""

    def __init__(self, values: dict, by: str, capacity: str, when=None) -> None:
        self.capacity = capacity
        self.record(values, by, when)

    @property
    def shown(self) -> bool:
        return self.withdrawn is None


class FamilyWords(OOBTree):
    """A document's entries by name. Names start with the time they were written, so the
    tree keeps them in that order, and end in a random part: two people writing at the
    same moment insert different keys, which the BTree merges instead of conflicting."""

    max_leaf_size = 500


def words_of(document) -> FamilyWords | None:
    """The document's entries (None while it has none and never had; reading never writes)."""
    return getattr(document, "family_words", None)


def entries(document) -> list[tuple[str, FamilyWord]]:
    """(name, entry) of every entry shown with the document (not withdrawn): a
    transcript's in the order they were written, a goal's by the day observed."""
    found = [(name, w) for name, w in (words_of(document) or {}).items() if w.shown]
    if any(w.observed is not None for _, w in found):
        found.sort(key=lambda pair: (pair[1].observed or datetime.date.min, pair[0]))
    return found


def entry(document, name: str) -> FamilyWord | None:
    """The entry ``name`` of the document, withdrawn ones too (None if it has no such)."""
    words = words_of(document)
    return words.get(name) if words is not None and isinstance(name, str) else None


def _log(document) -> FamilyWords:
    """The document's entries, to add to: made on first use for documents from before the
    family wrote (new transcripts and goals are made with theirs)."""
    words = words_of(document)
    if words is None:
        words = document.family_words = FamilyWords()
    return words


def _changed(document) -> None:
    """Search indexes the document again: its words changed, though its fields did not."""
    notify(ObjectModified(document))


def add_words(document, values: dict, *, by: str, capacity: str,
              when: datetime.datetime | None = None) -> str:
    """Keep a new entry next to ``document``; return its name."""
    name = f"w{time.time_ns():x}{secrets.token_hex(3)}"
    _log(document)[name] = FamilyWord(values, by, capacity, when)
    _changed(document)
    return name


def change_words(document, word: FamilyWord, values: dict, *, by: str,
                 when: datetime.datetime | None = None) -> int:
    """Save a new version of the writer's entry (the earlier ones are kept)."""
    number = word.record(values, by, when)
    _changed(document)
    return number


def withdraw_words(document, word: FamilyWord, *, by: str,
                   when: datetime.datetime | None = None) -> None:
    """Take an entry off the record's pages and out of search; it is kept, with its versions."""
    word.withdrawn, word.withdrawn_by = when or now(), by
    _changed(document)


def indexed_lines(document) -> tuple[str, ...]:
    """The words of the shown entries, as search keeps them with the document."""
    return tuple(" ".join(filter(None, (w.about, w.text))) for _, w in entries(document))


def stamp(document) -> str:
    """Changes whenever an entry is added, changed or withdrawn (for the index's check)."""
    words = words_of(document)
    if not words:
        return ""
    said = ",".join(f"{name}:{w.version_number}:{int(w.shown)}" for name, w in words.items())
    return f"{len(words)}-{zlib.crc32(said.encode()):08x}"


# What a comment can be about: the whole transcript, a term, or a course in a term.

def about_choices(transcript, keep: str = "") -> list[tuple[str, str]]:
    """(value, label) of what a comment may be about; each value is the words shown with
    the comment (a course may later leave the transcript: ``keep`` stays choosable)."""
    found = [(WHOLE_RECORD, "The transcript as a whole")]
    for term, courses in transcript.terms():
        found.append((term, f"The term {term}"))
        found += [(f"{c['course']}, {term}", f"{c['course']}, {term}") for c in courses]
    if keep and keep not in {value for value, _ in found}:
        found.append((keep, keep))
    return found


@colander.deferred
def _about_widget(node, kw):
    return deform.widget.SelectWidget(values=kw.get("about_choices", ()))


@colander.deferred
def _about_validator(node, kw):
    return fields.one_of(value for value, _ in kw.get("about_choices", ()))


def _words(title: str, description: str) -> colander.SchemaNode:
    return fields.text(title, required=True, rows=6, max_length=LONGEST,
                       description=description)


class CommentSchema(colander.MappingSchema):
    """A comment on the transcript (bind with ``about_choices``)."""

    about = colander.SchemaNode(colander.String(), title="About", missing=WHOLE_RECORD,
                                widget=_about_widget, validator=_about_validator,
                                description="A term or course, or the transcript as a whole")
    text = _words("Your comment", "What explains a gap or an event in this record. Shown "
                  "with the transcript to everyone who may read it, signed with your name")


class ObservationSchema(colander.MappingSchema):
    """An observation on a goal (bind with ``request`` or ``today``: the district's day)."""

    observed = fields.date("Date observed", not_after_today=True,
                           description="The day you saw it, today or before")
    text = _words("What you observed", "What you see at home or elsewhere that tells how "
                  "this goal is going. Shown with the goal, signed with your name")
