"""Whatever arrives, every page answers with a page: never a 500, never a half-saved record."""
from __future__ import annotations

import datetime
import io

import pytest
import transaction

from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.plans.goals import Goal
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from tests.conftest import PASSWORD, csrf_of, login

S1 = "/students/s1/"
# Each form, and who may use it.
FORMS = {
    "dana": [S1 + "edit", S1 + "team", S1 + "transcript/edit", "/schools/add",
             "/students/add"],
    "cora": [S1 + "profile/edit", S1 + "plan/edit", S1 + "plan/goals/add",
             S1 + "plan/goals/goal-1/edit"],
    "theo": [S1 + "narratives/add", S1 + "narratives/narrative-1/edit", S1 + "portfolio/add",
             S1 + "portfolio/item-1/edit"],
}
PAGES = [
    "/", S1, S1 + "versions", S1 + "version", S1 + "transcript", S1 + "plan/goals/",
    S1 + "plan/goals/goal-1/version", S1 + "portfolio/item-1/download", "/schools/north",
    "/students/", "/schools/",
]
JUNK_FIELDS = [
    [],
    [("given_name", "x" * 20000), ("grade", "13"), ("school", "../../etc")],
    [("date", "2024-02-30"), ("date", "0000-00-00"), ("date", "9999-12-31")],
    [("checkbox", "x"), ("login", "\u202e\u0000evil"), ("role", "administrator")],
    [("__start__", "courses:sequence"), ("__start__", "course:mapping"), ("credits", "1e999"),
     ("__end__", "course:mapping"), ("__end__", "courses:sequence")],
    [("upload", "not a file"), ("uid", "../../secret"), ("kind", "badge")],
    [("days_enrolled", "-5"), ("score", "１２"), ("baseline_value", "1,5")],
]
QUERIES = ["n=", "n=-1", "n=99999999999999999999", "page=0", "page=NaN", "grade=13",
           "after=%00", "next=//evil.example", "n=1&n=2", "page=" + "9" * 50]


@pytest.fixture
def busy_world(world):
    site = world.site()
    site["principals"].add_user("dana", "Dana District", "staff", password=PASSWORD,
                                groups=(DISTRICT_ADMINISTRATORS, "group:school-staff:north"))
    s1 = site["students"]["s1"]
    s1["plan"].goals.add("goal-1", Goal({
        "title": "Reads 120 words a minute", "area": "academic", "measure": "probe",
        "unit": "wpm", "baseline_value": 80.0, "baseline_date": datetime.date(2024, 9, 1),
        "target_value": 120.0, "target_date": datetime.date(2025, 6, 1),
        "schedule": "weekly", "responsible": ("cora",)}, by="cora"))
    s1["narratives"].add("narrative-1", Narrative(
        {"title": "Fall", "term": "Fall", "course": "Science", "body": "Careful work."},
        by="theo"))
    blob, kind, size = store_file(io.BytesIO(b"a poem\n"), 100)
    s1["portfolio"].add("item-1", PortfolioItem(
        {"title": "Poem", "kind": "work", "filename": "poem.txt", "content_type": kind,
         "size": size, "file": blob}, by="sam"))
    transaction.commit()
    world.close()
    return world


def snapshot(world) -> dict:
    site = world.site()
    s1 = site["students"]["s1"]
    state = {name: (s1[name].version_number if hasattr(s1[name], "version_number")
                    else len(s1[name])) for name in s1}
    state["student"] = s1.version_number
    state["goals"] = len(s1["plan"].goals)
    state["schools"] = len(site["schools"])
    state["students"] = len(site["students"])
    transaction.abort()
    world.close()
    return state


def test_junk_posted_to_every_form_is_refused_and_saves_nothing(busy_world):
    app = busy_world.app
    before = snapshot(busy_world)
    failures = []
    for user, url in [(user, url) for user, urls in FORMS.items() for url in urls]:
        login(app, user)
        token = csrf_of(app.get(url))
        for fields in JUNK_FIELDS:
            response = app.post(url, [("csrf_token", token), *fields, ("save", "save")],
                                status="*", expect_errors=True)
            if response.status_int >= 500 or response.status_int == 303:
                failures.append((url, repr(fields)[:80], response.status))
    assert failures == [], "\n".join(map(str, failures))
    assert snapshot(busy_world) == before


def test_odd_query_strings_on_every_page_get_an_answer(busy_world):
    app = busy_world.app
    login(app, "dana")
    failures = []
    for url in PAGES:
        for query in QUERIES:
            response = app.get(f"{url}?{query}", status="*", expect_errors=True)
            if response.status_int >= 500:
                failures.append((url, query, response.status))
    assert failures == []


def test_junk_inside_a_well_formed_form_gets_a_page_not_a_500(busy_world):
    """With the form's own marker, junk reaches validation: refused by field, or (where
    every field may be blank) saved as blank; never a failure."""
    app = busy_world.app
    failures = []
    for user, url in [(user, url) for user, urls in FORMS.items() for url in urls]:
        login(app, user)
        token = csrf_of(app.get(url))
        for fields in JUNK_FIELDS:
            response = app.post(url, [("csrf_token", token), ("__formid__", "document-form"),
                                      *fields, ("save", "save")], status="*",
                                expect_errors=True)
            if response.status_int >= 500:
                failures.append((url, repr(fields)[:80], response.status))
    assert failures == [], "\n".join(map(str, failures))
