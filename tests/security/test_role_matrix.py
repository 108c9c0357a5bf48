"""Who may open and edit each page of a student's folder, through HTTP, role by role."""
from __future__ import annotations

import io
import re

import pytest
import transaction
import webtest

from profilerepo.app import database
from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.plans.goals import Goal
from profilerepo.workflow.index import enter_workflows
from tests.conftest import (
    ENGINE,
    PASSWORD,
    READING_GOAL,
    ROLE_USERS,
    World,
    csrf_of,
    file_uri,
    login,
    make_app,
    populate,
)

ROLES = ("counselor", "teacher", "administrator", "guardian", "student", "contributor")

# What each role may do on each section of a student's folder: "ve" view and edit (edit
# includes adding items), "v" view only, "-" nothing. The same table as
# profilerepo/security/roles.py, written out again on purpose: changing who may see a
# child's record takes a change in both places. Documents in workflows are shown here in
# the states that open them widest (shared with the family; the plan a draft shared with
# the family): their states narrow it, as the tables in tests/workflow/ show. The
# contributor is Toby, whom Maya's family granted the profile, portfolio and plan (and not
# the transcript or narratives: tests/family/test_grant_access.py has every grant).
#                counselor teacher  admin  guardian student contributor
ACCESS = {
    "student":    ("v",      "v",     "ve",  "v",     "v",    "v"),
    "transcript": ("v",      "v",     "ve",  "v",     "v",    "-"),
    "profile":    ("ve",     "v",     "v",   "ve",    "v",    "v"),
    "plan":       ("ve",     "v",     "v",   "v",     "v",    "v"),
    "narratives": ("v",      "ve",    "v",   "v",     "v",    "-"),
    "portfolio":  ("v",      "ve",    "v",   "ve",    "ve",   "v"),
}

S1 = "/students/s1/"

# Each page of s1's folder: its section, its address and its form (edit, or add for folders).
# A narrative itself follows its workflow state instead: tests/views/test_narrative_workflow.py.
PAGES = {
    "student folder": ("student", S1, S1 + "edit"),
    "transcript": ("transcript", S1 + "transcript/", S1 + "transcript/edit"),
    "profile": ("profile", S1 + "profile/", S1 + "profile/edit"),
    "plan": ("plan", S1 + "plan/", S1 + "plan/edit"),
    "goals folder": ("plan", S1 + "plan/goals/", S1 + "plan/goals/add"),
    "goal": ("plan", S1 + "plan/goals/goal-1/", S1 + "plan/goals/goal-1/edit"),
    "narratives folder": ("narratives", S1 + "narratives/", S1 + "narratives/add"),
    "portfolio folder": ("portfolio", S1 + "portfolio/", S1 + "portfolio/add"),
    "portfolio item": ("portfolio", S1 + "portfolio/item-1/", S1 + "portfolio/item-1/edit"),
}

ORIGINAL_STRENGTHS = "Explains math ideas to classmates with patience"


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    """The conftest school, plus a goal, a narrative and a portfolio item for s1 so every
    kind of page exists. Built once, for the tests here that only read."""
    path = tmp_path_factory.mktemp("school")
    wsgi = make_app(file_uri(path), path)
    world = World(app=webtest.TestApp(wsgi), wsgi=wsgi)
    site = world.site()
    populate(site)
    s1 = site["students"]["s1"]
    s1["plan"].goals.add("goal-1", Goal(READING_GOAL, by="cora"))
    s1["narratives"].add("narrative-1", Narrative({
        "title": "Fall science", "term": "Fall 2024", "course": "Science",
        "body": "Maya designs careful experiments.",
    }, by="theo"))
    blob, content_type, size = store_file(io.BytesIO(b"some text"), 1000)
    s1["portfolio"].add("item-1", PortfolioItem({
        "title": "Bridge report", "kind": "work", "file": blob, "filename": "bridge.txt",
        "content_type": content_type, "size": size,
    }, by="sam"))
    for document in (s1["plan"].goals["goal-1"], s1["narratives"]["narrative-1"],
                     s1["portfolio"]["item-1"]):
        enter_workflows(ENGINE, document)
    # Shared as widely as the sharing workflow goes (with the family, and so with whom
    # the family grants), so this table shows the section rights; what each sharing state
    # hides is tested in tests/workflow/test_sharing*.
    ENGINE.perform(s1["portfolio"]["item-1"], "share_with_family", actor="sam",
                   roles={"student", "author"})
    transaction.commit()
    world.close()
    yield world
    database(wsgi.registry).close()


def signed_in(world: World, role: str | None) -> webtest.TestApp:
    """The school's app with a fresh session, logged in as ``role`` (None: anonymous)."""
    world.app.reset()
    if role is not None:
        assert login(world.app, ROLE_USERS[role]).status_int == 303
    return world.app


def expected_status(role: str, section: str, action: str) -> int:
    allowed = ACCESS[section][ROLES.index(role)]
    letter = "v" if action == "view" else "e"
    return 200 if letter in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_the_pages_its_row_allows(school, role):
    app = signed_in(school, role)
    expected, observed = {}, {}
    for page, (section, view_url, form_url) in PAGES.items():
        for action, url in (("view", view_url), ("edit", form_url)):
            expected[page, action] = expected_status(role, section, action)
            observed[page, action] = app.get(url, status="*").status_int
    assert observed == expected


def test_a_refused_page_says_why_and_where_to_ask(school):
    page = signed_in(school, "contributor").get(S1 + "transcript/", status=403)
    assert "You do not have access to this" in page.text
    # (a contributor sees what the family shares: it is theirs to ask)
    assert "is for Maya's family to decide" in page.text and "ask them to share it" in page.text
    page = signed_in(school, "teacher").get(S1 + "transcript/edit", status=403)
    assert "ask the student's counselor" in page.text


def test_the_edit_button_shows_only_where_the_role_may_edit(school):
    app = signed_in(school, "counselor")
    assert 'href="http://localhost/students/s1/profile/edit"' in app.get(S1 + "profile/").text
    assert "/transcript/edit" not in app.get(S1 + "transcript/").text


def test_anonymous_visitors_are_sent_to_log_in_from_every_page(school):
    app = signed_in(school, None)
    observed, expected = {}, {}
    for _section, view_url, form_url in PAGES.values():
        for url in (view_url, form_url):
            response = app.get(url, status="*")
            observed[url] = (response.status_int, response.headers.get("Location"))
            expected[url] = (303, f"/login?next={url}")
    assert observed == expected


def test_after_logging_in_the_visitor_lands_on_the_page_they_asked_for(school):
    app = signed_in(school, None)
    form = app.get(S1 + "profile/").follow().forms[0]
    form["login"], form["password"] = ROLE_USERS["guardian"], PASSWORD
    page = form.submit().follow()
    assert "Learner profile: Maya Lopez" in page.text


# For each role, a student it holds no role on (s2 is another family's child with its own
# teacher; s3 is at the south school), and pages in that student's folder: none may be found.
NOT_THEIRS = {
    "counselor": ("/students/s3/", "/students/s3/profile/", "/students/s3/plan/goals/"),
    "teacher": ("/students/s2/", "/students/s2/profile/", "/students/s2/profile/edit"),
    "administrator": ("/students/s3/", "/students/s3/plan/", "/students/s3/edit"),
    "guardian": ("/students/s2/", "/students/s2/transcript/", "/students/s2/narratives/"),
    "student": ("/students/s2/", "/students/s2/portfolio/", "/students/s2/versions"),
    "contributor": ("/students/s2/", "/students/s2/profile/", "/students/s2/portfolio/add"),
}


@pytest.mark.parametrize("role", ROLES)
def test_a_student_off_your_list_is_not_found(school, role):
    app = signed_in(school, role)
    pages = {url: app.get(url, status="*") for url in NOT_THEIRS[role]}
    assert {url: page.status_int for url, page in pages.items()} == dict.fromkeys(pages, 404)
    for page in pages.values():
        assert "Page not found" in page.text
        assert "Jonah" not in page.text and "Iris" not in page.text


def test_a_school_administrator_sees_every_student_of_their_school(school):
    page = signed_in(school, "administrator").get("/students/s2/")
    assert "Jonah Reed" in page.text


def test_the_guardians_home_page_lists_only_their_own_child(school):
    home = signed_in(school, "guardian").get("/")
    assert "My children" in home.text
    assert "Maya Lopez" in home.text
    assert "Reed" not in home.text and "Chen" not in home.text


def test_a_role_with_edit_rights_saves_an_edit(world, as_role):
    app = as_role("counselor")
    form = app.get(S1 + "profile/edit").forms["document-form"]
    form["strengths"] = "Leads the robotics club's build team"
    page = form.submit("save").follow()
    assert "Saved. This is version 2." in page.text
    assert "Leads the robotics club's build team" in page.text
    assert ORIGINAL_STRENGTHS not in page.text


# Posts a role's pages never offer it, sent by hand with the session's valid CSRF token.
FORGED = {
    "teacher": (S1 + "profile/edit", {"strengths": "Forged strengths"}),
    "guardian": (S1 + "transcript/edit", {"programs": "Forged program"}),
    "contributor": (S1 + "narratives/add", {
        "title": "Forged narrative", "term": "Fall", "course": "Art", "body": "Forged"}),
    "student": (S1 + "edit", {"given_name": "Forged"}),
}


def test_a_forged_post_by_a_role_without_edit_rights_is_refused_and_changes_nothing(
        world, as_role):
    before = as_seen_by_counselor(as_role)
    observed = {}
    for role, (url, fields) in FORGED.items():
        app = as_role(role)
        token = csrf_of(app.get("/"))
        response = app.post(url, {**fields, "csrf_token": token}, status="*")
        observed[role] = (response.status_int, "You do not have access to this" in response)
    assert observed == dict.fromkeys(FORGED, (403, True))
    after = as_seen_by_counselor(as_role)
    assert after == before
    assert "Forged" not in "".join(after.values())


def as_seen_by_counselor(as_role) -> dict[str, str]:
    """The main content of the s1 pages the forged posts aim at, as the counselor reads it."""
    app = as_role("counselor")
    pages = (S1, S1 + "profile/", S1 + "transcript/", S1 + "narratives/")
    return {url: re.sub(r'name="csrf_token" value="[^"]+"', "",
                        app.get(url).text.split('<main id="main"', 1)[1]) for url in pages}
