"""Running workflows on documents: the state, what may happen next, doing it, history.

A document taking part has ``workflow_name``, ``workflow_state`` and
``workflow_history`` attributes; the engine sets them. Callers say which roles
the actor holds on the document (the security layer knows); the engine
decides the rest. Plain Python: listeners hear about each transition before
and after it, so other layers (search, notifications) can follow.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from profilerepo.workflow.definition import State, Transition, Workflow, Worklist

Condition = Callable[[object, str], bool]  # (document, actor login) -> may it happen?


class TransitionRefused(Exception):
    """A transition that may not happen now; ``reason`` says which guard refused it."""

    def __init__(self, transition: str, reason: str) -> None:
        super().__init__(f"{transition}: {reason}")
        self.transition = transition
        self.reason = reason


@dataclass(frozen=True)
class HistoryEntry:
    action: str
    actor: str
    time: datetime
    comment: str
    source: str
    target: str


@dataclass(frozen=True)
class TransitionEvent:
    phase: str  # "before" (may still refuse by raising) or "after"
    workflow: Workflow
    transition: Transition
    document: object
    actor: str
    comment: str


class WorkflowEngine:
    """The loaded workflows and the named conditions their guards may use."""

    def __init__(self, workflows: dict[str, Workflow],
                 conditions: dict[str, Condition] | None = None) -> None:
        self.workflows = workflows
        self.conditions = conditions or {}
        self.listeners: list[Callable[[TransitionEvent], None]] = []

    def start(self, document, workflow_name: str) -> None:
        """Put a new document in its workflow's initial state."""
        workflow = self.workflows[workflow_name]
        document.workflow_name = workflow_name
        document.workflow_state = workflow.initial
        document.workflow_history = ()

    def workflow_of(self, document) -> Workflow:
        return self.workflows[document.workflow_name]

    def state_of(self, document) -> State:
        """The document's state (its workflow's initial state if it never had one)."""
        workflow = self.workflow_of(document)
        return workflow.states[getattr(document, "workflow_state", None) or workflow.initial]

    def permissions(self, document) -> dict[str, frozenset[str]]:
        """role -> permissions in the document's current state (its ACL, as data)."""
        return self.state_of(document).permissions

    def refusal(self, document, transition: Transition, actor: str,
                roles: Iterable[str]) -> str | None:
        """Why ``transition`` may not happen now for this actor, or None if it may."""
        roles = set(roles)
        if self.state_of(document).name not in transition.sources:
            return (f"it does not start from the current state "
                    f"{self.state_of(document).title!r}")
        if transition.roles and not roles & transition.roles:
            needed = ", ".join(sorted(transition.roles))
            return f"it needs one of these roles: {needed}"
        held = set().union(*(self.permissions(document).get(r, ()) for r in roles))
        missing = sorted(transition.permissions - held)
        if missing:
            return f"it needs the {', '.join(missing)} permission in this state"
        for name in transition.conditions:
            if not self.conditions[name](document, actor):
                return f"the condition {name!r} is not met"
        return None

    def available(self, document, actor: str, roles: Iterable[str]) -> list[Transition]:
        """The transitions this actor may take now (so a page never offers one that fails)."""
        roles = set(roles)
        workflow = self.workflow_of(document)
        return [t for t in workflow.transitions_from(self.state_of(document).name)
                if self.refusal(document, t, actor, roles) is None]

    def perform(self, document, transition_name: str, *, actor: str, roles: Iterable[str],
                comment: str = "", when: datetime | None = None) -> HistoryEntry:
        """Take a transition: guards checked again, comment rule applied, history kept."""
        workflow = self.workflow_of(document)
        transition = workflow.transitions.get(transition_name)
        if transition is None:
            raise TransitionRefused(transition_name, f"the {workflow.title} workflow has no "
                                                     f"such transition")
        reason = self.refusal(document, transition, actor, roles)
        if reason:
            raise TransitionRefused(transition.title, reason)
        comment = (comment or "").strip()
        if transition.comment_required and not comment:
            raise TransitionRefused(transition.title, "a comment is required")
        if transition.comment == "none":
            comment = ""
        self._notify("before", workflow, transition, document, actor, comment)
        entry = HistoryEntry(action=transition.name, actor=actor, time=when or datetime.now(UTC),
                             comment=comment, source=self.state_of(document).name,
                             target=transition.target)
        document.workflow_state = transition.target
        document.workflow_history = (*getattr(document, "workflow_history", ()), entry)
        self._notify("after", workflow, transition, document, actor, comment)
        return entry

    def on_worklist(self, document, worklist: Worklist, roles: Iterable[str]) -> bool:
        """Whether ``document`` belongs on ``worklist`` for someone holding ``roles`` on it."""
        return (self.state_of(document).name in worklist.states
                and bool(worklist.roles & set(roles)))

    def _notify(self, phase: str, workflow: Workflow, transition: Transition, document,
                actor: str, comment: str) -> None:
        event = TransitionEvent(phase, workflow, transition, document, actor, comment)
        for listener in self.listeners:
            listener(event)
