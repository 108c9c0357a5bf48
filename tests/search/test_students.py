"""Finding a student by name: their folder comes first among the results, for exactly the
people who may open it, kept up to date as the student changes, and in a rebuilt index;
and what results say of people: their names, never their logins."""
from __future__ import annotations

import re

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.plans.goals import Goal
from profilerepo.search.rebuild import check, rebuild, repair
from profilerepo.security.local_roles import unassign
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, OTHER_GUARDIAN, OTHER_TEACHER, READING_GOAL, ROLE_USERS, login
from tests.search.test_search import S1, drain, search, shows_nothing

ON_MAYAS_TEAM = ("counselor", "teacher", "administrator", "guardian", "student", "contributor")


@pytest.fixture
def indexed(world):
    """The conftest school, everything indexed."""
    drain(world.wsgi)
    return world


@pytest.mark.parametrize("role", ON_MAYAS_TEAM)
@pytest.mark.parametrize("q", ["Maya Lopez", "Maya", "lopez", "Lopez Maya"])
def test_a_students_name_finds_the_student_first(indexed, role, q):
    app = indexed.app
    login(app, ROLE_USERS[role])
    page = search(app, q)
    assert page.status == 200
    assert page.hits[0] == S1, page.hits
    assert all(hit.startswith(S1) for hit in page.hits[1:]), "their documents follow"
    soup = BeautifulSoup(page.html, "html.parser")
    first = soup.select_one("ol.results > li")
    assert first.find("a").get_text(strip=True) == "Maya Lopez"
    assert first.select_one(".summary").get_text(strip=True) == "Student"
    assert "Grade 7 at North Middle School" in first.select_one(".snippet").get_text()
    assert "2013" not in page.html, "the birth date is not shown"
    opened = app.get(page.hits[0])
    assert opened.status_int == 200 and "<h1>Maya Lopez</h1>" in opened.text


@pytest.mark.parametrize("user,q", [
    ("gina", "Jonah Reed"), ("gina", "Iris"), ("toby", "Chen"), (OTHER_GUARDIAN, "Maya"),
    (OTHER_TEACHER, "Lopez"), ("sam", "Reed"), ("ada", "Iris Chen"),  # (ada: north only)
])
def test_nobody_finds_a_student_they_may_not_open(indexed, user, q):
    login(indexed.app, user)
    shows_nothing(search(indexed.app, q))


def test_a_schools_name_finds_its_students_one_may_open(indexed):
    login(indexed.app, "cora")  # counselor of s1 and s2, both at North
    page = search(indexed.app, '"North Middle School"')
    assert sorted(page.hits) == ["/students/s1/", "/students/s2/"]
    assert [(f.label, f.count) for f in page.facets["type"]] == [("Student", 2)]
    login(indexed.app, OTHER_TEACHER)  # teaches s2 (North) and s3 (South)
    assert search(indexed.app, "South").hits == ["/students/s3/"]


def test_a_renamed_student_is_found_by_the_new_name(indexed):
    site = indexed.site()
    site["students"]["s1"].record({"preferred_name": "Mia"}, by="ada")
    transaction.commit()
    indexed.close()
    drain(indexed.wsgi)
    app = indexed.app
    login(app, "cora")
    page = search(app, "Mia")
    assert page.hits[0] == S1
    assert BeautifulSoup(page.html, "html.parser").select_one(
        "ol.results > li > a").get_text(strip=True) == "Mia Lopez"
    assert "goes by <b" in page.snippets[0]
    assert search(app, "Maya").hits[0] == S1  # the given name still finds her


def test_someone_taken_off_the_team_stops_finding_the_student_at_once(indexed):
    site = indexed.site()
    unassign(site, site["students"]["s1"], "theo", "teacher")
    transaction.commit()
    indexed.close()
    login(indexed.app, "theo")
    shows_nothing(search(indexed.app, "Maya Lopez"))
    drain(indexed.wsgi)
    shows_nothing(search(indexed.app, "Maya Lopez"))


def test_a_rebuild_indexes_students_and_a_school_renamed_since_is_repaired(indexed):
    wsgi = indexed.wsgi
    index = wsgi.registry.search_index
    site = indexed.site()
    assert rebuild(site, ENGINE, index) == 12  # each student, and their three sections
    assert check(site, ENGINE, index).clean
    login(indexed.app, "cora")
    assert search(indexed.app, "Jonah").hits[0] == "/students/s2/"
    site["schools"]["north"].title = "Northern Lights Middle School"
    transaction.commit()
    report = check(site, ENGINE, index)
    assert report.stale == ["students/s1", "students/s2"]
    repair(site, ENGINE, index, report)
    indexed.close()
    assert sorted(search(indexed.app, "Lights").hits) == ["/students/s1/", "/students/s2/"]


def test_results_name_people_never_their_logins(indexed):
    site = indexed.site()
    plan = site["students"]["s1"]["plan"]
    plan.record({"supports": ({"kind": "Reading tutoring", "provider": "toby",
                               "setting": "out of school", "frequency": "weekly",
                               "minutes": 45},)}, by="cora")
    plan.goals.add("goal-1", Goal(READING_GOAL, by="cora"))  # responsible: cora
    enter_workflows(ENGINE, plan.goals["goal-1"])
    transaction.commit()
    indexed.close()
    drain(indexed.wsgi)
    app = indexed.app
    login(app, "cora")
    for q, name in (("tutoring", "Toby Example"), ("fluency", "Cora Example")):
        page = search(app, q)
        assert page.hits, q
        snippet = page.snippets[0]
        assert name in snippet, (q, snippet)
        assert not re.search(r"\b(toby|cora)\b", snippet), (q, snippet)
    assert search(app, '"Toby Example"').hits == [S1 + "plan/"]  # found by the name
