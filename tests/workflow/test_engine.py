"""The engine on its own: states, guards, comments, history, events, worklists."""
from __future__ import annotations

import datetime
import subprocess
import sys
import tomllib

import pytest

from profilerepo.workflow import TransitionRefused, WorkflowEngine, parse
from tests.workflow.test_definition import GOOD, VOCABULARY

WHEN = datetime.datetime(2026, 11, 22, 9, 30, tzinfo=datetime.UTC)


class Note:
    """A stand-in document: any object with attributes will do."""

    def __init__(self, body: str = "Careful experiments.") -> None:
        self.body = body


@pytest.fixture
def engine():
    workflow = parse(tomllib.loads(GOOD), VOCABULARY, source="review.toml")
    return WorkflowEngine({"review": workflow},
                          conditions={"has_body": lambda doc, actor: bool(doc.body.strip())})


@pytest.fixture
def note(engine):
    note = Note()
    engine.start(note, "review")
    return note


def test_a_new_document_starts_in_the_initial_state_with_no_history(engine, note):
    assert (note.workflow_states["review"], note.workflow_history) == ("draft", ())
    assert engine.permissions(note) == {"author": {"view", "edit"}, "teacher": {"view"}}


# state x transition x roles -> may it happen?
TABLE = [
    ("draft", "submit", {"author"}, True),
    ("draft", "submit", {"teacher"}, False),
    ("draft", "submit", {"counselor"}, False),
    ("draft", "share", {"counselor"}, False),
    ("submitted", "share", {"counselor"}, True),
    ("submitted", "share", {"author"}, False),
    ("submitted", "submit", {"author"}, False),
    ("shared", "share", {"counselor"}, False),
]


@pytest.mark.parametrize("state, transition, roles, allowed", TABLE)
def test_who_may_take_which_transition_in_which_state(engine, note, state, transition, roles,
                                                      allowed):
    note.workflow_states = {"review": state}
    offered = [t.name for t in engine.available(note, "someone", roles)]
    assert (transition in offered) is allowed
    if allowed:
        engine.perform(note, transition, actor="someone", roles=roles, comment="ok", when=WHEN)
        target = engine.workflow_of(note).transitions[transition].target
        assert note.workflow_states["review"] == target
    else:
        with pytest.raises(TransitionRefused):
            engine.perform(note, transition, actor="someone", roles=roles, comment="ok")
        assert note.workflow_states["review"] == state, "a refused transition changes nothing"


def test_a_refusal_says_which_guard_refused(engine, note):
    with pytest.raises(TransitionRefused, match="only someone else on the team can do this"):
        engine.perform(note, "submit", actor="theo", roles={"teacher"})
    note.body = "   "
    with pytest.raises(TransitionRefused, match="it is not possible at this point"):
        engine.perform(note, "submit", actor="ann", roles={"author"})
    with pytest.raises(TransitionRefused, match="cannot be done while this is"):
        engine.perform(note, "share", actor="cora", roles={"counselor"}, comment="fine")
    with pytest.raises(TransitionRefused, match="has no such transition"):
        engine.perform(note, "publish", actor="cora", roles={"counselor"})


def test_a_required_comment_is_required_and_kept_in_history(engine, note):
    engine.perform(note, "submit", actor="ann", roles={"author"}, when=WHEN)
    with pytest.raises(TransitionRefused, match="a comment is required"):
        engine.perform(note, "share", actor="cora", roles={"counselor"}, comment="  ")
    assert note.workflow_states["review"] == "submitted"
    entry = engine.perform(note, "share", actor="cora", roles={"counselor"},
                           comment=" Lovely detail. ", when=WHEN)
    assert note.workflow_history[-1] == entry
    assert (entry.action, entry.actor, entry.time, entry.comment, entry.source,
            entry.target) == ("share", "cora", WHEN, "Lovely detail.", "submitted", "shared")
    assert [e.action for e in note.workflow_history] == ["submit", "share"]


def test_permissions_follow_the_state(engine, note):
    engine.perform(note, "submit", actor="ann", roles={"author"})
    assert "guardian" not in engine.permissions(note)
    engine.perform(note, "share", actor="cora", roles={"counselor"}, comment="ok")
    assert engine.permissions(note)["guardian"] == {"view"}


def test_listeners_hear_before_and_after_and_a_before_listener_can_stop_it(engine, note):
    heard = []
    engine.notify = lambda e: heard.append((e.phase, e.transition,
                                            e.document.workflow_states["review"]))
    engine.perform(note, "submit", actor="ann", roles={"author"})
    assert heard == [("before", "submit", "draft"), ("after", "submit", "submitted")]

    def veto(event):
        if event.phase == "before":
            raise TransitionRefused(event.transition, "the review cycle is closed")

    engine.notify = veto
    with pytest.raises(TransitionRefused, match="review cycle is closed"):
        engine.perform(note, "share", actor="cora", roles={"counselor"}, comment="ok")
    assert note.workflow_states["review"] == "submitted" and len(note.workflow_history) == 1


def test_worklists_hold_documents_in_their_states_for_their_roles(engine, note):
    to_review = engine.workflow_of(note).worklists["to_review"]
    assert not engine.on_worklist(note, to_review, {"counselor"})
    engine.perform(note, "submit", actor="ann", roles={"author"})
    assert engine.on_worklist(note, to_review, {"counselor"})
    assert not engine.on_worklist(note, to_review, {"teacher", "author"})


def test_the_engine_runs_without_the_web_layer():
    code = ("import sys, profilerepo.workflow; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pyramid', 'webob', 'deform', 'profilerepo.views')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
