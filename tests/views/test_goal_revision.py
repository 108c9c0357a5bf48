"""Revising an active goal through its page: a new goal replaces it, both are kept and
linked, the old keeps its data and the reason; nothing changes on a refusal."""
from __future__ import annotations

import datetime

import transaction

from profilerepo.plans.goals import Goal
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, take

GOAL = "/students/s1/plan/goals/goal-1/"


def add_active_goal(world) -> None:
    site = world.site()
    goal = Goal({"title": "Reads 100 words a minute", "area": "academic",
                 "measure": "Fluency probe", "unit": "words a minute",
                 "baseline_value": 60.0, "baseline_date": datetime.date(2026, 9, 1),
                 "target_value": 100.0, "target_date": datetime.date(2027, 6, 1),
                 "schedule": "every two weeks", "responsible": ("cora",)}, by="cora")
    site["students"]["s1"]["plan"].goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    goal.add_data_point(datetime.date(2026, 10, 1), 68, by="cora")
    transaction.commit()
    world.close()


def revise_form(app):
    form = app.get(GOAL + "revise").forms["document-form"]
    form["title"] = "Reads 90 words a minute"
    form["target_value"] = "90"
    return form


def test_a_revision_replaces_the_goal_and_keeps_both_linked(world, as_role):
    add_active_goal(world)
    app = as_role("counselor")
    form = revise_form(app)
    form["reason"] = "The spring probe set is harder; the team agreed a new target."
    page = form.submit("save").follow()
    assert page.request.path == "/students/s1/plan/goals/goal-2/"
    assert "Revised. The earlier goal is kept" in page.text
    assert "This goal revises an earlier one" in page.text
    old = app.get(GOAL)
    assert "Replaced by a revision" in old.text and "Reads 90 words a minute" in old.text
    assert "the team agreed a new target" in old.text  # in its history
    site = world.site()
    goals = site["students"]["s1"]["plan"].goals
    assert [goals["goal-1"].lifecycle_state, goals["goal-2"].lifecycle_state] == [
        "revised", "active"]
    assert len(goals["goal-1"].data_points) == 1 and goals["goal-2"].data_points == ()
    assert goals["goal-2"].target_value == 90.0 and goals["goal-1"].target_value == 100.0


def test_a_revision_without_a_reason_is_shown_again_and_changes_nothing(world, as_role):
    add_active_goal(world)
    page = revise_form(as_role("counselor")).submit("save", status=400)
    assert "Why revise this goal" in page.text and "Required" in page.text
    goals = world.site()["students"]["s1"]["plan"].goals
    assert list(goals.keys()) == ["goal-1"]
    assert goals["goal-1"].lifecycle_state == "active"


def test_only_those_the_workflow_allows_may_revise_and_never_by_a_plain_button(
        world, as_role):
    add_active_goal(world)
    for role in ("teacher", "guardian"):
        page = as_role(role).get(GOAL + "revise", status=403)
        assert "Not done: Revise: only an administrator or the student's counselor" in page.text
    refused = take(as_role("counselor"), GOAL, "revise", comment="Quick", status=403)
    assert "it is taken on its own page" in refused.text
    assert world.site()["students"]["s1"]["plan"].goals["goal-1"].lifecycle_state == "active"
