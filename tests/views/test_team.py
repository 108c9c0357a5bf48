"""Administrators decide who is on a student's team; access follows at once."""
from __future__ import annotations

import pytest
import transaction
from bs4 import BeautifulSoup

from tests.conftest import PASSWORD, login

TEAM = "/students/s1/team"


def add_to_team(app, login_name: str, role: str, status: int = 303):
    form = app.get(TEAM).forms["document-form"]
    form["login"] = login_name
    form["role"] = role
    return form.submit("save", status=status)


def test_a_teacher_added_to_the_team_can_open_the_record_and_loses_it_when_removed(world):
    app, tess = world.app, type(world.app)(world.wsgi)
    login(tess, "tess", PASSWORD)
    assert tess.get("/students/s1/", status="*").status_int == 404

    login(app, "ada")
    page = add_to_team(app, "  Tess ", "teacher").follow()
    assert "Tess Other is on the team of Maya Lopez now, as teacher." in page.text
    assert tess.get("/students/s1/").status_int == 200
    assert "Lopez, Maya" in tess.get("/").text

    remove = next(f for f in page.forms.values()
                  if f.action.endswith("team-remove") and f["login"].value == "tess")
    asked = remove.submit()  # asks first, on a page of its own
    assert "Remove Tess Other as teacher?" in asked.text
    after = asked.forms["confirm"].submit().follow()
    assert "Tess Other has left the team of Maya Lopez (as teacher)." in after.text
    assert tess.get("/students/s1/", status="*").status_int == 404
    assert "Lopez, Maya" not in tess.get("/").text


@pytest.mark.parametrize("login_name, role, message", [
    ("gus", "teacher", "Gus Other is a parent or guardian, so cannot be this student's teacher."),
    ("theo", "guardian", "Theo Example is a staff member, so cannot be this student's guardian."),
    ("nobody", "teacher", "There is no user with the login 'nobody'."),
])
def test_a_role_that_does_not_fit_the_person_is_refused_by_the_login_field(
        world, login_name, role, message):
    app = world.app
    login(app, "ada")
    before = app.get(TEAM).html.select("ul.team li")
    refused = add_to_team(app, login_name, role, status=400)
    soup = BeautifulSoup(refused.text, "html.parser")
    field = soup.find(id="document-form").find("input", attrs={"name": "login"})
    errors = " ".join(soup.find(id=i).get_text() for i in field["aria-describedby"].split())
    assert message in errors
    assert app.get(TEAM).html.select("ul.team li") == before, "nothing was saved"


def test_linking_a_student_login_opens_their_folder_from_their_home_page(world):
    app = world.app
    site = world.site()
    site["principals"].add_user("iris", "Iris Chen", "student", password=PASSWORD)
    transaction.commit()
    world.close()
    login(app, "ada", PASSWORD)
    add_to_team(app, "iris", "student")  # ada administers north; s1 is at north
    student_app = type(app)(world.wsgi)
    login(student_app, "iris")
    home = student_app.get("/")
    assert "Open my learner record" in home.text
    assert student_app.get("/students/s1/").status_int == 200
    form = app.get("/students/s2/team").forms["document-form"]
    form["login"], form["role"] = "iris", "student"
    refused = form.submit("save", status=400)
    assert "Iris Chen's login already opens another student's folder." in visible(refused)


@pytest.mark.parametrize("role", ["counselor", "teacher", "guardian", "student", "contributor"])
def test_only_administrators_manage_the_team(world, as_role, role):
    app = as_role(role)
    page = app.get(TEAM, status="*")
    # the student's counselor reads the team, with nothing to change it
    assert page.status_int == (200 if role == "counselor" else 403)
    assert "Remove" not in page.text and "Add someone" not in page.text


def visible(page) -> str:
    return " ".join(BeautifulSoup(page.text, "html.parser").get_text(" ").split())


def test_an_administrator_cannot_give_themselves_a_role(world):
    app = world.app
    login(app, "ada")
    refused = add_to_team(app, "ada", "counselor", status=400)
    assert "You cannot give yourself a role on a student" in visible(refused)
    assert app.get("/students/s1/plan/edit", status="*").status_int == 403


def test_only_staff_of_the_students_school_can_teach_them(world):
    site = world.site()
    site["principals"].add_user("sol", "Sol South", "staff", password=PASSWORD,
                                groups=("group:school-staff:south",))
    transaction.commit()
    world.close()
    app = world.app
    login(app, "ada")
    refused = add_to_team(app, "sol", "teacher", status=400)
    assert "Sol South is not on the staff of North Middle School." in visible(refused)
