"""Where each workflowed document is: (workflow, state, student) -> documents.

Worklists and review cycles ask "which of these students' documents are in
this state?"; a range query per student answers it without loading documents.
Kept current by subscribing to content events (``workflow.subscribers``): a document
is recorded when it is added and after each transition, moved with it, forgotten when
it is removed.
"""
from __future__ import annotations

from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent

from profilerepo.content.lineage import path_of, resolve, site_of, student_of

_SEP = "\x1f"
_HIGH = "\uffff"


class StateIndex(Persistent):
    """Each workflowed document's state in each of its workflows, ordered so that one
    student's documents in one state are a range."""

    def __init__(self) -> None:
        self.entries = OOTreeSet()  # "workflow<US>state<US>student<US>path"
        self.where = OOBTree()      # "workflow<US>path" -> its entry, to move it later

    def record(self, document) -> None:
        """Note (or move) ``document`` under its current state in each of its workflows."""
        student, path = student_of(document), path_of(document)
        if student is None:
            raise ValueError("a workflowed document must be inside a student's folder")
        states = getattr(document, "workflow_states", {})
        for workflow in document.workflow_chain:
            key = _SEP.join((workflow, states.get(workflow, ""), student.__name__, path))
            old = self.where.get(workflow + _SEP + path)
            if old == key:
                continue
            if old is not None and old in self.entries:
                self.entries.remove(old)
            self.entries.add(key)
            self.where[workflow + _SEP + path] = key

    def forget(self, document, path: str | None = None) -> None:
        """Drop a removed document's entries (those under ``path``, where it was, for one
        that moved; by default where it is)."""
        path = path_of(document) if path is None else path
        for workflow in getattr(document, "workflow_chain", ()):
            old = self.where.pop(workflow + _SEP + path, None)
            if old is not None and old in self.entries:
                self.entries.remove(old)

    def state(self, workflow_name: str, path: str) -> str | None:
        """The state recorded for the document at ``path`` (no document loaded)."""
        key = self.where.get(workflow_name + _SEP + path)
        return None if key is None else key.split(_SEP, 2)[1]

    def paths(self, workflow_name: str, state: str, student_id: str) -> list[str]:
        """Paths (from the site) of one student's documents in ``state``."""
        prefix = _SEP.join((workflow_name, state, student_id, ""))
        return [k[len(prefix):] for k in self.entries.keys(min=prefix, max=prefix + _HIGH)]

    def paths_in(self, workflow_name: str, state: str) -> list[str]:
        """Paths of every student's documents in ``state``: for a district-wide list of
        what is rare at any time (the families' requests waiting for an answer)."""
        prefix = _SEP.join((workflow_name, state, ""))
        return [k[len(prefix):].split(_SEP, 1)[1]
                for k in self.entries.keys(min=prefix, max=prefix + _HIGH)]


def enter_workflows(engine, document) -> None:
    """Start a document (already in its student's folder) in its workflows' initial
    states, and note where it is: what adding it does by subscription, for a document
    put in place with no application listening."""
    engine.start(document)
    site = site_of(document)
    if site is not None:
        state_index(site).record(document)


def state_index(site) -> StateIndex:
    """The site's state index."""
    index = getattr(site, "state_index", None)
    if index is None:
        index = site.state_index = StateIndex()
    return index


__all__ = ["StateIndex", "enter_workflows", "path_of", "resolve", "site_of", "state_index"]
