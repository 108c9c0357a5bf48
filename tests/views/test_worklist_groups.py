"""The counselor's worklists: grouped by student, saying who sent each item and when, and
narratives approved and shared several at once (issue 14, point 7)."""
from __future__ import annotations

import transaction
from bs4 import BeautifulSoup

from profilerepo.content.narratives import Narrative
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE, ROLE_USERS, csrf_of, login


def submitted(world, *where) -> None:
    """A narrative by theo (or tess on s2) submitted for review on each (student, name)."""
    site = world.site()
    for student_id, name in where:
        author = "theo" if student_id == "s1" else "tess"
        narrative = Narrative({"title": f"Notes {name}", "term": "Fall", "course": "Science",
                               "body": "Careful experiments."}, by=author)
        site["students"][student_id]["narratives"].add(name, narrative)
        enter_workflows(ENGINE, narrative)
        ENGINE.perform(narrative, "submit", actor=author, roles={"author"})
    transaction.commit()
    world.close()


def states(world, *where) -> list[str]:
    site = world.site()
    found = [site["students"][s]["narratives"][n].workflow_states["narrative-review"]
             for s, n in where]
    transaction.abort()
    world.close()
    return found


def section(page, title: str):
    soup = BeautifulSoup(page.text, "html.parser")
    return next(s for s in soup.find_all("section")
                if s.h2 and s.h2.get_text().startswith(title))


def test_the_review_worklist_groups_by_student_and_says_who_sent_it(world):
    submitted(world, ("s1", "n-1"), ("s2", "n-2"), ("s1", "n-3"))
    login(world.app, ROLE_USERS["counselor"])
    waiting = section(world.app.get("/worklists"), "Waiting for my review (3)")
    groups = [h.get_text(" ", strip=True) for h in waiting.find_all("h3")]
    assert groups == ["Maya Lopez (2)", "Jonah Reed (1)"]
    words = " ".join(waiting.get_text(" ").split())
    assert "sent by Theo Example on" in words and "sent by Tess Other on" in words


def test_a_counselor_approves_and_shares_several_at_once(world):
    where = (("s1", "n-1"), ("s2", "n-2"), ("s1", "n-3"))
    submitted(world, *where)
    app = world.app
    login(app, ROLE_USERS["counselor"])
    form = app.get("/worklists").forms["bulk-waiting_for_my_review"]
    boxes = form.fields["document"]
    boxes[0].checked = True
    boxes[2].checked = True
    done = form.submit("", status=303).follow()
    assert "Done for 2 of 2." in done.text
    assert sorted(states(world, *where)) == ["shared", "shared", "submitted"]
    assert "Waiting for my review (1)" in app.get("/worklists").text


def test_bulk_actions_check_each_document_as_if_taken_alone(world):
    submitted(world, ("s1", "n-1"))
    app = world.app
    login(app, ROLE_USERS["teacher"])  # theo wrote it; he may not approve it
    token = csrf_of(app.get("/worklists"))
    page = app.post("/worklists", {"csrf_token": token,
                                   "worklist": "narrative-review/waiting_for_my_review",
                                   "document": "students/s1/narratives/n-1"}).follow()
    assert "Done for 0 of 1. Not done: one is no longer waiting for you." in page.text
    assert states(world, ("s1", "n-1")) == ["submitted"]


def test_bad_bulk_posts_do_nothing_and_say_so(world):
    submitted(world, ("s1", "n-1"))
    app = world.app
    login(app, ROLE_USERS["counselor"])
    token = csrf_of(app.get("/worklists"))
    for data in ({}, {"worklist": "nope"}, {"worklist": "narrative-review/returned_to_me",
                                            "document": "students/s1/narratives/n-1"},
                 {"worklist": "narrative-review/waiting_for_my_review",
                  "document": "../../etc"}):
        page = app.post("/worklists", {"csrf_token": token, **data}, status=303).follow()
        assert "Nothing was done" in page.text or "Not done" in page.text
    assert states(world, ("s1", "n-1")) == ["submitted"]
    assert app.post("/worklists", {"worklist": "x"}, status="*").status_int in (400, 403)


def test_a_family_is_not_shown_the_staffs_empty_worklists(world, as_role):
    for role in ("guardian", "student", "contributor"):
        page = as_role(role).get("/worklists")
        assert "Nothing is waiting for you." in page.text, role
        assert "Nothing here." not in page.text, role
    assert "Nothing here." in as_role("teacher").get("/worklists").text  # (staff: all)
