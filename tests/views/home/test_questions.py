"""The counselor answering a family sees what was asked, above the answer form, and finds
the questions waiting on "Waiting for me" as on the home page."""
from __future__ import annotations

import datetime

from bs4 import BeautifulSoup

from tests.views.test_family_experience import REPORT, setup, share_report, words

TODAY = datetime.date.today()


def ask(as_role, text: str) -> None:
    form = as_role("guardian").get(REPORT + "ask").forms["document-form"]
    form["text"] = text
    assert form.submit("save").status_int == 303


def test_the_answer_form_shows_the_questions_waiting_above_it(world, as_role):
    setup(world)
    share_report(as_role)
    ask(as_role, "What can we do at home <b>for</b> arriving on time?")
    ask(as_role, "Is the bus part of it?")
    page = as_role("counselor").get(REPORT + "answer")
    form = BeautifulSoup(page.text, "html.parser").find("form", id="document-form")
    asked = " ".join(form.find("p", class_="section").get_text(" ").split())
    assert asked.startswith(f"Waiting for your answer: Gina Example asked on "
                            f"{TODAY:%-d %B %Y}")
    assert "“What can we do at home <b>for</b> arriving on time?”" in asked  # as typed
    assert asked.endswith("“Is the bus part of it?”")
    field = form.find("textarea")
    assert form.find("p", class_="section").sourceline <= field.sourceline  # above it


def test_with_nothing_asked_the_answer_form_says_nothing_of_questions(world, as_role):
    setup(world)
    share_report(as_role)
    assert "Waiting for your answer" not in words(as_role("counselor").get(REPORT + "answer"))


def test_waiting_for_me_lists_the_questions_from_families(world, as_role):
    setup(world)
    share_report(as_role)
    counselor = as_role("counselor")
    assert "Questions from families" not in words(counselor.get("/worklists"))
    ask(as_role, "What can we do at home for arriving on time?")
    soup = BeautifulSoup(as_role("counselor").get("/worklists").text, "html.parser")
    section = soup.find("h2", id="questions-heading").find_parent("section")
    listed = " ".join(section.get_text(" ").split())
    assert listed.startswith("Questions from families (1) Maya Lopez, Progress report: Fall")
    assert f"Gina Example asked on {TODAY:%-d %B %Y}" in listed
    assert section.a["href"].endswith(REPORT + "#replies-heading")
    assert "Questions from families" not in words(as_role("teacher").get("/worklists"))
