"""Finding people for a student's team by name: staff of the student's school first,
then families and students; each with the roles that fit who they are. (Tutors and
other people outside the school are not offered: the family grants them access.)"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import islice

from profilerepo.security.local_roles import ASSIGNABLE, KIND_WORDS
from profilerepo.security.principals import school_staff
from profilerepo.security.roles import ROLE_TITLES

MOST = 20  # people listed for one search
SHORTEST = 2  # characters of a name before searching


@dataclass(frozen=True)
class Candidate:
    login: str
    name: str
    who: str  # "a staff member", "a parent or guardian", ...
    roles: list[tuple[str, str]]  # (role, title) this person may be given


# Letters that carry no accent to strip, written as people type them without one.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "æ": "ae",
                                "œ": "oe", "þ": "th", "ð": "d"})
_NOT_A_LETTER = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """A name as a search compares it: no case, no accents, punctuation as spaces
    ("Jean-Pierre Çelik" -> "jean pierre celik"). Both sides of every name search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN_LETTERS))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_A_LETTER.sub(" ", letters).split())


def name_matches(search: str, name: str) -> bool:
    """Whether ``name`` has every word of ``search`` (folded alike), each anywhere in it."""
    folded = fold(name)
    return all(word in folded for word in fold(search).split())


def find_people(site, student, text: str, by: str) -> list[Candidate]:
    """Up to ``MOST`` people whose name has every word of ``text``, who could join this
    student's team (not the searcher: nobody gives themselves a role)."""
    if len(fold(text)) < SHORTEST:
        return []
    users = site["principals"].users
    group = site["principals"].groups.get(school_staff(student.school))
    staff = (users.get(login) for login in (group.members if group is not None else ()))
    # (people outside the school hold no team role: the family grants them access)
    families = (u for u in users.values() if u.kind in ("guardian", "student"))
    found = (u for source in (staff, families) for u in source
             if u is not None and u.login != by and name_matches(text, u.title))
    held = getattr(student, "local_roles", {})
    return [Candidate(u.login, u.title, KIND_WORDS.get(u.kind, u.kind),
                      [(r, ROLE_TITLES[r]) for r, kind in ASSIGNABLE.items()
                       if kind == u.kind and r not in held.get(u.principal, ())])
            for u in islice(found, MOST)]
