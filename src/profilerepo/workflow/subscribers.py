"""Workflows follow content: a document added starts in its workflows, and the state index
records it, moves it with its transitions and its moves, and forgets it when it goes.

Registered by ``profilerepo.workflow``'s ``includeme``; nothing else keeps the index.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from profilerepo.content.events import (
    DocumentTransitioned,
    ObjectAdded,
    ObjectMoved,
    ObjectRemoved,
)
from profilerepo.content.lineage import path_of, site_of
from profilerepo.workflow.engine import WorkflowEngine
from profilerepo.workflow.index import state_index


def workflowed(node) -> Iterator:
    """``node`` and every document inside it that takes part in workflows (a plan brings
    its goals and reports; a student folder its sections)."""
    if getattr(node, "workflow_chain", ()):
        yield node
    children = getattr(node, "subfolders", None)
    if children is None:
        values = getattr(node, "values", None)
        children = values() if values is not None else ()
    for child in children:
        yield from workflowed(child)


def start_added(engine: WorkflowEngine, event: ObjectAdded) -> None:
    """A new document starts in its workflows' initial states (one that has states, put
    back in place, keeps them), and the state index notes where it is."""
    site = site_of(event.object)
    for document in workflowed(event.object):
        if not getattr(document, "workflow_states", None):
            engine.start(document)
        if site is not None:
            state_index(site).record(document)


def forget_removed(event: ObjectRemoved) -> None:
    """A document leaving the tree leaves the state index (it still has its path)."""
    site = site_of(event.object)
    if site is not None:
        for document in workflowed(event.object):
            state_index(site).forget(document)


def move_moved(event: ObjectMoved) -> None:
    """A document moved (a closed plan filed under past plans, its goals and reports with
    it) is found under its new path, in the same states."""
    site = site_of(event.object)
    if site is None:
        return
    index, path = state_index(site), path_of(event.object)
    for document in workflowed(event.object):
        index.forget(document, event.old_path + path_of(document)[len(path):])
        index.record(document)


def record_transition(event: DocumentTransitioned) -> None:
    """After a transition, the document is found under its new state."""
    site = site_of(event.document) if event.phase == "after" else None
    if site is not None:
        state_index(site).record(event.document)


def includeme(config) -> None:
    """Subscribe the state index (and starting workflows) to the content events; needs
    the engine (``registry.workflows``) in place."""
    config.add_subscriber(partial(start_added, config.registry.workflows), ObjectAdded)
    config.add_subscriber(forget_removed, ObjectRemoved)
    config.add_subscriber(move_moved, ObjectMoved)
    config.add_subscriber(record_transition, DocumentTransitioned)
