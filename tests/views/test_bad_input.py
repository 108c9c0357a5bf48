"""Odd requests get a clear answer, never a 500, and change nothing."""
from __future__ import annotations

import pytest
import transaction
import webtest

from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from tests.conftest import PASSWORD, csrf_of, login

S1 = "/students/s1/"


@pytest.fixture
def district_admin(world):
    site = world.site()
    site["principals"].add_user("dana", "Dana District", "staff", password=PASSWORD,
                                groups=(DISTRICT_ADMINISTRATORS,))
    transaction.commit()
    world.close()
    login(world.app, "dana")
    return world.app


def test_the_list_of_all_students_pages_through_them(district_admin):
    page = district_admin.get("/students/")
    assert [a.get_text() for a in page.html.select("main ul.documents a")] == [
        "Lopez, Maya", "Reed, Jonah", "Chen, Iris"]
    after = district_admin.get("/students/", {"after": "s1"})
    assert "Lopez, Maya" not in after.text and "Reed, Jonah" in after.text
    assert "Iris" not in district_admin.get("/students/", {"after": "zzz"}).text


@pytest.mark.parametrize("url", [
    "/schools/north?page=%FF", "/students/?after=%FF", "/login?next=%FF",
    S1 + "profile/version?n=%E9", "/schools/north?page=-3&grade=%00",
])
def test_undecodable_or_odd_query_strings_are_refused_plainly(district_admin, url):
    response = district_admin.get(url, status="*")
    assert response.status_int in (200, 400), response.status
    assert "Traceback" not in response.text and "Something went wrong" not in response.text


@pytest.mark.parametrize("fields", [
    [("__start__", "x:mapping")],
    [("__end__", "x:mapping")],
    [("strengths", "a"), ("strengths", "b"), ("__start__", "y:sequence")],
])
def test_garbled_form_markers_are_refused_and_save_nothing(world, as_role, fields):
    app = as_role("counselor")
    token = csrf_of(app.get(S1 + "profile/edit"))
    response = app.post(S1 + "profile/edit", [("csrf_token", token), *fields], status="*")
    assert response.status_int == 400
    assert "Something went wrong" not in response.text
    assert "version 2" not in app.get(S1 + "profile/versions").text.lower()


@pytest.mark.parametrize("next_url", ["/%0d%0aX-Evil:1", "/students/s1%00", "/\\\\evil.example"])
def test_a_login_never_redirects_to_a_header_breaking_or_foreign_target(world, next_url):
    app = world.app
    page = app.get("/login?next=" + next_url)
    form = page.forms[0]
    form["login"], form["password"] = "theo", PASSWORD
    response = form.submit()
    assert response.status_int == 303
    assert response.location == "/"


def test_numbers_that_are_not_finite_are_refused(world, as_role):
    app = as_role("counselor")
    form = app.get(S1 + "plan/goals/add").forms["document-form"]
    form["title"] = "Reads 120 words a minute"
    form["area"] = "academic"
    form["measure"], form["unit"], form["schedule"] = "probe", "wpm", "weekly"
    form["baseline_value"], form["target_value"] = "nan", "inf"
    form.set("date", "2024-09-01", index=0)
    form.set("date", "2025-06-01", index=1)
    shown = form.submit("save", status=400)
    by_field = [p.get_text(strip=True) for p in shown.html.select(".invalid-feedback")]
    assert by_field == ["Enter a number", "Enter a number"]
    assert "Reads 120" not in app.get(S1 + "plan/goals/").text


def test_a_file_name_with_control_characters_is_cleaned(world, as_role):
    app = as_role("teacher")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    form["title"], form["kind"] = "Poem", "work"
    form["upload"] = webtest.Upload("po\x01em\t.txt", b"Rain on the roof\n", "text/plain")
    item = form.submit("save").follow()
    download = app.get(item.request.path + "download")
    assert download.headers["Content-Disposition"] == 'attachment; filename="poem.txt"'


def test_a_saved_upload_does_not_stay_on_disk(world, as_role, tmp_path):
    app = as_role("teacher")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    form["title"], form["kind"] = "Poem", "work"
    form["upload"] = webtest.Upload("poem.txt", b"Rain on the roof\n", "text/plain")
    form.submit("save").follow()
    leftovers = [p for p in (tmp_path / "uploads").rglob("*") if p.is_file()]
    assert leftovers == []


def test_anonymous_visitors_cannot_tell_which_students_exist(world):
    real = world.app.get("/students/s2/profile", status="*")
    made_up = world.app.get("/students/nobody/profile", status="*")
    assert (real.status_int, made_up.status_int) == (303, 303)
    assert real.location.split("?")[0] == made_up.location.split("?")[0]
