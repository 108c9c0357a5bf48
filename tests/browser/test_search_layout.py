"""The search page in a real browser: the first result shows on the first screen, on a
desktop and on a phone, and the facets are reachable from above the results."""
from __future__ import annotations

import pytest
import transaction
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import PASSWORD
from tests.search.test_search import add_item, add_narrative, drain

WORD = "lighthouse"


@pytest.fixture
def many_facets(world):
    """Maya's narratives and portfolio in every state, and her family's profile, all with
    the word: many kinds and states to narrow by."""
    site = world.site()
    s1 = site["students"]["s1"]
    for number, state in enumerate(("draft", "submitted", "approved", "shared"), 1):
        add_narrative(s1["narratives"], f"n-{number}", "theo", state, f"A {WORD} drawing.")
    for number, state in enumerate(("private", "family", "family"), 1):
        add_item(s1["portfolio"], f"item-{number}", state, f"A {WORD} model")
    s1["profile"].record({"interests": f"The {WORD} on the point"}, by="cora")
    s1["transcript"].record({"programs": f"{WORD} reading club"}, by="ada")
    transaction.commit()
    world.close()
    drain(world.wsgi)
    return world


def sign_in(browser: WebDriver, server: str, login: str) -> None:
    browser.get(server + "/login")
    browser.find_element(By.ID, "login").send_keys(login)
    browser.find_element(By.ID, "password").send_keys(PASSWORD + "\n")
    WebDriverWait(browser, 10).until(lambda b: "/login" not in b.current_url)


def first_result_bottom(browser: WebDriver) -> float:
    first = browser.find_element(By.CSS_SELECTOR, "ol.results > li")
    return browser.execute_script(
        "return arguments[0].getBoundingClientRect().bottom", first)


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_the_first_result_shows_on_the_first_screen(browser, server, many_facets,
                                                     width, height):
    browser.set_window_size(width, height)
    sign_in(browser, server, "ada")
    browser.get(server + f"/search?q={WORD}")
    assert browser.find_element(By.CSS_SELECTOR, "p.count").text == "9 results."
    viewport = browser.execute_script("return window.innerHeight")
    assert first_result_bottom(browser) <= viewport, "the first result is on the first screen"
    sideways = browser.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth")
    assert sideways <= 0, "nothing makes the page scroll sideways"
    facets = browser.find_element(By.CSS_SELECTOR, 'nav[aria-label="Narrow the results"]')
    if width >= 1024:  # beside the results, its top on the first screen too
        results = browser.find_element(By.CSS_SELECTOR, "ol.results")
        assert facets.rect["x"] > results.rect["x"] + results.rect["width"] / 2
        assert facets.rect["y"] < viewport
    else:  # after the results, and a link above them leads there
        link = browser.find_element(By.LINK_TEXT, "Narrow the results")
        assert link.is_displayed()
        link.click()
        WebDriverWait(browser, 5).until(lambda b: b.current_url.endswith("#narrow"))
        top = browser.execute_script(
            "return arguments[0].getBoundingClientRect().top", facets)
        assert 0 <= top < viewport


def test_choosing_a_facet_says_what_is_shown_and_how_to_show_all(browser, server,
                                                                 many_facets):
    browser.set_window_size(390, 844)
    sign_in(browser, server, "ada")
    browser.get(server + f"/search?q={WORD}")
    browser.find_element(By.LINK_TEXT, "Narrow the results").click()
    browser.find_element(By.LINK_TEXT, "Portfolio item").click()
    WebDriverWait(browser, 5).until(lambda b: "type=" in b.current_url)
    narrowed = browser.find_element(By.CSS_SELECTOR, "p.narrowed")
    assert " ".join(narrowed.text.split()) == (
        "Showing only Portfolio item (show any kind of document).")
    assert first_result_bottom(browser) <= browser.execute_script("return innerHeight")
    narrowed.find_element(By.LINK_TEXT, "show any kind of document").click()
    WebDriverWait(browser, 5).until(lambda b: "type=" not in b.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "p.count").text == "9 results."
