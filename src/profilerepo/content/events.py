"""Content events: each change to the tree is told once, and what derives from it listens.

Adding, removing, moving and modifying content, changing who holds a role on a student and
taking a workflow transition each ``notify`` one event through the application's registry
(as Substance D does). Search and the workflow state index keep themselves current by
subscribing (``search/subscribers.py``, ``workflow/subscribers.py``), so code that changes
content never calls them by hand and the next kind of derived state is one subscriber more.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from pyramid.registry import Registry, global_registry
from pyramid.threadlocal import get_current_registry, manager

from profilerepo.workflow.engine import DocumentTransitioned


@dataclass(frozen=True, eq=False)
class _InFolder:
    """What adding and removing say: ``object``, stored in ``parent`` under ``name``.
    (Their events are siblings, not one a kind of the other: a subscriber to one never
    hears the other.)"""

    object: object
    parent: object
    name: str


class ObjectAdded(_InFolder):
    """``object`` was stored in ``parent`` under ``name`` (it has its path now)."""


class ObjectRemoved(_InFolder):
    """``object`` is about to leave ``parent``: sent while it still has its path, so what
    is kept by path (the search index, the state index) can let it go."""


@dataclass(frozen=True, eq=False)
class ObjectMoved:
    """``object`` (and all inside it) moved from ``old_path`` to its place in ``parent``
    as ``name``: the same document with its history, not a removal and a new one."""

    object: object
    old_path: str
    parent: object
    name: str


@dataclass(frozen=True, eq=False)
class ObjectModified:
    """A new version of ``object`` was saved (its fields, and so its index entry, changed)."""

    object: object


@dataclass(frozen=True, eq=False)
class RolesChanged:
    """``login`` was given or lost ``role`` on ``student``: who may find the student's
    documents changed."""

    student: object
    login: str
    role: str


@dataclass(frozen=True, eq=False)
class AccessChanged:
    """Who may view ``object`` and everything in it changed, with no change of role or
    state: the family hid it from future providers (or stopped), or a records request
    released what they hid."""

    object: object


def notify(event: object) -> None:
    """Tell the current application's subscribers. With no application current (a script
    or a test writing through a plain connection) the domain's own subscribers hear it, so
    the search queue and the state index follow there too, as they always have."""
    registry = get_current_registry()
    if registry is global_registry:
        registry = _domain()
    registry.notify(event)


def domain_registry(workflows: str | None = None) -> Registry:
    """A registry with only the domain's subscribers (the workflow engine, search's queue
    and the state index following content), for code that changes content with no
    application: loaders, benchmarks, tests. No database, no views, no index on disk."""
    from pyramid.config import Configurator

    config = Configurator(settings={"profilerepo.workflows": workflows} if workflows else {})
    config.include("profilerepo.workflow")
    config.include("profilerepo.search.subscribers")
    config.commit()
    return config.registry


_building = threading.Lock()


@cache
def _domain() -> Registry:
    """The process's one domain registry, for events sent with no application current."""
    with _building:
        return domain_registry()


@contextmanager
def current(registry: Registry) -> Iterator[Registry]:
    """Make ``registry`` the current one in this thread while the block runs, so the
    events content sends there reach its subscribers."""
    manager.push({"registry": registry, "request": None})
    try:
        yield registry
    finally:
        manager.pop()


__all__ = ["AccessChanged", "DocumentTransitioned", "ObjectAdded", "ObjectModified", "ObjectMoved",
           "ObjectRemoved", "RolesChanged", "current", "domain_registry", "notify"]
