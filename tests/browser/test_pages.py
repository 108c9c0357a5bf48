"""Every kind of page, as every role that reaches it sees it in a real browser: axe-core
finds nothing wrong (any rule, any impact); at 320 and 390 px wide the page never scrolls
sideways and no chart text is under 12 px; on paper only the record itself is printed."""
from __future__ import annotations

import base64
import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from profilerepo.app import database
from tests.browser.axe import violations
from tests.browser.conftest import open_chromium, serve
from tests.browser.pages import ANYONE, DISTRICT, PAGES, ROLES, S1, Page, visits
from tests.browser.school import DISTRICT_ADMINISTRATOR, furnish
from tests.conftest import PASSWORD, ROLE_USERS, file_uri, login, make_app, populated

LOGINS = {**ROLE_USERS, DISTRICT: DISTRICT_ADMINISTRATOR}
PHONES = (320, 390)  # px: the narrowest phone WCAG 1.4.10 asks for, and a common one
DESKTOP = 1200
VISITS = [pytest.param(role, page, id=f"{role}-{page.kind}") for role, page in visits()]


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    """The conftest school, furnished with one of every kind of page."""
    folder = tmp_path_factory.mktemp("school")
    wsgi = make_app(file_uri(folder), folder)
    world = populated(wsgi)
    furnish(world)
    yield world
    world.close()
    database(wsgi.registry).close()


class Visitor:
    """One browser for the module, signed in as one role at a time (again only when the
    role changes: the cases come a role's pages together)."""

    def __init__(self, browser: WebDriver, address: str) -> None:
        self.browser, self.address, self.role = browser, address, None

    def sign_in(self, role: str) -> None:
        browser = self.browser
        browser.delete_all_cookies()
        if role != ANYONE:
            browser.get(self.address + "/login")
            browser.find_element(By.ID, "login").send_keys(LOGINS[role])
            browser.find_element(By.ID, "password").send_keys(PASSWORD)
            browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            WebDriverWait(browser, 10).until(lambda b: "/login" not in b.current_url)
        self.role = role

    def resize(self, width: int) -> None:
        """Show the page ``width`` CSS px wide (as a phone's screen, or a desktop's)."""
        self.browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})

    def see(self, role: str, page: Page, width: int = DESKTOP) -> WebDriver:
        if role != self.role:
            self.sign_in(role)
        self.resize(width)
        self.browser.get(self.address + page.path)
        return self.browser


@pytest.fixture(scope="module")
def visitor(school, tmp_path_factory):
    browser = open_chromium(tmp_path_factory.mktemp("browser"))
    address = serve(school.wsgi)
    yield Visitor(browser, next(address))
    browser.quit()
    address.close()


@pytest.mark.parametrize("role", ROLES)
def test_the_table_s_pages_answer_the_roles_it_names(school, role):
    """(So that each check below looks at the page itself, not at a refusal.)"""
    app = school.app
    if role == ANYONE:
        app.reset()
    else:
        login(app, LOGINS[role])
    answers = {page.kind: app.get(page.path, status="*").status_int
               for page in PAGES if role in page.roles}
    assert answers == {page.kind: page.status for page in PAGES if role in page.roles}


@pytest.mark.parametrize(("role", "page"), VISITS)
def test_axe_core_finds_no_accessibility_problem(visitor, role, page):
    browser = visitor.see(role, page)
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert violations(browser) == []


ON_A_PHONE = [("teacher", "goal"), ("teacher", "home"), ("counselor", "home"),
              ("counselor", "success plan"), ("administrator", "review cycle"),
              ("guardian", "home"), ("counselor", "transcript")]


@pytest.mark.parametrize(("role", "kind"), ON_A_PHONE)
def test_axe_core_finds_no_problem_on_a_phone_either(visitor, role, kind):
    """(Where tables and charts scroll in their own boxes, which then take focus.)"""
    browser = visitor.see(role, next(page for page in PAGES if page.kind == kind), PHONES[0])
    assert violations(browser) == []


STICKING_OUT = """
var edge = document.documentElement.clientWidth;
function clipped(e) {  // inside a box that scrolls (or hides) what is wider than itself
  for (var up = e.parentElement; up && up !== document.body; up = up.parentElement) {
    if (getComputedStyle(up).overflowX !== 'visible') { return true; }
  }
  return false;
}
function name(e) { return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : ''); }
return {width: document.documentElement.scrollWidth, room: edge,
        out: Array.from(document.querySelectorAll('body *')).filter(function (e) {
          return e.getBoundingClientRect().right > edge + 0.5 && !clipped(e);
        }).slice(0, 4).map(name)};
"""
TEXT_SIZES = """
return Array.from(document.querySelectorAll('svg text')).map(function (t) {
  var m = t.getScreenCTM();
  return m && [t.textContent, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)];
}).filter(function (found) { return found; });
"""


def small_chart_text(browser: WebDriver) -> list[str]:
    return [f"{text!r} at {size:.1f}px" for text, size in browser.execute_script(TEXT_SIZES)
            if size < 12 - 1e-6]


@pytest.mark.parametrize(("role", "page"), VISITS)
def test_at_phone_widths_nothing_scrolls_sideways_and_chart_text_stays_readable(
        visitor, role, page):
    browser = visitor.see(role, page, PHONES[0])
    for width in PHONES:
        visitor.resize(width)
        shown = browser.execute_script(STICKING_OUT)
        assert shown["width"] <= shown["room"], f"at {width}px these stick out: {shown['out']}"
        assert small_chart_text(browser) == [], f"at {width}px"


GOAL_PAGE = next(page for page in PAGES if page.kind == "goal")


@pytest.mark.parametrize("width", [*PHONES, DESKTOP])
def test_a_goal_s_chart_keeps_its_text_at_12px_or_more_and_scrolls_in_its_own_box(
        visitor, width):
    browser = visitor.see("teacher", GOAL_PAGE, width)
    sizes = browser.execute_script(TEXT_SIZES)
    assert len(sizes) > 5, "the chart has its axis and labels"
    assert small_chart_text(browser) == []
    figure = browser.find_element(By.CSS_SELECTOR, "figure.chart")
    scrolls = browser.execute_script(
        "return arguments[0].scrollWidth > arguments[0].clientWidth", figure)
    assert scrolls == (width < 500)
    assert (figure.get_attribute("tabindex") == "0") == scrolls, \
        "a chart that scrolls sideways can be reached (and scrolled) with the keyboard"


def test_a_wide_table_scrolls_in_its_own_named_box_that_a_keyboard_reaches(visitor):
    browser = visitor.see("teacher", GOAL_PAGE, PHONES[0])
    box = browser.find_element(By.CSS_SELECTOR, ".scroll-box:has(table.data-points)")
    assert browser.execute_script(
        "return arguments[0].scrollWidth > arguments[0].clientWidth", box)
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "group"
    assert browser.find_element(By.ID, box.get_attribute("aria-labelledby")).text
    browser.execute_script("arguments[0].focus()", box)
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform()
    WebDriverWait(browser, 5).until(
        lambda b: b.execute_script("return arguments[0].scrollLeft", box) > 0)


def printed(browser: WebDriver) -> tuple[dict, int]:
    """What shows on paper (whether each part of the page is printed) and how many pages."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script("""
            var parts = {header: '.site-header', search: 'form[role=search]',
              breadcrumbs: '.breadcrumbs', footer: '.site-footer', actions: 'form.transition',
              history: 'ol.history', versions: 'section.meta', record: 'main h1'};
            var found = {};
            Object.keys(parts).forEach(function (part) {
              var e = document.querySelector(parts[part]);
              found[part] = e ? e.getClientRects().length > 0 : null;
            });
            found.sideways = document.documentElement.scrollWidth >
                             document.documentElement.clientWidth;
            return found;""")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {})["data"])
    return shown, len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize(("kind", "role"), [("learner profile", "guardian"),
                                            ("progress report", "counselor"),
                                            ("success plan", "counselor")])
def test_printing_keeps_the_record_and_leaves_out_header_search_actions_and_history(
        visitor, kind, role):
    page = next(page for page in PAGES if page.kind == kind)
    shown, pages = printed(visitor.see(role, page))
    assert shown.pop("record") and not shown.pop("sideways")
    assert {part for part, printed in shown.items() if printed} == set()
    if kind != "success plan":
        assert pages == 1, f"the {kind} fits one printed page"


def test_the_search_page_has_one_search_landmark(visitor):
    browser = visitor.see("counselor", Page("search", "/search?q=comics", ("counselor",)))
    assert len(browser.find_elements(By.CSS_SELECTOR, "[role=search], search")) == 1
    browser = visitor.see("counselor", Page("student", S1, ("counselor",)))
    assert len(browser.find_elements(By.CSS_SELECTOR, "[role=search], search")) == 1
