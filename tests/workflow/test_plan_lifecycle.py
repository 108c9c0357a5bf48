"""The plan-lifecycle workflow in workflows/, as the application loads it: who may move a
success plan through draft, review, adoption, amendment and closing, and who may edit it in
each state. Closing needs the plan's period to be over."""
from __future__ import annotations

import datetime

import pytest

from profilerepo.plans.plan import Plan
from profilerepo.workflow import TransitionRefused, project_engine
from tests.workflow.tables import roles_that_may

WORKFLOW = "plan-lifecycle"
ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor",
         "author", "student-16")
STATES = ("draft", "in_review", "active", "amending", "closed")
TRANSITIONS = ("submit", "return", "adopt", "amend", "adopt_amendment", "begin_review",
               "close")
STAFF = {"counselor", "administrator"}

# (state, transition) -> the roles that may take it (on a plan whose period is over); any
# other pair is refused to everyone.
MAY = {
    ("draft", "submit"): STAFF,
    ("in_review", "return"): STAFF,
    ("in_review", "adopt"): STAFF,
    ("active", "amend"): STAFF,
    ("amending", "adopt_amendment"): STAFF,
    ("active", "begin_review"): STAFF,
    ("active", "close"): STAFF,
    ("amending", "close"): STAFF,
    ("in_review", "close"): STAFF,
}
TARGET = {"submit": "in_review", "return": "draft", "adopt": "active", "amend": "amending",
          "adopt_amendment": "active", "begin_review": "in_review", "close": "closed"}

# state -> role -> "e" edit, "-" not. (Who reads the plan is the sharing workflow's business.)
EDIT = {
    #             counselor teacher admin guardian student contributor author student-16
    "draft":     ("e",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "in_review": ("e",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "active":    ("-",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "amending":  ("e",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "closed":    ("-",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
}

TODAY = datetime.date.today()
ENDED = TODAY - datetime.timedelta(days=365)
RUNNING = TODAY + datetime.timedelta(days=365)


@pytest.fixture(scope="module")
def engine():
    return project_engine()


def plan_in(engine, state: str, period_end: datetime.date | None = ENDED,
            sharing: str = "family") -> Plan:
    plan = Plan({"period_start": datetime.date(2025, 8, 20), "period_end": period_end},
                by="cora")
    engine.start(plan)
    plan.workflow_states = {WORKFLOW: state, "sharing": sharing}
    return plan


def editors(engine, plan: Plan) -> dict[str, str]:
    held = engine.permissions(plan)
    return {role: "e" if "edit" in held.get(role, ()) else "-" for role in ROLES}


def who_may(engine, state: str, transition: str, period_end: datetime.date | None) -> set:
    """The roles that may take ``transition`` from ``state`` (see ``roles_that_may``: the
    lifecycle alone moves, the sharing stays as it was)."""
    return roles_that_may(engine, lambda: plan_in(engine, state, period_end), WORKFLOW, state,
                          transition, TARGET[transition], ROLES,
                          comment="Goals changed after the family meeting.")


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_who_may_move_a_plan_whose_period_is_over(engine, state, transition):
    assert who_may(engine, state, transition, ENDED) == MAY.get((state, transition), set())


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_who_may_move_a_plan_whose_period_is_still_running(engine, state, transition):
    expected = set() if transition == "close" else MAY.get((state, transition), set())
    assert who_may(engine, state, transition, RUNNING) == expected


@pytest.mark.parametrize("state", ("active", "amending", "in_review"))
def test_closing_a_plan_before_its_period_ends_is_refused_saying_why(engine, state):
    for period_end in (RUNNING, None):
        plan = plan_in(engine, state, period_end)
        with pytest.raises(TransitionRefused, match="the plan's period has not ended yet"):
            engine.perform(plan, "close", actor="cora", roles={"counselor"})
        assert plan.workflow_states[WORKFLOW] == state


def test_a_plan_may_be_closed_on_the_last_day_of_its_period(engine):
    plan = plan_in(engine, "active", TODAY)
    engine.perform(plan, "close", actor="cora", roles={"counselor"})
    assert plan.workflow_states[WORKFLOW] == "closed"


@pytest.mark.parametrize("state", STATES)
def test_who_may_edit_a_plan_in_each_state(engine, state):
    for sharing in ("private", "family"):
        plan = plan_in(engine, state, sharing=sharing)
        assert editors(engine, plan) == dict(zip(ROLES, EDIT[state], strict=True))


@pytest.mark.parametrize("state, transition", [("in_review", "return"), ("active", "amend")])
def test_returning_or_amending_a_plan_needs_a_comment(engine, state, transition):
    plan = plan_in(engine, state)
    for comment in ("", "  "):
        with pytest.raises(TransitionRefused, match="a comment is required"):
            engine.perform(plan, transition, actor="cora", roles={"counselor"},
                           comment=comment)
        assert plan.workflow_states[WORKFLOW] == state and plan.workflow_history == ()
    entry = engine.perform(plan, transition, actor="cora", roles={"counselor"},
                           comment="Add a reading goal.")
    assert (entry.comment, plan.workflow_states[WORKFLOW]) == ("Add a reading goal.",
                                                               TARGET[transition])


def test_a_new_plan_is_a_draft_the_counselor_writes(engine):
    plan = Plan({}, by="cora")
    engine.start(plan)
    assert plan.workflow_states == {WORKFLOW: "draft", "sharing": "private"}
    assert editors(engine, plan)["counselor"] == "e"


def test_a_plan_goes_from_draft_to_closed_with_each_step_in_its_history(engine):
    plan = plan_in(engine, "draft", ENDED)
    counselor = {"actor": "cora", "roles": {"counselor"}}
    engine.perform(plan, "submit", **counselor)
    engine.perform(plan, "adopt", **counselor)
    engine.perform(plan, "amend", comment="New reading support.", **counselor)
    engine.perform(plan, "adopt_amendment", **counselor)
    engine.perform(plan, "begin_review", **counselor)
    engine.perform(plan, "close", actor="ada", roles={"administrator"})
    assert [(e.action, e.source, e.target) for e in plan.workflow_history] == [
        ("submit", "draft", "in_review"), ("adopt", "in_review", "active"),
        ("amend", "active", "amending"), ("adopt_amendment", "amending", "active"),
        ("begin_review", "active", "in_review"), ("close", "in_review", "closed")]
    assert {e.workflow for e in plan.workflow_history} == {WORKFLOW}
    assert [t.workflow for t in engine.available(plan, "cora", {"counselor"})] == [
        "sharing"], "a closed plan offers no lifecycle step, only a change to its sharing"
