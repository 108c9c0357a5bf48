"""Search follows content: whatever is added, removed, moved, saved, re-shared or moved
to another workflow state is queued for the indexer, in the transaction that changed it.

Registered by ``includeme`` (included by ``profilerepo.search``); nothing else queues.
"""
from __future__ import annotations

from profilerepo.content.events import (
    AccessChanged,
    DocumentTransitioned,
    ObjectAdded,
    ObjectModified,
    ObjectMoved,
    ObjectRemoved,
    RolesChanged,
)
from profilerepo.search.queue import touch, touch_moved


def queue_changed(event: ObjectAdded | ObjectRemoved | ObjectModified | AccessChanged
                  ) -> None:
    """The document and everything in it is indexed again (a removed one, which still
    has its path, leaves the index; a student's new name reaches all their documents)."""
    touch(event.object)


def queue_moved(event: ObjectMoved) -> None:
    """Out of the index where it was, into it where it is."""
    touch_moved(event.object, event.old_path)


def queue_student(event: RolesChanged) -> None:
    """Who may find the student's documents changed: every one is indexed again."""
    touch(event.student)


def queue_transitioned(event: DocumentTransitioned) -> None:
    """A document's new state (and so, for a plan, its goals' and reports' visibility)
    reaches the index."""
    if event.phase == "after":
        touch(event.document)


def includeme(config) -> None:
    """Subscribe the search queue to every content event."""
    for changed in (ObjectAdded, ObjectRemoved, ObjectModified, AccessChanged):
        config.add_subscriber(queue_changed, changed)
    config.add_subscriber(queue_moved, ObjectMoved)
    config.add_subscriber(queue_student, RolesChanged)
    config.add_subscriber(queue_transitioned, DocumentTransitioned)
