"""A goal page writes each value with its unit agreeing ("1 missing assignment") and
never wraps a unit's own parentheses in more ("rubric points (out of 24)")."""
from __future__ import annotations

import datetime
import re

import transaction

from profilerepo.plans.goals import Goal
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE
from tests.views.test_goal_progress import record

GOAL = "/students/s1/plan/goals/goal-1/"
TODAY = datetime.date.today()


def add_goal(world, unit: str, baseline: float, target: float) -> None:
    site = world.site()
    goal = Goal({"title": "Fewer missing assignments", "area": "academic",
                 "measure": "Gradebook count", "unit": unit,
                 "baseline_value": baseline, "baseline_date": TODAY - datetime.timedelta(30),
                 "target_value": target, "target_date": TODAY + datetime.timedelta(120),
                 "lowest": 0.0, "highest": 24.0, "higher_is_better": baseline < target,
                 "schedule": "every week", "responsible": ("theo",)}, by="cora")
    site["students"]["s1"]["plan"].goals.add("goal-1", goal)
    enter_workflows(ENGINE, goal)
    ENGINE.perform(goal, "activate", actor="cora", roles={"counselor"})
    transaction.commit()
    world.close()


def facts(page) -> dict[str, str]:
    terms = page.html.select("main dl")[0]
    return {dt.get_text(strip=True): " ".join(dd.get_text(" ").split())
            for dt, dd in zip(terms.select("dt"), terms.select("dd"), strict=True)}


def test_a_target_of_one_is_written_in_the_singular(world, as_role):
    add_goal(world, "missing assignments", 6.0, 1.0)
    page = as_role("counselor").get(GOAL)
    shown = facts(page)
    assert shown["Target"].startswith("1 missing assignment by ")
    assert shown["Starting point"].startswith("6 missing assignments on ")
    assert "1 missing assignments" not in page.text


def test_a_unit_with_parentheses_is_never_wrapped_in_more(world, as_role):
    add_goal(world, "rubric points (out of 24)", 10.0, 20.0)
    record(as_role("teacher"), TODAY, "12")
    shown = record(as_role("teacher"), TODAY, "30", status=400)
    page = as_role("counselor").get(GOAL)
    text = " ".join(page.html.get_text(" ").split())

    assert "Measurements, in rubric points (out of 24)" in text
    assert facts(page)["Target"].startswith("20 rubric points (out of 24) by ")
    for words in (text, " ".join(shown.html.get_text(" ").split())):
        assert not re.search(r"\([^()]*\(", words), "parentheses inside parentheses"
