"""The family's copy, as the reviewers used it: a copy for a new school without what the
family hid, badges left out named with the reason, file names with the name the student
goes by, and an adult student's own page speaking to them as "you"."""
from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
import transaction
import webtest

from profilerepo.badges.issuing import revoke_badge
from profilerepo.credentials import get_issuer, proofs
from profilerepo.portability import format as fmt
from profilerepo.security.access import viewing_roles
from tests.conftest import ENGINE
from tests.portability.test_clr import add_badges, fill_transcript
from tests.portability.test_export import build_full_record
from tests.portability.test_family_copy import MAYA_IS_18, PAGE, ZIP, signed_in

COUNSELOR = {"actor": "cora", "roles": {"counselor"}}


@pytest.fixture
def full(world):
    """Maya's full record (a past plan the family hid), and two badges shared with the
    family: "Lab safety 0" still held, "Lab safety 1" revoked."""
    site = world.site()
    build_full_record(site)
    student = site["students"]["s1"]
    fill_transcript(student, n_courses=2, n_assessments=0)
    held, revoked = add_badges(site, get_issuer(world.wsgi.registry), student, 2)
    for badge in (held, revoked):
        if "guardian" not in viewing_roles(ENGINE, badge):
            ENGINE.perform(badge, "share_with_family", **COUNSELOR)
    revoke_badge(site, revoked, by="theo", reason="Awarded to the wrong student.")
    transaction.commit()
    world.close()
    return world


def words(page) -> str:
    """The text of a response or of one element, its spaces as a reader sees them."""
    element = page.html if isinstance(page, webtest.TestResponse) else page
    return " ".join(element.get_text().split())


def test_the_family_downloads_a_copy_for_a_new_school_without_what_they_hid(full):
    app = signed_in(full, "gina")
    page = app.get(PAGE)
    link = page.html.find("a", string=re.compile("copy for a new school"))
    assert link.get_text() == "Download a copy for a new school, without what you hid"
    response = app.get(link["href"])
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="Maya-Lopez-backpack-for-a-school.zip"'
    backpack = zipfile.ZipFile(io.BytesIO(response.body))
    names = backpack.namelist()
    assert not [n for n in names if "past-plans" in n]  # (the family hid it, goals too)
    assert fmt.document_entry("narratives/narrative-2") not in names  # (a draft)
    assert fmt.document_entry("narratives/narrative-1") in names
    contents = json.loads(backpack.read(fmt.CONTENTS))
    assert (contents["audience"], contents["withheld"]) == ("school", True)
    manifest = json.loads(backpack.read(fmt.MANIFEST))
    issuer = get_issuer(full.wsgi.registry)
    proofs.verify(manifest, issuer.keys.current.public_key, issuer.contexts)
    # and their own copy still has it
    own = zipfile.ZipFile(io.BytesIO(app.get(ZIP).body))
    assert fmt.document_entry("past-plans/2023-2024") in own.namelist()


def test_the_page_names_what_the_family_hid_and_the_badges_left_out(full):
    page = signed_in(full, "gina").get(PAGE)
    text = words(page)
    hidden = page.html.find(id="hidden-heading").parent
    assert [li.get_text() for li in hidden.find_all("li")] == ["Success plan 2023–2024"]
    left_out = words(page.html.find(id="left-out-heading").parent)
    assert "Lab safety 1 (revoked by the school that awarded it)" in left_out
    assert "Lab safety 0" not in left_out
    badges = page.html.find("h2", string="Badges").parent
    assert "Lab safety 0" in badges.get_text() and "Lab safety 1" not in badges.get_text()
    # how a school checks it, in plain words, before any command
    assert "A school that uses ProfileRepo checks the file when it adds it" in text
    assert page.html.find("details").find("code").get_text() == \
        "profilerepo-verify --keys did.json Maya-Lopez-backpack.zip"
    for internal in ("still_held", "lapsed", "audience", "did:web"):
        assert internal not in text


def test_file_names_use_the_name_the_student_goes_by(full):
    site = full.site()
    site["students"]["s1"].preferred_name = "Mia"
    transaction.commit()
    full.close()
    app = signed_in(full, "gina")
    assert 'filename="Mia-Lopez-backpack.zip"' in app.get(ZIP).headers["Content-Disposition"]
    assert "Mia-Lopez-backpack.zip" in app.get(PAGE).text
    clr = app.get("/students/s1/clr.json")
    assert clr.headers["Content-Disposition"] == \
        'attachment; filename="Mia-Lopez-achievements-clr.json"'


def test_the_achievements_link_is_in_plain_words(full):
    page = signed_in(full, "gina").get("/students/s1")
    link = page.html.find("a", href=re.compile("clr.json$"))
    assert link.get_text() == "Download courses, grades and badges as one signed file"
    assert "CLR 2.0" not in link.get_text()


def test_an_adult_student_reads_their_own_page_as_you(full, district_day):
    district_day(MAYA_IS_18)
    page = signed_in(full, "sam").get("/students/s1")
    privacy = words(page.html.find(id="privacy-heading").parent)
    assert "Who can see your record" in privacy
    assert "Download your backpack" in privacy
    assert "What your backpack holds" in privacy
    assert "the family" not in privacy and "Maya's" not in privacy
    team = words(page.html.find(id="team-heading").parent)
    assert "Granted access by the family" not in team
    # and their guardian, who no longer holds the rights, is not offered the backpack
    gina = signed_in(full, "gina").get("/students/s1", expect_errors=True)
    assert "backpack" not in gina.text


def test_before_18_the_guardian_reads_the_familys_words(full):
    page = signed_in(full, "gina").get("/students/s1")
    privacy = words(page.html.find(id="privacy-heading").parent)
    assert "Who can see Maya's record" in privacy and "Download Maya's backpack" in privacy


def test_the_hidden_page_lists_a_badge_as_a_badge(full):
    page = signed_in(full, "gina").get("/students/s1/hidden")
    row = next(tr for tr in page.html.find_all("tr") if "Lab safety 0" in tr.get_text())
    assert "Badge" in row.get_text() and "Portfolio item" not in row.get_text()
