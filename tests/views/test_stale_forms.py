"""A form opened before someone else's save never silently undoes it: the stale form is
shown again with the other save's changes and the person's own entries, and saves once
confirmed."""
from __future__ import annotations

import pytest
import transaction
import webtest

from profilerepo.plans.goals import Goal
from profilerepo.security.local_roles import grant
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, READING_GOAL, csrf_of, login

PROFILE = "/students/s1/profile/"
GOAL = "/students/s1/plan/goals/goal-1/"
PORTFOLIO = "/students/s1/portfolio/"
STALE = "Someone else saved this since you opened it"


def session(world, login_name: str) -> webtest.TestApp:
    """A browser of its own, signed in as ``login_name``."""
    app = webtest.TestApp(world.wsgi)
    assert login(app, login_name).status_int == 303
    return app


def words(page) -> str:
    return " ".join(page.html.get_text(" ").split())


def differences(page) -> list[tuple[str, str, str]]:
    """(field, their version, yours) as the stale page lists them."""
    return [tuple(" ".join(cell.get_text(" ").split()) for cell in row.select("th, td"))
            for row in page.html.select("table.changes tbody tr")]


def stored_profile(world) -> tuple[dict, int]:
    profile = world.site()["students"]["s1"]["profile"]
    found = profile.field_values(), profile.version_number
    world.close()
    return found


def test_a_stale_profile_form_shows_the_other_save_keeps_yours_and_saves_when_confirmed(
        world):
    counselor, guardian = session(world, "cora"), session(world, "gina")
    first = counselor.get(PROFILE + "edit").forms["document-form"]
    second = guardian.get(PROFILE + "edit").forms["document-form"]
    first["strengths"] = "Leads the robotics team's build sessions"
    assert first.submit("save").status_int == 303
    second["interests"] = "Bakes bread on weekends"

    stale = second.submit("save", status=409)

    text = words(stale)
    assert f"{STALE}: Cora Example," in text
    assert "Their changes are shown below; check them, then save again to keep yours." in text
    assert differences(stale) == [
        ("Strengths", "Leads the robotics team's build sessions",
         "Explains math ideas to classmates with patience"),
    ]  # (only what they changed: the interests are this person's own change to save)
    assert "strengths" not in " ".join(" ".join(row) for row in differences(stale))
    again = stale.forms["document-form"]
    assert again["interests"].value == "Bakes bread on weekends", "your entries are kept"
    values, number = stored_profile(world)
    assert (values["strengths"], values["interests"], number) == (
        "Leads the robotics team's build sessions", "Robotics and drawing comics", 2)

    assert again.submit("save").follow().status_int == 200
    values, number = stored_profile(world)
    assert (values["interests"], number) == ("Bakes bread on weekends", 3)
    assert "Version 3" in guardian.get(PROFILE + "versions").text


PLAN_DATES = {("date", 0): "2026-09-01", ("date", 1): "2027-06-15",
              ("date", 2): "2027-06-01"}


def fill(form, values: dict) -> None:
    for key, value in values.items():
        if isinstance(key, tuple):
            form.set(*key[:1], value, index=key[1])
        else:
            form[key] = value


def test_two_tabs_of_one_counselor_cannot_undo_one_another_on_the_plan(world):
    counselor = session(world, "cora")
    tab_a = counselor.get("/students/s1/plan/edit").forms["document-form"]
    tab_b = counselor.get("/students/s1/plan/edit").forms["document-form"]
    fill(tab_b, {**PLAN_DATES, "accommodations": "Extended time on tests"})
    assert tab_b.submit("save").status_int == 303
    fill(tab_a, {**PLAN_DATES, "accommodations": "Preferential seating"})

    stale = tab_a.submit("save", status=409)

    text = words(stale)
    assert "You saved this again since you opened this form" in text
    assert "Someone else" not in text
    assert ("Accommodations", "Extended time on tests", "Preferential seating") in \
        differences(stale)
    plan = world.site()["students"]["s1"]["plan"]
    assert plan.accommodations == "Extended time on tests"
    world.close()
    again = stale.forms["document-form"]
    again["accommodations"] = "Extended time on tests; preferential seating"
    assert again.submit("save").status_int == 303
    plan = world.site()["students"]["s1"]["plan"]
    assert plan.accommodations == "Extended time on tests; preferential seating"
    world.close()


def test_two_tabs_of_one_teacher_cannot_undo_one_another_on_a_narrative(world, as_role):
    teacher = as_role("teacher")
    form = teacher.get("/students/s1/narratives/add").forms["document-form"]
    form["title"], form["term"], form["course"] = "Fall feedback", "Fall 2026", "Math 7"
    form["body"] = "Careful work."
    edit = form.submit("save").follow().request.path + "edit"
    tab_a = teacher.get(edit).forms["document-form"]
    tab_b = teacher.get(edit).forms["document-form"]
    tab_b["body"] = "Careful work. Asks for help when stuck."
    assert tab_b.submit("save").status_int == 303
    tab_a["body"] = "Careful, patient work."

    stale = tab_a.submit("save", status=409)

    assert ("Feedback", "Careful work. Asks for help when stuck.",
            "Careful, patient work.") in differences(stale)
    narrative = next(iter(world.site()["students"]["s1"]["narratives"].values()))
    assert narrative.body == "Careful work. Asks for help when stuck."
    world.close()


def test_a_second_tab_saving_what_the_first_one_saved_is_no_conflict(world):
    counselor = session(world, "cora")
    tab_a = counselor.get(PROFILE + "edit").forms["document-form"]
    tab_b = counselor.get(PROFILE + "edit").forms["document-form"]
    tab_a["strengths"] = "Patient with classmates"
    assert tab_a.submit("save").status_int == 303
    tab_b["strengths"] = "Patient with classmates"
    tab_b["needs"] = "Quiet corner for tests"
    assert tab_b.submit("save").status_int == 303
    assert stored_profile(world)[1] == 3


def add_goal(world, *, counselors=("cora", "tess")) -> None:
    """A proposed goal on s1's plan, which both counselors may edit."""
    site = world.site()
    student = site["students"]["s1"]
    for login_name in counselors:
        grant(site, student, login_name, "counselor")
    student["plan"].goals.add("goal-1", Goal(READING_GOAL, by="cora"))
    enter_workflows(ENGINE, student["plan"].goals["goal-1"])
    transaction.commit()
    world.close()


def test_a_stale_goal_form_lists_the_change_by_its_form_title(world):
    add_goal(world)
    cora, tess = session(world, "cora"), session(world, "tess")
    first = cora.get(GOAL + "edit").forms["document-form"]
    second = tess.get(GOAL + "edit").forms["document-form"]
    first["target_value"] = "110"
    assert first.submit("save").status_int == 303
    second["schedule"] = "every week"

    stale = second.submit("save", status=409)

    assert f"{STALE}: Cora Example," in words(stale)
    assert differences(stale) == [("Target", "110", "120")]  # (the schedule: hers alone)
    goal = world.site()["students"]["s1"]["plan"].goals["goal-1"]
    assert (goal.target_value, goal.schedule, goal.version_number) == (
        110.0, "every two weeks", 2)
    world.close()
    again = stale.forms["document-form"]
    again["target_value"] = "110"  # having read theirs, keep it
    assert again.submit("save").status_int == 303
    goal = world.site()["students"]["s1"]["plan"].goals["goal-1"]
    assert (goal.target_value, goal.schedule, goal.version_number) == (
        110.0, "every week", 3)
    world.close()


def test_a_revision_started_before_someone_changed_the_goal_shows_their_change(world):
    add_goal(world)
    site = world.site()
    ENGINE.perform(site["students"]["s1"]["plan"].goals["goal-1"], "activate",
                   actor="cora", roles={"counselor"})
    transaction.commit()
    world.close()
    cora = session(world, "cora")
    form = cora.get(GOAL + "revise").forms["document-form"]
    site = world.site()
    site["students"]["s1"]["plan"].goals["goal-1"].record({"measure": "Cold read"}, by="tess")
    transaction.commit()
    world.close()
    form["reason"] = "A harder probe set this spring."

    stale = form.submit("save", status=409)

    assert f"{STALE}: Tess Other," in words(stale)
    assert ("How it is measured", "Cold read", "Oral reading fluency probe") in \
        differences(stale)
    assert "goal-2" not in world.site()["students"]["s1"]["plan"].goals
    world.close()
    page = stale.forms["document-form"].submit("save").follow()
    assert page.request.path == "/students/s1/plan/goals/goal-2/"


def test_a_team_edit_meanwhile_does_not_hold_up_the_students_own_words(world, as_role):
    student = session(world, "sam")
    form = student.get(PROFILE + "my-goals").forms["document-form"]
    counselor = session(world, "cora")
    theirs = counselor.get(PROFILE + "edit").forms["document-form"]
    theirs["strengths"] = "Asks sharp questions"
    assert theirs.submit("save").status_int == 303
    form["my_goals"] = "Finish the robot arm."
    assert form.submit("save").status_int == 303, "a change to other fields is no conflict"

    # (the counselor's form no longer holds the student's own words at all: see
    # tests/views/test_family_experience.py for a team form that cannot undo them)


def test_a_stale_portfolio_form_keeps_the_file_chosen_and_saves_it_when_confirmed(
        world, as_role):
    app = as_role("student")
    form = app.get(PORTFOLIO + "add").forms["document-form"]
    form["title"], form["kind"] = "Bridge essay", "work"
    form["upload"] = webtest.Upload("bridge.txt", b"first draft", "text/plain")
    form.submit("save")
    form = app.get(PORTFOLIO + "item-1/edit").forms["document-form"]
    site = world.site()
    site["students"]["s1"]["portfolio"]["item-1"].record(
        {"description": "An essay on bridges"}, by="gina")
    transaction.commit()
    world.close()
    form["reflection"] = "I rewrote the ending twice."
    form["upload"] = webtest.Upload("bridge-final.txt", b"final draft", "text/plain")

    stale = form.submit("save", status=409)

    assert f"{STALE}: Gina Example," in words(stale)
    assert differences(stale) == [("What it is", "An essay on bridges", "—")]
    assert app.get(PORTFOLIO + "item-1/download").body == b"first draft"
    assert stale.forms["document-form"].submit("save").status_int == 303
    assert app.get(PORTFOLIO + "item-1/download").body == b"final draft"


@pytest.mark.parametrize("base", [None, "", "abc", "0", "99", "1e9"])
def test_an_edit_without_a_sound_starting_version_is_refused_and_saves_nothing(
        world, as_role, base):
    app = as_role("counselor")
    page = app.get(PROFILE + "edit")
    fields = [("__formid__", "document-form"), ("csrf_token", csrf_of(page)),
              ("strengths", "Overwritten blind"), ("save", "save")]
    if base is not None:
        fields.append(("base_version", base))
    refused = app.post(PROFILE + "edit", fields, status=400)
    assert "did not say which version" in words(refused)
    assert stored_profile(world)[1] == 1


def test_a_version_of_someone_elses_save_is_dated_in_the_district_time(world):
    counselor, guardian = session(world, "cora"), session(world, "gina")
    second = guardian.get(PROFILE + "edit").forms["document-form"]
    first = counselor.get(PROFILE + "edit").forms["document-form"]
    first["needs"] = "Headphones in loud rooms"
    first.submit("save")
    stale = second.submit("save", status=409)
    when = world.site()["students"]["s1"]["profile"].modified
    world.close()
    assert f"{when.astimezone(world.wsgi.registry.timezone):%-d %B %Y}" in words(stale)
