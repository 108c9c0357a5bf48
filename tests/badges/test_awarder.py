"""The district signs every badge awarded here, but the credential names who awarded it:
a reader tells a teacher's award from one by a tutor the family let in."""
from __future__ import annotations

import json

import pytest

from profilerepo.badges.issuing import award_badge
from profilerepo.content.portfolio import PortfolioItem
from tests.conftest import ROLE_USERS
from tests.portability.backpacks import district


@pytest.mark.parametrize("role, name, capacity", [
    ("teacher", "Theo Example", "A teacher of the student, for North Valley District"),
    ("contributor", "Toby Example", "Someone the student's family granted access to the "
                                    "portfolio; not a member of the district's staff"),
])
def test_the_credential_names_who_awarded_it(world, tmp_path, role, name, capacity):
    issuer = district(tmp_path / "keys", "https://north.example", "North Valley District")
    site = world.site()
    student = site["students"]["s1"]
    student["portfolio"].add("work-1", PortfolioItem({"title": "Tide pools", "kind": "work"},
                                                      "sam"))
    badge = award_badge(site, issuer, student, {
        "name": "Tide pool scientist", "description": "Ran a season of counts.",
        "criteria": "A season of weekly counts.", "evidence": "work-1"},
        by=ROLE_USERS[role], evidence_url="https://north.example/work-1")
    creator = json.loads(badge.credential)["credentialSubject"]["achievement"]["creator"]
    assert (creator["name"], creator["description"]) == (name, capacity)
    assert ROLE_USERS[role] not in creator["id"]  # (an opaque id, not the login)


def test_the_award_form_says_which_evidence_the_family_will_not_see(world):
    from tests.conftest import login

    site = world.site()
    site["students"]["s1"]["portfolio"].add(
        "work-1", PortfolioItem({"title": "Tide pools", "kind": "work"}, "sam"))
    import transaction

    transaction.commit()
    login(world.app, ROLE_USERS["teacher"])
    form = world.app.get("/students/s1/portfolio/award-badge")
    assert ("Tide pools (private to the school team: the family will not see it)"
            in form.text)
