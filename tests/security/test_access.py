"""A page that lists many documents asks ``request.access`` instead of the policy at each
one: it must answer exactly as the policy does, for every person and every node."""
from __future__ import annotations

import pytest
from pyramid.request import Request

from profilerepo.content.narratives import Narrative
from profilerepo.security.access import Access
from profilerepo.security.policy import roles_on
from profilerepo.security.roles import VIEW
from profilerepo.workflow.index import enter_workflows, path_of
from tests.conftest import ENGINE, OTHER_GUARDIAN, OTHER_TEACHER, ROLE_USERS
from tests.security.test_access_agreement import every_node

NARRATIVE_STATES = ("draft", "submitted", "approved", "shared", "returned")




@pytest.mark.parametrize("login", [*ROLE_USERS.values(), OTHER_TEACHER, OTHER_GUARDIAN])
def test_page_access_answers_exactly_as_the_policy_does(world, login):
    site = world.site()
    students = site["students"]
    # s1's narratives in every state, by its teacher (the author's role counts too)
    for state in NARRATIVE_STATES:
        narrative = Narrative({"title": state, "term": "Fall", "course": "Art",
                               "body": "Drew a boat."}, by="theo")
        students["s1"]["narratives"].add(f"n-{state}", narrative)
        enter_workflows(ENGINE, narrative)
        narrative.workflow_states = {"narrative-review": state}
    # (s1's plan is shared with the family, s2's private to the school team)
    request = Request.blank("/")
    request.registry = world.wsgi.registry
    request.user = site["principals"].get_user(login)
    access = Access(request)
    seen = []
    for student in students.values():
        for node in every_node(student):
            allowed = bool(request.has_permission(VIEW, node))
            assert access.can_view(node) == allowed, (login, path_of(node))
            assert access.roles_on(node) == roles_on(request, node), (login, path_of(node))
            seen.append(allowed)
    assert len(seen) > 20  # (the table is not empty)
    world.close()
