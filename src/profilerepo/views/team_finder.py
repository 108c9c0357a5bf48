"""Finding people for a student's team by name: staff of the student's school first,
then families, students and contributors; each with the roles that fit who they are."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from profilerepo.content.site import school_staff
from profilerepo.security.local_roles import ASSIGNABLE, KIND_WORDS
from profilerepo.security.roles import ROLE_TITLES

MOST = 20  # people listed for one search
SHORTEST = 2  # characters of a name before searching


@dataclass(frozen=True)
class Candidate:
    login: str
    name: str
    who: str  # "a staff member", "a parent or guardian", ...
    roles: list[tuple[str, str]]  # (role, title) this person may be given


def _matches(words: list[str], user) -> bool:
    name = user.title.casefold()
    return all(word in name for word in words)


def find_people(site, student, text: str, by: str) -> list[Candidate]:
    """Up to ``MOST`` people whose name has every word of ``text``, who could join this
    student's team (not the searcher: nobody gives themselves a role)."""
    words = text.casefold().split()
    if len(" ".join(words)) < SHORTEST:
        return []
    users = site["principals"].users
    group = site["principals"].groups.get(school_staff(student.school))
    staff = (users.get(login) for login in (group.members if group is not None else ()))
    families = (u for u in users.values() if u.kind != "staff")
    found = (u for source in (staff, families) for u in source
             if u is not None and u.login != by and _matches(words, u))
    held = getattr(student, "local_roles", {})
    return [Candidate(u.login, u.title, KIND_WORDS.get(u.kind, u.kind),
                      [(r, ROLE_TITLES[r]) for r, kind in ASSIGNABLE.items()
                       if kind == u.kind and r not in held.get(f"user:{u.login}", ())])
            for u in islice(found, MOST)]
