"""The badge and next-teacher pages read well with a screen reader and a keyboard: one
heading, landmarks, every field labelled; and the student's page keeps strengths first."""
from __future__ import annotations

from tests.badges.conftest import PORTFOLIO, WORK, award
from tests.badges.test_next_teacher_http import choose
from tests.conftest import login
from tests.views.test_accessibility import problems_with


def test_badge_and_next_teacher_pages_are_accessible(school):
    app = school.app
    badge = award(app, "theo").location
    choose(app)
    pages = [PORTFOLIO, PORTFOLIO + "award-badge", PORTFOLIO + "receive-badge", badge,
             badge + "revoke", WORK, WORK + "choose-for-next-teacher", "/students/s1/"]
    report = {url: problems_with(app.get(url).text) for url in pages}
    assert {url: p for url, p in report.items() if p} == {}
    login(app, "gina")
    report = {url: problems_with(app.get(url).text) for url in (badge, "/students/s1/")}
    assert {url: p for url, p in report.items() if p} == {}


def test_strengths_come_before_the_chosen_pieces(school):
    app = school.app
    login(app, "theo")
    choose(app).follow()  # (the flash that says so is read there)
    page = app.get("/students/s1/").text
    assert page.index("Strengths and interests") < page.index("Chosen for Maya's next")
