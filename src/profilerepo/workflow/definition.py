"""Workflow definitions: states with role -> permission maps, guarded transitions,
worklists, named groups of states; read from TOML files and checked before anything uses them.

Plain Python with no web imports: the vocabulary (roles, permissions, named
conditions) is handed in by whoever loads the definitions.
"""
from __future__ import annotations

import tomllib
from collections import deque
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

COMMENT_CHOICES = ("none", "optional", "required")


class WorkflowError(ValueError):
    """A definition that cannot be used: names the file, the item and the problem."""


@dataclass(frozen=True)
class State:
    name: str
    title: str
    permissions: dict[str, frozenset[str]]  # role -> permissions held in this state
    declared: frozenset[str] = frozenset()   # permissions named here, even with no roles

    def roles_with(self, permission: str) -> frozenset[str]:
        return frozenset(r for r, perms in self.permissions.items() if permission in perms)


@dataclass(frozen=True)
class Transition:
    name: str
    title: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str] = frozenset()        # any one of these (empty: anyone)
    permissions: frozenset[str] = frozenset()  # all of these, in the current state
    conditions: tuple[str, ...] = ()           # named checks that must all pass
    comment: str = "optional"
    workflow: str = ""                         # the workflow it belongs to
    form: str = ""  # taken through this named page (it asks for more), not a plain button
    confirm: str = ""  # what will happen, said on a page that asks "are you sure?" first

    @property
    def comment_required(self) -> bool:
        return self.comment == "required"


@dataclass(frozen=True)
class Worklist:
    name: str
    title: str
    states: tuple[str, ...]
    roles: frozenset[str]
    workflow: str = ""
    bulk: tuple[str, ...] = ()  # transitions taken in turn on several documents at once
    bulk_title: str = ""  # what that does, as its button says


@dataclass(frozen=True)
class Workflow:
    name: str
    title: str
    initial: str
    states: dict[str, State]
    transitions: dict[str, Transition]
    worklists: dict[str, Worklist] = field(default_factory=dict)
    source: str = ""
    groups: dict[str, frozenset[str]] = field(default_factory=dict)  # name -> states

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]

    def group(self, name: str) -> frozenset[str]:
        """The states of the named group ("in force"), as the file declares them: code asks
        what it means, and the states it means live in one place, the file."""
        try:
            return self.groups[name]
        except KeyError:
            raise WorkflowError(f"{self.source or self.name}: the {self.name!r} workflow has "
                                f"no group {name!r}") from None

    @cached_property
    def managed(self) -> frozenset[str]:
        """The permissions this workflow decides: those any of its states names (even with
        no roles). Others are left to whatever else governs the document."""
        return frozenset(p for state in self.states.values() for p in state.declared)


@dataclass(frozen=True)
class Vocabulary:
    """The words a definition may use; anything else is an error at load time."""

    roles: frozenset[str]
    permissions: frozenset[str]
    conditions: frozenset[str] = frozenset()


def load_folder(folder: Path, vocabulary: Vocabulary) -> dict[str, Workflow]:
    """Every ``*.toml`` workflow in ``folder``, by name; the first problem stops it all."""
    workflows: dict[str, Workflow] = {}
    for path in sorted(Path(folder).glob("*.toml")):
        workflow = load_file(path, vocabulary)
        if workflow.name in workflows:
            raise WorkflowError(f"{path.name}: workflow {workflow.name!r} is also defined in "
                                f"{workflows[workflow.name].source}")
        workflows[workflow.name] = workflow
    return workflows


def load_file(path: Path, vocabulary: Vocabulary) -> Workflow:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise WorkflowError(f"{path.name}: not valid TOML: {error}") from None
    return parse(data, vocabulary, source=path.name)


def parse(data: dict, vocabulary: Vocabulary, source: str = "<definition>") -> Workflow:
    """A checked ``Workflow`` from the TOML data of one file."""
    reader = _Reader(source, vocabulary)
    head = reader.table(data, "workflow", "the [workflow] table")
    states = {name: reader.state(name, body)
              for name, body in reader.table(data, "states", "the [states] tables").items()}
    if not states:
        reader.fail("the workflow has no states")
    transitions = {name: reader.transition(name, body, states) for name, body in
                   reader.table(data, "transitions", "the [transitions] tables").items()}
    worklists = {name: reader.worklist(name, body, states, transitions)
                 for name, body in data.get("worklists", {}).items()}
    groups = reader.groups(data.get("groups", {}), states)
    name = reader.text(head, "name", "workflow")
    transitions = {key: replace(t, workflow=name) for key, t in transitions.items()}
    worklists = {key: replace(w, workflow=name) for key, w in worklists.items()}
    initial = reader.text(head, "initial", "workflow")
    if initial not in states:
        reader.fail(f"workflow: the initial state {initial!r} is not defined")
    workflow = Workflow(name=name,
                        title=reader.text(head, "title", "workflow"), initial=initial,
                        states=states, transitions=transitions, worklists=worklists,
                        source=source, groups=groups)
    unreachable = sorted(set(states) - _reachable(workflow))
    if unreachable:
        reader.fail(f"state {unreachable[0]!r}: no transition leads to it from the initial "
                    f"state {initial!r}")
    return workflow


def _reachable(workflow: Workflow) -> set[str]:
    seen, queue = {workflow.initial}, deque([workflow.initial])
    while queue:
        for transition in workflow.transitions_from(queue.popleft()):
            if transition.target not in seen:
                seen.add(transition.target)
                queue.append(transition.target)
    return seen


class _Reader:
    """Reads one file's tables, failing with the file, the item and the problem."""

    def __init__(self, source: str, vocabulary: Vocabulary) -> None:
        self.source = source
        self.vocabulary = vocabulary

    def fail(self, message: str):
        raise WorkflowError(f"{self.source}: {message}")

    def table(self, data: dict, key: str, what: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            self.fail(f"{what} is missing")
        return value

    def text(self, body: dict, key: str, item: str) -> str:
        value = body.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{item}: {key!r} is missing or not text")
        return value

    def names(self, body: dict, key: str, item: str) -> tuple[str, ...]:
        value = body.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{item}: {key!r} must be a list of names")
        return tuple(value)

    def roles(self, body: dict, key: str, item: str) -> frozenset[str]:
        roles = self.names(body, key, item)
        for role in roles:
            if role not in self.vocabulary.roles:
                self.fail(f"{item}: unknown role {role!r}")
        return frozenset(roles)

    def state(self, name: str, body: dict) -> State:
        item = f"state {name!r}"
        permissions: dict[str, set[str]] = {}
        for permission, roles in body.get("permissions", {}).items():
            if permission not in self.vocabulary.permissions:
                self.fail(f"{item}: unknown permission {permission!r}")
            for role in self.roles({"roles": roles}, "roles", f"{item}, permission "
                                                               f"{permission!r}"):
                permissions.setdefault(role, set()).add(permission)
        return State(name=name, title=self.text(body, "title", item),
                     permissions={r: frozenset(p) for r, p in permissions.items()},
                     declared=frozenset(body.get("permissions", {})))

    def transition(self, name: str, body: dict, states: dict) -> Transition:
        item = f"transition {name!r}"
        sources = self.names(body, "from", item)
        if not sources:
            self.fail(f"{item}: it has no source state ('from' is empty or missing)")
        for state in sources:
            if state not in states:
                self.fail(f"{item}: source state {state!r} is not defined")
        target = self.text(body, "to", item)
        if target not in states:
            self.fail(f"{item}: target state {target!r} is not defined")
        permissions = self.names(body, "permissions", item)
        for permission in permissions:
            if permission not in self.vocabulary.permissions:
                self.fail(f"{item}: unknown permission {permission!r}")
        conditions = self.names(body, "conditions", item)
        for condition in conditions:
            if condition not in self.vocabulary.conditions:
                self.fail(f"{item}: unknown condition {condition!r}")
        comment = body.get("comment", "optional")
        if comment not in COMMENT_CHOICES:
            self.fail(f"{item}: comment must be one of {', '.join(COMMENT_CHOICES)}")
        form = body.get("form", "")
        if not isinstance(form, str):
            self.fail(f"{item}: 'form' must be the name of a page")
        confirm = body.get("confirm", "")
        if not isinstance(confirm, str):
            self.fail(f"{item}: 'confirm' must say, in words, what will happen")
        return Transition(name=name, title=self.text(body, "title", item), sources=sources,
                          target=target, roles=self.roles(body, "roles", item),
                          permissions=frozenset(permissions), conditions=conditions,
                          comment=comment, form=form, confirm=confirm.strip())

    def worklist(self, name: str, body: dict, states: dict, transitions: dict) -> Worklist:
        item = f"worklist {name!r}"
        wanted = self.names(body, "states", item)
        for state in wanted:
            if state not in states:
                self.fail(f"{item}: state {state!r} is not defined")
        bulk = self.names(body, "bulk", item)
        for transition in bulk:
            if transition not in transitions:
                self.fail(f"{item}: bulk transition {transition!r} is not defined")
        return Worklist(name=name, title=self.text(body, "title", item), states=wanted,
                        roles=self.roles(body, "roles", item), bulk=bulk,
                        bulk_title=self.text(body, "bulk_title", item) if bulk else "")

    def groups(self, table: object, states: dict) -> dict[str, frozenset[str]]:
        """The ``[groups]`` table: each name a non-empty list of defined states."""
        if not isinstance(table, dict):
            self.fail("[groups] must be a table of names, each a list of states")
        groups = {}
        for name, members in table.items():
            item = f"group {name!r}"
            wanted = self.names({"states": members}, "states", item)
            if not wanted:
                self.fail(f"{item}: it names no state")
            for state in wanted:
                if state not in states:
                    self.fail(f"{item}: state {state!r} is not defined")
            groups[name] = frozenset(wanted)
        return groups
