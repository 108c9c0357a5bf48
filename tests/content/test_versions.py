"""Versions through HTTP: every save keeps the state before it, and earlier states stay
readable, with who saved them."""
from __future__ import annotations

import pytest
import webtest
from bs4 import BeautifulSoup

from profilerepo.app import database
from tests.conftest import ROLE_USERS, World, file_uri, login, make_app, populated, take

S1 = "/students/s1/"
PROFILE = S1 + "profile/"
ITEM = S1 + "portfolio/item-1/"
GOAL = S1 + "plan/goals/goal-1/"
ORIGINAL = "Explains math ideas to classmates with patience"
FIRST_EDIT = "Leads the robotics club's build team"
SECOND_EDIT = "Mentors sixth graders in the coding club"


def visible_text(page) -> str:
    """The page's text as a reader sees it: no tags, spaces collapsed."""
    return " ".join(BeautifulSoup(page.text, "html.parser").get_text(" ").split())


def version_rows(page) -> list[tuple[str, str]]:
    """(version, saved by) for each row of a versions page, top to bottom."""
    soup = BeautifulSoup(page.text, "html.parser")
    rows = []
    for row in soup.select("tbody tr"):
        cells = [" ".join(c.get_text(" ").split()) for c in row.find_all(["th", "td"])]
        rows.append((cells[0], cells[2]))
    return rows


def signed_in(world: World, role: str) -> webtest.TestApp:
    world.app.reset()
    assert login(world.app, ROLE_USERS[role]).status_int == 303
    return world.app


def save(app, url: str, **fields) -> None:
    form = app.get(url + "edit").forms["document-form"]
    for name, value in fields.items():
        form[name] = value
    form.submit("save").follow()


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """The conftest school, then, through HTTP: the profile edited by the counselor and
    then the guardian, the student's preferred name set by the administrator, a
    portfolio file replaced by the student and a goal's target raised by the counselor.
    Only read afterwards, so built once."""
    path = tmp_path_factory.mktemp("history")
    wsgi = make_app(file_uri(path), path)
    world = populated(wsgi)

    save(signed_in(world, "counselor"), PROFILE, strengths=FIRST_EDIT)
    save(signed_in(world, "guardian"), PROFILE, strengths=SECOND_EDIT)
    save(signed_in(world, "administrator"), S1, preferred_name="Mia")
    app = signed_in(world, "student")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    form["title"], form["kind"] = "Rain poem", "work"
    form["upload"] = webtest.Upload("poem.txt", b"First draft\n", "text/plain")
    form.submit("save")
    save(app, ITEM, upload=webtest.Upload("poem-v2.txt", b"Second draft, shorter\n"))
    take(app, ITEM, "share_with_family")
    app = signed_in(world, "counselor")
    form = app.get(S1 + "plan/goals/add").forms["document-form"]
    for name, value in {"title": "Reads 120 words a minute", "area": "academic",
                        "measure": "Fluency probe", "unit": "words a minute",
                        "baseline_value": "80", "target_value": "110",
                        "schedule": "every two weeks"}.items():
        form[name] = value
    form.set("date", "2024-09-10", index=0)
    form.set("date", "2025-06-10", index=1)
    form.set("checkbox", True, index=0)
    form.submit("save")
    save(app, GOAL, target_value="120")
    yield world
    database(wsgi.registry).close()


def test_the_versions_page_lists_every_save_newest_first_with_its_author(history):
    page = signed_in(history, "guardian").get(PROFILE + "versions")
    assert version_rows(page) == [
        ("Version 3 (current)", "Gina Example"),
        ("Version 2", "Cora Example"),
        ("Version 1", "setup"),
    ]


def test_the_document_page_shows_the_newest_text_and_links_to_earlier_versions(history):
    page = signed_in(history, "guardian").get(PROFILE)
    text = visible_text(page)
    assert SECOND_EDIT in text
    assert ORIGINAL not in text and FIRST_EDIT not in text
    assert "Last changed by Gina Example" in text
    assert "Version 3" in text and "(current)" in text
    listed = [a.get_text() for a in page.html.select("ol.versions a")]
    assert listed == ["Version 3", "Version 2", "Version 1"], "versions are listed on the page"
    assert page.click("Version 1").request.path_qs == PROFILE + "version?n=1"


def test_an_earlier_version_still_shows_its_text_and_says_it_is_earlier(history):
    app = signed_in(history, "teacher")
    first = visible_text(app.get(PROFILE + "version", {"n": "1"}))
    assert ORIGINAL in first
    assert SECOND_EDIT not in first
    assert "Interests Robotics and drawing comics" in first
    assert "This is an earlier version; the current one is version 3." in first
    second = visible_text(app.get(PROFILE + "version", {"n": "2"}))
    assert FIRST_EDIT in second
    assert "Saved by Cora Example" in second


def test_the_newest_version_says_it_is_current(history):
    text = visible_text(signed_in(history, "teacher").get(PROFILE + "version", {"n": "3"}))
    assert SECOND_EDIT in text
    assert "This is the current version." in text


def test_each_version_is_reached_from_the_versions_page(history):
    versions = signed_in(history, "teacher").get(PROFILE + "versions")
    assert ORIGINAL in versions.click("Version 1").text


# Version numbers that name no version: what the page answers, and what it says.
NO_SUCH_VERSION = {
    "4": (404, "There is no version 4; the newest is version 3."),
    "0": (404, "There is no version 0; the newest is version 3."),
    "first": (400, "Say which version, by number: ?n=1"),
    "": (400, "Say which version, by number: ?n=1"),
}


def test_a_version_that_does_not_exist_is_refused(history):
    app = signed_in(history, "guardian")
    observed = {}
    for n, (_status, message) in NO_SUCH_VERSION.items():
        page = app.get(PROFILE + "version", {"n": n}, status="*")
        observed[n] = (page.status_int, message if message in page.text else page.text)
    assert observed == NO_SUCH_VERSION


def test_a_version_is_private_like_its_document(history):
    assert signed_in(history, "contributor").get(S1 + "transcript/version?n=1", status=403)
    assert signed_in(history, "teacher").get("/students/s2/profile/version?n=1", status=404)


def test_the_student_folder_keeps_versions_of_the_students_details(history):
    app = signed_in(history, "guardian")
    assert version_rows(app.get(S1 + "versions")) == [
        ("Version 2 (current)", "Ada Example"),
        ("Version 1", "setup"),
    ]
    first = visible_text(app.get(S1 + "version", {"n": "1"}))
    assert "Given name Maya" in first
    assert "Preferred name —" in first
    assert "This is an earlier version; the current one is version 2." in first
    current = visible_text(app.get(S1 + "version", {"n": "2"}))
    assert "Preferred name Mia" in current
    assert "This is the current version." in current
    assert "goes by Mia" in app.get(S1).text
    app.get(S1 + "version", {"n": "3"}, status=404)


def test_a_replaced_portfolio_file_stays_downloadable_from_its_version(history):
    app = signed_in(history, "student")  # its author (the family saw only the second file)
    assert app.get(ITEM + "download").body == b"Second draft, shorter\n"
    first = app.get(ITEM + "version", {"n": "1"})
    assert "File poem.txt" in visible_text(first)
    old_file = first.click("Download this version's file")
    assert old_file.body == b"First draft\n"
    assert old_file.headers["Content-Disposition"] == 'attachment; filename="poem.txt"'


def test_an_earlier_version_of_a_goal_names_people_as_the_goal_page_does(history):
    app = signed_in(history, "guardian")
    assert "Cora Example" in visible_text(app.get(GOAL))
    first = visible_text(app.get(GOAL + "version", {"n": "1"}))
    assert "Target 110" in first
    assert "Responsible staff Cora Example" in first


def test_a_long_history_lists_the_newest_five_and_keeps_them_all():
    from profilerepo.content.profile import Profile

    profile = Profile({"strengths": "draft 1"}, by="cora")
    for n in range(2, 9):
        profile.record({"strengths": f"draft {n}"}, by="gina")
    assert [v.number for v in profile.recent_history(5)] == [8, 7, 6, 5, 4]
    assert [v.number for v in profile.history()] == list(range(8, 0, -1))
    assert profile.version(1).values["strengths"] == "draft 1"
    assert (profile.version(1).by, profile.version(8).by) == ("cora", "gina")
