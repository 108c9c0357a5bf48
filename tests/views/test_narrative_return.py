"""A narrative returned to its author: the reviewer's comment at the top of the page and of
the edit form, "returned by" on the author's worklist; retracting is the author's alone."""
from __future__ import annotations

import datetime

from bs4 import BeautifulSoup

from tests.conftest import login
from tests.views.test_narrative_workflow import NARRATIVE, put_narrative, state_now, take

TODAY = datetime.date.today()
COMMENT = "Please add one example from the lab."


def words(page) -> str:
    return " ".join(BeautifulSoup(page.text, "html.parser").find("main").get_text(" ").split())


def returned(world) -> None:
    put_narrative(world, "submitted")
    login(world.app, "cora")
    assert take(world.app, "return", COMMENT).status_int == 303


def test_the_author_reads_why_it_was_returned_at_the_top_of_the_page_and_form(world):
    returned(world)
    app = world.app
    login(app, "theo")
    note = f"Returned by Cora Example on {TODAY:%-d %B %Y}: {COMMENT}"
    page = words(app.get(NARRATIVE))
    assert page.index(note) < page.index("Maya designs careful experiments.")
    form = words(app.get(NARRATIVE + "edit"))
    assert form.index(note) < form.index("Save")
    login(app, "cora")  # the reviewer reads it in the history, not as a note to them
    assert "Returned by Cora Example" not in words(app.get(NARRATIVE))


def test_the_authors_worklist_says_who_returned_it(world):
    returned(world)
    login(world.app, "theo")
    soup = BeautifulSoup(world.app.get("/worklists").text, "html.parser")
    section = soup.find("h2", string=lambda s: s and s.startswith("Returned to me"))
    listed = " ".join(section.find_parent("section").get_text(" ").split())
    assert f"returned by Cora Example on {TODAY:%-d %B %Y}" in listed
    assert "sent by" not in listed


def offered(app) -> list[str]:
    return [i["value"] for i in BeautifulSoup(app.get(NARRATIVE).text, "html.parser").select(
        "form.transition input[name=transition]")]


def test_only_the_author_is_offered_retract_and_a_forged_one_is_refused(world):
    put_narrative(world, "approved")
    app = world.app
    login(app, "cora")
    assert "retract" not in offered(app)
    refused = take(app, "retract")
    assert refused.status_int == 403
    assert ("Not done: Retract to draft: only the person who wrote it can do this"
            in " ".join(refused.html.get_text(" ").split()))
    assert state_now(world) == "approved"
    login(app, "theo")
    assert "retract" in offered(app)
    assert take(app, "retract").status_int == 303
    assert state_now(world) == "draft"
