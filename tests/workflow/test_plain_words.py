"""What the engine says when it refuses: plain words from the condition's own definition,
the step that would lift it, no internal names; confirmations and bulk steps as data."""
from __future__ import annotations

import pytest

from profilerepo.workflow import (
    Condition,
    Vocabulary,
    WorkflowEngine,
    WorkflowError,
    load_file,
    project_engine,
)
from profilerepo.workflow.definition import parse
from tests.workflow.test_definition import GOOD, VOCABULARY, write


class Note:
    workflow_chain = ("review",)
    body = ""


def engine_with(**conditions) -> WorkflowEngine:
    import tomllib

    return WorkflowEngine({"review": parse(tomllib.loads(GOOD), VOCABULARY)}, conditions,
                          {"author": "the person who wrote it", "counselor": "the counselor"})


def test_a_condition_says_its_own_words_and_the_roles_are_said_as_people():
    engine = engine_with(has_body=Condition(lambda d, a: bool(d.body.strip()),
                                            "the note is empty: write something first"))
    note = Note()
    engine.start(note)
    submit = engine.workflows["review"].transitions["submit"]
    assert engine.refusal(note, submit, "ann", {"author"}) == \
        "the note is empty: write something first"
    assert engine.refusal(note, submit, "cora", {"counselor"}) == \
        "only the person who wrote it can do this"
    share = engine.workflows["review"].transitions["share"]
    assert engine.refusal(note, share, "cora", {"counselor"}) == \
        "it cannot be done while this is “Draft”"


def test_a_plain_check_without_words_still_names_nothing_internal():
    engine = engine_with(has_body=lambda d, a: False)
    note = Note()
    engine.start(note)
    reason = engine.refusal(note, engine.workflows["review"].transitions["submit"], "ann",
                            {"author"})
    assert reason == "it is not possible at this point"


def test_goals_wait_for_an_amendment_and_the_engine_names_that_step():
    engine = project_engine()

    class Plan:
        workflow_chain = ("plan-lifecycle", "sharing")
        workflow_states = {"plan-lifecycle": "active"}
        __parent__ = None

    class Goal:
        workflow_chain = ("goal-lifecycle",)
        workflow_states = {"goal-lifecycle": "proposed"}

    goal = Goal()
    goal.__parent__ = Plan()
    activate = engine.workflows["goal-lifecycle"].transitions["activate"]
    assert engine.refusal(goal, activate, "cora", {"counselor"}).endswith(
        "Amend the plan first")
    plan, step = engine.remedy(goal, activate, "cora")
    assert plan is goal.__parent__ and step.name == "amend"


def test_every_project_condition_has_words_for_people():
    engine = project_engine()
    for condition in engine.conditions.values():
        assert condition.refusal and "_" not in condition.refusal


@pytest.mark.parametrize(("extra", "problem"), (
    ('[transitions.share]\nconfirm = 3', "'confirm' must say, in words, what will happen"),
    ('[worklists.to_review]\nbulk = ["publish"]\nbulk_title = "Go"',
     "bulk transition 'publish' is not defined"),
    ('[worklists.to_review]\nbulk = ["share"]', "'bulk_title' is missing"),
))
def test_confirmations_and_bulk_steps_are_checked_at_load(tmp_path, extra, problem):
    table, line = extra.split("\n", 1)
    text = GOOD.replace(table, f"{table}\n{line}")
    with pytest.raises(WorkflowError, match=problem):
        load_file(write(tmp_path, text), VOCABULARY)


def test_confirm_text_loads():
    import tomllib

    text = GOOD.replace("[transitions.share]", '[transitions.share]\nconfirm = "Family reads it"')
    workflow = parse(tomllib.loads(text), Vocabulary(VOCABULARY.roles, VOCABULARY.permissions,
                                                     VOCABULARY.conditions))
    assert workflow.transitions["share"].confirm == "Family reads it"
