"""The conftest school with something in every part of Maya's record (a goal, a narrative,
a portfolio item with a file) and a district administrator, for the access-log tests."""
from __future__ import annotations

import io

import pytest
import transaction

from profilerepo.accesslog import Scope
from profilerepo.content.narratives import Narrative
from profilerepo.content.portfolio import PortfolioItem, store_file
from profilerepo.plans.goals import Goal
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from tests.conftest import PASSWORD, READING_GOAL

S1 = "/students/s1/"
DISTRICT_ADMINISTRATOR = "dana"


@pytest.fixture
def record_world(world):
    site = world.site()
    site["principals"].add_user(DISTRICT_ADMINISTRATOR, "Dana District", "staff",
                                password=PASSWORD, groups=(DISTRICT_ADMINISTRATORS,))
    s1 = site["students"]["s1"]
    s1["plan"].goals.add("goal-1", Goal(READING_GOAL, by="cora"))
    s1["narratives"].add("narrative-1", Narrative(
        {"title": "Fall science", "term": "Fall", "course": "Science",
         "body": "Careful work in the lab."}, by="theo"))
    blob, kind, size = store_file(io.BytesIO(b"a poem about bridges\n"), 1000)
    s1["portfolio"].add("item-1", PortfolioItem(
        {"title": "Bridge poem", "kind": "work", "filename": "poem.txt",
         "content_type": kind, "size": size, "file": blob}, by="sam"))
    transaction.commit()
    world.close()
    return world


def access_log(world):
    """The test application's access log."""
    return world.wsgi.registry.access_log


def logged(world, **scope) -> list:
    """Every entry of the log in ``scope`` (Maya's by default), the most recent first."""
    scope = scope or {"student_id": "s1"}
    return access_log(world).views(Scope(**scope), limit=10**6)
