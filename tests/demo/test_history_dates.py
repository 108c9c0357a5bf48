"""The demo district's records read in time order: no document's history starts before the
document was created, and a goal set later in the year joins its plan by an amendment."""
from __future__ import annotations

import datetime

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.app import ROOT_KEY, database
from profilerepo.console import demo
from tests.conftest import login
from tests.console.test_demo_goals import counselors
from tests.console.test_scripts import app_for, close, ini  # noqa: F401 (the fixture)


@pytest.fixture
def demo_app(ini, tmp_path, capsys):  # noqa: F811
    demo.main([str(ini), "--students", "60"])
    capsys.readouterr()
    app = app_for(tmp_path)
    yield app
    close(app)


def documents(student):
    yield student["plan"]
    yield student["profile"]
    yield from student["plan"].goals.values()
    yield from student["narratives"].values()
    yield from student["portfolio"].values()


def test_no_history_is_dated_before_its_document_existed(demo_app):
    manager = transaction.TransactionManager()
    conn = database(demo_app.app.registry).open(manager)
    try:
        students = conn.root()[ROOT_KEY]["students"]
        amended = 0
        for student in students.values():
            for document in documents(student):
                times = [entry.time for entry in document.workflow_history]
                where = f"{student.__name__}/{document.__name__}"
                assert all(time >= document.created for time in times), where
                assert times == sorted(times), where
            plan = student["plan"]
            if "transfer-drafts" in student:
                continue  # (new from another district: its plan waits for adoption)
            assert plan.workflow_states["plan-lifecycle"] == "active"
            amended += sum(entry.action == "amend" for entry in plan.workflow_history)
        assert amended > 0, "no goal was set later in the year"
    finally:
        manager.abort()
        conn.close()


def shown_time(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text.strip().rsplit(" ", 1)[0], "%d %B %Y, %H:%M")


def test_a_goal_page_shows_its_history_after_its_creation(demo_app):
    app = demo_app
    assert login(app, counselors(app)[0], demo.DEMO_PASSWORD).status_int == 303
    soup = BeautifulSoup(app.get("/").text, "html.parser")
    goals = {a["href"] for a in soup.select("a[href*='/goals/goal-']")}
    assert goals
    for url in sorted(goals)[:12]:
        page = BeautifulSoup(app.get(url).text, "html.parser")
        created = page.select_one("section.meta p").get_text(" ", strip=True)
        created = shown_time(created.split(" on ", 1)[1].split(".", 1)[0])
        for entry in page.select("ol.history li"):
            when = shown_time(entry.get_text(" ", strip=True).split(": ", 1)[0])
            assert when >= created, url
