"""Which documents of a student's folder go into a backpack, for whom.

For a new school: every document but the working drafts of review workflows (a narrative
or progress report not yet shared with the family) and what the family hid from future
providers (unless released). For the family: everything the family may read, what they
hid too. The family's requests about the record stay with the school that answered them.
"""
from __future__ import annotations

import dataclasses

from profilerepo import clock
from profilerepo.content.folder import Folder
from profilerepo.content.versions import Versioned
from profilerepo.portability.format import AUDIENCES, FAMILY
from profilerepo.security.access import viewing_roles
from profilerepo.workflow import running_engine

# Workflows whose documents are written, reviewed and only then released: until the
# family may read one, it is the school's working draft and does not leave the school.
REVIEW_WORKFLOWS = frozenset({"narrative-review", "progress-report"})
STAYS_HERE = frozenset({"requests"})  # folders whose contents never travel


@dataclasses.dataclass
class Selection:
    """What goes, in tree order: (path in the student folder, document) pairs; and how
    many documents were left out as drafts or as hidden by the family."""

    student: object
    audience: str
    documents: list[tuple[str, object]]
    drafts: list[tuple[str, object]]
    hidden: list[tuple[str, object]]
    lapsed: list[tuple[str, object]] = dataclasses.field(default_factory=list)  # badges

    @property
    def withheld(self) -> bool:
        """Something the family hid was left out (the file says so, never what)."""
        return bool(self.hidden)


def children(node) -> tuple:
    """What ``node`` holds: a folder's items, a document's own subfolders (a plan's goals
    and reports)."""
    below = getattr(node, "subfolders", None)
    if below is not None:
        return tuple(below)
    if isinstance(node, Folder):
        return tuple(node.values())
    return ()


def walk(student):
    """(path, node) of every document and folder below ``student``, in path order."""
    def down(node, prefix: str):
        for child in sorted(children(node), key=lambda c: c.__name__ or ""):
            name = child.__name__
            if not name or (not prefix and name in STAYS_HERE):
                continue
            path = f"{prefix}{name}"
            yield path, child
            yield from down(child, path + "/")

    yield from down(student, "")


def is_document(node) -> bool:
    return isinstance(node, Versioned) and not getattr(node, "is_student", False)


def family_reads(engine, document) -> bool:
    from profilerepo.family.hiding import FAMILY_ROLES

    return bool(viewing_roles(engine, document) & FAMILY_ROLES)


def select(student, audience: str, *, release_hidden: bool = False,
           engine=None) -> Selection:
    """The documents of ``student``'s backpack for ``audience`` (format.AUDIENCES: the
    family's own copy, or a new school's)."""
    # (family.hiding and security import each other: imported here, once security is)
    from profilerepo.family.hiding import hidden_from_future

    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    engine = engine or running_engine()
    chosen, drafts, hidden, lapsed = [], [], [], []
    now = clock.now(zone=clock.UTC)
    for path, node in walk(student):
        if not is_document(node):
            continue
        if not getattr(node, "still_held", lambda now: True)(now):
            lapsed.append((path, node))  # (a revoked, expired or unverified badge)
            continue
        readable = None
        if REVIEW_WORKFLOWS & set(getattr(node, "workflow_chain", ())):
            readable = family_reads(engine, node)
            if not readable:
                drafts.append((path, node))
                continue
        if audience == FAMILY:
            if not (readable if readable is not None else family_reads(engine, node)):
                drafts.append((path, node))
                continue
        elif not release_hidden and hidden_from_future(node):
            hidden.append((path, node))
            continue
        chosen.append((path, node))
    return Selection(student, audience, chosen, drafts, hidden, lapsed)
