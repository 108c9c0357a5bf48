"""Where each workflowed document is: (workflow, state, student) -> documents.

Worklists and review cycles ask "which of these students' documents are in
this state?"; a range query per student answers it without loading documents.
Kept current by the engine's after-transition listener and by ``record`` when
a document starts its workflow.
"""
from __future__ import annotations

from BTrees.OOBTree import OOBTree, OOTreeSet
from persistent import Persistent

_SEP = "\x1f"
_HIGH = "\uffff"


class StateIndex(Persistent):
    def __init__(self) -> None:
        self.entries = OOTreeSet()  # "workflow<US>state<US>student<US>path"
        self.where = OOBTree()      # "workflow<US>path" -> its entry, to move it later

    def record(self, document) -> None:
        """Note (or move) ``document`` under its current state in each of its workflows."""
        student, path = _student_of(document), path_of(document)
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

    def forget(self, document) -> None:
        """Drop a removed document's entries."""
        path = path_of(document)
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


def enter_workflows(engine, document) -> None:
    """Start a new document (already in its student's folder) in its workflows' initial
    states, and note where it is."""
    engine.start(document)
    site = site_of(document)
    if site is not None:
        state_index(site).record(document)


def state_index(site) -> StateIndex:
    index = getattr(site, "state_index", None)
    if index is None:
        index = site.state_index = StateIndex()
    return index


def root_of(document):
    node = document
    while getattr(node, "__parent__", None) is not None:
        node = node.__parent__
    return node


def _student_of(document):
    node = document
    while node is not None and not getattr(node, "is_student", False):
        node = getattr(node, "__parent__", None)
    return node


def path_of(document) -> str:
    names = []
    node = document
    while getattr(node, "__parent__", None) is not None:
        names.append(node.__name__)
        node = node.__parent__
    return "/".join(reversed(names))


def resolve(site, path: str):
    """The document at ``path`` (as ``StateIndex`` keeps it), or None if it is gone."""
    node = site
    for name in path.split("/"):
        try:
            node = node[name]
        except (KeyError, TypeError):
            return None
    return node


def site_of(document):
    """The root of the tree ``document`` is in, if it is in a student's folder inside a
    site (not a student folder being built on its own)."""
    root = root_of(document)
    if _student_of(document) is None or getattr(root, "is_student", False):
        return None
    return root


def index_after_transition(event) -> None:
    """Engine listener: keep the index in step with every transition."""
    site = site_of(event.document) if event.phase == "after" else None
    if site is not None:
        state_index(site).record(event.document)
