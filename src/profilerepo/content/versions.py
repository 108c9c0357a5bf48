"""Authorship and versions: every change keeps the state before it, viewable later."""
from __future__ import annotations

from datetime import UTC, datetime

from BTrees.IOBTree import IOBTree
from persistent import Persistent


def now() -> datetime:
    return datetime.now(UTC)


class Version(Persistent):
    """One saved state of a document: its field values, who saved them and when.

    Each version is its own persistent record, so loading a document does not
    load its whole history.
    """

    def __init__(self, number: int, values: dict, by: str, when: datetime) -> None:
        self.number = number
        self.values = dict(values)
        self.by = by
        self.when = when


class Versioned:
    """Mixin for content whose fields are versioned.

    ``fields`` names the attributes that make up a version; ``record`` stores
    new values, stamps the author and time, and appends a version.
    """

    fields: tuple[str, ...] = ()
    creator = ""
    created: datetime | None = None
    modifier = ""
    modified: datetime | None = None

    def field_values(self) -> dict:
        return {name: getattr(self, name, None) for name in self.fields}

    def record(self, values: dict, by: str, when: datetime | None = None) -> Version:
        """Apply ``values`` (only known fields) and keep them as a new version."""
        when = when or now()
        if getattr(self, "versions", None) is None:
            self.versions = IOBTree()
            self.creator, self.created = by, when
        for name in self.fields:
            if name in values:
                setattr(self, name, values[name])
        self.modifier, self.modified = by, when
        number = self.versions.maxKey() + 1 if self.versions else 1
        version = Version(number, self.field_values(), by, when)
        self.versions[number] = version
        return version

    @property
    def version_number(self) -> int:
        return self.versions.maxKey() if self.versions else 0

    def version(self, number: int) -> Version | None:
        return self.versions.get(number)

    def history(self) -> list[Version]:
        """Versions, newest first."""
        return list(reversed(self.versions.values()))
