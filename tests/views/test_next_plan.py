"""At the end of its period a plan is closed, then filed under Past plans (still readable,
editable by nobody) when the counselor starts the next one."""
from __future__ import annotations

import datetime

import transaction

from profilerepo.plans.goals import Goal
from profilerepo.workflow.index import enter_workflows, state_index
from tests.conftest import ENGINE, csrf_of, take

PLAN = "/students/s1/plan/"
ARCHIVED = "/students/s1/past-plans/2025-2026/"


def closed_plan(world) -> None:
    """s1's plan for 2025-26, adopted, shared with the family, with one active goal."""
    site = world.site()
    plan = site["students"]["s1"]["plan"]
    plan.record({"period_start": datetime.date(2025, 8, 20),
                 "period_end": datetime.date(2026, 6, 5), "team": ({"name": "Cora Example",
                                                                   "role": "Counselor"},),
                 "accommodations": "Extra time on tests"}, by="cora")
    goal = Goal({"title": "Reads 100 words a minute", "unit": "words a minute"}, by="cora")
    plan.goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    for transition in ("submit", "adopt"):
        ENGINE.perform(plan, transition, actor="cora", roles={"counselor"})
    transaction.commit()
    world.close()


def test_the_counselor_closes_the_plan_and_starts_the_next_from_it(world, as_role):
    closed_plan(world)
    app = as_role("counselor")
    take(app, PLAN, "close", workflow="plan-lifecycle")
    page = app.get(PLAN)
    assert "Start the next plan" in page.text
    form = next(f for f in page.forms.values() if f.action.endswith("start-next"))
    new = form.submit().follow()
    assert new.request.path == PLAN
    assert "The closed plan is kept under Past plans" in new.text
    assert "Extra time on tests" in new.text and "No goals yet." in new.text
    archived = app.get(ARCHIVED)
    assert "Closed (archived)" in archived.text and "Reads 100 words a minute" in archived.text

    site = world.site()
    index = state_index(site)
    assert index.state("plan-lifecycle", "students/s1/past-plans/2025-2026") == "closed"
    assert index.state("plan-lifecycle", "students/s1/plan") == "draft"
    assert index.state("sharing", "students/s1/plan") == "private"
    assert index.state("goal-lifecycle",
                       "students/s1/past-plans/2025-2026/goals/goal-1") == "proposed"
    assert index.state("goal-lifecycle", "students/s1/plan/goals/goal-1") is None


def test_the_family_reads_the_past_plan_but_not_the_new_draft_and_cannot_start_one(
        world, as_role):
    closed_plan(world)
    take(as_role("counselor"), PLAN, "close", workflow="plan-lifecycle")
    guardian = as_role("guardian")
    page = guardian.get(PLAN)
    assert "Start the next plan" not in page.text
    refused = guardian.post(PLAN + "start-next", {"csrf_token": csrf_of(page)}, status=403)
    assert "Only the counselor or an administrator starts the next plan" in refused.text
    counselor = as_role("counselor")
    counselor.post(PLAN + "start-next", {"csrf_token": csrf_of(counselor.get(PLAN))})
    guardian = as_role("guardian")
    assert "Closed (archived)" in guardian.get(ARCHIVED).text
    assert guardian.get(ARCHIVED + "edit", status=403)
    assert guardian.get(PLAN, status=403)  # the new draft is private to the team
    assert "Past plans" in guardian.get("/students/s1/").text


def test_a_plan_still_in_force_cannot_be_filed(world, as_role):
    closed_plan(world)
    app = as_role("counselor")
    app.post(PLAN + "start-next", {"csrf_token": csrf_of(app.get(PLAN))}, status=403)
    assert "past-plans" not in world.site()["students"]["s1"]
