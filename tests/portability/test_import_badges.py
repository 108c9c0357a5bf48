"""Badges in a backpack: one the student holds arrives verified (checked with its own
issuer's key) and read-only; a revoked or expired one never leaves, and a file claiming
an expired one is refused, naming the badge, with nothing written."""
from __future__ import annotations

import datetime
import io

import pytest
import transaction

from profilerepo.badges.issuing import award_badge, revoke_badge
from profilerepo.badges.model import Badge
from profilerepo.portability.importing import import_file
from profilerepo.portability.reading import BackpackRefused, verify_backpack_file
from tests.conftest import ENGINE
from tests.portability.backpacks import entries, exported
from tests.portability.test_export import build_full_record
from tests.portability.test_import import state_of

BADGE = {"name": "Tide pool scientist", "description": "Ran a season of tide pool counts.",
         "criteria": "A season of weekly counts, written up.", "evidence": "item-1"}


def awarded(world, sender, **values) -> Badge:
    site = world.site()
    build_full_record(site)
    badge = award_badge(site, sender, site["students"]["s1"], {**BADGE, **values}, by="theo",
                        evidence_url="https://north.example/students/s1/portfolio/item-1/",
                        engine=ENGINE)
    transaction.commit()
    return world.site()["students"]["s1"]["portfolio"][badge.__name__]


def badge_entries(data: bytes) -> list[str]:
    return [name for name in entries(data) if name.startswith("documents/portfolio/badge")]


def test_a_badge_the_student_holds_arrives_verified_and_read_only(world, sender, trust):
    badge = awarded(world, sender)
    data = exported(badge.__parent__.__parent__, sender)
    assert badge_entries(data)
    site = world.site()
    result = import_file(site, io.BytesIO(data), trust, "ada", school="north",
                         confirmed=True)
    arrived = [n for n in result.student["portfolio"].values() if isinstance(n, Badge)]
    assert [b.name for b in arrived] == ["Tide pool scientist"]
    assert arrived[0].verified and arrived[0].imported
    assert arrived[0].credential == badge.credential  # (byte for byte, as signed)
    transaction.abort()


@pytest.mark.parametrize("audience", ["school", "family"])
def test_a_revoked_badge_never_leaves(world, sender, audience):
    badge = awarded(world, sender)
    site = world.site()
    revoke_badge(site, site["students"]["s1"]["portfolio"][badge.__name__], by="theo",
                 reason="Awarded to the wrong student.")
    transaction.commit()
    assert badge_entries(exported(world.site()["students"]["s1"], sender, audience)) == []
    transaction.abort()


def test_a_file_claiming_an_expired_badge_is_refused_naming_it(world, sender, trust):
    badge = awarded(world, sender, valid_until=datetime.date(2027, 1, 31))
    data = exported(badge.__parent__.__parent__, sender)
    before = state_of(world)
    with pytest.raises(BackpackRefused, match="“Tide pool scientist”.* expired on 2027-01-31"):
        import_file(world.site(), io.BytesIO(data), trust, "ada", school="north",
                    confirmed=True, today=datetime.date(2027, 3, 1))
    assert state_of(world) == before
    verify_backpack_file(io.BytesIO(data), trust, today=datetime.date(2027, 1, 30)).close()


def test_the_hiding_page_does_not_offer_a_badge_that_travels_nowhere(world, sender):
    from tests.conftest import login

    badge = awarded(world, sender)
    site = world.site()
    login(world.app, "gina")
    assert "Tide pool scientist" in world.app.get("/students/s1/hidden").text
    revoke_badge(site, site["students"]["s1"]["portfolio"][badge.__name__], by="theo",
                 reason="Awarded to the wrong student.")
    transaction.commit()
    assert "Tide pool scientist" not in world.app.get("/students/s1/hidden").text
