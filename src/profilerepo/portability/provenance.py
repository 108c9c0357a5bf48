"""Where a document of the backpack comes from: the district, the school that wrote it,
its authors, dates and versions; and, for a document that was itself imported, the
provenance it arrived with, kept as it was.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable

from profilerepo.portability import format as fmt

# Logins that are no person (as pages name them).
SYSTEM_ACTORS = {"demo-loader": "the demo data import", "setup": "the school's set-up"}


class People:
    """Logins as people's names, each looked up once per export (a backpack names the
    same few people on every document)."""

    def __init__(self, site) -> None:
        self._principals = site.get("principals") if site is not None else None
        self._names: dict[str, str] = {}

    def name(self, login: str) -> str:
        """The person's name (the text itself when it names nobody: a provider may be
        typed in; "" for none)."""
        if not login:
            return ""
        if login not in self._names:
            user = self._principals.get_user(login) if self._principals is not None else None
            self._names[login] = (user.title if user is not None
                                  else SYSTEM_ACTORS.get(login, login))
        return self._names[login]

    def named_in(self, value) -> dict[str, str]:
        """{login: name} of every string in ``value`` (rows and lists too) that is the
        login of someone here."""
        found: dict[str, str] = {}
        if isinstance(value, str):
            user = self._principals.get_user(value) if (
                self._principals is not None and value) else None
            if user is not None:
                found[value] = user.title
        elif isinstance(value, dict):
            for inner in value.values():
                found.update(self.named_in(inner))
        elif isinstance(value, (list, tuple)):
            for inner in value:
                found.update(self.named_in(inner))
        return found

    def names(self, logins: Iterable[str]) -> list[str]:
        """The people's names, each once, in the order first met."""
        return list(dict.fromkeys(filter(None, (self.name(login) for login in logins))))


def school_when(student, day: datetime.date | None) -> str:
    """The id of the school ``student`` was at on ``day``: the first school they left
    after that day (``school_history``), else the one they are at now."""
    if day is not None:
        stays = sorted(getattr(student, "school_history", ()), key=lambda s: s.left)
        for stay in stays:
            if stay.left >= day:
                return stay.school_id
    return student.school


def authors(document, people: People) -> list[str]:
    """The names of its creator and of everyone who saved a version, in that order."""
    logins = [getattr(document, "creator", "")]
    versions = getattr(document, "versions", None)
    if versions is not None:
        logins += [v.by for v in versions.values()]
    logins.append(getattr(document, "modifier", ""))
    return people.names(logins)


def earlier(document) -> dict | None:
    """The provenance the document came with when it was imported from another district
    (the import keeps it in ``provenance``), as it was; None for one written here."""
    found = getattr(document, "provenance", None)
    if found is None:
        return None
    if isinstance(found, dict):
        return dict(found)
    to_json = getattr(found, "to_json", None)
    return to_json() if callable(to_json) else None


def of(document, student, issuer, schools, people: People) -> dict:
    """The provenance of ``document`` (in ``student``'s folder) issued by ``issuer``;
    ``schools`` is the site's schools folder (their names)."""
    created = getattr(document, "created", None)
    school_id = school_when(student, created.date() if created else None)
    school = schools.get(school_id) if schools is not None else None
    return fmt.provenance(
        school=getattr(school, "title", "") or school_id, school_id=school_id,
        district=issuer.name, district_id=issuer.did,
        authors=authors(document, people), created=created,
        creator=people.name(getattr(document, "creator", "")),
        modified=getattr(document, "modified", None),
        versions=getattr(document, "version_number", 0) or 1,
        earlier=earlier(document))
