"""The team page (issue 14, points 7 and 9): people found by name, not by login; removing
asks first; the student's counselor opens it to read."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.conftest import ROLE_USERS, csrf_of, login

TEAM = "/students/s1/team"


def words(page) -> str:
    return " ".join(BeautifulSoup(page.text, "html.parser").get_text(" ").split())


def test_an_administrator_finds_a_teacher_by_name_and_adds_them(world):
    app = world.app
    login(app, "ada")
    found = app.get(TEAM, {"find": "tess"})
    assert "Tess Other (a staff member)" in words(found)
    button = found.html.find("button", attrs={"aria-label": "Add Tess Other as teacher"})
    assert button is not None
    added = button.find_parent("form")
    page = app.post(added["action"], {i["name"]: i["value"] for i in added.find_all("input")})
    assert "Tess Other is on the team of Maya Lopez now, as teacher." in words(page.follow())
    assert "tess" not in words(page.follow()).split()  # names, not logins


def test_a_family_member_is_found_with_only_the_roles_that_fit(world):
    login(world.app, "ada")
    found = world.app.get(TEAM, {"find": "gus other"})
    labels = [b["aria-label"] for b in found.html.select("ul.found-people button")]
    assert labels == ["Add Gus Other as parent or guardian"]


def test_a_search_that_finds_nobody_says_so_and_odd_searches_do_not_break(world):
    app = world.app
    login(app, "ada")
    assert "Nobody found named “Zebedee”." in words(app.get(TEAM, {"find": "Zebedee"}))
    for odd in ("", "a", "%", "x" * 5000, "\x00", "ada"):
        assert app.get(TEAM, {"find": odd}).status_int == 200
    assert "Ada" not in " ".join(b.get("aria-label", "") for b in
                                 app.get(TEAM, {"find": "ada"}).html.select("button"))


def test_adding_someone_who_does_not_fit_says_why_and_adds_nobody(world):
    app = world.app
    login(app, "ada")
    token = csrf_of(app.get(TEAM))
    for login_name, role in (("gus", "teacher"), ("nobody", "teacher"), ("tess", "boss")):
        page = app.post(TEAM + "-add", {"csrf_token": token, "login": login_name,
                                        "role": role}).follow()
        assert "Not added:" in words(page)
    assert "Gus Other" not in words(app.get(TEAM)).split("Add someone")[0]


def test_removing_asks_first_and_cancel_keeps_them(world):
    app = world.app
    login(app, "ada")
    asked = app.get(TEAM + "-remove", {"login": "theo", "role": "teacher"})
    assert "Remove Theo Example as teacher?" in words(asked)
    assert asked.html.find("a", string="Cancel")["href"].endswith(TEAM)
    assert "Theo Example" in words(app.get(TEAM))
    assert app.get(TEAM + "-remove", {"login": "nobody", "role": "teacher"},
                   status=404).status_int == 404
    assert app.get(TEAM + "-remove", {"login": "theo", "role": "x"}, status=404)


def test_the_counselor_opens_the_team_from_the_student_page(world):
    app = world.app
    login(app, ROLE_USERS["counselor"])
    page = app.get(TEAM)
    assert "Theo Example" in words(page) and "Gina Example" in words(page)
    assert not page.html.select("form[action$=team-remove], form[action$=team-add]")


def test_a_role_someone_already_holds_is_not_offered_again(world):
    login(world.app, "ada")
    found = world.app.get(TEAM, {"find": "theo"})
    labels = [b["aria-label"] for b in found.html.select("ul.found-people button")]
    assert labels == ["Add Theo Example as counselor"]
