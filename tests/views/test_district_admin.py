"""A district administrator sets up schools and students through the web pages."""
from __future__ import annotations

import datetime

import pytest
import transaction
import webtest
from pyramid.exceptions import ConfigurationError

from profilerepo.app import database
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from tests.conftest import PASSWORD, file_uri, login, make_app, populate


def make_district_admin(world) -> None:
    site = world.site()
    site["principals"].add_user("dana", "Dana District", "staff", password=PASSWORD,
                                groups=(DISTRICT_ADMINISTRATORS,))
    transaction.commit()
    world.close()


def test_adding_a_school_then_a_student(world):
    make_district_admin(world)
    app = world.app
    login(app, "dana")
    form = app.get("/schools/add").forms["document-form"]
    form["title"] = "Harbor Light Elementary"
    form["level"] = "elementary"
    for checkbox in form.fields["checkbox"]:
        if checkbox._value in ("K", "1", "2"):
            checkbox.checked = True
    school = form.submit("save").follow()
    assert "Harbor Light Elementary" in school.text
    assert school.request.path == "/schools/harbor-light-elementary/"

    form = app.get("/students/add").forms["document-form"]
    form["given_name"] = "Priya"
    form["family_name"] = "Natarajan"
    form.set("date", "2020-02-14", index=0)  # deform date fields: birth, entry, exit
    form["grade"] = "1"
    form["school"] = "harbor-light-elementary"
    form.set("date", "2025-08-25", index=1)
    student = form.submit("save").follow()
    assert "<h1>Priya Natarajan</h1>" in student.text
    assert "Grade 1 at Harbor Light Elementary" in " ".join(student.text.split())
    overview = app.get("/schools/harbor-light-elementary")
    assert "Natarajan, Priya" in overview.text
    assert "All students" in app.get("/").text


def test_a_school_needs_a_name_and_a_grade(world):
    make_district_admin(world)
    app = world.app
    login(app, "dana")
    form = app.get("/schools/add").forms["document-form"]
    form["level"] = "high"
    shown = form.submit("save", status=400)
    assert "Required" in shown.text
    assert "Choose at least one grade" in shown.text
    assert len(app.get("/schools/").html.select("main ul.documents li")) == 2


def test_others_cannot_reach_district_pages(world, as_role):
    for role in ("counselor", "teacher", "administrator", "guardian"):
        app = as_role(role)
        for path in ("/students/", "/students/add", "/schools/", "/schools/add"):
            assert app.get(path, status="*").status_int == 403, (role, path)


def test_times_are_shown_in_the_districts_time_zone(tmp_path):
    wsgi = make_app(file_uri(tmp_path), tmp_path,
                    **{"profilerepo.timezone": "America/Chicago"})
    try:
        conn = database(wsgi.registry).open()
        site = conn.root()["profilerepo"]
        populate(site)
        profile = site["students"]["s1"]["profile"]
        profile.created = profile.modified = datetime.datetime(
            2026, 1, 15, 3, 30, tzinfo=datetime.UTC)
        transaction.commit()
        conn.close()
        app = webtest.TestApp(wsgi)
        login(app, "gina")
        text = " ".join(app.get("/students/s1/profile").html.get_text(" ").split())
        assert "14 January 2026, 21:30 CST" in text, "the evening before, in Chicago"
    finally:
        database(wsgi.registry).close()


def test_an_unknown_time_zone_stops_start_up_with_its_name(tmp_path):
    with pytest.raises(ConfigurationError, match="'Mars/Olympus' is not a time zone"):
        make_app(file_uri(tmp_path), tmp_path, **{"profilerepo.timezone": "Mars/Olympus"})


def test_a_forged_school_choice_is_refused_without_naming_the_schools_ids(world):
    """A choice the list never offered (a forged or stale form) is refused in words, not
    with the stored ids of every school."""
    make_district_admin(world)
    app = world.app
    login(app, "dana")
    form = app.get("/students/add").forms["document-form"]
    form["given_name"], form["family_name"], form["grade"] = "Priya", "Natarajan", "1"
    form.set("date", "2020-02-14", index=0)
    form.set("date", "2025-08-25", index=1)
    form["school"].force_value("no-such-school")
    page = form.submit("save", status=400)
    assert "Choose one of the options in the list" in page.text
    assert "is not one of" not in page.text
    assert "Natarajan" not in app.get("/students/").text  # nothing saved
