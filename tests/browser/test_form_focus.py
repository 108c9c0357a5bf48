"""A form that comes back with things to fix puts focus on the list of them, in a real
browser: a screen reader reads it first, and Tab goes on to the link to the first field."""
from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.test_keyboard import focused, log_in_by_keyboard, press


def test_focus_moves_to_the_summary_and_tab_reaches_the_bad_field(browser, server):
    log_in_by_keyboard(browser, server, "ada")
    browser.get(server + "/students/s1/transcript/edit")
    assert focused(browser).get_attribute("id") != "problems"
    browser.find_element(By.NAME, "days_enrolled").send_keys("many")
    browser.find_element(By.ID, "document-formsave").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.ID, "problems"))
    summary = focused(browser)
    assert summary.get_attribute("id") == "problems"
    assert "Days enrolled" in summary.text and "not a number" not in summary.text
    press(browser, Keys.TAB)
    link = focused(browser)
    assert link.text == "Days enrolled"
    press(browser, Keys.ENTER)
    field = focused(browser)
    assert field.get_attribute("name") == "days_enrolled"
    assert field.get_attribute("aria-invalid") == "true"


def test_a_form_with_its_blank_spare_row_saves_in_a_browser(browser, server):
    log_in_by_keyboard(browser, server, "ada")
    browser.get(server + "/students/s1/transcript/edit")
    for name, value in (("days_enrolled", "170"), ("days_absent", "3"), ("tardies", "1")):
        browser.find_element(By.NAME, name).send_keys(value)
    browser.find_element(By.ID, "document-formsave").click()
    WebDriverWait(browser, 10).until(lambda b: not b.current_url.endswith("/edit"))
    assert "Attended 167 of 170 days" in browser.find_element(By.TAG_NAME, "main").text
