"""A badge's page as families and staff read it: a badge a backpack brought says where it
came from and why it is verified; the issuer by name (its identifier only in the technical
details); whom a badge was issued to; dates on the district's calendar, a credential's own
dates as it gives them; "Check again" really records the check; a revocation in History."""
from __future__ import annotations

import datetime
import json
from zoneinfo import ZoneInfo

import transaction
from bs4 import BeautifulSoup

from profilerepo.badges.issuing import award_badge
from profilerepo.credentials import get_issuer
from tests.badges.conftest import BADGE, PORTFOLIO, award
from tests.badges.test_receive_http import EXAMPLES, receive
from tests.conftest import ENGINE, csrf_of, login

CHICAGO = ZoneInfo("America/Chicago")


def visible_text(html: str) -> str:
    """The page's words outside the technical-details disclosure."""
    soup = BeautifulSoup(html, "html.parser")
    for details in soup.select("details.technical"):
        details.decompose()
    return " ".join(soup.get_text(" ").split())


def _imported(school, location: str) -> None:
    """Mark the badge at ``location`` as a backpack from Lakeside brought it, checked then
    (the import leaves no reason of its own)."""
    name = location.rstrip("/").rsplit("/", 1)[-1]
    site = school.site()
    badge = site["students"]["s1"]["portfolio"][name]
    badge.imported = True
    badge.provenance = {"school": "Lakeside Middle School", "district": "Lakeside Unified",
                        "verified": True, "signed": "2026-11-01T10:00:00+00:00"}
    badge.verdict_reason = ""
    badge.checked_at = datetime.datetime(2026, 1, 2, 12, tzinfo=datetime.UTC)
    transaction.commit()
    school.close()


def test_an_imported_badge_says_where_it_came_from_and_why_it_is_verified(school):
    app = school.app
    location = award(app, "theo").location
    _imported(school, location)
    login(app, "gina")
    page = app.get(location).text
    words = visible_text(page)
    assert "A badge that came with Maya's record from Lakeside Middle School, Lakeside " \
           "Unified." in words
    assert "from elsewhere, added by" not in words
    assert "Verified : checked when it arrived with the record from Lakeside" in words
    assert "Verified : ." not in words
    assert "did:web:" not in words  # (the issuer by name; its identifier is technical)
    assert "Issued by Riverbend" in words or "Issued by" in words
    assert "did:web:localhost" in page  # (inside the technical details)
    login(app, "ada")
    before = app.get(location)
    assert "Last checked on 2 January 2026" in before.text
    after = app.get(app.post(location + "check", {"csrf_token": csrf_of(before)}).location)
    assert "Checked again: verified." in after.text
    assert "Last checked on 2 January 2026" not in after.text
    badge = school.site()["students"]["s1"]["portfolio"][location.rstrip("/").rsplit("/")[-1]]
    assert badge.checked_by == "ada" and badge.version_number == 1  # (kept as it came)
    school.close()


def test_days_are_the_districts_and_a_credentials_own_dates_are_as_it_gives_them(
        school, monkeypatch):
    monkeypatch.setattr(school.wsgi.registry, "timezone", CHICAGO)
    site = school.site()
    student = site["students"]["s1"]
    evening = datetime.datetime(2026, 12, 5, 1, 30, tzinfo=datetime.UTC)  # 4 Dec, Chicago
    badge = award_badge(site, get_issuer(school.wsgi.registry), student,
                        {**BADGE, "evidence": "item-1"}, by="theo",
                        evidence_url="http://localhost/students/s1/portfolio/item-1/",
                        when=evening, engine=ENGINE)
    location = f"{PORTFOLIO}{badge.__name__}/"
    transaction.commit()
    school.close()
    app = school.app
    login(app, "gina")
    words = visible_text(app.get(location).text)
    assert "by Theo Example on 4 December 2026." in words
    assert "Valid from 4 December 2026" in words and "5 December 2026" not in words
    login(app, "gina")
    simple = receive(app, upload=("simple.json", (EXAMPLES / "simple.json").read_bytes()))
    words = visible_text(app.get(simple.location).text)
    assert "Valid from 1 January 2010" in words  # (validFrom 2010-01-01T00:00:00Z)
    assert "31 December 2009" not in words


def test_a_badge_issued_to_someone_else_says_so_and_is_not_added_twice(school):
    app = school.app
    login(app, "gina")
    data = (EXAMPLES / "simple.json").read_bytes()
    subject = json.loads(data)["credentialSubject"]["id"]
    page = app.get(receive(app, upload=("simple.json", data)).location)
    words = visible_text(page.text)
    assert f"Issued to {subject} , not to Maya by name" in words
    assert "check that this badge is Maya's" in words
    again = receive(app, upload=("copy.json", data), status=400)
    assert "This badge is already in Maya's portfolio: “Teamwork”" in again.text
    assert "Nothing was saved" in again.text
    portfolio = school.site()["students"]["s1"]["portfolio"]
    assert sum(1 for b in portfolio.values() if getattr(b, "kind", "") == "badge") == 1
    school.close()
    login(app, "theo")  # (a badge awarded here names Maya, and says so plainly)
    words = visible_text(app.get(award(app).location).text)
    assert "Issued to Maya" in words and "not to Maya by name" not in words


def test_a_revocation_is_in_the_badges_history(school):
    app = school.app
    location = award(app, "theo").location
    login(app, "ada")
    form = app.get(location + "revoke").forms["document-form"]
    form["reason"] = "Awarded to the wrong student"
    page = app.get(form.submit("save", status=303).location)
    history = BeautifulSoup(page.text, "html.parser").select_one(
        "[aria-labelledby=badge-history-heading]")
    lines = [" ".join(li.get_text(" ").split()) for li in history.select("li")]
    assert "Ada Example, Revoked" in lines[0] and "Awarded to the wrong student" in lines[0]
    assert any("Share with the family" in line or "Shared" in line for line in lines[1:])
