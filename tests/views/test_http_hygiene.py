"""HTTP hygiene through real requests: odd charsets, hidden documents, security headers,
forged Host headers and methods no page answers (issue 13, point 8)."""
from __future__ import annotations

import pytest
import transaction
import webtest
from bs4 import BeautifulSoup

from profilerepo.app import database
from profilerepo.content.narratives import Narrative
from tests.conftest import (
    PASSWORD,
    ROLE_USERS,
    csrf_of,
    file_uri,
    login,
    make_app,
    populated,
)

S1 = "/students/s1/"
FORM = "application/x-www-form-urlencoded"


def in_our_layout(page) -> bool:
    return 'class="site-header"' in page.text and "Traceback" not in page.text


# 1. A form sent in a charset other than UTF-8 is refused on a page, never a failure.

ODD_BODIES = {
    "latin-1 letters": (f"{FORM}; charset=latin-1", b"login=Jos\xe9\xff&password=x"),
    "unknown charset": (f"{FORM}; charset=bogus", b"login=theo&password=x"),
    "utf-16 claimed": (f"{FORM}; charset=utf-16", b"login=\xff&password=x"),
}


@pytest.mark.parametrize("name", sorted(ODD_BODIES))
def test_a_login_in_an_odd_charset_is_refused_on_a_page(world, name):
    content_type, body = ODD_BODIES[name]
    response = world.app.post("/login", body, content_type=content_type, status="*")
    assert response.status_int == 400
    assert in_our_layout(response)
    assert "Something went wrong" not in response.text


@pytest.mark.parametrize("name", sorted(ODD_BODIES))
def test_an_edit_in_an_odd_charset_is_refused_and_saves_nothing(world, as_role, name):
    app = as_role("counselor")
    token = csrf_of(app.get(S1 + "profile/edit"))
    content_type, _ = ODD_BODIES[name]
    body = f"csrf_token={token}&strengths=Sings&save=save".encode() + b"\xe9\xff"
    response = app.post(S1 + "profile/edit", body, content_type=content_type, status="*")
    assert response.status_int == 400
    assert in_our_layout(response)
    assert "Sings" not in app.get(S1 + "profile/").text


# 2. A document one may not read looks exactly like one that does not exist.

def put_draft_narrative(world) -> None:
    site = world.site()
    narrative = Narrative({"title": "Fall science", "term": "Fall", "course": "Science",
                           "body": "Maya designs careful experiments."}, by="theo")
    world.wsgi.registry.workflows.start(narrative, "narrative-review")
    site["students"]["s1"]["narratives"].add("narrative-1", narrative)
    transaction.commit()
    world.close()


# Everyone on Maya's team but the draft's author and the administrator: none may read it.
KEPT_FROM_DRAFT = ("counselor", "guardian", "student", "contributor")


@pytest.mark.parametrize("role", KEPT_FROM_DRAFT)
@pytest.mark.parametrize("view", ["", "edit", "versions"])
def test_a_hidden_draft_answers_as_a_missing_one_does(world, as_role, role, view):
    put_draft_narrative(world)
    app = as_role(role)
    hidden = app.get(S1 + "narratives/narrative-1/" + view, status="*")
    missing = app.get(S1 + "narratives/narrative-9/" + view, status="*")
    assert (hidden.status_int, missing.status_int) == (404, 404)
    assert hidden.text == missing.text
    assert "Fall science" not in hidden.text


# (role, page it may read, an action on it the role may not take): still a plain refusal
SEEN_BUT_NOT_THEIRS = {
    "teacher": S1 + "profile/edit",
    "guardian": S1 + "plan/edit",
    "administrator": S1 + "profile/edit",
}


@pytest.mark.parametrize("role", sorted(SEEN_BUT_NOT_THEIRS))
def test_an_action_on_a_document_one_reads_is_still_refused_as_such(world, as_role, role):
    app = as_role(role)
    url = SEEN_BUT_NOT_THEIRS[role]
    assert app.get(url.rsplit("/", 1)[0] + "/").status_int == 200
    assert app.get(url, status="*").status_int == 403


# 3. Security headers on every page; no inline script or style for the policy to block.

def header_policy(response) -> dict[str, str]:
    directives = (d.strip().split(None, 1) for d in response.headers["Content-Security-Policy"]
                  .split(";") if d.strip())
    return {d[0]: (d[1] if len(d) > 1 else "") for d in directives}


RECORD_PAGES = ("/", S1, S1 + "profile/", S1 + "plan/edit", S1 + "transcript/edit",
                "/search?q=robotics", S1 + "narratives/nowhere")


@pytest.mark.parametrize("url", RECORD_PAGES)
def test_record_pages_send_security_headers_and_are_not_stored(world, as_role, url):
    app = as_role("counselor")
    page = app.get(url, status="*")
    policy = header_policy(page)
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert "no-store" in page.headers["Cache-Control"]


def test_the_login_page_and_static_files_send_the_headers_too(world):
    login_page = world.app.get("/login")
    assert header_policy(login_page)["frame-ancestors"] == "'none'"
    css = world.app.get("/static/profilerepo.css")
    assert css.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" not in css.headers.get("Cache-Control", "")


FORM_PAGES = {"counselor": (S1 + "plan/edit", S1 + "plan/goals/add", S1 + "profile/edit"),
              "administrator": (S1 + "transcript/edit",)}


@pytest.mark.parametrize("role", sorted(FORM_PAGES))
def test_pages_hold_no_inline_script_or_style(world, as_role, role):
    app = as_role(role)
    for url in ("/", S1, *FORM_PAGES[role]):
        html = BeautifulSoup(app.get(url).text, "html.parser")
        assert all(script.get("src") for script in html.find_all("script")), url
        assert not html.find_all("style"), url
        inline = [(tag.name, attr) for tag in html.find_all(True) for attr in tag.attrs
                  if attr.startswith("on") or attr == "style"]
        assert inline == [], url
        assert "javascript:" not in str(html), url


def test_a_sign_in_over_https_gets_a_secure_cookie(world):
    app = webtest.TestApp(world.wsgi, extra_environ={"wsgi.url_scheme": "https",
                                                     "HTTP_HOST": "localhost:443"})
    signed_in = login(app, ROLE_USERS["counselor"])
    assert signed_in.status_int == 303
    cookies = signed_in.headers.getall("Set-Cookie")
    assert cookies and all("secure" in c.lower() for c in cookies)


def test_a_sign_in_over_plain_http_keeps_working(world):
    signed_in = login(world.app, ROLE_USERS["counselor"])
    assert all("secure" not in c.lower() for c in signed_in.headers.getall("Set-Cookie"))
    assert signed_in.follow().status_int == 200


# 4. A forged Host header never becomes a redirect's address.

EVIL = {"Host": "evil.example"}


def forged(app: webtest.TestApp) -> dict[str, str]:
    """A forged Host header, with the session cookie the browser holds for the real one."""
    return {**EVIL, "Cookie": "; ".join(f"{k}={v}" for k, v in app.cookies.items())}


def test_a_forged_host_never_appears_in_a_redirect(world, as_role):
    anonymous = world.app.get(S1, headers=EVIL, status=303)
    assert "evil.example" not in anonymous.headers["Location"]
    form = world.app.get("/login").forms[0]
    form["login"], form["password"] = ROLE_USERS["counselor"], PASSWORD
    signed_in = form.submit(headers=forged(world.app), status=303)
    assert "evil.example" not in signed_in.headers["Location"]
    app = as_role("counselor")
    form = app.get(S1 + "profile/edit").forms["document-form"]
    form["strengths"] = "Explains fractions to her table"
    saved = form.submit("save", headers=forged(app), status=303)
    assert "evil.example" not in saved.headers["Location"]
    assert "Explains fractions" in saved.follow().text


@pytest.fixture
def site_with_address(tmp_path):
    wsgi = make_app(file_uri(tmp_path), tmp_path,
                    **{"profilerepo.site_url": "https://records.example.org"})
    world = populated(wsgi)
    yield world
    world.close()
    database(wsgi.registry).close()


def test_redirects_use_the_configured_site_address(site_with_address):
    app = site_with_address.app
    anonymous = app.get(S1, headers=EVIL, status=303)
    assert anonymous.headers["Location"].startswith("https://records.example.org/login")
    home = app.get("/login", headers=EVIL)
    assert "evil.example" not in home.text


def test_a_site_address_that_is_not_one_stops_start_up(tmp_path):
    from pyramid.exceptions import ConfigurationError

    with pytest.raises(ConfigurationError, match="profilerepo.site_url"):
        make_app(file_uri(tmp_path), tmp_path, **{"profilerepo.site_url": "records.example"})


# 5. Methods no page answers are refused, saying which ones are answered.

@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("url", ["/", "/login", S1])
def test_other_methods_are_not_allowed(world, method, url):
    response = world.app.request(url, method=method, status="*")
    assert response.status_int == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}
    assert "Maya" not in response.text
