"""Invitations: a family grants access to someone new by name and e-mail address; the link
shown to them (and written to the mail log) sets a password once, and the new contributor
then logs in and finds the student on their home page. A used or expired link says so."""
from __future__ import annotations

import datetime
import logging
import re

import transaction

from profilerepo import clock
from profilerepo.family.invitations import invite, login_from_name, welcome_path
from tests.conftest import login
from tests.family.test_grants_http import grant_as, people

NEW_PASSWORD = "a kite over the harbour"
LINK = re.compile(r"Send this link to Ana Ruiz: (http://localhost/welcome/\S+)")


def invite_ana(world, caplog) -> str:
    """Gina grants Ana Ruiz, who has no login, the profile; the link she is shown."""
    people(world)
    login(world.app, "gina")
    with caplog.at_level(logging.INFO, logger="profilerepo.mail"):
        done = grant_as(world.app, login="", person="new", new_name="Ana Ruiz",
                        new_email="ana@example.org", sections=["profile"])
    assert done.status_int == 303
    shown = done.follow()
    link = LINK.search(shown.text).group(1)
    assert "Ana Ruiz can see what you chose of Maya's record" in shown.text
    sent = [r.getMessage() for r in caplog.records if r.name == "profilerepo.mail"]
    assert any(m.startswith(f"would send to ana@example.org: {link}") for m in sent)
    assert any("ProfileRepo <no-reply@localhost>" in m for m in sent)
    return link


def test_the_link_sets_a_password_once_and_the_new_contributor_sees_the_student(
        world, caplog):
    link = invite_ana(world, caplog)
    app = world.app
    app.reset()  # (Ana, on her own computer)
    page = app.get(link)
    assert "Your login is <strong>ana.ruiz</strong>" in page.text
    form = page.forms[0]
    form["password"], form["password_again"] = NEW_PASSWORD, "something else entirely"
    mismatch = form.submit(status=400)
    assert "The two passwords are not the same." in mismatch.text
    form = mismatch.forms[0]
    form["password"] = form["password_again"] = "short"
    assert "at least 10 characters" in form.submit(status=400).text
    form["password"] = form["password_again"] = NEW_PASSWORD
    home = form.submit().follow()
    assert "Your password is set. Your login is ana.ruiz" in home.text
    assert "Lopez, Maya" in home.text  # Students I support
    assert app.get("/students/s1/profile").status_int == 200

    app.reset()
    again = app.get(link, status=410)
    assert "used already, or it has expired" in again.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', app.get("/login").text).group(1)
    reused = app.post(link, {"csrf_token": token, "password": "another password 2",
                             "password_again": "another password 2"}, status=410)
    assert "used already, or it has expired" in reused.text
    assert login(app, "ana.ruiz", NEW_PASSWORD).status_int == 303  # (not the reused one's)


def test_an_expired_link_says_so(world):
    site = world.site()
    fifteen_days_ago = clock.now(zone=datetime.UTC) - datetime.timedelta(days=15)
    user, token = invite(site, "Ben Okafor", "ben@example.org", now=fifteen_days_ago)
    transaction.commit()
    world.close()
    page = world.app.get(welcome_path(token), status=410)
    assert "used already, or it has expired" in page.text
    assert "Set my password" not in page.text


def test_a_made_up_link_says_the_same(world):
    assert "used already, or it has expired" in world.app.get(
        "/welcome/gina.0123456789abcdef", status=410).text
    assert "used already" in world.app.get("/welcome/", status=410).text


def test_the_invited_person_gets_a_free_login_made_from_their_name(world):
    site = world.site()
    principals = site["principals"]
    first, _ = invite(site, "Ana María Ruiz", "ana@example.org")
    second, _ = invite(site, "Ana Ruiz", "ana.r@example.org")
    assert (first.login, second.login) == ("ana.ruiz", "ana.ruiz2")
    assert first.kind == "contributor" and first.title == "Ana María Ruiz"
    assert login_from_name(principals, "Ø") == "guest"
    assert first.invitation_hash and len(first.invitation_hash) == 64  # (a hash only)
    transaction.abort()
    world.close()


def test_a_form_sent_twice_does_not_invite_the_same_person_twice(world):
    """A guide recorded by invitation, and the same form sent again: one account, and the
    second answer says who it is."""
    from tests.family.test_designees import PAGE as DESIGNEES_PAGE
    from tests.family.test_designees import people as designee_people

    designee_people(world)
    app = world.app
    login(app, "ada")

    def send():
        form = next(f for f in app.get(DESIGNEES_PAGE).forms.values()
                    if f.action.endswith("-guide"))
        form["person"] = "new"
        form["new_name"], form["new_email"] = "Pat Okafor", "pat.okafor@example.org"
        form["order_reference"], form["order_date"] = "JV-2026-0099", "2026-11-01"
        return form.submit(status="*")

    assert "Send this link to Pat Okafor" in send().follow().text
    again = send()
    assert again.status_int == 400
    assert "Pat Okafor (pat.okafor@example.org) already has an account" in again.text
    site = world.site()
    assert [u.login for u in site["principals"].users.values()
            if u.title == "Pat Okafor"] == ["pat.okafor"]
    world.close()
