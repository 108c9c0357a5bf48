"""A badge from elsewhere added by mistake is removed, after a confirmation, by whoever
added it or by whoever holds the family's rights; the portfolio keeps a line of it.
Badges awarded here are revoked, never removed."""
from __future__ import annotations

from tests.badges.conftest import PORTFOLIO, award
from tests.badges.test_receive_http import EXAMPLES, receive
from tests.conftest import csrf_of, login
from tests.views.test_accessibility import problems_with


def test_the_family_removes_a_badge_added_by_mistake(school):
    app = school.app
    login(app, "theo")  # (Theo adds it; Maya's guardian may remove it too)
    location = receive(app, upload=("simple.json", (EXAMPLES / "simple.json").read_bytes())
                       ).location
    login(app, "cora")  # a counselor neither added it nor holds the family's rights
    assert "Remove from the portfolio" not in app.get(location).text
    app.get(location + "remove", status=403)
    login(app, "gina")
    page = app.get(location)
    assert "Remove from the portfolio…" in page.text
    confirm = app.get(location + "remove")
    assert "Remove “Teamwork”?" in confirm.text and "for everyone" in confirm.text
    assert problems_with(confirm.text) == [] and problems_with(page.text) == []
    done = confirm.forms["document-form"].submit("save", status=303)
    listing = app.get(done.location)
    assert "“Teamwork” was removed from Maya's portfolio." in listing.text
    assert "Teamwork" in listing.text and "Removed" in listing.text  # (the line kept)
    app.get(location, status=404)
    portfolio = school.site()["students"]["s1"]["portfolio"]
    assert [r["by"] for r in portfolio.removals] == ["gina"]
    school.close()


def test_a_badge_awarded_here_is_not_removed(school):
    app = school.app
    location = award(app, "theo").location
    for who in ("theo", "gina"):
        login(app, who)
        assert "Remove from the portfolio" not in app.get(location).text
        page = app.get(location + "remove", status=403)
        assert "revoked instead" in page.text
    app.post(location + "remove", {"csrf_token": csrf_of(app.get(PORTFOLIO)),
                                   "save": "save"}, status=403)
