"""Where a node sits in the tree: its student, its site, its path, and back.

Every walk up or down the tree goes through here, on Pyramid's own traversal helpers,
so what counts as "the student of" a document is written once.
"""
from __future__ import annotations

from pyramid.location import lineage
from pyramid.traversal import find_root


def student_of(node):
    """The student folder ``node`` is in (or is), or None. (A plain loop: a caseload page
    asks this of thousands of nodes.)"""
    for found in lineage(node):
        if getattr(found, "is_student", False):
            return found
    return None


def workflowed_ancestor(node):
    """The nearest document above ``node`` that takes part in workflows, or None."""
    parent = getattr(node, "__parent__", None)
    if parent is None:
        return None
    for found in lineage(parent):
        if getattr(found, "workflow_chain", None):
            return found
    return None


def path_of(node) -> str:
    """``node``'s path from the root of its tree, without a leading slash
    ("students/s1/plan"); empty for the root itself."""
    names = [n.__name__ for n in lineage(node) if getattr(n, "__parent__", None) is not None]
    return "/".join(reversed(names))


def resolve(site, path: str):
    """The node at ``path`` (as ``path_of`` gives it) below ``site``, or None if it is gone.
    (Item by item rather than through ``find_resource``: search resolves every hit it
    shows, and pyramid's general traversal costs eight times as much per call.)"""
    node = site
    for name in path.split("/"):
        try:
            node = node[name]
        except (KeyError, TypeError):
            return None
    return node


def site_of(node):
    """The root of the tree a document in a student's folder is in; None for a student
    folder being built on its own, outside any site."""
    if student_of(node) is None:
        return None
    root = find_root(node)
    return None if getattr(root, "is_student", False) else root
