"""Logging in and out: sessions, refusals, throttling, CSRF and where a login leads."""
from __future__ import annotations

import pytest
import webtest

from profilerepo.app import database
from tests.conftest import (
    ADDRESS_ATTEMPTS,
    PASSWORD,
    ROLE_USERS,
    csrf_of,
    file_uri,
    login,
    logout_form,
    make_app,
)

MISMATCH = "That login and password do not match. Check them and try again."
PROFILE = "/students/s1/profile/"


def attempt_login(app, login_name: str, password: str = PASSWORD, headers=None):
    """Submit the login form, whatever the answer."""
    form = app.get("/login", headers=headers).forms[0]
    form["login"], form["password"] = login_name, password
    return form.submit(status="*", headers=headers)


def is_logged_in(app) -> bool:
    """Whether the home page opens (it sends visitors who are not logged in to log in)."""
    home = app.get("/")
    if home.status_int == 303:
        assert home.headers["Location"] == "http://localhost/login"
        return False
    assert "Welcome," in home.text
    return True


def test_login_opens_the_home_page_and_logout_ends_the_session(world):
    app = world.app
    response = login(app, "theo")
    assert response.status_int == 303
    assert response.headers["Location"] == "http://localhost/"
    home = response.follow()
    assert "Welcome, Theo Example" in home.text
    assert "Signed in as Theo Example" in home.text

    logout = logout_form(home).submit()
    assert logout.status_int == 303
    assert logout.headers["Location"] == "http://localhost/login"
    assert not is_logged_in(app)
    assert app.get(PROFILE).status_int == 303


def test_pages_are_served_as_standards_mode_html(world, as_role):
    """Without a doctype, browsers lay the page out in quirks mode."""
    assert world.app.get("/login").text[:15] == "<!DOCTYPE html>"
    assert as_role("guardian").get("/students/s1/").text[:15] == "<!DOCTYPE html>"


@pytest.mark.parametrize("login_name, password", [
    ("theo", "not the password"),
    ("nobody", PASSWORD),
], ids=["wrong password", "unknown login"])
def test_a_bad_login_is_refused_with_one_message_and_no_session(world, login_name, password):
    app = world.app
    refused = attempt_login(app, login_name, password)
    assert refused.status_int == 400
    assert MISMATCH in refused.text
    assert not is_logged_in(app)


def test_the_refused_login_form_keeps_the_login_but_not_the_password(world):
    form = world.app.get("/login").forms[0]
    form["login"], form["password"] = "theo", "not the password"
    again = form.submit(status=400).forms[0]
    assert again["login"].value == "theo"
    assert again["password"].value == ""


def test_repeated_failures_lock_the_login_even_for_the_right_password(world):
    app = world.app
    for _ in range(3):
        assert attempt_login(app, "theo", "not the password").status_int == 400
    locked = attempt_login(app, "theo")
    assert locked.status_int == 429
    assert "Too many failed attempts. Try again in 60 seconds." in locked.text
    assert locked.headers["Retry-After"] == "60"
    assert not is_logged_in(app)


def test_a_successful_login_clears_earlier_failures_of_that_login(world):
    app = world.app
    for _ in range(2):
        assert attempt_login(app, "theo", "not the password").status_int == 400
    assert login(app, "theo").status_int == 303
    app.reset()
    assert attempt_login(app, "theo", "not the password").status_int == 400, "not locked yet"


def test_a_password_spray_across_logins_from_one_address_is_stopped(world):
    app = world.app
    app.extra_environ["REMOTE_ADDR"] = "198.51.100.9"
    names = ("cora", "theo", "ada", "gina", "sam", "toby")[:ADDRESS_ATTEMPTS]
    for name in names:
        assert attempt_login(app, name, "Spring2024!").status_int == 400
    locked = attempt_login(app, "gus")
    assert locked.status_int == 429
    assert "Too many failed attempts" in locked.text


def test_a_password_spray_is_stopped_whatever_address_the_client_claims(world):
    """X-Forwarded-For is a header any client can send: a spray that claims a new address
    with every request still comes from one client and must still be stopped."""
    app = world.app
    app.extra_environ["REMOTE_ADDR"] = "198.51.100.9"
    names = ("cora", "theo", "ada", "gina", "sam", "toby")[:ADDRESS_ATTEMPTS]
    for number, name in enumerate(names):
        claimed = {"X-Forwarded-For": f"203.0.113.{number}"}
        assert attempt_login(app, name, "Spring2024!", headers=claimed).status_int == 400
    locked = attempt_login(app, "tess", headers={"X-Forwarded-For": "203.0.113.99"})
    assert locked.status_int == 429
    assert "Too many failed attempts" in locked.text


def test_a_login_without_the_csrf_token_is_refused(world):
    app = world.app
    app.get("/login")
    refused = app.post("/login", {"login": "theo", "password": PASSWORD}, status=400)
    assert "This form has expired" in refused.text
    assert not is_logged_in(app)


def test_a_logout_without_the_csrf_token_keeps_you_logged_in(world, as_role):
    app = as_role("teacher")
    refused = app.post("/logout", {}, status=400)
    assert "This form has expired" in refused.text
    assert "nothing was changed" in refused.text
    assert is_logged_in(app)


def test_a_logout_with_a_wrong_csrf_token_keeps_you_logged_in(world, as_role):
    app = as_role("teacher")
    app.post("/logout", {"csrf_token": "0" * 40}, status=400)
    assert is_logged_in(app)


def test_an_edit_without_the_csrf_token_saves_nothing(world, as_role):
    app = as_role("counselor")
    form = app.get(PROFILE + "edit").forms["document-form"]
    form["strengths"] = "Saved without a token"
    form["csrf_token"] = ""
    refused = form.submit("save", status=400)
    assert "This form has expired" in refused.text
    page = app.get(PROFILE)
    assert "Saved without a token" not in page.text
    assert "Explains math ideas to classmates with patience" in page.text
    assert [a.get_text() for a in page.html.select("ol.versions a")] == ["Version 1"]


def test_the_session_cookie_is_hidden_from_scripts_and_other_sites(world):
    response = login(world.app, "theo")
    cookies = [c for c in response.headers.getall("Set-Cookie")
               if c.startswith("profilerepo=")]
    assert cookies
    for cookie in cookies:
        flags = {part.strip().lower() for part in cookie.split(";")[1:]}
        assert "httponly" in flags
        assert "samesite=lax" in flags
        assert "secure" not in flags, "plain HTTP in development: Secure is off by default"


def test_the_session_cookie_is_secure_when_configured(tmp_path):
    wsgi = make_app(file_uri(tmp_path), tmp_path, **{"profilerepo.secure_cookies": "true"})
    try:
        app = webtest.TestApp(wsgi, extra_environ={"wsgi.url_scheme": "https"})
        cookies = [c for c in app.get("/login").headers.getall("Set-Cookie")
                   if c.startswith("profilerepo=")]
        assert cookies and all("; secure" in c.lower() for c in cookies)
    finally:
        database(wsgi.registry).close()


def test_logging_in_starts_a_new_session(world):
    """A session id planted before login must not carry the login (session fixation)."""
    app = world.app
    before = csrf_of(app.get("/login"))
    assert attempt_login(app, "theo").status_int == 303  # same browser, same cookie
    assert csrf_of(app.get("/")) != before


# Where the login form's ``next`` leads after a successful login.
NEXT = {
    PROFILE: "http://localhost" + PROFILE,
    "/students/s1/?tab=team": "http://localhost/students/s1/?tab=team",
    "": "http://localhost/",
    "http://evil.example/phish": "http://localhost/",
    "//evil.example/phish": "http://localhost/",
    "https:evil.example": "http://localhost/",
    "students/s1/": "http://localhost/",
}


def test_after_login_next_leads_only_within_the_site(world):
    app = world.app
    observed = {}
    for next_url in NEXT:
        app.reset()
        form = app.get("/login", {"next": next_url}).forms[0]
        assert form["next"].value == next_url
        form["login"], form["password"] = ROLE_USERS["guardian"], PASSWORD
        observed[next_url] = form.submit(status=303).headers["Location"]
    assert observed == NEXT


def test_a_logged_in_visitor_to_the_login_page_goes_to_next_within_the_site(world, as_role):
    app = as_role("guardian")
    assert app.get("/login", {"next": PROFILE}).headers["Location"] == (
        "http://localhost" + PROFILE)
    assert app.get("/login", {"next": "http://evil.example/"}).headers["Location"] == (
        "http://localhost/")


def test_a_few_typos_at_a_school_sharing_one_address_lock_nobody_else_out(world):
    """Everyone at a school may come from one public address."""
    app = world.app
    app.extra_environ["REMOTE_ADDR"] = "192.0.2.50"
    for name in ("cora", "theo", "ada"):
        assert attempt_login(app, name, "typo in the password").status_int == 400
    assert login(app, "gina").status_int == 303


def test_logging_out_ends_every_copy_of_the_session(world):
    app = world.app
    assert login(app, "theo").status_int == 303
    copied = app.cookies["profilerepo"]
    page = app.get("/")
    logout_form(page).submit()  # the log-out button in the header
    thief = webtest.TestApp(world.wsgi)
    thief.set_cookie("profilerepo", copied)
    assert thief.get("/students/s1/", status="*").status_int == 303
    assert login(app, "theo").status_int == 303, "logging in again works"
