"""Authorship and versions: every change keeps the state before it, viewable later."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from BTrees.IOBTree import IOBTree
from persistent import Persistent

from profilerepo.content.events import ObjectModified, notify


def now() -> datetime:
    return datetime.now(UTC)


States = tuple[dict[str, str], ...]  # workflow -> state, each time the states changed


class Version(Persistent):
    """One saved state of a document: its field values, who saved them and when, and the
    workflow states the document was in while it was the current version.

    Earlier versions are each their own persistent record, so loading a
    document does not load its whole history.
    """

    states: States | None = None  # None: filed before versions kept their states

    def __init__(self, number: int, values: dict, by: str, when: datetime,
                 states: States | None = None) -> None:
        self.number = number
        self.values = dict(values)
        self.by = by
        self.when = when
        self.states = states


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
    # The workflow states when the current version was saved, and how long the workflow
    # history was then: with the entries since, the states it has been current in.
    saved_states: dict[str, str] | None = None  # None: saved before these were kept
    saved_history = 0

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
        self.saved_states = dict(getattr(self, "workflow_states", None) or {})
        self.saved_history = len(getattr(self, "workflow_history", ()))
        self.version_number += 1
        # Search follows (a student's new name reaches all their documents).
        notify(ObjectModified(self))
        return self.version_number

    def current_version(self) -> Version:
        return Version(self.version_number, self.field_values(), self.modifier, self.modified,
                       self.states_while_current())

    def states_while_current(self) -> States:
        """The workflow states (workflow -> state; one left out is in its initial state)
        the document has been in since its current version was saved, in order.

        Who may read a version depends on them: those who could see the document then.
        """
        now = dict(getattr(self, "workflow_states", None) or {})
        if self.saved_states is None:  # saved before states were kept: only now is known
            return (now,)
        seen = [dict(self.saved_states)]
        chain = getattr(self, "workflow_chain", ()) or ("",)
        for entry in tuple(getattr(self, "workflow_history", ()))[self.saved_history:]:
            seen.append({**seen[-1], entry.workflow or chain[0]: entry.target})
        if seen[-1] != now:  # states set without a transition (a migration): count them too
            seen.append(now)
        return tuple(seen)

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
        return list(self.newest_first())

    def newest_first(self) -> Iterator[Version]:
        """Every version, the current one first, each loaded only when it is reached."""
        yield self.current_version()
        if self.versions is not None:
            yield from reversed(self.versions.values())
