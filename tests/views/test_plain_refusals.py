"""Refusals in words a person can act on, the next step offered where there is one, and
steps that are hard to undo asked about first on a page of their own (issue 14, 7 and 9)."""
from __future__ import annotations

import re

import pytest

from tests.conftest import ROLE_USERS, csrf_of, login, take
from tests.views.test_plan_workflow_http import PLAN, offered, setup_plan, stored, words

INTERNAL = re.compile(r"plan_changing|plan_open|period_over|plan-lifecycle|goal-lifecycle|"
                      r"condition|in_review|make_private|permission")


def test_adding_a_goal_to_a_plan_in_force_says_amend_the_plan_first_with_the_button(world):
    setup_plan(world, plan_state="active")
    app = world.app
    login(app, ROLE_USERS["counselor"])
    plan = app.get(PLAN)
    assert "To add a goal, amend the plan first" in words(plan)
    page = app.get(PLAN + "goals/add", status=403)
    text = words(page)
    assert "Goals are added or changed only while the plan is being written, reviewed or " \
        "amended. Amend the plan first." in text
    assert not INTERNAL.search(text)
    form = page.forms["do-plan-lifecycle-amend"]
    assert form.html.legend.get_text(strip=True) == "Amend the plan"
    form["comment"] = "Add a writing goal"
    form.submit(status=303)
    assert stored(world, "", "plan-lifecycle")[0] == "amending"
    assert "Add a goal" in app.get(PLAN + "goals/add").text


@pytest.mark.parametrize("role", ("guardian", "teacher"))
def test_those_who_may_not_amend_get_no_amend_button(world, role):
    setup_plan(world, plan_state="active")
    login(world.app, ROLE_USERS[role])
    page = world.app.get(PLAN + "goals/add", status=403)
    assert "do-plan-lifecycle-amend" not in page.text


def test_a_refused_step_names_who_may_take_it_in_words(world):
    setup_plan(world, plan_state="active")
    login(world.app, ROLE_USERS["teacher"])
    refused = take(world.app, PLAN, "amend", comment="x", status=403)
    assert "Not done: Amend the plan: only an administrator or the student's counselor can " \
        "do this." in words(refused)
    assert not INTERNAL.search(words(refused))


def test_each_actions_comment_sits_in_a_fieldset_named_after_the_action(world):
    setup_plan(world, plan_state="in_review")
    login(world.app, ROLE_USERS["counselor"])
    page = world.app.get(PLAN)
    boxes = page.html.select("form.transition fieldset")
    assert len(boxes) >= 2
    for box in boxes:
        assert box.legend.get_text(strip=True) == box.button.get_text(strip=True)
    labels = [box.legend.get_text(strip=True) for box in boxes]
    assert "Return to draft" in labels and len(set(labels)) == len(labels)


def test_make_private_asks_first_on_a_page_that_works_without_javascript(world):
    setup_plan(world)
    app = world.app
    login(app, ROLE_USERS["counselor"])
    assert "make_private" in offered(app.get(PLAN))
    asked = app.get(PLAN).forms["do-sharing-make_private"].submit()
    assert asked.status_int == 200
    text = words(asked)
    assert "Make private to the school team?" in text
    assert "can no longer read it; only the school team can." in text
    assert "After this: Private to the school team." in text
    assert stored(world, "", "sharing")[0] == "family", "asking changes nothing"
    assert asked.html.find("a", string="Cancel")["href"].endswith(PLAN)
    form = asked.forms["confirm"]
    assert form.html.legend.get_text(strip=True) == "Make private to the school team"
    form["comment"] = "Draft has notes for the team only"
    assert form.submit().status_int == 303
    assert stored(world, "", "sharing")[0] == "private"


def test_a_post_that_skips_the_question_is_sent_to_it(world):
    setup_plan(world)
    app = world.app
    login(app, ROLE_USERS["counselor"])
    token = csrf_of(app.get(PLAN))
    sent = app.post(PLAN + "transition", {"csrf_token": token, "workflow": "sharing",
                                          "transition": "make_private", "comment": "why"})
    assert sent.status_int == 303 and "/confirm?" in sent.location
    assert stored(world, "", "sharing")[0] == "family"


@pytest.mark.parametrize("query", ("", "?transition=nope", "?transition=make_private&workflow=x",
                                   "?transition=%ff%fe", "?transition=share&transition=b"))
def test_bad_confirmation_addresses_are_not_found_not_errors(world, query):
    setup_plan(world)
    login(world.app, ROLE_USERS["counselor"])
    assert world.app.get(PLAN + "confirm" + query, status="*").status_int in (400, 404)


def test_asking_about_a_step_one_may_not_take_says_why(world):
    setup_plan(world)
    login(world.app, ROLE_USERS["guardian"])
    page = world.app.get(PLAN + "confirm?workflow=sharing&transition=make_private", status=403)
    assert "only an administrator, the person who wrote it or the student's counselor" in \
        words(page)
    assert "<form" not in page.text.split("<main", 1)[-1] or not page.html.select("form.confirm")
