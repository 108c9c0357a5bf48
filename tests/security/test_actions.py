"""The actions beyond view, edit and add (``roles.ACTIONS``): who may take each, in which
states, and the refusal's words, as ``request.access.may`` answers for every page."""
from __future__ import annotations

import datetime

import pytest
import transaction
from pyramid.request import Request

from profilerepo.badges.model import Badge
from profilerepo.content.portfolio import PortfolioItem
from profilerepo.plans.goals import Goal
from profilerepo.security.access import Access
from profilerepo.security.roles import (
    ACTIONS,
    AWARD_BADGE,
    CHOOSE_FOR_NEXT_TEACHER,
    LOG_SESSIONS,
    RECEIVE_BADGE,
    RECORD_MEASUREMENTS,
    REVOKE_BADGE,
    START_NEXT_PLAN,
    WRITE_OWN_WORDS,
)
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, READING_GOAL, file_uri, make_app, populated

SUPPORTS = ({"kind": "Tutoring", "provider": "toby"}, {"kind": "Speech", "provider": "tess"})
ALLOWED = "allowed"


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    """The conftest school; s1's plan has supports, one provided by toby, and a goal
    for which cora is responsible."""
    path = tmp_path_factory.mktemp("actions")
    wsgi = make_app(file_uri(path), path)
    world = populated(wsgi)
    plan = world.site()["students"]["s1"]["plan"]
    plan.supports = SUPPORTS
    plan.goals.add("goal-1", Goal(READING_GOAL, by="cora"))
    enter_workflows(ENGINE, plan.goals["goal-1"])
    portfolio = plan.student["portfolio"]  # (a badge Theo awarded, a piece of work)
    portfolio.add("badge-1", Badge({"name": "Reader", "origin": "awarded"}, by="theo"))
    portfolio.add("item-1", PortfolioItem({"title": "Essay"}, by="sam"))
    transaction.commit()
    world.close()
    yield world
    world.close()


def _take(document, *transitions: str) -> None:
    for name in transitions:
        ENGINE.perform(document, name, actor="cora", roles={"counselor"})


ENDED = datetime.date(2000, 6, 1)  # a plan's period, over: it may be closed

# (action, what to move where first, the document, the person, what they get)
REFUSED, NOT_NOW = "refusal", "not_now"
TABLE = [
    (START_NEXT_PLAN, "plan closed", "plan", "cora", ALLOWED),
    (START_NEXT_PLAN, "plan closed", "plan", "ada", ALLOWED),
    (START_NEXT_PLAN, "plan closed", "plan", "theo", REFUSED),
    (START_NEXT_PLAN, "plan closed", "plan", "gina", REFUSED),
    (START_NEXT_PLAN, "as set up", "plan", "cora", REFUSED),  # (one message for both)
    (LOG_SESSIONS, "plan in force", "plan", "cora", ALLOWED),
    (LOG_SESSIONS, "plan in force", "plan", "theo", ALLOWED),
    (LOG_SESSIONS, "plan in force", "plan", "toby", ALLOWED),
    (LOG_SESSIONS, "plan in force", "plan", "ada", REFUSED),
    (LOG_SESSIONS, "plan in force", "plan", "gina", REFUSED),
    (LOG_SESSIONS, "as set up", "plan", "cora", REFUSED),
    (RECORD_MEASUREMENTS, "goal active", "goal", "cora", ALLOWED),
    (RECORD_MEASUREMENTS, "goal active", "goal", "theo", REFUSED),
    (RECORD_MEASUREMENTS, "as set up", "goal", "cora", NOT_NOW),
    (RECORD_MEASUREMENTS, "as set up", "goal", "theo", NOT_NOW),
    (WRITE_OWN_WORDS, "as set up", "profile", "sam", ALLOWED),
    (WRITE_OWN_WORDS, "as set up", "profile", "gina", REFUSED),
    (WRITE_OWN_WORDS, "as set up", "profile", "cora", REFUSED),
    (AWARD_BADGE, "as set up", "portfolio", "theo", ALLOWED),
    (AWARD_BADGE, "as set up", "portfolio", "cora", REFUSED),
    (AWARD_BADGE, "as set up", "portfolio", "gina", REFUSED),
    (AWARD_BADGE, "as set up", "portfolio", "toby", REFUSED),  # (granted to read only)
    (RECEIVE_BADGE, "as set up", "portfolio", "gina", ALLOWED),
    (RECEIVE_BADGE, "as set up", "portfolio", "sam", ALLOWED),
    (RECEIVE_BADGE, "as set up", "portfolio", "ada", REFUSED),
    (REVOKE_BADGE, "as set up", "badge", "theo", ALLOWED),
    (REVOKE_BADGE, "as set up", "badge", "ada", ALLOWED),
    (REVOKE_BADGE, "as set up", "badge", "cora", REFUSED),
    (CHOOSE_FOR_NEXT_TEACHER, "as set up", "item", "theo", ALLOWED),
    (CHOOSE_FOR_NEXT_TEACHER, "as set up", "item", "gina", REFUSED),
]

MOVES = {
    "as set up": lambda s1: None,
    "plan in force": lambda s1: _take(s1["plan"], "submit", "adopt"),
    "plan closed": lambda s1: (_take(s1["plan"], "submit", "adopt"), s1["plan"].record(
        {"period_start": datetime.date(1999, 9, 1), "period_end": ENDED, "review_due": ENDED},
        by="cora"), _take(s1["plan"], "close")),
    "goal active": lambda s1: _take(s1["plan"].goals["goal-1"], "activate"),
}

DOCUMENTS = {"plan": lambda s1: s1["plan"], "goal": lambda s1: s1["plan"].goals["goal-1"],
             "profile": lambda s1: s1["profile"], "portfolio": lambda s1: s1["portfolio"],
             "badge": lambda s1: s1["portfolio"]["badge-1"],
             "item": lambda s1: s1["portfolio"]["item-1"]}


@pytest.mark.parametrize(("action", "moves", "path", "login", "expected"), TABLE)
def test_who_may_take_each_action_and_what_a_refusal_says(school, action, moves, path,
                                                          login, expected):
    site = school.site()
    try:
        s1 = site["students"]["s1"]
        MOVES[moves](s1)
        document = DOCUMENTS[path](s1)
        request = Request.blank("/")
        request.registry = school.wsgi.registry
        request.user = site["principals"].get_user(login)
        verdict = Access(request).may(action, document)
        if expected == ALLOWED:
            assert verdict, verdict.msg
        else:
            assert not verdict
            assert verdict.msg == getattr(ACTIONS[action], expected)
        if action == LOG_SESSIONS:  # the supports offered: all for the team, a provider's own
            offered = Access(request).supports_to_log(document)
            assert offered == {"cora": SUPPORTS, "theo": SUPPORTS,
                               "toby": SUPPORTS[:1]}.get(login if verdict else "", ())
    finally:
        transaction.abort()
        school.close()
