"""Running workflows on documents: the state, what may happen next, doing it, history.

A document takes part through its class's ``workflow_chain``: the names of
the workflows it follows at once (a plan has a lifecycle and is shared, say).
The engine keeps ``workflow_states`` (workflow -> state) and
``workflow_history`` on the document. A permission that one or more of the
chain's workflows manage is held by a role only if every one of them grants
it in its current state; permissions none of them manage are left to the
caller. Callers say which roles the actor holds (the security layer knows);
the engine decides the rest. Plain Python: it tells each transition, before
and after, to the ``notify`` function it is given (the application's content
events), so other layers (search, indexes) can follow.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import product
from types import MappingProxyType

from profilerepo.workflow.definition import State, Transition, Workflow, Worklist

Check = Callable[[object, str], bool]  # (document, actor login) -> may it happen?


@dataclass(frozen=True)
class Condition:
    """A named check a guard may use, with what a person is told when it fails: why, in
    plain words, and the step that would make it pass (a transition, maybe elsewhere)."""

    check: Check
    refusal: str  # a clause: "the plan's period has not ended yet"
    remedy: str = ""  # "workflow/transition" that makes it pass, if there is one
    remedy_on: Callable[[object], object] | None = None  # the document it is taken on

    def __call__(self, document, actor: str) -> bool:
        return self.check(document, actor)


UNSAID = "it is not possible at this point"  # a plain check handed in without wording


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
    workflow: str = ""


@dataclass(frozen=True, eq=False)
class DocumentTransitioned:
    """A transition of ``document`` in ``workflow``, told twice inside the transaction
    taking it: ``phase`` "before" (a subscriber may still refuse it by raising
    ``TransitionRefused``) and "after" (the document is in ``target``)."""

    phase: str
    document: object
    workflow: str
    transition: str
    source: str  # the state it leaves
    target: str
    actor: str
    comment: str


def _nobody_listens(event: DocumentTransitioned) -> None:
    """The ``notify`` of an engine given none: transitions are told to no one."""


class WorkflowEngine:
    """The loaded workflows and the named conditions their guards may use."""

    def __init__(self, workflows: dict[str, Workflow],
                 conditions: Mapping[str, Condition | Check] | None = None,
                 role_words: Mapping[str, str] | None = None,
                 notify: Callable[[DocumentTransitioned], None] | None = None) -> None:
        self.workflows = workflows
        self.conditions = conditions or {}
        self.role_words = role_words or {}  # role -> who holds it, in words ("a teacher")
        self.notify = notify or _nobody_listens  # tells every transition, before and after
        # Worked out once per chain, and per combination of states: asked for at every
        # permission check, the same few answers each time (workflows never change).
        self._managed: dict[tuple[str, ...], frozenset[str]] = {}
        self._permissions: dict[tuple, Mapping[str, frozenset[str]]] = {}

    def start(self, document, chain: Iterable[str] | None = None) -> None:
        """Put a new document in the initial state of each workflow of its chain."""
        if chain is not None:
            document.workflow_chain = (chain,) if isinstance(chain, str) else tuple(chain)
        document.workflow_states = {name: self.workflows[name].initial
                                    for name in document.workflow_chain}
        document.workflow_history = ()

    def chain(self, document) -> list[Workflow]:
        return [self.workflows[name] for name in getattr(document, "workflow_chain", ())]

    def workflow_of(self, document, name: str | None = None) -> Workflow:
        """One workflow of the document's chain (the first unless named)."""
        return self.workflows[name or document.workflow_chain[0]]

    def state_of(self, document, workflow: str | None = None) -> State:
        """The document's state in one workflow (its initial state if it never had one)."""
        wf = self.workflow_of(document, workflow)
        name = getattr(document, "workflow_states", {}).get(wf.name) or wf.initial
        return wf.states[name]

    def states_of(self, document) -> list[tuple[Workflow, State]]:
        return [(wf, self.state_of(document, wf.name)) for wf in self.chain(document)]

    def states(self, workflow: str, group: str) -> frozenset[str]:
        """The states of ``workflow``'s named ``group`` ("in force"), as its file declares."""
        return self.workflows[workflow].group(group)

    def in_group(self, document, workflow: str, group: str) -> bool:
        """Whether ``document`` is now in one of the states of ``workflow``'s ``group``."""
        return self.state_of(document, workflow).name in self.states(workflow, group)

    def managed(self, document) -> frozenset[str]:
        """The permissions the document's workflows decide."""
        chain = tuple(getattr(document, "workflow_chain", ()))
        found = self._managed.get(chain)
        if found is None:
            found = self._managed[chain] = frozenset().union(
                *(wf.managed for wf in self.chain(document)))
        return found

    def permissions(self, document) -> Mapping[str, frozenset[str]]:
        """role -> managed permissions held now: each must be granted by every workflow of
        the chain that manages it (the document's ACL, as data; read-only)."""
        states = self.states_of(document)
        key = tuple((wf.name, state.name) for wf, state in states)
        found = self._permissions.get(key)
        if found is not None:
            return found
        held: dict[str, set[str]] = {}
        chain, named = [wf for wf, _ in states], dict(key)
        for permission in self.managed(document):
            for role in self._holders(chain, permission, named):
                held.setdefault(role, set()).add(permission)
        found = self._permissions[key] = MappingProxyType(
            {role: frozenset(perms) for role, perms in held.items()})
        return found

    def could_hold(self, document, permission: str, roles: Iterable[str],
                   states: Iterable[Mapping[str, str]] | None) -> bool:
        """Whether one of ``roles`` held ``permission`` on ``document`` in any of ``states``
        (each workflow -> state; one left out, or no longer defined, in its initial state).

        ``None`` states are not known: then only a role holding it in every state its
        workflows can be in does. True when no workflow of the chain manages it (what
        else governs it does not change with the states).
        """
        if permission not in self.managed(document):
            return True
        roles, chain = set(roles), self.chain(document)
        if states is None:
            states = [dict(zip((wf.name for wf in chain), combination, strict=True))
                      for combination in product(*(wf.states for wf in chain))]
            return all(roles & self._holders(chain, permission, s) for s in states)
        return any(roles & self._holders(chain, permission, s) for s in states)

    @staticmethod
    def _holders(chain: list[Workflow], permission: str,
                 states: Mapping[str, str]) -> frozenset[str]:
        """The roles every workflow of ``chain`` managing ``permission`` grants it to in
        ``states``."""
        holders = None
        for wf in chain:
            if permission in wf.managed:
                state = wf.states.get(states.get(wf.name, ""), wf.states[wf.initial])
                granted = state.roles_with(permission)
                holders = granted if holders is None else holders & granted
        return holders or frozenset()

    def takes_part(self, workflow: str, roles: Iterable[str]) -> bool:
        """Whether one of ``roles`` may take some transition of ``workflow`` (its role
        guards say who works the workflow; a workflow no longer defined has nobody)."""
        wf = self.workflows.get(workflow)
        return wf is not None and any(set(roles) & t.roles for t in wf.transitions.values())

    def refusal(self, document, transition: Transition, actor: str,
                roles: Iterable[str]) -> str | None:
        """Why ``transition`` may not happen now for this actor, or None if it may."""
        roles = set(roles)
        if getattr(document, "imported", False):  # (from another district: kept as it came)
            from profilerepo.portability.imported import ARRIVED_STAYS, stays_as_it_came

            if stays_as_it_came(document):
                return ARRIVED_STAYS
        state = self.state_of(document, transition.workflow or None)
        if state.name not in transition.sources:
            return f"it cannot be done while this is “{state.title}”"
        if transition.roles and not roles & transition.roles:
            return f"only {self.who(transition.roles)} can do this"
        permissions = self.permissions(document)
        held = set().union(*(permissions.get(r, ()) for r in roles))
        if transition.permissions - held:
            return f"you may not do this while this is “{state.title}”"
        failing = self.failing_condition(document, transition, actor)
        if failing is not None:
            return getattr(failing, "refusal", "") or UNSAID
        return None

    def who(self, roles: Iterable[str]) -> str:
        """The holders of ``roles`` in words: "the counselor or an administrator"."""
        words = sorted(self.role_words.get(r, "someone else on the team") for r in roles)
        words = list(dict.fromkeys(words))
        return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"

    def failing_condition(self, document, transition: Transition,
                          actor: str) -> Condition | Check | None:
        for name in transition.conditions:
            condition = self.conditions[name]
            if not condition(document, actor):
                return condition
        return None

    def remedy(self, document, transition: Transition,
               actor: str) -> tuple[object, Transition] | None:
        """The step that would let ``transition`` happen (the document it is taken on,
        and the transition), when a condition refuses it and names one; the caller asks
        whether this person may take it."""
        failing = self.failing_condition(document, transition, actor)
        if not getattr(failing, "remedy", ""):
            return None
        target = failing.remedy_on(document) if failing.remedy_on else document
        workflow, name = failing.remedy.split("/", 1)
        if target is None or workflow not in getattr(target, "workflow_chain", ()):
            return None
        return target, self.workflows[workflow].transitions[name]

    def available(self, document, actor: str, roles: Iterable[str]) -> list[Transition]:
        """The transitions this actor may take now (so a page never offers one that fails)."""
        roles = set(roles)
        return [t for wf, state in self.states_of(document)
                for t in wf.transitions_from(state.name)
                if self.refusal(document, t, actor, roles) is None]

    def find(self, document, transition_name: str, workflow: str | None = None) -> Transition:
        """The named transition in the document's chain (in ``workflow`` if given)."""
        found = [wf.transitions[transition_name] for wf in self.chain(document)
                 if transition_name in wf.transitions and workflow in (None, "", wf.name)]
        if len(found) != 1:
            titles = " or ".join(wf.title for wf in self.chain(document))
            problem = "no such transition" if not found else "a transition of that name in " \
                "more than one workflow; say which"
            raise TransitionRefused(transition_name, f"the {titles} workflow has {problem}")
        return found[0]

    def perform(self, document, transition_name: str, *, actor: str, roles: Iterable[str],
                comment: str = "", when: datetime | None = None,
                workflow: str | None = None) -> HistoryEntry:
        """Take a transition: guards checked again, comment rule applied, history kept."""
        transition = self.find(document, transition_name, workflow)
        wf = self.workflows[transition.workflow]
        reason = self.refusal(document, transition, actor, roles)
        if reason:
            raise TransitionRefused(transition.title, reason)
        comment = (comment or "").strip()
        if transition.comment_required and not comment:
            raise TransitionRefused(transition.title, "a comment is required")
        if transition.comment == "none":
            comment = ""
        source = self.state_of(document, wf.name).name
        self.notify(DocumentTransitioned("before", document, wf.name, transition.name, source,
                                         transition.target, actor, comment))
        entry = HistoryEntry(action=transition.name, actor=actor, time=when or datetime.now(UTC),
                             comment=comment, source=source,
                             target=transition.target, workflow=wf.name)
        document.workflow_states = {**getattr(document, "workflow_states", {}),
                                    wf.name: transition.target}
        document.workflow_history = (*getattr(document, "workflow_history", ()), entry)
        self.notify(DocumentTransitioned("after", document, wf.name, transition.name, source,
                                         transition.target, actor, comment))
        return entry

    def on_worklist(self, document, worklist: Worklist, roles: Iterable[str]) -> bool:
        """Whether ``document`` belongs on ``worklist`` for someone holding ``roles`` on it."""
        return (self.state_of(document, worklist.workflow or None).name in worklist.states
                and bool(worklist.roles & set(roles)))
