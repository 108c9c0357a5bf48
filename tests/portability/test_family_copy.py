"""The family's copy (issue 17, point 5): who downloads a student's backpack over HTTP, what
the file holds for them, and the page that says what it holds."""
from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile

import pytest
import transaction

from profilerepo.credentials import get_issuer, proofs
from profilerepo.family.designees import name_designee
from profilerepo.portability import format as fmt
from tests.conftest import PASSWORD, login
from tests.portability.test_export import PDF, build_full_record

MAYA_IS_18 = datetime.date(2031, 3, 4)  # (born 4 March 2013 in the conftest school)
ZIP = "/students/s1/backpack.zip"
PAGE = "/students/s1/backpack"


@pytest.fixture
def full(world):
    site = world.site()
    build_full_record(site)
    site["principals"].add_user("dee", "Dee Designee", "contributor", password=PASSWORD)
    name_designee(site, site["students"]["s1"], "dee", by="gina")
    transaction.commit()
    world.close()
    return world


def signed_in(world, login_name: str):
    response = login(world.app, login_name)
    assert response.status_int == 303, response.text
    return world.app


def opened(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(response.body))


def test_a_guardian_downloads_the_whole_record_with_what_they_hid(full):
    app = signed_in(full, "gina")
    response = app.get(ZIP)
    assert response.content_type == "application/zip"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="Maya-Lopez-backpack.zip"'
    backpack = opened(response)
    names = backpack.namelist()
    assert fmt.document_entry("past-plans/2023-2024") in names  # hidden from schools only
    assert fmt.document_entry("narratives/narrative-1") in names
    assert fmt.document_entry("narratives/narrative-2") not in names  # a draft
    contents = json.loads(backpack.read(fmt.CONTENTS))
    assert contents["audience"] == "family"
    assert contents["withheld"] is False
    assert backpack.read(f"files/{hashlib.sha256(PDF).hexdigest()}") == PDF
    manifest = json.loads(backpack.read(fmt.MANIFEST))
    issuer = get_issuer(full.wsgi.registry)
    proofs.verify(manifest, issuer.keys.current.public_key, issuer.contexts)


def test_the_student_downloads_it_from_their_18th_birthday(full, district_day):
    district_day(MAYA_IS_18 - datetime.timedelta(days=1))
    app = signed_in(full, "sam")
    refused = app.get(ZIP, status=403)
    assert "Until you turn 18" in refused.text
    district_day(MAYA_IS_18)
    backpack = opened(app.get(ZIP))
    assert fmt.document_entry("plan") in backpack.namelist()
    # and the guardians no longer hold the family's rights
    gina = signed_in(full, "gina")
    assert gina.get(ZIP, expect_errors=True).status_int in (403, 404)


def test_a_designee_who_manages_access_cannot_take_the_whole_record(full):
    from profilerepo.accesslog.store import Scope

    app = signed_in(full, "dee")  # (a designee sees only what the family grants them)
    for url in (ZIP, PAGE, ZIP + "?for=school"):
        refused = app.get(url, expect_errors=True)
        assert refused.status_int in (403, 404)
        assert "Maya-Lopez-backpack.zip" not in refused.text
    who = app.get("/students/s1/who-can-see")
    assert "backpack" not in who.text
    views = full.wsgi.registry.access_log.views(Scope(student_id="s1"))
    assert "backpack.zip" not in {v.view for v in views}
    gina = signed_in(full, "gina").get("/students/s1/who-can-see")
    assert gina.html.find("a", string="Maya's backpack")


@pytest.mark.parametrize("login_name, status", [
    ("theo", 403),   # a teacher on the team
    ("cora", 403),   # the counselor
    ("toby", 403),   # the tutor the family granted parts of the record
    ("gus", 404),    # another family's guardian: not theirs to know of
    ("tess", 404),   # a teacher at the school, not on Maya's team
])
def test_others_get_no_backpack(full, login_name, status):
    app = signed_in(full, login_name)
    for url in (ZIP, PAGE):
        refused = app.get(url, status=status)
        assert refused.content_type == "text/html"
        assert "Traceback" not in refused.text


def test_nobody_signed_in_is_sent_to_log_in(full):
    full.app.reset()
    response = full.app.get(ZIP, status=303)
    assert "/login" in response.location


def test_the_summary_says_what_the_backpack_holds_in_plain_words(full):
    app = signed_in(full, "gina")
    page = app.get(PAGE)
    text = page.text
    assert "What Maya's backpack holds" in text
    assert "Fall 2024: 2 courses, 2 credits" in text
    assert "Reads 120 words a minute by June" in text
    assert ".;" not in text
    assert "(past)" in text and "(current)" in text
    assert "Fall science (Science, Fall 2024)" in text
    assert "Tide pools essay" in text
    assert "1 comment on the transcript" in text
    assert "1 observation on goals" in text
    assert "1 statement of disagreement" in text
    words = " ".join(page.html.get_text().split())
    assert "1 narrative and 1 progress report are not in it" in words  # (drafts)
    assert "Progress report: Fall 2024 report-1" in text
    hidden = page.html.find(id="hidden-heading").parent
    assert "Your own copy includes it" in hidden.get_text()
    assert [li.get_text() for li in hidden.find_all("li")] == ["Success plan 2023–2024"]
    assert "profilerepo-verify --keys did.json Maya-Lopez-backpack.zip" in text
    assert page.html.find("a", href="http://localhost/.well-known/did.json")
    assert page.html.find("a", href=lambda h: h and h.endswith("/backpack.zip"))
    for internal in ("narrative-review", "Narrative'", "s1", "did:web:", "ProgressReport"):
        assert internal not in page.html.get_text(), internal


def test_the_summary_page_has_landmarks_one_heading_and_no_wide_tables(full):
    from tests.views.test_accessibility import problems_with

    page = signed_in(full, "gina").get(PAGE)
    assert problems_with(page.text) == []
    assert not page.html.find("table")  # (lists wrap at 320 px; tables would not)
    assert page.html.find("meta", attrs={"name": "viewport"})


def test_the_familys_student_page_links_to_the_backpack(full):
    app = signed_in(full, "gina")
    page = app.get("/students/s1")
    assert page.html.find("a", string="Download Maya's backpack")["href"].endswith(ZIP)
    assert page.html.find("a", string="What Maya's backpack holds")
    teacher = signed_in(full, "theo")
    assert "backpack" not in teacher.get("/students/s1").text
