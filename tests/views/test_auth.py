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
    populated,
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
        assert home.headers["Location"] == "/login"
        return False
    assert "Welcome," in home.text
    return True


def test_login_opens_the_home_page_and_logout_ends_the_session(world):
    app = world.app
    response = login(app, "theo")
    assert response.status_int == 303
    assert response.headers["Location"] == "/"
    home = response.follow()
    assert "Welcome, Theo Example" in home.text
    assert "Signed in as Theo Example" in home.text

    logout = logout_form(home).submit()
    assert logout.status_int == 303
    assert logout.headers["Location"] == "/login"
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


def client(world, address: str) -> webtest.TestApp:
    """A browser of its own, at ``address``."""
    return webtest.TestApp(world.wsgi, extra_environ={"REMOTE_ADDR": address})


def make_an_address_busy(app, headers=None, failures: int = ADDRESS_ATTEMPTS) -> None:
    """Fail ``failures`` logins with made-up names from ``app``'s address."""
    for number in range(failures):
        refused = attempt_login(app, f"made-up-{number}", "Spring2024!", headers=headers)
        assert refused.status_int == 400


# Ways of typing theo's login that all mean theo: whitespace around it, any case.
THEO_VARIANTS = {"as stored": "theo", "capitalised": "Theo", "capitals": "THEO",
                 "leading spaces": "  theo", "a trailing tab": "theo\t",
                 "mixed": " tHeO ", "padded past 64": "theo" + " " * 100}


@pytest.mark.parametrize("variant", THEO_VARIANTS.values(), ids=THEO_VARIANTS.keys())
def test_failures_typed_any_way_count_against_the_same_login(world, variant):
    app = world.app
    for typed in (variant, "  THEO", "Theo" + " " * 70):
        assert attempt_login(app, typed, "not the password").status_int == 400
    locked = attempt_login(app, "theo")
    assert locked.status_int == 429
    assert "Too many failed attempts" in locked.text


# Ways a prober typed a locked login to get a fresh allowance of guesses.
PADDED = {"padded to 66 then x": "theo" + " " * 61 + "x",
          "padded to 75 then x": "Theo" + " " * 70 + "x",
          "70 spaces first": " " * 70 + "theo", **THEO_VARIANTS}


@pytest.mark.parametrize("variant", PADDED.values(), ids=PADDED.keys())
def test_a_locked_login_cannot_be_reached_by_any_way_of_typing_it(world, variant):
    app = world.app
    for _ in range(3):
        assert attempt_login(app, "theo", "not the password").status_int == 400
    attempt = attempt_login(app, variant)
    assert attempt.status_int in (400, 429), attempt.status
    assert not is_logged_in(app)


def test_made_up_logins_from_an_address_do_not_lock_out_the_people_there(world):
    """A school may reach us from one address: 50 failed logins with made-up names from it
    must not stop a teacher there from logging in with the right password."""
    guesser, teacher = client(world, "192.0.2.50"), client(world, "192.0.2.50")
    make_an_address_busy(guesser, failures=55)
    assert login(teacher, "theo").status_int == 303
    assert is_logged_in(teacher)


def test_a_guesser_at_a_busy_address_gets_one_try_per_login(world):
    guesser = client(world, "198.51.100.9")
    make_an_address_busy(guesser)
    assert attempt_login(guesser, "gus", "Spring2024!").status_int == 400
    again = attempt_login(guesser, "gus")
    assert again.status_int == 429, "a second try at gus from there must wait"
    assert "Too many failed attempts. Try again in 60 seconds." in again.text
    assert login(client(world, "203.0.113.5"), "gus").status_int == 303, (
        "gus himself, elsewhere, is not locked out")


def test_a_forwarded_for_header_from_a_client_is_not_believed(world):
    """X-Forwarded-For is a header any client can send: a guesser claiming a new address
    with every request still makes its own address busy."""
    guesser = client(world, "198.51.100.9")
    for number in range(ADDRESS_ATTEMPTS):
        claimed = {"X-Forwarded-For": f"203.0.113.{number}"}
        assert attempt_login(guesser, f"made-up-{number}", "Spring2024!",
                             headers=claimed).status_int == 400
    claimed = {"X-Forwarded-For": "203.0.113.99"}
    assert attempt_login(guesser, "tess", "Spring2024!", headers=claimed).status_int == 400
    assert attempt_login(guesser, "tess", headers=claimed).status_int == 429


PROXY = "10.0.0.1"


@pytest.fixture
def behind_a_proxy(tmp_path):
    """The conftest school on an app that believes X-Forwarded-For from ``PROXY`` only."""
    wsgi = make_app(file_uri(tmp_path), tmp_path, **{"profilerepo.trusted_proxy": PROXY})
    world = populated(wsgi)
    yield world
    world.close()
    database(wsgi.registry).close()


def through_proxy(client_address: str, claimed: str = "") -> dict:
    """The header the proxy sends: what the client claimed, then the address it came from."""
    return {"X-Forwarded-For": ", ".join(filter(None, (claimed, client_address)))}


def test_behind_a_trusted_proxy_each_client_counts_on_its_own(behind_a_proxy):
    world = behind_a_proxy
    guesser, teacher = client(world, PROXY), client(world, PROXY)
    for number in range(ADDRESS_ATTEMPTS):  # what the guesser claims changes every time
        headers = through_proxy("203.0.113.9", claimed=f"198.51.100.{number}")
        assert attempt_login(guesser, f"made-up-{number}", "Spring2024!",
                             headers=headers).status_int == 400
    guesser_headers = through_proxy("203.0.113.9", claimed="198.51.100.77")
    assert attempt_login(guesser, "tess", "Spring2024!", headers=guesser_headers).status_int == 400
    assert attempt_login(guesser, "tess", headers=guesser_headers).status_int == 429, (
        "the guesser's own address is busy, whatever it claims")
    teacher_headers = through_proxy("203.0.113.20")
    assert attempt_login(teacher, "theo", "a typo", headers=teacher_headers).status_int == 400
    assert attempt_login(teacher, "theo", headers=teacher_headers).status_int == 303, (
        "another client behind the same proxy is not busy")


def test_with_a_trusted_proxy_set_other_clients_still_cannot_claim_addresses(behind_a_proxy):
    guesser = client(behind_a_proxy, "198.51.100.9")
    for number in range(ADDRESS_ATTEMPTS):
        headers = {"X-Forwarded-For": f"203.0.113.{number}"}
        assert attempt_login(guesser, f"made-up-{number}", "Spring2024!",
                             headers=headers).status_int == 400
    headers = {"X-Forwarded-For": "203.0.113.99"}
    assert attempt_login(guesser, "tess", "Spring2024!", headers=headers).status_int == 400
    assert attempt_login(guesser, "tess", headers=headers).status_int == 429


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
    PROFILE: PROFILE,
    "/students/s1/?tab=team": "/students/s1/?tab=team",
    "": "/",
    "http://evil.example/phish": "/",
    "//evil.example/phish": "/",
    "https:evil.example": "/",
    "students/s1/": "/",
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
    assert app.get("/login", {"next": PROFILE}).headers["Location"] == PROFILE
    assert app.get("/login", {"next": "http://evil.example/"}).headers["Location"] == "/"


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
