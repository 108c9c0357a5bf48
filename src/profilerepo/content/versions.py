"""Authorship and versions: every change keeps the state before it, viewable later."""
from __future__ import annotations

from datetime import UTC, datetime

from BTrees.IOBTree import IOBTree
from persistent import Persistent

from profilerepo.search.queue import touch


def now() -> datetime:
    return datetime.now(UTC)


class Version(Persistent):
    """One saved state of a document: its field values, who saved them and when.

    Earlier versions are each their own persistent record, so loading a
    document does not load its whole history.
    """

    def __init__(self, number: int, values: dict, by: str, when: datetime) -> None:
        self.number = number
        self.values = dict(values)
        self.by = by
        self.when = when


class Versioned:
    """Mixin for content whose fields are versioned.

    ``fields`` names the attributes that make up a version. The live
    attributes are the current version; ``record`` first files the current
    state away as an earlier version, then applies the new values. A new
    document therefore stores no history until its first change.
    """

    fields: tuple[str, ...] = ()
    creator = ""
    created: datetime | None = None
    modifier = ""
    modified: datetime | None = None
    version_number = 0
    versions: IOBTree | None = None  # earlier versions by number, made on the first change

    def field_values(self) -> dict:
        return {name: getattr(self, name, None) for name in self.fields}

    def record(self, values: dict, by: str, when: datetime | None = None) -> int:
        """Apply ``values`` (only known fields) as a new version; return its number."""
        when = when or now()
        if self.version_number:
            if self.versions is None:
                self.versions = IOBTree()
            self.versions[self.version_number] = self.current_version()
        else:
            self.creator, self.created = by, when
        for name in self.fields:
            if name in values:
                setattr(self, name, values[name])
        self.modifier, self.modified = by, when
        self.version_number += 1
        touch(self)  # search follows (a student's new name reaches all their documents)
        return self.version_number

    def current_version(self) -> Version:
        return Version(self.version_number, self.field_values(), self.modifier, self.modified)

    def version(self, number: int) -> Version | None:
        if number == self.version_number:
            return self.current_version()
        return self.versions.get(number) if self.versions is not None else None

    def recent_history(self, limit: int = 5) -> list[Version]:
        """The newest ``limit`` versions, current first (loads only those)."""
        earlier: list[Version] = []
        if self.versions is not None and limit > 1:
            low = max(1, self.version_number - limit + 1)
            earlier = list(reversed(self.versions.values(min=low)))
        return [self.current_version(), *earlier]

    def history(self) -> list[Version]:
        """Every version, the current one first."""
        earlier = list(reversed(self.versions.values())) if self.versions is not None else []
        return [self.current_version(), *earlier]
