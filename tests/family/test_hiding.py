"""Hiding from future providers, through HTTP: the family hides Maya's plan for a fresh
start; the school that wrote it keeps it, the people the family granted access and the
staff of the school she moves to do not see or find it, until that school records a
records request within three years of her leaving."""
from __future__ import annotations

import datetime

import pytest
import transaction

from profilerepo import clock
from profilerepo.accesslog.store import Scope
from profilerepo.content.student import update_student
from profilerepo.family.hiding import SchoolStay
from profilerepo.principals import hash_password
from profilerepo.security.local_roles import grant
from profilerepo.security.principals import school_administrators, school_staff
from tests.conftest import OTHER_TEACHER, PASSWORD, csrf_of, login
from tests.search.test_search import drain

S1 = "/students/s1/"
PLAN = S1 + "plan/"
SOUTH_ADMIN = "sal"


def hide_plan(app) -> None:
    """As the signed-in person: the hiding page, the plan's Hide button, its question."""
    page = app.get(S1 + "hidden")
    form = next(f for f in page.forms.values()
                if f.action.endswith("/hide") and f["path"].value == "plan")
    asked = form.submit()
    assert "Hide “Success plan”" in asked.text or "from future schools" in asked.text
    done = asked.forms["confirm"].submit()
    assert done.status_int == 303


def move_to_south(world) -> None:
    """Maya moves to South Middle School, where Tess now teaches her and Sal administers."""
    site = world.site()
    principals = site["principals"]
    principals.add_user(SOUTH_ADMIN, "Sal South", "staff", password_hash=hash_password(PASSWORD))
    for group in (school_administrators("south"), school_staff("south")):
        principals.join(principals.get_user(SOUTH_ADMIN), group)
    s1 = site["students"]["s1"]
    update_student(site, s1, {**s1.field_values(), "school": "south"}, by="ada")
    grant(site, s1, OTHER_TEACHER, "teacher")
    transaction.commit()
    world.close()


def test_the_family_hides_the_plan_and_only_the_school_that_wrote_it_keeps_it(world):
    app = world.app
    drain(world.wsgi)
    login(app, "toby")  # the family granted Toby the plan
    assert app.get(PLAN).status_int == 200
    login(app, "gina")
    hide_plan(app)
    assert "hidden from future schools" in app.get(S1 + "hidden").text
    assert app.get(PLAN).status_int == 200  # the family keeps it
    login(app, "cora")  # the counselor at the school that wrote it keeps it
    assert app.get(PLAN).status_int == 200
    login(app, "toby")  # the grant no longer reaches it, nor search
    assert app.get(PLAN, status="*").status_int == 403
    drain(world.wsgi)
    assert "Success plan" not in app.get("/search", {"q": "plan"}).html.find("main").text

    move_to_south(world)
    login(app, OTHER_TEACHER)  # Maya's teacher at her new school
    assert app.get(S1).status_int == 200
    assert app.get(PLAN, status="*").status_int == 403
    login(app, SOUTH_ADMIN)
    page = app.get(S1 + "hidden")
    assert "hid 1 document written at an earlier school" in " ".join(page.text.split())
    form = next(f for f in page.forms.values() if f.action.endswith("/request-records"))
    form["purpose"] = "Planning the reading support Maya needs"
    assert form.submit().status_int == 303
    login(app, OTHER_TEACHER)
    assert app.get(PLAN).status_int == 200  # released by the recorded request
    logged = world.wsgi.registry.access_log.views(Scope(student_id="s1",
                                                        login=OTHER_TEACHER))
    assert logged[0].capacity == "teacher on the team (through a records request)"
    login(app, "gina")  # the family sees the request
    said = " ".join(app.get(S1 + "hidden").text.split())
    assert "South Middle School asked on" in said and "Planning the reading support" in said
    login(app, "toby")  # a grant still does not reach it
    assert app.get(PLAN, status="*").status_int == 403


def test_a_records_request_more_than_three_years_after_leaving_is_refused(world):
    app = world.app
    login(app, "gina")
    hide_plan(app)
    move_to_south(world)
    site = world.site()
    s1 = site["students"]["s1"]
    long_ago = clock.today() - datetime.timedelta(days=4 * 366)
    s1.school_history = (SchoolStay("north", long_ago),)
    transaction.commit()
    world.close()
    login(app, SOUTH_ADMIN)
    page = app.get(S1 + "hidden")
    form = next(f for f in page.forms.values() if f.action.endswith("/request-records"))
    form["purpose"] = "We would like to see it"
    refused = form.submit(status=400)
    assert "more than 3 years ago" in refused.text
    assert "We would like to see it" in refused.text  # (what was typed is kept)
    login(app, OTHER_TEACHER)
    assert app.get(PLAN, status="*").status_int == 403


@pytest.mark.parametrize("person, status", [("cora", 403), ("theo", 403), ("toby", 403),
                                            ("sam", 403), ("gus", 404), ("ada", 403)])
def test_only_the_family_hides(world, person, status):
    app = world.app
    login(app, person)
    response = app.post(S1 + "hide", {"path": "plan", "confirmed": "yes",
                                      "csrf_token": csrf_of(app.get("/"))}, status="*")
    assert response.status_int == status
    site = world.site()
    assert getattr(site["students"]["s1"]["plan"], "hidden_from_future", None) is None
    transaction.abort()
    world.close()


def test_the_family_stops_hiding(world):
    app = world.app
    login(app, "gina")
    hide_plan(app)
    page = app.get(S1 + "hidden")
    form = next(f for f in page.forms.values() if f.action.endswith("/unhide"))
    assert form.submit().status_int == 303
    login(app, "toby")
    assert app.get(PLAN).status_int == 200
