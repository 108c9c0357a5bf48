"""The access log's table captions on a phone (320 and 390 px): the sentence saying what
the table lists is read in full, not cut off at the edge of the table's scrolling box."""
from __future__ import annotations

import datetime

import pytest

from profilerepo.accesslog import View
from tests.accesslog.conftest import S1, access_log
from tests.browser.conftest import open_chromium, serve
from tests.browser.pages import Page
from tests.browser.test_pages import PHONES, Visitor

# How far each caption's text runs past the visible part of its scrolling box (px).
CLIPPED = """
return [...document.querySelectorAll('main table > caption')].map(caption => {
  const box = caption.closest('.scroll-box') || caption.closest('main');
  const seen = box.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(caption);
  const text = range.getBoundingClientRect();
  return {caption: caption.textContent.trim(),
          past: Math.max(0, text.right - seen.right, seen.left - text.left,
                         text.right - document.documentElement.clientWidth)};
});
"""


@pytest.fixture
def visitor(world, tmp_path):
    start = datetime.datetime(2026, 9, 1, 13, tzinfo=datetime.UTC)
    access_log(world).record_many(
        View(at=start + datetime.timedelta(hours=n), student_id="s1",
             student_name="Maya Lopez", school_id="north", login="theo",
             name="Theodora Maximiliana Example-Longname", capacity="teacher on the team",
             path="students/s1/portfolio/item-1", kind="Portfolio item",
             title="A very long portfolio item title about a bridge over the river",
             view="download") for n in range(3))
    browser = open_chromium(tmp_path)
    address = serve(world.wsgi)
    yield Visitor(browser, next(address))
    browser.quit()
    address.close()


@pytest.mark.parametrize("path", [S1 + "access-log",
                                  S1 + "access-log?person=theo&from=2026-01-01"],
                         ids=["people", "one person"])
def test_the_caption_is_read_in_full_on_a_phone(visitor, path):
    browser = visitor.see("guardian", Page("who looked", path, ("guardian",)))
    for width in PHONES:
        visitor.resize(width)
        captions = browser.execute_script(CLIPPED)
        assert captions, "the page shows no table"
        for shown in captions:
            assert shown["past"] <= 1, f"at {width}px cut off: {shown}"
