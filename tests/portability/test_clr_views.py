"""The link to the student's courses, grades and badges as a CLR 2.0 file, on the student's
page, through HTTP: who gets the file, who is refused, and what the access log says of it."""
from __future__ import annotations

import json
import re

import pytest
import transaction

from profilerepo.credentials import get_issuer, proofs
from profilerepo.portability.clr import schema_problems
from tests.conftest import OTHER_TEACHER, login
from tests.portability.test_clr import FILES, add_badges, fill_transcript

LINK = "Download courses, grades and badges as one signed file"


@pytest.fixture
def maya(world):
    """Maya's transcript filled in, and two badges awarded by her teacher."""
    site = world.site()
    student = site["students"]["s1"]
    fill_transcript(student, n_courses=6, n_assessments=2)
    add_badges(site, get_issuer(world.wsgi.registry), student, 2)
    transaction.commit()
    world.close()
    return world


@pytest.mark.parametrize("role", ["guardian", "teacher", "administrator", "counselor",
                                  "student"])
def test_the_link_on_the_page_gives_a_signed_clr_that_verifies(maya, as_role, role):
    app = as_role(role)
    page = app.get("/students/s1/")
    response = page.click(re.escape(LINK))
    assert response.content_type == "application/ld+json"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="Maya-Lopez-achievements-clr.json"'
    clr = json.loads(response.body)
    issuer = get_issuer(maya.wsgi.registry)
    proofs.verify(clr, issuer.keys.current.public_key, issuer.contexts)
    assert schema_problems(clr, FILES) == []
    inner = clr["credentialSubject"]["verifiableCredential"]
    assert "Algebra I" in [c["name"] for c in inner]
    assert len([c for c in inner if "proof" in c]) == 2  # the badges


@pytest.mark.parametrize("who, status", [
    (OTHER_TEACHER, 404),  # teaches other students: Maya's record is not theirs to know of
    ("toby", 403),         # a tutor the family granted the profile and portfolio, not this
])
def test_people_who_may_not_read_the_transcript_are_refused(maya, who, status):
    app = maya.app
    assert login(app, who).status_int == 303
    response = app.get("/students/s1/clr.json", status=status)
    assert "Algebra I" not in response.text
    if status == 403:
        assert LINK not in app.get("/students/s1/").text


def test_someone_not_signed_in_is_sent_to_log_in(maya):
    maya.app.reset()
    response = maya.app.get("/students/s1/clr.json", status=303)
    assert "/login" in response.location


def test_a_teachers_download_is_in_the_familys_access_log(maya, as_role):
    as_role("teacher").get("/students/s1/clr.json")
    log = as_role("guardian").get("/students/s1/access-log?person=theo")
    assert "Downloaded the achievements and transcript as a file (CLR 2.0)" in log.text
