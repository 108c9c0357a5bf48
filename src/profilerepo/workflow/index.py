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
        self.where = OOBTree()      # path -> its entry, to move it on the next transition

    def record(self, document) -> None:
        """Note (or move) ``document`` under its current workflow state."""
        student, path = _student_of(document), _path_of(document)
        if student is None:
            raise ValueError("a workflowed document must be inside a student's folder")
        state = document.workflow_state or ""
        key = _SEP.join((document.workflow_name, state, student.__name__, path))
        old = self.where.get(path)
        if old == key:
            return
        if old is not None and old in self.entries:
            self.entries.remove(old)
        self.entries.add(key)
        self.where[path] = key

    def paths(self, workflow_name: str, state: str, student_id: str) -> list[str]:
        """Paths (from the site) of one student's documents in ``state``."""
        prefix = _SEP.join((workflow_name, state, student_id, ""))
        return [k[len(prefix):] for k in self.entries.keys(min=prefix, max=prefix + _HIGH)]


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


def _path_of(document) -> str:
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


def index_after_transition(event) -> None:
    """Engine listener: keep the index in step with every transition."""
    if event.phase == "after" and _student_of(event.document) is not None:
        state_index(root_of(event.document)).record(event.document)
