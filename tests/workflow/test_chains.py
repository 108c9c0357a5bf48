"""Workflow chains: a document following several workflows at once (a plan has a lifecycle
and is shared). Who holds a permission, which transition a name means, the history and the
state index, on two small workflows; and the ``form`` a transition may name."""
from __future__ import annotations

import textwrap
import tomllib

import pytest

from profilerepo.workflow import (
    TransitionRefused,
    Vocabulary,
    WorkflowEngine,
    WorkflowError,
    load_file,
    parse,
)
from profilerepo.workflow.index import enter_workflows, state_index
from profilerepo.workflow.subscribers import record_transition
from tests.workflow.test_definition import GOOD
from tests.workflow.test_definition import VOCABULARY as REVIEW_VOCABULARY

VOCABULARY = Vocabulary(roles=frozenset({"author", "teacher", "guardian", "counselor"}),
                        permissions=frozenset({"view", "edit", "add"}))

# Its lifecycle decides view and edit; "reopen" is also a transition of SHARE.
LIFE = """
[workflow]
name = "life"
title = "Life"
initial = "draft"

[states.draft]
title = "Draft"
permissions = { view = ["author", "teacher"], edit = ["author"] }

[states.done]
title = "Done"
permissions = { view = ["author", "teacher", "guardian"], edit = [] }

[transitions.finish]
title = "Finish"
from = ["draft"]
to = "done"
roles = ["author"]

[transitions.reopen]
title = "Reopen the draft"
from = ["done"]
to = "draft"
roles = ["author"]
"""

# Sharing decides view only.
SHARE = """
[workflow]
name = "share"
title = "Share"
initial = "private"

[states.private]
title = "Private"
permissions = { view = ["author", "teacher"] }

[states.public]
title = "Public"
permissions = { view = ["author", "teacher", "guardian", "counselor"] }

[transitions.publish]
title = "Publish"
from = ["private"]
to = "public"
roles = ["author"]

[transitions.reopen]
title = "Make private again"
from = ["public"]
to = "private"
roles = ["counselor"]
"""

# One state that names edit with nobody in it, and nothing else.
SEAL = """
[workflow]
name = "seal"
title = "Seal"
initial = "sealed"

[states.sealed]
title = "Sealed"
permissions = { edit = [] }

[transitions]
"""

WORKFLOWS = {"life": LIFE, "share": SHARE, "seal": SEAL,
             "seal-naming-nothing": SEAL.replace('"seal"', '"seal-naming-nothing"').replace(
                 "permissions = { edit = [] }", "")}


class Node:
    """A container in a small content tree (enough for the state index)."""

    def __init__(self, name: str | None = None, parent=None, is_student: bool = False):
        self.__name__, self.__parent__, self.is_student = name, parent, is_student


class Notes(Node):
    """A document that follows two workflows."""

    workflow_chain = ("life", "share")


@pytest.fixture
def engine():
    return WorkflowEngine({name: parse(tomllib.loads(text), VOCABULARY, source=f"{name}.toml")
                           for name, text in WORKFLOWS.items()})


def notes(engine, life: str = "draft", share: str = "private", chain=None) -> Notes:
    document = Notes()
    engine.start(document, chain)
    wanted = {"life": life, "share": share}
    document.workflow_states = {name: wanted[name] for name in document.workflow_states}
    return document


def holders(engine, document, permission: str) -> set[str]:
    return {role for role, perms in engine.permissions(document).items() if permission in perms}


def test_a_new_document_starts_in_the_initial_state_of_every_workflow_of_its_chain(engine):
    document = Notes()
    engine.start(document)
    assert document.workflow_states == {"life": "draft", "share": "private"}
    assert document.workflow_history == ()
    assert [(wf.name, state.name) for wf, state in engine.states_of(document)] == [
        ("life", "draft"), ("share", "private")]


# (life, share) -> who may view: both workflows manage view, so both must grant it.
VIEWERS = {
    ("draft", "private"): {"author", "teacher"},
    ("done", "private"): {"author", "teacher"},             # life lets guardians; share not
    ("draft", "public"): {"author", "teacher"},             # share lets guardians; life not
    ("done", "public"): {"author", "teacher", "guardian"},  # counselor: share only
}


@pytest.mark.parametrize("life, share", sorted(VIEWERS))
def test_a_permission_two_workflows_manage_is_held_only_where_both_grant_it(engine, life,
                                                                            share):
    assert holders(engine, notes(engine, life, share), "view") == VIEWERS[(life, share)]


@pytest.mark.parametrize("share", ("private", "public"))
def test_a_permission_only_one_workflow_manages_follows_that_workflow_alone(engine, share):
    assert holders(engine, notes(engine, "draft", share), "edit") == {"author"}
    assert holders(engine, notes(engine, "done", share), "edit") == set()


def test_a_permission_no_workflow_manages_is_left_to_the_caller(engine):
    document = notes(engine, "done", "public")
    assert engine.managed(document) == {"view", "edit"}
    assert holders(engine, document, "add") == set()
    shared_only = notes(engine, chain=("share",))
    assert engine.managed(shared_only) == {"view"}
    assert holders(engine, shared_only, "edit") == set(), "edit is the section table's"


def test_a_state_that_names_a_permission_with_no_roles_takes_it_from_everyone(engine):
    sealed = Notes()
    engine.start(sealed, ("life", "seal"))
    assert engine.managed(sealed) == {"view", "edit"}
    assert holders(engine, sealed, "edit") == set(), "the seal grants edit to nobody"
    assert holders(engine, sealed, "view") == {"author", "teacher"}, "view is life's alone"
    unsealed = Notes()
    engine.start(unsealed, ("life", "seal-naming-nothing"))
    assert holders(engine, unsealed, "edit") == {"author"}
    alone = Notes()
    engine.start(alone, ("seal",))
    assert (engine.managed(alone), engine.permissions(alone)) == ({"edit"}, {})


def test_a_transition_name_in_two_workflows_must_say_which_workflow(engine):
    document = notes(engine, "done", "public")
    offered = engine.available(document, "ann", {"author", "counselor"})
    assert sorted((t.workflow, t.name) for t in offered) == [("life", "reopen"),
                                                             ("share", "reopen")]
    with pytest.raises(TransitionRefused, match="more than one workflow; say which"):
        engine.find(document, "reopen")
    with pytest.raises(TransitionRefused, match="more than one workflow; say which"):
        engine.perform(document, "reopen", actor="ann", roles={"author", "counselor"})
    assert document.workflow_states == {"life": "done", "share": "public"}
    assert document.workflow_history == ()
    with pytest.raises(TransitionRefused, match="no such transition"):
        engine.find(document, "reopen", workflow="seal")

    assert engine.find(document, "reopen", workflow="share").title == "Make private again"
    engine.perform(document, "reopen", workflow="share", actor="cora", roles={"counselor"})
    assert document.workflow_states == {"life": "done", "share": "private"}
    with pytest.raises(TransitionRefused, match="only .* can do this"):
        engine.perform(document, "reopen", workflow="life", actor="cora", roles={"counselor"})
    engine.perform(document, "reopen", workflow="life", actor="ann", roles={"author"})
    assert document.workflow_states == {"life": "draft", "share": "private"}


def test_a_name_used_by_one_workflow_needs_no_workflow_named(engine):
    document = notes(engine)
    engine.perform(document, "publish", actor="ann", roles={"author"})
    assert document.workflow_states == {"life": "draft", "share": "public"}


def test_each_history_entry_names_the_workflow_that_moved(engine):
    document = notes(engine)
    author = {"actor": "ann", "roles": {"author"}}
    engine.perform(document, "finish", **author)
    engine.perform(document, "publish", **author)
    engine.perform(document, "reopen", workflow="share", actor="cora", roles={"counselor"})
    engine.perform(document, "reopen", workflow="life", **author)
    assert [(e.workflow, e.action, e.source, e.target) for e in document.workflow_history] == [
        ("life", "finish", "draft", "done"), ("share", "publish", "private", "public"),
        ("share", "reopen", "public", "private"), ("life", "reopen", "done", "draft")]


def test_listeners_hear_which_workflow_of_the_chain_moved(engine):
    heard = []
    engine.notify = lambda e: heard.append(
        (e.phase, e.workflow, engine.workflows[e.workflow].transitions[e.transition].workflow))
    engine.perform(notes(engine), "publish", actor="ann", roles={"author"})
    assert heard == [("before", "share", "share"), ("after", "share", "share")]


def tree(engine, *students: str) -> tuple[Node, dict[str, Notes]]:
    """A site with a students folder, each student holding one ``notes`` document that has
    started its workflows; the engine keeps the state index current."""
    engine.notify = record_transition
    site = Node()
    folder = Node("students", site)
    documents = {}
    for sid in students:
        documents[sid] = Notes("notes", Node(sid, folder, is_student=True))
        enter_workflows(engine, documents[sid])
    return site, documents


def test_the_state_index_keeps_one_entry_per_workflow_of_the_chain(engine):
    site, documents = tree(engine, "s1", "s2")
    index = state_index(site)
    assert len(index.entries) == 4, "two documents, two workflows each"
    for sid in ("s1", "s2"):
        path = f"students/{sid}/notes"
        assert index.paths("life", "draft", sid) == [path]
        assert index.paths("share", "private", sid) == [path]
        assert (index.state("life", path), index.state("share", path)) == ("draft", "private")


def test_the_state_index_moves_each_workflow_on_its_own_transitions(engine):
    site, documents = tree(engine, "s1", "s2")
    index = state_index(site)
    path = "students/s1/notes"
    engine.perform(documents["s1"], "finish", actor="ann", roles={"author"})
    assert index.paths("life", "draft", "s1") == []
    assert index.paths("life", "done", "s1") == [path]
    assert index.paths("share", "private", "s1") == [path], "the sharing entry stays"
    engine.perform(documents["s1"], "publish", actor="ann", roles={"author"})
    assert (index.state("life", path), index.state("share", path)) == ("done", "public")
    assert index.paths("share", "private", "s1") == []
    assert index.paths("life", "draft", "s2") == ["students/s2/notes"], "s2 is untouched"
    assert index.paths("share", "private", "s2") == ["students/s2/notes"]
    assert len(index.entries) == 4, "moved, not copied"
    index.forget(documents["s1"])
    assert index.state("life", path) is None and index.state("share", path) is None
    assert len(index.entries) == 2


def test_a_workflowed_document_outside_a_student_folder_is_not_indexed(engine):
    site, _ = tree(engine)
    stray = Notes("notes", Node("loose", site))
    engine.start(stray)
    with pytest.raises(ValueError, match="inside a student's folder"):
        state_index(site).record(stray)


def write(tmp_path, text: str):
    path = tmp_path / "review.toml"
    path.write_text(textwrap.dedent(text))
    return path


FORM_AFTER = 'comment = "required"'


def test_a_transition_may_name_the_page_it_is_taken_on(tmp_path):
    workflow = load_file(write(tmp_path, GOOD.replace(FORM_AFTER, FORM_AFTER +
                                                      '\nform = "share-with-note"')),
                         REVIEW_VOCABULARY)
    assert workflow.transitions["share"].form == "share-with-note"
    assert workflow.transitions["submit"].form == "", "a plain button unless it says"
    assert {t.workflow for t in workflow.transitions.values()} == {"review"}


@pytest.mark.parametrize("value", ["42", '["share-page"]', "true", '{ page = "share" }'])
def test_a_form_that_is_not_a_page_name_stops_loading_naming_file_and_transition(tmp_path,
                                                                                   value):
    assert FORM_AFTER in GOOD
    path = write(tmp_path, GOOD.replace(FORM_AFTER, f"{FORM_AFTER}\nform = {value}"))
    with pytest.raises(WorkflowError) as error:
        load_file(path, REVIEW_VOCABULARY)
    assert str(error.value) == "review.toml: transition 'share': 'form' must be the name of " \
                               "a page"
