"""The family's words in a real browser (headless Chromium; skipped where there is none):
at phone widths nothing scrolls sideways, not even one very long word, and axe-core finds
nothing wrong on the pages that show them or the forms that write them."""
from __future__ import annotations

import pytest
import transaction
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from profilerepo.family.words import AS_GUARDIAN, add_words
from tests.browser.axe import violations
from tests.browser.conftest import open_chromium, serve
from tests.browser.test_pages import PHONES, STICKING_OUT
from tests.conftest import PASSWORD
from tests.family.test_family_words import GOAL, TRANSCRIPT, names_by_writer
from tests.family.test_family_words import record as record  # (the fixture)

UNBROKEN = "Surgery" * 300  # one word wider than any phone


@pytest.fixture
def chromium(record, tmp_path):
    """A browser signed in as Maya's guardian, whose long comment is on the transcript."""
    site = record.site()
    add_words(site["students"]["s1"]["transcript"], {"text": UNBROKEN}, by="gina",
              capacity=AS_GUARDIAN)
    transaction.commit()
    record.close()
    browser = open_chromium(tmp_path)
    address = serve(record.wsgi)
    root = next(address)
    browser.get(root + "/login")
    browser.find_element(By.ID, "login").send_keys("gina")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda b: "/login" not in b.current_url)
    yield browser, root
    browser.quit()
    address.close()


def at_width(browser, width: int) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})


def pages(record) -> list[str]:
    mine = names_by_writer(record, "goal")["gina"]
    return [TRANSCRIPT, GOAL, TRANSCRIPT + "add-comment", GOAL + "add-observation",
            f"{GOAL}change-words/{mine}", f"{TRANSCRIPT}family-words/"
            f"{names_by_writer(record, 'transcript')['gina']}"]


def test_at_phone_widths_nothing_scrolls_sideways(record, chromium):
    browser, root = chromium
    for path in pages(record):
        at_width(browser, PHONES[0])
        browser.get(root + path)
        for width in PHONES:
            at_width(browser, width)
            shown = browser.execute_script(STICKING_OUT)
            assert shown["width"] <= shown["room"], (path, width, shown["out"])


def test_axe_core_finds_nothing_wrong_on_a_phone(record, chromium):
    browser, root = chromium
    at_width(browser, PHONES[0])
    for path in pages(record):
        browser.get(root + path)
        assert violations(browser) == [], path
