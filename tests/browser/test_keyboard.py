"""Using ProfileRepo with a keyboard, in a real browser."""
from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import PASSWORD


def focused(browser: WebDriver):
    return browser.switch_to.active_element


def press(browser: WebDriver, *keys: str) -> None:
    """Type keys to whatever has focus, as a person at the keyboard does."""
    ActionChains(browser).send_keys(*keys).perform()


def start_at_top(browser: WebDriver, url: str) -> None:
    browser.get(url)
    browser.execute_script("document.activeElement && document.activeElement.blur()")


def log_in_by_keyboard(browser: WebDriver, server: str, login: str) -> None:
    start_at_top(browser, server + "/login")
    press(browser, Keys.TAB)  # the skip link
    press(browser, Keys.TAB)  # the home link
    press(browser, Keys.TAB)
    assert focused(browser).get_attribute("id") == "login"
    press(browser, login, Keys.TAB, PASSWORD, Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/login" not in b.current_url)


def test_the_skip_link_comes_first_shows_when_focused_and_moves_focus_to_main(browser, server):
    start_at_top(browser, server + "/login")
    press(browser, Keys.TAB)
    skip = focused(browser)
    assert skip.text == "Skip to main content"
    assert skip.is_displayed() and skip.location["x"] >= 0, "the focused skip link is visible"
    press(browser, Keys.ENTER)
    assert focused(browser).get_attribute("id") == "main"


def test_logging_in_and_reaching_a_student_with_the_keyboard_alone(browser, server):
    log_in_by_keyboard(browser, server, "cora")
    assert "My caseload" in browser.page_source
    for _ in range(30):  # tab forward to the first student link on the dashboard
        press(browser, Keys.TAB)
        if "/students/" in (focused(browser).get_attribute("href") or ""):
            break
    link = focused(browser)
    outline = browser.execute_script(
        "return getComputedStyle(arguments[0]).outlineStyle", link)
    assert outline not in ("", "none"), "the focused link shows where focus is"
    press(browser, Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: "/students/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text in ("Maya Lopez", "Jonah Reed")


def test_a_row_can_be_added_to_a_list_with_the_keyboard(browser, server):
    log_in_by_keyboard(browser, server, "ada")
    browser.get(server + "/students/s1/transcript/edit")
    courses = browser.find_element(By.XPATH, "//fieldset[legend='Courses and grades']")
    rows = ".deform-seq-item"
    before = len(courses.find_elements(By.CSS_SELECTOR, rows))
    add = courses.find_element(By.CSS_SELECTOR, "button.deform-seq-add")
    assert add.is_displayed(), "with JavaScript the add button is offered"
    browser.execute_script("arguments[0].focus()", add)
    press(browser, Keys.ENTER)
    WebDriverWait(browser, 5).until(
        lambda b: len(courses.find_elements(By.CSS_SELECTOR, rows)) == before + 1)
    new_row = courses.find_elements(By.CSS_SELECTOR, rows)[-1]
    assert new_row.find_elements(By.CSS_SELECTOR, "input[name=course]"), "it has a course field"
