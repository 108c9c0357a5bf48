"""Earlier versions and review history of workflowed documents, role by role, through HTTP.

A version opens only for those who could see the document while that version was its
current one; a refused version answers as a missing one. History rows and review comments
are for the staff who take part in the review. A contributor's look at the student's
details, current or earlier, shows nothing the student page does not show them.
"""
from __future__ import annotations

import pytest
import transaction
import webtest
from bs4 import BeautifulSoup

from profilerepo.app import database
from profilerepo.content.narratives import Narrative
from profilerepo.plans.goals import Goal
from profilerepo.plans.reports import ProgressReport
from profilerepo.security.local_roles import grant
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, READING_GOAL, ROLE_USERS, file_uri, login, make_app, populated
from tests.conftest import take as take_on

S1 = "/students/s1/"
NARRATIVE = S1 + "narratives/narrative-1/"
PLAN = S1 + "plan/"
GOAL = PLAN + "goals/goal-1/"
REPORT = PLAN + "reports/report-1/"
AUTHOR = "tess"  # a second teacher of Maya's, who writes the narrative
USERS = {**ROLE_USERS, "author": AUTHOR}
STAFF = ("counselor", "teacher", "administrator")
FAMILY = ("guardian", "student")

RETURN_COMMENT = "Add an example from the lab"
PRIVATE_COMMENT = "Not ready for the family yet"
REOPEN_COMMENT = "Add the spring fluency probe"
GOAL_COMMENT = "The team paused this goal for a reading group"
COMMENTS = {NARRATIVE: RETURN_COMMENT, PLAN: PRIVATE_COMMENT, GOAL: GOAL_COMMENT,
            REPORT: REOPEN_COMMENT}

# document -> role -> the version numbers the role may list and open (None: the document
# itself is closed to the role). The states each version was current in:
#   narrative  1: draft, submitted, returned           2: returned .. shared, then draft
#              3 (current): draft .. shared
#   plan       1: private, family, private    2: private    3: private, family
#              4 (current): family
#   goal       1, 2 (current): the goal's states do not decide who reads it; its plan does
#   report     1: draft    2: draft, reviewed, shared, draft    3 (current): draft .. shared
VERSIONS = {
    NARRATIVE: {"counselor": {1, 2, 3}, "teacher": {2, 3}, "administrator": {1, 2, 3},
                "guardian": {2, 3}, "student": {2, 3}, "contributor": None,
                "author": {1, 2, 3}},
    # (the contributor, Toby, reads the plan and its reports by the family's grant: what
    # the family reads, as the family read it; the narratives are not granted to him)
    PLAN: {**dict.fromkeys(STAFF, {1, 2, 3, 4}), **dict.fromkeys(FAMILY, {1, 3, 4}),
           "contributor": {1, 3, 4}, "author": {1, 2, 3, 4}},
    GOAL: {**dict.fromkeys((*STAFF, *FAMILY, "contributor", "author"), {1, 2})},
    REPORT: {**dict.fromkeys(STAFF, {1, 2, 3}), **dict.fromkeys(FAMILY, {2, 3}),
             "contributor": {2, 3}, "author": {1, 2, 3}},
}

# document -> the roles that see its history rows and review comments: the staff who may
# take one of its workflows' transitions (the narrative's author; counselors and
# administrators everywhere)
HISTORY_READERS = {
    NARRATIVE: {"counselor", "administrator", "author"},
    PLAN: {"counselor", "administrator"},
    GOAL: {"counselor", "administrator"},
    REPORT: {"counselor", "administrator"},
}


def signed_in(world, role: str) -> webtest.TestApp:
    assert login(world.app, USERS[role]).status_int == 303
    return world.app


def take(world, role: str, url: str, transition: str, comment: str = "", workflow: str = ""):
    take_on(signed_in(world, role), url, transition, workflow=workflow, comment=comment)


def edit_narrative(world, body: str) -> None:
    form = signed_in(world, "author").get(NARRATIVE + "edit").forms["document-form"]
    form["body"] = body
    form.submit("save").follow()


def in_database(world, change) -> None:
    """Apply ``change(student s1)`` in a transaction of its own, as a console job would."""
    site = world.site()
    change(site, site["students"]["s1"])
    transaction.commit()
    world.close()


def as_counselor(document, transition: str, comment: str = "", **kw) -> None:
    ENGINE.perform(document, transition, actor="cora", roles={"counselor"}, comment=comment,
                   **kw)


def narrative_under_review(world) -> None:
    """Written by the author, returned with a comment, changed, shared; retracted,
    changed again and shared again."""
    form = signed_in(world, "author").get(S1 + "narratives/add").forms["document-form"]
    form["title"], form["term"], form["course"] = "Fall science", "Fall", "Science"
    form["body"] = "Maya designs experiments."
    assert form.submit("save").follow().request.path == NARRATIVE
    take(world, "author", NARRATIVE, "submit")
    take(world, "counselor", NARRATIVE, "return", RETURN_COMMENT)
    edit_narrative(world, "Maya designs careful experiments, like the lab on plant growth.")
    take(world, "author", NARRATIVE, "submit")
    take(world, "counselor", NARRATIVE, "approve")
    take(world, "counselor", NARRATIVE, "share")
    take(world, "author", NARRATIVE, "retract")
    edit_narrative(world, "Maya designs careful experiments and explains them to others.")
    take(world, "author", NARRATIVE, "submit")
    take(world, "counselor", NARRATIVE, "approve")
    take(world, "counselor", NARRATIVE, "share")


def plan_goal_and_report(site, student) -> None:
    """The plan made private, changed twice, shared, changed; a
    goal changed and discontinued; a report drafted, shared, reopened, shared again."""
    plan = student["plan"]
    as_counselor(plan, "make_private", PRIVATE_COMMENT)
    plan.record({"accommodations": "Extra time"}, by="cora")
    plan.record({"accommodations": "Extra time on tests"}, by="cora")
    as_counselor(plan, "share_with_family")
    plan.record({"accommodations": "Extra time on tests; a quiet room"}, by="cora")

    plan.goals.add("goal-1", Goal(READING_GOAL, by="cora"))
    goal = plan.goals["goal-1"]
    enter_workflows(ENGINE, goal)
    goal.record({"target_value": 110.0}, by="cora")
    as_counselor(goal, "discontinue", GOAL_COMMENT)

    plan.reports.add("report-1", ProgressReport(
        {"period": "Fall", "body": "Maya reads 96 words a minute."}, by="cora"))
    report = plan.reports["report-1"]
    enter_workflows(ENGINE, report)
    report.record({"body": "Maya reads 96 words a minute, up from 80."}, by="theo")
    for transition in ("review", "share"):
        as_counselor(report, transition)
    as_counselor(report, "reopen", REOPEN_COMMENT)
    report.record({"body": "Maya reads 104 words a minute, up from 80."}, by="cora")
    for transition in ("review", "share"):
        as_counselor(report, transition)


def new_enrolment_details(world) -> None:
    """The administrator moves Maya to grade 8 and corrects her enrolment date."""
    form = signed_in(world, "administrator").get(S1 + "edit").forms["document-form"]
    form["grade"] = "8"
    form.set("date", "2021-01-11", index=1)
    form.submit("save").follow()


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The conftest school with a second teacher, then the documents above; only read
    afterwards, so built once."""
    path = tmp_path_factory.mktemp("reviewed")
    wsgi = make_app(file_uri(path), path)
    world = populated(wsgi)
    in_database(world, lambda site, student: grant(site, student, AUTHOR, "teacher"))
    narrative_under_review(world)
    in_database(world, plan_goal_and_report)
    new_enrolment_details(world)
    yield world
    world.close()
    database(wsgi.registry).close()


def words(page) -> str:
    return " ".join(BeautifulSoup(page.text, "html.parser").get_text(" ").split())


def listed(page, selector: str) -> set[int]:
    return {int(a.get_text().split()[-1]) for a in page.html.select(selector)}


def missing_page(app, url: str, n: int, newest: int) -> str:
    """What a version that never existed answers: its text, with the number in question
    put back to ``n``."""
    absent = app.get(url + "version", {"n": str(newest + 1)}, status=404)
    return words(absent).replace(f"no version {newest + 1};", f"no version {n};")


def versions_seen(app, url: str, newest: int) -> set[int] | None:
    """The versions the signed-in user finds listed and can open; each refused one must
    answer exactly as a missing one does."""
    if app.get(url, status="*").status_int != 200:
        assert app.get(url + "versions", status="*").status_int in (403, 404)
        return None
    on_page = listed(app.get(url), "ol.versions a")
    on_list = listed(app.get(url + "versions"), "tbody th a")
    opened = set()
    for n in range(1, newest + 1):
        page = app.get(url + "version", {"n": str(n)}, status=(200, 404))
        if page.status_int == 200:
            opened.add(n)
        else:
            assert words(page) == missing_page(app, url, n, newest)
    assert on_list == opened, "the versions page lists exactly the versions that open"
    assert on_page <= opened, "the document page lists only versions that open"
    return opened


NEWEST = {NARRATIVE: 3, PLAN: 4, GOAL: 2, REPORT: 3}


@pytest.mark.parametrize("url", list(VERSIONS), ids=["narrative", "plan", "goal", "report"])
def test_each_role_opens_only_the_versions_it_could_see_at_the_time(reviewed, url):
    observed = {role: versions_seen(signed_in(reviewed, role), url, NEWEST[url])
                for role in VERSIONS[url]}
    assert observed == VERSIONS[url]


def history_seen(app, url: str) -> tuple[bool, bool] | None:
    """(history rows shown, review comment shown) on the document's page and its
    versions, or None when the document is closed to the user."""
    page = app.get(url, status="*")
    if page.status_int != 200:
        return None
    text = " ".join(words(p) for p in (page, app.get(url + "versions")))
    return bool(page.html.select("ol.history li")), COMMENTS[url] in text


@pytest.mark.parametrize("url", list(HISTORY_READERS),
                         ids=["narrative", "plan", "goal", "report"])
def test_history_and_review_comments_are_for_the_staff_taking_part(reviewed, url):
    observed = {role: history_seen(signed_in(reviewed, role), url) for role in VERSIONS[url]}
    expected = {role: None if VERSIONS[url][role] is None
                else (role in HISTORY_READERS[url],) * 2 for role in VERSIONS[url]}
    assert observed == expected


BORN, ENROLLED, FIRST_ENROLLED = "4 March 2013", "11 January 2021", "20 August 2020"
# what the student page shows each role of the student's details
DETAILS = {**dict.fromkeys((*STAFF, *FAMILY), True), "contributor": False}


@pytest.mark.parametrize("role", list(DETAILS))
def test_the_students_versions_show_no_detail_the_student_page_does_not(reviewed, role):
    app = signed_in(reviewed, role)
    student_page = words(app.get(S1))
    assert (BORN in student_page and ENROLLED in student_page) is DETAILS[role]
    current = words(app.get(S1 + "version", {"n": "2"}))
    assert "Given name Maya" in current and "Family name Lopez" in current
    assert (BORN in current and ENROLLED in current) is DETAILS[role]
    earlier = app.get(S1 + "version", {"n": "1"}, status=(200, 404))
    shown = listed(app.get(S1 + "versions"), "tbody th a")
    if DETAILS[role]:
        assert FIRST_ENROLLED in words(earlier) and shown == {1, 2}
    else:
        assert words(earlier) == missing_page(app, S1, 1, 2) and shown == {2}
        for page in (student_page, current):
            assert "Birth date" not in page and "Enrolled since" not in page


def test_a_version_saved_before_states_were_kept_is_for_those_who_see_every_state(world):
    """A version the database held before versions kept their workflow states opens only
    to those who could see the document in any state at all: for a narrative, its author
    and the administrators (as in a draft)."""
    def shared_with_an_old_version(site, student):
        narrative = Narrative({"title": "Fall art", "term": "Fall", "course": "Art",
                               "body": "Maya sketches."}, by="theo")
        student["narratives"].add("narrative-1", narrative)
        enter_workflows(ENGINE, narrative)
        for transition, roles in (("submit", {"author"}), ("approve", {"counselor"}),
                                  ("share", {"counselor"})):
            ENGINE.perform(narrative, transition, actor="cora", roles=roles)
        narrative.record({"body": "Maya sketches every day."}, by="theo")
        del narrative.versions[1].states  # as an older database holds it

    in_database(world, shared_with_an_old_version)
    observed = {}
    for role, login_name in (("author", "theo"), ("administrator", "ada"),
                             ("counselor", "cora"), ("guardian", "gina")):
        login(world.app, login_name)
        observed[role] = world.app.get(NARRATIVE + "version", {"n": "1"},
                                       status=(200, 404)).status_int
    assert observed == {"author": 200, "administrator": 200, "counselor": 404,
                        "guardian": 404}
