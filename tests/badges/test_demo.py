"""The demo district shows badges and the next teacher's picks: badges awarded by teachers
and by a tutor, one revoked, one from outside that verifies and one that fails, and
pieces chosen for the next teacher with notes."""
from __future__ import annotations

import pytest
import transaction
import webtest

from profilerepo.app import ROOT_KEY, database
from profilerepo.badges.model import Badge
from profilerepo.badges.next_teacher import chosen_pieces
from profilerepo.console import demo
from profilerepo.credentials import get_trust
from profilerepo.credentials.verify import verify_credential
from tests.conftest import file_uri, login, make_app

STUDENTS = 30


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-badges")
    keys = folder / "keys"
    ini = folder / "site.ini"
    ini.write_text("[app:main]\nuse = egg:profilerepo\n"
                   f"zodbconn.uri = {file_uri(folder)}\nprofilerepo.secret = test\n"
                   f"profilerepo.signing_keys = {keys}\n")
    demo.main([str(ini), "--students", str(STUDENTS)])
    app = webtest.TestApp(make_app(file_uri(folder), folder,
                                   **{"profilerepo.signing_keys": str(keys)}))
    manager = transaction.TransactionManager()
    conn = database(app.app.registry).open(manager)
    try:
        yield app, conn.root()[ROOT_KEY]
    finally:
        manager.abort()
        conn.close()
        database(app.app.registry).close()


def test_the_demo_has_badges_of_every_kind(loaded):
    app, site = loaded
    badges = [item for student in site["students"].values()
              for item in student["portfolio"].values() if isinstance(item, Badge)]
    awarded = [b for b in badges if b.awarded_here]
    kinds = {site["principals"].get_user(b.creator).kind for b in awarded}
    assert kinds == {"staff", "contributor"}  # by teachers and by a tutor
    assert sum(b.revoked for b in badges) == 1
    received = [b for b in badges if not b.awarded_here]
    assert sorted(b.verified for b in received) == [False, True]
    trust = get_trust(app.app.registry)
    for badge in awarded:
        verdict = verify_credential(badge.credential, trust, site=site)
        assert verdict.valid != badge.revoked, verdict.reason


def test_the_demo_has_pieces_chosen_for_the_next_teacher(loaded):
    app, site = loaded
    chosen = [piece for student in site["students"].values()
              for piece in chosen_pieces(student)]
    assert len(chosen) >= 3 and all(p.chosen_note and p.chosen_by for p in chosen)
    piece = chosen[0]
    student = piece.student
    guardian = next(login_name for login_name, roles in student.local_roles.items()
                    if "guardian" in roles).removeprefix("user:")
    assert login(app, guardian, demo.DEMO_PASSWORD).status_int == 303
    page = app.get(f"/students/{student.__name__}/").text
    assert "Chosen for" in page and piece.chosen_note in page


def test_demo_choices_and_badges_come_after_the_pieces_they_name(loaded):
    """F10: no piece chosen, or shown as a badge's evidence, before it was added."""
    _, site = loaded
    for student in site["students"].values():
        portfolio = student["portfolio"]
        for piece in chosen_pieces(student):
            assert piece.chosen_at > piece.created, piece.title
        for badge in (i for i in portfolio.values() if isinstance(i, Badge)):
            evidence = portfolio.get(badge.evidence) if badge.evidence else None
            if evidence is not None:
                assert badge.created > evidence.created, badge.title
            if badge.revoked:
                assert badge.revoked_at > badge.created
