"""Text typed in paragraphs is read in paragraphs: every multi-line field keeps its blank
lines and line breaks however the browser sent them, escaped, and is stored as typed."""
from __future__ import annotations

import pytest
import transaction
import webtest
from bs4 import BeautifulSoup

from profilerepo.plans.reports import ProgressReport
from profilerepo.views.display import paragraphs
from profilerepo.workflow.index import enter_workflows
from tests.conftest import ENGINE

S1 = "/students/s1/"
TYPED = "One.\r\n\r\nTwo.\r\nThree."  # as a browser sends a textarea


def shown(html: str, selector: str) -> list[list[str]]:
    """Each paragraph under ``selector``, as its lines (split where a <br> stands)."""
    block = BeautifulSoup(html, "html.parser").select_one(selector)
    assert block is not None, f"nothing on the page matches {selector}"
    return [[line.strip() for line in p.get_text("\n").split("\n") if line.strip()]
            for p in block.find_all("p")]


TWO_PARAGRAPHS = [["One."], ["Two.", "Three."]]


def test_a_narrative_typed_in_paragraphs_reads_in_paragraphs_and_is_stored_as_typed(
        world, as_role):
    app = as_role("teacher")
    form = app.get(S1 + "narratives/add").forms["document-form"]
    form["title"], form["term"], form["course"] = "Fall feedback", "Fall 2024", "Math 7"
    form["body"] = TYPED
    page = form.submit("save").follow()
    assert shown(page.text, "div.narrative") == TWO_PARAGRAPHS
    assert page.html.select("div.narrative p")[1].find("br") is not None
    narrative = next(iter(world.site()["students"]["s1"]["narratives"].values()))
    assert narrative.body == TYPED
    world.close()


# Who types it, the form (field names and other fields), and where it is read.
FIELDS = {
    "profile strengths": ("counselor", "profile/edit", "strengths", {},
                          "profile/", "dl.profile dd"),
    "strengths on the student page": ("counselor", "profile/edit", "strengths", {},
                                      "", "section.strengths dd"),
    "a reflection": ("student", "profile/reflect", "text", {}, "profile/", "ol.reflections li"),
    "plan accommodations": ("counselor", "plan/edit", "accommodations",
                            {("date", 0): "2024-09-01", ("date", 1): "2025-06-15",
                             ("date", 2): "2025-06-01"},
                            "plan/", "div.accommodations"),
    "transcript special programs": ("administrator", "transcript/edit", "programs",
                                    {"days_enrolled": "170", "days_absent": "3",
                                     "tardies": "1"}, "transcript/", "div.programs"),
}


@pytest.mark.parametrize("case", FIELDS)
def test_every_multi_line_field_keeps_its_paragraphs(world, as_role, case):
    role, form_url, name, others, page_url, selector = FIELDS[case]
    app = as_role(role)
    form = app.get(S1 + form_url).forms["document-form"]
    for other, value in others.items():
        other, index = other if isinstance(other, tuple) else (other, None)
        form.set(other, value, index=index)
    form[name] = TYPED
    form.submit("save", status=303)
    assert shown(app.get(S1 + page_url).text, selector)[-2:] == TWO_PARAGRAPHS


def test_a_portfolio_items_description_and_reflection_keep_their_paragraphs(world, as_role):
    app = as_role("student")
    form = app.get(S1 + "portfolio/add").forms["document-form"]
    form["title"], form["kind"] = "My essay", "work"
    form["description"] = "An essay.\r\nTwo pages."
    form["reflection"] = TYPED
    form["upload"] = webtest.Upload("essay.txt", b"Rain on the roof\n", "text/plain")
    page = form.submit("save").follow()
    assert shown(page.text, "div.description") == [["An essay.", "Two pages."]]
    assert shown(page.text, "blockquote") == TWO_PARAGRAPHS


def test_an_earlier_version_shows_its_paragraphs(world, as_role):
    app = as_role("counselor")
    form = app.get(S1 + "profile/edit").forms["document-form"]
    form["interests"] = TYPED
    form.submit("save", status=303)
    page = app.get(S1 + "profile/version?n=2")
    rows = page.html.select("dl.version dd")
    interests = next(dd for dd in rows if "Two." in dd.get_text())
    assert [[s for s in p.stripped_strings] for p in interests.find_all("p")] == TWO_PARAGRAPHS


def test_a_comment_in_the_history_keeps_its_paragraphs(world, as_role):
    site = world.site()
    ENGINE.perform(site["students"]["s1"]["plan"], "submit", actor="cora",
                   roles={"counselor"})
    ENGINE.perform(site["students"]["s1"]["plan"], "return", actor="ada",
                   roles={"administrator"}, comment="Goals first.\r\n\r\nThen:\r\nsupports.")
    transaction.commit()
    world.close()
    page = as_role("counselor").get(S1 + "plan/")
    comment = page.html.select_one("ol.history blockquote.comment")
    assert [list(p.stripped_strings) for p in comment.find_all("p")] == [
        ["“Goals first."], ["Then:", "supports.”"]]


def test_markup_typed_into_a_paragraph_is_shown_as_text(world, as_role):
    app = as_role("teacher")
    form = app.get(S1 + "narratives/add").forms["document-form"]
    form["title"], form["term"], form["course"] = "Fall feedback", "Fall 2024", "Math 7"
    form["body"] = "Fine work.\r\n\r\n<script>alert(1)</script>\r\n<b>bold</b>"
    page = form.submit("save").follow()
    block = page.html.select_one("div.narrative")
    assert block.find("script") is None and block.find("b") is None
    assert "<script>alert(1)</script>" in block.get_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>&lt;b&gt;bold&lt;/b&gt;" in page.text


@pytest.mark.parametrize(("typed", "html"), [
    ("One.\r\n\r\nTwo.\r\nThree.", "<p>One.</p><p>Two.<br>Three.</p>"),
    ("One.\n\nTwo.\nThree.", "<p>One.</p><p>Two.<br>Three.</p>"),
    ("One.\r\rTwo.\rThree.", "<p>One.</p><p>Two.<br>Three.</p>"),
    ("\r\n  One.  \r\n \r\n\r\n\r\nTwo.\r\n", "<p>One.</p><p>Two.</p>"),
    ("", ""), ("   \r\n ", ""), (None, ""),
    ("a & b < c", "<p>a &amp; b &lt; c</p>"),
])
def test_line_endings_of_every_kind_make_the_same_paragraphs(typed, html):
    assert paragraphs(typed) == html


def test_a_progress_report_keeps_its_paragraphs(world, as_role):
    plan = world.site()["students"]["s1"]["plan"]
    plan.reports.add("report-1", ProgressReport({"period": "Fall", "body": TYPED}, by="cora"))
    enter_workflows(ENGINE, plan.reports["report-1"])
    transaction.commit()
    world.close()
    page = as_role("counselor").get(S1 + "plan/reports/report-1/")
    assert shown(page.text, "div.narrative") == TWO_PARAGRAPHS
