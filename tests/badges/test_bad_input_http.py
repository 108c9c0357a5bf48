"""Bad input on the badge pages: each form says which field is wrong and why (status
400, nothing saved), a request no form makes is refused, and nothing gives a 500."""
from __future__ import annotations

import pytest

from profilerepo.badges.model import Badge
from tests.badges.conftest import PORTFOLIO, award
from tests.conftest import csrf_of, login


def badge_count(school) -> int:
    portfolio = school.site()["students"]["s1"]["portfolio"]
    count = sum(isinstance(item, Badge) for item in portfolio.values())
    school.close()
    return count


BAD_AWARDS = [
    ({"name": ""}, "Badge name"),
    ({"criteria": ""}, "How it is earned"),
    ({"alignment_code": "STATE.WRITING.4"}, "Give a link to the standard"),
    ({"alignment_url": "javascript:alert(1)"}, "starting with https://"),
    ({"alignment_code": "", "alignment_url": "https://example.org/std"}, "standard's code"),
    ({"valid_until": "2001-01-01"}, "already past"),
    ({"valid_until": "31/02/2030"}, "date"),
    ({"image_upload": ("tiny.txt", b"just words")}, "PNG, JPEG or GIF"),
    ({"image_upload": ("big.png", b"\x89PNG\r\n\x1a\n" + bytes(300 * 1024))}, "256 KB"),
    ({"image_item": "item-1", "image_upload": ("b.png", b"\x89PNG\r\n\x1a\n" + bytes(10))},
     "Choose one image"),
    ({"name": "x" * 201}, "at most 200 characters"),
]


@pytest.mark.parametrize(("changes", "says"), BAD_AWARDS)
def test_a_bad_award_says_which_field_and_saves_nothing(school, changes, says):
    page = award(school.app, "theo", status=400, **changes)
    assert says in page.text and "Nothing was saved" in page.text
    assert badge_count(school) == 0


def test_forged_award_posts_are_refused_without_a_500(school):
    app = school.app
    login(app, "theo")
    token = csrf_of(app.get(PORTFOLIO + "award-badge"))
    for fields in ({"csrf_token": token, "__formid__": "document-form", "name": "x",
                    "evidence": "../../s2"},
                   {"csrf_token": token},  # (not the form: refused as incomplete)
                   {"csrf_token": token, "__formid__": "document-form", "__start__": "x"},
                   {"name": "no token"}):
        response = app.post(PORTFOLIO + "award-badge", fields, status="*")
        assert response.status_int in (400, 403), fields
    assert badge_count(school) == 0


def test_evidence_must_be_work_the_awarder_sees(school):
    """A badge is not evidence for another badge, and a name not in the list is refused."""
    location = award(school.app, "theo").location
    name = location.rstrip("/").rsplit("/", 1)[-1]
    app = school.app
    form = app.get(PORTFOLIO + "award-badge").forms["document-form"]
    assert name not in [value for value, *_ in form["evidence"].options]
    form["name"], form["description"], form["criteria"] = "Again", "Again", "Again"
    form["evidence"].force_value(name)
    page = form.submit("save", status=400)
    assert "Choose one of the options in the list" in page.text
    assert badge_count(school) == 1


def test_revoking_a_badge_from_elsewhere_is_not_possible_here(school):
    from tests.badges.test_receive_http import EXAMPLES, receive

    app = school.app
    data = (EXAMPLES / "simple.json").read_bytes()
    login(app, "theo")
    received = receive(app, upload=("b.json", data)).location
    page = app.get(received + "revoke", status=403)
    assert "Only badges this district awarded" in page.text or "revoked by" in page.text
    login(app, "ada")
    page = app.get(received + "revoke", status=403)
    assert "Only badges this district awarded" in page.text


def test_odd_requests_to_a_badge_give_no_500(school):
    app = school.app
    location = award(app, "theo").location
    for path in ("check", "credential", "revoke", "edit", "version?n=x", "version?n=99",
                 "versions", "confirm?transition=nope", "unchoose"):
        response = app.get(location + path, status="*")
        assert response.status_int < 500, path
    response = app.post(location + "check", {}, status="*")  # (no CSRF token)
    assert response.status_int == 400
    login(app, "toby")  # reads the portfolio; may not check or revoke
    assert app.post(location + "check", {"csrf_token": csrf_of(app.get(location))},
                    status="*").status_int == 403


def test_a_refused_transition_on_a_badge_is_said_on_its_page(school):
    from tests.conftest import take

    location = award(school.app, "theo").location
    page = take(school.app, location, "make_private", status=400)  # (a comment is required)
    assert "Not done" in page.text and "Persuasive writer" in page.text
    page = take(school.app, location, "make_private", comment="Family asked", status=303)
    assert "Private to the school team" in school.app.get(page.location).text
