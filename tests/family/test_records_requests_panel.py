"""A records request from another district, as the family reads it: a panel on the
student's page (who asked, when, why, where it stands, what would be sent, what they can
do), and a row in the access log that reads as a request, not a visit."""
from __future__ import annotations

import pytest
import transaction

from profilerepo.credentials.trust import TrustedIssuer, TrustedIssuers
from profilerepo.family.hiding import hide
from profilerepo.portability import transfers
from tests.conftest import ROLE_USERS, csrf_of, login
from tests.portability.backpacks import district
from tests.portability.test_transfer_api import asked, send

STUDENT = "/students/s1"


@pytest.fixture
def lakeside_asked(world, tmp_path):
    """Lakeside County Schools, trusted, asked for Maya's record (asking for what the
    family hid too); Maya's family hid a narrative."""
    lakeside = district(tmp_path / "lakeside-keys", "https://records.lakeside.example",
                        "Lakeside County Schools")
    registry = world.wsgi.registry
    registry.credential_trust = TrustedIssuers(
        [TrustedIssuer(lakeside.did)], registry.credential_issuer,
        documents=[lakeside.keys.did_document()])
    site = world.site()
    student = site["students"]["s1"]
    from tests.portability.test_export import narrative

    hide(student, narrative(student, "narrative-1", "Fall science", shared=True), by="gina")
    transaction.commit()
    world.close()
    answer = send(world, asked(lakeside, include_hidden=True), 202).json
    return world, answer


def panel_text(app) -> str:
    page = app.get(STUDENT)
    panel = page.html.find(id="records-requests-heading")
    return " ".join(panel.parent.get_text().split()) if panel else ""


def test_the_family_sees_the_waiting_request_on_the_students_page(lakeside_asked):
    world, _ = lakeside_asked
    login(world.app, "gina")
    text = panel_text(world.app)
    assert "Lakeside County Schools asked on" in text
    assert "to enrol the student at Lakeside Middle" in text
    assert "Waiting for the school district's answer: nothing has been sent" in text
    assert "What would be sent: the whole record as one signed file" in text
    assert "with what you hid from future schools" in text
    assert "The school district decides" in text
    assert "What you can do" in text
    for internal in ("waiting.", "asked-of-us", "did:web", "records-request"):
        assert internal not in text


@pytest.mark.parametrize("role", ["teacher", "counselor", "contributor"])
def test_others_on_the_page_do_not_see_it(lakeside_asked, role):
    world, _ = lakeside_asked
    login(world.app, ROLE_USERS[role])
    assert panel_text(world.app) == ""


def test_after_the_school_answers_the_family_reads_where_it_stands(lakeside_asked):
    world, answer = lakeside_asked
    app = world.app
    login(app, ROLE_USERS["administrator"])
    page = app.get(f"/transfers/{answer['id']}")
    app.post(f"/transfers/{answer['id']}", {"csrf_token": csrf_of(page), "action": "decline",
                                            "reason": "Maya is not moving after all."})
    login(app, "gina")
    text = panel_text(app)
    assert "Declined by the school district: nothing was sent (the reason given: Maya is " \
        "not moving after all)." in text


def test_the_access_log_reads_the_request_as_a_request(lakeside_asked):
    world, _ = lakeside_asked
    login(world.app, "gina")
    log = world.app.get(STUDENT + "/access-log?person=did:web:records.lakeside.example")
    text = " ".join(log.html.get_text().split())
    assert "Asked the school district to send the whole record (a request: nothing was " \
        "opened or sent then)" in text
    assert "0 views" in text  # (a request is listed with them, not counted as a view)


def test_a_request_that_matched_nobody_is_not_shown(world):
    site = world.site()
    transfer = transfers.RecordsTransfer(
        transfers.ASKED_OF_US, "did:web:x.example", "X Schools", given_name="Maya",
        family_name="Lopez", birth_date=site["students"]["s1"].birth_date,
        their_student_id="", school="X", purpose="", include_hidden=False, by="X Schools")
    transfer.status = transfers.NO_MATCH
    transfers.add_transfer(site, transfer)
    transaction.commit()
    world.close()
    login(world.app, "gina")
    assert panel_text(world.app) == ""


def test_a_designee_reads_the_request_on_the_page_they_manage_from(lakeside_asked):
    """(A designee does not open the student's page: the who-can-see page is theirs.)"""
    from profilerepo.family.designees import name_designee

    world, _ = lakeside_asked
    site = world.site()
    name_designee(site, site["students"]["s1"], "gus", by="gina")
    transaction.commit()
    login(world.app, "gus")
    page = world.app.get(STUDENT + "/who-can-see")
    panel = page.html.find(id="records-requests-heading")
    assert panel is not None
    assert "Lakeside County Schools asked on" in " ".join(panel.parent.get_text().split())
