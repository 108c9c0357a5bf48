"""Badges and pieces a backpack brought from another district stay as they were sent:
not revoked here (their status is the other district's), not re-recorded by a check,
and the last school's choice for the next teacher is not changed."""
from __future__ import annotations

import transaction

from tests.badges.conftest import WORK, award
from tests.conftest import csrf_of, login


def test_what_a_backpack_brought_stays_as_it_came(school):
    location = award(school.app, "theo").location
    name = location.rstrip("/").rsplit("/", 1)[-1]
    site = school.site()
    portfolio = site["students"]["s1"]["portfolio"]
    for document in (portfolio[name], portfolio["item-1"]):
        document.imported = True  # (as portability.importing marks what it writes)
    versions = portfolio[name].version_number
    transaction.commit()
    school.close()
    app = school.app
    login(app, "ada")
    assert "Revoke…" not in app.get(location).text
    app.get(location + "revoke", status=403)
    app.post(location + "check", {"csrf_token": csrf_of(app.get(location))}, status=303)
    login(app, "theo")
    page = app.get(WORK + "choose-for-next-teacher", status=403)
    assert "kept as it was sent" in page.text
    assert "Choose it for the next teacher" not in app.get(WORK).text
    badge = school.site()["students"]["s1"]["portfolio"][name]
    assert badge.version_number == versions and not badge.revoked
    school.close()


def test_an_imported_piece_says_where_it_came_from_not_who_imported_it(school):
    site = school.site()
    piece = site["students"]["s1"]["portfolio"]["item-1"]
    piece.imported = True
    piece.provenance = {"school": "Lakeside Middle School", "district": "Lakeside Unified",
                        "verified": True}
    transaction.commit()
    school.close()
    login(school.app, "gina")
    page = school.app.get(WORK).text
    assert "Work that came with Maya's record from Lakeside Middle School, Lakeside " \
           "Unified, where it was added on" in page
    assert "Work added by" not in page
