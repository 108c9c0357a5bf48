"""Narratives through HTTP in each review state: who sees and edits them, taking
transitions, refusals that change nothing."""
from __future__ import annotations

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo.content.narratives import Narrative
from tests.conftest import ROLE_USERS, csrf_of, login

S1 = "/students/s1/"
NARRATIVE = S1 + "narratives/narrative-1/"
ROLES = ("author", "counselor", "administrator", "guardian", "student", "contributor")
USERS = {**ROLE_USERS, "author": "theo"}

# state -> role -> (view status, edit-form status), through HTTP
ACCESS = {
    #             author      counselor   admin       guardian    student     contributor
    "draft":     ((200, 200), (404, 404), (200, 403), (404, 404), (404, 404), (404, 404)),
    "submitted": ((200, 403), (200, 403), (200, 403), (404, 404), (404, 404), (404, 404)),
    "returned":  ((200, 200), (200, 403), (200, 403), (404, 404), (404, 404), (404, 404)),
    "approved":  ((200, 403), (200, 403), (200, 403), (404, 404), (404, 404), (404, 404)),
    "shared":    ((200, 403), (200, 403), (200, 403), (200, 403), (200, 403), (404, 404)),
}


def put_narrative(world, state: str | None = None) -> None:
    site = world.site()
    narrative = Narrative({"title": "Fall science", "term": "Fall", "course": "Science",
                           "body": "Maya designs careful experiments."}, by="theo")
    world.wsgi.registry.workflows.start(narrative, "narrative-review")
    if state:
        narrative.workflow_states = {"narrative-review": state}
    site["students"]["s1"]["narratives"].add("narrative-1", narrative)
    transaction.commit()
    world.close()


def state_now(world) -> str:
    site = world.site()
    state = site["students"]["s1"]["narratives"]["narrative-1"].workflow_states["narrative-review"]
    transaction.abort()
    world.close()
    return state


@pytest.mark.parametrize("state", sorted(ACCESS))
def test_who_sees_and_edits_a_narrative_in_each_state(world, state):
    put_narrative(world, state)
    observed = {}
    for role in ROLES:
        login(world.app, USERS[role])
        observed[role] = (world.app.get(NARRATIVE, status="*").status_int,
                          world.app.get(NARRATIVE + "edit", status="*").status_int)
    assert observed == dict(zip(ROLES, ACCESS[state], strict=True))


def take(app, transition: str, comment: str = "", status="*"):
    page = app.get(NARRATIVE)
    return app.post(NARRATIVE + "transition", {"csrf_token": csrf_of(page),
                                               "transition": transition,
                                               "comment": comment}, status=status)


def test_a_guardian_sees_a_narrative_only_once_it_is_shared(world):
    put_narrative(world)
    app = world.app
    login(app, "gina")
    assert "Fall science" not in app.get(S1 + "narratives/").text
    assert app.get(NARRATIVE, status="*").status_int == 404
    login(app, "theo")
    assert take(app, "submit").status_int == 303
    login(app, "cora")
    page = app.get(NARRATIVE)
    offered = [i["value"] for i in BeautifulSoup(page.text, "html.parser").select(
        "form.transition input[name=transition]")]
    assert offered == ["return", "approve"]  # retracting is the author's
    assert take(app, "approve").status_int == 303
    assert take(app, "share", "Shared at conferences").status_int == 303
    login(app, "gina")
    assert "Fall science" in app.get(S1 + "narratives/").text
    page = app.get(NARRATIVE)
    assert "Maya designs careful experiments." in page.text
    assert not page.html.select("ol.history li") and "Shared at conferences" not in page.text
    login(app, "cora")  # the review's history and comments are for the staff who review
    page = app.get(NARRATIVE)
    history = [li.get_text(" ", strip=True) for li in page.html.select("ol.history li")]
    assert len(history) == 3 and "Shared at conferences" in history[0]
    assert "Share with the family (Approved → Shared with the family)" in history[0]


def test_a_forged_transition_is_refused_with_a_reason_and_changes_nothing(world):
    put_narrative(world, "submitted")
    app = world.app
    login(app, "theo")  # the author may not approve their own narrative
    refused = take(app, "approve")
    assert refused.status_int == 403
    assert "Not done: Approve: only an administrator or the student's counselor can do this" in \
        " ".join(refused.html.get_text(" ").split())
    assert state_now(world) == "submitted"
    assert take(app, "publish-now").status_int == 403
    assert state_now(world) == "submitted"


def test_returning_a_narrative_needs_a_comment(world):
    put_narrative(world, "submitted")
    app = world.app
    login(app, "cora")
    refused = take(app, "return", "   ")
    assert refused.status_int == 400
    assert "a comment is required" in refused.text
    assert state_now(world) == "submitted"
    assert take(app, "return", "Please add one example from the lab.").status_int == 303
    assert state_now(world) == "returned"
    login(app, "theo")
    page = app.get(NARRATIVE)
    assert "Please add one example from the lab." in page.text


def test_the_student_page_counts_only_narratives_the_reader_may_open(world):
    put_narrative(world)  # a draft
    app = world.app
    login(app, "gina")
    text = " ".join(app.get(S1).html.get_text(" ").split())
    assert "Narrative feedback 0 items" in text
    login(app, "theo")
    text = " ".join(app.get(S1).html.get_text(" ").split())
    assert "Narrative feedback 1 item" in text


def worklist(app, name: str) -> list[str]:
    page = app.get("/worklists")
    heading = page.html.find(id=f"wl-{name}")  # (a family is shown no empty staff list)
    section = heading.find_parent("section") if heading is not None else None
    return [a.get_text() for a in section.select("ul.documents a")] if section else []


def test_worklists_follow_the_narrative_through_review(world):
    put_narrative(world)
    app = world.app
    login(app, "theo")
    take(app, "submit")
    login(app, "cora")
    assert worklist(app, "waiting_for_my_review") == ["Fall science"]
    assert "Waiting for my review (1)" in " ".join(app.get("/").html.get_text(" ").split())
    take(app, "return", "Add an example, please.")
    assert worklist(app, "waiting_for_my_review") == []
    login(app, "theo")
    assert worklist(app, "returned_to_me") == ["Fall science"]
    login(app, "tess")  # a teacher of other students: nothing of theo's
    assert worklist(app, "returned_to_me") == [] and worklist(app, "waiting_for_my_review") == []
    login(app, "gina")
    assert all(not worklist(app, name) for name in ("waiting_for_my_review", "returned_to_me"))
