"""The student's own voice in the profile: only they write their goals in their own words
and their dated reflections; the team and family read them."""
from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

PROFILE = "/students/s1/profile/"


def reflections(app) -> list[tuple[str, str]]:
    soup = BeautifulSoup(app.get(PROFILE).text, "html.parser")
    return [(li.select_one("p.meta").get_text(strip=True), li.find_all("p")[1].get_text())
            for li in soup.select("ol.reflections li")]


def test_the_student_writes_their_goals_and_reflections_and_the_team_reads_them(
        world, as_role):
    student = as_role("student")
    form = student.get(PROFILE + "my-goals").forms["document-form"]
    form["my_goals"] = "Read a whole book series this year."
    assert "Saved your goals" in form.submit("save").follow().text
    for text in ("Fractions clicked today.", "I asked for help twice."):
        form = student.get(PROFILE + "reflect").forms["document-form"]
        form["text"] = text
        form.submit("save")
    today = datetime.date.today()
    dated = f"{today:%-d %B %Y}"
    assert reflections(student) == [(dated, "I asked for help twice."),
                                    (dated, "Fractions clicked today.")]
    profile = world.site()["students"]["s1"]["profile"]
    assert profile.my_goals == "Read a whole book series this year."
    assert profile.modifier == "sam"  # a version of the profile, by the student
    for role in ("counselor", "guardian", "teacher"):
        app = as_role(role)
        assert "Read a whole book series this year." in app.get(PROFILE).text
        assert len(reflections(app)) == 2


@pytest.mark.parametrize("role", ["counselor", "guardian", "teacher"])
def test_nobody_else_writes_in_the_students_voice(world, as_role, role):
    app = as_role(role)
    page = app.get(PROFILE)
    assert "Add a reflection" not in page.text and "Write my goals" not in page.text
    for view in ("my-goals", "reflect"):
        refused = app.get(PROFILE + view, status=403)
        assert "Only the student writes here" in refused.text


def test_an_empty_reflection_is_refused_and_nothing_saved(world, as_role):
    student = as_role("student")
    form = student.get(PROFILE + "reflect").forms["document-form"]
    form["text"] = "   "
    page = form.submit("save", status=400)
    assert "Required" in page.text and "Nothing was saved" in page.text
    assert world.site()["students"]["s1"]["profile"].reflections == ()
