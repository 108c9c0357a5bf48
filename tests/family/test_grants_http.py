"""The page "Who can see Maya's record" over HTTP: who may open it, grant, revoke, name a
designee and record a guide; grants made there open exactly what they name, from their
start to their end, until revoked; bad input comes back as typed, saying what is wrong;
and the page reads well with a screen reader."""
from __future__ import annotations

import datetime
import re

import pytest
import transaction
from bs4 import BeautifulSoup

from profilerepo import clock
from profilerepo.family.designees import name_designee, record_guide
from profilerepo.family.grants import grants_of
from profilerepo.security.principals import DISTRICT_ADMINISTRATORS
from tests.conftest import PASSWORD, csrf_of, login
from tests.views.test_accessibility import problems_with

S1 = "/students/s1/"
PAGE = S1 + "who-can-see"
TODAY = clock.today()
DAY = datetime.timedelta(days=1)
TUTOR = "tina"  # a reading tutor with a login, not yet granted anything


def adult_birth_date() -> datetime.date:
    """A birth date 19 years ago (the 18th birthday is well past)."""
    return TODAY.replace(year=TODAY.year - 19, day=min(TODAY.day, 28))


def people(world, *, adult: bool = False) -> None:
    """Beside the conftest school: a designee (Dee) and a court-appointed guide (Gil) of
    Maya, a district administrator (Dana), and people not yet on the record (Tina, a
    tutor; Gwen, who may be recorded as a guide). ``adult``: Maya is 19, and named Dee
    herself."""
    site = world.site()
    principals = site["principals"]
    for login_name, title, kind, groups in (
            ("dee", "Dee Designee", "contributor", ()),
            ("gil", "Gil Guide", "contributor", ()),
            ("gwen", "Gwen Guide", "contributor", ()),
            (TUTOR, "Tina Tutor", "contributor", ()),
            ("dana", "Dana District", "staff", (DISTRICT_ADMINISTRATORS,))):
        principals.add_user(login_name, title, kind, password=PASSWORD, groups=groups)
    s1 = site["students"]["s1"]
    if adult:
        s1.birth_date = adult_birth_date()
    name_designee(site, s1, "dee", by="sam" if adult else "gina")
    record_guide(site, s1, "gil", "Family Court 2026-JV-117", TODAY - 40 * DAY, by="ada")
    transaction.commit()
    world.close()


def toby_grant_id(world) -> str:
    grant_id = grants_of(world.site()["students"]["s1"], "toby")[0].id
    world.close()
    return grant_id


def grant_fields(**changes) -> dict:
    fields = {"person": "", "login": TUTOR, "new_name": "", "new_email": "",
              "sections": ["profile"], "level": "read", "purpose": "Reading tutoring",
              "starts": TODAY.isoformat(), "ends": (TODAY + 30 * DAY).isoformat()}
    fields.update(changes)
    return fields


def post(app, url: str, fields: dict, token: str):
    return app.post(url, {**fields, "csrf_token": token}, expect_errors=True)


def outcomes(app, world) -> dict[str, int]:
    """The status of each thing the page offers, done as its form does it."""
    token = csrf_of(app.get("/"))
    found = {"open": app.get(PAGE, expect_errors=True).status_int}
    found["grant"] = post(app, PAGE, grant_fields(), token).status_int
    found["revoke"] = post(app, PAGE + "-revoke", {"grant": toby_grant_id(world)},
                           token).status_int
    found["name a designee"] = post(app, PAGE + "-designee", {"login": TUTOR},
                                    token).status_int
    found["record a guide"] = post(app, PAGE + "-guide", {
        "login": "gwen", "order_reference": "Order 5", "order_date": TODAY.isoformat()},
        token).status_int
    return found


ALL_ACTIONS = ("open", "grant", "revoke", "name a designee", "record a guide")
OK, DONE, NO, HIDDEN = 200, 303, 403, 404  # HIDDEN: they may not know Maya exists

# who -> (login, Maya is 18 or over, what each action gives them)
WHO = {
    "guardian": ("gina", False, (OK, DONE, DONE, DONE, NO)),
    "other family's guardian": ("gus", False, (HIDDEN,) * 5),
    "student under 18": ("sam", False, (NO,) * 5),
    "student aged 18 or over": ("sam", True, (OK, DONE, DONE, DONE, NO)),
    "guardian of a student of 18": ("gina", True, (HIDDEN,) * 5),
    "designee": ("dee", False, (OK, DONE, DONE, NO, NO)),
    "guide": ("gil", False, (OK, DONE, DONE, NO, NO)),
    "counselor": ("cora", False, (NO,) * 5),
    "teacher": ("theo", False, (NO,) * 5),
    "administrator": ("ada", False, (OK, NO, NO, NO, DONE)),
    "district administrator": ("dana", False, (OK, NO, NO, NO, DONE)),
    "contributor": ("toby", False, (NO,) * 5),
}


@pytest.mark.parametrize("who", list(WHO))
def test_who_may_do_what_on_the_page(world, who):
    login_name, adult, expected = WHO[who]
    people(world, adult=adult)
    assert login(world.app, login_name).status_int == 303
    assert outcomes(world.app, world) == dict(zip(ALL_ACTIONS, expected, strict=True))


def test_a_refusal_says_why_in_plain_words(world):
    people(world)
    login(world.app, "ada")
    token = csrf_of(world.app.get("/"))
    refused = post(world.app, PAGE, grant_fields(), token)
    assert refused.status_int == 403
    assert "the family makes the grants" in refused.text
    login(world.app, "theo")
    refused = world.app.get(PAGE, status=403)
    assert "for the people who manage who sees Maya's record" in refused.text
    assert "role:" not in refused.text and "family-rights" not in refused.text


def grant_form(page):
    return next(f for f in page.forms.values() if f.action.endswith("/who-can-see"))


def grant_as(app, **changes):
    """Fill and send the grant form on the page as the person logged in."""
    form = grant_form(app.get(PAGE))
    values = grant_fields(**changes)
    for name in ("person", "login", "new_name", "new_email", "purpose", "starts", "ends"):
        form[name] = values[name]
    for box in form.fields["sections"]:
        box.checked = box._value in values["sections"]
    form["level"] = values["level"]
    return form.submit(expect_errors=True)


def reads(app, url: str) -> bool:
    return app.get(url, expect_errors=True).status_int == 200


def test_a_grant_opens_what_it_names_and_a_revoke_stops_it_at_once(world):
    people(world)
    app = world.app
    login(app, "gina")
    done = grant_as(app, sections=["profile"])
    assert done.status_int == 303
    shown = done.follow()
    assert "Tina Tutor can see what you chose of Maya's record" in shown.text
    assert "Live now" in shown.text

    login(app, TUTOR)
    assert reads(app, S1 + "profile")
    assert not reads(app, S1 + "plan")  # (the family reads it; Tina was not granted it)
    assert "Lopez, Maya" in app.get("/").text

    tinas = grants_of(world.site()["students"]["s1"], TUTOR)[0].id
    world.close()
    login(app, "gina")
    forms = app.get(PAGE).forms.values()  # the "Revoke…" button of Tina's grant asks first
    ask = next(f for f in forms if f.action.endswith("-revoke") and f["grant"].value == tinas)
    question = ask.submit()
    assert "Revoke Tina Tutor's access?" in question.text
    after = question.forms["confirm"].submit().follow()
    assert "Tina Tutor no longer sees Maya's record" in after.text
    assert "Revoked by Gina Example" in after.text

    login(app, TUTOR)
    assert not reads(app, S1 + "profile")
    assert "Lopez, Maya" not in app.get("/").text


@pytest.mark.parametrize("starts, ends, later, status", [
    (TODAY + DAY, TODAY + 30 * DAY, 0, "Not yet started"),
    (TODAY, TODAY + DAY, 2, "Ended on"),  # (asked two days on: a grant is never made
])                                         # already ended, it ends)
def test_a_grant_outside_its_dates_opens_nothing(world, district_day, starts, ends, later,
                                                 status):
    district_day(TODAY)
    people(world)
    app = world.app
    login(app, "gina")
    grant_as(app, starts=starts.isoformat(), ends=ends.isoformat())
    district_day(TODAY + later * DAY)
    shown = app.get(S1 + "who-can-see")
    assert status in shown.text
    login(app, TUTOR)
    assert not reads(app, S1 + "profile")
    assert not reads(app, S1)


BAD = {
    "no part chosen": ({"sections": []}, "Choose at least one part of the record"),
    "end before start": ({"ends": (TODAY - DAY).isoformat()},
                         "The end date is before the start date."),
    "all in the past": ({"starts": (TODAY - 9 * DAY).isoformat(),
                         "ends": (TODAY - DAY).isoformat()}, "The last day is already past"),
    "no purpose": ({"purpose": ""}, "Say what the access is for"),
    "unknown login": ({"login": "nobody-here"}, "Nobody has the login"),
    "a staff login": ({"login": "theo"}, "works at a school"),
    "nobody chosen": ({"login": ""}, "Choose someone from the list"),
    "no end date": ({"ends": ""}, "Give the last day the access works"),
    "a new person without an address": ({"login": "", "person": "new",
                                         "new_name": "Ana Ruiz"}, "e-mail address"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong(world, case):
    people(world)
    login(world.app, "gina")
    changes, message = BAD[case]
    page = grant_as(world.app, **{"purpose": "Reading tutoring, Tuesdays", **changes})
    assert page.status_int == 400
    assert message in page.text
    assert "Nothing was saved" in page.text
    form = grant_form(page)
    typed = grant_fields(**{"purpose": "Reading tutoring, Tuesdays", **changes})
    assert form["purpose"].value == typed["purpose"]
    assert form["login"].value == typed["login"]
    assert form["ends"].value == typed["ends"]
    assert [b._value for b in form.fields.get("sections", ()) if b.checked] == \
        typed["sections"]
    site = world.site()
    assert [g.login for g in grants_of(site["students"]["s1"])] == ["toby", "toby"]
    assert site["principals"].get_user("ana.ruiz") is None  # (no half-made invitation)


def test_the_page_reads_well_with_a_screen_reader(world):
    people(world)
    login(world.app, "gina")
    for page in (world.app.get(PAGE), grant_as(world.app, sections=[], ends="")):
        assert problems_with(page.text) == []
        soup = BeautifulSoup(page.text, "html.parser")
        for table in soup.find_all("table"):
            assert table.find("caption") is not None
            assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))
        for group in ("sections", "level"):
            boxes = soup.find_all("input", attrs={"name": group})
            assert boxes and all(b.find_parent("fieldset").find("legend") for b in boxes)
        assert not soup.select("[style], [width]")  # (nothing fixed wider than a phone)
        # in words only: no internal name of a role, state or condition on the page
        assert not re.search(r"role:|family-rights|contributor-adds|not_yet", page.text)


def test_the_page_is_linked_from_the_student_page_and_the_family_home(world):
    people(world)
    login(world.app, "gina")
    link = 'href="http://localhost/students/s1/who-can-see"'
    assert link in world.app.get(S1).text
    assert link in world.app.get("/").text
    login(world.app, "theo")
    assert link not in world.app.get(S1).text


JUNK = [
    (PAGE, grant_fields(starts="tomorrow", ends="31/12/2026")),
    (PAGE, grant_fields(sections=["profile", "secrets"], level="admin")),
    (PAGE, grant_fields(purpose="x" * 5000, login="ü" * 300)),
    (PAGE, grant_fields(person="new", new_name="Ana", new_email="not an address")),
    (PAGE + "-revoke", {"grant": "no-such-grant"}),
    (PAGE + "-end", {"designee": "no-such-designee"}),
    (PAGE + "-designee", {"person": "gina"}),
    (PAGE + "-guide", {"login": "gwen", "order_reference": "O", "order_date": "9999-99-99"}),
]


@pytest.mark.parametrize("url, fields", JUNK)
def test_junk_gets_a_page_never_a_500(world, url, fields):
    people(world)
    login_name = "ada" if url.endswith("-guide") else "gina"
    login(world.app, login_name)
    token = csrf_of(world.app.get("/"))
    answer = post(world.app, url, fields, token)
    assert answer.status_int in (303, 400, 403)
    assert "Something went wrong" not in answer.text


def test_without_a_login_the_page_asks_to_log_in_and_a_form_needs_its_token(world):
    assert world.app.get(PAGE, status=303).headers["Location"].endswith("/login?next=" + PAGE)
    login(world.app, "gina")
    assert world.app.post(PAGE, grant_fields(), status=400)  # (no CSRF token)
    site = world.site()
    assert [g.login for g in grants_of(site["students"]["s1"])] == ["toby", "toby"]
    world.close()


def test_the_page_fits_a_phone_and_passes_axe_in_a_real_browser(world, tmp_path):
    """Headless Chromium (skipped where there is none): at 320 and 390 px nothing sticks
    out sideways, with the grant form as it comes back with errors too; axe finds
    nothing wrong."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.browser.axe import violations
    from tests.browser.conftest import open_chromium, serve
    from tests.browser.test_pages import PHONES, STICKING_OUT

    people(world)
    browser = open_chromium(tmp_path)
    address = serve(world.wsgi)
    try:
        root = next(address)
        browser.get(root + "/login")
        browser.find_element(By.ID, "login").send_keys("gina")
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(browser, 10).until(lambda b: "/login" not in b.current_url)
        for width in PHONES:
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
            browser.get(root + PAGE)
            shown = browser.execute_script(STICKING_OUT)
            assert shown["width"] <= shown["room"], (width, shown["out"])
            assert violations(browser) == []
            browser.find_element(By.CSS_SELECTOR, "form.grant button[type=submit]").click()
            WebDriverWait(browser, 10).until(  # (the form come back with its errors)
                lambda b: b.find_elements(By.CSS_SELECTOR, ".error-summary"))
            shown = browser.execute_script(STICKING_OUT)
            assert shown["width"] <= shown["room"], (width, shown["out"])
            assert violations(browser) == []
    finally:
        browser.quit()
        address.close()
