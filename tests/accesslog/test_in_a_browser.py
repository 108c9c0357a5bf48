"""The access-log pages in a real browser: axe-core finds nothing wrong, on a desktop and
on a phone, and at 320 and 390 px wide nothing scrolls sideways (the tables scroll in
their own boxes)."""
from __future__ import annotations

import datetime

import pytest

from profilerepo.accesslog import View
from tests.accesslog.conftest import S1, access_log
from tests.browser.axe import violations
from tests.browser.conftest import open_chromium, serve
from tests.browser.pages import Page
from tests.browser.test_pages import DESKTOP, PHONES, STICKING_OUT, Visitor

PAGES = [
    ("guardian", Page("who looked", S1 + "access-log", ("guardian",))),
    ("guardian", Page("one person's views", S1 + "access-log?person=cora&from=2026-01-01",
                      ("guardian",))),
    ("guardian", Page("a date that cannot be read", S1 + "access-log?from=soon",
                      ("guardian",))),
    ("administrator", Page("school's log", "/schools/north/access-log", ("administrator",))),
]


@pytest.fixture
def visitor(record_world, tmp_path):
    start = datetime.datetime(2026, 9, 1, 13, tzinfo=datetime.UTC)
    access_log(record_world).record_many(
        View(at=start + datetime.timedelta(hours=n), student_id="s1",
             student_name="Maya Lopez", school_id="north", login=login, name=name,
             capacity=capacity, path="students/s1/portfolio/item-1", kind="Portfolio item",
             title="A very long portfolio item title about a bridge over the river",
             view="download" if n % 2 else "")
        for n, (login, name, capacity) in enumerate(
            [("cora", "Cora Example", "counselor on the team"),
             ("theo", "Theodora Maximiliana Example-Longname", "teacher on the team"),
             ("toby", "Toby Example", "granted by the family")] * 40))
    browser = open_chromium(tmp_path)
    address = serve(record_world.wsgi)
    yield Visitor(browser, next(address))
    browser.quit()
    address.close()


@pytest.mark.parametrize(("role", "page"), PAGES, ids=[p.kind for _, p in PAGES])
def test_axe_finds_nothing_and_nothing_scrolls_sideways_on_a_phone(visitor, role, page):
    browser = visitor.see(role, page, DESKTOP)
    assert violations(browser) == []
    for width in PHONES:
        visitor.resize(width)
        shown = browser.execute_script(STICKING_OUT)
        assert shown["width"] <= shown["room"], f"at {width}px these stick out: {shown['out']}"
    assert violations(browser) == []
