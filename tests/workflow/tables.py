"""Checking a workflow's transition table against the engine, one role at a time."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from profilerepo.workflow import TransitionRefused


def roles_that_may(engine, make_document: Callable[[], object], workflow: str, state: str,
                   transition: str, target: str, roles: Iterable[str], comment: str) -> set:
    """The roles that may take ``transition`` from ``state`` of ``workflow``, trying it for
    each role on a fresh document from ``make_document()`` (already in ``state``).

    For every role it checks that the page offers exactly what would succeed; that a refusal
    changes neither the document's states nor its history; and that a success moves this
    workflow, and only this one, to ``target`` and adds one history entry naming
    (``workflow``, ``state``, ``target``)."""
    allowed = set()
    for role in roles:
        document = make_document()
        assert document.workflow_states[workflow] == state, "the document starts in the state"
        offered = transition in [t.name for t in engine.available(document, "x", {role})]
        before = (dict(document.workflow_states), document.workflow_history)
        try:
            entry = engine.perform(document, transition, actor="x", roles={role},
                                   comment=comment)
        except TransitionRefused:
            assert (document.workflow_states, document.workflow_history) == before, \
                f"a refused {transition} by {role} changed nothing"
            done = False
        else:
            assert document.workflow_states == {**before[0], workflow: target}, \
                f"only {workflow} moves; the document's other workflows stay as they were"
            assert (entry.workflow, entry.source, entry.target) == (workflow, state, target)
            assert document.workflow_history == (*before[1], entry), "one entry is added"
            done = True
        assert offered is done, f"{role}: the page offers exactly what would succeed"
        if done:
            allowed.add(role)
    return allowed
