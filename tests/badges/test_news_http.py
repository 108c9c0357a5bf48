"""The family's "Recent good news" counts only badges Maya still holds: a revoked badge
and one from elsewhere that did not verify are not news of something earned."""
from __future__ import annotations

from bs4 import BeautifulSoup

from tests.badges.conftest import award
from tests.badges.test_receive_http import _tampered, receive
from tests.conftest import login


def news(app) -> list[str]:
    page = BeautifulSoup(app.get("/").text, "html.parser")
    return [" ".join(li.get_text(" ").split()) for li in page.select("div.news li")]


def test_a_revoked_or_unverified_badge_is_not_good_news(school):
    app = school.app
    location = award(app, "theo").location
    login(app, "gina")
    assert any(line.endswith("Maya earned a badge: “Persuasive writer”.") for line in news(app))
    login(app, "ada")
    form = app.get(location + "revoke").forms["document-form"]
    form["reason"] = "Awarded to the wrong student"
    form.submit("save", status=303)
    login(app, "gina")
    assert not any("Persuasive writer" in line for line in news(app))
    data = _tampered(school)  # (Theo awards another and it is changed: not verified)
    login(app, "gina")
    receive(app, upload=("badge.json", data))
    assert not any("Valedictorian" in line for line in news(app))


def test_a_verified_badge_issued_to_someone_else_is_not_good_news(school):
    from tests.badges.test_receive_http import EXAMPLES

    app = school.app
    login(app, "gina")
    receive(app, upload=("simple.json", (EXAMPLES / "simple.json").read_bytes()))
    assert not any("Teamwork" in line for line in news(app))  # (issued to did:example:…)
