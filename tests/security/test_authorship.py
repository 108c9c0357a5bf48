"""A teacher edits their own narratives; colleagues on the team read them."""
from __future__ import annotations

import transaction

from profilerepo.content.narratives import Narrative
from profilerepo.security.local_roles import grant, revoke
from tests.conftest import login

NARRATIVE = "/students/s1/narratives/narrative-1/"


def write_narrative(world, author: str) -> None:
    site = world.site()
    site["students"]["s1"]["narratives"].add("narrative-1", Narrative(
        {"title": "Fall science", "term": "Fall", "course": "Science",
         "body": "Maya designs careful experiments."}, by=author))
    grant(site, site["students"]["s1"], "tess", "teacher")  # a colleague on the team
    transaction.commit()
    world.close()


def set_state(world, state: str) -> None:
    site = world.site()
    narrative = site["students"]["s1"]["narratives"]["narrative-1"]
    narrative.workflow_states = {"narrative-review": state}
    transaction.commit()
    world.close()


def test_the_author_edits_a_draft_and_a_colleague_reads_it_once_approved(world):
    write_narrative(world, "theo")
    app = world.app
    login(app, "theo")
    assert app.get(NARRATIVE + "edit").status_int == 200
    assert "/edit" in app.get(NARRATIVE).text
    login(app, "tess")
    assert app.get(NARRATIVE, status="*").status_int == 404, "a draft is the author's"
    assert app.get("/students/s1/narratives/add").status_int == 200, "tess writes her own"
    set_state(world, "approved")
    login(app, "tess")
    assert app.get(NARRATIVE).status_int == 200
    assert app.get(NARRATIVE + "edit", status="*").status_int == 403


def test_an_author_who_left_the_team_no_longer_edits(world):
    write_narrative(world, "theo")
    site = world.site()
    revoke(site, site["students"]["s1"], "theo", "teacher")
    transaction.commit()
    world.close()
    login(world.app, "theo")
    assert world.app.get(NARRATIVE + "edit", status="*").status_int == 404
