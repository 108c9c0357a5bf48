"""The goal-lifecycle workflow in workflows/, as the application loads it: who may activate,
close, discontinue or revise a goal in each state, who may edit it, when progress data is
taken, and what revising a goal keeps."""
from __future__ import annotations

import datetime

import pytest
import transaction

from profilerepo.plans.goals import Goal, GoalNotActive, revise_goal
from profilerepo.workflow import TransitionRefused, project_engine
from profilerepo.workflow.index import enter_workflows, state_index
from tests.conftest import ENGINE
from tests.workflow.tables import roles_that_may

WORKFLOW = "goal-lifecycle"
ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor",
         "author", "student-16")
STATES = ("proposed", "active", "met", "not_met", "discontinued", "revised")
TRANSITIONS = ("activate", "mark_met", "mark_not_met", "discontinue", "revise")
STAFF = {"counselor", "administrator"}

# (state, transition) -> the roles that may take it; any other pair is refused to everyone.
MAY = {
    ("proposed", "activate"): STAFF,
    ("active", "mark_met"): STAFF,
    ("active", "mark_not_met"): STAFF,
    ("proposed", "discontinue"): STAFF,
    ("active", "discontinue"): STAFF,
    ("active", "revise"): STAFF,
}
TARGET = {"activate": "active", "mark_met": "met", "mark_not_met": "not_met",
          "discontinue": "discontinued", "revise": "revised"}

# state -> role -> "e" edit, "-" not. (Who reads a goal follows its plan.)
EDIT = {
    #                counselor teacher admin guardian student contributor author student-16
    "proposed":     ("e",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "active":       ("-",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "met":          ("-",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "not_met":      ("-",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "discontinued": ("-",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
    "revised":      ("-",      "-",    "-",  "-",     "-",    "-",        "-",   "-"),
}

READING = {"title": "Maya reads 90 words a minute by June", "area": "academic",
           "measure": "Oral reading fluency probe", "unit": "words a minute",
           "baseline_value": 60.0, "baseline_date": datetime.date(2026, 9, 1),
           "target_value": 90.0, "target_date": datetime.date(2027, 6, 1),
           "schedule": "every two weeks"}
REVISED_READING = {**READING, "title": "Maya reads 110 words a minute by June",
                   "target_value": 110.0}
WHEN = datetime.datetime(2026, 11, 22, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def engine():
    return project_engine()


class PlanStandIn:
    """Just enough of a plan for its goals' conditions: its lifecycle state."""

    __parent__ = None
    workflow_chain = ("plan-lifecycle",)

    def __init__(self, state: str) -> None:
        self.workflow_states = {"plan-lifecycle": state}


def goal_in(engine, state: str, plan_state: str = "draft") -> Goal:
    goal = Goal(READING, by="cora")
    goal.__parent__ = PlanStandIn(plan_state)
    engine.start(goal)
    goal.workflow_states = {WORKFLOW: state}
    return goal


# plan state -> the goal transitions (from their source states) still possible there.
BY_PLAN_STATE = {
    "draft": {"activate", "mark_met", "mark_not_met", "discontinue", "revise"},
    "in_review": {"activate", "mark_met", "mark_not_met", "discontinue", "revise"},
    "amending": {"activate", "mark_met", "mark_not_met", "discontinue", "revise"},
    "active": {"mark_met", "mark_not_met", "discontinue"},
    "closed": set(),
}


@pytest.mark.parametrize("plan_state", sorted(BY_PLAN_STATE))
def test_goals_join_or_change_only_while_the_plan_is_open_to_change(engine, plan_state):
    possible = set()
    for transition in TRANSITIONS:
        source = {"activate": "proposed"}.get(transition, "active")
        goal = goal_in(engine, source, plan_state)
        if transition in [t.name for t in engine.available(goal, "cora", {"counselor"})]:
            possible.add(transition)
        else:
            with pytest.raises(TransitionRefused, match="Amend the plan first|record is final"):
                engine.perform(goal, transition, actor="cora", roles={"counselor"},
                               comment="why")
    assert possible == BY_PLAN_STATE[plan_state]


def test_a_closed_plans_goals_take_no_more_data(engine):
    goal = goal_in(engine, "active", plan_state="closed")
    assert not goal.takes_data
    with pytest.raises(GoalNotActive):
        goal.add_data_point(datetime.date(2026, 10, 1), 70, by="theo")


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("transition", TRANSITIONS)
def test_who_may_move_a_goal_in_each_state(engine, state, transition):
    allowed = roles_that_may(engine, lambda: goal_in(engine, state), WORKFLOW, state,
                             transition, TARGET[transition], ROLES,
                             comment="Reached the target two weeks early.")
    assert allowed == MAY.get((state, transition), set())


@pytest.mark.parametrize("state", STATES)
def test_who_may_edit_a_goal_in_each_state(engine, state):
    goal = goal_in(engine, state)
    held = engine.permissions(goal)
    seen = {role: "e" if "edit" in held.get(role, ()) else "-" for role in ROLES}
    assert seen == dict(zip(ROLES, EDIT[state], strict=True))
    assert engine.managed(goal) == {"edit"}, "who reads a goal is left to its plan"


@pytest.mark.parametrize("transition", ("mark_not_met", "discontinue", "revise"))
def test_closing_a_goal_without_meeting_it_or_revising_it_needs_a_comment(engine,
                                                                           transition):
    goal = goal_in(engine, "active")
    with pytest.raises(TransitionRefused, match="a comment is required"):
        engine.perform(goal, transition, actor="cora", roles={"counselor"}, comment=" ")
    assert goal.lifecycle_state == "active" and goal.workflow_history == ()


def test_revising_is_taken_on_its_own_page_which_asks_for_the_new_goal(engine):
    goal = goal_in(engine, "active")
    assert engine.find(goal, "revise").form == "revise"
    assert {t.name for t in engine.available(goal, "cora", {"counselor"}) if t.form} == {
        "revise"}, "every other step is a plain button"


def test_a_new_goal_is_proposed_and_takes_no_data_until_it_is_active(engine):
    goal = Goal(READING, by="cora")
    goal.__parent__ = PlanStandIn("draft")
    engine.start(goal)
    assert goal.lifecycle_state == "proposed" and not goal.takes_data
    with pytest.raises(GoalNotActive):
        goal.add_data_point(datetime.date(2026, 9, 15), 62, by="theo")
    engine.perform(goal, "activate", actor="cora", roles={"counselor"})
    goal.add_data_point(datetime.date(2026, 9, 29), 66, by="theo")
    goal.add_data_point(datetime.date(2026, 9, 15), 62, by="theo", note="first probe")
    assert [(p["date"].day, p["value"]) for p in goal.data_points] == [(15, 62.0), (29, 66.0)]


@pytest.mark.parametrize("state", [s for s in STATES if s != "active"])
def test_progress_data_is_refused_unless_the_goal_is_active(engine, state):
    goal = goal_in(engine, state)
    goal.data_points = ({"date": datetime.date(2026, 9, 15), "value": 62.0, "by": "theo",
                         "note": ""},)
    with pytest.raises(GoalNotActive, match="only while the goal is active"):
        goal.add_data_point(datetime.date(2026, 10, 1), 70, by="theo")
    assert len(goal.data_points) == 1, "the refused point is not kept"


# Revising a goal needs it in a real content tree: the conftest school's student s1.

GOALS = "students/s1/plan/goals"


def active_goal(site) -> Goal:
    """An active goal in s1's plan, with two measurements."""
    goals = site["students"]["s1"]["plan"]["goals"]
    goal = Goal(READING, by="cora")
    goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    goal.add_data_point(datetime.date(2026, 9, 15), 62, by="theo")
    goal.add_data_point(datetime.date(2026, 9, 29), 75, by="theo")
    return goal


@pytest.mark.parametrize("role", sorted(STAFF))
def test_revising_a_goal_files_the_old_one_and_starts_a_linked_active_one(world, role):
    site = world.site()
    goal = active_goal(site)
    revision = revise_goal(ENGINE, goal, REVISED_READING, by="cora", roles={role},
                           comment="She is ahead of the aim line; raise the target.",
                           when=WHEN)
    name = revision.__name__
    transaction.commit()
    world.close()

    goals = world.site()["students"]["s1"]["plan"]["goals"]
    old, new = goals["goal-1"], goals[name]
    assert list(goals) == ["goal-1", name], "both goals are kept"
    assert (old.lifecycle_state, new.lifecycle_state) == ("revised", "active")
    assert (old.revised_by, new.revises) == (name, "goal-1")
    assert (old.revises, new.revised_by) == ("", "")
    assert (old.title, new.title, new.target_value) == (
        READING["title"], REVISED_READING["title"], 110.0)
    assert [p["value"] for p in old.data_points] == [62.0, 75.0], "the data stay on the old"
    assert new.data_points == () and new.takes_data and not old.takes_data
    last = old.workflow_history[-1]
    assert (last.action, last.actor, last.comment, last.time) == (
        "revise", "cora", "She is ahead of the aim line; raise the target.", WHEN)
    assert [(e.action, e.comment) for e in new.workflow_history] == [
        ("activate", f"Revision of {READING['title']}")]
    index = state_index(world.site())
    assert index.paths(WORKFLOW, "revised", "s1") == [f"{GOALS}/goal-1"]
    assert index.paths(WORKFLOW, "active", "s1") == [f"{GOALS}/{name}"]


@pytest.mark.parametrize("role", sorted(set(ROLES) - STAFF))
def test_a_role_that_may_not_revise_a_goal_is_refused_and_nothing_is_created(world, role):
    site = world.site()
    goal = active_goal(site)
    goals = goal.__parent__
    with pytest.raises(TransitionRefused, match="only .* can do this"):
        revise_goal(ENGINE, goal, REVISED_READING, by="x", roles={role},
                    comment="Raise the target.")
    assert list(goals) == ["goal-1"]
    assert (goal.lifecycle_state, goal.revised_by, len(goal.data_points)) == ("active", "", 2)
    assert state_index(site).paths(WORKFLOW, "revised", "s1") == []
    world.close()


@pytest.mark.parametrize("comment", ["", "   "])
def test_revising_a_goal_without_saying_why_is_refused_and_nothing_is_created(world,
                                                                              comment):
    site = world.site()
    goal = active_goal(site)
    with pytest.raises(TransitionRefused, match="a comment is required"):
        revise_goal(ENGINE, goal, REVISED_READING, by="cora", roles={"counselor"},
                    comment=comment)
    assert list(goal.__parent__) == ["goal-1"]
    assert (goal.lifecycle_state, goal.revised_by) == ("active", "")
    world.close()


@pytest.mark.parametrize("state", [s for s in STATES if s != "active"])
def test_only_an_active_goal_can_be_revised(world, state):
    site = world.site()
    goal = active_goal(site)
    goal.workflow_states = {WORKFLOW: state}
    with pytest.raises(TransitionRefused, match="cannot be done while this is"):
        revise_goal(ENGINE, goal, REVISED_READING, by="cora", roles={"counselor"},
                    comment="Raise the target.")
    assert list(goal.__parent__) == ["goal-1"] and goal.revised_by == ""
    world.close()
