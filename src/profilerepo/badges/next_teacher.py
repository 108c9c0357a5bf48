"""Portfolio pieces a teacher chooses for the student's next teacher, with a note: the next
teacher (this school next year, or a new school after a transfer) sees them first.

The choice lives in the piece's own fields (``chosen_for_next``, ``chosen_note``,
``chosen_by``, ``chosen_at``), so it is versioned and travels with the piece in an export.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from profilerepo import clock
from profilerepo.security.principals import logins

MAX_NOTE = 1000


class ChoiceError(ValueError):
    """A piece cannot be chosen (or un-chosen); the message says why."""


def choose(item, note: str, *, by: str, by_name: str = "",
           when: datetime | None = None) -> int:
    """Mark ``item`` as chosen for the next teacher by ``by`` (named ``by_name``), with
    ``note``; returns the item's new version number."""
    note = (note or "").strip()
    if not note:
        raise ChoiceError("Write a note for the next teacher: what this piece shows.")
    if len(note) > MAX_NOTE:
        raise ChoiceError(f"Keep the note to {MAX_NOTE:,} characters.")
    if item.chosen_for_next and item.chosen_by and item.chosen_by != by:
        raise ChoiceError(f"{item.chosen_by_name or 'Another teacher'} chose this piece: "
                          "only they change or withdraw the note.")
    number = item.record({"chosen_for_next": True, "chosen_note": note, "chosen_by": by,
                          "chosen_by_name": by_name,
                          "chosen_at": when or clock.now(zone=UTC)}, by=by, when=when)
    # The teachers the student has now: they are this year's, not the next teacher.
    student = getattr(item, "student", None)
    holders = getattr(student, "holders", None)
    item.chosen_team = tuple(logins(holders("teacher"))) if holders else ()
    return number


def unchoose(item, *, by: str, when: datetime | None = None) -> int:
    """No longer chosen (the earlier version keeps who chose it, and the note)."""
    if not item.chosen_for_next:
        raise ChoiceError("This piece is not chosen for the next teacher.")
    if item.chosen_by and item.chosen_by != by:
        raise ChoiceError(f"{item.chosen_by_name or 'Another teacher'} chose this piece: "
                          "only they change or withdraw the note.")
    return item.record({"chosen_for_next": False, "chosen_note": "", "chosen_by": "",
                        "chosen_by_name": "", "chosen_at": None}, by=by, when=when)


def chosen_first(items: Iterable) -> list:
    """``items`` with the chosen pieces first (newest choice first), the rest as given."""
    items = list(items)
    chosen = sorted((i for i in items if getattr(i, "chosen_for_next", False)),
                    key=lambda i: i.chosen_at or i.created, reverse=True)
    return chosen + [i for i in items if not getattr(i, "chosen_for_next", False)]


def chosen_pieces(student) -> list:
    """The student's pieces chosen for the next teacher, newest choice first."""
    portfolio = student.get("portfolio") if hasattr(student, "get") else None
    if portfolio is None:
        return []
    return [i for i in chosen_first(portfolio.values()) if getattr(i, "chosen_for_next", False)]


def chooser(item, person) -> str:
    """Who chose ``item``, by name: ``person(login)`` here, else the name kept with the
    choice (a piece that came from another school names someone not known here)."""
    known = person(item.chosen_by) if item.chosen_by else ""
    if item.chosen_by_name and known in ("", item.chosen_by):
        return item.chosen_by_name
    return known or "A teacher"


def chosen_for(item, login: str) -> bool:
    """Whether ``login`` is a next teacher of ``item``: a teacher who joined the student
    after the choice (next year, or after a transfer: a piece that came from another
    school was chosen there). A teacher the student had when it was chosen is not one."""
    if not item.chosen_for_next or item.chosen_by == login:
        return False
    if getattr(item, "imported", False):
        return True
    team = getattr(item, "chosen_team", None)
    return team is not None and login not in team
