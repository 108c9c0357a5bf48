"""A form shown again says each thing to fix once: the summary at the top names and links
to each bad field, the field itself says what is wrong; focus is left to the summary."""
from __future__ import annotations

import datetime

import transaction
from bs4 import BeautifulSoup

from tests.conftest import ENGINE

S1 = "/students/s1/"


def bad_transcript(world, app):
    """The transcript form sent with its second course row half filled and more days
    absent than enrolled."""
    transcript = world.site()["students"]["s1"]["transcript"]
    transcript.courses = ({"term": "Spring 2024", "course": "Math 6", "grade": "A",
                           "credits": 1.0},)
    transaction.commit()
    world.close()
    form = app.get(S1 + "transcript/edit").forms["document-form"]
    form.set("term", "Fall 2024", index=1)
    form.set("credits", "1", index=1)
    form["days_enrolled"], form["days_absent"], form["tardies"] = "170", "171", "0"
    return form.submit("save", status=400)


def test_each_problem_is_said_once_and_the_summary_links_to_each_bad_field(world, as_role):
    page = bad_transcript(world, as_role("administrator"))
    soup = BeautifulSoup(page.text, "html.parser")
    summary = soup.select_one("main .error-summary")
    links = {a.get_text(strip=True): a["href"] for a in summary.select("li a")}
    assert list(links) == ["Course (Courses and grades, row 2)",
                           "Grade or mark (Courses and grades, row 2)", "Days absent"]
    for title, href in links.items():
        field = soup.find(id=href[1:])
        assert field is not None and field.name in ("input", "select", "textarea"), title
        assert field["aria-invalid"] == "true"
    at_fields = [p.get_text(strip=True) for p in soup.select(".invalid-feedback")]
    assert at_fields == ["Required", "Required", "More days absent than days enrolled"]
    assert "More days absent" not in summary.get_text()  # said at the field, once
    assert page.text.count("More days absent than days enrolled") == 1
    assert len(soup.select("main .error-summary")) == 1
    assert "There was a problem" not in page.text and "highlighted below" not in page.text


def test_the_summary_takes_focus_and_no_field_grabs_it(world, as_role):
    page = bad_transcript(world, as_role("administrator"))
    soup = BeautifulSoup(page.text, "html.parser")
    summary = soup.find(id="problems")
    assert summary["tabindex"] == "-1" and summary.has_attr("data-focus-on-load")
    assert "autofocus" not in page.text
    # the spare row added later starts out clean, not marked as wrong
    assert "aria-invalid" not in soup.select_one("input.deform-proto")["prototype"]


def test_a_form_opened_afresh_has_no_summary(world, as_role):
    page = as_role("administrator").get(S1 + "transcript/edit")
    assert not page.html.select(".error-summary")


def plan_in_force(world, supports: tuple = ()) -> None:
    plan = world.site()["students"]["s1"]["plan"]
    today = datetime.date.today()
    plan.period_start, plan.period_end = today - datetime.timedelta(30), \
        today + datetime.timedelta(200)
    plan.supports = supports
    for step in ("submit", "adopt"):
        ENGINE.perform(plan, step, actor="cora", roles={"counselor"})
    transaction.commit()
    world.close()


def test_the_session_log_is_a_form_page_with_the_same_single_summary(world, as_role):
    today = datetime.date.today()
    plan_in_force(world, ({"kind": "Reading tutoring", "provider": "toby",
                           "setting": "outside school", "frequency": "weekly", "minutes": 60,
                           "start": today - datetime.timedelta(30),
                           "end": today + datetime.timedelta(200)},))
    app = as_role("contributor")
    page = app.get(S1 + "plan/log-session")
    assert "Sessions you logged" in page.text and not page.html.select(".error-summary")
    form = page.forms["document-form"]
    form["minutes"] = "lots"
    shown = form.submit("save", status=400)
    summary = shown.html.select("main .error-summary")
    assert len(summary) == 1
    assert "Minutes delivered" in [a.get_text(strip=True) for a in summary[0].select("a")]
    assert "Sessions you logged" in shown.text
    assert shown.text.count("Enter a whole number, like 45") == 1
