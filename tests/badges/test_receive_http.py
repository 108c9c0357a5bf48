"""Badges from elsewhere over HTTP: kept with the verifier's verdict; a changed or unsigned
badge is shown "Not verified" with the reason, never as valid; who may add one."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from profilerepo.badges.model import Badge
from tests.badges.conftest import PORTFOLIO, award
from tests.conftest import csrf_of, login

EXAMPLES = Path("/work/shared/interop/credentials/ob3/examples")


def receive(app, *, upload: tuple[str, bytes] | None = None, pasted: str = "",
            status: int | str = 303):
    form = app.get(PORTFOLIO + "receive-badge").forms["document-form"]
    if upload is not None:
        form["upload"] = upload
    form["pasted"] = pasted
    return form.submit("save", status=status)


def badges_of(school) -> list[Badge]:
    found = [b for b in school.site()["students"]["s1"]["portfolio"].values()
             if isinstance(b, Badge)]
    school.close()
    return found


def _tampered(school) -> bytes:
    """A badge Theo awarded, with its name changed after signing."""
    app = school.app
    location = award(app, "theo").location
    credential = json.loads(app.get(location + "credential").text)
    credential["credentialSubject"]["achievement"]["name"] = "Valedictorian"
    return json.dumps(credential).encode()


def test_a_changed_badge_is_kept_but_shown_not_verified_with_the_reason(school):
    data = _tampered(school)
    app = school.app
    login(app, "gina")
    page = app.get(receive(app, upload=("badge.json", data)).location)
    assert "Valedictorian" in page.text
    assert "Not verified" in page.text and "signature does not match" in page.text
    assert "it was changed after it was signed" in page.text  # (plain words first)
    assert "<strong>Verified</strong>" not in page.text
    again = app.get(app.post(page.request.path + "check",
                             {"csrf_token": csrf_of(page)}).location)
    assert "Not verified" in again.text and "<strong>Verified</strong>" not in again.text
    listing = app.get(PORTFOLIO).text
    assert "Valedictorian" in listing and "not verified" in listing
    kept = badges_of(school)[-1]
    assert kept.credential == data.decode() and not kept.verified  # as it came


@pytest.mark.parametrize(("example", "name", "issuer", "expected"), [
    # (its key is the Multikey in its verificationMethod; it is issued to a did:example,
    # not to the student by name: its signature checks, and the page says whose it is)
    ("simple.json", "Teamwork", "Example Corp", "<strong>Signature checked</strong>"),
    # (no proof, and a context nobody may load: checked, and refused)
    ("simple-noproof.json", "Example University Degree", "Example University",
     "Not verified"),
])
def test_an_outside_badge_shows_its_issuer_and_verdict(school, example, name, issuer,
                                                       expected):
    app = school.app
    login(app, "sam")  # the student adds a badge they earned elsewhere
    data = (EXAMPLES / example).read_bytes()
    page = app.get(receive(app, upload=(example, data)).location)
    assert name in page.text and issuer in page.text
    assert expected in page.text
    if expected == "Not verified":
        assert "<strong>Verified</strong>" not in page.text
    download = app.get(page.request.path + "credential")
    assert download.body == data.decode("utf-8").strip().encode()


def test_a_pasted_vc_jwt_is_checked(school):
    app = school.app
    login(app, "theo")
    token = (EXAMPLES / "simple.jwt").read_text()
    page = app.get(receive(app, pasted=token).location)
    assert "Verified" in page.text or "Not verified" in page.text
    assert "Download the badge's file" in page.text and "VC-JWT" not in page.text
    assert badges_of(school)[-1].credential == token.strip()


@pytest.mark.parametrize(("login_name", "expected"), [
    ("gina", 200), ("sam", 200), ("theo", 200), ("cora", 403), ("ada", 403),
    ("toby", 403), ("tina", 403)])
def test_who_may_add_a_badge_from_elsewhere(school, login_name, expected):
    login(school.app, login_name)
    school.app.get(PORTFOLIO + "receive-badge", status=expected)


BAD_UPLOADS = [
    (("badge.png", b"\x89PNG\r\n\x1a\n" + bytes(200)), "not a badge"),
    (("badge.json", b"{not json"), "it is damaged or not a badge's file"),
    (("badge.json", b"[1, 2, 3]"), "not a badge"),
    (("badge.json", b"\xff\xfe{}"), "not a badge"),
    (("badge.json", b""), "empty"),
    (("badge.json", b"{" + b" " * (1024 * 1024 + 10) + b"}"), "larger than a badge"),
]


@pytest.mark.parametrize(("upload", "says"), BAD_UPLOADS)
def test_what_is_not_a_badge_is_refused_saying_why(school, upload, says):
    app = school.app
    login(app, "gina")
    page = receive(app, upload=upload, status=400)
    assert says in page.text and "Nothing was saved" in page.text
    assert badges_of(school) == []


@pytest.mark.parametrize(("fields", "says"), [
    ({"pasted": "eyJhbGciOiJFZERTQSJ9.garbage.x"}, "not a badge"),
    ({"pasted": "hello there"}, "not a badge"),
    ({}, "Choose the badge's file, or paste the badge's code"),
])
def test_a_bad_paste_is_refused(school, fields, says):
    app = school.app
    login(app, "theo")
    page = receive(app, status=400, **fields)
    assert says in page.text
    assert badges_of(school) == []


def test_an_expired_badge_is_not_shown_as_valid(school, district_day):
    import datetime

    app = school.app
    location = award(app, "theo", valid_until="2099-06-30").location
    assert "<strong>Verified</strong>" in app.get(location).text
    district_day(datetime.date(2100, 1, 1))
    page = app.get(location).text
    assert "Expired" in page and "<strong>Verified</strong>" not in page
    checked = app.get(app.post(location + "check", {"csrf_token": csrf_of(app.get(location))}
                               ).location).text
    assert "Not verified" in checked and "expired" in checked.lower()
