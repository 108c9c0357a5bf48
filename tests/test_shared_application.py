"""Tests share one configured application (tests/conftest.py), yet each starts afresh: what
one test changed (its site, failed logins, the search index) is not there in the next."""
from __future__ import annotations

import transaction

from tests.conftest import PASSWORD, login

SEEN: list = []  # the application each test below was handed


def test_a_test_changes_its_site_and_locks_a_login(world):
    SEEN.append(world.wsgi)
    site = world.site()
    site["students"].remove("s3")
    transaction.commit()
    world.close()
    for password in ["wrong"] * 3 + [PASSWORD]:  # (the tests' limit: 3 failures)
        form = world.app.get("/login").forms[0]
        form["login"], form["password"] = "cora", password
        refused = form.submit(status="*")
    assert refused.status_int != 303, "the right password, but the login is locked"
    assert "s3" not in world.site()["students"]
    world.close()


def test_the_next_test_finds_the_site_and_logins_as_they_began(world):
    SEEN.append(world.wsgi)
    assert "s3" in world.site()["students"]
    world.close()
    assert login(world.app, "cora").status_int == 303
    assert len(SEEN) < 2 or SEEN[0] is SEEN[1], "the application was not shared"
