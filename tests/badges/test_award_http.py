"""Awarding a badge over HTTP: who may award one, what is issued (an OB 3.0
AchievementCredential that meets the schemas and verifies), and revoking it."""
from __future__ import annotations

import json

import jsonschema
import pytest

from profilerepo.badges.credential import SCHEMA_FILE, schema_problems
from profilerepo.credentials import get_issuer, get_trust, proofs, status
from profilerepo.credentials.verify import verify_credential
from tests.badges.conftest import BADGE, PNG, PORTFOLIO, award
from tests.conftest import csrf_of, login

# (who, what they are to Maya, what the award form answers them)
WHO_MAY_AWARD = [
    ("theo", "her teacher", 303),
    ("tess", "a teacher of other students", 404),  # (Maya's record is not theirs to know)
    ("cora", "her counselor", 403),
    ("ada", "her school's administrator", 403),
    ("gina", "her guardian", 403),
    ("sam", "Maya herself", 403),
    ("toby", "a tutor granted to read her portfolio", 403),
    ("tina", "a tutor granted to read and contribute to her portfolio", 303),
    ("ted", "a tutor whose grant ended", 404),
]


@pytest.mark.parametrize(("login_name", "who", "expected"), WHO_MAY_AWARD)
def test_who_may_award_a_badge(school, login_name, who, expected):
    app = school.app
    login(app, login_name)
    if expected != 303:
        page = app.get(PORTFOLIO + "award-badge", status=expected)
        if expected == 403:
            assert "awarded by the student's teachers" in page.text, who
        page = app.post(PORTFOLIO + "award-badge", {"name": "Sneaky"}, status="*")
        assert page.status_int in (400, 403, 404), who
        assert "badge-" not in "".join(school.site()["students"]["s1"]["portfolio"])
        return
    done = award(app)
    badge = app.get(done.location)
    assert "Persuasive writer" in badge.text
    assert "Verified" in badge.text and "Not verified" not in badge.text
    assert "My persuasive essay" in badge.text  # the evidence, linked
    assert "CCSS.ELA-LITERACY.W.4.1" in badge.text
    login(app, "gina")  # the family sees it: a badge is the learner's to show
    assert "Persuasive writer" in app.get(PORTFOLIO).text


def _awarded(school) -> tuple[str, dict]:
    """Theo awards the badge; (its page's address, the credential downloaded)."""
    app = school.app
    location = award(app, "theo", valid_until="2099-06-30").location
    download = app.get(location + "credential")
    assert download.content_type == "application/json"
    assert "attachment" in download.headers["Content-Disposition"]
    return location, json.loads(download.text)


def test_an_awarded_badge_meets_the_schema_and_verifies(school):
    location, credential = _awarded(school)
    registry = school.wsgi.registry
    issuer = get_issuer(registry)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == issuer.did
    subject = credential["credentialSubject"]
    assert subject["id"].startswith("urn:") and subject["id"].endswith(":s1")
    assert subject["achievement"]["name"] == BADGE["name"]
    assert subject["achievement"]["criteria"]["narrative"] == BADGE["criteria"]
    assert subject["achievement"]["alignment"][0]["targetCode"] == BADGE["alignment_code"]
    assert credential["evidence"][0]["id"].endswith("/students/s1/portfolio/item-1/")
    assert credential["validUntil"] == "2099-06-30T23:59:59Z"
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert schema_problems(credential, issuer.contexts.folder) == []
    # The draft-04 schema of 1EdTech's validator (VC 1.1) refuses exactly the two things a
    # VC 2.0 badge does otherwise: validFrom for issuanceDate, and a Bitstring Status List
    # entry's purpose, list and index (it knows only id and type).
    schema = json.loads((issuer.contexts.folder / "schema" / SCHEMA_FILE).read_text())
    refused = sorted((e.validator, "/".join(map(str, e.absolute_path)))
                     for e in jsonschema.Draft4Validator(schema).iter_errors(credential))
    assert refused == [("additionalProperties", "credentialStatus"), ("required", "")]
    assert "issuanceDate" not in credential and credential["validFrom"]
    proofs.verify(credential, issuer.keys.current.public_key, issuer.contexts)
    site = school.site()
    verdict = verify_credential(credential, get_trust(registry), site=site)
    assert verdict.valid, verdict.reason
    assert verdict.trusted and verdict.achievement_name == BADGE["name"]
    # exactly as signed: the stored text is the download
    badge = site["students"]["s1"]["portfolio"][location.rstrip("/").rsplit("/", 1)[-1]]
    assert json.loads(badge.credential) == credential
    school.close()


def test_a_revoked_badge_says_so_and_so_does_its_status_list(school):
    location, credential = _awarded(school)
    app = school.app
    login(app, "gina")  # the family may not revoke it
    app.get(location + "revoke", status=403)
    login(app, "ada")  # a school administrator may
    form = app.get(location + "revoke").forms["document-form"]
    assert form.submit("save", status=400).text.count("Nothing was saved")  # a reason first
    form["reason"] = "Awarded to the wrong student"
    page = app.get(form.submit("save", status=303).location)
    assert "Revoked on" in page.text and "Awarded to the wrong student" in page.text
    assert "Revoke…" not in page.text
    app.get(location + "revoke", status=403)  # (once is for ever)
    entry = credential["credentialStatus"]
    list_id = entry["statusListCredential"].rsplit("/", 1)[-1]
    published = app.get(f"/credentials/status/{list_id}").json
    bits = status.decode_bits(published["credentialSubject"]["encodedList"])
    index = int(entry["statusListIndex"])
    assert bits[index // 8] & (0x80 >> (index % 8))
    verdict = verify_credential(credential, get_trust(school.wsgi.registry),
                                site=school.site())
    assert not verdict.valid and "revoked" in verdict.reason
    token = csrf_of(app.get(location))
    checked = app.get(app.post(location + "check", {"csrf_token": token}).location)
    assert "Revoked on" in checked.text and "Not verified" in checked.text
    assert "its issuer revoked it" in checked.text
    school.close()


def test_the_awarder_may_revoke_their_own_badge_but_not_a_colleague(school):
    location, _ = _awarded(school)
    app = school.app
    login(app, "cora")  # the counselor did not award it
    page = app.get(location)
    assert "Revoke…" not in page.text
    app.get(location + "revoke", status=403)
    login(app, "theo")
    assert "Revoke…" in app.get(location).text
    form = app.get(location + "revoke").forms["document-form"]
    form["reason"] = "Not yet earned"
    assert "Revoked on" in app.get(form.submit("save").location).text


def test_a_badge_is_not_edited(school):
    location, _ = _awarded(school)
    page = school.app.get(location + "edit", status=403)
    assert "kept exactly as it was signed" in page.text


def test_a_badge_image_travels_inside_the_credential(school):
    app = school.app
    for changes in ({"image_item": "item-1"},
                    {"image_upload": ("star.png", PNG)}):
        location = award(app, "theo", **changes).location
        credential = json.loads(app.get(location + "credential").text)
        image = credential["credentialSubject"]["achievement"]["image"]
        assert image["id"].startswith("data:image/png;base64,") and image["type"] == "Image"
        assert f'src="{image["id"]}"' in app.get(location).text


def test_without_work_to_show_the_form_says_to_add_some_first(world):
    login(world.app, "theo")
    page = world.app.get(PORTFOLIO + "award-badge")
    assert "add a piece first" in page.text
